#pragma once
// OSV JSON (https://ossf.github.io/osv-schema/) read into kensa's normalised advisory
// (advisory/advisory.h): OSV ecosystems mapped to purl types and distros, GIT ranges dropped.
// Input is hostile: a malformed record gives kInvalidInput naming the problem, never a crash.

#include <string_view>

#include "kensa/advisory/advisory.h"
#include "kensa/common/error.h"

namespace kensa::formats::osv {

/// What parsing dropped, for the import report.
struct ParseNotes {
    int git_ranges_skipped = 0;
    int unknown_ecosystems = 0;  ///< affected entries kensa cannot map (kept out of the index)
};

/// Parses one OSV JSON record (at most 16 MiB). `notes` may be null.
Result<advisory::Advisory> ParseOsv(std::string_view json, ParseNotes* notes);

}  // namespace kensa::formats::osv
