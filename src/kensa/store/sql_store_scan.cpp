// ApplyScan: loads a server's stored state, lets domain::Reconcile compute the minimal change
// set, and writes exactly that, in one write transaction. An unchanged rescan writes no row.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <utility>

#include "kensa/common/strings.h"
#include "kensa/domain/vulnerability_merge.h"
#include "kensa/store/sql_store_rows.h"

namespace kensa::store {

using domain::Id;

namespace {

// Where a vulnerability's description is kept: the shared row (the advisory database's), or
// one group's own row (what its Inspector, SBOMs and Vuls uploads say).
struct VulnerabilityTable {
    std::optional<Id> group_id;  ///< nullopt: the shared `vulnerabilities` table

    std::string Name() const { return group_id ? "group_vulnerabilities" : "vulnerabilities"; }
    std::string Key() const { return group_id ? "group_id = ? AND id" : "id"; }
    void Bind(std::vector<SqlValue>* params) const {
        if (group_id) {
            params->emplace_back(*group_id);
        }
    }
};

Status LoadVulnerabilities(SqlConnection& conn,
                           const VulnerabilityTable& table,
                           const std::vector<std::string>& ids,
                           std::map<std::string, std::optional<domain::Vulnerability>>* out) {
    constexpr size_t kIdsPerQuery = 500;
    for (const auto& id : ids) {
        (*out)[id];
    }
    for (size_t start = 0; start < ids.size(); start += kIdsPerQuery) {
        size_t count = std::min(kIdsPerQuery, ids.size() - start);
        std::string sql = "SELECT " + std::string(kVulnerabilityColumns) + " FROM " + table.Name() +
                          " WHERE " + table.Key() + " IN (";
        std::vector<SqlValue> params;
        table.Bind(&params);
        for (size_t i = 0; i < count; ++i) {
            sql += i == 0 ? "?" : ", ?";
            params.emplace_back(ids[start + i]);
        }
        sql += ")";
        KENSA_TRY(conn.Query(sql, params, [&](const SqlRow& row) {
            domain::Vulnerability v = ReadVulnerability(row);
            std::string id = v.id;
            (*out)[id] = std::move(v);
        }));
    }
    return Ok();
}

// Writes a merged record. A new record that a concurrent writer stored first keeps theirs.
Result<int64_t> WriteVulnerability(SqlConnection& conn,
                                   const VulnerabilityTable& table,
                                   const domain::Vulnerability& v,
                                   bool stored) {
    std::vector<SqlValue> params = {v.title,
                                    v.description,
                                    v.cvss3_score,
                                    v.cvss3_vector,
                                    std::string(domain::ToString(v.severity)),
                                    v.epss ? SqlValue(*v.epss) : SqlValue(nullptr),
                                    int64_t{v.exploit_available ? 1 : 0},
                                    v.fix_available,
                                    JoinRefs(v.references),
                                    v.cvss4_score,
                                    v.cvss4_vector};
    table.Bind(&params);
    params.emplace_back(v.id);
    if (stored) {
        return conn.Exec("UPDATE " + table.Name() +
                             " SET title = ?, description = ?, cvss3_score = ?, cvss3_vector = ?, "
                             "severity = ?, epss = ?, exploit_available = ?, fix_available = ?, "
                             "refs = ?, cvss4_score = ?, cvss4_vector = ? WHERE " +
                             table.Key() + " = ?",
                         params);
    }
    return conn.Exec("INSERT INTO " + table.Name() +
                         " (title, description, cvss3_score, cvss3_vector, severity, epss, "
                         "exploit_available, fix_available, refs, cvss4_score, cvss4_vector, " +
                         (table.group_id ? "group_id, " : "") +
                         "id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " +
                         (table.group_id ? "?, " : "") + "?) ON CONFLICT (" +
                         (table.group_id ? "group_id, id" : "id") + ") DO NOTHING",
                     params);
}

// Appends " IN (?, ?, ...)" for `ids` to sql and the ids to params.
void AppendIdList(std::span<const Id> ids, std::string* sql, std::vector<SqlValue>* params) {
    *sql += " IN (";
    for (size_t i = 0; i < ids.size(); ++i) {
        *sql += i == 0 ? "?" : ", ?";
        params->emplace_back(ids[i]);
    }
    *sql += ")";
}

// Runs `sql_prefix IN (ids...)` in batches; returns the rows changed.
Result<int64_t> ExecForIds(SqlConnection& conn,
                           const std::string& sql_prefix,
                           std::vector<SqlValue> leading,
                           const std::vector<Id>& ids) {
    constexpr size_t kIdsPerStatement = 500;
    int64_t changed = 0;
    for (size_t start = 0; start < ids.size(); start += kIdsPerStatement) {
        size_t count = std::min(kIdsPerStatement, ids.size() - start);
        std::string sql = sql_prefix;
        std::vector<SqlValue> params = leading;
        AppendIdList(std::span<const Id>(ids).subspan(start, count), &sql, &params);
        KENSA_ASSIGN_OR_RETURN(auto n, conn.Exec(sql, params));
        changed += n;
    }
    return changed;
}

// R13: applies domain::PlanSbomTakeover. The rows are relabelled in place (same ids,
// first_seen kept), so the SBOM reconcile that follows keeps every package the export still
// lists and removes only what it no longer does; nothing is deleted. Returns whether the move
// happened now.
Result<bool> TakeOverInspectorRows(SqlConnection& conn,
                                   Id server_id,
                                   const std::string& comment,
                                   int64_t now,
                                   ports::ScanApplyStats* stats) {
    domain::TakeoverState state;
    KENSA_ASSIGN_OR_RETURN(
        auto migrated,
        conn.QueryInt("SELECT COUNT(*) FROM servers WHERE id = ? AND sbom_migrated_at IS NOT NULL",
                      {server_id}));
    state.already_taken_over = migrated.value_or(0) > 0;
    if (state.already_taken_over) {
        return false;
    }
    KENSA_TRY(
        conn.Query("SELECT id FROM software WHERE server_id = ? AND source = 'inspector'",
                   {server_id},
                   [&](const SqlRow& row) { state.inspector_software.push_back(row.Int(0)); }));
    KENSA_TRY(conn.Query(
        "SELECT " + std::string(kDetectionColumns) +
            " FROM detections WHERE server_id = ? AND source = 'inspector'",
        {server_id},
        [&](const SqlRow& row) { state.inspector_detections.push_back(ReadDetection(row)); }));
    KENSA_TRY(
        conn.Query("SELECT " + std::string(kTaskColumns) + " FROM tasks t WHERE t.server_id = ?",
                   {server_id},
                   [&](const SqlRow& row) { state.tasks.push_back(ReadTask(row)); }));
    domain::TakeoverPlan plan = domain::PlanSbomTakeover(state, comment);
    if (!plan.take_over) {
        return false;
    }
    for (Id task_id : plan.commented_tasks) {
        KENSA_TRY(conn.Exec(
            "INSERT INTO task_comments (task_id, author, system, body, created_at) VALUES "
            "(?, 'system', 1, ?, ?)",
            {task_id, plan.comment, now}));
        ++stats->rows_written;
    }
    KENSA_ASSIGN_OR_RETURN(
        auto software,
        ExecForIds(conn,
                   "UPDATE software SET source = 'sbom', managed_by = 'sbom' WHERE id",
                   {},
                   plan.software));
    KENSA_ASSIGN_OR_RETURN(
        auto detections,
        ExecForIds(conn, "UPDATE detections SET source = 'sbom' WHERE id", {}, plan.detections));
    KENSA_ASSIGN_OR_RETURN(
        auto server,
        conn.Exec("UPDATE servers SET sbom_migrated_at = ? WHERE id = ?", {now, server_id}));
    stats->rows_written += software + detections + server;
    return true;
}

// A detect-only source (the advisory matcher) needs only the active rows its detections refer
// to: the ones it observes now (obs.software carries their ids) and the ones its stored
// detections point at. Reading every row of a pseudo server's 250,000 packages here, next to
// the matcher's own copy, was the peak of an SBOM import. A row removed since the matcher read
// it is not loaded, so DropVanishedRows drops its detections.
Status LoadDetectOnlySoftware(SqlConnection& conn,
                              Id server_id,
                              const domain::ScanObservation& obs,
                              std::vector<domain::Software>* out) {
    const std::string select = "SELECT " + std::string(kSoftwareColumns) +
                               " FROM software WHERE server_id = ? AND "
                               "removed_at IS NULL AND ";
    std::set<Id> loaded;
    auto keep = [&](const SqlRow& row) {
        domain::Software s = ReadSoftware(row);
        if (loaded.insert(s.id).second) {
            out->push_back(std::move(s));
        }
    };
    KENSA_TRY(conn.Query(
        select + "id IN (SELECT software_id FROM detections WHERE server_id = ? AND source = ? AND "
                 "software_id IS NOT NULL)",
        {server_id, server_id, std::string(domain::ToString(obs.source))},
        keep));
    constexpr size_t kIdsPerQuery = 500;
    std::vector<Id> wanted;
    for (const auto& s : obs.software) {
        if (loaded.count(s.id) == 0) {
            wanted.push_back(s.id);
        }
    }
    for (size_t start = 0; start < wanted.size(); start += kIdsPerQuery) {
        size_t count = std::min(kIdsPerQuery, wanted.size() - start);
        std::string sql = select + "id IN (";
        std::vector<SqlValue> params = {server_id};
        for (size_t i = 0; i < count; ++i) {
            sql += i == 0 ? "?" : ", ?";
            params.emplace_back(wanted[start + i]);
        }
        sql += ")";
        KENSA_TRY(conn.Query(sql, params, keep));
    }
    return Ok();
}

// A detect-only detection whose row was removed after the source read it is dropped before
// reconciling, so it neither inserts a detection nor keeps a task open. A detection naming a
// row the observation does not list is the caller's error. Returns the reduced observation, or
// nothing when every detection's row is current.
Result<std::optional<domain::ScanObservation>> DropVanishedRows(const domain::ScanObservation& obs,
                                                                const domain::ServerState& state) {
    std::set<domain::SoftwareKey> listed;
    for (const auto& s : obs.software) {
        listed.insert(s.key);
    }
    std::set<domain::SoftwareKey> current;
    for (const auto& s : state.software) {
        current.insert(s.key);
    }
    bool any_vanished = false;
    for (const auto& det : obs.detections) {
        if (!det.software || current.count(*det.software) != 0) {
            continue;
        }
        if (listed.count(*det.software) == 0) {
            return Error(ErrorCode::kInternal,
                         "a detect-only detection refers to software the observation does not list")
                .With("package", det.software->name);
        }
        any_vanished = true;
    }
    if (!any_vanished) {
        return std::optional<domain::ScanObservation>();
    }
    domain::ScanObservation reduced = obs;
    std::erase_if(reduced.detections, [&](const domain::ObservedDetection& d) {
        return d.software && current.count(*d.software) == 0;
    });
    return std::optional<domain::ScanObservation>(std::move(reduced));
}

// One ApplyScan inside its write transaction: loads the server's state, lets
// domain::Reconcile plan the change set, and writes exactly that. Plain members: the steps
// share them, and the struct lives only for the transaction.
struct ScanTx {
    SqlConnection& conn;
    const Id server_id;
    const domain::ScanObservation& obs;
    const ports::EpochSeconds now;
    const bool postgres;
    const std::string d;  ///< the dialect's IS DISTINCT FROM
    ports::ScanApplyStats& stats;
    std::optional<Id> group_id;
    domain::ServerState state;
    std::map<domain::SoftwareKey, Id> software_ids;

