// kensa scan ... and kensa task ...: manual scans and the task list.
#include "kensa/app/tasks/change_task.h"
#include "kensa/app/inspector_scan.h"
#include "kensa/cli/cli_common.h"
#include "kensa/http/api/api_common.h"

namespace kensa::cli {

using Json = nlohmann::json;

namespace {

Json RunJson(const domain::ScanRun& r) { return http::api::ToJson(r); }

}  // namespace

void AddScanCommands(CLI::App& root, GlobalOptions& global) {
    auto* scan = root.add_subcommand("scan", "Run Inspector scans now");
    scan->require_subcommand(1);
    auto server_id = std::make_shared<int64_t>(0);
    auto* one = scan->add_subcommand("server", "Manual scan of one server (exit 1 when the scan run failed)");
    one->add_option("server_id", *server_id, "Server id")->required();
    one->callback([&global, server_id] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            app::InspectorScan s(rt.ctx());
            KENSA_ASSIGN_OR_RETURN(auto run, s.ScanServer(*server_id, domain::ScanTrigger::kManual));
            PrintJson(RunJson(run));
            if (run.status == domain::ScanStatus::kFailed) {
                global.exit_code = 1;
            }
            return Ok();
        });
    });
    auto group = std::make_shared<std::string>();
    auto* all = scan->add_subcommand("group", "Scan every normal-mode server of a group");
    all->add_option("group", *group, "Group id or name")->required();
    all->callback([&global, group] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            app::InspectorScan s(rt.ctx());
            KENSA_ASSIGN_OR_RETURN(auto runs, s.ScanGroup(gid, domain::ScanTrigger::kManual));
            Json out = Json::array();
            for (const auto& r : runs) {
                out.push_back(RunJson(r));
                if (r.status == domain::ScanStatus::kFailed) {
                    global.exit_code = 1;
                }
            }
            PrintJson(out);
            return Ok();
        });
    });

    auto* task = root.add_subcommand("task", "List and update tasks");
    task->require_subcommand(1);
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
            f.limit = 10000;
            Json out = Json::array();
            while (true) {
                KENSA_ASSIGN_OR_RETURN(auto page, rt.store().ListTasks(f));
                for (const auto& v : page) {
                    out.push_back({{"id", v.task.id}, {"server", v.server_name}, {"server_id", v.task.server_id},
                                   {"vulnerability_id", v.task.vulnerability_id},
                                   {"status", domain::ToString(v.task.status)},
                                   {"priority", domain::ToString(v.task.priority)}, {"severity", domain::ToString(v.severity)}});
                }
                if (static_cast<int>(page.size()) < f.limit) {
                    break;
                }
                f.after_id = page.back().task.id;
            }
            PrintJson(out);
            return Ok();
        });
    });
    auto task_id = std::make_shared<int64_t>(0);
    auto new_status = std::make_shared<std::string>();
    auto* set = task->add_subcommand("set-status", "Set a task's status as a user (any status but PATCH_APPLIED)");
    set->add_option("task_id", *task_id, "Task id")->required();
    set->add_option("status", *new_status, "NEW, INVESTIGATING, ONGOING, DEFER, WORKAROUND, NOT_AFFECTED, RISK_ACCEPTED")
        ->required();
    set->callback([&global, task_id, new_status] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            domain::TaskStatus st;
            if (!domain::Parse(*new_status, &st)) {
                return Error(ErrorCode::kInvalidInput, "unknown status '" + *new_status + "'");
            }
            domain::TaskEdit edit;
            edit.status = st;
            KENSA_ASSIGN_OR_RETURN(auto outcome, app::ChangeTask(rt.store(), rt.ctx().clock, *task_id, edit, "cli"));
            const domain::Task& t = outcome.task;
            PrintJson({{"id", t.id}, {"status", domain::ToString(t.status)}});
            return Ok();
        });
    });
}

}  // namespace kensa::cli
