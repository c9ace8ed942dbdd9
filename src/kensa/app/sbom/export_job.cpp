#include "kensa/app/sbom/export_job.h"

#include <algorithm>
#include <map>
#include <set>

#include "kensa/app/advisories/match.h"
#include "kensa/app/inspector/inspector_enabled.h"
#include "kensa/app/sbom/sbom_errors.h"
#include "kensa/app/scan_runs/recorder.h"
#include "kensa/app/scan_runs/scan_errors.h"
#include "kensa/common/log.h"
#include "kensa/common/strings.h"

namespace kensa::app {
namespace {

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        out += i == 0 ? "" : std::string(sep);
        out += parts[i];
    }
    return out;
}

std::string DigestOfImageArn(const std::string& arn) {
    auto pos = arn.find("sha256:");
    return pos == std::string::npos ? "" : arn.substr(pos);
}

std::string RepositoryOfImageArn(const std::string& arn) {
    auto start = arn.find(":repository/");
    auto end = arn.rfind("/sha256:");
    if (start == std::string::npos || end == std::string::npos || end <= start + 12) {
        return "";
    }
    return arn.substr(start + 12, end - start - 12);
}

struct ImageTags {
    std::string repository;
    std::vector<std::string> tags;
};

// One run of the export job, step by step; each step returns the run's error when it fails.
class JobRun {
public:
    JobRun(const AppContext& ctx, const SbomJobOptions& options, domain::ScanRun& run)
        : ctx_(ctx), options_(options), run_(run) {}

    /// The run's error, or nullopt with the run's counts filled; `partial` when some resources
    /// were skipped for a failure.
    std::optional<domain::ScanError> Go(bool* partial);

private:
    std::optional<domain::ScanError> Prepare();
    std::optional<domain::ScanError> DropDisabledTypes();
    std::optional<domain::ScanError> ExportAndWait(std::string* report_prefix);
    std::optional<domain::ScanError> ListAndMatch(const std::string& prefix);
    std::optional<domain::ScanError> ImportTargets();
    std::optional<domain::ScanError> ImportTarget(size_t server, SbomResourceImport& importer);
    void Skip(std::string resource, std::string reason) {
        run_.skipped.push_back({std::move(resource), std::move(reason)});
    }

    const AppContext& ctx_;
    const SbomJobOptions& options_;
    domain::ScanRun& run_;
    domain::Group group_;
    ports::AwsClients clients_;
    std::vector<domain::Server> servers_;
    std::unique_ptr<domain::ResourceIndex> index_;
    std::vector<domain::ResourceType> export_types_;  ///< the registered types Inspector scans
    std::vector<std::vector<SbomObject>> objects_;    ///< per server, the documents matched to it
    std::string account_;
    std::unique_ptr<advisory::AdvisoryIndex> advisories_;
    bool partial_ = false;
};

std::optional<domain::ScanError> JobRun::Prepare() {
    auto group = ctx_.store.GetGroup(run_.group_id);
    if (!group.ok()) {
        return StorageError(group.error(), "The group could not be read.");
    }
    group_ = std::move(group).value();
    if (!group_.sbom.enabled) {
        return StepError(
            "configuration",
            "settings",
            "SBOM export is not enabled for the group",
            "Enable SBOM export in the group's settings (bucket, KMS key), then run it again.");
    }
    if (ctx_.sbom_format == nullptr) {
        return StepError("configuration",
                         "settings",
                         "this kensa process has no SBOM reader",
                         "Run the export from `kensa serve` or the kensa CLI.");
    }
    auto clients = ClientsForGroup(ctx_, group_);
    if (!clients.ok()) {
        return CredentialsError(clients.error());
    }
    clients_ = std::move(clients).value();
    auto servers = ctx_.store.ListServers(group_.id);
    if (!servers.ok()) {
        return StorageError(servers.error(), "The group's servers could not be read.");
    }
    std::vector<std::vector<domain::LambdaFunction>> functions;
    for (auto& s : *servers) {
        if (!domain::IsAwsResource(s.kind) || s.scan_mode != domain::ScanMode::kInspectorSbom) {
            continue;  // R19: Vuls servers (and SBOM-file servers) are never touched
        }
        std::vector<domain::LambdaFunction> fns;
        if (s.kind == domain::ServerKind::kPseudo) {
            auto listed = ctx_.store.ListLambdaFunctions(s.id);
            if (!listed.ok()) {
                return StorageError(listed.error(), "The Lambda functions could not be read.");
            }
            fns = std::move(listed).value();
        }
        servers_.push_back(std::move(s));
        functions.push_back(std::move(fns));
    }
    if (servers_.empty()) {
        return StepError("no_servers",
                         "settings",
                         "the group has no EC2, Lambda or ECR server to export",
                         "Register EC2 instances, Lambda functions or ECR images first.");
    }
    index_ = std::make_unique<domain::ResourceIndex>(servers_, functions);
    objects_.resize(servers_.size());
    account_ = group_.aws.account_id;
    if (account_.empty()) {
        auto who = clients_.sts->GetCallerIdentity();
        if (!who.ok()) {
            return SbomAwsError(who.error(), "sts:GetCallerIdentity", group_.sbom);
        }
        account_ = who->account;
    }
    if (auto err = DropDisabledTypes()) {
        return err;
    }
    auto advisories = LoadAdvisoryIndex(ctx_.store);
    if (!advisories.ok()) {
        return StorageError(advisories.error(), "The advisory database could not be read.");
    }
    advisories_ = std::move(advisories).value();
    return std::nullopt;
}