    Status Run(const std::vector<ports::NetworkFinding>& network) {
        KENSA_TRY(LockServer());
        KENSA_TRY(LoadState());
        KENSA_ASSIGN_OR_RETURN(domain::ScanChanges changes, Plan());
        KENSA_TRY(WriteVulnerabilities(changes));
        KENSA_TRY(WriteSoftware(changes));
        KENSA_TRY(WriteDetections(changes));
        KENSA_TRY(WriteTasks(changes));
        KENSA_TRY(WriteNetworkFindings(network));
        KENSA_TRY(WriteDistro());
        KENSA_ASSIGN_OR_RETURN(
            auto active,
            conn.QueryInt("SELECT COUNT(*) FROM detections WHERE server_id = ? AND active = 1",
                          {server_id}));
        stats.active_detections = active.value_or(0);
        return Ok();
    }

    // What the scan says the server runs replaces what an earlier scan said; silence keeps it.
    Status WriteDistro() {
        if (obs.distro.empty()) {
            return Ok();
        }
        KENSA_ASSIGN_OR_RETURN(
            auto n,
            conn.Exec("UPDATE servers SET distro = ? WHERE id = ? AND distro <> ?",
                      {obs.distro, server_id, obs.distro}));
        stats.rows_written += n;
        return Ok();
    }

