// /api/v1/groups/{group}/servers: registration of EC2 (R3), pseudo servers and Lambda (R5-R7),
// ECR images (R9), manual scans (R4, R8) and the software list.
#include "kensa/app/inspector/inspector_scan.h"
#include "kensa/app/registration/registration.h"
#include "kensa/http/api/api_common.h"

namespace kensa::http::api {

void RegisterServerRoutes(HttpServer& server, const app::AppContext& ctx);

namespace {

// The server, if it belongs to the group (kNotFound otherwise: no cross-group probing).
Result<domain::Server> ServerInGroup(const app::AppContext& ctx, domain::Id group_id, const Request& req) {
    KENSA_ASSIGN_OR_RETURN(domain::Id sid, IdParam(req, "server"));
    auto s = ctx.store.GetServer(sid);
    if (!s.ok() || s->group_id != group_id) {
        return Error(ErrorCode::kNotFound, "server " + std::to_string(sid) + " not found in this group");
    }
    return *s;
}

Result<std::vector<std::string>> StringList(const Json& body, const std::string& key) {
    auto it = body.find(key);
    if (it == body.end() || !it->is_array()) {
        return Error(ErrorCode::kInvalidInput, "'" + key + "' must be a list of strings").With("field", key);
    }
    std::vector<std::string> out;
    for (const auto& v : *it) {
        if (!v.is_string()) {
            return Error(ErrorCode::kInvalidInput, "'" + key + "' must be a list of strings").With("field", key);
        }
        out.push_back(v.get<std::string>());
    }
    return out;
}

}  // namespace

void RegisterServerRoutes(HttpServer& server, const app::AppContext& ctx) {
    server.Route("GET", "/api/v1/groups/{group}/servers", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kViewer));
                     KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(gid));
                     Json out = Json::array();
                     for (const auto& s : servers) {
                         out.push_back(ToJson(s));
                     }
                     return Ok(Json{{"servers", out}});
                 }));

    server.Route("GET", "/api/v1/groups/{group}/servers/{server}", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kViewer));
                     KENSA_ASSIGN_OR_RETURN(domain::Server s, ServerInGroup(ctx, gid, req));
                     Json j = ToJson(s);
                     if (s.kind == domain::ServerKind::kPseudo) {
                         KENSA_ASSIGN_OR_RETURN(auto fns, ctx.store.ListLambdaFunctions(s.id));
                         Json list = Json::array();
                         for (const auto& f : fns) {
                             list.push_back({{"id", f.id},
                                             {"arn", f.arn},
                                             {"name", f.name},
                                             {"runtime", f.runtime},
                                             {"package_type", f.package_type},
                                             {"runtime_supported", f.runtime_supported}});
                         }
                         j["lambda_functions"] = list;
                     }
                     j["manual_scan"] = s.scan_mode == domain::ScanMode::kNormal
                                            ? "available"
                                            : "managed by the Inspector SBOM export; use the group's SBOM bulk scan";
                     return Ok(j);
                 }));

    server.Route("DELETE", "/api/v1/groups/{group}/servers/{server}",
                 Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kAdmin));
                     KENSA_ASSIGN_OR_RETURN(domain::Server s, ServerInGroup(ctx, gid, req));
                     domain::AuditEvent audit;
                     audit.group_id = gid;
                     audit.actor = caller.user.name;
                     audit.action = "server.delete";
                     audit.target = "server:" + std::to_string(s.id);
                     audit.detail = s.name;
                     audit.at = app::Now(ctx);
                     KENSA_TRY(ctx.store.DeleteServer(s.id, audit));
                     Response r;
                     r.status = 204;
                     r.content_type.clear();
                     return r;
                 }));

    server.Route("GET", "/api/v1/groups/{group}/ec2-candidates", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kAdmin));
                     KENSA_ASSIGN_OR_RETURN(auto list, app::ListEc2Candidates(ctx, gid));
                     Json out = Json::array();
                     for (const auto& c : list) {
                         out.push_back({{"instance_id", c.instance_id},
                                        {"name", c.name},
                                        {"platform", c.platform},
                                        {"account_id", c.account_id},
                                        {"scan_status", c.scan_status},
                                        {"scan_reason", c.scan_reason},
                                        {"scan_mode", c.scan_mode},
                                        {"registered", c.registered}});
                     }
                     return Ok(Json{{"instances", out}});
                 }));

    server.Route("POST", "/api/v1/groups/{group}/servers/ec2", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kAdmin));
                     KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req));
                     KENSA_ASSIGN_OR_RETURN(auto ids, StringList(body, "instance_ids"));
                     KENSA_ASSIGN_OR_RETURN(auto created, app::RegisterEc2Instances(ctx, gid, ids));
                     return Ok(Json{{"server_ids", created}}, 201);
                 }));

    server.Route("POST", "/api/v1/groups/{group}/servers/pseudo", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kAdmin));
                     KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req));
                     KENSA_ASSIGN_OR_RETURN(std::string name, RequiredString(body, "name"));
                     KENSA_ASSIGN_OR_RETURN(domain::Id id, app::CreatePseudoServer(ctx, gid, name));
                     return Ok(Json{{"server_id", id}}, 201);
                 }));

    server.Route("GET", "/api/v1/groups/{group}/lambda-candidates", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kAdmin));
                     KENSA_ASSIGN_OR_RETURN(auto list, app::ListLambdaCandidates(ctx, gid));
                     Json out = Json::array();
                     for (const auto& c : list) {
                         out.push_back({{"arn", c.arn},
                                        {"name", c.name},
                                        {"runtime", c.runtime},
                                        {"package_type", c.package_type},
                                        {"registrable", c.registrable},
                                        {"runtime_supported", c.runtime_supported},
                                        {"note", c.note}});
                     }
                     return Ok(Json{{"functions", out}});
                 }));

    server.Route("POST", "/api/v1/groups/{group}/servers/{server}/lambda-functions",
                 Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kAdmin));
                     KENSA_ASSIGN_OR_RETURN(domain::Server s, ServerInGroup(ctx, gid, req));
                     KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req));
                     KENSA_ASSIGN_OR_RETURN(auto fns, StringList(body, "functions"));
                     KENSA_ASSIGN_OR_RETURN(auto results, app::AddLambdaFunctions(ctx, s.id, fns));
                     Json out = Json::array();
                     bool any_refused = false;
                     for (const auto& r : results) {
                         any_refused = any_refused || !r.added;
                         out.push_back({{"arn", r.arn},
                                        {"added", r.added},
                                        {"runtime_supported", r.runtime_supported},
                                        {"message", r.message}});
                     }
                     return Ok(Json{{"results", out}}, any_refused ? 207 : 201);
                 }));

    server.Route("POST", "/api/v1/groups/{group}/servers/ecr", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kAdmin));
                     KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req));
                     KENSA_ASSIGN_OR_RETURN(std::string registry, RequiredString(body, "registry"));
                     KENSA_ASSIGN_OR_RETURN(std::string repository, RequiredString(body, "repository"));
                     KENSA_ASSIGN_OR_RETURN(std::string tag, RequiredString(body, "tag"));
                     KENSA_ASSIGN_OR_RETURN(domain::Id id, app::RegisterEcrImage(ctx, gid, registry,
                                                                                 OptionalString(body, "region"),
                                                                                 repository, tag));
                     return Ok(Json{{"server_id", id}}, 201);
                 }));

    server.Route("POST", "/api/v1/groups/{group}/servers/{server}/scan",
                 Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kMember));
                     KENSA_ASSIGN_OR_RETURN(domain::Server s, ServerInGroup(ctx, gid, req));
                     app::InspectorScan scan(ctx);
                     KENSA_ASSIGN_OR_RETURN(auto run, scan.ScanServer(s.id, domain::ScanTrigger::kManual));
                     return Ok(ToJson(run));
                 }));

    server.Route("GET", "/api/v1/groups/{group}/servers/{server}/software",
                 Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kViewer));
                     KENSA_ASSIGN_OR_RETURN(domain::Server s, ServerInGroup(ctx, gid, req));
                     // Without `limit` the whole list; with it, keyset pages (`after`, `next_after`).
                     bool removed = req.Query("removed") == "true";
                     bool paged = !req.Query("limit").empty() || !req.Query("after").empty();
                     std::vector<domain::Software> rows;
                     int64_t limit = 0;
                     if (paged) {
                         KENSA_ASSIGN_OR_RETURN(limit, IntQuery(req, "limit", 100));
                         KENSA_ASSIGN_OR_RETURN(int64_t after, IntQuery(req, "after", 0));
                         if (limit < 1 || limit > 1000) {
                             return Error(ErrorCode::kInvalidInput, "limit must be between 1 and 1000")
                                 .With("limit", std::to_string(limit));
                         }
                         KENSA_ASSIGN_OR_RETURN(rows, ctx.store.ListSoftwarePage(s.id, removed, after,
                                                                                 static_cast<int>(limit)));
                     } else {
                         KENSA_ASSIGN_OR_RETURN(rows, ctx.store.ListSoftware(s.id, removed));
                     }
                     Json out = Json::array();
                     for (const auto& sw : rows) {
                         out.push_back({{"id", sw.id},
                                        {"name", sw.key.name},
                                        {"version", sw.key.version},
                                        {"release", sw.key.release},
                                        {"epoch", sw.key.epoch},
                                        {"arch", sw.key.arch},
                                        {"path", sw.key.path},
                                        {"lambda_function_id", sw.key.lambda_function_id ? Json(*sw.key.lambda_function_id)
                                                                                         : Json(nullptr)},
                                        {"type", domain::ToString(sw.type)},
                                        {"ecosystem", sw.ecosystem},
                                        {"package_manager", sw.package_manager},
                                        {"purl", sw.purl},
                                        {"license", sw.license},
                                        {"source", domain::ToString(sw.source)},
                                        {"managed_by", domain::ToString(sw.managed_by)},
                                        {"first_seen", sw.first_seen},
                                        {"removed_at", sw.removed_at ? Json(*sw.removed_at) : Json(nullptr)}});
                     }
                     Json body{{"software", out}};
                     if (paged && static_cast<int64_t>(rows.size()) == limit) {
                         body["next_after"] = rows.back().id;
                     }
                     return Ok(body);
                 }));
}

}  // namespace kensa::http::api
