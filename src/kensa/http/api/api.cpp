#include "kensa/http/api/api.h"

#include <array>
#include <string>

#include "kensa/common/strings.h"
#include "kensa/http/api/accounts_api.h"
#include "kensa/http/api/api_common.h"
#include "kensa/http/api/endpoints.h"
#include "kensa/http/api/groups_api.h"
#include "kensa/http/api/inventory_api.h"
#include "kensa/http/api/sbom_api.h"
#include "kensa/http/api/scans_api.h"
#include "kensa/http/api/servers_api.h"
#include "kensa/http/api/tasks_api.h"
#include "kensa/http/api/vulnerabilities_api.h"
#include "kensa/http/api/vuls_api.h"
#include "kensa/http/error_to_status.h"

namespace kensa::embedded {
std::string_view OpenApiSchemas();
}  // namespace kensa::embedded

namespace kensa::http::api {

namespace {

Result<Response> GetOpenApi(const ApiDeps&, const Request&, const Caller&) {
    return Render(OpenApiDocument(Endpoints()));
}

// The route table. Order matters only for the OpenAPI document's readability; the router
// ranks literal segments above parameters ("/servers/ec2" beats "/servers/{server}").
constexpr auto kEndpoints = std::to_array<Endpoint>({
    {"GET", "/api/v1/openapi.json", "This document", 200, GetOpenApi, "none"},
    // accounts
    {"POST",
     "/api/v1/session",
     "Log in to the console: the session cookie and its CSRF token",
     200,
     accounts::Login,
     "a user name and password in the body"},
    {"GET", "/api/v1/session", "The console session (its CSRF token)", 200, accounts::GetSession},
    {"DELETE", "/api/v1/session", "Log out", 204, accounts::Logout, {}, domain::Scope::kRead},
    {"GET", "/api/v1/me", "The caller, its scopes and its groups with roles", 200, accounts::Me},
    {"GET",
     "/api/v1/tokens",
     "The caller's API tokens",
     200,
     accounts::ListTokens,
     {},
     domain::Scope::kAdmin},
    {"POST",
     "/api/v1/tokens",
     "Issue an API token with scopes and an expiry (shown once)",
     201,
     accounts::CreateToken,
     {},
     domain::Scope::kAdmin},
    {"DELETE",
     "/api/v1/tokens/{id}",
     "Revoke one of the caller's API tokens",
     204,
     accounts::RevokeToken,
     {},
     domain::Scope::kAdmin},
    {"GET",
     "/api/v1/users",
     "Every user (site admin)",
     200,
     accounts::ListUsers,
     {},
     domain::Scope::kAdmin},
    {"POST",
     "/api/v1/users",
     "Create a user with a password (site admin)",
     201,
     accounts::CreateUser,
     {},
     domain::Scope::kAdmin},
    // groups
    {"GET", "/api/v1/groups", "List the caller's groups", 200, groups::List},
    {"POST",
     "/api/v1/groups",
     "Create a group (site admin)",
     201,
     groups::Create,
     {},
     domain::Scope::kAdmin},
    {"GET",
     "/api/v1/groups/{group}",
     "A group with its AWS integration (never the secret)",
     200,
     groups::Get},
    {"PUT",
     "/api/v1/groups/{group}/aws",
     "Set the group's AWS integration",
     200,
     groups::PutAws,
     {},
     domain::Scope::kAdmin},
    {"POST",
     "/api/v1/groups/{group}/aws/test",
     "Test the AWS connection and permissions",
     200,
     groups::TestAws,
     {},
     domain::Scope::kAdmin},
    {"PUT",
     "/api/v1/groups/{group}/schedule",
     "Daily scan time and timezone",
     200,
     groups::PutSchedule,
     {},
     domain::Scope::kAdmin},
    {"GET",
     "/api/v1/groups/{group}/members",
     "The group's members and their roles",
     200,
     accounts::ListMembers},
    {"PUT",
     "/api/v1/groups/{group}/members/{user}",
     "Give a user a role in the group",
     200,
     accounts::PutMember,
     {},
     domain::Scope::kAdmin},
    {"DELETE",
     "/api/v1/groups/{group}/members/{user}",
     "Remove a member from the group",
     204,
     accounts::DeleteMember,
     {},
     domain::Scope::kAdmin},
    {"GET",
     "/api/v1/groups/{group}/audit",
     "The group's audit log, newest first",
     200,
     accounts::ListAudit},
    // scans
    {"POST",
     "/api/v1/groups/{group}/scan",
     "Scan every normal-mode server of the group",
     200,
     scans::ScanGroup,
     {},
     domain::Scope::kScan},
    {"GET", "/api/v1/groups/{group}/scan-runs", "Scan history", 200, scans::ListRuns},
    {"POST",
     "/api/v1/groups/{group}/servers/{server}/scan",
     "Manual Inspector scan",
     200,
     scans::ScanServer,
     {},
     domain::Scope::kScan},
    // servers
    {"GET", "/api/v1/groups/{group}/servers", "Servers of the group", 200, servers::List},
    {"GET", "/api/v1/groups/{group}/servers/{server}", "A server", 200, servers::Get},
    {"DELETE", "/api/v1/groups/{group}/servers/{server}", "Remove a server", 204, servers::Delete},
    {"GET",
     "/api/v1/groups/{group}/ec2-candidates",
     "EC2 instances covered by Inspector",
     200,
     servers::Ec2Candidates},
    {"POST",
     "/api/v1/groups/{group}/servers/ec2",
     "Register EC2 instances",
     201,
     servers::RegisterEc2},
    {"POST",
     "/api/v1/groups/{group}/servers/pseudo",
     "Create a pseudo server for Lambda functions",
     201,
     servers::CreatePseudo},
    {"GET",
     "/api/v1/groups/{group}/lambda-candidates",
     "Lambda functions visible to the group",
     200,
     servers::LambdaCandidates},
    {"POST",
     "/api/v1/groups/{group}/servers/{server}/lambda-functions",
     "Add Lambda functions (207 when some were refused)",
     201,
     servers::AddLambdaFunctions},
    {"POST",
     "/api/v1/groups/{group}/servers/ecr",
     "Register an ECR image tag",
     201,
     servers::RegisterEcr},
    {"POST",
     "/api/v1/groups/{group}/servers/sbom",
     "Create a server for SBOM files of any tool",
     201,
     servers::CreateSbomServer},
    {"GET",
     "/api/v1/groups/{group}/servers/{server}/software",
     "Software of a server",
     200,
     servers::Software},
    {"GET",
     "/api/v1/groups/{group}/servers/{server}/network-findings",
     "Open network reachability findings of a server (Inspector NETWORK_REACHABILITY)",
     200,
     servers::NetworkFindings},
    {"GET",
     "/api/v1/groups/{group}/servers/{server}/coverage",
     "Inspector's coverage of a server's resources: why it may have no findings",
     200,
     servers::Coverage},
    // tasks
    {"GET",
     "/api/v1/groups/{group}/dashboard",
     "Open tasks by severity and priority, their 30-day trend, the newest critical ones",
     200,
     tasks::Dashboard},
    {"GET",
     "/api/v1/groups/{group}/tasks",
     "Tasks with filters and keyset paging",
     200,
     tasks::List},
    {"GET",
     "/api/v1/groups/{group}/tasks/{task}",
     "A task with comments and history",
     200,
     tasks::Get},
    {"PATCH",
     "/api/v1/groups/{group}/tasks/{task}",
     "Change status, priority, assignees, deadline, ignore-until or comment",
     200,
     tasks::Patch},
    {"POST",
     "/api/v1/groups/{group}/tasks/bulk",
     "Change many tasks at once (ids or a filter), in one transaction",
     200,
     tasks::Bulk},
    {"POST",
     "/api/v1/groups/{group}/tasks/{task}/comments",
     "Comment on a task",
     201,
     tasks::AddComment},
    // vulnerabilities
    {"GET",
     "/api/v1/groups/{group}/vulnerabilities/{id}",
     "A vulnerability as the group sees it (its own sources, else the advisory database)",
     200,
     vulnerabilities::Get},
    // sbom
    {"GET", "/api/v1/groups/{group}/sbom", "SBOM export settings", 200, sbom::GetSettings},
    {"PUT",
     "/api/v1/groups/{group}/sbom",
     "Change SBOM export settings (switches scan modes, R13)",
     200,
     sbom::PutSettings,
     {},
     domain::Scope::kAdmin},
    {"GET",
     "/api/v1/groups/{group}/sbom/template",
     "CloudFormation template (?format=yaml|json)",
     200,
     sbom::Template},
    {"POST",
     "/api/v1/groups/{group}/sbom/exports",
     "Start an SBOM bulk export (202; 429 with Retry-After within the hour)",
     202,
     sbom::StartExport,
     {},
     domain::Scope::kScan},
    {"GET",
     "/api/v1/groups/{group}/sbom/diagnose",
     "Why each server has SBOM software or not",
     200,
     sbom::Diagnose},
    // the software inventory (R18)
    {"GET",
     "/api/v1/groups/{group}/software",
     "The group's software across its servers, filtered, in keyset pages",
     200,
     inventory::Software},
    {"GET",
     "/api/v1/groups/{group}/software/export",
     "Every matching software row as CSV or JSON",
     200,
     inventory::ExportSoftware},
    {"POST",
     "/api/v1/groups/{group}/servers/{server}/sbom",
     "Import an SBOM file (CycloneDX 1.2-1.6 JSON/XML, SPDX 2.2-2.3 JSON/tag-value)",
     200,
     inventory::UploadSbom},
    {"GET",
     "/api/v1/groups/{group}/servers/{server}/cyclonedx",
     "The server's software as a CycloneDX 1.5 SBOM",
     200,
     inventory::ServerSbom},
    {"GET",
     "/api/v1/groups/{group}/servers/{server}/vex",
     "The server's tasks as a CycloneDX 1.5 VEX",
     200,
     inventory::ServerVex},
    {"GET",
     "/api/v1/groups/{group}/eol",
     "EOL items: one per server and product release cycle, soonest end first",
     200,
     inventory::EolItems},
    {"PATCH",
     "/api/v1/groups/{group}/eol/{item}",
     "Work an EOL item: status, deadline, assignee",
     200,
     inventory::EditEolItem},
    {"GET",
     "/api/v1/groups/{group}/licenses",
     "License overview: rows per license and category, and the servers using each",
     200,
     inventory::Licenses},
    {"GET",
     "/api/v1/groups/{group}/license-violations",
     "Software the group's license policy warns about or denies",
     200,
     inventory::LicenseViolations},
    {"GET",
     "/api/v1/groups/{group}/supply-chain",
     "Supply-chain risk per server: vulnerabilities, exploits, EOL, licenses, SBOM age",
     200,
     inventory::SupplyChain},
    {"GET",
     "/api/v1/groups/{group}/inventory-settings",
     "The group's near-EOL window and license policy",
     200,
     inventory::GetSettings},
    {"PUT",
     "/api/v1/groups/{group}/inventory-settings",
     "Set the near-EOL window and the license policy",
     200,
     inventory::PutSettings},
    // vuls (R19)
    {"POST",
     "/api/v1/groups/{group}/vuls/results",
     "Import a Vuls result (jsonVersion 4) into the group",
     200,
     vuls::UploadResult},
    {"GET",
     "/api/v1/groups/{group}/vuls/upload-tokens",
     "The group's upload tokens (scope: upload only)",
     200,
     vuls::ListTokens,
     {},
     domain::Scope::kAdmin},
    {"POST",
     "/api/v1/groups/{group}/vuls/upload-tokens",
     "Create an upload token for Vuls scanners (shown once)",
     201,
     vuls::CreateToken,
     {},
     domain::Scope::kAdmin},
    {"DELETE",
     "/api/v1/groups/{group}/vuls/upload-tokens/{token}",
     "Revoke an upload token and its S3 credentials",
     204,
     vuls::RevokeToken,
     {},
     domain::Scope::kAdmin},
    // Unmodified Vuls scanners: no API token, an upload token instead.
    {"POST",
     "/vuls/http/{token}",
     "vuls report -to-http target ([http] url = .../vuls/http/<upload token>)",
     200,
     vuls::ReportToHttp,
     "an upload token as the last path segment"},
    {"POST",
     "/vuls/http",
     "vuls report -to-http target ([http] url = http://x:<upload token>@host/vuls/http)",
     200,
     vuls::ReportToHttp,
     "an upload token as Basic auth (the URL's user-info)"},
    {"POST",
     "/vuls/saas",
     "vuls saas handshake: temporary S3 credentials for one results directory",
     200,
     vuls::SaasHandshake,
     "GroupID and an upload token of that group in the body"},
    {"PUT",
     "/kensa-vuls-results/{key...}",
     "S3 PutObject target of vuls saas (AWS_ENDPOINT_URL_S3); imports each result",
     200,
     vuls::PutObject,
     "SigV4 with the handshake's temporary credentials"},
});

}  // namespace

std::span<const Endpoint> Endpoints() {
    return kEndpoints;
}

domain::Scope RequiredScope(const Endpoint& endpoint) {
    if (endpoint.scope) {
        return *endpoint.scope;
    }
    return endpoint.method == "GET" ? domain::Scope::kRead : domain::Scope::kWrite;
}

namespace {

Result<Response> Call(const Endpoint& endpoint, const ApiDeps& deps, const Request& req) {
    if (!endpoint.auth.empty()) {
        return endpoint.fn(deps, req, Caller{});
    }
    KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(deps.app, req));
    const domain::Scope need = RequiredScope(endpoint);
    if (!domain::ScopesAllow(caller.scopes, need)) {
        return Error(ErrorCode::kPermissionDenied,
                     "the API token's scopes (" + domain::JoinScopes(caller.scopes) +
                         ") do not include " + std::string(domain::ToString(need)));
    }
    return endpoint.fn(deps, req, caller);
}

}  // namespace

