#pragma once
// Use case: a group's scan history (R20), newest first.

#include <vector>

#include "kensa/common/error.h"
#include "kensa/ports/scan_run_store.h"

namespace kensa::app {

/// How many runs the history shows.
inline constexpr int kScanHistoryLength = 100;

Result<std::vector<domain::ScanRun>> ListScanHistory(ports::ScanRunStore& runs,
                                                     domain::Id group_id);

}  // namespace kensa::app
