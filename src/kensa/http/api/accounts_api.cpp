#include "kensa/http/api/accounts_api.h"

#include "kensa/app/accounts/accounts.h"
#include "kensa/app/accounts/groups.h"
#include "kensa/app/accounts/sessions.h"
#include "kensa/common/strings.h"
#include "kensa/dto/account_dto.h"
#include "kensa/dto/request.h"
#include "kensa/http/api/api_common.h"

namespace kensa::http::api::accounts {

namespace {

constexpr std::string_view kRoles = "owner, admin, member or viewer";
constexpr int64_t kDefaultAuditPage = 100;

std::string SessionCookie(const Request& req, std::string_view value, int64_t max_age) {
    std::string cookie = std::string(kSessionCookie) + "=" + std::string(value) +
                         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
    if (req.https) {
        cookie += "; Secure";
    }
    return cookie;
}

Result<std::vector<domain::Scope>> ParseScopes(const Json& body) {
    auto it = body.find("scopes");
    if (it == body.end() || !it->is_array()) {
        return dto::InvalidField("scopes", "is required: an array of read, write, scan, admin");
    }
    std::vector<domain::Scope> scopes;
    for (const Json& item : *it) {
        domain::Scope s;
        if (!item.is_string() || !domain::Parse(item.get<std::string>(), &s)) {
            return dto::InvalidField("scopes", "may hold only read, write, scan and admin");
        }
        scopes.push_back(s);
    }
    return scopes;
}

}  // namespace

Result<Response> Login(const ApiDeps& deps, const Request& req, const Caller& /*none*/) {
    // Only JSON: a cross-site HTML form cannot send it, so no other site can log a visitor
    // in to an account of its choosing (login CSRF).
    if (!StartsWith(ToLower(req.Header("Content-Type")), "application/json")) {
        return Error(ErrorCode::kInvalidInput,
                     "send the login as JSON with Content-Type: application/json")
            .With("field", "Content-Type");
    }
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"name", "password"}));
    app::LoginRequest login;
    KENSA_ASSIGN_OR_RETURN(login.name, dto::RequiredString(body, "name"));
    KENSA_ASSIGN_OR_RETURN(login.password, dto::RequiredString(body, "password"));
    login.client_addr = req.remote_addr;
    KENSA_ASSIGN_OR_RETURN(app::StartedSession started, app::Login(deps.app, login));
    Response response = Render(dto::ToJson(started.user, started.session));
    response.SetHeader("Set-Cookie",
                       SessionCookie(req, started.cookie, domain::kSessionAbsoluteSeconds));
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

Result<Response> GetSession(const ApiDeps&, const Request&, const Caller& caller) {
    if (!caller.session) {
        return Error(ErrorCode::kInvalidInput,
                     "this credential is an API token, not a console session");
    }
    Response response = Render(dto::ToJson(caller.user, *caller.session));
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

Result<Response> Logout(const ApiDeps& deps, const Request& req, const Caller& caller) {
    if (caller.session) {
        KENSA_TRY(app::Logout(deps.app, CookieValue(req, kSessionCookie)));
    }
    Response response = NoContent();
    response.SetHeader("Set-Cookie", SessionCookie(req, "", 0));
    return response;
}

Result<Response> Me(const ApiDeps& deps, const Request&, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(auto groups, app::ListVisibleGroups(deps.app, caller.user));
    Json list = Json::array();
    for (const auto& g : groups) {
        KENSA_ASSIGN_OR_RETURN(
            domain::Role role,
            app::RequireRole(deps.app, caller.user, g.id, domain::Role::kViewer));
        list.push_back({{"id", g.id}, {"name", g.name}, {"role", domain::ToString(role)}});
    }
    Json scopes = Json::array();
    for (domain::Scope s : caller.scopes) {
        scopes.push_back(domain::ToString(s));
    }
    return Render(Json{{"user", dto::ToJson(caller.user)}, {"scopes", scopes}, {"groups", list}});
}

Result<Response> ListTokens(const ApiDeps& deps, const Request&, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(auto tokens, app::ListApiTokens(deps.app, caller.user));
    const auto now = app::Now(deps.app);
    Json list = Json::array();
    for (const auto& t : tokens) {
        list.push_back(dto::ToJson(t, now));
    }
    return Render(Json{{"tokens", list}});
}

Result<Response> CreateToken(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"label", "scopes", "expires_in_days"}));
    app::TokenRequest request;
    KENSA_ASSIGN_OR_RETURN(request.label, dto::StringOr(body, "label", ""));
    KENSA_ASSIGN_OR_RETURN(request.scopes, ParseScopes(body));
    KENSA_ASSIGN_OR_RETURN(auto days, dto::OptionalInt(body, "expires_in_days"));
    if (days) {
        request.expires_in_days = static_cast<int>(std::clamp<int64_t>(*days, -1, 1 << 30));
    }
    KENSA_ASSIGN_OR_RETURN(app::IssuedToken issued,
                           app::IssueApiToken(deps.app, caller.user, request, &caller));
    Response response = Render(dto::ToJson(issued, app::Now(deps.app)), 201);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

