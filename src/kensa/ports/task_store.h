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

namespace kensa::ports {

struct TaskFilter {
    domain::Id group_id = 0;
    std::optional<domain::Id> server_id;
    std::optional<domain::TaskStatus> status;
    std::string vulnerability_id;
    int limit = 100;
    domain::Id after_id = 0;  ///< keyset pagination: tasks with id > after_id, ordered by id
};

/// A task joined with what a list shows about it.
struct TaskView {
    domain::Task task;
    std::string server_name;
    domain::Severity severity = domain::Severity::kUnknown;
    double cvss3_score = 0;
    std::string title;
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
};

}  // namespace kensa::ports
