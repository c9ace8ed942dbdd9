#pragma once
// /api/v1/groups/{group}/servers: the servers of a group, registration of EC2 instances (R3),
// pseudo servers with Lambda functions (R5-R7) and ECR images (R9), removal, and a server's
// software.

#include "kensa/http/api/endpoints.h"

namespace kensa::http::api::servers {

/// GET /groups/{group}/servers: {servers: [...]}.
Result<Response> List(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/servers/{server}: the server, its Lambda functions (pseudo) and
/// manual_scan.
Result<Response> Get(const ApiDeps& deps, const Request& req, const Caller& caller);
/// DELETE /groups/{group}/servers/{server}: 204. Group admins.
Result<Response> Delete(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/ec2-candidates: {instances: [...]}. Group admins.
Result<Response> Ec2Candidates(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /groups/{group}/servers/ec2 {instance_ids: [...]}: 201 {server_ids}.
Result<Response> RegisterEc2(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /groups/{group}/servers/pseudo {name}: 201 {server_id}.
Result<Response> CreatePseudo(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /groups/{group}/servers/sbom {name}: 201 {server_id}, a server for SBOM files.
Result<Response> CreateSbomServer(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/lambda-candidates: {functions: [...]}. Group admins.
Result<Response> LambdaCandidates(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /groups/{group}/servers/{server}/lambda-functions {functions: [...]}: 201, or 207 when
/// any function was refused; {results: [...]}.
Result<Response> AddLambdaFunctions(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /groups/{group}/servers/ecr {registry, region?, repository, tag}: 201 {server_id}.
Result<Response> RegisterEcr(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/servers/{server}/software[?removed=true][&limit=N&after=ID]:
/// {software: [...], next_after?}.
Result<Response> Software(const ApiDeps& deps, const Request& req, const Caller& caller);
Result<Response> NetworkFindings(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/servers/{server}/coverage: {coverage: [...]}, Inspector's ListCoverage
/// of the server's resources (status and reason: why a server may have no findings).
Result<Response> Coverage(const ApiDeps& deps, const Request& req, const Caller& caller);

}  // namespace kensa::http::api::servers
