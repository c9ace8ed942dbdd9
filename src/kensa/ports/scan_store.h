#pragma once
// Scan application: a server's stored state as a scan sees it, and the changes a scan makes.
// The rules (what changes) are domain::Reconcile's; the store applies them. Contract: store.h.

#include <optional>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"
#include "kensa/domain/scan_reconcile.h"

namespace kensa::ports {

/// What ApplyScan changed.
struct ScanApplyStats {
    int64_t rows_written = 0;  ///< every row inserted or updated, excluding scan_runs
    int64_t tasks_created = 0;
    int64_t tasks_reopened = 0;
    int64_t tasks_patched = 0;
    int64_t active_detections = 0;
    int64_t vulnerabilities = 0;  ///< distinct vulnerabilities seen by this scan
};

struct NetworkFinding {
    std::string finding_arn;
    std::string title;
    std::string severity;
    std::string protocol;
    int port_begin = 0;
    int port_end = 0;
};

class ScanStore {
public:
    virtual ~ScanStore() = default;

    /// Reconciles one server's scan in one write transaction: loads the server's state, lets
    /// domain::PlanScan (the R13 take-over, then domain::Reconcile, the vulnerability merge
    /// policy and the default priority) decide the changes, and writes exactly those, with
    /// system comments and history. Writes nothing when nothing changed; on error nothing.
    virtual Result<ScanApplyStats> ApplyScan(domain::Id server_id,
                                             const domain::ScanObservation& observation,
                                             const std::vector<NetworkFinding>& network,
                                             domain::EpochSeconds now) = 0;
    virtual Result<std::vector<domain::Detection>> ListDetections(domain::Id server_id) = 0;
    /// A vulnerability as `group_id` sees it: what the group's own sources say, else what the
    /// advisory database says, and only when the group has a task of it; nullopt otherwise (so
    /// the answer never tells whether another tenant has seen it).
    virtual Result<std::optional<domain::Vulnerability>> GetVulnerability(
        domain::Id group_id, const std::string& id) = 0;
    virtual Result<std::vector<NetworkFinding>> ListNetworkFindings(domain::Id server_id) = 0;
};

}  // namespace kensa::ports
