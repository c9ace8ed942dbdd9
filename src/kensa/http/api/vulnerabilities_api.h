#pragma once
// /api/v1/groups/{group}/vulnerabilities/{id}: a vulnerability as the group sees it (what its
// own sources say, else the advisory database), never another tenant's words.

#include "kensa/http/api/endpoints.h"

namespace kensa::http::api::vulnerabilities {

/// GET /vulnerabilities/{id}: the vulnerability, severity as its name. Any signed-in user.
Result<Response> Get(const ApiDeps& deps, const Request& req);

}  // namespace kensa::http::api::vulnerabilities
