// SBOM export settings, the manual-export rate limit, SBOM import bookkeeping and the advisory
// database.
#include "kensa/store/sql_store_internal.h"

namespace kensa::store {

using domain::Id;

Result<int64_t> SqlStore::UpdateGroupSbom(Id group_id,
                                          const domain::SbomExportSettings& sbom,
                                          const std::vector<domain::ScanModeChange>& modes) {
    int64_t switched = 0;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        switched = 0;
        KENSA_ASSIGN_OR_RETURN(
            auto n,
            conn.Exec("UPDATE groups SET sbom_enabled = ?, sbom_bucket = ?, sbom_key_prefix = ?, "
                      "sbom_kms_key_arn = ?, sbom_format = ? WHERE id = ?",
                      {int64_t{sbom.enabled ? 1 : 0},
                       sbom.bucket,
                       sbom.key_prefix,
                       sbom.kms_key_arn,
                       sbom.format,
                       group_id}));
        if (n == 0) {
            return Error(ErrorCode::kNotFound, "group " + std::to_string(group_id) + " not found");
        }
        // The modes are domain::PlanScanModes'; each applies to a server of this group only.
        for (const auto& change : modes) {
            if (change.hand_back_sbom_rows) {
                KENSA_TRY(
                    conn.Exec("UPDATE software SET source = 'inspector', managed_by = 'normal' "
                              "WHERE source = 'sbom' AND server_id IN (SELECT id FROM servers "
                              "WHERE id = ? AND group_id = ?)",
                              {change.server_id, group_id}));
                KENSA_TRY(conn.Exec(
                    "UPDATE detections SET source = 'inspector' WHERE source = 'sbom' "
                    "AND server_id IN (SELECT id FROM servers WHERE id = ? AND group_id = ?)",
                    {change.server_id, group_id}));
            }
            std::string sql = "UPDATE servers SET scan_mode = ?";
            if (change.hand_back_sbom_rows) {
                sql += ", sbom_migrated_at = NULL";
            }
            sql += " WHERE id = ? AND group_id = ? AND scan_mode <> ?";
            const std::string mode(domain::ToString(change.mode));
            KENSA_ASSIGN_OR_RETURN(auto changed,
                                   conn.Exec(sql, {mode, change.server_id, group_id, mode}));
            switched += changed;
        }
        return Ok();
    }));
    return switched;
}

Result<std::optional<ports::EpochSeconds>> SqlStore::TryStartManualSbomExport(
    Id group_id, ports::EpochSeconds now, int min_interval) {
    std::optional<ports::EpochSeconds> next;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        next.reset();
        // One conditional UPDATE: two concurrent triggers cannot both pass.
        KENSA_ASSIGN_OR_RETURN(auto n,
                               conn.Exec("UPDATE groups SET sbom_manual_at = ? WHERE id = ? AND "
                                         "(sbom_manual_at = 0 OR sbom_manual_at <= ?)",
                                         {now, group_id, now - min_interval}));
        if (n > 0) {
            return Ok();
        }
        KENSA_ASSIGN_OR_RETURN(
            auto last, conn.QueryInt("SELECT sbom_manual_at FROM groups WHERE id = ?", {group_id}));
        if (!last) {
            return Error(ErrorCode::kNotFound, "group " + std::to_string(group_id) + " not found");
        }
        next = *last + min_interval;
        return Ok();
    }));
    return next;
}

Status SqlStore::RecordSbomImport(Id server_id,
                                  const std::string& object_keys,
                                  int64_t components,
                                  ports::EpochSeconds now) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_ASSIGN_OR_RETURN(
            auto n,
            conn.Exec("UPDATE servers SET sbom_object_key = ?, sbom_imported_at = ?, "
                      "sbom_components = ? WHERE id = ?",
                      {object_keys, now, components, server_id}));
        if (n == 0) {
            return Error(ErrorCode::kNotFound,
                         "server " + std::to_string(server_id) + " not found");
        }
        return Ok();
    });
}

Result<ports::AdvisoryUpsertStats> SqlStore::UpsertAdvisories(
    std::span<const ports::AdvisoryRecord> records, ports::EpochSeconds now) {
    ports::AdvisoryUpsertStats stats;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        stats = {};
        for (const auto& r : records) {
            if (r.id.empty()) {
                return Error(ErrorCode::kInvalidInput, "an advisory has no id");
            }
            KENSA_ASSIGN_OR_RETURN(
                auto existing,
                conn.QueryInt("SELECT COUNT(*) FROM advisories WHERE id = ?", {r.id}));
            bool exists = existing.value_or(0) > 0;
            KENSA_ASSIGN_OR_RETURN(
                auto n,
                conn.Exec(
                    "INSERT INTO advisories (id, modified, withdrawn, doc, imported_at) VALUES (?, "
                    "?, ?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET modified = excluded.modified, withdrawn = "
                    "excluded.withdrawn, doc = excluded.doc, imported_at = excluded.imported_at "
                    "WHERE advisories.modified <> excluded.modified OR advisories.doc <> "
                    "excluded.doc",
                    {r.id, r.modified, int64_t{r.withdrawn ? 1 : 0}, r.doc, now}));
            if (n == 0) {
                ++stats.unchanged;
            } else if (exists) {
                ++stats.updated;
            } else {
                ++stats.inserted;
            }
        }
        return Ok();
    }));
    return stats;
}

Status SqlStore::ForEachAdvisory(const std::function<void(ports::AdvisoryRecord&&)>& fn) {
    return StreamRows(
        "SELECT id, modified, withdrawn, doc FROM advisories ORDER BY id",
        {},
        [&](const SqlRow& row) {
            fn(ports::AdvisoryRecord{row.Text(0), row.Text(1), row.Int(2) != 0, row.Text(3)});
        });
}

}  // namespace kensa::store
