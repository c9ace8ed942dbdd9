#include "kensa/http/api/tasks_api.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "kensa/app/inventory/inventory.h"
#include "kensa/app/tasks/change_task.h"
#include "kensa/app/tasks/task_queries.h"
#include "kensa/dto/dto.h"
#include "kensa/dto/request.h"
#include "kensa/http/api/api_common.h"

namespace kensa::http::api::tasks {

namespace {

constexpr int64_t kDefaultPage = 100;
constexpr std::string_view kStatuses =
    "NEW, INVESTIGATING, ONGOING, DEFER, WORKAROUND, NOT_AFFECTED, RISK_ACCEPTED or "
    "PATCH_APPLIED";
constexpr std::string_view kPriorities = "HIGH, MEDIUM, LOW or NONE";

constexpr std::string_view kSeverities = "CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL or UNTRIAGED";
constexpr std::string_view kSorts = "id, -id, severity, deadline, -epss or -updated";

/// A query or body value read as text (the list's query and the bulk edit's filter).
using Lookup = std::function<std::string(std::string_view key)>;

Result<std::optional<bool>> BoolParam(const Lookup& get, std::string_view key) {
    std::string v = get(key);
    if (v.empty()) {
        return std::optional<bool>();
    }
    if (v == "true" || v == "1") {
        return std::optional<bool>(true);
    }
    if (v == "false" || v == "0") {
        return std::optional<bool>(false);
    }
    return dto::InvalidField(key, "must be true or false");
}

template <class Enum>
Result<std::optional<Enum>> EnumParam(const Lookup& get,
                                      std::string_view key,
                                      std::string_view allowed) {
    std::string v = get(key);
    if (v.empty()) {
        return std::optional<Enum>();
    }
    Enum parsed;
    if (!domain::Parse(v, &parsed)) {
        return dto::InvalidField(key, "must be " + std::string(allowed));
    }
    return std::optional<Enum>(parsed);
}

Result<ports::TaskFilter> ParseFilterFrom(const Lookup& get,
                                          domain::Id group_id,
                                          domain::EpochSeconds now) {
    ports::TaskFilter filter;
    filter.group_id = group_id;
    filter.now = now;
    KENSA_ASSIGN_OR_RETURN(filter.status, EnumParam<domain::TaskStatus>(get, "status", kStatuses));
    KENSA_ASSIGN_OR_RETURN(filter.priority,
                           EnumParam<domain::TaskPriority>(get, "priority", kPriorities));
    KENSA_ASSIGN_OR_RETURN(filter.severity,
                           EnumParam<domain::Severity>(get, "severity", kSeverities));
    if (std::string server = get("server_id"); !server.empty()) {
        if (server.size() > 18 || server.find_first_not_of("0123456789") != std::string::npos) {
            return dto::InvalidField("server_id", "must be a server id");
        }
        filter.server_id = std::stoll(server);
    }
    filter.vulnerability_id = get("vulnerability_id");
    filter.assignee = get("assignee");
    KENSA_ASSIGN_OR_RETURN(auto overdue, BoolParam(get, "overdue"));
    filter.overdue = overdue.value_or(false);
    if (std::string epss = get("epss_min"); !epss.empty()) {
        char* end = nullptr;
        double v = std::strtod(epss.c_str(), &end);
        if (end != epss.c_str() + epss.size() || !(v >= 0 && v <= 1)) {
            return dto::InvalidField("epss_min", "must be a number from 0 to 1");
        }
        filter.epss_min = v;
    }
    KENSA_ASSIGN_OR_RETURN(filter.exploit_available, BoolParam(get, "exploit"));
    KENSA_ASSIGN_OR_RETURN(filter.fix_available, BoolParam(get, "fix"));
    filter.text = get("q");
    if (filter.text.size() > 200) {
        return dto::InvalidField("q", "may have at most 200 characters");
    }
    return filter;
}

Result<ports::TaskFilter> ParseFilter(const Request& req,
                                      domain::Id group_id,
                                      domain::EpochSeconds now) {
    KENSA_ASSIGN_OR_RETURN(
        ports::TaskFilter filter,
        ParseFilterFrom([&req](std::string_view key) { return req.Query(key); }, group_id, now));
    if (std::string sort = req.Query("sort");
        !sort.empty() && !app::ParseTaskSort(sort, &filter.sort)) {
        return dto::InvalidField("sort", "must be " + std::string(kSorts));
    }
    if (std::string cursor = req.Query("cursor"); !cursor.empty()) {
        KENSA_ASSIGN_OR_RETURN(filter.cursor, app::DecodeTaskCursor(filter.sort, cursor));
    }
    KENSA_ASSIGN_OR_RETURN(int64_t limit, IntQuery(req, "limit", kDefaultPage));
    filter.limit = static_cast<int>(std::clamp<int64_t>(limit, 1, app::kMaxTaskPage));
    KENSA_ASSIGN_OR_RETURN(filter.after_id, IntQuery(req, "after", 0));
    return filter;
}

const dto::Members kEditMembers = {
    "status", "priority", "assignee", "sub_assignee", "deadline", "ignore_until", "comment"};

Result<domain::TaskEdit> ParseEdit(const Json& body) {
    domain::TaskEdit edit;
    KENSA_ASSIGN_OR_RETURN(edit.status,
                           dto::OptionalEnum<domain::TaskStatus>(body, "status", kStatuses));
    KENSA_ASSIGN_OR_RETURN(edit.priority,
                           dto::OptionalEnum<domain::TaskPriority>(body, "priority", kPriorities));
    KENSA_ASSIGN_OR_RETURN(edit.assignee, dto::OptionalString(body, "assignee"));  // "" clears it
    KENSA_ASSIGN_OR_RETURN(edit.sub_assignee, dto::OptionalString(body, "sub_assignee"));
    KENSA_ASSIGN_OR_RETURN(edit.deadline, dto::TimeMember(body, "deadline"));
    KENSA_ASSIGN_OR_RETURN(edit.ignore_until, dto::TimeMember(body, "ignore_until"));
    KENSA_ASSIGN_OR_RETURN(edit.comment, dto::OptionalString(body, "comment"));
    for (const auto* name : {&edit.assignee, &edit.sub_assignee}) {
        if (*name && (*name)->size() > 100) {
            return dto::InvalidField(name == &edit.assignee ? "assignee" : "sub_assignee",
                                     "may have at most 100 characters");
        }
    }
    return edit;
}

}  // namespace

Result<Response> List(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(ports::TaskFilter filter, ParseFilter(req, gid, app::Now(deps.app)));
    KENSA_ASSIGN_OR_RETURN(app::TaskPage page, app::ListTasks(deps.app.store, filter));
    KENSA_ASSIGN_OR_RETURN(auto links, app::GroupHostLinks(deps.app, gid));
    Json body = {{"tasks", dto::ToJsonArray(page.tasks)}};
    for (Json& task : body["tasks"]) {
        Json seen = Json::array();  // the other servers that see this task's machine (R19)
        if (auto l = links.find(task["server_id"].get<domain::Id>()); l != links.end()) {
            seen = dto::ToJsonArray(l->second);
        }
        task["server_also_seen_by"] = std::move(seen);
    }
    if (page.next_after) {
        body["next_after"] = *page.next_after;
    }
    if (!page.next_cursor.empty()) {
        body["next_cursor"] = page.next_cursor;
    }
    return Render(body);
}

Result<Response> Get(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(domain::Id tid, IdParam(req, "task"));
    KENSA_ASSIGN_OR_RETURN(app::TaskDetail detail, app::GetTaskDetail(deps.app.store, gid, tid));
    return Render(dto::ToJson(detail));
}

Result<Response> Patch(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kMember));
    KENSA_ASSIGN_OR_RETURN(domain::Id tid, IdParam(req, "task"));
    KENSA_ASSIGN_OR_RETURN(domain::Task task, app::TaskInGroup(deps.app.store, gid, tid));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, kEditMembers));
    KENSA_ASSIGN_OR_RETURN(domain::TaskEdit edit, ParseEdit(body));
    KENSA_ASSIGN_OR_RETURN(
        auto outcome,
        app::ChangeTask(deps.app.store, deps.app.clock, task.id, edit, caller.user.name));
    return Render(dto::ToJson(outcome.task));
}

