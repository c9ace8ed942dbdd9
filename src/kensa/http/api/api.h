#pragma once
// The REST API /api/v1: one file per resource (groups, servers, tasks), all sharing the
// authentication and JSON helpers of api_common.h. Handlers call app/ use cases only.

#include "kensa/app/context.h"
#include "kensa/app/sbom/export_job.h"
#include "kensa/http/http_server.h"

namespace kensa::http::api {

/// Registers every /api/v1 route on the server. ctx and sbom_jobs must outlive the server.
void RegisterApiRoutes(HttpServer& server, const app::AppContext& ctx, app::SbomJobRunner& sbom_jobs);

}  // namespace kensa::http::api
