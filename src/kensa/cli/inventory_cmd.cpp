// kensa software / eol / export: the software inventory (R18). `software list` prints every
// matching row of a group, paging through the use case; `eol list` a group's EOL items; `eol
// import` replaces the shipped endoflife.date data offline; `export cyclonedx` writes a
// server's SBOM (or its VEX) as CycloneDX 1.5 JSON.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kensa/app/inventory/eol.h"
#include "kensa/app/inventory/software_list.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/common/clock.h"
#include "kensa/common/strings.h"
#include "kensa/dto/inventory_dto.h"
#include "kensa/formats/sbom/cyclonedx_writer.h"
#include "kensa/knowledge/eol_catalog.h"

namespace kensa::cli {

using Json = dto::Json;

namespace {

constexpr uintmax_t kMaxEolFileBytes = uintmax_t{16} << 20;

Result<std::string> ReadSmallFile(const std::filesystem::path& path) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        return Error(ErrorCode::kInvalidInput,
                     "cannot read " + path.string() + ": " + ec.message());
    }
    if (size > kMaxEolFileBytes) {
        return Error(ErrorCode::kInvalidInput, path.string() + " is larger than 16 MiB");
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (!in && !in.eof()) {
        return Error(ErrorCode::kInvalidInput, "cannot read " + path.string());
    }
    return buf.str();
}

// The product pages of an endoflife.date checkout (a products/ directory or one page), or one
// kensa snapshot file (given as a page named "").
Result<std::vector<std::pair<std::string, std::string>>> ReadEolPath(const std::string& path) {
    namespace fs = std::filesystem;
    std::vector<std::pair<std::string, std::string>> pages;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        fs::path dir = path;
        if (fs::is_directory(dir / "products", ec)) {
            dir /= "products";
        }
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (entry.is_regular_file() && entry.path().extension() == ".md") {
                files.push_back(entry.path());
            }
        }
        if (ec) {
            return Error(ErrorCode::kInvalidInput, "cannot list " + path + ": " + ec.message());
        }
        std::sort(files.begin(), files.end());
        if (files.empty()) {
            return Error(ErrorCode::kInvalidInput,
                         path + " holds no endoflife.date product pages (*.md)");
        }
        for (const auto& f : files) {
            KENSA_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(f));
            pages.emplace_back(f.stem().string(), std::move(text));
        }
        return pages;
    }
    KENSA_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path));
    if (fs::path(path).extension() == ".md") {
        pages.emplace_back(fs::path(path).stem().string(), std::move(text));
    } else {
        pages.emplace_back("", std::move(text));  // a snapshot
    }
    return pages;
}

}  // namespace

void AddSoftwareCommand(CLI::App& root, GlobalOptions& global) {
    auto* software = root.add_subcommand("software", "The software inventory of a group");
    software->require_subcommand(1);
    auto* list = software->add_subcommand(
        "list", "Every software row of a group's servers that matches the filters (JSON or CSV)");
    auto group = std::make_shared<std::string>();
    auto params = std::make_shared<std::map<std::string, std::string>>();
    auto output = std::make_shared<std::string>("json");
    list->add_option("group", *group, "Group id or name")->required();
    for (const auto& [flag, key, help] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"--server", "server_id", "Only this server (id)"},
             {"--type", "type", "os_pkg, library, runtime or application"},
             {"--ecosystem", "ecosystem", "purl type: deb, rpm, pypi, npm, maven, ..."},
             {"--name", "name", "Exact package name (maven: group:artifact)"},
             {"--name-prefix", "name_prefix", "Names that start with this"},
             {"--version", "version", "Exact version"},
             {"--version-range", "version_range", "Where is X used: >=2.0,<2.17.1 (needs --name)"},
             {"--license", "license", "An SPDX id or LicenseRef in the license expression"},
             {"--license-category",
              "license_category",
              "permissive, weak_copyleft, strong_copyleft, network_copyleft, proprietary, "
              "public_domain or unknown"},
             {"--eol-state", "eol_state", "SUPPORTED, NEAR_EOL, EOL, or any (of any cycle)"},
             {"--vulnerable", "vulnerable", "true: with an open detection; false: without"},
             {"--include-removed", "include_removed", "true: rows scans no longer see too"}}) {
        auto key_copy = key;
        list->add_option_function<std::string>(
            flag, [params, key_copy](const std::string& v) { (*params)[key_copy] = v; }, help);
    }
    list->add_option("-o,--output", *output, "json (default) or csv")
        ->check(CLI::IsMember({"json", "csv"}));
    list->callback([&global, group, params, output] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            KENSA_ASSIGN_OR_RETURN(app::GroupSoftwareQuery q, dto::ParseSoftwareQuery(*params));
            const bool csv = *output == "csv";
            if (csv) {
                std::cout << dto::SoftwareCsvHeader();
            } else {
                std::cout << "[";
            }
            bool first = true;
            KENSA_TRY(app::ForEachGroupSoftware(
                rt.ctx(), gid, q, [&](const app::GroupSoftwareRow& row) -> Status {
                    if (csv) {
                        std::cout << dto::SoftwareCsvRow(row);
                    } else {
                        std::cout << (first ? "\n" : ",\n") << dto::ToJson(row).dump();
                    }
                    first = false;
                    return Ok();
                }));
            if (!csv) {
                std::cout << (first ? "]\n" : "\n]\n");
            }
            return Ok();
        });
    });
}