Result<Response> AddComment(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kMember));
    KENSA_ASSIGN_OR_RETURN(domain::Id tid, IdParam(req, "task"));
    KENSA_ASSIGN_OR_RETURN(domain::Task task, app::TaskInGroup(deps.app.store, gid, tid));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"body"}));
    domain::TaskEdit edit;
    KENSA_ASSIGN_OR_RETURN(edit.comment, dto::RequiredString(body, "body"));
    KENSA_ASSIGN_OR_RETURN(
        auto outcome,
        app::ChangeTask(deps.app.store, deps.app.clock, task.id, edit, caller.user.name));
    return Render(Json{{"id", outcome.comment_id}}, 201);
}

Result<Response> Bulk(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kMember));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"ids", "filter", "set"}));
    auto set = body.find("set");
    if (set == body.end() || !set->is_object()) {
        return dto::InvalidField("set", "is required: an object of the changes");
    }
    KENSA_ASSIGN_OR_RETURN(Json changes, dto::ParseObject(set->dump(), kEditMembers));
    KENSA_ASSIGN_OR_RETURN(domain::TaskEdit edit, ParseEdit(changes));
    const bool has_ids = body.contains("ids");
    const bool has_filter = body.contains("filter");
    if (has_ids == has_filter) {
        return dto::InvalidField("ids", "give either ids (a list of task ids) or filter");
    }
    std::vector<domain::Id> ids;
    if (has_ids) {
        const Json& list = body["ids"];
        if (!list.is_array() || list.size() > static_cast<size_t>(app::kMaxBulkTasks)) {
            return dto::InvalidField("ids", "must be a list of at most 10000 task ids");
        }
        for (const Json& id : list) {
            if (!id.is_number_integer() || id.get<int64_t>() <= 0) {
                return dto::InvalidField("ids", "must hold task ids (positive integers)");
            }
            ids.push_back(id.get<int64_t>());
        }
    } else {
        const Json& f = body["filter"];
        if (!f.is_object()) {
            return dto::InvalidField("filter", "must be an object of the list's query parameters");
        }
        Lookup get = [&f](std::string_view key) -> std::string {
            auto it = f.find(key);
            if (it == f.end() || it->is_null()) {
                return "";
            }
            return it->is_string() ? it->get<std::string>() : it->dump();
        };
        KENSA_ASSIGN_OR_RETURN(ports::TaskFilter filter,
                               ParseFilterFrom(get, gid, app::Now(deps.app)));
        KENSA_ASSIGN_OR_RETURN(ids, app::MatchingTaskIds(deps.app.store, filter));
    }
    KENSA_ASSIGN_OR_RETURN(
        int64_t updated,
        app::ChangeTasks(deps.app.store, deps.app.clock, gid, ids, edit, caller.user.name));
    return Render(Json{{"updated", updated}, {"matched", ids.size()}});
}

