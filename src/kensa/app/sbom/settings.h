#pragma once
// Use case: a group's SBOM export settings (R10-R13) and the manual bulk export's trigger (R14).
// Saving the settings switches the group's servers between the normal scan and the export (R13,
// domain/scan_mode.h).

#include <string>

#include "kensa/app/context.h"

namespace kensa::app {

struct SbomSettingsInput {
    bool enabled = false;
    std::string bucket;  ///< empty: domain::DefaultSbomBucket
    std::string key_prefix;
    std::string kms_key_arn;
    std::string format = "CYCLONEDX_1_4";
};

/// Validates and saves a group's SBOM export settings, switching its servers' scan mode (R13).
/// Returns the saved settings.
Result<domain::SbomExportSettings> SetSbomSettings(const AppContext& ctx,
                                                   domain::Id group_id,
                                                   const SbomSettingsInput& in,
                                                   const std::string& actor);

/// R14: a manual bulk export is accepted once an hour per group.
inline constexpr int kManualSbomIntervalSeconds = 3600;

/// Checks the rate limit and records a queued sbom scan run. kRateLimited (detail
/// "retry_after" in seconds) when the group had a manual export within the hour.
Result<domain::ScanRun> QueueManualSbomExport(const AppContext& ctx, domain::Id group_id);

}  // namespace kensa::app
