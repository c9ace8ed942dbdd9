// The group-wide software list (R18): one keyset page across a group's servers, filtered, and
// the EOL store: EOL items per server and cycle, the group's near-EOL window and the imported
// EOL snapshot.
#include <algorithm>

#include "kensa/common/strings.h"
#include "kensa/store/sql_store_rows.h"

namespace kensa::store {

using domain::Id;

namespace {

constexpr std::string_view kEolColumns =
    "id, server_id, product, product_label, cycle, cycle_label, eol_at, eol_undated, latest, "
    "evidence, status, user_status, deadline, assignee, first_seen, last_seen, closed_at, "
    "updated_at";

domain::EolItem ReadEolItem(const SqlRow& row) {
    domain::EolItem e;
    e.id = row.Int(0);
    e.server_id = row.Int(1);
    e.product = row.Text(2);
    e.product_label = row.Text(3);
    e.cycle = row.Text(4);
    e.cycle_label = row.Text(5);
    e.eol_at = row.OptInt(6);
    e.eol_undated = row.Int(7) != 0;
    e.latest = row.Text(8);
    e.evidence = row.Text(9);
    domain::Parse(row.Text(10), &e.status);
    e.user_status = row.Int(11) != 0;
    e.deadline = row.OptInt(12);
    e.assignee = row.Text(13);
    e.first_seen = row.Int(14);
    e.last_seen = row.Int(15);
    e.closed_at = row.OptInt(16);
    e.updated_at = row.Int(17);
    return e;
}

// "a, b" as "t.a, t.b".
std::string Qualified(std::string_view columns, const std::string& table) {
    std::string out;
    for (const auto& c : Split(columns, ',')) {
        out += (out.empty() ? "" : ", ") + table + "." + Trim(c);
    }
    return out;
}

// Rows "s" of the software table whose cycle's open item on the same server matches `where`.
std::string EolItemExists(const std::string& where) {
    return "EXISTS (SELECT 1 FROM eol_items e WHERE e.server_id = s.server_id AND e.product = "
           "s.eol_product AND e.cycle = s.eol_cycle AND e.closed_at IS NULL AND (" +
           where + "))";
}

// The number of characters (UTF-8 code points) of `s`, as SQL's substr counts them.
int64_t CodePoints(std::string_view s) {
    int64_t n = 0;
    for (char c : s) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

}  // namespace

Result<std::vector<domain::Software>> SqlStore::ListGroupSoftware(
    Id group_id, const ports::GroupSoftwareFilter& f, Id after_id, int limit) {
    const std::string columns = Qualified(kSoftwareColumns, "s");
    // The keyset walks the primary key; the group's servers are a filter on it. Without a
    // name, the unary '+' keeps SQLite from sorting the group's rows by another index first.
    const bool by_name = !f.name.empty();
    std::string sql = "SELECT " + columns + " FROM software s WHERE " +
                      std::string(by_name || IsPostgres() ? "" : "+") +
                      "s.server_id IN (SELECT id FROM servers WHERE group_id = ?) AND s.id > ?";
    std::vector<SqlValue> params{group_id, after_id};
    auto add = [&](const std::string& clause, SqlValue v) {
        sql += " AND " + clause;
        params.push_back(std::move(v));
    };
    if (!f.include_removed) {
        sql += " AND s.removed_at IS NULL";
    }
    if (f.server_id) {
        add("s.server_id = ?", *f.server_id);
    }
    if (f.type) {
        add("s.type = ?", std::string(domain::ToString(*f.type)));
    }
    if (!f.ecosystem.empty()) {
        add("s.ecosystem = ?", f.ecosystem);
    }
    if (by_name) {
        add("s.name = ?", f.name);
    }
    if (!f.name_prefix.empty()) {
        add("substr(s.name, 1, ?) = ?", CodePoints(f.name_prefix));
        params.push_back(f.name_prefix);
    }
    if (!f.version.empty()) {
        add("s.version = ?", f.version);
    }
    if (!f.license_category.empty()) {
        add("s.license_category = ?", f.license_category);
    }
    if (!f.license.empty()) {
        // The id as a whole token of the canonical expression (separated by spaces or
        // parentheses), which the app normalised when it stored the row.
        sql +=
            " AND (' ' || replace(replace(s.license_expression, '(', ' '), ')', ' ') || ' ') "
            "LIKE ? ESCAPE '\\'";
        std::string escaped;
        for (char c : f.license) {
            if (c == '%' || c == '_' || c == '\\') {
                escaped += '\\';
            }
            escaped += c;
        }
        params.push_back("% " + escaped + " %");
    }
    if (f.eol_from || f.eol_to || f.eol_undated_matches || f.eol_open_ended || f.eol_any_cycle) {
        std::vector<std::string> any;
        std::vector<SqlValue> eol_params;
        if (f.eol_from || f.eol_to) {
            std::string range = "e.eol_at IS NOT NULL";
            if (f.eol_from) {
                range += " AND e.eol_at >= ?";
                eol_params.emplace_back(*f.eol_from);
            }
            if (f.eol_to) {
                range += " AND e.eol_at < ?";
                eol_params.emplace_back(*f.eol_to);
            }
            any.push_back(range);
        }
        if (f.eol_undated_matches) {
            any.push_back("e.eol_at IS NULL AND e.eol_undated = 1");
        }
        if (f.eol_open_ended) {
            any.push_back("e.eol_at IS NULL AND e.eol_undated = 0");
        }
        if (f.eol_any_cycle) {
            any.push_back("1 = 1");
        }
        std::string where;
        for (const auto& a : any) {
            where += (where.empty() ? "(" : " OR (") + a + ")";
        }
        params.insert(params.end(), eol_params.begin(), eol_params.end());
        sql += " AND s.eol_product <> '' AND " + EolItemExists(where);
    }
    if (f.vulnerable) {
        sql += std::string(" AND ") + (*f.vulnerable ? "" : "NOT ") +
               "EXISTS (SELECT 1 FROM detections d WHERE d.software_id = s.id AND d.active = 1)";
    }
    sql += " ORDER BY s.id LIMIT ?";
    params.push_back(int64_t{std::max(limit, 0)});
    return SelectAll<domain::Software>(sql, std::move(params), ReadSoftware);
}

Result<std::vector<domain::EolItem>> SqlStore::ListServerEolItems(Id server_id) {
    return SelectAll<domain::EolItem>(
        "SELECT " + std::string(kEolColumns) + " FROM eol_items WHERE server_id = ? ORDER BY id",
        {server_id},
        ReadEolItem);
}

Status SqlStore::ApplyEolChanges(Id server_id, const domain::EolChanges& changes) {
    if (changes.empty()) {
        return Ok();
    }
    return InTx(true, [&](SqlConnection& conn) -> Status {
        for (const auto& e : changes.insert) {
            KENSA_TRY(conn.Exec(
                "INSERT INTO eol_items (server_id, product, product_label, cycle, cycle_label, "
                "eol_at, eol_undated, latest, evidence, status, user_status, first_seen, "
                "last_seen, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                {server_id,
                 e.product,
                 e.product_label,
                 e.cycle,
                 e.cycle_label,
                 Opt(e.eol_at),
                 int64_t{e.eol_undated ? 1 : 0},
                 e.latest,
                 e.evidence,
                 std::string(domain::ToString(e.status)),
                 e.first_seen,
                 e.last_seen,
                 e.updated_at}));
        }
        for (const auto& e : changes.refresh) {
            KENSA_TRY(conn.Exec(
                "UPDATE eol_items SET product_label = ?, cycle_label = ?, eol_at = ?, "
                "eol_undated = ?, latest = ?, evidence = ?, last_seen = ?, updated_at = ? "
                "WHERE id = ? AND server_id = ?",
                {e.product_label,
                 e.cycle_label,
                 Opt(e.eol_at),
                 int64_t{e.eol_undated ? 1 : 0},
                 e.latest,
                 e.evidence,
                 changes.at,
                 changes.at,
                 e.id,
                 server_id}));
        }
        // Closing and reopening are the scan's; what a user set on an open item stays.
        for (Id id : changes.close) {
            KENSA_TRY(conn.Exec(
                "UPDATE eol_items SET status = 'PATCH_APPLIED', user_status = 0, closed_at = ?, "
                "updated_at = ? WHERE id = ? AND server_id = ? AND closed_at IS NULL",
                {changes.at, changes.at, id, server_id}));
        }
        for (Id id : changes.reopen) {
            KENSA_TRY(
                conn.Exec("UPDATE eol_items SET status = 'NEW', user_status = 0, closed_at = NULL, "
                          "updated_at = ? WHERE id = ? AND server_id = ? AND closed_at IS NOT NULL",
                          {changes.at, id, server_id}));
        }
        return Ok();
    });
}

Result<std::vector<domain::EolItem>> SqlStore::ListGroupEolItems(Id group_id, bool include_closed) {
    const std::string cols = Qualified(kEolColumns, "e");
    return SelectAll<domain::EolItem>(
        "SELECT " + cols +
            " FROM eol_items e JOIN servers v ON v.id = e.server_id WHERE v.group_id = ?" +
            (include_closed ? "" : " AND e.closed_at IS NULL") + " ORDER BY e.id",
        {group_id},
        ReadEolItem);
}

Result<std::optional<domain::EolItem>> SqlStore::GetEolItem(Id group_id, Id item_id) {
    const std::string cols = Qualified(kEolColumns, "e");
    KENSA_ASSIGN_OR_RETURN(
        auto rows,
        SelectAll<domain::EolItem>("SELECT " + cols +
                                       " FROM eol_items e JOIN servers v ON v.id = e.server_id "
                                       "WHERE v.group_id = ? AND e.id = ?",
                                   {group_id, item_id},
                                   ReadEolItem));
    if (rows.empty()) {
        return std::optional<domain::EolItem>();
    }
    return std::optional<domain::EolItem>(std::move(rows.front()));
}

Status SqlStore::UpdateEolItemWork(Id group_id, const domain::EolItem& e) {
    return InTx(true, [&](SqlConnection& conn) {
        return RequireChanged(
            conn.Exec("UPDATE eol_items SET status = ?, user_status = ?, deadline = ?, "
                      "assignee = ?, updated_at = ? WHERE id = ? AND closed_at IS NULL AND "
                      "server_id IN (SELECT id FROM servers WHERE group_id = ?)",
                      {std::string(domain::ToString(e.status)),
                       int64_t{e.user_status ? 1 : 0},
                       Opt(e.deadline),
                       e.assignee,
                       e.updated_at,
                       e.id,
                       group_id}),
            "open EOL item " + std::to_string(e.id));
    });
}

Status SqlStore::UpdateGroupInventory(Id group_id,
                                      int eol_near_days,
                                      const std::string& license_policy) {
    return InTx(true, [&](SqlConnection& conn) {
        return RequireChanged(
            conn.Exec("UPDATE groups SET eol_near_days = ?, license_policy = ? WHERE id = ?",
                      {int64_t{eol_near_days}, license_policy, group_id}),
            "group " + std::to_string(group_id));
    });
}

Result<std::optional<ports::EolSnapshotRecord>> SqlStore::GetEolSnapshot() {
    KENSA_ASSIGN_OR_RETURN(
        auto rows,
        SelectAll<ports::EolSnapshotRecord>(
            "SELECT snapshot, source, products, cycles, imported_at FROM eol_snapshot WHERE id = 1",
            {},
            [](const SqlRow& row) {
                return ports::EolSnapshotRecord{
                    row.Text(0), row.Text(1), row.Int(2), row.Int(3), row.Int(4)};
            }));
    if (rows.empty()) {
        return std::optional<ports::EolSnapshotRecord>();
    }
    return std::optional<ports::EolSnapshotRecord>(std::move(rows.front()));
}

Status SqlStore::SaveEolSnapshot(const ports::EolSnapshotRecord& r) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_TRY(conn.Exec("DELETE FROM eol_snapshot WHERE id = 1", {}));
        KENSA_TRY(
            conn.Exec("INSERT INTO eol_snapshot (id, snapshot, source, products, cycles, "
                      "imported_at) VALUES (1, ?, ?, ?, ?, ?)",
                      {r.snapshot, r.source, r.products, r.cycles, r.imported_at}));
        return Ok();
    });
}

}  // namespace kensa::store
