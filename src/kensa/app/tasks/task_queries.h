#pragma once
// Use cases: reading a group's tasks (the list with filters and keyset paging, and one task
// with its comments and history). Changes go through ChangeTask (change_task.h).

#include <optional>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/ports/task_store.h"

namespace kensa::app {

/// The task, if it belongs to the group; kNotFound otherwise (no cross-group probing).
Result<domain::Task> TaskInGroup(ports::TaskStore& tasks, domain::Id group_id, domain::Id task_id);

inline constexpr int kMaxTaskPage = 1000;

/// One page of a group's tasks, in id order.
struct TaskPage {
    std::vector<ports::TaskView> tasks;
    std::optional<domain::Id> next_after;  ///< set when the page is full (more may follow)
};

/// Lists tasks matching `filter`; a limit above kMaxTaskPage is lowered to it.
Result<TaskPage> ListTasks(ports::TaskStore& tasks, ports::TaskFilter filter);

/// A task with its comments and its history (oldest first).
struct TaskDetail {
    domain::Task task;
    std::vector<domain::TaskComment> comments;
    std::vector<domain::TaskHistoryEntry> history;
};
Result<TaskDetail> GetTaskDetail(ports::TaskStore& tasks, domain::Id group_id, domain::Id task_id);

}  // namespace kensa::app
