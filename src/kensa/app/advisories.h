#pragma once
// Use cases of the advisory database (issue 7): offline OSV import, and matching a group's
// software against it. Matches become detections with source=advisory that merge with
// Inspector's and the SBOM's detections of the same vulnerability: one task per server and
// vulnerability, whoever saw it.

#include <string>
#include <vector>

#include "kensa/advisory/index.h"
#include "kensa/app/context.h"

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

/// Imports OSV JSON from a file, a directory (recursively: *.json and *.zip) or a zip of an
/// ecosystem dump. Re-import is incremental: records whose `modified` is unchanged are not
/// rewritten. A malformed record is reported and skipped; the rest is imported.
Result<AdvisoryImportReport> ImportAdvisories(const AppContext& ctx, const std::string& path);

/// Builds the in-memory index from every stored advisory.
Result<std::unique_ptr<advisory::AdvisoryIndex>> LoadAdvisoryIndex(ports::Store& store);

/// The matcher's view of one software row (purl qualifiers for distro and source package,
/// the server's platform as the distro fallback).
advisory::PackageQuery QueryFor(const domain::Software& software, const domain::Server& server);

/// Matches every active software row of the group's servers and reconciles source=advisory
/// detections per server. Records one scan run of type advisory.
Result<domain::ScanRun> MatchGroup(const AppContext& ctx,
                                   const advisory::AdvisoryIndex& index,
                                   domain::Id group_id,
                                   domain::ScanTrigger trigger);

/// Matches one server (used after each import of that server).
Result<ports::ScanApplyStats> MatchServer(const AppContext& ctx,
                                          const advisory::AdvisoryIndex& index,
                                          const domain::Server& server);

}  // namespace kensa::app
