#include "kensa/app/inspector/inspector_scan.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <system_error>
#include <thread>

#include "kensa/app/inspector/finding_mapper.h"
#include "kensa/app/inspector/inspector_enabled.h"
#include "kensa/app/inventory/software_facts.h"
#include "kensa/app/scan_runs/recorder.h"
#include "kensa/common/log.h"
#include "kensa/common/strings.h"

namespace kensa::app {
namespace {

std::vector<ports::StringFilter> OpenStatuses() {
    return {ports::Equals("ACTIVE"), ports::Equals("SUPPRESSED")};
}

std::string AccountOfArn(const std::string& arn) {
    auto parts = Split(arn, ':');
    return parts.size() > 4 ? parts[4] : "";
}

}  // namespace

std::vector<ports::FindingFilter> FindingFiltersFor(
    const domain::Server& server, const std::vector<domain::LambdaFunction>& functions) {
    std::vector<ports::FindingFilter> filters;
    ports::FindingFilter base;
    base.finding_status = OpenStatuses();
    switch (server.kind) {
        case domain::ServerKind::kEc2:
            base.resource_type = {domain::ResourceType::kEc2Instance};
            base.resource_id = {ports::Equals(server.instance_id)};
            if (!server.account_id.empty()) {
                base.aws_account_id = {ports::Equals(server.account_id)};
            }
            filters.push_back(base);
            break;
        case domain::ServerKind::kEcrImage:
            base.resource_type = {domain::ResourceType::kEcrImage};
            base.ecr_image_repository_name = {ports::Equals(server.repository)};
            base.ecr_image_tags = {ports::Equals(server.image_tag)};
            if (!server.registry.empty()) {
                base.aws_account_id = {ports::Equals(server.registry)};
            }
            filters.push_back(base);
            break;
        case domain::ServerKind::kPseudo: {
            base.resource_type = {domain::ResourceType::kLambdaFunction};
            for (size_t start = 0; start < functions.size(); start += ports::kMaxFilterValues) {
                ports::FindingFilter f = base;
                for (size_t fn_idx = start;
                     fn_idx < std::min(functions.size(), start + ports::kMaxFilterValues);
                     ++fn_idx) {
                    f.lambda_function_name.push_back(ports::Equals(functions[fn_idx].name));
                }
                filters.push_back(std::move(f));
            }
            break;
        }
        case domain::ServerKind::kVuls:
        case domain::ServerKind::kSbom:
            break;
    }
    return filters;
}

Result<domain::ScanRun> InspectorScan::ScanServer(domain::Id server_id,
                                                  domain::ScanTrigger trigger) {
    KENSA_ASSIGN_OR_RETURN(domain::Server server, ctx_.store.GetServer(server_id));
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx_.store.GetGroup(server.group_id));
    Result<ports::AwsClients> clients = Error(ErrorCode::kInternal, "not connected yet");
    AccountStatusCache accounts;
    return Scan(server, group, trigger, clients, accounts);
}

// `clients` is connected on first use and kept for the caller's next server.
Result<domain::ScanRun> InspectorScan::Scan(const domain::Server& server,
                                            const domain::Group& group,
                                            domain::ScanTrigger trigger,
                                            Result<ports::AwsClients>& clients,
                                            AccountStatusCache& accounts) {
    if (server.kind == domain::ServerKind::kVuls) {
        return Error(ErrorCode::kInvalidInput,
                     "server '" + server.name +
                         "' is a Vuls server; import Vuls results instead of an Inspector scan");
    }
    if (server.kind == domain::ServerKind::kSbom) {
        return Error(ErrorCode::kInvalidInput,
                     "server '" + server.name +
                         "' is an SBOM-file server; import its SBOM files instead of an Inspector "
                         "scan");
    }
    if (server.scan_mode == domain::ScanMode::kInspectorSbom) {
        return Error(ErrorCode::kConflict,
                     "server '" + server.name +
                         "' is scanned through the group's Inspector SBOM export, so the normal "
                         "Inspector scan does "
                         "not run for it; use the group's SBOM bulk scan instead")
            .With("scan_mode", "inspector_sbom");
    }
    std::vector<domain::LambdaFunction> functions;
    if (server.kind == domain::ServerKind::kPseudo) {
        KENSA_ASSIGN_OR_RETURN(functions, ctx_.store.ListLambdaFunctions(server.id));
    }

    ScanRunRecorder recorder(ctx_.store, ctx_.clock);
    KENSA_ASSIGN_OR_RETURN(
        domain::ScanRun run,
        recorder.Start(group.id, server.id, domain::ScanType::kInspector, trigger));
    auto finish = [&](std::optional<domain::ScanError> error) -> Result<domain::ScanRun> {
        KENSA_TRY(error ? recorder.Fail(&run, std::move(*error)) : recorder.Succeed(&run));
        log::Info("inspector scan finished",
                  {{"server_id", std::to_string(server.id)},
                   {"status", std::string(domain::ToString(run.status))},
                   {"findings", std::to_string(run.findings_seen)},
                   {"error", run.error ? run.error->code : ""}});
        return run;
    };

    // Nothing may leave a scan without recording how it ended: a throw (bad_alloc on a
    // hostile answer, say) fails this run with its cause, and the other servers go on.
    std::string cause;
    try {
        return finish(Observe(server, group, functions, clients, accounts, &run));
    } catch (const std::exception& e) {
        cause = e.what();
    } catch (...) {
        cause = "an unknown exception";
    }
    // Recorded outside the handler; should this throw too, the caller's catch takes it.
    return finish(BrokenJobError("scan", cause));
}

