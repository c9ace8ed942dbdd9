#pragma once
// The route table of the REST API /api/v1: one row per endpoint (method, pattern, summary,
// success status, function). The server registers it (api.h), the OpenAPI document is built
// from it and the handler tests dispatch through it, so the three cannot disagree. The
// endpoint functions live in one file per resource (groups_api.h, servers_api.h, ...).

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "kensa/app/accounts/accounts.h"
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

/// The authenticated caller of an endpoint: a user with an API token's scopes, or a console
/// session (every scope). Endpoints that take no login get an empty one.
using Caller = app::Identity;

/// An endpoint: parses the request, calls a use case, renders a dto view. An error becomes a
/// problem response (error_to_status.h). MakeHandler has authenticated the caller and checked
/// the endpoint's scope before it runs; the endpoint checks the caller's role in the group.
using EndpointFn = Result<Response> (*)(const ApiDeps& deps,
                                        const Request& req,
                                        const Caller& caller);

struct Endpoint {
    std::string_view method;   ///< upper case
    std::string_view pattern;  ///< router pattern, e.g. /api/v1/groups/{group}
    std::string_view summary;  ///< one line for the OpenAPI document
    int success_status;        ///< the status of a successful call
    EndpointFn fn;
    /// Empty: an API token (bearer) or a console session. Otherwise how a caller that sends
    /// neither authenticates (a login, the scanner uploads), for the OpenAPI document; such an
    /// endpoint authenticates its caller itself.
    std::string_view auth = {};
    /// The token scope the endpoint needs; unset: read for GET, write for the other methods.
    std::optional<domain::Scope> scope = std::nullopt;
};

/// The scope a caller's credential needs for the endpoint.
domain::Scope RequiredScope(const Endpoint& endpoint);

/// Every endpoint: /api/v1 with the OpenAPI document's own, and the scanner uploads.
std::span<const Endpoint> Endpoints();

/// The handler for one endpoint: calls it and turns an Error into a problem response.
Handler MakeHandler(const Endpoint& endpoint, const ApiDeps& deps);

/// Calls `add(method, pattern, handler)` once per endpoint of the table.
void ForEachRoute(const ApiDeps& deps,
                  const std::function<void(std::string method, std::string pattern, Handler)>& add);

/// The OpenAPI 3.1 document of the endpoints: paths, parameters, request and response
/// schemas (openapi_schemas.json, keyed "METHOD pattern"), the problem response, and the two
/// ways to authenticate. The console's typed client is generated from it.
dto::Json OpenApiDocument(std::span<const Endpoint> endpoints);
/// The first endpoint openapi_schemas.json does not describe ("POST /api/v1/..."), if any.
std::optional<std::string> UndescribedEndpoint(std::span<const Endpoint> endpoints);

}  // namespace kensa::http::api
