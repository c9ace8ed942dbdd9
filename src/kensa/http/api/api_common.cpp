#include "kensa/http/api/api_common.h"

#include <algorithm>

#include "kensa/app/accounts/accounts.h"
#include "kensa/app/accounts/sessions.h"
#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"
#include "kensa/dto/request.h"

namespace kensa::http::api {

namespace {

constexpr size_t kMaxDecimalDigits = 18;  // fits int64_t
constexpr std::string_view kBearer = "Bearer ";

bool IsDecimal(const std::string& text) {
    return !text.empty() && text.size() <= kMaxDecimalDigits &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

Result<Caller> Authenticate(const app::AppContext& ctx, const Request& req) {
    std::string auth = req.Header("Authorization");
    if (StartsWith(auth, kBearer)) {
        return app::AuthenticateToken(ctx, Trim(auth.substr(kBearer.size())));
    }
    std::string cookie = CookieValue(req, kSessionCookie);
    if (cookie.empty()) {
        return app::AuthenticateToken(ctx, "");  // names what is missing
    }
    KENSA_ASSIGN_OR_RETURN(Caller caller, app::ResumeSession(ctx, cookie));
    if (req.method != "GET" && req.method != "HEAD" &&
        !crypto::ConstantTimeEquals(req.Header(kCsrfHeader), caller.session->csrf_token)) {
        return Error(
            ErrorCode::kPermissionDenied,
            "the request lacks the session's CSRF token (header " + std::string(kCsrfHeader) + ")");
    }
    return caller;
}

std::string CookieValue(const Request& req, std::string_view name) {
    std::string_view header;
    std::string cookies = req.Header("Cookie");
    header = cookies;
    while (!header.empty()) {
        size_t end = header.find(';');
        std::string_view pair = header.substr(0, end);
        while (!pair.empty() && pair.front() == ' ') {
            pair.remove_prefix(1);
        }
        size_t eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
            return std::string(pair.substr(eq + 1));
        }
        if (end == std::string_view::npos) {
            break;
        }
        header.remove_prefix(end + 1);
    }
    return "";
}

Result<domain::Id> IdParam(const Request& req, const std::string& name) {
    std::string value = req.PathParam(name);
    if (!IsDecimal(value)) {
        return Error(ErrorCode::kInvalidInput, "'" + value + "' is not a valid " + name + " id")
            .With("field", name);
    }
    return static_cast<domain::Id>(std::stoll(value));
}

Result<domain::Id> GroupAccess(const app::AppContext& ctx,
                               const Caller& caller,
                               const Request& req,
                               domain::Role at_least) {
    KENSA_ASSIGN_OR_RETURN(domain::Id group_id, IdParam(req, "group"));
    KENSA_TRY(app::RequireRole(ctx, caller.user, group_id, at_least));
    return group_id;
}

Result<int64_t> IntQuery(const Request& req, const std::string& key, int64_t fallback) {
    std::string value = req.Query(key);
    if (value.empty()) {
        return fallback;
    }
    if (!IsDecimal(value)) {
        return Error(ErrorCode::kInvalidInput,
                     "query parameter '" + key + "' must be a non-negative integer")
            .With("field", key);
    }
    return std::stoll(value);
}

Result<Json> JsonBody(const Request& req, dto::Members members) {
    return dto::ParseObject(req.body, members);
}

Response Render(const Json& body, int status) {
    Response response;
    response.status = status;
    response.body = body.dump();
    return response;
}

Response NoContent() {
    Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

}  // namespace kensa::http::api
