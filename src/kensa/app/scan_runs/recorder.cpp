#include "kensa/app/scan_runs/recorder.h"

namespace kensa::app {

Result<domain::ScanRun> ScanRunRecorder::Start(domain::Id group_id,
                                               std::optional<domain::Id> server_id,
                                               domain::ScanType type,
                                               domain::ScanTrigger trigger,
                                               domain::ScanStatus status) {
    domain::ScanRun run = domain::NewScanRun(group_id, server_id, type, trigger, status, Now());
    KENSA_ASSIGN_OR_RETURN(run.id, runs_.CreateScanRun(run));
    return run;
}

Status ScanRunRecorder::MarkRunning(domain::ScanRun* run) {
    run->status = domain::ScanStatus::kRunning;
    return runs_.FinishScanRun(*run);  // records "running"
}

Status ScanRunRecorder::Succeed(domain::ScanRun* run, bool partial) {
    domain::SucceedScanRun(run, partial, Now());
    return runs_.FinishScanRun(*run);
}

Status ScanRunRecorder::Fail(domain::ScanRun* run, domain::ScanError error) {
    domain::FailScanRun(run, std::move(error), Now());
    return runs_.FinishScanRun(*run);
}

void AddApplied(domain::ScanRun* run, const ports::ScanApplyStats& applied) {
    run->rows_written += applied.rows_written;
    run->tasks_created += applied.tasks_created;
    run->tasks_reopened += applied.tasks_reopened;
    run->tasks_patched += applied.tasks_patched;
    run->vulnerabilities += applied.vulnerabilities;
}

}  // namespace kensa::app