Result<Response> RevokeToken(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id id, IdParam(req, "id"));
    KENSA_TRY(app::RevokeApiToken(deps.app, caller.user, id));
    return NoContent();
}

Result<Response> ListUsers(const ApiDeps& deps, const Request&, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(auto users, app::ListUsers(deps.app, caller.user));
    Json list = Json::array();
    for (const auto& u : users) {
        list.push_back(dto::ToJson(u));
    }
    return Render(Json{{"users", list}});
}

Result<Response> CreateUser(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_TRY(app::RequireSiteAdmin(caller.user));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"name", "password", "site_admin"}));
    KENSA_ASSIGN_OR_RETURN(std::string name, dto::RequiredString(body, "name"));
    KENSA_ASSIGN_OR_RETURN(std::string password, dto::RequiredString(body, "password"));
    KENSA_ASSIGN_OR_RETURN(auto site_admin, dto::OptionalBool(body, "site_admin"));
    KENSA_ASSIGN_OR_RETURN(
        domain::User user,
        app::CreateUser(deps.app, name, password, site_admin.value_or(false), caller.user.name));
    return Render(dto::ToJson(user), 201);
}

Result<Response> ListMembers(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(auto members, app::ListMembers(deps.app, gid));
    Json list = Json::array();
    for (const auto& m : members) {
        list.push_back(dto::ToJson(m));
    }
    return Render(Json{{"members", list}});
}

Result<Response> PutMember(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(domain::Id uid, IdParam(req, "user"));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"role"}));
    KENSA_ASSIGN_OR_RETURN(auto role, dto::RequiredEnum<domain::Role>(body, "role", kRoles));
    KENSA_ASSIGN_OR_RETURN(auto member, app::SetMember(deps.app, caller.user, gid, uid, role));
    return Render(dto::ToJson(member));
}

Result<Response> DeleteMember(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(domain::Id uid, IdParam(req, "user"));
    KENSA_TRY(app::RemoveMember(deps.app, caller.user, gid, uid));
    return NoContent();
}

Result<Response> ListAudit(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(int64_t limit, IntQuery(req, "limit", kDefaultAuditPage));
    KENSA_ASSIGN_OR_RETURN(int64_t before, IntQuery(req, "before", 0));
    const int page = static_cast<int>(std::clamp<int64_t>(limit, 1, app::kMaxAuditPage));
    KENSA_ASSIGN_OR_RETURN(
        auto events,
        app::ListAudit(
            deps.app, gid, before > 0 ? std::optional<domain::Id>(before) : std::nullopt, page));
    Json list = Json::array();
    for (const auto& e : events) {
        list.push_back(dto::ToJson(e));
    }
    Json out = {{"events", list}};
    if (static_cast<int>(events.size()) == page) {
        out["next_before"] = events.back().id;
    }
    return Render(out);
}

}  // namespace kensa::http::api::accounts