Handler MakeHandler(const Endpoint& endpoint, const ApiDeps& deps) {
    return [endpoint, deps](const Request& req) {
        Result<Response> response = Call(endpoint, deps, req);
        if (!response.ok()) {
            return ErrorResponse(response.error());
        }
        return std::move(response).value();
    };
}

void ForEachRoute(
    const ApiDeps& deps,
    const std::function<void(std::string method, std::string pattern, Handler)>& add) {
    for (const Endpoint& endpoint : Endpoints()) {
        add(std::string(endpoint.method),
            std::string(endpoint.pattern),
            MakeHandler(endpoint, deps));
    }
}

namespace {

/// The request and response schemas of every endpoint, and the components they name
/// (openapi_schemas.json, embedded): {schemas: {...}, operations: {"GET /api/v1/...": {request?,
/// response?, response_content_type?, parameters?}}}.
const Json& Described() {
    static const Json described = Json::parse(embedded::OpenApiSchemas());
    return described;
}

Json SchemaRef(const std::string& name) {
    return {{"$ref", "#/components/schemas/" + name}};
}

/// "{group}" and "{key...}" segments of a pattern as OpenAPI path parameters: an id (integer)
/// unless the operation's "path" member gives the parameter's schema; a rest is a string.
Json PathParameters(std::string_view pattern, const Json& schemas) {
    Json out = Json::array();
    size_t open = pattern.find('{');
    while (open != std::string_view::npos) {
        size_t close = pattern.find('}', open);
        std::string name(pattern.substr(open + 1, close - open - 1));
        Json schema = {{"type", "integer"}, {"minimum", 1}};
        if (name.size() > 3 && name.ends_with("...")) {
            name.resize(name.size() - 3);
            schema = {{"type", "string"}};
        }
        if (schemas.contains(name)) {
            schema = schemas[name];
        }
        out.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", schema}});
        open = pattern.find('{', close);
    }
    return out;
}

/// OpenAPI paths name a rest parameter "{key}", not "{key...}".
std::string OpenApiPath(std::string_view pattern) {
    std::string out(pattern);
    if (size_t dots = out.find("...}"); dots != std::string::npos) {
        out.erase(dots, 3);
    }
    return out;
}

}  // namespace

