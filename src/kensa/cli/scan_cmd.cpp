// kensa scan ...: manual Inspector scans of a server or a group.
#include "kensa/app/inspector/inspector_scan.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/dto/scan_run_dto.h"

namespace kensa::cli {

using Json = dto::Json;

void AddScanCommand(CLI::App& root, GlobalOptions& global) {
    auto* scan = root.add_subcommand("scan", "Run Inspector scans now");
    scan->require_subcommand(1);
    auto server_id = std::make_shared<int64_t>(0);
    auto* one = scan->add_subcommand("server",
                                     "Manual scan of one server (exit 1 when the scan run failed)");
    one->add_option("server_id", *server_id, "Server id")->required();
    one->callback([&global, server_id] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            app::InspectorScan s(rt.ctx());
            KENSA_ASSIGN_OR_RETURN(auto run,
                                   s.ScanServer(*server_id, domain::ScanTrigger::kManual));
            PrintJson(dto::ToJson(run));
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
                out.push_back(dto::ToJson(r));
                if (r.status == domain::ScanStatus::kFailed) {
                    global.exit_code = 1;
                }
            }
            PrintJson(out);
            return Ok();
        });
    });
}

}  // namespace kensa::cli
