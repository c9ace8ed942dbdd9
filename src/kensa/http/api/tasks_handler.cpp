// /api/v1/groups/{group}/tasks: the task list with filters and keyset paging, a task with its
// comments and history, status / priority changes and comments.
#include "kensa/app/tasks/change_task.h"
#include "kensa/http/api/api_common.h"

namespace kensa::http::api {

void RegisterTaskRoutes(HttpServer& server, const app::AppContext& ctx);

namespace {

Json TaskJson(const domain::Task& t) {
    return {{"id", t.id},
            {"group_id", t.group_id},
            {"server_id", t.server_id},
            {"vulnerability_id", t.vulnerability_id},
            {"status", domain::ToString(t.status)},
            {"priority", domain::ToString(t.priority)},
            {"assignee", t.assignee},
            {"deadline", t.deadline ? Json(*t.deadline) : Json(nullptr)},
            {"created_at", t.created_at},
            {"updated_at", t.updated_at}};
}

Result<domain::Task> TaskInGroup(const app::AppContext& ctx, domain::Id group_id, const Request& req) {
    KENSA_ASSIGN_OR_RETURN(domain::Id tid, IdParam(req, "task"));
    auto t = ctx.store.GetTask(tid);
    if (!t.ok() || t->group_id != group_id) {
        return Error(ErrorCode::kNotFound, "task " + std::to_string(tid) + " not found in this group");
    }
    return *t;
}

}  // namespace

void RegisterTaskRoutes(HttpServer& server, const app::AppContext& ctx) {
    server.Route("GET", "/api/v1/groups/{group}/tasks", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kViewer));
                     ports::TaskFilter f;
                     f.group_id = gid;
                     if (!req.Query("status").empty()) {
                         domain::TaskStatus st;
                         if (!domain::Parse(req.Query("status"), &st)) {
                             return Error(ErrorCode::kInvalidInput, "unknown status '" + req.Query("status") + "'")
                                 .With("field", "status");
                         }
                         f.status = st;
                     }
                     if (!req.Query("server_id").empty()) {
                         KENSA_ASSIGN_OR_RETURN(int64_t sid, IntQuery(req, "server_id", 0));
                         f.server_id = sid;
                     }
                     f.vulnerability_id = req.Query("vulnerability_id");
                     KENSA_ASSIGN_OR_RETURN(int64_t limit, IntQuery(req, "limit", 100));
                     KENSA_ASSIGN_OR_RETURN(f.after_id, IntQuery(req, "after", 0));
                     f.limit = static_cast<int>(std::min<int64_t>(limit, 1000));
                     KENSA_ASSIGN_OR_RETURN(auto tasks, ctx.store.ListTasks(f));
                     Json out = Json::array();
                     for (const auto& v : tasks) {
                         Json j = TaskJson(v.task);
                         j["server_name"] = v.server_name;
                         j["severity"] = domain::ToString(v.severity);
                         j["cvss3_score"] = v.cvss3_score;
                         j["title"] = v.title;
                         out.push_back(std::move(j));
                     }
                     Json body = {{"tasks", out}};
                     if (static_cast<int>(tasks.size()) == f.limit && !tasks.empty()) {
                         body["next_after"] = tasks.back().task.id;
                     }
                     return Ok(body);
                 }));

    server.Route("GET", "/api/v1/groups/{group}/tasks/{task}", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kViewer));
                     KENSA_ASSIGN_OR_RETURN(domain::Task t, TaskInGroup(ctx, gid, req));
                     Json j = TaskJson(t);
                     KENSA_ASSIGN_OR_RETURN(auto comments, ctx.store.ListComments(t.id));
                     Json cs = Json::array();
                     for (const auto& c : comments) {
                         cs.push_back({{"id", c.id},
                                       {"author", c.author},
                                       {"system", c.system},
                                       {"body", c.body},
                                       {"created_at", c.created_at}});
                     }
                     j["comments"] = cs;
                     KENSA_ASSIGN_OR_RETURN(auto history, ctx.store.ListHistory(t.id));
                     Json hs = Json::array();
                     for (const auto& h : history) {
                         hs.push_back({{"actor", h.actor},
                                       {"field", h.field},
                                       {"old", h.old_value},
                                       {"new", h.new_value},
                                       {"at", h.at}});
                     }
                     j["history"] = hs;
                     return Ok(j);
                 }));

    server.Route("PATCH", "/api/v1/groups/{group}/tasks/{task}", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kMember));
                     KENSA_ASSIGN_OR_RETURN(domain::Task t, TaskInGroup(ctx, gid, req));
                     KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req));
                     domain::TaskEdit edit;
                     if (body.contains("status")) {
                         domain::TaskStatus st;
                         if (!domain::Parse(OptionalString(body, "status"), &st)) {
                             return Error(ErrorCode::kInvalidInput, "unknown status").With("field", "status");
                         }
                         edit.status = st;
                     }
                     if (body.contains("priority")) {
                         domain::TaskPriority p;
                         if (!domain::Parse(OptionalString(body, "priority"), &p)) {
                             return Error(ErrorCode::kInvalidInput, "priority must be HIGH, MEDIUM, LOW or NONE")
                                 .With("field", "priority");
                         }
                         edit.priority = p;
                     }
                     KENSA_ASSIGN_OR_RETURN(auto outcome,
                                            app::ChangeTask(ctx.store, ctx.clock, t.id, edit, caller.user.name));
                     return Ok(TaskJson(outcome.task));
                 }));

    server.Route("POST", "/api/v1/groups/{group}/tasks/{task}/comments",
                 Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kMember));
                     KENSA_ASSIGN_OR_RETURN(domain::Task t, TaskInGroup(ctx, gid, req));
                     KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req));
                     KENSA_ASSIGN_OR_RETURN(std::string text, RequiredString(body, "body"));
                     domain::TaskEdit edit;
                     edit.comment = text;
                     KENSA_ASSIGN_OR_RETURN(auto outcome,
                                            app::ChangeTask(ctx.store, ctx.clock, t.id, edit, caller.user.name));
                     return Ok(Json{{"id", outcome.comment_id}}, 201);
                 }));
}

}  // namespace kensa::http::api
