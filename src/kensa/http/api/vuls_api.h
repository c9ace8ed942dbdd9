#pragma once
// Vuls coexistence (R19). Under /api/v1, with an API token: uploading a Vuls result into a
// group, and the group's upload tokens. Beside it, for unmodified Vuls scanners, which send no
// API token: `vuls report -to-http` (the upload token in the URL's path or user-info), the
// `vuls saas` handshake, and the S3 PutObject target the handshake's credentials write to.

#include "kensa/http/api/endpoints.h"

namespace kensa::http::api::vuls {

/// POST /groups/{group}/vuls/results, body a Vuls result (jsonVersion 4): 200, the import
/// (dto::ToJson(VulsImportResult)). Members.
Result<Response> UploadResult(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/vuls/upload-tokens: {tokens: [...]}. Group admins.
Result<Response> ListTokens(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /groups/{group}/vuls/upload-tokens {label?, expires_in_days?}: 201, the token with its
/// secret in `token` (shown once). Group admins.
Result<Response> CreateToken(const ApiDeps& deps, const Request& req, const Caller& caller);
/// DELETE /groups/{group}/vuls/upload-tokens/{token}: 204. Group admins.
Result<Response> RevokeToken(const ApiDeps& deps, const Request& req, const Caller& caller);

/// POST /vuls/http/{token}, and POST /vuls/http with the token as Basic auth (Go sends a
/// URL's user-info so): `vuls report -to-http`, one ScanResult per request. 200 exactly, as
/// Vuls's writer requires.
Result<Response> ReportToHttp(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /vuls/saas {GroupID, Token, ScannedBy, ScannedIPv4s, ScannedIPv6s}: 200
/// dto::SaasAnswer, credentials that may PutObject under S3ResultsDir only, for an hour.
Result<Response> SaasHandshake(const ApiDeps& deps, const Request& req, const Caller& caller);
/// PUT /kensa-vuls-results/{key...}: S3 PutObject, SigV4-signed with the handshake's
/// credentials (any region: Vuls signs for ap-northeast-1). The result is imported as it
/// lands; errors are S3's XML errors (AccessDenied outside the results directory).
Result<Response> PutObject(const ApiDeps& deps, const Request& req, const Caller& caller);

}  // namespace kensa::http::api::vuls
