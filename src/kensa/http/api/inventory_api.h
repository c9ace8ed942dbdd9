#pragma once
// The software inventory (R18): the group software list and its export, SBOM file uploads, a
// server's CycloneDX SBOM and VEX, EOL items, the license overview and violations, the
// supply-chain summary, and the group's inventory settings.

#include "kensa/http/api/endpoints.h"

namespace kensa::http::api::inventory {

/// GET /groups/{group}/software?filters&after&limit: {software: [...], next_after?}.
Result<Response> Software(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/software/export?format=csv|json&filters: every matching row.
Result<Response> ExportSoftware(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /groups/{group}/servers/{server}/sbom (the file as the body): the import's result.
Result<Response> UploadSbom(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/servers/{server}/cyclonedx: the server's CycloneDX 1.5 SBOM.
Result<Response> ServerSbom(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/servers/{server}/vex: the CycloneDX VEX of the server's tasks.
Result<Response> ServerVex(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/eol?state&server_id&product&closed: {items, counts, eol_near_days}.
Result<Response> EolItems(const ApiDeps& deps, const Request& req, const Caller& caller);
/// PATCH /groups/{group}/eol/{item} {status?, deadline?, assignee?}: the item.
Result<Response> EditEolItem(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/licenses: {licenses, by_category, rows, without_license}.
Result<Response> Licenses(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/license-violations?limit: {violations: [...]}.
Result<Response> LicenseViolations(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/supply-chain: {servers: [...]}.
Result<Response> SupplyChain(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET and PUT /groups/{group}/inventory-settings {eol_near_days?, license_policy?}.
Result<Response> GetSettings(const ApiDeps& deps, const Request& req, const Caller& caller);
Result<Response> PutSettings(const ApiDeps& deps, const Request& req, const Caller& caller);

}  // namespace kensa::http::api::inventory
