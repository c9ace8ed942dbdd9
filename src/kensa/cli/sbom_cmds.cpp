// kensa sbom ... (Inspector SBOM export, R10-R20) and kensa advisories ... (issue 7).
#include "kensa/app/advisories.h"
#include "kensa/app/sbom_export.h"
#include "kensa/app/sbom_template.h"
#include "kensa/cli/cli_common.h"
#include "kensa/http/api/api_common.h"

namespace kensa::cli {

using Json = nlohmann::json;

namespace {

struct SettingsArgs {
    std::string group;
    bool enable = false;
    bool disable = false;
    std::string bucket;
    std::string prefix;
    std::string kms;
    std::string format;
};

}  // namespace

void AddSbomCommands(CLI::App& root, GlobalOptions& global) {
    auto* sbom = root.add_subcommand("sbom", "Inspector SBOM export: settings, template, bulk export, diagnostics");
    sbom->require_subcommand(1);

    auto args = std::make_shared<SettingsArgs>();
    auto* settings = sbom->add_subcommand("settings", "Show or change a group's SBOM export settings");
    settings->add_option("--group", args->group, "Group id or name")->required();
    settings->add_flag("--enable", args->enable, "Turn SBOM export on (moves EC2, Lambda and ECR servers to it)");
    settings->add_flag("--disable", args->disable, "Turn SBOM export off (servers go back to the normal scan)");
    settings->add_option("--bucket", args->bucket, "S3 bucket (default kensa-inspector-sbom-ACCOUNT-GROUP-REGION)");
    settings->add_option("--prefix", args->prefix, "S3 key prefix");
    settings->add_option("--kms-key-arn", args->kms, "KMS key ARN Inspector encrypts the export with");
    settings->add_option("--format", args->format, "CYCLONEDX_1_4 (default) or SPDX_2_3");
    settings->callback([&global, args] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), args->group));
            KENSA_ASSIGN_OR_RETURN(domain::Group g, rt.store().GetGroup(gid));
            bool change = args->enable || args->disable || !args->bucket.empty() || !args->prefix.empty() ||
                          !args->kms.empty() || !args->format.empty();
            if (args->enable && args->disable) {
                return Error(ErrorCode::kInvalidInput, "--enable and --disable exclude each other");
            }
            if (change) {
                app::SbomSettingsInput in;
                in.enabled = args->enable || (!args->disable && g.sbom.enabled);
                in.bucket = args->bucket.empty() ? g.sbom.bucket : args->bucket;
                in.key_prefix = args->prefix.empty() ? g.sbom.key_prefix : args->prefix;
                in.kms_key_arn = args->kms.empty() ? g.sbom.kms_key_arn : args->kms;
                in.format = args->format.empty() ? g.sbom.format : args->format;
                KENSA_TRY(app::SetSbomSettings(rt.ctx(), gid, in, "cli"));
                KENSA_ASSIGN_OR_RETURN(g, rt.store().GetGroup(gid));
            }
            PrintJson(http::api::ToJson(g)["sbom_export"]);
            return Ok();
        });
    });

    auto format = std::make_shared<std::string>("yaml");
    auto* tmpl = sbom->add_subcommand("template", "Print the CloudFormation template that sets up the permissions");
    tmpl->add_option("--format", *format, "yaml (default) or json")->check(CLI::IsMember({"yaml", "json"}));
    tmpl->callback([format] {
        std::cout << app::SbomExportTemplate(*format == "json" ? app::TemplateFormat::kJson : app::TemplateFormat::kYaml);
    });

    auto group = std::make_shared<std::string>();
    auto* export_cmd = sbom->add_subcommand(
        "export", "Run the group's SBOM bulk export now and wait for it (once an hour; exit 1 when it failed)");
    export_cmd->add_option("--group", *group, "Group id or name")->required();
    export_cmd->callback([&global, group] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            KENSA_ASSIGN_OR_RETURN(domain::ScanRun queued, app::QueueManualSbomExport(rt.ctx(), gid));
            app::SbomExportJob job(rt.ctx(), rt.sbom_options());
            KENSA_ASSIGN_OR_RETURN(domain::ScanRun done, job.Execute(queued));
            PrintJson(http::api::ToJson(done));
            if (done.status == domain::ScanStatus::kFailed) {
                global.exit_code = 1;
            }
            return Ok();
        });
    });

    auto* diag = sbom->add_subcommand("diagnose", "Explain, per server, why it has SBOM software or not");
    diag->add_option("--group", *group, "Group id or name")->required();
    diag->callback([&global, group] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            KENSA_ASSIGN_OR_RETURN(auto d, app::DiagnoseSbom(rt.ctx(), gid));
            PrintJson(http::api::ToJson(d));
            return Ok();
        });
    });

    auto* adv = root.add_subcommand("advisories", "The offline OSV advisory database");
    adv->require_subcommand(1);
    auto path = std::make_shared<std::string>();
    auto* import = adv->add_subcommand("import", "Import OSV JSON from a file, a directory or a zip (incremental), then match every group");
    import->add_option("path", *path, "File, directory or zip")->required();
    import->callback([&global, path] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(auto r, app::ImportAdvisories(rt.ctx(), *path));
            PrintJson({{"files", r.files},
                       {"records", r.records},
                       {"inserted", r.inserted},
                       {"updated", r.updated},
                       {"unchanged", r.unchanged},
                       {"withdrawn", r.withdrawn},
                       {"git_ranges_skipped", r.git_ranges_skipped},
                       {"unknown_ecosystems", r.unknown_ecosystems},
                       {"errors", r.errors}});
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
                KENSA_ASSIGN_OR_RETURN(auto run, app::MatchGroup(rt.ctx(), *index, g.id, domain::ScanTrigger::kManual));
                std::cerr << "matched group " << g.name << ": " << domain::ToString(run.status) << ", "
                          << run.tasks_created << " tasks created\n";
                if (run.status == domain::ScanStatus::kFailed) {
                    global.exit_code = 1;
                }
            }
            return Ok();
        });
    });
    auto* match = adv->add_subcommand("match", "Match a group's software against the advisories now");
    match->add_option("--group", *group, "Group id or name")->required();
    match->callback([&global, group] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            KENSA_ASSIGN_OR_RETURN(auto index, app::LoadAdvisoryIndex(rt.store()));
            KENSA_ASSIGN_OR_RETURN(auto matched, app::MatchGroup(rt.ctx(), *index, gid, domain::ScanTrigger::kManual));
            PrintJson(http::api::ToJson(matched));
            if (matched.status == domain::ScanStatus::kFailed) {
                global.exit_code = 1;
            }
            return Ok();
        });
    });
}

}  // namespace kensa::cli
