#pragma once
// The lifecycle of a scan run (the scan history, R2, R20): queued -> running -> succeeded,
// partial or failed. A finished run has its finish time; a failed one has its error.

#include "kensa/domain/model.h"
#include "kensa/domain/scan_reconcile.h"

namespace kensa::domain {

/// A new run of `type` for a group (and server), queued or running from `now`.
ScanRun NewScanRun(Id group_id,
                   std::optional<Id> server_id,
                   ScanType type,
                   ScanTrigger trigger,
                   ScanStatus status,
                   EpochSeconds now);

/// Ends the run: succeeded, or partial when some resources were skipped or failed.
void SucceedScanRun(ScanRun* run, bool partial, EpochSeconds now);

/// Ends the run as failed with its error (the failing step, permission and fix).
void FailScanRun(ScanRun* run, ScanError error, EpochSeconds now);

bool IsFinished(ScanStatus status);

}  // namespace kensa::domain
