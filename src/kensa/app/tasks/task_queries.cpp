#include "kensa/app/tasks/task_queries.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "kensa/domain/task_lifecycle.h"

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
        const auto& last = page.tasks.back();
        if (filter.sort == ports::TaskSort::kId) {
            page.next_after = last.task.id;
        }
        page.next_cursor = EncodeTaskCursor(filter.sort, {last.sort_key, last.task.id});
    }
    return page;
}

namespace {

constexpr std::pair<ports::TaskSort, std::string_view> kSortNames[] = {
    {ports::TaskSort::kId, "id"},
    {ports::TaskSort::kIdDesc, "-id"},
    {ports::TaskSort::kSeverity, "severity"},
    {ports::TaskSort::kDeadline, "deadline"},
    {ports::TaskSort::kEpssDesc, "-epss"},
    {ports::TaskSort::kUpdatedDesc, "-updated"},
};

std::string_view SortName(ports::TaskSort sort) {
    for (const auto& [s, name] : kSortNames) {
        if (s == sort) {
            return name;
        }
    }
    return "id";
}

}  // namespace

bool ParseTaskSort(std::string_view name, ports::TaskSort* out) {
    for (const auto& [s, n] : kSortNames) {
        if (n == name) {
            *out = s;
            return true;
        }
    }
    return false;
}

std::string EncodeTaskCursor(ports::TaskSort sort, const ports::TaskCursor& cursor) {
    char key[40];
    std::snprintf(key, sizeof(key), "%.17g", cursor.key);
    return std::string(SortName(sort)) + "~" + key + "~" + std::to_string(cursor.id);
}

Result<ports::TaskCursor> DecodeTaskCursor(ports::TaskSort sort, std::string_view text) {
    const Error bad = Error(ErrorCode::kInvalidInput,
                            "the cursor is not one of this list's (sort " +
                                std::string(SortName(sort)) + "): pass next_cursor as it came")
                          .With("field", "cursor");
    size_t first = text.find('~');
    size_t second = first == std::string_view::npos ? first : text.find('~', first + 1);
    if (second == std::string_view::npos || text.substr(0, first) != SortName(sort)) {
        return bad;
    }
    std::string key(text.substr(first + 1, second - first - 1));
    std::string id(text.substr(second + 1));
    ports::TaskCursor cursor;
    char* end = nullptr;
    cursor.key = std::strtod(key.c_str(), &end);
    if (key.empty() || end != key.c_str() + key.size() || !std::isfinite(cursor.key)) {
        return bad;
    }
    // Every key but EPSS is an integer column: a fraction or a huge number is no cursor of ours.
    if (sort != ports::TaskSort::kEpssDesc &&
        (cursor.key != std::floor(cursor.key) || std::fabs(cursor.key) > 9.1e15)) {
        return bad;
    }
    if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) {
        return bad;
    }
    cursor.id = std::stoll(id);
    return cursor;
}

Result<std::vector<domain::Id>> MatchingTaskIds(ports::TaskStore& tasks, ports::TaskFilter filter) {
    filter.sort = ports::TaskSort::kId;
    filter.cursor.reset();
    filter.after_id = 0;
    filter.limit = kMaxBulkTasks + 1;
    KENSA_ASSIGN_OR_RETURN(auto rows, tasks.ListTasks(filter));
    if (static_cast<int>(rows.size()) > kMaxBulkTasks) {
        return Error(ErrorCode::kInvalidInput,
                     "the filter matches more than " + std::to_string(kMaxBulkTasks) +
                         " tasks: narrow it")
            .With("field", "filter");
    }
    std::vector<domain::Id> ids;
    ids.reserve(rows.size());
    for (const auto& r : rows) {
        ids.push_back(r.task.id);
    }
    return ids;
}

Status ForEachTask(ports::TaskStore& tasks,
                   ports::TaskFilter filter,
                   const std::function<Status(ports::TaskView&&)>& fn) {
    filter.sort = ports::TaskSort::kId;
    filter.cursor.reset();
    filter.after_id = 0;
    filter.limit = 1000;
    while (true) {
        KENSA_ASSIGN_OR_RETURN(auto views, tasks.ListTasks(filter));
        for (auto& v : views) {
            filter.after_id = v.task.id;
            KENSA_TRY(fn(std::move(v)));
        }
        if (static_cast<int>(views.size()) < filter.limit) {
            return Ok();
        }
    }
}

Result<TaskDetail> GetTaskDetail(ports::TaskStore& tasks, domain::Id group_id, domain::Id task_id) {
    TaskDetail detail;
    KENSA_ASSIGN_OR_RETURN(detail.task, TaskInGroup(tasks, group_id, task_id));
    KENSA_ASSIGN_OR_RETURN(detail.comments, tasks.ListComments(task_id));
    KENSA_ASSIGN_OR_RETURN(detail.history, tasks.ListHistory(task_id));
    return detail;
}

Result<Dashboard> GetDashboard(ports::TaskStore& tasks,
                               domain::Id group_id,
                               domain::EpochSeconds now,
                               int days) {
    Dashboard out;
    KENSA_ASSIGN_OR_RETURN(out.open, tasks.CountOpenTasks(group_id));
    int64_t open_now = 0;
    for (const auto& c : out.open) {
        open_now += c.count;
    }
    const int64_t today = now / 86400;
    KENSA_ASSIGN_OR_RETURN(auto counts, tasks.TaskDays(group_id, (today - days + 1) * 86400));
    out.trend = domain::OpenTaskTrend(open_now, counts, today, days);
    ports::TaskFilter critical;
    critical.group_id = group_id;
    critical.severity = domain::Severity::kCritical;
    critical.open_only = true;
    critical.sort = ports::TaskSort::kIdDesc;
    critical.limit = 10;
    KENSA_ASSIGN_OR_RETURN(out.newest_critical, tasks.ListTasks(critical));
    return out;
}

}  // namespace kensa::app