    // Locks the server row so two scans of one server serialise (PostgreSQL; SQLite has one
    // writer anyway).
    Status LockServer() {
        std::string lock_sql = "SELECT group_id FROM servers WHERE id = ?";
        if (postgres) {
            lock_sql += " FOR UPDATE";
        }
        KENSA_TRY(
            conn.Query(lock_sql, {server_id}, [&](const SqlRow& row) { group_id = row.Int(0); }));
        if (!group_id) {
            return Error(ErrorCode::kNotFound,
                         "server " + std::to_string(server_id) + " not found");
        }
        return Ok();
    }

    Status LoadState() {
        // R13: the run that moves a server under SBOM management closes no task. A pseudo
        // server is imported one function at a time, all with the run's `now`.
        if (!obs.takeover_comment.empty()) {
            KENSA_ASSIGN_OR_RETURN(
                bool took_over,
                TakeOverInspectorRows(conn, server_id, obs.takeover_comment, now, &stats));
            std::optional<int64_t> migrated_at;
            KENSA_TRY(conn.Query("SELECT sbom_migrated_at FROM servers WHERE id = ?",
                                 {server_id},
                                 [&](const SqlRow& row) { migrated_at = row.OptInt(0); }));
            state.takeover_run = domain::IsTakeoverRun(took_over, migrated_at, now);
        }

        if (obs.manages_software) {
            // A managing source reconciles its own rows (of one function, for a pseudo server).
            std::string software_sql = "SELECT " + std::string(kSoftwareColumns) +
                                       " FROM software WHERE server_id = ? AND source = ?";
            std::vector<SqlValue> software_params = {
                server_id, std::string(domain::ToString(obs.software_source))};
            if (obs.lambda_scope) {
                software_sql += " AND lambda_function_id = ?";
                software_params.emplace_back(*obs.lambda_scope);
            }
            KENSA_TRY(conn.Query(software_sql, software_params, [&](const SqlRow& row) {
                state.software.push_back(ReadSoftware(row));
            }));
        } else {
            KENSA_TRY(LoadDetectOnlySoftware(conn, server_id, obs, &state.software));
        }
        auto read_detection = [&](const SqlRow& row) {
            state.detections.push_back(ReadDetection(row));
        };
        if (obs.manages_software && obs.lambda_scope) {
            // One function of a pseudo server: its own detections, and of the rest of the
            // server only which vulnerabilities stay active.
            const std::string in_scope =
                "software_id IN (SELECT id FROM software WHERE server_id = ? AND "
                "lambda_function_id = ?)";
            KENSA_TRY(conn.Query("SELECT " + std::string(kDetectionColumns) +
                                     " FROM detections WHERE server_id = ? AND " + in_scope,
                                 {server_id, server_id, *obs.lambda_scope},
                                 read_detection));
            KENSA_TRY(conn.Query(
                "SELECT DISTINCT vulnerability_id FROM detections WHERE server_id = ? AND active = "
                "1 AND "
                "(software_id IS NULL OR NOT " +
                    in_scope + ")",
                {server_id, server_id, *obs.lambda_scope},
                [&](const SqlRow& row) { state.active_elsewhere.push_back(row.Text(0)); }));
        } else {
            KENSA_TRY(conn.Query(
                "SELECT " + std::string(kDetectionColumns) + " FROM detections WHERE server_id = ?",
                {server_id},
                read_detection));
        }
        // The plan decides from the tasks as stored: on PostgreSQL, lock their rows so that a
        // user's concurrent ChangeTask waits instead of being overwritten by the scan.
        std::string task_sql =
            "SELECT " + std::string(kTaskColumns) + " FROM tasks t WHERE t.server_id = ?";
        if (postgres) {
            task_sql += " FOR UPDATE";
        }
        KENSA_TRY(conn.Query(task_sql, {server_id}, [&](const SqlRow& row) {
            state.tasks.push_back(ReadTask(row));
        }));
        return Ok();
    }