// R15, as for the findings scan: a resource type Inspector does not scan is left out of the
// export, and its servers are skipped with the reason; the run fails only when no registered
// type is scanned.
std::optional<domain::ScanError> JobRun::DropDisabledTypes() {
    auto states = clients_.inspector->BatchGetAccountStatus({account_});
    std::optional<domain::ScanError> first_disabled;
    for (auto type : index_->types()) {
        auto disabled = InspectorNotEnabled(states, {type}, account_, group_.aws.region);
        if (!disabled) {
            export_types_.push_back(type);
            continue;
        }
        if (!states.ok()) {
            return disabled;  // BatchGetAccountStatus itself failed
        }
        for (const auto& server : servers_) {
            if (domain::ResourceTypeOf(server.kind) == type) {
                Skip(server.name, disabled->message);
                partial_ = true;
            }
        }
        if (!first_disabled) {
            first_disabled = std::move(disabled);
        }
    }
    if (export_types_.empty() && first_disabled) {
        run_.skipped.clear();
        return first_disabled;
    }
    return std::nullopt;
}

std::optional<domain::ScanError> JobRun::ExportAndWait(std::string* report_prefix) {
    ports::SbomExportRequest req;
    req.report_format = group_.sbom.format;
    req.bucket_name = group_.sbom.bucket;
    req.key_prefix = group_.sbom.key_prefix;
    req.kms_key_arn = group_.sbom.kms_key_arn;
    // Restricted to the group's account and the resource types it registered; servers of
    // other groups or unregistered resources that still come back are skipped and listed.
    req.account_id = {ports::Equals(account_)};
    req.resource_type = export_types_;
    const auto tags = index_->ecr_tags();
    // Inspector ANDs its criteria, so a tag filter would drop every EC2 instance and Lambda
    // function, and a criterion takes at most 10 values. The registered tags narrow the
    // export only when it is of images alone and they fit in one criterion; otherwise images
    // are matched to their registered tags on import, as they are anyway.
    const bool images_only = export_types_ == std::vector{domain::ResourceType::kEcrImage};
    if (images_only && tags.size() <= ports::kMaxFilterValues) {
        for (const auto& tag : tags) {
            req.ecr_image_tags.push_back(ports::Equals(tag));
        }
    }
    auto id = clients_.inspector->CreateSbomExport(req);
    if (!id.ok()) {
        return SbomAwsError(id.error(), "inspector2:CreateSbomExport", group_.sbom);
    }
    auto waited = std::chrono::milliseconds(0);
    auto delay = options_.poll_initial;
    while (true) {
        auto status = clients_.inspector->GetSbomExport(*id);
        if (!status.ok()) {
            return SbomAwsError(status.error(), "inspector2:GetSbomExport", group_.sbom);
        }
        if (status->state == ports::SbomExportState::kSucceeded) {
            break;
        }
        if (status->state == ports::SbomExportState::kFailed ||
            status->state == ports::SbomExportState::kCancelled) {
            std::string code = status->error_code.empty() ? status->status : status->error_code;
            return StepError(
                ExportFailureCode(*status),
                "inspector2:GetSbomExport",
                "Inspector's SBOM export " + *id + " ended " + status->status + ": " + code +
                    (status->error_message.empty() ? "" : " (" + status->error_message + ")"),
                ExportFailureHint(status->failure, group_.sbom, group_.aws.region));
        }
        bool stopping = options_.stop != nullptr && options_.stop->load();
        if (waited >= options_.timeout || stopping) {
            auto cancelled = clients_.inspector->CancelSbomExport(*id);
            return StepError(
                stopping ? "export_cancelled" : "export_timeout",
                "inspector2:GetSbomExport",
                "Inspector's SBOM export " + *id + " was still " + status->status + " after " +
                    std::to_string(waited.count() / 1000) + " s" +
                    (stopping ? " when kensa shut down" : "") +
                    (cancelled.ok() ? "; it was cancelled" : "; cancelling it failed too"),
                stopping ? "Run the bulk export again once kensa is back."
                         : "Large accounts take longer: raise the export timeout ([sbom] "
                           "timeout_seconds), or export fewer resources.");
        }
        // Sleep in slices of at most a second, so a shutdown is not held up by a long backoff.
        for (auto slept = std::chrono::milliseconds(0); slept < delay;) {
            auto slice = std::min(delay - slept, std::chrono::milliseconds(1000));
            ctx_.clock.SleepFor(slice);
            slept += slice;
            if (options_.stop != nullptr && options_.stop->load()) {
                break;
            }
        }
        waited += delay;
        delay = std::min(options_.poll_max, delay * 2);
    }
    std::string prefix = group_.sbom.key_prefix;
    while (!prefix.empty() && prefix.back() == '/') {
        prefix.pop_back();
    }
    *report_prefix =
        (prefix.empty() ? "" : prefix + "/") + group_.sbom.format + "_outputs_" + *id + "/";
    return std::nullopt;
}

