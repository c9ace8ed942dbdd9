#pragma once
// Inspector scans and the scan history: /api/v1/groups/{group}/scan, .../scan-runs and
// .../servers/{server}/scan (R4, R8, R20).

#include "kensa/http/api/endpoints.h"

namespace kensa::http::api::scans {

/// POST /groups/{group}/scan: scans every normal-mode server; {scan_runs: [...]}. Members.
Result<Response> ScanGroup(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/scan-runs: the newest runs first; {scan_runs: [...]}.
Result<Response> ListRuns(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /groups/{group}/servers/{server}/scan: a manual scan of one server; the run. Members.
Result<Response> ScanServer(const ApiDeps& deps, const Request& req, const Caller& caller);

}  // namespace kensa::http::api::scans