    Result<domain::ScanChanges> Plan() {
        if (obs.manages_software) {
            return domain::Reconcile(state, obs);
        }
        KENSA_ASSIGN_OR_RETURN(auto current, DropVanishedRows(obs, state));
        return domain::Reconcile(state, current ? *current : obs);
    }

    Status WriteVulnerabilities(const domain::ScanChanges& changes) {
        std::map<std::string, const domain::Vulnerability*> vulns;
        for (const auto& v : obs.vulnerabilities) {
            vulns[v.id] = &v;
        }
        stats.vulnerabilities = static_cast<int64_t>(vulns.size());
        // Every vulnerability a detection or task refers to must exist in the shared table (a
        // bare id at least).
        std::vector<std::string> wanted_vulns;
        for (const auto& [id, v] : vulns) {
            wanted_vulns.push_back(id);
        }
        for (const auto& ins : changes.detection_insert) {
            if (vulns.count(ins.detection.vulnerability_id) == 0) {
                wanted_vulns.push_back(ins.detection.vulnerability_id);
            }
        }
        std::sort(wanted_vulns.begin(), wanted_vulns.end());
        wanted_vulns.erase(std::unique(wanted_vulns.begin(), wanted_vulns.end()),
                           wanted_vulns.end());
        // The advisory database describes the shared row; every other source is the group's
        // own (a tenant chooses its endpoint and its documents) and describes the group's row.
        // domain::MergeVulnerability decides what changes in either.
        const VulnerabilityTable shared;
        const VulnerabilityTable own = obs.source == domain::DetectionSource::kAdvisory
                                           ? shared
                                           : VulnerabilityTable{group_id};
        std::map<std::string, std::optional<domain::Vulnerability>> stored_shared;
        KENSA_TRY(LoadVulnerabilities(conn, shared, wanted_vulns, &stored_shared));
        std::map<std::string, std::optional<domain::Vulnerability>> stored_own;
        if (own.group_id) {
            std::vector<std::string> described;
            for (const auto& [id, v] : vulns) {
                described.push_back(id);
            }
            KENSA_TRY(LoadVulnerabilities(conn, own, described, &stored_own));
        }
        auto& stored = own.group_id ? stored_own : stored_shared;
        for (const auto& id : wanted_vulns) {
            domain::Vulnerability bare;
            bare.id = id;
            auto it = vulns.find(id);
            if (own.group_id && !stored_shared[id]) {
                KENSA_ASSIGN_OR_RETURN(auto n, WriteVulnerability(conn, shared, bare, false));
                stats.rows_written += n;
            }
            if (own.group_id && (it == vulns.end() || !domain::DescribesMoreThanId(*it->second))) {
                continue;  // only an id (an SBOM's): the advisory database's words show
            }
            auto merged =
                domain::MergeVulnerability(stored[id], it != vulns.end() ? *it->second : bare);
            if (!merged) {
                continue;
            }
            KENSA_ASSIGN_OR_RETURN(auto n,
                                   WriteVulnerability(conn, own, *merged, stored[id].has_value()));
            stats.rows_written += n;
        }
        return Ok();
    }