std::optional<domain::ScanError> JobRun::ListAndMatch(const std::string& prefix) {
    std::vector<std::string> keys;
    Status listed = clients_.s3->ListObjects(
        group_.sbom.bucket, prefix, [&](std::vector<ports::S3Object>&& page) {
            for (auto& o : page) {
                keys.push_back(std::move(o.key));
            }
            return true;
        });
    if (!listed.ok()) {
        return SbomAwsError(listed.error(), "s3:ListBucket", group_.sbom);
    }
    const auto& types = export_types_;
    // Image digests to repository and tags: the export names images by digest, servers by tag.
    std::map<std::string, std::vector<ImageTags>>
        images;  ///< digest -> every repository holding it
    if (std::find(types.begin(), types.end(), domain::ResourceType::kEcrImage) != types.end()) {
        ports::CoverageFilter filter;
        filter.resource_type = {domain::ResourceType::kEcrImage};
        Status st = clients_.inspector->ListCoverage(
            filter, [&](std::vector<ports::CoveredResource>&& page) {
                for (const auto& r : page) {
                    auto digest = DigestOfImageArn(r.resource_id);
                    if (!digest.empty()) {
                        std::string repo = r.ecr_image_repository.empty()
                                               ? RepositoryOfImageArn(r.resource_id)
                                               : r.ecr_image_repository;
                        images[digest].push_back({repo, r.ecr_image_tags});
                    }
                }
                return true;
            });
        if (!st.ok()) {
            return SbomAwsError(st.error(), "inspector2:ListCoverage", group_.sbom);
        }
    }
    for (const auto& key : keys) {
        auto res = ctx_.sbom_format->ParseObjectKey(key);
        if (!res) {
            Skip(key, "not an SBOM document of a known resource type");
            continue;
        }
        switch (res->type) {
            case domain::ResourceType::kEc2Instance: {
                auto matches = index_->Match({res->type, res->id, "", {}});
                if (matches.empty()) {
                    Skip(res->id,
                         "EC2 instance is not registered in this group (or its server is not in "
                         "inspector_sbom mode)");
                    continue;
                }
                objects_[matches.front().server].push_back({key, std::nullopt});
                break;
            }
            case domain::ResourceType::kLambdaFunction: {
                if (!domain::IsLatestLambdaVersion(res->qualifier)) {
                    Skip(res->id + ":" + res->qualifier,
                         "Lambda version " + res->qualifier +
                             " is not the latest; only $LATEST is imported (R15)");
                    continue;
                }
                auto matches = index_->Match({res->type, res->id, "", {}});
                if (matches.empty()) {
                    Skip(res->id,
                         "Lambda function is not registered on any pseudo server of this group "
                         "(ARNs "
                         "must match exactly, including account and region)");
                    continue;
                }
                objects_[matches.front().server].push_back(
                    {key, matches.front().lambda_function_id});
                break;
            }
            case domain::ResourceType::kEcrImage: {
                auto img = images.find(res->id);
                std::vector<ImageTags> holders =
                    img != images.end() ? img->second
                                        : std::vector<ImageTags>{{res->repository, {}}};
                std::vector<std::string> tags;
                std::set<size_t> targets;
                for (const auto& holder : holders) {
                    // The key names the repository (ambiguous only when a name contains '_'); an
                    // image pushed to two repositories goes to each one's registered tags.
                    if (!res->repository.empty() && holders.size() > 1 &&
                        holder.repository != res->repository) {
                        continue;
                    }
                    tags.insert(tags.end(), holder.tags.begin(), holder.tags.end());
                    for (const auto& m :
                         index_->Match({res->type, res->id, holder.repository, holder.tags})) {
                        targets.insert(m.server);
                    }
                }
                for (size_t t : targets) {
                    objects_[t].push_back({key, std::nullopt});
                }
                if (targets.empty()) {
                    Skip(holders.front().repository + "@" + res->id,
                         tags.empty() ? "image has no tag known to Inspector's coverage"
                                      : "no registered server for tags " + Join(tags, ", ") +
                                            " of this image (only registered tags are imported)");
                }
                break;
            }
            case domain::ResourceType::kOther:
                Skip(key, "resource type " + res->type_name + " is not imported");
                break;
        }
    }
    return std::nullopt;
}

