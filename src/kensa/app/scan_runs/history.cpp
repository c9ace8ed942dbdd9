#include "kensa/app/scan_runs/history.h"

namespace kensa::app {

Result<std::vector<domain::ScanRun>> ListScanHistory(ports::ScanRunStore& runs,
                                                     domain::Id group_id) {
    return runs.ListScanRuns(group_id, kScanHistoryLength);
}

}  // namespace kensa::app
