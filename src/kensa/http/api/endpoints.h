#pragma once
// The route table of the REST API /api/v1: one row per endpoint (method, pattern, summary,
// success status, function). The server registers it (api.h), the OpenAPI document is built
// from it and the handler tests dispatch through it, so the three cannot disagree. The
// endpoint functions live in one file per resource (groups_api.h, servers_api.h, ...).

#include <functional>
#include <span>
#include <string_view>

#include "kensa/app/context.h"
#include "kensa/app/sbom/diagnostics.h"
#include "kensa/app/sbom/export_job.h"
#include "kensa/app/sbom/settings.h"
#include "kensa/common/error.h"
#include "kensa/dto/json.h"
#include "kensa/http/message.h"

namespace kensa::http::api {

/// What the endpoint functions use. Both must outlive the registered handlers.
struct ApiDeps {
    const app::AppContext& app;
    app::SbomJobRunner& sbom_jobs;
};

/// An endpoint: parses the request, calls a use case, renders a dto view. An error becomes a
/// problem response (error_to_status.h).
using EndpointFn = Result<Response> (*)(const ApiDeps& deps, const Request& req);

struct Endpoint {
    std::string_view method;   ///< upper case
    std::string_view pattern;  ///< router pattern, e.g. /api/v1/groups/{group}
    std::string_view summary;  ///< one line for the OpenAPI document
    int success_status;        ///< the status of a successful call
    EndpointFn fn;
    /// Empty: an API token (bearer). Otherwise how a caller that sends none authenticates
    /// (the scanner uploads), for the OpenAPI document.
    std::string_view auth = {};
};

/// Every endpoint: /api/v1 with the OpenAPI document's own, and the scanner uploads.
std::span<const Endpoint> Endpoints();

/// The handler for one endpoint: calls it and turns an Error into a problem response.
Handler MakeHandler(const Endpoint& endpoint, const ApiDeps& deps);

/// Calls `add(method, pattern, handler)` once per endpoint of the table.
void ForEachRoute(const ApiDeps& deps,
                  const std::function<void(std::string method, std::string pattern, Handler)>& add);

/// A compact OpenAPI 3 document of the endpoints (paths, methods, summaries and success
/// statuses; each body is documented beside its endpoint function in <resource>_api.h).
dto::Json OpenApiDocument(std::span<const Endpoint> endpoints);

}  // namespace kensa::http::api