    Status WriteSoftware(const domain::ScanChanges& changes) {
        for (const auto& s : state.software) {
            software_ids[s.key] = s.id;
        }
        // New rows go in multi-row INSERTs (an SBOM import inserts ~1,000 per resource; one
        // statement each was 12% of its time). RETURNING gives the rows back in no promised
        // order, so each comes back with its key.
        // Batches of 256 rows, the rest in powers of two: at most nine statement shapes to cache.
        constexpr size_t kRowsPerInsert = 256;
        for (size_t start = 0, count = 0; start < changes.software_insert.size(); start += count) {
            count = kRowsPerInsert;
            while (count > changes.software_insert.size() - start) {
                count /= 2;
            }
            // The row belongs to the source that observed it.
            auto [sql, params] = SoftwareInsert(
                server_id,
                std::span<const domain::Software>(changes.software_insert).subspan(start, count),
                now,
                obs.software_source);
            sql += " RETURNING id, lambda_function_id, name, version, release, epoch, arch, path";
            size_t returned = 0;
            KENSA_TRY(conn.Query(sql, params, [&](const SqlRow& row) {
                domain::SoftwareKey key;
                key.lambda_function_id = row.OptInt(1);
                key.name = row.Text(2);
                key.version = row.Text(3);
                key.release = row.Text(4);
                key.epoch = static_cast<int>(row.Int(5));
                key.arch = row.Text(6);
                key.path = row.Text(7);
                software_ids[std::move(key)] = row.Int(0);
                ++returned;
            }));
            if (returned != count) {
                return Error(ErrorCode::kInternal,
                             "software insert returned " + std::to_string(returned) + " of " +
                                 std::to_string(count) + " rows");
            }
            stats.rows_written += static_cast<int64_t>(count);
        }
        for (Id id : changes.software_remove) {
            KENSA_ASSIGN_OR_RETURN(
                auto n, conn.Exec("UPDATE software SET removed_at = ? WHERE id = ?", {now, id}));
            stats.rows_written += n;
        }
        for (const auto& sw : changes.software_update) {
            KENSA_ASSIGN_OR_RETURN(auto n,
                                   conn.Exec("UPDATE software SET type = ?, ecosystem = ?, "
                                             "package_manager = ?, purl = ?, license = ?, "
                                             "managed_by = ?, license_expression = ?, "
                                             "license_category = ?, eol_product = ?, "
                                             "eol_cycle = ? WHERE id = ?",
                                             {std::string(domain::ToString(sw.type)),
                                              sw.ecosystem,
                                              sw.package_manager,
                                              sw.purl,
                                              sw.license,
                                              std::string(domain::ToString(sw.managed_by)),
                                              sw.license_expression,
                                              sw.license_category,
                                              sw.eol_product,
                                              sw.eol_cycle,
                                              sw.id}));
            stats.rows_written += n;
        }
        for (Id id : changes.software_restore) {
            KENSA_ASSIGN_OR_RETURN(
                auto n,
                conn.Exec("UPDATE software SET removed_at = NULL, last_seen = ? WHERE id = ?",
                          {now, id}));
            stats.rows_written += n;
        }
        return Ok();
    }

