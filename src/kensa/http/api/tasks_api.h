#pragma once
// /api/v1/groups/{group}/tasks: the task list with filters and keyset paging, one task with its
// comments and history, status / priority changes and comments.

#include "kensa/http/api/endpoints.h"

namespace kensa::http::api::tasks {

/// GET /groups/{group}/tasks[?status=&server_id=&vulnerability_id=&limit=&after=]:
/// {tasks: [...], next_after?}.
Result<Response> List(const ApiDeps& deps, const Request& req);
/// GET /groups/{group}/tasks/{task}: the task with comments[] and history[].
Result<Response> Get(const ApiDeps& deps, const Request& req);
/// PATCH /groups/{group}/tasks/{task} {status?, priority?}: the task. Members.
Result<Response> Patch(const ApiDeps& deps, const Request& req);
/// POST /groups/{group}/tasks/{task}/comments {body}: 201 {id}. Members.
Result<Response> AddComment(const ApiDeps& deps, const Request& req);

}  // namespace kensa::http::api::tasks
