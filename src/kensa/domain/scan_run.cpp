#include "kensa/domain/scan_run.h"

namespace kensa::domain {

ScanRun NewScanRun(Id group_id,
                   std::optional<Id> server_id,
                   ScanType type,
                   ScanTrigger trigger,
                   ScanStatus status,
                   EpochSeconds now) {
    ScanRun run;
    run.group_id = group_id;
    run.server_id = server_id;
    run.type = type;
    run.trigger = trigger;
    run.status = status;
    run.started_at = now;
    return run;
}

void SucceedScanRun(ScanRun* run, bool partial, EpochSeconds now) {
    run->status = partial ? ScanStatus::kPartial : ScanStatus::kSucceeded;
    run->finished_at = now;
}

void FailScanRun(ScanRun* run, ScanError error, EpochSeconds now) {
    run->status = ScanStatus::kFailed;
    run->finished_at = now;
    run->error = std::move(error);
}

bool IsFinished(ScanStatus status) {
    return status == ScanStatus::kSucceeded || status == ScanStatus::kPartial ||
           status == ScanStatus::kFailed;
}

}  // namespace kensa::domain
