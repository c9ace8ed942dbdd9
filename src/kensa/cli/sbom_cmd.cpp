// kensa sbom ...: the Inspector SBOM export (R10-R20).
#include "kensa/app/sbom/diagnostics.h"
#include "kensa/app/sbom/export_job.h"
#include "kensa/app/sbom/settings.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/dto/group_dto.h"
#include "kensa/dto/scan_run_dto.h"
#include "kensa/formats/cloudformation/sbom_template.h"

namespace kensa::cli {

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

void AddSbomCommand(CLI::App& root, GlobalOptions& global) {
    auto* sbom = root.add_subcommand(
        "sbom", "Inspector SBOM export: settings, template, bulk export, diagnostics");
    sbom->require_subcommand(1);

    auto args = std::make_shared<SettingsArgs>();
    auto* settings =
        sbom->add_subcommand("settings", "Show or change a group's SBOM export settings");
    settings->add_option("--group", args->group, "Group id or name")->required();
    settings->add_flag(
        "--enable", args->enable, "Turn SBOM export on (moves EC2, Lambda and ECR servers to it)");
    settings->add_flag(
        "--disable", args->disable, "Turn SBOM export off (servers go back to the normal scan)");
    settings->add_option(
        "--bucket", args->bucket, "S3 bucket (default kensa-inspector-sbom-ACCOUNT-GROUP-REGION)");
    settings->add_option("--prefix", args->prefix, "S3 key prefix");
    settings->add_option(
        "--kms-key-arn", args->kms, "KMS key ARN Inspector encrypts the export with");
    settings->add_option("--format", args->format, "CYCLONEDX_1_4 (default) or SPDX_2_3");
    settings->callback([&global, args] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), args->group));
            KENSA_ASSIGN_OR_RETURN(domain::Group g, rt.store().GetGroup(gid));
            bool change = args->enable || args->disable || !args->bucket.empty() ||
                          !args->prefix.empty() || !args->kms.empty() || !args->format.empty();
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
            PrintJson(dto::ToJson(g.sbom));
            return Ok();
        });
    });

    auto format = std::make_shared<std::string>("yaml");
    auto* tmpl = sbom->add_subcommand(
        "template", "Print the CloudFormation template that sets up the permissions");
    tmpl->add_option("--format", *format, "yaml (default) or json")
        ->check(CLI::IsMember({"yaml", "json"}));
    tmpl->callback([format] {
        std::cout << cloudformation::SbomExportTemplate(
            *format == "json" ? cloudformation::TemplateFormat::kJson
                              : cloudformation::TemplateFormat::kYaml);
    });

    auto group = std::make_shared<std::string>();
    auto* export_cmd = sbom->add_subcommand("export",
                                            "Run the group's SBOM bulk export now and wait for it "
                                            "(once an hour; exit 1 when it failed)");
    export_cmd->add_option("--group", *group, "Group id or name")->required();
    export_cmd->callback([&global, group] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            KENSA_ASSIGN_OR_RETURN(domain::ScanRun queued,
                                   app::QueueManualSbomExport(rt.ctx(), gid));
            app::SbomExportJob job(rt.ctx(), rt.sbom_options());
            KENSA_ASSIGN_OR_RETURN(domain::ScanRun done, job.Execute(queued));
            PrintJson(dto::ToJson(done));
            if (done.status == domain::ScanStatus::kFailed) {
                global.exit_code = 1;
            }
            return Ok();
        });
    });

    auto* diag =
        sbom->add_subcommand("diagnose", "Explain, per server, why it has SBOM software or not");
    diag->add_option("--group", *group, "Group id or name")->required();
    diag->callback([&global, group] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            KENSA_ASSIGN_OR_RETURN(auto d, app::DiagnoseSbom(rt.ctx(), gid));
            PrintJson(dto::ToJson(d));
            return Ok();
        });
    });
}

}  // namespace kensa::cli