std::optional<std::string> UndescribedEndpoint(std::span<const Endpoint> endpoints) {
    const Json& ops = Described()["operations"];
    for (const Endpoint& e : endpoints) {
        std::string key = std::string(e.method) + " " + std::string(e.pattern);
        if (!ops.contains(key)) {
            return key;
        }
    }
    return std::nullopt;
}

Json OpenApiDocument(std::span<const Endpoint> endpoints) {
    const Json& described = Described();
    Json paths = Json::object();
    for (const Endpoint& endpoint : endpoints) {
        const std::string key = std::string(endpoint.method) + " " + std::string(endpoint.pattern);
        const Json none = Json::object();
        const Json& d = described["operations"].contains(key) ? described["operations"][key] : none;
        std::string status = std::to_string(endpoint.success_status);
        Json success = {{"description", StatusTitle(endpoint.success_status)}};
        if (d.contains("response")) {
            std::string type = d.value("response_content_type", "application/json");
            success["content"] = {{type, {{"schema", SchemaRef(d["response"])}}}};
        } else if (d.contains("response_content_type")) {
            success["content"] = {{d["response_content_type"].get<std::string>(),
                                   {{"schema", {{"type", "string"}}}}}};
        }
        Json op = {{"summary", endpoint.summary},
                   {"operationId", key},
                   {"responses",
                    {{status, success},
                     {"default",
                      {{"description", "A problem (RFC 9457): what is wrong, and why"},
                       {"content",
                        {{"application/problem+json", {{"schema", SchemaRef("Problem")}}}}}}}}}};
        Json parameters = PathParameters(endpoint.pattern, d.value("path", Json::object()));
        for (const Json& q : d.value("parameters", Json::array())) {
            parameters.push_back(q);
        }
        if (!parameters.empty()) {
            op["parameters"] = parameters;
        }
        if (d.contains("request")) {
            Json content = {{"application/json", {{"schema", SchemaRef(d["request"])}}}};
            // Bodies that are documents in other encodings too (SBOM files: XML, tag-value).
            for (const Json& type : d.value("request_other_types", Json::array())) {
                content[type.get<std::string>()] = {{"schema", {{"type", "string"}}}};
            }
            op["requestBody"] = {{"required", true}, {"content", content}};
        }
        if (!endpoint.auth.empty()) {
            op["security"] = Json::array();  // no API token
            op["description"] = "Authentication: " + std::string(endpoint.auth) + ".";
        } else {
            op["x-kensa-scope"] = domain::ToString(RequiredScope(endpoint));
        }
        paths[OpenApiPath(endpoint.pattern)][ToLower(endpoint.method)] = std::move(op);
    }
    return {{"openapi", "3.1.0"},
            {"info",
             {{"title", "kensa API"},
              {"version", "1"},
              {"description",
               "kensa's REST API. Authenticate with an API token (Authorization: Bearer) or a "
               "console session (the kensa_session cookie, with X-CSRF-Token on every "
               "state-changing request). x-kensa-scope names the token scope an operation "
               "needs."}}},
            {"components",
             {{"securitySchemes",
               {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
                {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "kensa_session"}}}}},
              {"schemas", described["schemas"]}}},
            {"security", Json::array({{{"bearer", Json::array()}}, {{"session", Json::array()}}})},
            {"paths", paths}};
}

void RegisterApiRoutes(HttpServer& server,
                       const app::AppContext& ctx,
                       app::SbomJobRunner& sbom_jobs) {
    ApiDeps deps{ctx, sbom_jobs};
    ForEachRoute(deps, [&server](std::string method, std::string pattern, Handler handler) {
        server.Route(std::move(method), std::move(pattern), std::move(handler));
    });
}

}  // namespace kensa::http::api
