#pragma once
// How a task's status reads in a CycloneDX VEX document (R18): the analysis state, and the
// response a vendor would state. CycloneDX's states are resolved, resolved_with_pedigree,
// exploitable, in_triage, false_positive and not_affected; "workaround_available" and
// "will_not_fix" are responses beside the state, not states.
//
//   NEW, INVESTIGATING      -> in_triage
//   ONGOING                 -> exploitable, response update
//   DEFER                   -> exploitable, response will_not_fix (not now)
//   WORKAROUND              -> exploitable, response workaround_available
//   NOT_AFFECTED            -> not_affected
//   RISK_ACCEPTED           -> exploitable, response will_not_fix
//   PATCH_APPLIED           -> resolved, response update

#include <string_view>
#include <vector>

#include "kensa/domain/model.h"

namespace kensa::domain {

struct VexAnalysis {
    std::string_view state;
    std::string_view response;  ///< "" when none
};

VexAnalysis VexAnalysisOf(TaskStatus status);

/// What a VEX says of one task: its vulnerability, and the software rows it is detected on.
struct VexStatement {
    Task task;
    Vulnerability vulnerability;
    std::vector<Id> software_ids;
};

}  // namespace kensa::domain
