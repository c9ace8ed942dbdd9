#pragma once
// Use case: matching software against the advisory database (issue 7). Matches become
// detections with source=advisory that merge with Inspector's and the SBOM's detections of the
// same vulnerability: one task per server and vulnerability, whoever saw it.

#include <memory>

#include "kensa/advisory/index.h"
#include "kensa/app/context.h"

namespace kensa::app {

/// Builds the in-memory index from every stored advisory. kInternal when a stored record cannot
/// be read (matching with a partial index would close that record's detections).
Result<std::unique_ptr<advisory::AdvisoryIndex>> LoadAdvisoryIndex(ports::Store& store);

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
