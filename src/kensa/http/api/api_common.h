#pragma once
// Shared by the endpoint functions: bearer-token authentication, group access checks, path and
// query parameters, the JSON body and rendering a view. Body members are parsed by dto/request.h
// and views rendered by dto/.

#include <cstdint>
#include <string>

#include "kensa/app/context.h"
#include "kensa/dto/json.h"
#include "kensa/dto/request.h"
#include "kensa/http/api/endpoints.h"
#include "kensa/http/message.h"

namespace kensa::http::api {

using Json = dto::Json;

/// The console session's cookie.
inline constexpr std::string_view kSessionCookie = "kensa_session";
/// The header a console session sends its CSRF token in, on every state-changing request.
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

/// Authenticates a bearer token, or else the session cookie; a session's state-changing
/// request (any method but GET and HEAD) must carry its CSRF token (kPermissionDenied without
/// it). kUnauthenticated without a valid credential.
Result<Caller> Authenticate(const app::AppContext& ctx, const Request& req);
/// The value of the cookie `name` in the Cookie header, or "".
std::string CookieValue(const Request& req, std::string_view name);
/// Parses {group} and checks the caller's role in it (kNotFound for non-members).
Result<domain::Id> GroupAccess(const app::AppContext& ctx,
                               const Caller& caller,
                               const Request& req,
                               domain::Role at_least);
/// Parses a numeric path parameter; kInvalidInput naming the parameter otherwise.
Result<domain::Id> IdParam(const Request& req, const std::string& name);
/// A non-negative integer query parameter, or `fallback` when it is absent.
Result<int64_t> IntQuery(const Request& req, const std::string& key, int64_t fallback);
/// The body as a JSON object of `members` only (dto::ParseObject); kInvalidInput otherwise.
Result<Json> JsonBody(const Request& req, dto::Members members);

/// A JSON response with the view and the status.
Response Render(const Json& body, int status = 200);
/// 204 without a body.
Response NoContent();

}  // namespace kensa::http::api
