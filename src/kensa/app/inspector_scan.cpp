#include "kensa/app/inspector_scan.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "kensa/app/finding_mapper.h"
#include "kensa/common/log.h"
#include "kensa/common/strings.h"

namespace kensa::app {
namespace {

constexpr size_t kMaxFilterValues = 10;

ports::StringFilter Eq(std::string value) { return {"EQUALS", std::move(value)}; }

std::vector<ports::StringFilter> OpenStatuses() { return {Eq("ACTIVE"), Eq("SUPPRESSED")}; }

std::string AccountOfArn(const std::string& arn) {
    auto parts = Split(arn, ':');
    return parts.size() > 4 ? parts[4] : "";
}

ResourceMatcher MatcherFor(const domain::Server& server, const std::vector<domain::LambdaFunction>& functions) {
    switch (server.kind) {
        case domain::ServerKind::kEc2:
            return [id = server.instance_id](const ports::FindingResource& r) -> std::optional<ResourceMatch> {
                if (r.type == "AWS_EC2_INSTANCE" && r.id == id) {
                    return ResourceMatch{};
                }
                return std::nullopt;
            };
        case domain::ServerKind::kEcrImage:
            return [repo = server.repository,
                    tag = server.image_tag](const ports::FindingResource& r) -> std::optional<ResourceMatch> {
                if (r.type != "AWS_ECR_CONTAINER_IMAGE" || r.ecr_repository_name != repo) {
                    return std::nullopt;
                }
                for (const auto& t : r.ecr_image_tags) {
                    if (t == tag) {
                        return ResourceMatch{};
                    }
                }
                return std::nullopt;
            };
        case domain::ServerKind::kPseudo: {
            std::map<std::string, domain::Id> by_arn;
            for (const auto& fn : functions) {
                by_arn[fn.arn] = fn.id;
            }
            return [by_arn](const ports::FindingResource& r) -> std::optional<ResourceMatch> {
                if (r.type != "AWS_LAMBDA_FUNCTION") {
                    return std::nullopt;
                }
                auto it = by_arn.find(UnqualifiedLambdaArn(r.id));
                if (it == by_arn.end()) {
                    return std::nullopt;
                }
                return ResourceMatch{it->second};
            };
        }
        case domain::ServerKind::kVuls:
            break;
    }
    return [](const ports::FindingResource&) -> std::optional<ResourceMatch> { return std::nullopt; };
}

domain::ScanRun Fail(domain::ScanRun run, domain::ScanError error, domain::EpochSeconds now) {
    run.status = domain::ScanStatus::kFailed;
    run.finished_at = now;
    run.error = std::move(error);
    return run;
}

}  // namespace

// BatchGetAccountStatus answers, one per account for the length of a group scan. Successes and
// AccessDenied are kept; any other failure is asked again by the next server.
class InspectorScan::AccountStatusCache {
public:
    Result<std::vector<ports::AccountState>> Get(ports::InspectorApi& inspector, const std::string& account) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = states_.find(account);
        if (it != states_.end()) {
            return it->second;
        }
        auto states = inspector.BatchGetAccountStatus(account.empty() ? std::vector<std::string>{}
                                                                      : std::vector<std::string>{account});
        if (states.ok() || states.error().code() == ErrorCode::kPermissionDenied) {
            states_.emplace(account, states);
        }
        return states;
    }

private:
    std::mutex mutex_;
    std::map<std::string, Result<std::vector<ports::AccountState>>> states_;
};

