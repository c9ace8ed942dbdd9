// kensa serve and kensa migrate: run the server, or only bring the schema up to date.
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/http/api/endpoints.h"

namespace kensa::cli {

void AddServeCommand(CLI::App& root, GlobalOptions& global) {
    auto* serve = root.add_subcommand(
        "serve", "Run the kensa server: REST API, /healthz, /metrics and the scheduler");
    auto listen = std::make_shared<std::string>();
    auto no_scheduler = std::make_shared<bool>(false);
    serve->add_option("--listen",
                      *listen,
                      "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 = any free port)");
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

    auto* openapi = root.add_subcommand(
        "openapi", "Print the OpenAPI 3.1 document of the REST API (the console's client)");
    openapi->callback([] { PrintJson(http::api::OpenApiDocument(http::api::Endpoints())); });

    auto* migrate =
        root.add_subcommand("migrate", "Create or upgrade the database schema, then exit");
    migrate->callback([&global] {
        auto rt = OpenRuntime(global);
        if (!rt.ok()) {
            global.exit_code = ReportError(rt.error());
            return;
        }
        PrintJson({{"schema_version", *(*rt)->store().SchemaVersion()},
                   {"backend", (*rt)->store().Backend()}});
    });
}

}  // namespace kensa::cli
