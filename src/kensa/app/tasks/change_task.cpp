#include "kensa/app/tasks/change_task.h"

namespace kensa::app {
namespace {

// "status,priority" for the audit detail: the fields the change touched.
std::string ChangedFields(const domain::TaskEditResult& result) {
    std::string fields;
    for (const auto& h : result.history) {
        fields += fields.empty() ? h.field : "," + h.field;
    }
    if (result.comment) {
        fields += fields.empty() ? "comment" : ",comment";
    }
    return fields;
}

}  // namespace

namespace {

/// The plan of a user's edit, as ChangeTask and ChangeTasks apply it.
ports::TaskChangePlan EditPlan(const domain::TaskEdit& edit,
                               const std::string& actor,
                               domain::EpochSeconds now,
                               std::optional<domain::Id> group_id) {
    return [&edit, actor, now, group_id](const domain::Task& current) -> Result<ports::TaskWrite> {
        if (group_id && current.group_id != *group_id) {
            // The store's words for a missing id: a foreign id must not read differently.
            return Error(ErrorCode::kNotFound, "task " + std::to_string(current.id) + " not found");
        }
        KENSA_ASSIGN_OR_RETURN(auto result, domain::ApplyTaskEdit(current, edit, actor, now));
        ports::TaskWrite write;
        write.audit.group_id = current.group_id;
        write.audit.actor = actor;
        write.audit.action = "task.update";
        write.audit.target = "task:" + std::to_string(current.id);
        write.audit.detail = ChangedFields(result);
        write.audit.at = now;
        write.task = std::move(result.task);
        write.history = std::move(result.history);
        write.comment = std::move(result.comment);
        return write;
    };
}

}  // namespace

Result<TaskChangeOutcome> ChangeTask(ports::TaskStore& tasks,
                                     const Clock& clock,
                                     domain::Id task_id,
                                     const domain::TaskEdit& edit,
                                     const std::string& actor) {
    const domain::EpochSeconds now = ToEpochSeconds(clock.SystemNow());
    TaskChangeOutcome outcome;
    KENSA_ASSIGN_OR_RETURN(
        outcome.task,
        tasks.ChangeTask(task_id, EditPlan(edit, actor, now, std::nullopt), &outcome.comment_id));
    return outcome;
}

Result<int64_t> ChangeTasks(ports::TaskStore& tasks,
                            const Clock& clock,
                            domain::Id group_id,
                            const std::vector<domain::Id>& task_ids,
                            const domain::TaskEdit& edit,
                            const std::string& actor) {
    if (edit.comment) {
        return Error(ErrorCode::kInvalidInput, "a bulk edit takes no comment")
            .With("field", "comment");
    }
    if (task_ids.empty()) {
        return int64_t{0};
    }
    const domain::EpochSeconds now = ToEpochSeconds(clock.SystemNow());
    return tasks.ChangeTasks(task_ids, EditPlan(edit, actor, now, group_id));
}

Result<int64_t> EndIgnorePeriods(ports::TaskStore& tasks, const Clock& clock) {
    const domain::EpochSeconds now = ToEpochSeconds(clock.SystemNow());
    KENSA_ASSIGN_OR_RETURN(auto ids, tasks.ListIgnoreEnded(now));
    int64_t changed = 0;
    for (domain::Id id : ids) {
        domain::Id comment_id = 0;
        bool ended = false;
        auto plan = [now, &ended](const domain::Task& current) -> Result<ports::TaskWrite> {
            ports::TaskWrite write;
            write.task = current;
            auto result = domain::ApplyIgnoreEnd(current, now);
            ended = result.has_value();
            if (!ended) {
                return write;  // changed meanwhile: nothing is due
            }
            write.task = std::move(result->task);
            write.history = std::move(result->history);
            write.comment = std::move(result->comment);
            write.audit.group_id = current.group_id;
            write.audit.actor = "system";
            write.audit.action = "task.ignore_ended";
            write.audit.target = "task:" + std::to_string(current.id);
            write.audit.at = now;
            return write;
        };
        KENSA_TRY(tasks.ChangeTask(id, plan, &comment_id));
        changed += ended ? 1 : 0;
    }
    return changed;
}

}  // namespace kensa::app
