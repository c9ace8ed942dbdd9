#pragma once
// Shared by the API handlers: bearer-token authentication, group access checks, JSON bodies.

#include <nlohmann/json.hpp>

#include "kensa/app/context.h"
#include "kensa/app/sbom/diagnostics.h"
#include "kensa/app/sbom/export_job.h"
#include "kensa/app/sbom/settings.h"
#include "kensa/http/error_to_status.h"
#include "kensa/http/http_server.h"

namespace kensa::http::api {

using Json = nlohmann::json;

/// The caller of a request, authenticated.
struct Caller {
    domain::User user;
};

/// Authenticates the bearer token. kUnauthenticated without a valid token.
Result<Caller> Authenticate(const app::AppContext& ctx, const Request& req);
/// Parses {group} and checks the caller's role in it (kNotFound for non-members).
Result<domain::Id> GroupAccess(const app::AppContext& ctx, const Caller& caller, const Request& req,
                               domain::Role at_least);
/// Parses a numeric path parameter; kInvalidInput naming the parameter otherwise.
Result<domain::Id> IdParam(const Request& req, const std::string& name);
/// A non-negative integer query parameter, or `fallback` when it is absent.
Result<int64_t> IntQuery(const Request& req, const std::string& key, int64_t fallback);
/// Parses the body as a JSON object; kInvalidInput with the parser's position otherwise.
Result<Json> JsonBody(const Request& req);
/// A required string member of a JSON object.
Result<std::string> RequiredString(const Json& body, const std::string& key);
std::string OptionalString(const Json& body, const std::string& key);

Response Ok(const Json& body, int status = 200);

/// Wraps a handler body returning Result<Response>: errors become problem responses.
Handler Wrap(std::function<Result<Response>(const Request&)> fn);

Json ToJson(const domain::Server& s);
Json ToJson(const domain::ScanRun& r);
Json ToJson(const domain::Group& g);
Json ToJson(const app::SbomDiagnostics& d);

}  // namespace kensa::http::api