    Status WriteDetections(const domain::ScanChanges& changes) {
        for (const auto& ins : changes.detection_insert) {
            const auto& det = ins.detection;
            SqlValue software_id = nullptr;
            if (det.software) {
                auto it = software_ids.find(*det.software);
                if (it == software_ids.end()) {
                    return Error(ErrorCode::kInternal,
                                 "detection refers to software missing from the scan")
                        .With("package", det.software->name);
                }
                software_id = it->second;
            }
            KENSA_ASSIGN_OR_RETURN(auto n,
                                   conn.Exec("INSERT INTO detections (server_id, vulnerability_id, "
                                             "software_id, source, source_ref, "
                                             "fixed_in, kind, active, first_seen, last_seen) "
                                             "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                                             {server_id,
                                              det.vulnerability_id,
                                              software_id,
                                              std::string(domain::ToString(obs.source)),
                                              det.source_ref,
                                              det.fixed_in,
                                              det.kind,
                                              now,
                                              now}));
            stats.rows_written += n;
        }
        for (Id id : changes.detection_close) {
            KENSA_ASSIGN_OR_RETURN(
                auto n,
                conn.Exec("UPDATE detections SET active = 0, last_seen = ? WHERE id = ?",
                          {now, id}));
            stats.rows_written += n;
        }
        for (Id id : changes.detection_reopen) {
            KENSA_ASSIGN_OR_RETURN(
                auto n,
                conn.Exec("UPDATE detections SET active = 1, last_seen = ? WHERE id = ?",
                          {now, id}));
            stats.rows_written += n;
        }
        return Ok();
    }

