#pragma once
// /api/v1/groups/{group}/sbom: the Inspector SBOM export settings (R11, R13), the
// CloudFormation template, the bulk export (R14) and the diagnostics (R20).

#include "kensa/http/api/endpoints.h"

namespace kensa::http::api::sbom {

/// GET /groups/{group}/sbom: {enabled, bucket, key_prefix, kms_key_arn, format}.
Result<Response> GetSettings(const ApiDeps& deps, const Request& req, const Caller& caller);
/// PUT /groups/{group}/sbom {enabled?, bucket?, key_prefix?, kms_key_arn?, format?}: members
/// left out keep their value; switches the servers' scan modes (R13). Group admins.
Result<Response> PutSettings(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/sbom/template[?format=yaml|json]: the template as an attachment.
Result<Response> Template(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /groups/{group}/sbom/exports: 202 with the queued run; 429 with Retry-After within the
/// hour. Members.
Result<Response> StartExport(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/sbom/diagnose: why each server has SBOM software or not.
Result<Response> Diagnose(const ApiDeps& deps, const Request& req, const Caller& caller);

}  // namespace kensa::http::api::sbom