// A server's documents: every document of an EC2 instance or an ECR image tag is one import;
// on a pseudo server each Lambda function's document is one (its reconcile is scoped to that
// function, so memory follows one function and functions missing from an export keep what
// they had).
std::optional<domain::ScanError> JobRun::ImportTarget(size_t server, SbomResourceImport& importer) {
    const domain::Server& target = servers_[server];
    const auto& objects = objects_[server];
    std::vector<std::pair<std::vector<SbomObject>, std::optional<domain::Id>>> units;
    if (target.kind == domain::ServerKind::kPseudo) {
        for (const auto& o : objects) {
            units.push_back({{o}, o.lambda_function_id});
        }
    } else {
        units.push_back({objects, std::nullopt});
    }
    int64_t components = 0;
    std::vector<std::string> keys;
    for (const auto& [unit, scope] : units) {
        SbomImportResult result;
        // Every unit of a run is stamped with the run's start, so a pseudo server's functions
        // are one import (see the R13 rule in ApplyScan).
        if (auto err =
                importer.Import(target, group_.sbom, unit, scope, run_.started_at, &result)) {
            return err;
        }
        run_.skipped.insert(run_.skipped.end(), result.skipped.begin(), result.skipped.end());
        if (!result.imported) {
            partial_ = true;
            continue;
        }
        AddApplied(&run_, result.applied);
        run_.components_imported += result.components;
        run_.resources_imported += static_cast<int64_t>(result.keys.size());
        components += result.components;
        keys.insert(keys.end(), result.keys.begin(), result.keys.end());
    }
    if (keys.empty()) {
        return std::nullopt;
    }
    if (auto st = ctx_.store.RecordSbomImport(target.id, Join(keys, "\n"), components, Now(ctx_));
        !st.ok()) {
        log::Warn("could not record SBOM import", {{"server_id", std::to_string(target.id)}});
    }
    if (auto st = RefreshServerEol(ctx_.store, target.id, Now(ctx_)); !st.ok()) {
        log::Warn("could not refresh EOL items after SBOM import",
                  {{"server_id", std::to_string(target.id)}, {"error", st.error().ToString()}});
        partial_ = true;
    }
    auto matched = MatchServer(ctx_, *advisories_, target);
    if (!matched.ok()) {
        log::Warn(
            "advisory matching failed after SBOM import",
            {{"server_id", std::to_string(target.id)}, {"error", matched.error().ToString()}});
        partial_ = true;
    } else {
        run_.rows_written += matched->rows_written;
        run_.tasks_created += matched->tasks_created;
    }
    return std::nullopt;
}

