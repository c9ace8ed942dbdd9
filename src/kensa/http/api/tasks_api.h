#pragma once
// /api/v1/groups/{group}/tasks: the task list with filters and keyset paging, one task with its
// comments and history, status / priority changes and comments.

#include "kensa/http/api/endpoints.h"

namespace kensa::http::api::tasks {

/// GET /groups/{group}/tasks[?status=&priority=&severity=&server_id=&vulnerability_id=
/// &assignee=&overdue=&epss_min=&exploit=&fix=&q=&sort=&limit=&cursor=|after=]:
/// {tasks: [...], next_cursor?, next_after? (sort=id)}. sort: id, -id, severity, deadline,
/// -epss, -updated.
Result<Response> List(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /groups/{group}/tasks/{task}: the task with comments[] and history[].
Result<Response> Get(const ApiDeps& deps, const Request& req, const Caller& caller);
/// PATCH /groups/{group}/tasks/{task} {status?, priority?, assignee?, sub_assignee?,
/// deadline?, ignore_until?, comment?}: the task. Times are epoch seconds or "YYYY-MM-DD",
/// null clears. Members.
Result<Response> Patch(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /groups/{group}/tasks/{task}/comments {body}: 201 {id}. Members.
Result<Response> AddComment(const ApiDeps& deps, const Request& req, const Caller& caller);

/// POST /groups/{group}/tasks/bulk {ids: [...] | filter: {list query keys}, set: {the PATCH
/// members but comment}}: {updated, matched}, in one transaction. Members.
Result<Response> Bulk(const ApiDeps& deps, const Request& req, const Caller& caller);

/// GET /groups/{group}/dashboard: {open_by_severity: {SEV: n}, open_by_priority: {PRI: n},
/// open_total, trend: [{day: "YYYY-MM-DD", open}] (30 days), newest_critical: [task]}.
Result<Response> Dashboard(const ApiDeps& deps, const Request& req, const Caller& caller);

}  // namespace kensa::http::api::tasks
