#pragma once
// The REST API /api/v1, registered on the HTTP server from the route table (endpoints.h).
// Handlers are thin: parse (dto/request.h), call an app/ use case, render a dto/ view.

#include "kensa/app/context.h"
#include "kensa/app/sbom/export_job.h"
#include "kensa/http/http_server.h"

namespace kensa::http::api {

/// Registers every /api/v1 route on the server. ctx and sbom_jobs must outlive the server.
void RegisterApiRoutes(HttpServer& server,
                       const app::AppContext& ctx,
                       app::SbomJobRunner& sbom_jobs);

}  // namespace kensa::http::api