void AddEolCommand(CLI::App& root, GlobalOptions& global) {
    auto* eol = root.add_subcommand("eol", "End of life: items per server, and the EOL data");
    eol->require_subcommand(1);

    auto group = std::make_shared<std::string>();
    auto state = std::make_shared<std::string>();
    auto product = std::make_shared<std::string>();
    auto server_id = std::make_shared<int64_t>(0);
    auto include_closed = std::make_shared<bool>(false);
    auto* list = eol->add_subcommand("list", "A group's EOL items, soonest end first");
    list->add_option("group", *group, "Group id or name")->required();
    list->add_option("--state", *state, "SUPPORTED, NEAR_EOL or EOL");
    list->add_option("--product", *product, "An endoflife.date product (python, amazon-linux)");
    list->add_option("--server", *server_id, "Only this server (id)");
    list->add_flag("--include-closed", *include_closed, "Items no scan sees any more too");
    list->callback([&global, group, state, product, server_id, include_closed] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            app::EolQuery q;
            if (!state->empty()) {
                domain::EolState st;
                if (!domain::Parse(*state, &st)) {
                    return Error(ErrorCode::kInvalidInput,
                                 "--state must be SUPPORTED, NEAR_EOL or EOL");
                }
                q.state = st;
            }
            q.product = *product;
            if (*server_id != 0) {
                q.server_id = *server_id;
            }
            q.include_closed = *include_closed;
            KENSA_ASSIGN_OR_RETURN(auto items, app::ListGroupEol(rt.ctx(), gid, q));
            Json out = Json::array();
            for (const auto& v : items) {
                out.push_back(dto::ToJson(v));
            }
            PrintJson(out);
            return Ok();
        });
    });

    auto path = std::make_shared<std::string>();
    auto* imp = eol->add_subcommand(
        "import",
        "Replace the EOL data with an endoflife.date checkout (its products/ directory or one "
        "page) or a kensa snapshot file, offline, and refresh every server's EOL items");
    imp->add_option("path", *path, "Directory of product pages, a page (.md) or a snapshot")
        ->required();
    imp->callback([&global, path] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(auto pages, ReadEolPath(*path));
            std::string source =
                pages.size() == 1 && pages[0].first.empty()
                    ? "snapshot " + std::filesystem::path(*path).filename().string()
                    : "endoflife.date pages (" + std::to_string(pages.size()) + ") from " +
                          std::filesystem::path(*path).filename().string();
            KENSA_ASSIGN_OR_RETURN(auto result, app::ImportEolData(rt.ctx(), pages, source));
            PrintJson(dto::ToJson(result));
            return Ok();
        });
    });

    auto snap_path = std::make_shared<std::string>();
    auto* snapshot = eol->add_subcommand(
        "snapshot",
        "Print the compact snapshot of an endoflife.date checkout (how data/eol/ is made); "
        "without a path, the data kensa ships");
    snapshot->add_option("path", *snap_path, "Directory of product pages");
    snapshot->callback([&global, snap_path] {
        if (snap_path->empty()) {
            std::cout << knowledge::BuiltinEolSnapshot();
            return;
        }
        auto pages = ReadEolPath(*snap_path);
        auto catalog = pages.ok() ? knowledge::EolCatalog::FromProductPages(*pages)
                                  : Result<knowledge::EolCatalog>(pages.error());
        if (!catalog.ok()) {
            global.exit_code = ReportError(catalog.error());
            return;
        }
        std::cout << catalog->ToSnapshot(
            "endoflife.date product data (https://endoflife.date), MIT License, Copyright (c) "
            "2021 endoflife.date\nCompiled by `kensa eol snapshot`: P product, I identifier, C "
            "cycle (see src/kensa/knowledge/eol_catalog.h)");
    });
}

void AddExportCommand(CLI::App& root, GlobalOptions& global) {
    auto* exp = root.add_subcommand("export", "Documents of kensa's inventory");
    exp->require_subcommand(1);
    auto server_id = std::make_shared<int64_t>(0);
    auto vex = std::make_shared<bool>(false);
    auto* cdx = exp->add_subcommand(
        "cyclonedx",
        "A server's SBOM (or, with --vex, the VEX of its tasks) as CycloneDX 1.5 JSON");
    cdx->add_option("--server", *server_id, "Server id")->required();
    cdx->add_flag("--vex", *vex, "The VEX of the server's tasks instead of its SBOM");
    cdx->callback([&global, server_id, vex] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Server server, rt.store().GetServer(*server_id));
            KENSA_ASSIGN_OR_RETURN(auto inv,
                                   app::GetServerInventory(rt.ctx(), server.group_id, server.id));
            sbom::WriterClock clock{
                FormatIso8601(rt.ctx().clock.SystemNow()), NewUuid(), kKensaVersion};
            if (*vex) {
                std::cout << sbom::WriteCycloneDxVex(inv.server, inv.software, inv.tasks, clock)
                          << "\n";
            } else {
                std::cout << sbom::WriteCycloneDxSbom(inv.server, inv.software, clock) << "\n";
            }
            return Ok();
        });
    });
}

}  // namespace kensa::cli
