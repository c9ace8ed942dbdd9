#pragma once
// /api/v1/vulnerabilities: the vulnerability catalogue, shared by every group.

#include "kensa/http/api/endpoints.h"

namespace kensa::http::api::vulnerabilities {

/// GET /vulnerabilities/{id}: the vulnerability, severity as its name. Any signed-in user.
Result<Response> Get(const ApiDeps& deps, const Request& req);

}  // namespace kensa::http::api::vulnerabilities
