#include "kensa/http/api/api.h"

#include <array>
#include <string>

#include "kensa/http/api/api_common.h"
#include "kensa/http/api/endpoints.h"
#include "kensa/http/api/groups_api.h"
#include "kensa/http/api/sbom_api.h"
#include "kensa/http/api/scans_api.h"
#include "kensa/http/api/servers_api.h"
#include "kensa/http/api/tasks_api.h"
#include "kensa/http/api/vulnerabilities_api.h"
#include "kensa/http/api/vuls_api.h"
#include "kensa/http/error_to_status.h"

namespace kensa::http::api {

namespace {

Result<Response> GetOpenApi(const ApiDeps&, const Request&) {
    return Render(OpenApiDocument(Endpoints()));
}

// The route table. Order matters only for the OpenAPI document's readability; the router
// ranks literal segments above parameters ("/servers/ec2" beats "/servers/{server}").
constexpr auto kEndpoints = std::to_array<Endpoint>({
    {"GET", "/api/v1/openapi.json", "This document", 200, GetOpenApi},
    // groups
    {"GET", "/api/v1/groups", "List the caller's groups", 200, groups::List},
    {"POST", "/api/v1/groups", "Create a group (site admin)", 201, groups::Create},
    {"GET",
     "/api/v1/groups/{group}",
     "A group with its AWS integration (never the secret)",
     200,
     groups::Get},
    {"PUT", "/api/v1/groups/{group}/aws", "Set the group's AWS integration", 200, groups::PutAws},
    {"POST",
     "/api/v1/groups/{group}/aws/test",
     "Test the AWS connection and permissions",
     200,
     groups::TestAws},
    {"PUT",
     "/api/v1/groups/{group}/schedule",
     "Daily scan time and timezone",
     200,
     groups::PutSchedule},
    // scans
    {"POST",
     "/api/v1/groups/{group}/scan",
     "Scan every normal-mode server of the group",
     200,
     scans::ScanGroup},
    {"GET", "/api/v1/groups/{group}/scan-runs", "Scan history", 200, scans::ListRuns},
    {"POST",
     "/api/v1/groups/{group}/servers/{server}/scan",
     "Manual Inspector scan",
     200,
     scans::ScanServer},
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
    // tasks
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
     "Change status or priority",
     200,
     tasks::Patch},
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
     sbom::PutSettings},
    {"GET",
     "/api/v1/groups/{group}/sbom/template",
     "CloudFormation template (?format=yaml|json)",
     200,
     sbom::Template},
    {"POST",
     "/api/v1/groups/{group}/sbom/exports",
     "Start an SBOM bulk export (202; 429 with Retry-After within the hour)",
     202,
     sbom::StartExport},
    {"GET",
     "/api/v1/groups/{group}/sbom/diagnose",
     "Why each server has SBOM software or not",
     200,
     sbom::Diagnose},
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
     vuls::ListTokens},
    {"POST",
     "/api/v1/groups/{group}/vuls/upload-tokens",
     "Create an upload token for Vuls scanners (shown once)",
     201,
     vuls::CreateToken},
    {"DELETE",
     "/api/v1/groups/{group}/vuls/upload-tokens/{token}",
     "Revoke an upload token and its S3 credentials",
     204,
     vuls::RevokeToken},
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

std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

}  // namespace

std::span<const Endpoint> Endpoints() {
    return kEndpoints;
}

Handler MakeHandler(const Endpoint& endpoint, const ApiDeps& deps) {
    return [fn = endpoint.fn, deps](const Request& req) {
        Result<Response> response = fn(deps, req);
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

Json OpenApiDocument(std::span<const Endpoint> endpoints) {
    Json paths = Json::object();
    for (const Endpoint& endpoint : endpoints) {
        std::string status = std::to_string(endpoint.success_status);
        Json op = {
            {"summary", endpoint.summary},
            {"responses", {{status, {{"description", StatusTitle(endpoint.success_status)}}}}}};
        if (!endpoint.auth.empty()) {
            op["security"] = Json::array();  // no API token
            op["description"] = "Authentication: " + std::string(endpoint.auth) + ".";
        }
        paths[std::string(endpoint.pattern)][Lower(endpoint.method)] = std::move(op);
    }
    return {{"openapi", "3.0.3"},
            {"info", {{"title", "kensa API"}, {"version", "1"}}},
            {"components",
             {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
            {"security", Json::array({{{"bearer", Json::array()}}})},
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
