#pragma once
// Use case: Inspector SBOM export (R10-R17, R20; design flow 2).
//
//   BatchGetAccountStatus -> CreateSbomExport (the group's account and registered resource
//   types and ECR tags) -> poll GetSbomExport with backoff (CancelSbomExport on timeout) ->
//   ListObjectsV2 over the report prefix -> GetObject each document -> match it to a registered
//   server (EC2 by instance id, Lambda by function ARN and $LATEST only, ECR by repository and
//   a registered tag) -> convert software types (R17) -> reconcile each server's software and
//   detections in one transaction -> match the advisory database.
//
// Every run is a ScanRun of type sbom. An AWS failure names the failing step and how to fix
// it; a failed object never replaces what the previous import stored.

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kensa/app/context.h"

namespace kensa::app {

struct SbomSettingsInput {
    bool enabled = false;
    std::string bucket;  ///< empty: domain::DefaultSbomBucket
    std::string key_prefix;
    std::string kms_key_arn;
    std::string format = "CYCLONEDX_1_4";
};

/// Validates and saves a group's SBOM export settings, switching its servers' scan mode (R13).
/// Returns the saved settings.
Result<domain::SbomExportSettings> SetSbomSettings(const AppContext& ctx,
                                                   domain::Id group_id,
                                                   const SbomSettingsInput& in,
                                                   const std::string& actor);

/// R14: a manual bulk export is accepted once an hour per group.
inline constexpr int kManualSbomIntervalSeconds = 3600;

/// Checks the rate limit and records a queued sbom scan run. kRateLimited (detail
/// "retry_after" in seconds) when the group had a manual export within the hour.
Result<domain::ScanRun> QueueManualSbomExport(const AppContext& ctx, domain::Id group_id);

struct SbomJobOptions {
    std::chrono::milliseconds poll_initial{2000};
    std::chrono::milliseconds poll_max{30000};
    std::chrono::seconds timeout{2 * 3600};       ///< give up and CancelSbomExport after this
    int64_t max_object_bytes = int64_t{256} << 20;  ///< a larger document is skipped, not read
    /// One resource's software is reconciled in one transaction, so it is held in memory; a
    /// resource listing more components is skipped with the reason (its previous SBOM is kept).
    int64_t max_components_per_resource = 500000;
    /// Set by the owner to stop waiting for an export (shutdown); may be null.
    const std::atomic<bool>* stop = nullptr;
};

class SbomExportJob {
public:
    SbomExportJob(const AppContext& ctx, SbomJobOptions options) : ctx_(ctx), options_(options) {}

    /// Runs a new export for the group (scheduled runs).
    Result<domain::ScanRun> Run(domain::Id group_id, domain::ScanTrigger trigger);
    /// Runs a queued run (from QueueManualSbomExport) to completion and records the result.
    Result<domain::ScanRun> Execute(domain::ScanRun run);

private:
    const AppContext& ctx_;
    SbomJobOptions options_;
};

/// Runs queued exports in the background (the API answers 202 at once; exports take minutes).
/// The destructor waits for running exports, so the context must outlive the runner.
class SbomJobRunner {
public:
    SbomJobRunner(const AppContext& ctx, SbomJobOptions options) : ctx_(ctx), options_(options) {
        options_.stop = &stop_;
    }
    ~SbomJobRunner() { Stop(); }
    /// Asks running exports to stop waiting (their Inspector export is cancelled) and joins them.
    void Stop();
    SbomJobRunner(const SbomJobRunner&) = delete;
    SbomJobRunner& operator=(const SbomJobRunner&) = delete;

    void Submit(domain::ScanRun queued);

private:
    const AppContext& ctx_;
    SbomJobOptions options_;
    std::atomic<bool> stop_{false};
    std::mutex mu_;
    std::vector<std::thread> threads_;
};

/// Why each registered server has SBOM software or not (R20).
struct SbomDiagnosis {
    domain::Id server_id = 0;
    std::string server;
    std::string kind;
    std::string scan_mode;
    std::vector<std::string> identifiers;  ///< instance id, function ARNs, repository:tag
    std::string object_keys;               ///< what the last import read
    int64_t components = 0;
    domain::EpochSeconds imported_at = 0;
    std::string verdict;  ///< one sentence
};

struct SbomDiagnostics {
    bool enabled = false;
    std::string bucket;
    std::string kms_key_arn;
    std::optional<domain::ScanRun> last_run;
    std::vector<SbomDiagnosis> servers;
    std::vector<domain::SkippedResource> unmatched;  ///< from the last run
};

Result<SbomDiagnostics> DiagnoseSbom(const AppContext& ctx, domain::Id group_id);

/// Identifies the resource a document of the export describes from its S3 key
/// (".../resource=<TYPE>/<ARN with '/' as '_'>_<FORMAT>.json"). Exposed for tests.
struct ExportedResource {
    std::string type;       ///< AWS_EC2_INSTANCE, AWS_LAMBDA_FUNCTION, AWS_ECR_CONTAINER_IMAGE
    std::string id;         ///< instance id, unqualified function ARN, or image digest (sha256:...)
    std::string qualifier;  ///< Lambda version ($LATEST, 3, ...); empty when none
    std::string repository;  ///< ECR, best effort ('/' in names is ambiguous in keys)
};
std::optional<ExportedResource> ResourceFromKey(const std::string& key);

}  // namespace kensa::app
