#pragma once
// Internals of the npm range evaluator (npm_range.cpp), split out so that the desugaring steps
// (npm_range_desugar.cpp, npm_range_trim.cpp) stay readable. Not part of the knowledge API.

#include <string>
#include <string_view>
#include <vector>

namespace kensa::knowledge::internal {

/// Range.parseRange up to building comparators: rewrites one trimmed "||" alternative of a
/// whitespace-normalised range into comparator strings (">=1.2.3", "<2.0.0-0", "" for any),
/// exactly as node-semver's string rewriting does (hyphen ranges, comparator whitespace,
/// tildes, carets, x-ranges, stars, ">=0.0.0").
std::vector<std::string> DesugarNpmRangePart(std::string part);

/// node-semver's trimComparatorWhitespace: "> 1.2.3 < 2" becomes ">1.2.3 <2".
std::string TrimNpmComparatorWhitespace(std::string_view range);

/// Matches node-semver's COMPARATOR expression: "<op><version>" or "". On a match stores the
/// operator ("", "=", "<", ">", "<=", ">=") and the version text ("" for the empty comparator).
bool MatchNpmComparator(const std::string& comp, std::string* op, std::string* version);

/// JavaScript's String(+digits + 1) for a string of decimal digits, as node-semver's templates
/// compute the next major, minor or patch. Results above 2^53 come out as JavaScript prints
/// them, which node-semver then rejects as a version.
std::string JsIncrement(std::string_view digits);

}  // namespace kensa::knowledge::internal
