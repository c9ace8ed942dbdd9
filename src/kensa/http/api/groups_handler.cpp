// /api/v1/groups: groups, their AWS integration (R2), schedule and scan history.
#include "kensa/app/integration/aws_settings.h"
#include "kensa/app/accounts/accounts.h"
#include "kensa/app/inspector/inspector_scan.h"
#include "kensa/http/api/api_common.h"
#include "kensa/common/local_time.h"

namespace kensa::http::api {

void RegisterGroupRoutes(HttpServer& server, const app::AppContext& ctx);

namespace {

Result<int> ParseHhMm(const std::string& s) {
    int h = 0;
    int m = 0;
    char extra = 0;
    if (std::sscanf(s.c_str(), "%2d:%2d%c", &h, &m, &extra) != 2 || h < 0 || h > 23 || m < 0 || m > 59) {
        return Error(ErrorCode::kInvalidInput, "daily_scan_time must be HH:MM, e.g. 03:00").With("field", "daily_scan_time");
    }
    return h * 60 + m;
}

}  // namespace

void RegisterGroupRoutes(HttpServer& server, const app::AppContext& ctx) {
    server.Route("POST", "/api/v1/groups", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     if (!caller.user.is_admin) {
                         return Error(ErrorCode::kPermissionDenied, "only site administrators create groups");
                     }
                     KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req));
                     KENSA_ASSIGN_OR_RETURN(std::string name, RequiredString(body, "name"));
                     std::string tz = OptionalString(body, "timezone");
                     if (!tz.empty()) {
                         KENSA_TRY(ToLocal(0, tz));
                     }
                     KENSA_ASSIGN_OR_RETURN(domain::Id id, app::CreateGroup(ctx, name, tz, caller.user.name));
                     KENSA_ASSIGN_OR_RETURN(domain::Group g, ctx.store.GetGroup(id));
                     return Ok(ToJson(g), 201);
                 }));

    server.Route("GET", "/api/v1/groups", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(auto groups, ctx.store.ListGroups());
                     Json out = Json::array();
                     for (const auto& g : groups) {
                         if (app::RequireRole(ctx, caller.user, g.id, domain::Role::kViewer).ok()) {
                             out.push_back(ToJson(g));
                         }
                     }
                     return Ok(Json{{"groups", out}});
                 }));

    server.Route("GET", "/api/v1/groups/{group}", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kViewer));
                     KENSA_ASSIGN_OR_RETURN(domain::Group g, ctx.store.GetGroup(gid));
                     return Ok(ToJson(g));
                 }));

    server.Route("PUT", "/api/v1/groups/{group}/aws", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kAdmin));
                     KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req));
                     app::AwsSettingsInput in;
                     std::string auth = OptionalString(body, "auth_type");
                     if (!domain::Parse(auth, &in.auth_type) || in.auth_type == domain::AwsAuthType::kNone) {
                         return Error(ErrorCode::kInvalidInput, "auth_type must be access_key or assume_role")
                             .With("field", "auth_type");
                     }
                     in.region = OptionalString(body, "region");
                     in.access_key_id = OptionalString(body, "access_key_id");
                     in.secret_access_key = OptionalString(body, "secret_access_key");
                     in.role_arn = OptionalString(body, "role_arn");
                     in.endpoint_url = OptionalString(body, "endpoint_url");
                     KENSA_TRY(app::SetAwsSettings(ctx, gid, in, caller.user.name));
                     KENSA_ASSIGN_OR_RETURN(domain::Group g, ctx.store.GetGroup(gid));
                     return Ok(ToJson(g));
                 }));

    server.Route("POST", "/api/v1/groups/{group}/aws/test", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kAdmin));
                     KENSA_ASSIGN_OR_RETURN(auto report, app::TestConnection(ctx, gid));
                     Json perms = Json::array();
                     for (const auto& p : report.permissions) {
                         perms.push_back({{"action", p.action}, {"granted", p.granted}, {"detail", p.detail}});
                     }
                     return Ok(Json{{"ok", report.ok},
                                    {"account", report.account},
                                    {"arn", report.arn},
                                    {"error", report.error},
                                    {"permissions", perms},
                                    {"missing", report.missing},
                                    {"policy_snippet", report.policy_snippet}});
                 }));

    server.Route("PUT", "/api/v1/groups/{group}/schedule", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kAdmin));
                     KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req));
                     KENSA_ASSIGN_OR_RETURN(domain::Group g, ctx.store.GetGroup(gid));
                     std::string tz = OptionalString(body, "timezone");
                     if (tz.empty()) {
                         tz = g.timezone;
                     }
                     KENSA_TRY(ToLocal(0, tz));
                     int minute = g.daily_scan_minute;
                     if (body.contains("daily_scan_time")) {
                         KENSA_ASSIGN_OR_RETURN(minute, ParseHhMm(OptionalString(body, "daily_scan_time")));
                     }
                     bool enabled = body.value("enabled", g.daily_scan_enabled);
                     KENSA_TRY(ctx.store.UpdateGroupSchedule(gid, tz, minute, enabled));
                     KENSA_ASSIGN_OR_RETURN(domain::Group updated, ctx.store.GetGroup(gid));
                     return Ok(ToJson(updated));
                 }));

    server.Route("POST", "/api/v1/groups/{group}/scan", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kMember));
                     app::InspectorScan scan(ctx);
                     KENSA_ASSIGN_OR_RETURN(auto runs, scan.ScanGroup(gid, domain::ScanTrigger::kApi));
                     Json out = Json::array();
                     for (const auto& r : runs) {
                         out.push_back(ToJson(r));
                     }
                     return Ok(Json{{"scan_runs", out}});
                 }));

    server.Route("GET", "/api/v1/groups/{group}/scan-runs", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kViewer));
                     KENSA_ASSIGN_OR_RETURN(auto runs, ctx.store.ListScanRuns(gid, 100));
                     Json out = Json::array();
                     for (const auto& r : runs) {
                         out.push_back(ToJson(r));
                     }
                     return Ok(Json{{"scan_runs", out}});
                 }));

    server.Route("GET", "/api/v1/vulnerabilities/{id}", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_TRY(Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(auto v, ctx.store.GetVulnerability(req.PathParam("id")));
                     if (!v) {
                         return Error(ErrorCode::kNotFound, "vulnerability " + req.PathParam("id") + " not found");
                     }
                     return Ok(Json{{"id", v->id},
                                    {"title", v->title},
                                    {"description", v->description},
                                    {"severity", v->severity},
                                    {"cvss3_score", v->cvss3_score},
                                    {"cvss3_vector", v->cvss3_vector},
                                    {"epss", v->epss ? Json(*v->epss) : Json(nullptr)},
                                    {"exploit_available", v->exploit_available},
                                    {"fix_available", v->fix_available},
                                    {"references", v->references}});
                 }));
}

}  // namespace kensa::http::api
