#include "kensa/domain/vex.h"

namespace kensa::domain {

VexAnalysis VexAnalysisOf(TaskStatus status) {
    switch (status) {
        case TaskStatus::kNew:
        case TaskStatus::kInvestigating:
            return {"in_triage", ""};
        case TaskStatus::kOngoing:
            return {"exploitable", "update"};
        case TaskStatus::kDefer:
            return {"exploitable", "will_not_fix"};
        case TaskStatus::kWorkaround:
            return {"exploitable", "workaround_available"};
        case TaskStatus::kNotAffected:
            return {"not_affected", ""};
        case TaskStatus::kRiskAccepted:
            return {"exploitable", "will_not_fix"};
        case TaskStatus::kPatchApplied:
            return {"resolved", "update"};
    }
    return {"in_triage", ""};
}

}  // namespace kensa::domain
