#include "kensa/cli/cli_app.h"

#include "kensa/aws/aws_clients.h"
#include "kensa/cli/aws_cmd.h"
#include "kensa/cli/commands.h"
#include "kensa/cli/vercmp_cmd.h"

namespace kensa::cli {
namespace {

// `kensa aws --group G`: that group's stored AWS settings (decrypted for this process only).
GroupAuthResolver MakeGroupResolver(GlobalOptions& global) {
    return [&global](const std::string& group) -> Result<aws::AwsAuthConfig> {
        KENSA_ASSIGN_OR_RETURN(auto rt, OpenRuntime(global));
        KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt->store(), group));
        KENSA_ASSIGN_OR_RETURN(domain::Group g, rt->store().GetGroup(gid));
        if (g.aws.auth_type == domain::AwsAuthType::kNone) {
            return Error(ErrorCode::kInvalidInput, "group '" + g.name + "' has no AWS integration");
        }
        aws::AwsAuthConfig auth;
        auth.region = g.aws.region;
        KENSA_ASSIGN_OR_RETURN(std::string secret, rt->ctx().secrets.Open(g.aws.secret_enc));
        auth.static_credentials =
            aws::Credentials{g.aws.access_key_id, secret, "", std::nullopt, "group"};
        if (g.aws.auth_type == domain::AwsAuthType::kAssumeRole) {
            auth.role_arn = g.aws.role_arn;
            auth.external_id = g.aws.external_id;
        }
        if (!g.aws.endpoint_url.empty()) {
            // The tenant's URL, under the operator's rule as for the server's own calls.
            KENSA_TRY(rt->ctx().check_endpoint_url(g.aws.endpoint_url));
            auth.endpoint_urls[""] = g.aws.endpoint_url;
        }
        return auth;
    };
}

}  // namespace

void AddGlobalOptions(CLI::App& root, GlobalOptions& global) {
    root.require_subcommand(1);
    root.fallthrough();
    root.set_version_flag("--version", kKensaVersion);
    root.add_option("--config", global.config_file, "TOML configuration file");
    root.add_option("--db",
                    global.db,
                    "Database: sqlite:PATH or postgresql://USER@HOST/DB (default sqlite:kensa.db)");
}

std::unique_ptr<CLI::App> MakeCliApp(GlobalOptions& global) {
    auto app = std::make_unique<CLI::App>(
        "kensa: self-hosted vulnerability and SBOM management for Amazon Inspector.\n"
        "Configuration: --config FILE (TOML) or KENSA_CONFIG, and KENSA_* environment variables\n"
        "(KENSA_DB, KENSA_LISTEN, KENSA_MASTER_KEY, KENSA_MASTER_KEY_FILE, KENSA_LOG_LEVEL, "
        "KENSA_LOG_FORMAT).",
        "kensa");
    AddGlobalOptions(*app, global);
    AddServeCommand(*app, global);
    AddGroupCommand(*app, global);
    AddUserCommand(*app, global);
    AddServerCommand(*app, global);
    AddScanCommand(*app, global);
    AddTaskCommand(*app, global);
    AddSbomCommand(*app, global);
    AddAdvisoriesCommand(*app, global);
    AddImportCommand(*app, global);
    AddVulsCommand(*app, global);
    AddSoftwareCommand(*app, global);
    AddEolCommand(*app, global);
    AddExportCommand(*app, global);
    AddAwsCommand(*app, MakeGroupResolver(global));
    AddVercmpCommand(*app, &global.exit_code);
    return app;
}

}  // namespace kensa::cli
