#pragma once
// Use cases: reading a group's tasks (the list with filters and keyset paging, and one task
// with its comments and history). Changes go through ChangeTask (change_task.h).

#include <functional>
#include <optional>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/ports/task_store.h"

namespace kensa::app {

/// The task, if it belongs to the group; kNotFound otherwise (no cross-group probing).
Result<domain::Task> TaskInGroup(ports::TaskStore& tasks, domain::Id group_id, domain::Id task_id);

inline constexpr int kMaxTaskPage = 1000;

/// One page of a group's tasks, in the filter's order.
struct TaskPage {
    std::vector<ports::TaskView> tasks;
    std::optional<domain::Id> next_after;  ///< set when the page is full (more may follow)
    std::string next_cursor;               ///< set when the page is full: the next page's
};

/// Lists tasks matching `filter`; a limit above kMaxTaskPage is lowered to it.
Result<TaskPage> ListTasks(ports::TaskStore& tasks, ports::TaskFilter filter);

/// The sorts by name: id, -id, severity, deadline, -epss, -updated.
bool ParseTaskSort(std::string_view name, ports::TaskSort* out);
/// A page's cursor: opaque to clients, "<sort>~<key>~<id>".
std::string EncodeTaskCursor(ports::TaskSort sort, const ports::TaskCursor& cursor);
/// kInvalidInput (field "cursor") unless it is a cursor of this sort.
Result<ports::TaskCursor> DecodeTaskCursor(ports::TaskSort sort, std::string_view text);

/// Every id the filter matches (its limit and cursor ignored), for a bulk edit; kInvalidInput
/// when more than kMaxBulkTasks match.
inline constexpr int kMaxBulkTasks = 10000;
Result<std::vector<domain::Id>> MatchingTaskIds(ports::TaskStore& tasks, ports::TaskFilter filter);

/// Every task the filter selects, in id order, a page of 1,000 at a time; the first error of
/// `fn` stops the walk and is returned.
Status ForEachTask(ports::TaskStore& tasks,
                   ports::TaskFilter filter,
                   const std::function<Status(ports::TaskView&&)>& fn);

/// A task with its comments and its history (oldest first).
struct TaskDetail {
    domain::Task task;
    std::vector<domain::TaskComment> comments;
    std::vector<domain::TaskHistoryEntry> history;
};
Result<TaskDetail> GetTaskDetail(ports::TaskStore& tasks, domain::Id group_id, domain::Id task_id);

/// The dashboard of a group: open tasks by severity and priority, their trend over the last
/// `days` days, and the newest open critical tasks.
struct Dashboard {
    std::vector<ports::OpenTaskCount> open;
    std::vector<domain::TrendPoint> trend;
    std::vector<ports::TaskView> newest_critical;
};
inline constexpr int kDashboardDays = 30;
Result<Dashboard> GetDashboard(ports::TaskStore& tasks,
                               domain::Id group_id,
                               domain::EpochSeconds now,
                               int days = kDashboardDays);

}  // namespace kensa::app
