#pragma once
// node-semver's SemVer (loose=false) as a value, shared by CompareSemver and NpmSatisfies.
// Internal to the knowledge module.

#include <string>
#include <string_view>
#include <vector>

#include "kensa/common/error.h"

namespace kensa::knowledge::internal {

/// A version node-semver accepts. Numbers are doubles because node-semver keeps JavaScript
/// numbers (all exact: parsing rejects anything above Number.MAX_SAFE_INTEGER).
struct NpmSemver {
    double major = 0;
    double minor = 0;
    double patch = 0;
    std::vector<std::string> prerelease;  ///< identifiers, empty for a release
};

/// new SemVer(input): the FULL regular expression after trimming, MAX_LENGTH 256, optional
/// leading 'v', build metadata validated and dropped. kInvalidInput when node-semver throws.
Result<NpmSemver> ParseNpmSemver(std::string_view input);

/// SemVer.compare: <0, 0 or >0.
int CompareNpmSemver(const NpmSemver& a, const NpmSemver& b);

}  // namespace kensa::knowledge::internal
