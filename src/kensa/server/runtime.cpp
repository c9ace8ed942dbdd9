#include "kensa/server/runtime.h"

#include <pthread.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include "kensa/app/accounts/accounts.h"
#include "kensa/aws/address_policy.h"
#include "kensa/aws/aws_clients.h"
#include "kensa/common/log.h"
#include "kensa/common/strings.h"
#include "kensa/http/api/api.h"
#include "kensa/http/console_files.h"
#include "kensa/http/error_to_status.h"
#include "kensa/http/http_server.h"
#include "kensa/scheduler/scheduler.h"
#include "kensa/server/vuls_drop_folder.h"
#include "kensa/store/sql_store.h"

namespace kensa::server {

ports::AwsClientsFactory MakeAwsFactory(const Config& config, aws::EndpointAllowlist allowlist) {
    return [max_attempts = config.aws_max_attempts,
            max_pages = config.aws_max_pages,
            allowlist = std::move(allowlist)](
               const ports::AwsConnectSpec& spec) -> Result<ports::AwsClients> {
        // Always the group's own keys (app::ClientsForGroup refuses a group without them):
        // never the default chain, whose last link is the host's own instance role.
        aws::AwsAuthConfig auth;
        auth.region = spec.region;
        auth.static_credentials =
            aws::Credentials{spec.access_key_id, spec.secret_access_key, "", std::nullopt, "group"};
        auth.role_arn = spec.role_arn;
        auth.external_id = spec.external_id;
        aws::AwsClientOptions options;
        options.env = aws::EmptyEnv();
        options.max_attempts = max_attempts;
        options.max_pages = max_pages;
        if (!spec.endpoint_url.empty()) {
            // Checked again here: the URL may predate the operator's current allowlist.
            KENSA_TRY(allowlist.Check(spec.endpoint_url));
            auth.endpoint_urls[""] = spec.endpoint_url;
            if (!allowlist.Names(spec.endpoint_url)) {
                options.transport_options.address_allowed = [](const sockaddr* address) {
                    return !aws::IsPrivateAddress(address);
                };
            }
        }
        return aws::MakeAwsClients(auth, options);
    };
}

Result<std::unique_ptr<Runtime>> Runtime::Open(const Config& config) {
    std::unique_ptr<Runtime> rt(new Runtime());
    auto store = store::MakeStore({config.db, 16});
    if (!store.ok()) {
        return Error(store.error().code(),
                     "cannot open the database " + RedactPassword(config.db) + ": " +
                         store.error().message());
    }
    rt->store_ = std::move(store).value();
    Status migrated = rt->store_->Migrate();
    if (!migrated.ok()) {
        return Error(migrated.error().code(),
                     "database " + RedactPassword(config.db) + ": " + migrated.error().message());
    }
    const char* env_key = std::getenv("KENSA_MASTER_KEY");
    auto box = app::SecretBox::Load(env_key != nullptr ? env_key : "", MasterKeyFile(config));
    if (!box.ok()) {
        return std::move(box).error();
    }
    rt->secrets_ = std::make_unique<app::SecretBox>(std::move(box).value());
    aws::EndpointAllowlist allowlist(config.aws_endpoint_allowlist);
    rt->ctx_ = std::make_unique<app::AppContext>(
        app::AppContext{*rt->store_,
                        MakeAwsFactory(config, allowlist),
                        *rt->secrets_,
                        RealClock::Instance(),
                        config.scan_workers,
                        &rt->sbom_format_,
                        [allowlist](const std::string& url) { return allowlist.Check(url); }});
    rt->ctx_->vuls_format = &rt->vuls_format_;
    rt->ctx_->sbom_files = &rt->sbom_files_;
    rt->sbom_options_.poll_initial = std::chrono::milliseconds(config.sbom_poll_ms);
    rt->sbom_options_.poll_max =
        std::max(rt->sbom_options_.poll_initial, std::chrono::milliseconds(30000));
    rt->sbom_options_.timeout = std::chrono::seconds(config.sbom_timeout_seconds);
    rt->sbom_options_.limits.max_components_per_resource = config.sbom_max_components;
    return rt;
}

int RunServe(const Config& config) {
    Status logging = ApplyLogging(config);
    if (!logging.ok()) {
        log::Error("invalid configuration", {{"error", logging.error().ToString()}});
        return 2;
    }
    auto listen = ParseListen(config.listen);
    if (!listen.ok()) {
        log::Error("invalid configuration", {{"error", listen.error().ToString()}});
        return 2;
    }
    // SIGTERM/SIGINT are taken by a dedicated thread (sigwait): every other thread, including
    // the HTTP workers created below, inherits the blocked mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto rt = Runtime::Open(config);
    if (!rt.ok()) {
        log::Error("kensa cannot start", {{"error", rt.error().ToString()}});
        return rt.error().code() == ErrorCode::kConflict ? 3 : 1;
    }
    app::AppContext& ctx = (*rt)->ctx();

    http::ServerOptions options;
    options.threads = config.http_threads;
    options.https_front = config.https_front;
    http::HttpServer server(options);
    server.Route("GET", "/healthz", [&ctx](const http::Request&) {
        http::Response r;
        auto v = ctx.store.SchemaVersion();
        r.status = v.ok() ? 200 : 503;
        r.body = v.ok() ? "{\"status\":\"ok\",\"schema_version\":" + std::to_string(*v) + "}"
                        : "{\"status\":\"unavailable\"}";
        return r;
    });
    // /metrics takes an API token with the read scope, as the REST API does: the row counts
    // and the routes it names are the operator's, not the network's.
    server.Route(
        "GET",
        "/metrics",
        [&ctx, metrics = http::MetricsHandler(server.metrics())](const http::Request& req) {
            std::string auth = req.Header("Authorization");
            auto caller = app::AuthenticateToken(
                ctx, StartsWith(auth, "Bearer ") ? Trim(auth.substr(7)) : "");
            if (!caller.ok()) {
                return http::ErrorResponse(caller.error());
            }
            if (!domain::ScopesAllow(caller->scopes, domain::Scope::kRead)) {
                return http::ErrorResponse(
                    Error(ErrorCode::kPermissionDenied, "/metrics needs the read scope"));
            }
            return metrics(req);
        });
    // The row counts are a COUNT(*) per table: taken at most once a minute, whatever the
    // scrape interval.
    struct RowCounts {
        std::mutex mutex;
        std::chrono::steady_clock::time_point taken;
        std::vector<std::pair<http::Labels, double>> rows;
        bool valid = false;
    };
    auto row_counts = std::make_shared<RowCounts>();
    server.metrics().AddGaugeCallback(
        "kensa_rows", "Rows per table in the kensa database.", [&ctx, row_counts] {
            std::lock_guard<std::mutex> lock(row_counts->mutex);
            const auto now = std::chrono::steady_clock::now();
            if (row_counts->valid && now - row_counts->taken < std::chrono::minutes(1)) {
                return row_counts->rows;
            }
            auto counts = ctx.store.TableCounts();
            if (counts.ok()) {
                row_counts->rows.clear();
                for (const auto& [table, n] : *counts) {
                    row_counts->rows.push_back(
                        {http::Labels{{"table", table}}, static_cast<double>(n)});
                }
                row_counts->taken = now;
                row_counts->valid = true;
            }
            return row_counts->rows;
        });
    app::SbomJobRunner sbom_jobs(ctx, (*rt)->sbom_options());
    http::api::RegisterApiRoutes(server, ctx, sbom_jobs);
    // The web console at "/": its files, read once; without them the API still serves.
    std::string console_dir = config.console_dir;
    if (console_dir.empty()) {
        std::error_code ec;
        auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
        console_dir = (exe.parent_path().parent_path() / "share" / "kensa" / "console").string();
    }
    auto console = http::ConsoleFiles::Load(console_dir);
    if (console.ok()) {
        log::Info("serving the web console",
                  {{"dir", console_dir}, {"files", std::to_string(console->size())}});
        auto files = std::make_shared<http::ConsoleFiles>(std::move(console).value());
        auto handler = [files](const http::Request& req) { return files->Serve(req); };
        server.Route("GET", "/", handler);
        server.Route("GET", "/{path...}", handler);
    } else {
        log::Warn("no web console: the API only", {{"error", console.error().ToString()}});
    }
    Status bound = server.Bind(listen->first, listen->second);
    if (!bound.ok()) {
        log::Error("kensa cannot listen", {{"error", bound.error().ToString()}});
        return 1;
    }

    scheduler::Scheduler sched(ctx,
                               {std::chrono::seconds(config.scheduler_tick_seconds),
                                "kensa-" + std::to_string(::getpid()) + "-" + RandomHex(4),
                                (*rt)->sbom_options()});
    if (config.scheduler_enabled) {
        sched.Start();
    }
    // The watched directory of Vuls results, polled until shutdown.
    std::mutex watch_mutex;
    std::condition_variable watch_wake;
    bool stopping = false;
    std::thread watcher;
    if (!config.vuls_watch_dir.empty()) {
        watcher = std::thread([&] {
            VulsDropFolder folder(ctx, config.vuls_watch_dir);
            std::unique_lock<std::mutex> lock(watch_mutex);
            while (!stopping) {
                lock.unlock();
                folder.Poll();
                lock.lock();
                watch_wake.wait_for(lock, std::chrono::seconds(config.vuls_watch_seconds), [&] {
                    return stopping;
                });
            }
        });
    }
    std::thread signal_thread([&server, signals]() mutable {
        int sig = 0;
        sigwait(&signals, &sig);
        log::Info("shutting down", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
        server.Stop();
    });
    log::Info("kensa serving",
              {{"listen", listen->first + ":" + std::to_string(server.BoundPort())},
               {"db", StartsWith(config.db, "sqlite:") ? config.db : "postgresql"},
               {"backend", std::string((*rt)->store().Backend())}});
    // A first line on stdout that tests and scripts can wait for.
    std::printf("listening on %s:%d\n", listen->first.c_str(), server.BoundPort());
    std::fflush(stdout);
    server.Run();  // returns after Stop(), once requests in flight are answered
    sched.Stop();
    if (watcher.joinable()) {
        {
            std::lock_guard<std::mutex> lock(watch_mutex);
            stopping = true;
        }
        watch_wake.notify_all();
        watcher.join();
    }
    if (signal_thread.joinable()) {
        // Run() can also return without a signal (bind lost); wake the waiter so it ends.
        pthread_kill(signal_thread.native_handle(), SIGTERM);
        signal_thread.join();
    }
    sbom_jobs.Stop();  // running exports end (cancelling their AWS export) before the store closes
    rt->reset();       // closes the database cleanly
    log::Info("kensa stopped");
    return 0;
}

}  // namespace kensa::server
