// kensa import ...: results and documents from other tools. `import vuls` reads Vuls results
// (R19); `import sbom` reads SBOM files of any tool into one server (R18). Each file streams in
// its own transaction.
#include <fstream>
#include <memory>

#include "kensa/app/sbom/import_file.h"
#include "kensa/app/vuls/import_result.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/dto/inventory_dto.h"
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

// Imports each file on its own and prints {imported, failed}: a bad file (exit code 2) does
// not stop the others; a database error stops the command.
template <class ImportFn>
Status ImportEach(GlobalOptions& global, const std::vector<std::string>& files, ImportFn import) {
    dto::Json imported = dto::Json::array();
    dto::Json failed = dto::Json::array();
    for (const auto& path : files) {
        auto r = import(path);
        if (r.ok()) {
            dto::Json j = dto::ToJson(*r);
            j["file"] = path;
            imported.push_back(std::move(j));
        } else if (r.error().code() == ErrorCode::kInvalidInput) {
            failed.push_back({{"file", path}, {"error", r.error().message()}});
            global.exit_code = 2;
        } else {
            return std::move(r).error();
        }
    }
    PrintJson({{"imported", imported}, {"failed", failed}});
    return Ok();
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
            return ImportEach(global, *files, [&](const std::string& path) {
                return ImportFile(rt.ctx(), gid, path, advisories);
            });
        });
    });

    auto server_id = std::make_shared<int64_t>(0);
    auto sbom_files = std::make_shared<std::vector<std::string>>();
    auto* sbom = imp->add_subcommand(
        "sbom",
        "Import SBOM files into a server: CycloneDX 1.2-1.6 (JSON or XML) or SPDX 2.2-2.3 (JSON "
        "or tag-value). The files together replace what the server's earlier SBOM files said; "
        "one bad file imports none");
    sbom->add_option("--server", *server_id, "Server id")->required();
    sbom->add_option("files", *sbom_files, "SBOM files")->required();
    sbom->callback([&global, server_id, sbom_files] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Server server, rt.store().GetServer(*server_id));
            app::AdvisoryIndexOnce advisories(rt.store());
            // The files are one import: together they are the server's SBOM.
            std::vector<std::unique_ptr<std::ifstream>> streams;
            std::vector<std::pair<std::string, std::istream*>> documents;
            dto::Json failed = dto::Json::array();
            for (const auto& path : *sbom_files) {
                streams.push_back(std::make_unique<std::ifstream>(path, std::ios::binary));
                if (!*streams.back()) {
                    failed.push_back({{"file", path}, {"error", "cannot open " + path}});
                }
                documents.emplace_back(path, streams.back().get());
            }
            dto::Json imported = dto::Json::array();
            if (failed.empty()) {
                auto r = app::ImportSbomStreams(rt.ctx(),
                                                server.group_id,
                                                server.id,
                                                domain::ScanTrigger::kManual,
                                                documents,
                                                advisories);
                if (!r.ok() && r.error().code() != ErrorCode::kInvalidInput) {
                    return std::move(r).error();  // the database, not a file
                }
                if (r.ok()) {
                    for (const auto& d : r->documents) {
                        dto::Json j = dto::ToJson(*r);
                        j.erase("documents");
                        j["file"] = d.source;
                        j["format"] = d.format;
                        j["spec_version"] = d.spec_version;
                        j["name"] = d.name;
                        j["components"] = d.components;
                        imported.push_back(std::move(j));
                    }
                } else {
                    auto source = r.error().details().find("source");
                    failed.push_back(
                        {{"file",
                          source != r.error().details().end() ? source->second : std::string()},
                         {"error", r.error().message()}});
                }
            }
            if (!failed.empty()) {
                global.exit_code = 2;  // nothing of any file was imported
            }
            PrintJson({{"imported", imported}, {"failed", failed}});
            return Ok();
        });
    });
}

}  // namespace kensa::cli
