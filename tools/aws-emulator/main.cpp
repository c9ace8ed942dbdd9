// kensa-aws-emulator: a local AWS (inspector2, lambda, sts, s3) for tests, benchmarks and demos.

#include <pthread.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "emulator.h"
#include "fleet_json.h"
#include "generator.h"
#include "kensa/common/clock.h"
#include "kensa/common/log.h"
#include "server.h"

namespace {

using namespace kensa;            // NOLINT
using namespace kensa::emulator;  // NOLINT

bool SplitHostPort(const std::string& listen, std::string* host, int* port) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
        return false;
    }
    *host = listen.substr(0, colon);
    try {
        *port = std::stoi(listen.substr(colon + 1));
    } catch (...) {
        return false;
    }
    return *port >= 0 && *port <= 65535 && !host->empty();
}

int Serve(const std::string& listen, const std::string& fleet_file, bool demo, uint64_t seed) {
    int64_t now = ToEpochSeconds(RealClock::Instance().SystemNow());
    Result<Fleet> fleet =
        fleet_file.empty() || demo ? DemoFleet(now) : LoadFleetFile(fleet_file, now);
    if (!fleet.ok()) {
        std::cerr << "kensa-aws-emulator: " << fleet.error().ToString() << "\n";
        return 2;
    }
    std::string host;
    int port = 0;
    if (!SplitHostPort(listen, &host, &port)) {
        std::cerr << "kensa-aws-emulator: --listen wants HOST:PORT, got " << listen << "\n";
        return 2;
    }
    // Block the stop signals in every thread; one thread waits for them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    Emulator emulator(std::move(fleet).value(), RealClock::Instance(), seed);
    HttpServer server(emulator);
    auto bound = server.Bind(host, port);
    if (!bound.ok()) {
        std::cerr << "kensa-aws-emulator: " << bound.error().ToString() << "\n";
        return 1;
    }
    std::printf("listening on %s:%d\n", host.c_str(), *bound);
    std::fflush(stdout);
    log::Info("kensa-aws-emulator ready",
              {{"listen", host + ":" + std::to_string(*bound)}, {"region", emulator.region()}});
    std::thread waiter([&server, stop_signals]() {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        server.Stop();
    });
    server.Run();
    // Run() can also end on its own (listen error): wake the waiter so it can be joined.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    log::Info("kensa-aws-emulator stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"kensa-aws-emulator: a local AWS for inspector2, lambda, sts and s3"};
    std::string listen = "127.0.0.1:4566";
    std::string fleet_file;
    bool demo = false;
    uint64_t seed = 1;
    std::string log_level = "info";
    app.add_option("--listen", listen, "HOST:PORT to serve on (port 0 = any free port)");
    auto* fleet_opt = app.add_option("--fleet", fleet_file, "fleet file (JSON)");
    app.add_flag("--demo-fleet", demo, "serve the built-in demo fleet")->excludes(fleet_opt);
    app.add_option("--seed", seed, "seed for fault injection and generated ids");
    app.add_option("--log-level", log_level, "debug|info|warn|error");

    GeneratorOptions gen;
    auto* generate = app.add_subcommand("generate", "write a generated fleet file to stdout");
    generate->add_option("--instances", gen.instances, "EC2 instances");
    generate->add_option("--lambdas", gen.lambdas, "Lambda functions");
    generate->add_option("--images", gen.images, "ECR images");
    generate->add_option(
        "--components", gen.components, "packages per resource (0 = natural catalogue size)");
    generate->add_option("--seed", gen.seed, "random seed");
    generate->add_option("--account", gen.account_id, "account id");
    generate->add_option("--region", gen.region, "region");
    CLI11_PARSE(app, argc, argv);

    log::Level level = log::Level::kInfo;
    if (log::ParseLevel(log_level, &level)) {
        log::SetLevel(level);
    }
    if (*generate) {
        std::ios::sync_with_stdio(false);
        auto status = GenerateFleet(gen, std::cout);
        std::cout.flush();
        if (!status.ok()) {
            std::cerr << "kensa-aws-emulator generate: " << status.error().ToString() << "\n";
            return 1;
        }
        return 0;
    }
    return Serve(listen, fleet_file, demo, seed);
}
