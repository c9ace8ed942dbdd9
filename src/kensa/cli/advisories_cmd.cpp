// kensa advisories ...: the offline OSV advisory database (issue 7).
#include "kensa/app/advisories/import.h"
#include "kensa/app/advisories/match.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/dto/scan_run_dto.h"
#include "kensa/formats/osv/osv_feed.h"

namespace kensa::cli {

void AddAdvisoriesCommand(CLI::App& root, GlobalOptions& global) {
    auto* adv = root.add_subcommand("advisories", "The offline OSV advisory database");
    adv->require_subcommand(1);
    auto path = std::make_shared<std::string>();
    auto group = std::make_shared<std::string>();
    auto* import = adv->add_subcommand(
        "import",
        "Import OSV JSON from a file, a directory or a zip (incremental), then match every group");
    import->add_option("path", *path, "File, directory or zip")->required();
    import->callback([&global, path] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            formats::osv::OsvFeed feed;
    KENSA_ASSIGN_OR_RETURN(auto r, app::ImportAdvisories(rt.ctx(), feed, *path));
    PrintJson(dto::ToJson(r));
    if (!r.errors.empty()) {
        global.exit_code = 2;
    }
    if (r.inserted + r.updated == 0) {
        return Ok();
    }
    // Issue 7: every group's software is matched again after an advisory import.
    KENSA_ASSIGN_OR_RETURN(auto index, app::LoadAdvisoryIndex(rt.store()));
    KENSA_ASSIGN_OR_RETURN(auto groups, rt.store().ListGroups());
    for (const auto& g : groups) {
        KENSA_ASSIGN_OR_RETURN(
            auto run, app::MatchGroup(rt.ctx(), *index, g.id, domain::ScanTrigger::kManual));
        std::cerr << "matched group " << g.name << ": " << domain::ToString(run.status) << ", "
                  << run.tasks_created << " tasks created\n";
        if (run.status == domain::ScanStatus::kFailed) {
            global.exit_code = 1;
        }
    }
    return Ok();
});
}  // namespace kensa::cli
);
auto* match = adv->add_subcommand("match", "Match a group's software against the advisories now");
match->add_option("--group", *group, "Group id or name")->required();
match->callback([&global, group] {
    WithRuntime(global, [&](server::Runtime& rt) -> Status {
        KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
        KENSA_ASSIGN_OR_RETURN(auto index, app::LoadAdvisoryIndex(rt.store()));
        KENSA_ASSIGN_OR_RETURN(
            auto matched, app::MatchGroup(rt.ctx(), *index, gid, domain::ScanTrigger::kManual));
        PrintJson(dto::ToJson(matched));
        if (matched.status == domain::ScanStatus::kFailed) {
            global.exit_code = 1;
        }
        return Ok();
    });
});
}

}  // namespace kensa::cli
