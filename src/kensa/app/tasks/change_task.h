#pragma once
// Use case: the one place that changes a task (status, priority, assignee, deadline,
// comments). Each change is one transaction with its history rows and its audit event; the
// API and the CLI both call it.

#include <string>
#include <vector>

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

/// Applies the same edit to every task of `task_ids` in one transaction: all or nothing, and
/// kNotFound when one is not the group's. Returns how many tasks changed. A comment is not
/// part of a bulk edit.
Result<int64_t> ChangeTasks(ports::TaskStore& tasks,
                            const Clock& clock,
                            domain::Id group_id,
                            const std::vector<domain::Id>& task_ids,
                            const domain::TaskEdit& edit,
                            const std::string& actor);

/// Reopens every task whose ignore period has ended (domain::OnIgnoreEnded), as "system".
/// Returns how many tasks changed. The scheduler calls it on each tick.
Result<int64_t> EndIgnorePeriods(ports::TaskStore& tasks, const Clock& clock);

}  // namespace kensa::app
