// Tasks: lists, one user change in one transaction (ChangeTask), comments and history.
#include <algorithm>

#include "kensa/store/sql_store_internal.h"

namespace kensa::store {

using domain::Id;

domain::Task ReadTask(const SqlRow& row) {
    domain::Task t;
    t.id = row.Int(0);
    t.group_id = row.Int(1);
    t.server_id = row.Int(2);
    t.vulnerability_id = row.Text(3);
    domain::Parse(row.Text(4), &t.status);
    domain::Parse(row.Text(5), &t.priority);
    t.assignee = row.Text(6);
    t.deadline = row.OptInt(7);
    t.user_status = row.Int(8) != 0;
    t.created_at = row.Int(9);
    t.updated_at = row.Int(10);
    return t;
}

Result<std::vector<ports::TaskView>> SqlStore::ListTasks(const ports::TaskFilter& f) {
    std::string sql =
        "SELECT " + std::string(kTaskColumns) +
        // domain::GroupView: the group's own description, each empty field from the advisory
        // database's.
        ", s.name, COALESCE(NULLIF(g.severity, ''), v.severity), "
        "COALESCE(NULLIF(g.cvss3_score, 0), v.cvss3_score), COALESCE(NULLIF(g.title, ''), v.title) "
        "FROM tasks t JOIN servers s ON s.id = t.server_id "
        "JOIN vulnerabilities v ON v.id = t.vulnerability_id "
        "LEFT JOIN group_vulnerabilities g ON g.group_id = t.group_id AND g.id = "
        "t.vulnerability_id WHERE t.group_id = ? AND t.id > ?";
    std::vector<SqlValue> params = {f.group_id, f.after_id};
    if (f.server_id) {
        sql += " AND t.server_id = ?";
        params.emplace_back(*f.server_id);
    }
    if (f.status) {
        sql += " AND t.status = ?";
        params.emplace_back(std::string(domain::ToString(*f.status)));
    }
    if (!f.vulnerability_id.empty()) {
        sql += " AND t.vulnerability_id = ?";
        params.emplace_back(f.vulnerability_id);
    }
    sql += " ORDER BY t.id LIMIT ?";
    params.emplace_back(int64_t{std::clamp(f.limit, 1, 10000)});
    std::vector<ports::TaskView> out;
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) {
        return conn.Query(sql, params, [&](const SqlRow& row) {
            ports::TaskView v;
            v.task = ReadTask(row);
            v.server_name = row.Text(11);
            v.severity = domain::SeverityFrom(row.Text(12));
            v.cvss3_score = row.Real(13);
            v.title = row.Text(14);
            out.push_back(std::move(v));
        });
    }));
    return out;
}

Result<domain::Task> SqlStore::GetTask(Id task_id) {
    std::optional<domain::Task> out;
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) {
        return conn.Query("SELECT " + std::string(kTaskColumns) + " FROM tasks t WHERE t.id = ?",
                          {task_id},
                          [&](const SqlRow& row) { out = ReadTask(row); });
    }));
    if (!out) {
        return Error(ErrorCode::kNotFound, "task " + std::to_string(task_id) + " not found");
    }
    return *out;
}

Result<domain::Task> SqlStore::ChangeTask(Id task_id,
                                          const ports::TaskChangePlan& plan,
                                          Id* comment_id) {
    domain::Task written;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        // The plan decides from the task as stored: on PostgreSQL, lock its row so that a
        // concurrent change waits instead of being overwritten (SQLite has one writer anyway).
        std::string select = "SELECT " + std::string(kTaskColumns) + " FROM tasks t WHERE t.id = ?";
        if (IsPostgres()) {
            select += " FOR UPDATE";
        }
        std::optional<domain::Task> task;
        KENSA_TRY(conn.Query(select, {task_id}, [&](const SqlRow& row) { task = ReadTask(row); }));
        if (!task) {
            return Error(ErrorCode::kNotFound, "task " + std::to_string(task_id) + " not found");
        }
        KENSA_ASSIGN_OR_RETURN(ports::TaskWrite write, plan(*task));
        if (write.history.empty() && !write.comment) {
            written = *task;  // the plan changes nothing: nothing is written
            return Ok();
        }
        const domain::Task& t = write.task;
        KENSA_TRY(
            conn.Exec("UPDATE tasks SET status = ?, priority = ?, assignee = ?, deadline = ?, "
                      "user_status = ?, "
                      "updated_at = ? WHERE id = ?",
                      {std::string(domain::ToString(t.status)),
                       std::string(domain::ToString(t.priority)),
                       t.assignee,
                       Opt(t.deadline),
                       int64_t{t.user_status ? 1 : 0},
                       t.updated_at,
                       task_id}));
        for (const auto& h : write.history) {
            KENSA_TRY(conn.Exec(
                "INSERT INTO task_history (task_id, actor, field, old_value, new_value, at) VALUES "
                "(?, ?, ?, ?, ?, ?)",
                {task_id, h.actor, h.field, h.old_value, h.new_value, h.at}));
        }
        if (write.comment) {
            const auto& c = *write.comment;
            KENSA_ASSIGN_OR_RETURN(
                Id id,
                InsertReturningId(
                    conn,
                    "INSERT INTO task_comments (task_id, author, system, body, created_at) "
                    "VALUES (?, ?, ?, ?, ?) RETURNING id",
                    {task_id, c.author, int64_t{c.system ? 1 : 0}, c.body, c.created_at}));
            if (comment_id != nullptr) {
                *comment_id = id;
            }
        }
        KENSA_TRY(WriteAudit(conn, write.audit));
        written = t;
        return Ok();
    }));
    return written;
}

Result<std::vector<domain::TaskComment>> SqlStore::ListComments(Id task_id) {
    return SelectAll<domain::TaskComment>(
        "SELECT id, task_id, author, system, body, created_at FROM task_comments WHERE task_id = ? "
        "ORDER BY id",
        {task_id},
        [](const SqlRow& row) {
            domain::TaskComment c;
            c.id = row.Int(0);
            c.task_id = row.Int(1);
            c.author = row.Text(2);
            c.system = row.Int(3) != 0;
            c.body = row.Text(4);
            c.created_at = row.Int(5);
            return c;
        });
}

Result<std::vector<domain::TaskHistoryEntry>> SqlStore::ListHistory(Id task_id) {
    return SelectAll<domain::TaskHistoryEntry>(
        "SELECT id, task_id, actor, field, old_value, new_value, at FROM task_history WHERE "
        "task_id = ? ORDER BY id",
        {task_id},
        [](const SqlRow& row) {
            domain::TaskHistoryEntry h;
            h.id = row.Int(0);
            h.task_id = row.Int(1);
            h.actor = row.Text(2);
            h.field = row.Text(3);
            h.old_value = row.Text(4);
            h.new_value = row.Text(5);
            h.at = row.Int(6);
            return h;
        });
}

}  // namespace kensa::store
