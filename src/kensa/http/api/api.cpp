#include "kensa/http/api/api.h"

#include "kensa/http/api/api_common.h"

namespace kensa::http::api {

void RegisterGroupRoutes(HttpServer& server, const app::AppContext& ctx);
void RegisterServerRoutes(HttpServer& server, const app::AppContext& ctx);
void RegisterTaskRoutes(HttpServer& server, const app::AppContext& ctx);
void RegisterSbomRoutes(HttpServer& server, const app::AppContext& ctx, app::SbomJobRunner& jobs);

namespace {

// A compact OpenAPI 3 description of the routes (paths and methods; bodies are documented
// in docs/api.md).
Json OpenApi() {
    auto op = [](const std::string& summary) { return Json{{"summary", summary}, {"responses", {{"200", {{"description", "OK"}}}}}}; };
    Json paths = {
        {"/api/v1/groups", {{"get", op("List the caller's groups")}, {"post", op("Create a group (site admin)")}}},
        {"/api/v1/groups/{group}", {{"get", op("A group with its AWS integration (never the secret)")}}},
        {"/api/v1/groups/{group}/aws", {{"put", op("Set the group's AWS integration")}}},
        {"/api/v1/groups/{group}/aws/test", {{"post", op("Test the AWS connection and permissions")}}},
        {"/api/v1/groups/{group}/schedule", {{"put", op("Daily scan time and timezone")}}},
        {"/api/v1/groups/{group}/scan", {{"post", op("Scan every normal-mode server of the group")}}},
        {"/api/v1/groups/{group}/scan-runs", {{"get", op("Scan history")}}},
        {"/api/v1/groups/{group}/servers", {{"get", op("Servers of the group")}}},
        {"/api/v1/groups/{group}/servers/{server}", {{"get", op("A server")}, {"delete", op("Remove a server")}}},
        {"/api/v1/groups/{group}/ec2-candidates", {{"get", op("EC2 instances covered by Inspector")}}},
        {"/api/v1/groups/{group}/servers/ec2", {{"post", op("Register EC2 instances")}}},
        {"/api/v1/groups/{group}/servers/pseudo", {{"post", op("Create a pseudo server for Lambda functions")}}},
        {"/api/v1/groups/{group}/lambda-candidates", {{"get", op("Lambda functions visible to the group")}}},
        {"/api/v1/groups/{group}/servers/{server}/lambda-functions", {{"post", op("Add Lambda functions")}}},
        {"/api/v1/groups/{group}/servers/ecr", {{"post", op("Register an ECR image tag")}}},
        {"/api/v1/groups/{group}/servers/{server}/scan", {{"post", op("Manual Inspector scan")}}},
        {"/api/v1/groups/{group}/servers/{server}/software", {{"get", op("Software of a server")}}},
        {"/api/v1/groups/{group}/tasks", {{"get", op("Tasks with filters and keyset paging")}}},
        {"/api/v1/groups/{group}/tasks/{task}", {{"get", op("A task with comments and history")}, {"patch", op("Change status or priority")}}},
        {"/api/v1/groups/{group}/tasks/{task}/comments", {{"post", op("Comment on a task")}}},
        {"/api/v1/vulnerabilities/{id}", {{"get", op("A vulnerability")}}},
        {"/api/v1/groups/{group}/sbom", {{"get", op("SBOM export settings")}, {"put", op("Change SBOM export settings (switches scan modes, R13)")}}},
        {"/api/v1/groups/{group}/sbom/template", {{"get", op("CloudFormation template (?format=yaml|json)")}}},
        {"/api/v1/groups/{group}/sbom/exports", {{"post", op("Start an SBOM bulk export (202; 429 with Retry-After within the hour)")}}},
        {"/api/v1/groups/{group}/sbom/diagnose", {{"get", op("Why each server has SBOM software or not")}}},
    };
    return {{"openapi", "3.0.3"},
            {"info", {{"title", "kensa API"}, {"version", "1"}}},
            {"components", {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
            {"security", Json::array({{{"bearer", Json::array()}}})},
            {"paths", paths}};
}

}  // namespace

void RegisterApiRoutes(HttpServer& server, const app::AppContext& ctx, app::SbomJobRunner& sbom_jobs) {
    server.Route("GET", "/api/v1/openapi.json", [](const Request&) { return Ok(OpenApi()); });
    RegisterGroupRoutes(server, ctx);
    RegisterServerRoutes(server, ctx);
    RegisterTaskRoutes(server, ctx);
    RegisterSbomRoutes(server, ctx, sbom_jobs);
}

}  // namespace kensa::http::api
