#pragma once
// The scan history: one ScanRun per scan, export or match. Contract: see store.h.

#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::ports {

class ScanRunStore {
public:
    virtual ~ScanRunStore() = default;

    virtual Result<domain::Id> CreateScanRun(const domain::ScanRun& run) = 0;
    virtual Status FinishScanRun(const domain::ScanRun& run) = 0;
    virtual Result<domain::ScanRun> GetScanRun(domain::Id run_id) = 0;
    /// The group's newest runs first.
    virtual Result<std::vector<domain::ScanRun>> ListScanRuns(domain::Id group_id, int limit) = 0;
};

}  // namespace kensa::ports
