#pragma once
// A user's change to a task: status, priority, assignee, deadline and a comment at once. The
// rules: the status follows domain::OnUserSetStatus (never PATCH_APPLIED); each field that
// really changes gets one history row; an unchanged field writes nothing; a comment needs a
// body.

#include <optional>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::domain {

/// Each field set means "change to this"; unset fields stay as they are.
struct TaskEdit {
    std::optional<TaskStatus> status;
    std::optional<TaskPriority> priority;
    std::optional<std::string> assignee;                  ///< "" clears it
    std::optional<std::string> sub_assignee;              ///< "" clears it
    std::optional<std::optional<EpochSeconds>> deadline;  ///< an empty inner value clears it
    /// A time: the task is ignored until then (an open task is set to DEFER unless the edit
    /// sets a status); an empty inner value clears it.
    std::optional<std::optional<EpochSeconds>> ignore_until;
    std::optional<std::string> comment;
};

/// What the edit does to the task.
struct TaskEditResult {
    Task task;  ///< after the edit
    std::vector<TaskHistoryEntry> history;
    std::optional<TaskComment> comment;
    bool changed() const { return !history.empty() || comment.has_value(); }
};

/// kInvalidInput (naming the field) for PATCH_APPLIED, an empty comment, an empty edit or an
/// ignore_until that is not in the future.
Result<TaskEditResult> ApplyTaskEdit(const Task& task,
                                     const TaskEdit& edit,
                                     const std::string& actor,
                                     EpochSeconds now);

/// What the system writes when the task's ignore period has passed (OnIgnoreEnded): the date
/// cleared, maybe NEW with its system comment, each with its history row. nullopt when
/// nothing is due yet.
std::optional<TaskEditResult> ApplyIgnoreEnd(const Task& task, EpochSeconds now);

}  // namespace kensa::domain
