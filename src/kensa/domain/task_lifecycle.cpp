#include "kensa/domain/task_lifecycle.h"

namespace kensa::domain {

TaskTransition OnVulnerabilityObserved(const Task& task) {
    TaskTransition t;
    if (task.status == TaskStatus::kPatchApplied) {
        t.new_status = TaskStatus::kNew;
        t.system_comment =
            "The vulnerability was detected again after it had been patched; the task was reopened "
            "as NEW.";
    }
    return t;
}

TaskTransition OnVulnerabilityVanished(const Task& task, std::string_view scan_label) {
    TaskTransition t;
    if (task.status != TaskStatus::kPatchApplied) {
        t.new_status = TaskStatus::kPatchApplied;
        t.system_comment = "The " + std::string(scan_label) +
                           " scan no longer detects this vulnerability; status changed from " +
                           std::string(ToString(task.status)) + " to PATCH_APPLIED.";
    }
    return t;
}

Result<TaskTransition> OnUserSetStatus(const Task& task, TaskStatus requested) {
    if (requested == TaskStatus::kPatchApplied) {
        return Error(ErrorCode::kInvalidInput,
                     "PATCH_APPLIED is set only by a scan that no longer detects the vulnerability")
            .With("field", "status");
    }
    TaskTransition t;
    if (requested != task.status || !task.user_status) {
        t.new_status = requested;
        t.user_status = true;
    }
    return t;
}

bool IsOpen(TaskStatus status) {
    return status != TaskStatus::kPatchApplied && status != TaskStatus::kNotAffected;
}

std::vector<TaskStatus> OpenStatuses() {
    std::vector<TaskStatus> out;
    for (TaskStatus s : {TaskStatus::kNew,
                         TaskStatus::kInvestigating,
                         TaskStatus::kOngoing,
                         TaskStatus::kDefer,
                         TaskStatus::kWorkaround,
                         TaskStatus::kNotAffected,
                         TaskStatus::kRiskAccepted,
                         TaskStatus::kPatchApplied}) {
        if (IsOpen(s)) {
            out.push_back(s);
        }
    }
    return out;
}

bool IsOverdue(const Task& task, EpochSeconds now) {
    return task.deadline && *task.deadline < now && IsOpen(task.status);
}

IgnoreEnd OnIgnoreEnded(const Task& task, EpochSeconds now) {
    IgnoreEnd out;
    if (!task.ignore_until || *task.ignore_until > now) {
        return out;
    }
    out.clears = true;
    // Reopened only from where ignoring parks a task (DEFER) or a risk accepted until then; a
    // decision the user took since (NOT_AFFECTED, WORKAROUND...) or a scan's PATCH_APPLIED
    // stands, and only the date is cleared.
    if (task.status == TaskStatus::kDefer || task.status == TaskStatus::kRiskAccepted) {
        out.transition.new_status = TaskStatus::kNew;
        out.transition.system_comment =
            "The ignore period has ended: the task is open again (it was " +
            std::string(ToString(task.status)) + ").";
    }
    return out;
}

TaskPriority DefaultPriority(Severity severity) {
    switch (severity) {
        case Severity::kCritical:
        case Severity::kHigh:
            return TaskPriority::kHigh;
        case Severity::kMedium:
            return TaskPriority::kMedium;
        case Severity::kLow:
            return TaskPriority::kLow;
        default:
            return TaskPriority::kNone;
    }
}

}  // namespace kensa::domain
