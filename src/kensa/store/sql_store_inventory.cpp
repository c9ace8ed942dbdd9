// The read side of the scan tables (ports::InventoryStore and ports::ScanStore's queries), and
// the bulk software insert.
#include <algorithm>

#include "kensa/domain/vulnerability_merge.h"
#include "kensa/store/sql_store_rows.h"

namespace kensa::store {

using domain::Id;

Result<int64_t> SqlStore::BulkInsertSoftware(Id server_id,
                                             std::span<const domain::Software> rows,
                                             ports::EpochSeconds now) {
    constexpr size_t kRowsPerStatement = 500;
    int64_t inserted = 0;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        inserted = 0;
        for (size_t start = 0; start < rows.size(); start += kRowsPerStatement) {
            size_t count = std::min(kRowsPerStatement, rows.size() - start);
            auto [sql, params] =
                SoftwareInsert(server_id, rows.subspan(start, count), now, std::nullopt);
            sql += " ON CONFLICT DO NOTHING";
            KENSA_ASSIGN_OR_RETURN(auto n, conn.Exec(sql, params));
            inserted += n;
        }
        return Ok();
    }));
    return inserted;
}

Result<std::vector<domain::Software>> SqlStore::ListSoftware(Id server_id, bool include_removed) {
    std::string sql = SelectServerSoftware(include_removed) + " ORDER BY id";
    return SelectAll<domain::Software>(sql, {server_id}, ReadSoftware);
}

Result<std::vector<domain::Software>> SqlStore::ListSoftwarePage(Id server_id,
                                                                 bool include_removed,
                                                                 Id after_id,
                                                                 int limit) {
    std::string sql = SelectServerSoftware(include_removed) + " AND id > ? ORDER BY id LIMIT ?";
    return SelectAll<domain::Software>(
        sql, {server_id, after_id, int64_t{std::max(limit, 0)}}, ReadSoftware);
}

Status SqlStore::ForEachSoftware(Id server_id,
                                 bool include_removed,
                                 const std::function<void(domain::Software&&)>& fn) {
    std::string sql = SelectServerSoftware(include_removed) + " ORDER BY id";
    return StreamRows(sql, {server_id}, [&](const SqlRow& row) { fn(ReadSoftware(row)); });
}

Result<std::vector<domain::Detection>> SqlStore::ListDetections(Id server_id) {
    return SelectAll<domain::Detection>("SELECT " + std::string(kDetectionColumns) +
                                            " FROM detections WHERE server_id = ? ORDER BY id",
                                        {server_id},
                                        ReadDetection);
}

Result<std::optional<domain::Vulnerability>> SqlStore::GetVulnerability(Id group_id,
                                                                        const std::string& id) {
    std::optional<domain::Vulnerability> own;
    std::optional<domain::Vulnerability> shared;
    bool has_task = false;
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) -> Status {
        own.reset();
        shared.reset();
        KENSA_TRY(conn.Query("SELECT " + std::string(kVulnerabilityColumns) +
                                 " FROM group_vulnerabilities WHERE group_id = ? AND id = ?",
                             {group_id, id},
                             [&](const SqlRow& row) { own = ReadVulnerability(row); }));
        KENSA_TRY(conn.Query(
            "SELECT " + std::string(kVulnerabilityColumns) + " FROM vulnerabilities WHERE id = ?",
            {id},
            [&](const SqlRow& row) { shared = ReadVulnerability(row); }));
        KENSA_ASSIGN_OR_RETURN(
            auto task,
            conn.QueryInt("SELECT 1 FROM tasks WHERE group_id = ? AND vulnerability_id = ? LIMIT 1",
                          {group_id, id}));
        has_task = task.has_value();
        return Ok();
    }));
    // Only what the group has seen: nothing says whether another tenant has seen it.
    if (!shared || (!own && !has_task)) {
        return std::optional<domain::Vulnerability>();
    }
    return std::optional<domain::Vulnerability>(domain::GroupView(own, *shared));
}

Result<std::vector<ports::NetworkFinding>> SqlStore::ListNetworkFindings(Id server_id) {
    return SelectAll<ports::NetworkFinding>(
        "SELECT finding_arn, title, severity, protocol, port_begin, port_end FROM network_findings "
        "WHERE server_id = ? AND active = 1 ORDER BY id",
        {server_id},
        [](const SqlRow& row) {
            return ports::NetworkFinding{row.Text(0),
                                         row.Text(1),
                                         row.Text(2),
                                         row.Text(3),
                                         static_cast<int>(row.Int(4)),
                                         static_cast<int>(row.Int(5))};
        });
}

}  // namespace kensa::store
