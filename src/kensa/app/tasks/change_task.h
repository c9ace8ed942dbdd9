#pragma once
// Use case: the one place that changes a task (status, priority, assignee, deadline,
// comments). Each change is one transaction with its history rows and its audit event; the
// API and the CLI both call it.

#include <string>

#include "kensa/common/clock.h"
#include "kensa/common/error.h"
#include "kensa/domain/task_edit.h"
#include "kensa/ports/task_store.h"

namespace kensa::app {

struct TaskChangeOutcome {
    domain::Task task;          ///< as stored after the change
    domain::Id comment_id = 0;  ///< the new comment's id, when the change added one
};

/// Applies `edit` to the task as `actor`. The caller has checked that the task belongs to the
/// caller's group. kInvalidInput names the field; kNotFound for an unknown task.
Result<TaskChangeOutcome> ChangeTask(ports::TaskStore& tasks,
                                     const Clock& clock,
                                     domain::Id task_id,
                                     const domain::TaskEdit& edit,
                                     const std::string& actor);

}  // namespace kensa::app
