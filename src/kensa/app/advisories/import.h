#pragma once
// Use case: importing the offline advisory database (issue 7). The feed (ports/advisory_feed.h)
// reads and parses; this writes the records to the store in batches and reports what happened.

#include <cstdint>
#include <string>
#include <vector>

#include "kensa/app/context.h"
#include "kensa/ports/advisory_feed.h"

namespace kensa::app {

struct AdvisoryImportReport {
    int64_t files = 0;
    int64_t records = 0;
    int64_t inserted = 0;
    int64_t updated = 0;
    int64_t unchanged = 0;
    int64_t withdrawn = 0;
    int64_t git_ranges_skipped = 0;
    int64_t unknown_ecosystems = 0;
    std::vector<std::string> errors;  ///< "<file>: <problem>", one per rejected record
};

/// Imports the advisories `feed` reads from `path` (for the OSV feed: a file, a directory or a
/// zip of an ecosystem dump). Re-import is incremental: records whose `modified` is unchanged
/// are not rewritten. A rejected record is reported and skipped; the rest is imported. Errors:
/// the feed's (kNotFound for a missing path) and the store's.
Result<AdvisoryImportReport> ImportAdvisories(const AppContext& ctx,
                                              const ports::AdvisoryFeed& feed,
                                              const std::string& path);

}  // namespace kensa::app
