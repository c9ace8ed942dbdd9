#pragma once
// Use case: Inspector SBOM export (R10-R17, R20; design flow 2).
//
//   BatchGetAccountStatus (R15) -> CreateSbomExport (the group's account and registered resource
//   types and ECR tags) -> poll GetSbomExport with backoff (CancelSbomExport on timeout) ->
//   ListObjectsV2 over the report prefix -> match each object to a registered server (R16:
//   domain::ResourceIndex; Lambda $LATEST only, ECR by a registered tag) -> import each
//   resource (import_resource.h: R17 and one transaction per resource) -> match the advisory
//   database.
//
// Every run is a ScanRun of type sbom, recorded by the scan-run recorder. An AWS failure names
// the failing step and how to fix it; a failed object never replaces what the previous import
// stored.

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "kensa/app/context.h"
#include "kensa/app/sbom/import_resource.h"

namespace kensa::app {

struct SbomJobOptions {
    std::chrono::milliseconds poll_initial{2000};
    std::chrono::milliseconds poll_max{30000};
    std::chrono::seconds timeout{2 * 3600};  ///< give up and CancelSbomExport after this
    SbomImportLimits limits;
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
    /// Records `run` as failed with `cause` after the job threw; never throws itself.
    void FailBrokenJob(domain::ScanRun& run, const char* cause) noexcept;
    const AppContext& ctx_;
    SbomJobOptions options_;
    std::atomic<bool> stop_{false};
    std::mutex mu_;
    std::vector<std::thread> threads_;
};

}  // namespace kensa::app