namespace {

// Inspector must be enabled for the resource type (R15, R20). A caller without
// BatchGetAccountStatus permission cannot check; the scan then goes on and ListFindings
// reports what it reports.
std::optional<domain::ScanError> CheckInspectorEnabled(const Result<std::vector<ports::AccountState>>& states,
                                                       const domain::Server& server, const std::string& account) {
    if (!states.ok()) {
        if (states.error().code() == ErrorCode::kPermissionDenied) {
            log::Warn("cannot check whether Inspector is enabled",
                      {{"account", account}, {"reason", states.error().message()}});
            return std::nullopt;
        }
        return ClassifyAwsError(states.error(), "inspector2:BatchGetAccountStatus");
    }
    for (const auto& s : *states) {
        std::string type_status = server.kind == domain::ServerKind::kEc2        ? s.ec2_status
                                  : server.kind == domain::ServerKind::kEcrImage ? s.ecr_status
                                                                                 : s.lambda_status;
        std::string type_name = server.kind == domain::ServerKind::kEc2        ? "EC2"
                                : server.kind == domain::ServerKind::kEcrImage ? "ECR"
                                                                               : "Lambda";
        bool account_ok = s.status.empty() || s.status == "ENABLED";
        bool type_ok = type_status.empty() || type_status == "ENABLED";
        if (!account_ok || !type_ok) {
            domain::ScanError e;
            e.code = "inspector_disabled";
            e.step = "inspector2:BatchGetAccountStatus";
            e.message = "Amazon Inspector " + type_name + " scanning is " +
                        (account_ok ? type_status : s.status) + " in account " + s.account_id;
            e.hint = "Enable Amazon Inspector " + type_name + " scanning for account " + s.account_id +
                     " in region " + server.region + " (Inspector console > Account management), then scan again.";
            return e;
        }
    }
    return std::nullopt;
}

}  // namespace

std::vector<ports::FindingFilter> FindingFiltersFor(const domain::Server& server,
                                                    const std::vector<domain::LambdaFunction>& functions) {
    std::vector<ports::FindingFilter> filters;
    ports::FindingFilter base;
    base.finding_status = OpenStatuses();
    switch (server.kind) {
        case domain::ServerKind::kEc2:
            base.resource_type = {Eq("AWS_EC2_INSTANCE")};
            base.resource_id = {Eq(server.instance_id)};
            if (!server.account_id.empty()) {
                base.aws_account_id = {Eq(server.account_id)};
            }
            filters.push_back(base);
            break;
        case domain::ServerKind::kEcrImage:
            base.resource_type = {Eq("AWS_ECR_CONTAINER_IMAGE")};
            base.ecr_image_repository_name = {Eq(server.repository)};
            base.ecr_image_tags = {Eq(server.image_tag)};
            if (!server.registry.empty()) {
                base.aws_account_id = {Eq(server.registry)};
            }
            filters.push_back(base);
            break;
        case domain::ServerKind::kPseudo: {
            base.resource_type = {Eq("AWS_LAMBDA_FUNCTION")};
            for (size_t start = 0; start < functions.size(); start += kMaxFilterValues) {
                ports::FindingFilter f = base;
                for (size_t fn_idx = start; fn_idx < std::min(functions.size(), start + kMaxFilterValues); ++fn_idx) {
                    f.lambda_function_name.push_back(Eq(functions[fn_idx].name));
                }
                filters.push_back(std::move(f));
            }
            break;
        }
        case domain::ServerKind::kVuls:
            break;
    }
    return filters;
}

