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

Result<TaskChangeOutcome> ChangeTask(ports::TaskStore& tasks,
                                     const Clock& clock,
                                     domain::Id task_id,
                                     const domain::TaskEdit& edit,
                                     const std::string& actor) {
    const domain::EpochSeconds now = ToEpochSeconds(clock.SystemNow());
    TaskChangeOutcome outcome;
    KENSA_ASSIGN_OR_RETURN(outcome.task,
                           tasks.ChangeTask(
                               task_id,
                               [&](const domain::Task& current) -> Result<ports::TaskWrite> {
                                   KENSA_ASSIGN_OR_RETURN(
                                       auto result,
                                       domain::ApplyTaskEdit(current, edit, actor, now));
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
                               },
                               &outcome.comment_id));
    return outcome;
}

}  // namespace kensa::app
