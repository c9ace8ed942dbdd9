#pragma once
// Version constraints as a user writes them for "where is X used" (R18): comma-separated
// comparisons, all of which must hold: ">=2.0.0,<2.17.1", "=1.2.3", "!=3.0". Versions compare
// by their ecosystem's rules (version.h).

#include <string>
#include <string_view>
#include <vector>

#include "kensa/common/error.h"

namespace kensa::knowledge {

struct VersionConstraint {
    enum class Op { kLt, kLe, kGt, kGe, kEq, kNe };
    Op op = Op::kEq;
    std::string version;
};

/// kInvalidInput naming the part that is not "<op><version>" (op: < <= > >= = == !=; none
/// means =). At most 16 comparisons.
Result<std::vector<VersionConstraint>> ParseVersionConstraints(std::string_view text);

/// Whether `version` meets every constraint. kInvalidInput when the ecosystem cannot compare
/// the versions (an unknown ecosystem, a version its rules reject).
Result<bool> SatisfiesAll(std::string_view ecosystem,
                          std::string_view version,
                          const std::vector<VersionConstraint>& constraints);

}  // namespace kensa::knowledge