// Reads the server's findings into one observation and applies it: the error that ends the
// run, or nullopt when it succeeded (run's counts filled either way).
std::optional<domain::ScanError> InspectorScan::Observe(
    const domain::Server& server,
    const domain::Group& group,
    const std::vector<domain::LambdaFunction>& functions,
    Result<ports::AwsClients>& clients,
    AccountStatusCache& accounts,
    domain::ScanRun* run_out) {
    domain::ScanRun& run = *run_out;
    if (!clients.ok()) {
        clients = ClientsForGroup(ctx_, group);
    }
    if (!clients.ok()) {
        return CredentialsError(clients.error());
    }
    std::string account =
        server.kind == domain::ServerKind::kEcrImage ? server.registry : server.account_id;
    if (server.kind == domain::ServerKind::kPseudo && !functions.empty()) {
        account = AccountOfArn(functions.front().arn);
    }
    // R15: Inspector must scan this server's resource type in its account.
    if (auto disabled = InspectorNotEnabled(accounts.Get(*clients->inspector, account),
                                            {*domain::ResourceTypeOf(server.kind)},
                                            account,
                                            server.region)) {
        return disabled;
    }

    FindingMapper mapper(domain::ResourceIndex({server}, {functions}));
    for (const auto& filter : FindingFiltersFor(server, functions)) {
        Status st =
            clients->inspector->ListFindings(filter, [&](std::vector<ports::Finding>&& page) {
                for (const auto& f : page) {
                    mapper.Add(f);
                }
                return true;
            });
        if (!st.ok()) {
            run.findings_seen = mapper.findings_seen();
            return ClassifyAwsError(st.error(), "inspector2:ListFindings");
        }
    }
    run.findings_seen = mapper.findings_seen();
    auto network = mapper.TakeNetworkFindings();
    auto stats =
        ApplyDescribedScan(ctx_.store, server.id, mapper.TakeObservation(), network, Now(ctx_));
    if (!stats.ok()) {
        return StorageError(stats.error(),
                            "The database refused the scan result; nothing was changed.");
    }
    AddApplied(&run, *stats);
    return std::nullopt;
}

Result<std::vector<domain::ScanRun>> InspectorScan::ScanGroup(domain::Id group_id,
                                                              domain::ScanTrigger trigger) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx_.store.GetGroup(group_id));
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx_.store.ListServers(group_id));
    std::erase_if(servers, [](const domain::Server& s) {
        return !domain::IsAwsResource(s.kind) || s.scan_mode != domain::ScanMode::kNormal;
    });
    // The AWS round trips of one server overlap with the work of the others; the store
    // serialises the writes.
    std::vector<std::optional<domain::ScanRun>> results(servers.size());
    std::atomic<size_t> next{0};
    AccountStatusCache accounts;
    auto scan_one = [&](size_t i, Result<ports::AwsClients>& clients) {
        // Read again: the server may have been deleted or moved to SBOM export since the list.
        auto fresh = ctx_.store.GetServer(servers[i].id);
        if (!fresh.ok()) {
            log::Warn("server scan not run",
                      {{"server_id", std::to_string(servers[i].id)},
                       {"reason", fresh.error().message()}});
            return;
        }
        auto run = Scan(*fresh, group, trigger, clients, accounts);
        if (!run.ok()) {
            log::Warn(
                "server scan not run",
                {{"server_id", std::to_string(servers[i].id)}, {"reason", run.error().message()}});
            return;
        }
        results[i] = std::move(run).value();
    };
    auto worker = [&] {
        Result<ports::AwsClients> clients = Error(ErrorCode::kInternal, "not connected yet");
        for (size_t i = next++; i < servers.size(); i = next++) {
            try {  // an exception must not escape a thread (std::terminate); it ends that server
                   // only
                scan_one(i, clients);
            } catch (const std::exception& e) {
                log::Error("server scan failed",
                           {{"server_id", std::to_string(servers[i].id)}, {"error", e.what()}});
            } catch (...) {
                log::Error("server scan failed",
                           {{"server_id", std::to_string(servers[i].id)},
                            {"error", "an unknown exception"}});
            }
        }
    };
    size_t workers = std::min(servers.size(), static_cast<size_t>(std::max(1, ctx_.scan_workers)));
    std::vector<std::jthread> threads;  // joined on every way out
    for (size_t t = 1; t < workers; ++t) {
        try {
            threads.emplace_back(worker);
        } catch (const std::system_error& e) {
            log::Warn("group scan runs with fewer workers",
                      {{"workers", std::to_string(t)}, {"error", e.what()}});
            break;
        }
    }
    worker();
    threads.clear();
    std::vector<domain::ScanRun> runs;
    for (auto& r : results) {
        if (r) {
            runs.push_back(std::move(*r));
        }
    }
    return runs;
}

}  // namespace kensa::app
