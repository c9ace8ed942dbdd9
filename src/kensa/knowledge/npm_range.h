#pragma once
// npm version ranges, as node-semver 7's satisfies(version, range) evaluates them with the
// default options (loose=false, includePrerelease=false): "||" alternatives of comparator sets,
// hyphen ranges ("1.2 - 2"), x-ranges ("*", "1.x", "1.2"), tilde ("~1.2.3"), caret ("^0.2"),
// comparators with or without spaces ("> 1.2.3"), and node-semver's prerelease rule: a
// prerelease version satisfies a comparator set only if some comparator of that set names a
// prerelease of the same [major, minor, patch].
// The differential test in tests/differential checks it against node's semver package.

#include <string_view>

#include "kensa/common/error.h"

namespace kensa::knowledge {

/// Longest range NpmSatisfies accepts (a cap on hostile input; real ranges are short).
inline constexpr size_t kMaxNpmRangeLength = 2048;

/// Whether `version` satisfies `range`, like semver.satisfies(version, range).
/// Differences from node-semver, where it answers false instead of failing:
///   - an invalid range (one `new Range(range)` throws on) is kInvalidInput;
///   - an invalid version (`new SemVer(version)` throws, e.g. "1.2" or "") is kInvalidInput;
///   - a range longer than kMaxNpmRangeLength is kInvalidInput (node-semver has no cap).
Result<bool> NpmSatisfies(std::string_view version, std::string_view range);

}  // namespace kensa::knowledge
