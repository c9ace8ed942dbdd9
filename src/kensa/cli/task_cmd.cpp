// kensa task ...: a group's task list and the changes a user makes to a task.
#include <array>
#include <charconv>

#include "kensa/app/tasks/change_task.h"
#include "kensa/app/tasks/task_queries.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/dto/task_dto.h"

namespace kensa::cli {

using Json = dto::Json;

void AddTaskCommand(CLI::App& root, GlobalOptions& global) {
    auto* task = root.add_subcommand("task", "List and update tasks");
    task->require_subcommand(1);
    auto group = std::make_shared<std::string>();
    auto status = std::make_shared<std::string>();
    auto* list = task->add_subcommand("list", "A group's tasks");
    list->add_option("group", *group, "Group id or name")->required();
    list->add_option("--status", *status, "Only this status");
    list->callback([&global, group, status] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            ports::TaskFilter f;
            KENSA_ASSIGN_OR_RETURN(f.group_id, ResolveGroup(rt.store(), *group));
            if (!status->empty()) {
                domain::TaskStatus st;
                if (!domain::Parse(*status, &st)) {
                    return Error(ErrorCode::kInvalidInput, "unknown status '" + *status + "'");
                }
                f.status = st;
            }
            f.limit = app::kMaxTaskPage;
            Json out = Json::array();
            while (true) {
                KENSA_ASSIGN_OR_RETURN(auto page, app::ListTasks(rt.store(), f));
                for (const auto& v : page.tasks) {
                    Json j = dto::ToJson(v);
                    j["server"] = v.server_name;  // the CLI's name for server_name, kept
                    out.push_back(std::move(j));
                }
                if (!page.next_after) {
                    break;
                }
                f.after_id = *page.next_after;
            }
            PrintJson(out);
            return Ok();
        });
    });
    auto task_id = std::make_shared<int64_t>(0);
    auto new_status = std::make_shared<std::string>();
    auto* set = task->add_subcommand(
        "set-status", "Set a task's status as a user (any status but PATCH_APPLIED)");
    set->add_option("task_id", *task_id, "Task id")->required();
    set->add_option("status",
                    *new_status,
                    "NEW, INVESTIGATING, ONGOING, DEFER, WORKAROUND, NOT_AFFECTED, RISK_ACCEPTED")
        ->required();
    set->callback([&global, task_id, new_status] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            domain::TaskStatus st;
            if (!domain::Parse(*new_status, &st)) {
                return Error(ErrorCode::kInvalidInput, "unknown status '" + *new_status + "'");
            }
            domain::TaskEdit edit;
            edit.status = st;
            KENSA_ASSIGN_OR_RETURN(
                auto outcome, app::ChangeTask(rt.store(), rt.ctx().clock, *task_id, edit, "cli"));
            PrintJson(dto::ToJson(outcome.task));
            return Ok();
        });
    });

    // task set TASK_ID [--status S] [--priority P] [--assignee NAME] [--deadline EPOCH|none]
    // [--comment TEXT]: one change, one transaction, one audit event.
    auto edit_id = std::make_shared<int64_t>(0);
    auto flags = std::make_shared<std::array<std::string, 5>>();
    auto* edit_cmd = task->add_subcommand(
        "set", "Change a task: status, priority, assignee, deadline, a comment");
    edit_cmd->add_option("task_id", *edit_id, "Task id")->required();
    edit_cmd->add_option("--status", (*flags)[0], "Any status but PATCH_APPLIED");
    edit_cmd->add_option("--priority", (*flags)[1], "HIGH, MEDIUM, LOW or NONE");
    edit_cmd->add_option("--assignee", (*flags)[2], "Who works on it (\"\" clears it)");
    edit_cmd->add_option("--deadline", (*flags)[3], "Epoch seconds, or 'none' to clear it");
    edit_cmd->add_option("--comment", (*flags)[4], "A comment to add");
    edit_cmd->callback([&global, edit_id, flags, edit_cmd] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            domain::TaskEdit edit;
            const auto& [status_arg, priority_arg, assignee, deadline, comment] = *flags;
            if (edit_cmd->count("--status") > 0) {
                domain::TaskStatus st;
                if (!domain::Parse(status_arg, &st)) {
                    return Error(ErrorCode::kInvalidInput, "unknown status '" + status_arg + "'")
                        .With("field", "status");
                }
                edit.status = st;
            }
            if (edit_cmd->count("--priority") > 0) {
                domain::TaskPriority p;
                if (!domain::Parse(priority_arg, &p)) {
                    return Error(ErrorCode::kInvalidInput,
                                 "unknown priority '" + priority_arg + "'")
                        .With("field", "priority");
                }
                edit.priority = p;
            }
            if (edit_cmd->count("--assignee") > 0) {
                edit.assignee = assignee;
            }
            if (edit_cmd->count("--deadline") > 0) {
                if (deadline == "none") {
                    edit.deadline = std::optional<domain::EpochSeconds>();
                } else {
                    int64_t at = 0;
                    auto [end, ec] =
                        std::from_chars(deadline.data(), deadline.data() + deadline.size(), at);
                    if (ec != std::errc() || end != deadline.data() + deadline.size() || at < 0) {
                        return Error(ErrorCode::kInvalidInput,
                                     "--deadline must be epoch seconds or 'none', not '" +
                                         deadline + "'")
                            .With("field", "deadline");
                    }
                    edit.deadline = std::optional<domain::EpochSeconds>(at);
                }
            }
            if (edit_cmd->count("--comment") > 0) {
                edit.comment = comment;
            }
            KENSA_ASSIGN_OR_RETURN(
                auto outcome, app::ChangeTask(rt.store(), rt.ctx().clock, *edit_id, edit, "cli"));
            PrintJson(dto::ToJson(outcome.task));
            return Ok();
        });
    });
}

}  // namespace kensa::cli
