#pragma once
// Groups (tenants) and their settings. Contract of every store port: see store.h.

#include <optional>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"
#include "kensa/domain/scan_mode.h"

namespace kensa::ports {

using domain::EpochSeconds;
using domain::Id;

class GroupStore {
public:
    virtual ~GroupStore() = default;

    virtual Result<Id> CreateGroup(const domain::Group& group) = 0;
    virtual Result<domain::Group> GetGroup(Id group_id) = 0;
    virtual Result<std::optional<domain::Group>> FindGroupByName(const std::string& name) = 0;
    virtual Result<std::vector<domain::Group>> ListGroups() = 0;
    virtual Status UpdateGroupAws(Id group_id, const domain::AwsIntegration& aws) = 0;
    /// The inventory settings (R18): the near-EOL window and the license policy
    /// (domain::EncodeLicensePolicy). The caller checks them.
    virtual Status UpdateGroupInventory(Id group_id,
                                        int eol_near_days,
                                        const std::string& license_policy) = 0;
    virtual Status UpdateGroupSchedule(Id group_id,
                                       const std::string& timezone,
                                       int daily_minute,
                                       bool enabled) = 0;
    /// Saves the SBOM export settings and, in the same transaction, sets the scan mode of each
    /// listed server (the caller decides the modes: domain::ScanModeFor). Returns the number of
    /// servers whose mode changed.
    virtual Result<int64_t> UpdateGroupSbom(Id group_id,
                                            const domain::SbomExportSettings& sbom,
                                            const std::vector<domain::ScanModeChange>& modes) = 0;
    /// R14 rate limit: accepts a manual bulk export when none was accepted in the last
    /// `min_interval` seconds and records `now`; atomic across processes. Returns nullopt when
    /// accepted, else the epoch second from which the next one will be accepted.
    virtual Result<std::optional<EpochSeconds>> TryStartManualSbomExport(Id group_id,
                                                                         EpochSeconds now,
                                                                         int min_interval) = 0;
};

}  // namespace kensa::ports
