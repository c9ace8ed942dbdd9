// Tasks: lists, one user change in one transaction (ChangeTask), comments and history.
#include <algorithm>
#include <cctype>

#include "kensa/domain/task_lifecycle.h"
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
    t.sub_assignee = row.Text(11);
    t.ignore_until = row.OptInt(12);
    return t;
}

namespace {

/// The group's view of a vulnerability field: its own value, else the advisory database's.
std::string GroupText(std::string_view column) {
    return "COALESCE(NULLIF(g." + std::string(column) + ", ''), v." + std::string(column) + ")";
}

std::string SeverityRankSql() {
    std::string sql = "CASE " + GroupText("severity");
    for (domain::Severity s : domain::kAllSeverities) {
        sql += " WHEN '" + std::string(domain::ToString(s)) + "' THEN " +
               std::to_string(domain::SeverityRank(s));
    }
    return sql + " ELSE 0 END";
}

/// The sort key of each order, and whether it descends.
std::pair<std::string, bool> SortKey(ports::TaskSort sort) {
    switch (sort) {
        case ports::TaskSort::kId:
            return {"t.id", false};
        case ports::TaskSort::kIdDesc:
            return {"t.id", true};
        case ports::TaskSort::kSeverity:
            return {SeverityRankSql(), true};
        case ports::TaskSort::kDeadline:
            return {"COALESCE(t.deadline, 9000000000000000)", false};
        case ports::TaskSort::kEpssDesc:
            return {"COALESCE(g.epss, v.epss, -1)", true};
        case ports::TaskSort::kUpdatedDesc:
            return {"t.updated_at", true};
    }
    return {"t.id", false};
}

/// "'NEW', 'INVESTIGATING', ...": the open statuses (domain::IsOpen), for SQL.
std::string OpenStatusList() {
    std::string out;
    for (domain::TaskStatus st : domain::OpenStatuses()) {
        out += (out.empty() ? "'" : ", '") + std::string(domain::ToString(st)) + "'";
    }
    return out;
}

std::string LikePattern(const std::string& text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
        }
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out + "%";
}

}  // namespace

