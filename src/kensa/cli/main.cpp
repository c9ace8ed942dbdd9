// kensa: server and CLI in one binary.
#include <CLI/CLI.hpp>

#include "kensa/aws/aws_clients.h"
#include "kensa/cli/aws_cmd.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/vercmp_cmd.h"
#include "kensa/store/sql_store.h"

namespace kensa::cli {
namespace {

constexpr const char* kVersion = "0.1.0";

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
        auth.static_credentials = aws::Credentials{g.aws.access_key_id, secret, "", std::nullopt, "group"};
        if (g.aws.auth_type == domain::AwsAuthType::kAssumeRole) {
            auth.role_arn = g.aws.role_arn;
            auth.external_id = g.aws.external_id;
        }
        if (!g.aws.endpoint_url.empty()) {
            auth.endpoint_urls[""] = g.aws.endpoint_url;
        }
        return auth;
    };
}

}  // namespace

void AddServeCommand(CLI::App& root, GlobalOptions& global) {
    auto* serve = root.add_subcommand("serve", "Run the kensa server: REST API, /healthz, /metrics and the scheduler");
    auto listen = std::make_shared<std::string>();
    auto no_scheduler = std::make_shared<bool>(false);
    serve->add_option("--listen", *listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 = any free port)");
    serve->add_flag("--no-scheduler", *no_scheduler, "Do not run the daily scans in this process");
    serve->callback([&global, listen, no_scheduler] {
        auto config = server::LoadConfig(global.config_file);
        if (!config.ok()) {
            global.exit_code = ReportError(config.error());
            return;
        }
        if (!global.db.empty()) {
            config->db = global.db;
        }
        if (!listen->empty()) {
            config->listen = *listen;
        }
        if (*no_scheduler) {
            config->scheduler_enabled = false;
        }
        global.exit_code = server::RunServe(*config);
    });

    auto* migrate = root.add_subcommand("migrate", "Create or upgrade the database schema, then exit");
    migrate->callback([&global] {
        auto rt = OpenRuntime(global);
        if (!rt.ok()) {
            global.exit_code = ReportError(rt.error());
            return;
        }
        PrintJson({{"schema_version", *(*rt)->store().SchemaVersion()}, {"backend", (*rt)->store().Backend()}});
    });
}

}  // namespace kensa::cli

int main(int argc, char** argv) {
    using namespace kensa::cli;
    CLI::App app{"kensa: self-hosted vulnerability and SBOM management for Amazon Inspector.\n"
                 "Configuration: --config FILE (TOML) or KENSA_CONFIG, and KENSA_* environment variables\n"
                 "(KENSA_DB, KENSA_LISTEN, KENSA_MASTER_KEY, KENSA_MASTER_KEY_FILE, KENSA_LOG_LEVEL, KENSA_LOG_FORMAT).",
                 "kensa"};
    app.require_subcommand(1);
    app.set_version_flag("--version", kVersion);
    GlobalOptions global;
    app.add_option("--config", global.config_file, "TOML configuration file");
    app.add_option("--db", global.db, "Database: sqlite:PATH or postgresql://USER@HOST/DB (default sqlite:kensa.db)");
    AddServeCommand(app, global);
    AddGroupCommands(app, global);
    AddServerCommands(app, global);
    AddScanCommands(app, global);
    AddSbomCommands(app, global);
    AddAwsCommand(app, MakeGroupResolver(global));
    AddVercmpCommand(app, &global.exit_code);
    CLI11_PARSE(app, argc, argv);
    return global.exit_code;
}
