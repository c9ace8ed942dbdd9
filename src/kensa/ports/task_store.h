#pragma once
// Tasks (one per server and vulnerability), their comments and history. A user's change goes
// through ChangeTask, whose plan (app/tasks with domain/task_lifecycle) decides what changes;
// the store applies it in one transaction. Contract: store.h.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"
#include "kensa/domain/task_trend.h"

namespace kensa::ports {

/// The orders of a task list; each breaks ties by id, ascending.
enum class TaskSort {
    kId,           ///< oldest first (the default)
    kIdDesc,       ///< newest first
    kSeverity,     ///< most severe first (domain::SeverityRank)
    kDeadline,     ///< nearest deadline first, tasks without one last
    kEpssDesc,     ///< highest EPSS first, tasks without one last
    kUpdatedDesc,  ///< most recently changed first
};

/// Where the previous page ended: its last row's sort key and id (keyset paging).
struct TaskCursor {
    double key = 0;
    domain::Id id = 0;
};

struct TaskFilter {
    domain::Id group_id = 0;
    std::optional<domain::Id> server_id;
    std::optional<domain::TaskStatus> status;
    bool open_only = false;  ///< only open statuses (domain::IsOpen)
    std::optional<domain::TaskPriority> priority;
    std::optional<domain::Severity> severity;  ///< as the group sees the vulnerability
    std::string vulnerability_id;
    std::string assignee;  ///< main or sub assignee
    /// Open (domain::IsOpen) with a deadline before `now`.
    bool overdue = false;
    domain::EpochSeconds now = 0;
    std::optional<double> epss_min;
    std::optional<bool> exploit_available;
    std::optional<bool> fix_available;  ///< Inspector's fixAvailable YES or PARTIAL
    /// Case-insensitive substring of the vulnerability id, its title or the server's name.
    std::string text;
    TaskSort sort = TaskSort::kId;
    std::optional<TaskCursor> cursor;  ///< rows after this one in `sort` order
    int limit = 100;
    domain::Id after_id = 0;  ///< kId only: tasks with id > after_id (the older paging)
};

/// A task joined with what a list shows about it.
struct TaskView {
    domain::Task task;
    std::string server_name;
    domain::Severity severity = domain::Severity::kUnknown;
    double cvss3_score = 0;
    std::string title;
    std::optional<double> epss;
    bool exploit_available = false;
    std::string fix_available;
    double sort_key = 0;  ///< the row's key in the filter's sort (for the next page's cursor)
};

/// Open tasks (domain::IsOpen) of one severity and priority, as the group sees them.
struct OpenTaskCount {
    domain::Severity severity = domain::Severity::kUnknown;
    domain::TaskPriority priority = domain::TaskPriority::kNone;
    int64_t count = 0;
};

/// What one change of a task writes, all in one transaction.
struct TaskWrite {
    domain::Task task;  ///< the task after the change (status, priority, assignee, deadline)
    std::vector<domain::TaskHistoryEntry> history;
    std::optional<domain::TaskComment> comment;
    domain::AuditEvent audit;
};

/// Decides a change from the task as it is stored inside the transaction.
using TaskChangePlan = std::function<Result<TaskWrite>(const domain::Task& current)>;

class TaskStore {
public:
    virtual ~TaskStore() = default;

    virtual Result<std::vector<TaskView>> ListTasks(const TaskFilter& filter) = 0;
    virtual Result<domain::Task> GetTask(domain::Id task_id) = 0;
    /// Loads the task, calls `plan` with it, and writes what the plan returns (the task's
    /// fields, history rows, an optional comment, the audit event) in one transaction. An
    /// error from the plan writes nothing. Returns the written task (with a comment's id, if
    /// any, in `comment_id`).
    virtual Result<domain::Task> ChangeTask(domain::Id task_id,
                                            const TaskChangePlan& plan,
                                            domain::Id* comment_id) = 0;
    virtual Result<std::vector<domain::TaskComment>> ListComments(domain::Id task_id) = 0;
    virtual Result<std::vector<domain::TaskHistoryEntry>> ListHistory(domain::Id task_id) = 0;
    /// Applies `plan` to each task in one transaction (a bulk edit): all or nothing. Returns
    /// how many tasks the plans changed.
    virtual Result<int64_t> ChangeTasks(const std::vector<domain::Id>& task_ids,
                                        const TaskChangePlan& plan) = 0;
    virtual Result<std::vector<OpenTaskCount>> CountOpenTasks(domain::Id group_id) = 0;
    /// Per day since `since`: the group's tasks created, and the net closures of its tasks'
    /// status history (domain::TaskDayCounts).
    virtual Result<std::vector<domain::TaskDayCounts>> TaskDays(domain::Id group_id,
                                                                domain::EpochSeconds since) = 0;
    /// Ids of tasks whose ignore period ended at or before `now`, every group.
    virtual Result<std::vector<domain::Id>> ListIgnoreEnded(domain::EpochSeconds now) = 0;
};

}  // namespace kensa::ports
