#include "kensa/http/api/api_common.h"

#include <algorithm>

#include "kensa/app/accounts/accounts.h"
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
    std::string token;
    if (StartsWith(auth, kBearer)) {
        token = Trim(auth.substr(kBearer.size()));
    }
    KENSA_ASSIGN_OR_RETURN(domain::User user, app::Authenticate(ctx, token));
    return Caller{user};
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
