#include "kensa/domain/task_edit.h"

#include "kensa/domain/task_lifecycle.h"

namespace kensa::domain {
namespace {

bool IsBlank(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string DeadlineText(const std::optional<EpochSeconds>& deadline) {
    return deadline ? std::to_string(*deadline) : std::string();
}

}  // namespace

Result<TaskEditResult> ApplyTaskEdit(const Task& task,
                                     const TaskEdit& edit,
                                     const std::string& actor,
                                     EpochSeconds now) {
    if (!edit.status && !edit.priority && !edit.assignee && !edit.sub_assignee && !edit.deadline &&
        !edit.ignore_until && !edit.comment) {
        return Error(ErrorCode::kInvalidInput,
                     "nothing to change: give status, priority, assignee, sub_assignee, "
                     "deadline, ignore_until or comment");
    }
    if (edit.ignore_until && *edit.ignore_until && **edit.ignore_until <= now) {
        return Error(ErrorCode::kInvalidInput, "ignore_until must be in the future")
            .With("field", "ignore_until");
    }
    TaskEditResult out;
    out.task = task;
    auto record = [&](std::string field, std::string old_value, std::string new_value) {
        TaskHistoryEntry h;
        h.task_id = task.id;
        h.actor = actor;
        h.field = std::move(field);
        h.old_value = std::move(old_value);
        h.new_value = std::move(new_value);
        h.at = now;
        out.history.push_back(std::move(h));
    };
    if (edit.status) {
        auto transition = OnUserSetStatus(task, *edit.status);
        if (!transition.ok()) {
            return Error(transition.error()).With("field", "status");
        }
        if (transition->changed()) {
            out.task.status = *transition->new_status;
            out.task.user_status = true;
            record("status",
                   std::string(ToString(task.status)),
                   std::string(ToString(out.task.status)));
        }
    }
    if (edit.priority && *edit.priority != task.priority) {
        out.task.priority = *edit.priority;
        record("priority",
               std::string(ToString(task.priority)),
               std::string(ToString(*edit.priority)));
    }
    if (edit.assignee && *edit.assignee != task.assignee) {
        out.task.assignee = *edit.assignee;
        record("assignee", task.assignee, *edit.assignee);
    }
    if (edit.sub_assignee && *edit.sub_assignee != task.sub_assignee) {
        out.task.sub_assignee = *edit.sub_assignee;
        record("sub_assignee", task.sub_assignee, *edit.sub_assignee);
    }
    if (edit.deadline && *edit.deadline != task.deadline) {
        out.task.deadline = *edit.deadline;
        record("deadline", DeadlineText(task.deadline), DeadlineText(*edit.deadline));
    }
    if (edit.ignore_until && *edit.ignore_until != task.ignore_until) {
        out.task.ignore_until = *edit.ignore_until;
        record("ignore_until", DeadlineText(task.ignore_until), DeadlineText(*edit.ignore_until));
        // Ignoring parks an active task as DEFER, unless the user chose a status with it.
        const bool active = out.task.status == TaskStatus::kNew ||
                            out.task.status == TaskStatus::kInvestigating ||
                            out.task.status == TaskStatus::kOngoing;
        if (*edit.ignore_until && !edit.status && active) {
            record("status", std::string(ToString(out.task.status)), "DEFER");
            out.task.status = TaskStatus::kDefer;
            out.task.user_status = true;
        }
    }
    if (edit.comment) {
        if (IsBlank(*edit.comment)) {
            return Error(ErrorCode::kInvalidInput, "a comment needs a body").With("field", "body");
        }
        TaskComment c;
        c.task_id = task.id;
        c.author = actor;
        c.body = *edit.comment;
        c.created_at = now;
        out.comment = std::move(c);
    }
    if (out.changed()) {
        out.task.updated_at = now;
    }
    return out;
}

std::optional<TaskEditResult> ApplyIgnoreEnd(const Task& task, EpochSeconds now) {
    IgnoreEnd end = OnIgnoreEnded(task, now);
    if (!end.clears) {
        return std::nullopt;
    }
    TaskEditResult out;
    out.task = task;
    auto record = [&](std::string field, std::string old_value, std::string new_value) {
        TaskHistoryEntry h;
        h.task_id = task.id;
        h.actor = "system";
        h.field = std::move(field);
        h.old_value = std::move(old_value);
        h.new_value = std::move(new_value);
        h.at = now;
        out.history.push_back(std::move(h));
    };
    out.task.ignore_until.reset();
    record("ignore_until", DeadlineText(task.ignore_until), "");
    if (end.transition.new_status) {
        out.task.status = *end.transition.new_status;
        out.task.user_status = false;
        record(
            "status", std::string(ToString(task.status)), std::string(ToString(out.task.status)));
        TaskComment c;
        c.task_id = task.id;
        c.author = "system";
        c.system = true;
        c.body = *end.transition.system_comment;
        c.created_at = now;
        out.comment = std::move(c);
    }
    out.task.updated_at = now;
    return out;
}

}  // namespace kensa::domain