Result<std::vector<ports::TaskView>> SqlStore::ListTasks(const ports::TaskFilter& f) {
    const auto [key, descending] = SortKey(f.sort);
    std::string sql =
        "SELECT " + std::string(kTaskColumns) +
        // domain::GroupView: the group's own description, each empty field from the advisory
        // database's.
        ", s.name, " + GroupText("severity") +
        ", COALESCE(NULLIF(g.cvss3_score, 0), v.cvss3_score), " + GroupText("title") +
        ", COALESCE(g.epss, v.epss), CASE WHEN g.exploit_available = 1 OR v.exploit_available = 1 "
        "THEN 1 ELSE 0 END, " +
        GroupText("fix_available") + ", " + key +
        " FROM tasks t JOIN servers s ON s.id = t.server_id "
        "JOIN vulnerabilities v ON v.id = t.vulnerability_id "
        "LEFT JOIN group_vulnerabilities g ON g.group_id = t.group_id AND g.id = "
        "t.vulnerability_id WHERE t.group_id = ?";
    std::vector<SqlValue> params = {f.group_id};
    if (f.after_id > 0) {
        sql += " AND t.id > ?";
        params.emplace_back(f.after_id);
    }
    if (f.cursor) {
        if (f.sort == ports::TaskSort::kId || f.sort == ports::TaskSort::kIdDesc) {
            sql += descending ? " AND t.id < ?" : " AND t.id > ?";
            params.emplace_back(f.cursor->id);
        } else {
            sql += " AND (" + key + (descending ? " < ?" : " > ?") + " OR (" + key +
                   " = ? AND t.id > ?))";
            params.emplace_back(f.cursor->key);
            params.emplace_back(f.cursor->key);
            params.emplace_back(f.cursor->id);
        }
    }
    if (f.server_id) {
        sql += " AND t.server_id = ?";
        params.emplace_back(*f.server_id);
    }
    if (f.status) {
        sql += " AND t.status = ?";
        params.emplace_back(std::string(domain::ToString(*f.status)));
    }
    if (f.priority) {
        sql += " AND t.priority = ?";
        params.emplace_back(std::string(domain::ToString(*f.priority)));
    }
    if (f.severity) {
        sql += " AND " + GroupText("severity") + " = ?";
        params.emplace_back(std::string(domain::ToString(*f.severity)));
    }
    if (!f.vulnerability_id.empty()) {
        sql += " AND t.vulnerability_id = ?";
        params.emplace_back(f.vulnerability_id);
    }
    if (!f.assignee.empty()) {
        sql += " AND (t.assignee = ? OR t.sub_assignee = ?)";
        params.emplace_back(f.assignee);
        params.emplace_back(f.assignee);
    }
    if (f.overdue) {
        sql += " AND t.deadline IS NOT NULL AND t.deadline < ?";
        params.emplace_back(f.now);
    }
    if (f.overdue || f.open_only) {
        sql += " AND t.status IN (" + OpenStatusList() + ")";
    }
    if (f.epss_min) {
        sql += " AND COALESCE(g.epss, v.epss) >= ?";
        params.emplace_back(*f.epss_min);
    }
    if (f.exploit_available) {
        sql += *f.exploit_available
                   ? " AND (g.exploit_available = 1 OR v.exploit_available = 1)"
                   : " AND COALESCE(g.exploit_available, 0) = 0 AND v.exploit_available = 0";
    }
    if (f.fix_available) {
        sql += " AND " + GroupText("fix_available") +
               (*f.fix_available ? " IN ('YES', 'PARTIAL')" : " NOT IN ('YES', 'PARTIAL')");
    }
    if (!f.text.empty()) {
        std::string like = LikePattern(f.text);
        sql +=
            " AND (LOWER(t.vulnerability_id) LIKE ? ESCAPE '\\' OR LOWER(s.name) LIKE ? "
            "ESCAPE '\\' OR LOWER(" +
            GroupText("title") + ") LIKE ? ESCAPE '\\')";
        params.emplace_back(like);
        params.emplace_back(like);
        params.emplace_back(like);
    }
    sql += " ORDER BY " + key + (descending ? " DESC" : "");
    if (key != "t.id") {
        sql += ", t.id";
    }
    sql += " LIMIT ?";
    params.emplace_back(int64_t{std::clamp(f.limit, 1, 100000)});
    std::vector<ports::TaskView> out;
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) {
        out.clear();
        return conn.Query(sql, params, [&](const SqlRow& row) {
            constexpr int c = kTaskColumnCount;
            ports::TaskView v;
            v.task = ReadTask(row);
            v.server_name = row.Text(c);
            v.severity = domain::SeverityFrom(row.Text(c + 1));
            v.cvss3_score = row.Real(c + 2);
            v.title = row.Text(c + 3);
            if (!row.IsNull(c + 4)) {
                v.epss = row.Real(c + 4);
            }
            v.exploit_available = row.Int(c + 5) != 0;
            v.fix_available = row.Text(c + 6);
            v.sort_key = row.Real(c + 7);
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

Status SqlStore::ApplyTaskChange(SqlConnection& conn,
                                 Id task_id,
                                 const ports::TaskChangePlan& plan,
                                 Id* comment_id,
                                 domain::Task* written,
                                 bool* changed) {
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
    *changed = false;
    if (write.history.empty() && !write.comment) {
        *written = *task;  // the plan changes nothing: nothing is written
        return Ok();
    }
    const domain::Task& t = write.task;
    KENSA_TRY(conn.Exec(
        "UPDATE tasks SET status = ?, priority = ?, assignee = ?, sub_assignee = ?, deadline = ?, "
        "ignore_until = ?, user_status = ?, updated_at = ? WHERE id = ?",
        {std::string(domain::ToString(t.status)),
         std::string(domain::ToString(t.priority)),
         t.assignee,
         t.sub_assignee,
         Opt(t.deadline),
         Opt(t.ignore_until),
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
                "INSERT INTO task_comments (task_id, author, system, body, "
                "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                {task_id, c.author, int64_t{c.system ? 1 : 0}, c.body, c.created_at}));
        if (comment_id != nullptr) {
            *comment_id = id;
        }
    }
    KENSA_TRY(WriteAudit(conn, write.audit));
    *written = t;
    *changed = true;
    return Ok();
}

Result<domain::Task> SqlStore::ChangeTask(Id task_id,
                                          const ports::TaskChangePlan& plan,
                                          Id* comment_id) {
    domain::Task written;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        bool changed = false;
        return ApplyTaskChange(conn, task_id, plan, comment_id, &written, &changed);
    }));
    return written;
}

Result<int64_t> SqlStore::ChangeTasks(const std::vector<Id>& task_ids,
                                      const ports::TaskChangePlan& plan) {
    int64_t count = 0;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        count = 0;  // a retried transaction starts over
        for (Id id : task_ids) {
            domain::Task written;
            bool changed = false;
            KENSA_TRY(ApplyTaskChange(conn, id, plan, nullptr, &written, &changed));
            count += changed ? 1 : 0;
        }
        return Ok();
    }));
    return count;
}

