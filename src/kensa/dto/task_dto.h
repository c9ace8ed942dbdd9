#pragma once
// JSON views of tasks: a task, a list row (with its server, severity and title), and one
// task's detail with comments and history. Statuses, priorities and severities are their
// names (domain::ToString), never numbers.

#include "kensa/app/tasks/task_queries.h"
#include "kensa/domain/model.h"
#include "kensa/dto/json.h"
#include "kensa/ports/task_store.h"

namespace kensa::dto {

/// {id, group_id, server_id, vulnerability_id, status, priority, assignee, deadline|null,
/// created_at, updated_at}.
Json ToJson(const domain::Task& task);
/// The task plus server_name, severity, cvss3_score and title.
Json ToJson(const ports::TaskView& view);
/// {id, author, system, body, created_at}.
Json ToJson(const domain::TaskComment& comment);
/// {actor, field, old, new, at}.
Json ToJson(const domain::TaskHistoryEntry& entry);
/// The task plus comments[] and history[].
Json ToJson(const app::TaskDetail& detail);

}  // namespace kensa::dto