std::optional<domain::ScanError> JobRun::ImportTargets() {
    ClassifyCache classes([this](std::string_view eco, std::string_view name) {
        return advisories_->Knows(eco, name);
    });
    auto knowledge = CurrentEolKnowledge(ctx_.store);
    if (!knowledge.ok()) {
        return StorageError(knowledge.error(),
                            "The EOL data could not be read; nothing was "
                            "imported.");
    }
    SbomResourceImport importer(
        ctx_.store, *clients_.s3, *ctx_.sbom_format, options_.limits, classes, knowledge->get());
    for (size_t server = 0; server < servers_.size(); ++server) {
        if (objects_[server].empty()) {
            continue;
        }
        if (auto err = ImportTarget(server, importer)) {
            return err;
        }
    }
    return std::nullopt;
}

std::optional<domain::ScanError> JobRun::Go(bool* partial) {
    std::string prefix;
    std::optional<domain::ScanError> err = Prepare();
    if (!err) {
        err = ExportAndWait(&prefix);
    }
    if (!err) {
        err = ListAndMatch(prefix);
    }
    if (!err) {
        err = ImportTargets();
    }
    run_.resources_skipped = static_cast<int64_t>(run_.skipped.size());
    *partial = partial_;
    return err;
}

}  // namespace

Result<domain::ScanRun> SbomExportJob::Run(domain::Id group_id, domain::ScanTrigger trigger) {
    ScanRunRecorder recorder(ctx_.store, ctx_.clock);
    KENSA_ASSIGN_OR_RETURN(
        domain::ScanRun run,
        recorder.Start(
            group_id, std::nullopt, domain::ScanType::kSbom, trigger, domain::ScanStatus::kQueued));
    return Execute(std::move(run));
}

Result<domain::ScanRun> SbomExportJob::Execute(domain::ScanRun run) {
    ScanRunRecorder recorder(ctx_.store, ctx_.clock);
    KENSA_TRY(recorder.MarkRunning(&run));
    log::Info("sbom export starting",
              {{"group_id", std::to_string(run.group_id)}, {"run_id", std::to_string(run.id)}});
    bool partial = false;
    std::optional<domain::ScanError> err = JobRun(ctx_, options_, run).Go(&partial);
    KENSA_TRY(err ? recorder.Fail(&run, std::move(*err)) : recorder.Succeed(&run, partial));
    log::Info("sbom export finished",
              {{"group_id", std::to_string(run.group_id)},
               {"status", std::string(domain::ToString(run.status))},
               {"resources", std::to_string(run.resources_imported)},
               {"skipped", std::to_string(run.resources_skipped)},
               {"components", std::to_string(run.components_imported)},
               {"error", run.error ? run.error->code : ""}});
    return run;
}

void SbomJobRunner::Stop() {
    stop_ = true;
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mu_);
        threads.swap(threads_);
    }
    for (auto& t : threads) {
        t.join();
    }
}

void SbomJobRunner::Submit(domain::ScanRun queued) {
    std::lock_guard lock(mu_);
    threads_.emplace_back([this, queued = std::move(queued)]() mutable {
        // Nothing may escape a thread (std::terminate would end every group's work): a job
        // that throws (bad_alloc from a hostile endpoint, say) fails its own run with the cause.
        // `queued` stays as it was for that: the job works on a copy made inside the try.
        try {
            SbomExportJob job(ctx_, options_);
            auto done = job.Execute(queued);
            if (!done.ok()) {
                log::Error("sbom export could not be recorded",
                           {{"error", done.error().ToString()}});
            }
        } catch (const std::exception& e) {
            FailBrokenJob(queued, e.what());
        } catch (...) {
            FailBrokenJob(queued, "an unknown exception");
        }
    });
}

void SbomJobRunner::FailBrokenJob(domain::ScanRun& run, const char* cause) noexcept {
    try {
        log::Error("sbom export stopped", {{"run_id", std::to_string(run.id)}, {"error", cause}});
        ScanRunRecorder recorder(ctx_.store, ctx_.clock);
        Status failed = recorder.Fail(&run, BrokenJobError("SBOM export", cause));
        if (!failed.ok()) {
            log::Error("sbom export could not be recorded", {{"error", failed.error().ToString()}});
        }
    } catch (...) {  // out of memory even for this: the run stays as it was, the process lives
    }
}

}  // namespace kensa::app
