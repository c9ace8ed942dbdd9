#pragma once
// The task lifecycle as pure functions (R4, R8, design "Task").
//
// Rules:
//  - A scan that no longer sees a vulnerability sets PATCH_APPLIED and writes a system comment.
//  - A scan that sees a vulnerability whose task is PATCH_APPLIED reopens it as NEW, with a
//    system comment.
//  - Any other status survives scans that still see the vulnerability: whatever a user set stays.
//  - Users may set any status except PATCH_APPLIED, which only a scan sets.

#include <optional>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::domain {

/// What a scan or a user does to one task. Empty optionals mean "unchanged".
struct TaskTransition {
    std::optional<TaskStatus> new_status;
    std::optional<std::string> system_comment;
    bool user_status = false;  ///< the new status was chosen by a user

    bool changed() const { return new_status.has_value(); }
};

/// A scan saw the vulnerability on the server.
TaskTransition OnVulnerabilityObserved(const Task& task);

/// A scan (of the source that owns the last detection) no longer sees the vulnerability.
TaskTransition OnVulnerabilityVanished(const Task& task, std::string_view scan_label);

/// A user asks for a status. kInvalidInput for PATCH_APPLIED; no-op transition if unchanged.
Result<TaskTransition> OnUserSetStatus(const Task& task, TaskStatus requested);

/// Whether a status counts as open (work remains). PATCH_APPLIED and NOT_AFFECTED do not.
bool IsOpen(TaskStatus status);
/// Every status that IsOpen, for queries.
std::vector<TaskStatus> OpenStatuses();
/// Past its deadline while still open.
bool IsOverdue(const Task& task, EpochSeconds now);

/// The ignore period of a task ("ignore until") has passed: it is cleared, and a task still
/// DEFER or RISK_ACCEPTED reopens as NEW with a system comment; any other status (a later
/// decision of the user, a scan's PATCH_APPLIED) stands. Nothing happens before the time.
struct IgnoreEnd {
    bool clears = false;
    TaskTransition transition;
};
IgnoreEnd OnIgnoreEnded(const Task& task, EpochSeconds now);

/// Priority proposed for a new task from the vulnerability's severity.
TaskPriority DefaultPriority(Severity severity);

}  // namespace kensa::domain
