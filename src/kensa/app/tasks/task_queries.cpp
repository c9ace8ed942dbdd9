#include "kensa/app/tasks/task_queries.h"

#include <algorithm>

namespace kensa::app {

Result<domain::Task> TaskInGroup(ports::TaskStore& tasks, domain::Id group_id, domain::Id task_id) {
    auto task = tasks.GetTask(task_id);
    if (!task.ok() && task.error().code() != ErrorCode::kNotFound) {
        return std::move(task).error();  // a storage failure is not "not found"
    }
    if (!task.ok() || task->group_id != group_id) {
        return Error(ErrorCode::kNotFound,
                     "task " + std::to_string(task_id) + " not found in this group");
    }
    return std::move(task).value();
}

Result<TaskPage> ListTasks(ports::TaskStore& tasks, ports::TaskFilter filter) {
    filter.limit = std::min(filter.limit, kMaxTaskPage);
    TaskPage page;
    KENSA_ASSIGN_OR_RETURN(page.tasks, tasks.ListTasks(filter));
    if (!page.tasks.empty() && static_cast<int>(page.tasks.size()) == filter.limit) {
        page.next_after = page.tasks.back().task.id;
    }
    return page;
}

Result<TaskDetail> GetTaskDetail(ports::TaskStore& tasks, domain::Id group_id, domain::Id task_id) {
    TaskDetail detail;
    KENSA_ASSIGN_OR_RETURN(detail.task, TaskInGroup(tasks, group_id, task_id));
    KENSA_ASSIGN_OR_RETURN(detail.comments, tasks.ListComments(task_id));
    KENSA_ASSIGN_OR_RETURN(detail.history, tasks.ListHistory(task_id));
    return detail;
}

}  // namespace kensa::app
