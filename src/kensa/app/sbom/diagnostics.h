#pragma once
// Use case: why each registered server has SBOM software or not (R20), for the settings screen
// and `kensa sbom diagnose`.

#include <optional>
#include <string>
#include <vector>

#include "kensa/app/context.h"

namespace kensa::app {

struct SbomDiagnosis {
    domain::Id server_id = 0;
    std::string server;
    std::string kind;
    std::string scan_mode;
    std::vector<std::string> identifiers;  ///< instance id, function ARNs, repository:tag
    std::string object_keys;               ///< what the last import read
    int64_t components = 0;
    domain::EpochSeconds imported_at = 0;
    std::string verdict;  ///< one sentence
};

struct SbomDiagnostics {
    bool enabled = false;
    std::string bucket;
    std::string kms_key_arn;
    std::optional<domain::ScanRun> last_run;
    std::vector<SbomDiagnosis> servers;
    std::vector<domain::SkippedResource> unmatched;  ///< from the last run
};

Result<SbomDiagnostics> DiagnoseSbom(const AppContext& ctx, domain::Id group_id);

}  // namespace kensa::app
