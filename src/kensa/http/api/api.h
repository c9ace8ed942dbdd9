#pragma once
// The REST API /api/v1: one file per resource (groups, servers, tasks), all sharing the
// authentication and JSON helpers of api_common.h. Handlers call app/ use cases only.

#include "kensa/app/context.h"
#include "kensa/http/http_server.h"

namespace kensa::http::api {

/// Registers every /api/v1 route on the server. ctx must outlive the server.
void RegisterApiRoutes(HttpServer& server, const app::AppContext& ctx);

}  // namespace kensa::http::api