Result<Response> Dashboard(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(app::Dashboard board,
                           app::GetDashboard(deps.app.store, gid, app::Now(deps.app)));
    Json by_severity = Json::object();
    for (const char* sev : {"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNTRIAGED"}) {
        by_severity[sev] = 0;
    }
    by_severity["UNKNOWN"] = 0;
    Json by_priority = {{"HIGH", 0}, {"MEDIUM", 0}, {"LOW", 0}, {"NONE", 0}};
    int64_t total = 0;
    for (const auto& c : board.open) {
        std::string sev(domain::ToString(c.severity));
        by_severity[sev.empty() ? "UNKNOWN" : sev] =
            by_severity[sev.empty() ? "UNKNOWN" : sev].get<int64_t>() + c.count;
        std::string pri(domain::ToString(c.priority));
        by_priority[pri] = by_priority[pri].get<int64_t>() + c.count;
        total += c.count;
    }
    Json trend = Json::array();
    for (const auto& p : board.trend) {
        const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{p.day}}};
        char day[16];
        std::snprintf(day,
                      sizeof(day),
                      "%04d-%02u-%02u",
                      static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()),
                      static_cast<unsigned>(ymd.day()));
        trend.push_back({{"day", day}, {"open", p.open}});
    }
    return Render(Json{{"open_by_severity", by_severity},
                       {"open_by_priority", by_priority},
                       {"open_total", total},
                       {"trend", trend},
                       {"newest_critical", dto::ToJsonArray(board.newest_critical)}});
}

}  // namespace kensa::http::api::tasks
