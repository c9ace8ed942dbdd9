// kensa task ...: a group's task list and user status changes.
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
}

}  // namespace kensa::cli