Result<domain::ScanRun> InspectorScan::ScanServer(domain::Id server_id, domain::ScanTrigger trigger) {
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
                     "server '" + server.name + "' is a Vuls server; import Vuls results instead of an Inspector scan");
    }
    if (server.scan_mode == domain::ScanMode::kInspectorSbom) {
        return Error(ErrorCode::kConflict,
                     "server '" + server.name +
                         "' is scanned through the group's Inspector SBOM export, so the normal Inspector scan does "
                         "not run for it; use the group's SBOM bulk scan instead")
            .With("scan_mode", "inspector_sbom");
    }
    std::vector<domain::LambdaFunction> functions;
    if (server.kind == domain::ServerKind::kPseudo) {
        KENSA_ASSIGN_OR_RETURN(functions, ctx_.store.ListLambdaFunctions(server.id));
    }

    domain::ScanRun run;
    run.group_id = group.id;
    run.server_id = server.id;
    run.type = domain::ScanType::kInspector;
    run.trigger = trigger;
    run.status = domain::ScanStatus::kRunning;
    run.started_at = Now(ctx_);
    KENSA_ASSIGN_OR_RETURN(run.id, ctx_.store.CreateScanRun(run));
    auto finish = [&](domain::ScanRun r) -> Result<domain::ScanRun> {
        KENSA_TRY(ctx_.store.FinishScanRun(r));
        log::Info("inspector scan finished",
                  {{"server_id", std::to_string(server.id)},
                   {"status", std::string(domain::ToString(r.status))},
                   {"findings", std::to_string(r.findings_seen)},
                   {"error", r.error ? r.error->code : ""}});
        return r;
    };

    if (!clients.ok()) {
        clients = ClientsForGroup(ctx_, group);
    }
    if (!clients.ok()) {
        domain::ScanError e;
        e.code = "configuration";
        e.step = "credentials";
        e.message = clients.error().message();
        e.hint = "Configure and test the group's AWS integration.";
        return finish(Fail(run, e, Now(ctx_)));
    }
    std::string account = server.kind == domain::ServerKind::kEcrImage ? server.registry : server.account_id;
    if (server.kind == domain::ServerKind::kPseudo && !functions.empty()) {
        account = AccountOfArn(functions.front().arn);
    }
    if (auto disabled = CheckInspectorEnabled(accounts.Get(*clients->inspector, account), server, account)) {
        return finish(Fail(run, *disabled, Now(ctx_)));
    }

    FindingMapper mapper(MatcherFor(server, functions));
    for (const auto& filter : FindingFiltersFor(server, functions)) {
        Status st = clients->inspector->ListFindings(filter, [&](std::vector<ports::Finding>&& page) {
            for (const auto& f : page) {
                mapper.Add(f);
            }
            return true;
        });
        if (!st.ok()) {
            run.findings_seen = mapper.findings_seen();
            return finish(Fail(run, ClassifyAwsError(st.error(), "inspector2:ListFindings"), Now(ctx_)));
        }
    }
    run.findings_seen = mapper.findings_seen();
    auto network = mapper.TakeNetworkFindings();
    auto stats = ctx_.store.ApplyScan(server.id, mapper.TakeObservation(), network, Now(ctx_));
    if (!stats.ok()) {
        domain::ScanError e;
        e.code = "storage";
        e.step = "store";
        e.message = stats.error().message();
        e.hint = "The database refused the scan result; nothing was changed. See the server log.";
        return finish(Fail(run, e, Now(ctx_)));
    }
    run.status = domain::ScanStatus::kSucceeded;
    run.finished_at = Now(ctx_);
    run.vulnerabilities = stats->vulnerabilities;
    run.tasks_created = stats->tasks_created;
    run.tasks_reopened = stats->tasks_reopened;
    run.tasks_patched = stats->tasks_patched;
    run.rows_written = stats->rows_written;
    return finish(run);
}

Result<std::vector<domain::ScanRun>> InspectorScan::ScanGroup(domain::Id group_id, domain::ScanTrigger trigger) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx_.store.GetGroup(group_id));
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx_.store.ListServers(group_id));
    std::erase_if(servers, [](const domain::Server& s) {
        return s.kind == domain::ServerKind::kVuls || s.scan_mode != domain::ScanMode::kNormal;
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
                      {{"server_id", std::to_string(servers[i].id)}, {"reason", fresh.error().message()}});
            return;
        }
        auto run = Scan(*fresh, group, trigger, clients, accounts);
        if (!run.ok()) {
            log::Warn("server scan not run",
                      {{"server_id", std::to_string(servers[i].id)}, {"reason", run.error().message()}});
            return;
        }
        results[i] = std::move(run).value();
    };
    auto worker = [&] {
        Result<ports::AwsClients> clients = Error(ErrorCode::kInternal, "not connected yet");
        for (size_t i = next++; i < servers.size(); i = next++) {
            try {  // an exception must not escape a thread (std::terminate); it ends that server only
                scan_one(i, clients);
            } catch (const std::exception& e) {
                log::Error("server scan failed", {{"server_id", std::to_string(servers[i].id)}, {"error", e.what()}});
            }
        }
    };
    size_t workers = std::min(servers.size(), static_cast<size_t>(std::max(1, ctx_.scan_workers)));
    std::vector<std::jthread> threads;  // joined on every way out
    for (size_t t = 1; t < workers; ++t) {
        try {
            threads.emplace_back(worker);
        } catch (const std::system_error& e) {
            log::Warn("group scan runs with fewer workers", {{"workers", std::to_string(t)}, {"error", e.what()}});
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