    Status WriteTasks(const domain::ScanChanges& changes) {
        for (const auto& create : changes.task_create) {
            const std::string& vuln_id = create.vulnerability_id;
            std::optional<Id> task_id;
            KENSA_TRY(
                conn.Query("INSERT INTO tasks (group_id, server_id, vulnerability_id, status, "
                           "priority, created_at, updated_at) "
                           "VALUES (?, ?, ?, 'NEW', ?, ?, ?) ON CONFLICT (server_id, "
                           "vulnerability_id) DO NOTHING RETURNING id",
                           {*group_id,
                            server_id,
                            vuln_id,
                            std::string(domain::ToString(create.priority)),
                            now,
                            now},
                           [&](const SqlRow& row) { task_id = row.Int(0); }));
            if (!task_id) {
                continue;  // a concurrent writer created it first
            }
            ++stats.tasks_created;
            ++stats.rows_written;
            KENSA_TRY(conn.Exec(
                "INSERT INTO task_history (task_id, actor, field, old_value, new_value, at) VALUES "
                "(?, 'system', 'status', '', 'NEW', ?)",
                {*task_id, now}));
            ++stats.rows_written;
        }
        for (const auto& change : changes.task_change) {
            const auto& tr = change.transition;
            std::string next(domain::ToString(*tr.new_status));
            KENSA_TRY(conn.Exec(
                "UPDATE tasks SET status = ?, user_status = 0, updated_at = ? WHERE id = ?",
                {next, now, change.task.id}));
            KENSA_TRY(conn.Exec(
                "INSERT INTO task_history (task_id, actor, field, old_value, new_value, at) VALUES "
                "(?, 'system', 'status', ?, ?, ?)",
                {change.task.id, std::string(domain::ToString(change.task.status)), next, now}));
            stats.rows_written += 2;
            if (tr.system_comment) {
                KENSA_TRY(conn.Exec(
                    "INSERT INTO task_comments (task_id, author, system, body, created_at) VALUES "
                    "(?, 'system', 1, ?, ?)",
                    {change.task.id, *tr.system_comment, now}));
                ++stats.rows_written;
            }
            if (*tr.new_status == domain::TaskStatus::kPatchApplied) {
                ++stats.tasks_patched;
            } else if (change.task.status == domain::TaskStatus::kPatchApplied) {
                ++stats.tasks_reopened;
            }
        }
        return Ok();
    }

    // Network reachability findings (Inspector only): upsert changed, deactivate vanished.
    Status WriteNetworkFindings(const std::vector<ports::NetworkFinding>& network) {
        if (obs.source == domain::DetectionSource::kInspector) {
            std::map<std::string, bool> stored;
            KENSA_TRY(
                conn.Query("SELECT finding_arn, active FROM network_findings WHERE server_id = ?",
                           {server_id},
                           [&](const SqlRow& row) { stored[row.Text(0)] = row.Int(1) != 0; }));
            std::map<std::string, bool> seen;
            for (const auto& nf : network) {
                seen[nf.finding_arn] = true;
                KENSA_ASSIGN_OR_RETURN(
                    auto n,
                    conn.Exec("INSERT INTO network_findings (server_id, finding_arn, title, "
                              "severity, protocol, port_begin, "
                              "port_end, active, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) ON "
                              "CONFLICT (server_id, "
                              "finding_arn) DO UPDATE SET active = 1, title = excluded.title, "
                              "severity = excluded.severity "
                              "WHERE network_findings.active = 0 OR network_findings.title " +
                                  d + " excluded.title OR network_findings.severity " + d +
                                  " excluded.severity",
                              {server_id,
                               nf.finding_arn,
                               nf.title,
                               nf.severity,
                               nf.protocol,
                               int64_t{nf.port_begin},
                               int64_t{nf.port_end},
                               now}));
                stats.rows_written += n;
            }
            for (const auto& [arn, active] : stored) {
                if (active && seen.count(arn) == 0) {
                    KENSA_ASSIGN_OR_RETURN(
                        auto n,
                        conn.Exec("UPDATE network_findings SET active = 0 WHERE server_id = ? "
                                  "AND finding_arn = ?",
                                  {server_id, arn}));
                    stats.rows_written += n;
                }
            }
        }
        return Ok();
    }
};

}  // namespace

Result<ports::ScanApplyStats> SqlStore::ApplyScan(Id server_id,
                                                  const domain::ScanObservation& obs,
                                                  const std::vector<ports::NetworkFinding>& network,
                                                  ports::EpochSeconds now) {
    ports::ScanApplyStats stats;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        stats = {};
        ScanTx tx{conn, server_id, obs, now, IsPostgres(), Distinct(), stats, {}, {}, {}};
        return tx.Run(network);
    }));
    return stats;
}

}  // namespace kensa::store