Result<std::vector<Id>> SqlStore::ListIgnoreEnded(EpochSeconds now) {
    return SelectAll<Id>(
        "SELECT id FROM tasks WHERE ignore_until IS NOT NULL AND ignore_until <= ? ORDER BY id",
        {now},
        [](const SqlRow& row) { return row.Int(0); });
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

Result<std::vector<ports::OpenTaskCount>> SqlStore::CountOpenTasks(Id group_id) {
    return SelectAll<ports::OpenTaskCount>(
        "SELECT " + GroupText("severity") +
            ", t.priority, COUNT(*) FROM tasks t JOIN vulnerabilities v ON v.id = "
            "t.vulnerability_id LEFT JOIN group_vulnerabilities g ON g.group_id = t.group_id AND "
            "g.id = t.vulnerability_id WHERE t.group_id = ? AND t.status IN (" +
            OpenStatusList() + ") GROUP BY 1, 2",
        {group_id},
        [](const SqlRow& row) {
            ports::OpenTaskCount c;
            c.severity = domain::SeverityFrom(row.Text(0));
            domain::Parse(row.Text(1), &c.priority);
            c.count = row.Int(2);
            return c;
        });
}

Result<std::vector<domain::TaskDayCounts>> SqlStore::TaskDays(Id group_id, EpochSeconds since) {
    std::vector<domain::TaskDayCounts> out;
    const std::string open = OpenStatusList();
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) -> Status {
        out.clear();
        KENSA_TRY(conn.Query(
            "SELECT created_at / 86400, COUNT(*) FROM tasks WHERE group_id = ? AND created_at >= "
            "? GROUP BY 1",
            {group_id, since},
            [&](const SqlRow& row) {
                out.push_back({row.Int(0), row.Int(1), 0});
            }));
        return conn.Query(
            "SELECT h.at / 86400, SUM(CASE WHEN h.old_value IN (" + open +
                ") AND h.new_value NOT IN (" + open + ") THEN 1 WHEN h.old_value NOT IN (" + open +
                ") AND h.new_value IN (" + open +
                ") THEN -1 ELSE 0 END) FROM task_history h JOIN tasks t ON t.id = h.task_id "
                // A task's first row ('' -> NEW) is its creation, counted above.
                "WHERE t.group_id = ? AND h.field = 'status' AND h.old_value <> '' AND h.at >= ? "
                "GROUP BY 1",
            {group_id, since},
            [&](const SqlRow& row) {
                out.push_back({row.Int(0), 0, row.Int(1)});
            });
    }));
    return out;
}

}  // namespace kensa::store
