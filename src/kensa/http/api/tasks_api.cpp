#include "kensa/http/api/tasks_api.h"

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

Result<ports::TaskFilter> ParseFilter(const Request& req, domain::Id group_id) {
    ports::TaskFilter filter;
    filter.group_id = group_id;
    std::string status = req.Query("status");
    if (!status.empty()) {
        domain::TaskStatus parsed;
        if (!domain::Parse(status, &parsed)) {
            return Error(ErrorCode::kInvalidInput, "unknown status '" + status + "'")
                .With("field", "status");
        }
        filter.status = parsed;
    }
    if (!req.Query("server_id").empty()) {
        KENSA_ASSIGN_OR_RETURN(filter.server_id, IntQuery(req, "server_id", 0));
    }
    filter.vulnerability_id = req.Query("vulnerability_id");
    KENSA_ASSIGN_OR_RETURN(int64_t limit, IntQuery(req, "limit", kDefaultPage));
    filter.limit = static_cast<int>(std::min<int64_t>(limit, app::kMaxTaskPage));
    KENSA_ASSIGN_OR_RETURN(filter.after_id, IntQuery(req, "after", 0));
    return filter;
}

const dto::Members kEditMembers = {"status", "priority", "assignee", "deadline"};

Result<domain::TaskEdit> ParseEdit(const Json& body) {
    domain::TaskEdit edit;
    KENSA_ASSIGN_OR_RETURN(edit.status,
                           dto::OptionalEnum<domain::TaskStatus>(body, "status", kStatuses));
    KENSA_ASSIGN_OR_RETURN(edit.priority,
                           dto::OptionalEnum<domain::TaskPriority>(body, "priority", kPriorities));
    KENSA_ASSIGN_OR_RETURN(edit.assignee, dto::OptionalString(body, "assignee"));  // "" clears it
    // deadline: epoch seconds, or null to clear it (here null is not "absent").
    if (auto it = body.find("deadline"); it != body.end() && it->is_null()) {
        edit.deadline = std::optional<domain::EpochSeconds>();
    } else {
        KENSA_ASSIGN_OR_RETURN(auto deadline, dto::OptionalInt(body, "deadline"));
        if (deadline && *deadline < 0) {
            return dto::InvalidField("deadline",
                                     "must be epoch seconds (0 or more), or null to clear it");
        }
        if (deadline) {
            edit.deadline = std::optional<domain::EpochSeconds>(*deadline);
        }
    }
    return edit;
}

}  // namespace

Result<Response> List(const ApiDeps& deps, const Request& req) {
    KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(deps.app, req));
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(ports::TaskFilter filter, ParseFilter(req, gid));
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
    return Render(body);
}

Result<Response> Get(const ApiDeps& deps, const Request& req) {
    KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(deps.app, req));
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(domain::Id tid, IdParam(req, "task"));
    KENSA_ASSIGN_OR_RETURN(app::TaskDetail detail, app::GetTaskDetail(deps.app.store, gid, tid));
    return Render(dto::ToJson(detail));
}

Result<Response> Patch(const ApiDeps& deps, const Request& req) {
    KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(deps.app, req));
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

Result<Response> AddComment(const ApiDeps& deps, const Request& req) {
    KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(deps.app, req));
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

}  // namespace kensa::http::api::tasks
