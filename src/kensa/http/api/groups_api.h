#pragma once
// /api/v1/groups: groups, their AWS integration (R2) and their daily-scan schedule (R12).

#include "kensa/http/api/endpoints.h"

namespace kensa::http::api::groups {

/// GET /groups: the groups the caller may view.
Result<Response> List(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /groups {name, timezone?}: 201; site administrators only.
Result<Response> Create(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}: the group with its AWS integration (never the secret).
Result<Response> Get(const ApiDeps& deps, const Request& req, const Caller& caller);
/// PUT /groups/{group}/aws {auth_type, region, access_key_id, secret_access_key, role_arn,
/// endpoint_url}: group admins.
Result<Response> PutAws(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /groups/{group}/aws/test: the connection report (identity, permissions, IAM snippet).
Result<Response> TestAws(const ApiDeps& deps, const Request& req, const Caller& caller);
/// PUT /groups/{group}/schedule {timezone?, daily_scan_time? "HH:MM", enabled?}.
Result<Response> PutSchedule(const ApiDeps& deps, const Request& req, const Caller& caller);

}  // namespace kensa::http::api::groups
