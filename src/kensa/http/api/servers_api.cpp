#include "kensa/http/api/servers_api.h"

#include "kensa/app/inventory/inventory.h"
#include "kensa/app/registration/registration.h"
#include "kensa/dto/dto.h"
#include "kensa/dto/request.h"
#include "kensa/http/api/api_common.h"

namespace kensa::http::api::servers {

namespace {

constexpr int kMultiStatus = 207;
constexpr int64_t kDefaultSoftwarePage = 100;
// Without `limit` and `after` the whole list; with either, one keyset page.
Result<app::SoftwareQuery> ParseSoftwareQuery(const Request& req) {
    app::SoftwareQuery query;
    query.include_removed = req.Query("removed") == "true";
    if (req.Query("limit").empty() && req.Query("after").empty()) {
        return query;
    }
    KENSA_ASSIGN_OR_RETURN(query.limit, IntQuery(req, "limit", kDefaultSoftwarePage));
    KENSA_ASSIGN_OR_RETURN(query.after_id, IntQuery(req, "after", 0));
    return query;
}

}  // namespace

Result<Response> List(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(auto list, app::ListServerViews(deps.app, gid));
    return Render(Json{{"servers", dto::ToJsonArray(list)}});
}

Result<Response> Get(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(domain::Id sid, IdParam(req, "server"));
    KENSA_ASSIGN_OR_RETURN(app::ServerView view, app::GetServerView(deps.app, gid, sid));
    return Render(dto::ToJson(view));
}

Result<Response> Delete(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(domain::Id sid, IdParam(req, "server"));
    KENSA_TRY(app::RemoveServer(deps.app, gid, sid, caller.user.name));
    return NoContent();
}

Result<Response> Ec2Candidates(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(auto list, app::ListEc2Candidates(deps.app, gid));
    return Render(Json{{"instances", dto::ToJsonArray(list)}});
}

Result<Response> RegisterEc2(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"instance_ids"}));
    KENSA_ASSIGN_OR_RETURN(auto ids, dto::StringList(body, "instance_ids"));
    KENSA_ASSIGN_OR_RETURN(auto created, app::RegisterEc2Instances(deps.app, gid, ids));
    return Render(Json{{"server_ids", created}}, 201);
}

Result<Response> CreatePseudo(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"name"}));
    KENSA_ASSIGN_OR_RETURN(std::string name, dto::RequiredString(body, "name"));
    KENSA_ASSIGN_OR_RETURN(domain::Id id, app::CreatePseudoServer(deps.app, gid, name));
    return Render(Json{{"server_id", id}}, 201);
}

Result<Response> CreateSbomServer(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"name"}));
    KENSA_ASSIGN_OR_RETURN(std::string name, dto::RequiredString(body, "name"));
    KENSA_ASSIGN_OR_RETURN(domain::Id id, app::CreateSbomServer(deps.app, gid, name));
    return Render(Json{{"server_id", id}}, 201);
}

Result<Response> LambdaCandidates(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(auto list, app::ListLambdaCandidates(deps.app, gid));
    return Render(Json{{"functions", dto::ToJsonArray(list)}});
}

Result<Response> AddLambdaFunctions(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(domain::Id sid, IdParam(req, "server"));
    KENSA_ASSIGN_OR_RETURN(domain::Server server, app::ServerInGroup(deps.app, gid, sid));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"functions"}));
    KENSA_ASSIGN_OR_RETURN(auto functions, dto::StringList(body, "functions"));
    KENSA_ASSIGN_OR_RETURN(auto results, app::AddLambdaFunctions(deps.app, server.id, functions));
    bool any_refused = std::any_of(
        results.begin(), results.end(), [](const app::LambdaAddResult& r) { return !r.added; });
    return Render(Json{{"results", dto::ToJsonArray(results)}}, any_refused ? kMultiStatus : 201);
}

Result<Response> RegisterEcr(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"registry", "repository", "tag", "region"}));
    KENSA_ASSIGN_OR_RETURN(std::string registry, dto::RequiredString(body, "registry"));
    KENSA_ASSIGN_OR_RETURN(std::string repository, dto::RequiredString(body, "repository"));
    KENSA_ASSIGN_OR_RETURN(std::string tag, dto::RequiredString(body, "tag"));
    KENSA_ASSIGN_OR_RETURN(std::string region, dto::StringOr(body, "region", ""));
    KENSA_ASSIGN_OR_RETURN(domain::Id id,
                           app::RegisterEcrImage(deps.app, gid, registry, region, repository, tag));
    return Render(Json{{"server_id", id}}, 201);
}

Result<Response> Software(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(domain::Id sid, IdParam(req, "server"));
    KENSA_ASSIGN_OR_RETURN(app::SoftwareQuery query, ParseSoftwareQuery(req));
    KENSA_ASSIGN_OR_RETURN(auto page, app::ListServerSoftware(deps.app, gid, sid, query));
    Json body{{"software", dto::ToJsonArray(page.rows)}};
    if (page.next_after) {
        body["next_after"] = *page.next_after;
    }
    return Render(body);
}

Result<Response> NetworkFindings(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(domain::Id sid, IdParam(req, "server"));
    KENSA_ASSIGN_OR_RETURN(auto findings, app::ListNetworkFindings(deps.app, gid, sid));
    return Render(Json{{"network_findings", dto::ToJsonArray(findings)}});
}

Result<Response> Coverage(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(domain::Id sid, IdParam(req, "server"));
    KENSA_ASSIGN_OR_RETURN(auto coverage, app::ServerCoverage(deps.app, gid, sid));
    return Render(Json{{"coverage", dto::ToJsonArray(coverage)}});
}

}  // namespace kensa::http::api::servers
