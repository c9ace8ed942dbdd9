#pragma once
// The one scan-run recorder every job uses (findings scans, SBOM exports, advisory matching,
// and the imports to come): it creates the run, marks it running, and records how it ended,
// so the scan history reads the same whatever wrote it.

#include <optional>

#include "kensa/common/clock.h"
#include "kensa/common/error.h"
#include "kensa/domain/scan_run.h"
#include "kensa/ports/scan_run_store.h"
#include "kensa/ports/scan_store.h"

namespace kensa::app {

class ScanRunRecorder {
public:
    ScanRunRecorder(ports::ScanRunStore& runs, const Clock& clock) : runs_(runs), clock_(clock) {}

    /// Records a new run (running, or queued for a background job) and returns it with its id.
    Result<domain::ScanRun> Start(domain::Id group_id,
                                  std::optional<domain::Id> server_id,
                                  domain::ScanType type,
                                  domain::ScanTrigger trigger,
                                  domain::ScanStatus status = domain::ScanStatus::kRunning);
    /// A queued run starts.
    Status MarkRunning(domain::ScanRun* run);
    /// Records the run as succeeded, or partial.
    Status Succeed(domain::ScanRun* run, bool partial = false);
    /// Records the run as failed with its error.
    Status Fail(domain::ScanRun* run, domain::ScanError error);

private:
    domain::EpochSeconds Now() const { return ToEpochSeconds(clock_.SystemNow()); }

    ports::ScanRunStore& runs_;
    const Clock& clock_;
};

/// Adds what one ApplyScan changed to the run's counts.
void AddApplied(domain::ScanRun* run, const ports::ScanApplyStats& applied);

}  // namespace kensa::app
