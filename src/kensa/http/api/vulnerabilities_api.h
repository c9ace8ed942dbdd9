#pragma once
// /api/v1/groups/{group}/vulnerabilities/{id}: a vulnerability as the group sees it (what its
// own sources say, else the advisory database), never another tenant's words.

#include "kensa/http/api/endpoints.h"

namespace kensa::http::api::vulnerabilities {

/// GET /groups/{group}/vulnerabilities/{id}: the vulnerability as the group sees it, severity
/// as its name; 404 unless the group has a source that describes it. Viewer or above.
Result<Response> Get(const ApiDeps& deps, const Request& req, const Caller& caller);

}  // namespace kensa::http::api::vulnerabilities
