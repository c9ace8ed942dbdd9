// kensa import ...: results and documents from other tools. `import vuls` reads Vuls results
// (R19); each file streams into the group in its own transaction.
#include <fstream>

#include "kensa/app/vuls/import_result.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/dto/vuls_dto.h"

namespace kensa::cli {

namespace {

Result<app::VulsImportResult> ImportFile(const app::AppContext& ctx,
                                         domain::Id group_id,
                                         const std::string& path,
                                         app::AdvisoryIndexOnce& advisories) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error(ErrorCode::kInvalidInput, "cannot open " + path).With("file", path);
    }
    return app::ImportVulsStream(ctx, group_id, domain::ScanTrigger::kManual, path, in, advisories);
}

}  // namespace

void AddImportCommand(CLI::App& root, GlobalOptions& global) {
    auto* imp = root.add_subcommand("import", "Import results and documents from other tools");
    imp->require_subcommand(1);
    auto group = std::make_shared<std::string>();
    auto files = std::make_shared<std::vector<std::string>>();
    auto* vuls = imp->add_subcommand(
        "vuls", "Import Vuls results (results/*.json of vuls scan or vuls report, jsonVersion 4)");
    vuls->add_option("--group", *group, "Group id or name")->required();
    vuls->add_option("files", *files, "Result files")->required();
    vuls->callback([&global, group, files] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            app::AdvisoryIndexOnce advisories(rt.store());
            dto::Json imported = dto::Json::array();
            dto::Json failed = dto::Json::array();
            for (const auto& path : *files) {
                auto r = ImportFile(rt.ctx(), gid, path, advisories);
                if (r.ok()) {
                    dto::Json j = dto::ToJson(*r);
                    j["file"] = path;
                    imported.push_back(std::move(j));
                } else if (r.error().code() == ErrorCode::kInvalidInput) {
                    failed.push_back({{"file", path}, {"error", r.error().message()}});
                    global.exit_code = 2;
                } else {
                    return std::move(r).error();  // the database, not the file
                }
            }
            PrintJson({{"imported", imported}, {"failed", failed}});
            return Ok();
        });
    });
}

}  // namespace kensa::cli
