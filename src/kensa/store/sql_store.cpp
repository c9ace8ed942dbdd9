#include <thread>

#include "kensa/common/strings.h"
#include "kensa/domain/task_lifecycle.h"
#include "kensa/store/migrations.h"
#include "kensa/store/sql_store_internal.h"

namespace kensa::store {

using domain::Id;

// ------------------------------------------------------------------ pool and factory

Result<ConnectionPool::Lease> ConnectionPool::Acquire() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (idle_.empty() && created_ >= max_size_) {
        cv_.wait(lock);
    }
    if (!idle_.empty()) {
        SqlConnectionPtr conn = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(conn));
    }
    ++created_;
    lock.unlock();
    auto conn = factory_();
    if (!conn.ok()) {
        std::lock_guard<std::mutex> relock(mutex_);
        --created_;
        cv_.notify_one();
        return std::move(conn).error();
    }
    return Lease(this, std::move(conn).value());
}

void ConnectionPool::Release(SqlConnectionPtr conn) {
    std::lock_guard<std::mutex> lock(mutex_);
    conn->Rollback();  // never hand out a connection inside a transaction
    idle_.push_back(std::move(conn));
    cv_.notify_one();
}

Result<ports::StorePtr> MakeStore(const StoreConfig& config) {
    const std::string& url = config.url;
    if (StartsWith(url, "sqlite:")) {
        std::string path = url.substr(7);
        if (path.empty()) {
            return Error(ErrorCode::kInvalidInput,
                         "--db sqlite: needs a path, e.g. sqlite:/var/lib/kensa/kensa.db");
        }
        int size = path == ":memory:"
                       ? 1
                       : config.pool_size;  // each :memory: connection is its own database
        auto pool = std::make_unique<ConnectionPool>([path] { return OpenSqlite(path); }, size);
        // Open one connection now so a bad path fails at start-up with a clear message.
        { KENSA_ASSIGN_OR_RETURN(auto lease, pool->Acquire()); }
        return ports::StorePtr(std::make_unique<SqlStore>(std::move(pool), "sqlite"));
    }
    if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
        auto pool =
            std::make_unique<ConnectionPool>([url] { return OpenPostgres(url); }, config.pool_size);
        { KENSA_ASSIGN_OR_RETURN(auto lease, pool->Acquire()); }
        return ports::StorePtr(std::make_unique<SqlStore>(std::move(pool), "postgres"));
    }
    return Error(
        ErrorCode::kInvalidInput,
        "unsupported database URL '" + url + "': use sqlite:PATH or postgresql://USER@HOST/DB");
}

int LatestSchemaVersion() {
    return sqlite_migrations().empty() ? 0 : sqlite_migrations().back().version;
}

Result<int64_t> InsertReturningId(SqlConnection& conn,
                                  std::string_view sql,
                                  const std::vector<SqlValue>& params) {
    int64_t id = 0;
    auto r = conn.Run(
        sql, std::span<const SqlValue>(params), [&](const SqlRow& row) { id = row.Int(0); });
    if (!r.ok()) {
        return std::move(r).error();
    }
    return id;
}

Status SqlStore::InTx(bool write, const std::function<Status(SqlConnection&)>& fn) {
    constexpr int kMaxAttempts = 3;
    for (int attempt = 1;; ++attempt) {
        KENSA_ASSIGN_OR_RETURN(auto lease, pool_->Acquire());
        std::unique_lock<std::mutex> writer(write_mutex_, std::defer_lock);
        if (write && !IsPostgres()) {
            writer.lock();
        }
        Status st = lease->Begin(write);
        if (st.ok()) {
            st = fn(*lease);
        }
        if (st.ok()) {
            st = lease->Commit();
        }
        if (st.ok()) {
            return st;
        }
        lease->Rollback();
        if (st.error().code() != ErrorCode::kUnavailable || attempt >= kMaxAttempts) {
            return st;
        }
        writer.unlock();
        std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
    }
}

Status SqlStore::StreamRows(const std::string& sql,
                            std::vector<SqlValue> params,
                            const std::function<void(const SqlRow&)>& fn) {
    bool delivered = false;
    return InTx(false, [&](SqlConnection& conn) -> Status {
        if (delivered) {
            return Error(ErrorCode::kUnavailable,
                         "the database failed while streaming rows; not retried, so that no "
                         "row is delivered twice");
        }
        return conn.Query(sql, params, [&](const SqlRow& row) {
            delivered = true;
            fn(row);
        });
    });
}

// ------------------------------------------------------------------ migrations

Status SqlStore::Migrate() {
    const auto& migrations = IsPostgres() ? postgres_migrations() : sqlite_migrations();
    return InTx(true, [&](SqlConnection& conn) -> Status {
        if (IsPostgres()) {
            // Serialise concurrent migrators (several kensa processes starting together).
            KENSA_TRY(conn.ExecScript("SELECT pg_advisory_xact_lock(4242)"));
        }
        KENSA_TRY(
            conn.ExecScript("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY "
                            "KEY, name TEXT NOT NULL, "
                            "applied_at BIGINT NOT NULL)"));
        KENSA_ASSIGN_OR_RETURN(auto current,
                               conn.QueryInt("SELECT MAX(version) FROM schema_migrations"));
        int have = static_cast<int>(current.value_or(0));
        int latest = migrations.empty() ? 0 : migrations.back().version;
        if (have > latest) {
            return Error(ErrorCode::kConflict,
                         "the database schema is version " + std::to_string(have) +
                             " but this kensa knows only up to version " + std::to_string(latest) +
                             "; it was migrated by a newer kensa. Upgrade kensa, or restore "
                             "a backup made before the upgrade.")
                .With("schema_version", std::to_string(have))
                .With("binary_schema_version", std::to_string(latest));
        }
        for (const auto& m : migrations) {
            if (m.version <= have) {
                continue;
            }
            Status st = conn.ExecScript(m.sql);
            if (!st.ok()) {
                return Error(
                    st.error().code(),
                    "migration " + std::string(m.name) + " failed: " + st.error().message());
            }
            KENSA_TRY(conn.Exec(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                {int64_t{m.version},
                 std::string(m.name),
                 int64_t{std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count()}}));
        }
        return Ok();
    });
}

Result<int> SqlStore::SchemaVersion() {
    int version = 0;
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) -> Status {
        KENSA_ASSIGN_OR_RETURN(auto v, conn.QueryInt("SELECT MAX(version) FROM schema_migrations"));
        version = static_cast<int>(v.value_or(0));
        return Ok();
    }));
    return version;
}

// ------------------------------------------------------------------ groups and users

namespace {

constexpr std::string_view kGroupColumns =
    "id, name, timezone, daily_scan_minute, daily_scan_enabled, aws_auth_type, aws_region, "
    "aws_access_key_id, "
    "aws_secret_enc, aws_role_arn, aws_external_id, aws_account_id, aws_endpoint_url, created_at, "
    "sbom_enabled, "
    "sbom_bucket, sbom_key_prefix, sbom_kms_key_arn, sbom_format, eol_near_days, license_policy";

domain::Group ReadGroup(const SqlRow& row) {
    domain::Group g;
    g.id = row.Int(0);
    g.name = row.Text(1);
    g.timezone = row.Text(2);
    g.daily_scan_minute = static_cast<int>(row.Int(3));
    g.daily_scan_enabled = row.Int(4) != 0;
    domain::Parse(row.Text(5), &g.aws.auth_type);
    g.aws.region = row.Text(6);
    g.aws.access_key_id = row.Text(7);
    g.aws.secret_enc = row.Text(8);
    g.aws.role_arn = row.Text(9);
    g.aws.external_id = row.Text(10);
    g.aws.account_id = row.Text(11);
    g.aws.endpoint_url = row.Text(12);
    g.created_at = row.Int(13);
    g.sbom.enabled = row.Int(14) != 0;
    g.sbom.bucket = row.Text(15);
    g.sbom.key_prefix = row.Text(16);
    g.sbom.kms_key_arn = row.Text(17);
    g.sbom.format = row.Text(18);
    g.eol_near_days = static_cast<int>(row.Int(19));
    g.license_policy = row.Text(20);
    return g;
}

}  // namespace

int64_t NowSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Status RequireChanged(Result<int64_t> changed, std::string_view what) {
    if (!changed.ok()) {
        return std::move(changed).error();
    }
    if (*changed == 0) {
        return Error(ErrorCode::kNotFound, std::string(what) + " not found");
    }
    return Ok();
}

domain::Server ReadServer(const SqlRow& row) {
    domain::Server s;
    s.id = row.Int(0);
    s.group_id = row.Int(1);
    domain::Parse(row.Text(2), &s.kind);
    s.name = row.Text(3);
    domain::Parse(row.Text(4), &s.scan_mode);
    s.account_id = row.Text(5);
    s.region = row.Text(6);
    s.instance_id = row.Text(7);
    s.platform = row.Text(8);
    s.registry = row.Text(9);
    s.repository = row.Text(10);
    s.image_tag = row.Text(11);
    s.vuls_uuid = row.Text(12);
    s.created_at = row.Int(13);
    s.sbom_migrated_at = row.OptInt(14);
    s.sbom_object_key = row.Text(15);
    s.sbom_imported_at = row.Int(16);
    s.sbom_components = row.Int(17);
    s.distro = row.Text(18);
    return s;
}

Result<Id> SqlStore::CreateGroup(const domain::Group& group) {
    if (Trim(group.name).empty()) {
        return Error(ErrorCode::kInvalidInput, "group name must not be empty")
            .With("field", "name");
    }
    Id id = 0;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        auto r = InsertReturningId(conn,
                                   "INSERT INTO groups (name, timezone, daily_scan_minute, "
                                   "daily_scan_enabled, aws_external_id, created_at) "
                                   "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                   {group.name,
                                    group.timezone,
                                    int64_t{group.daily_scan_minute},
                                    int64_t{group.daily_scan_enabled ? 1 : 0},
                                    group.aws.external_id,
                                    group.created_at != 0 ? group.created_at : NowSeconds()});
        if (!r.ok()) {
            if (r.error().code() == ErrorCode::kConflict) {
                return Error(ErrorCode::kConflict,
                             "a group named '" + group.name + "' already exists");
            }
            return std::move(r).error();
        }
        id = *r;
        return Ok();
    }));
    return id;
}

Result<domain::Group> SqlStore::GetGroup(Id group_id) {
    std::optional<domain::Group> out;
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) {
        return conn.Query("SELECT " + std::string(kGroupColumns) + " FROM groups WHERE id = ?",
                          {group_id},
                          [&](const SqlRow& row) { out = ReadGroup(row); });
    }));
    if (!out) {
        return Error(ErrorCode::kNotFound, "group " + std::to_string(group_id) + " not found");
    }
    return *out;
}

Result<std::optional<domain::Group>> SqlStore::FindGroupByName(const std::string& name) {
    std::optional<domain::Group> out;
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) {
        return conn.Query("SELECT " + std::string(kGroupColumns) + " FROM groups WHERE name = ?",
                          {name},
                          [&](const SqlRow& row) { out = ReadGroup(row); });
    }));
    return out;
}

Result<std::vector<domain::Group>> SqlStore::ListGroups() {
    return SelectAll<domain::Group>(
        "SELECT " + std::string(kGroupColumns) + " FROM groups ORDER BY id", {}, ReadGroup);
}

Status SqlStore::UpdateGroupAws(Id group_id, const domain::AwsIntegration& aws) {
    return InTx(true, [&](SqlConnection& conn) {
        return RequireChanged(conn.Exec("UPDATE groups SET aws_auth_type = ?, aws_region = ?, "
                                        "aws_access_key_id = ?, aws_secret_enc = ?, "
                                        "aws_role_arn = ?, aws_external_id = ?, aws_account_id = "
                                        "?, aws_endpoint_url = ? WHERE id = ?",
                                        {std::string(domain::ToString(aws.auth_type)),
                                         aws.region,
                                         aws.access_key_id,
                                         aws.secret_enc,
                                         aws.role_arn,
                                         aws.external_id,
                                         aws.account_id,
                                         aws.endpoint_url,
                                         group_id}),
                              "group " + std::to_string(group_id));
    });
}

Status SqlStore::UpdateGroupSchedule(Id group_id,
                                     const std::string& timezone,
                                     int daily_minute,
                                     bool enabled) {
    if (daily_minute < 0 || daily_minute >= 24 * 60) {
        return Error(ErrorCode::kInvalidInput, "daily scan time must be between 00:00 and 23:59");
    }
    return InTx(true, [&](SqlConnection& conn) {
        return RequireChanged(
            conn.Exec("UPDATE groups SET timezone = ?, daily_scan_minute = ?, daily_scan_enabled = "
                      "? WHERE id = ?",
                      {timezone, int64_t{daily_minute}, int64_t{enabled ? 1 : 0}, group_id}),
            "group " + std::to_string(group_id));
    });
}

// ------------------------------------------------------------------ servers

Result<Id> SqlStore::CreateServer(const domain::Server& s) {
    Id id = 0;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        auto r = InsertReturningId(conn,
                                   "INSERT INTO servers (group_id, kind, name, scan_mode, "
                                   "account_id, region, instance_id, platform, registry, "
                                   "repository, image_tag, vuls_uuid, created_at) VALUES (?, ?, ?, "
                                   "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                   {s.group_id,
                                    std::string(domain::ToString(s.kind)),
                                    s.name,
                                    std::string(domain::ToString(s.scan_mode)),
                                    s.account_id,
                                    s.region,
                                    s.instance_id,
                                    s.platform,
                                    s.registry,
                                    s.repository,
                                    s.image_tag,
                                    s.vuls_uuid,
                                    s.created_at != 0 ? s.created_at : NowSeconds()});
        if (!r.ok()) {
            if (r.error().code() == ErrorCode::kConflict) {
                return Error(ErrorCode::kConflict, "this server is already registered in the group")
                    .With("server", s.name);
            }
            return std::move(r).error();
        }
        id = *r;
        return Ok();
    }));
    return id;
}

Result<domain::Server> SqlStore::GetServer(Id server_id) {
    std::optional<domain::Server> out;
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) {
        return conn.Query("SELECT " + std::string(kServerColumns) + " FROM servers WHERE id = ?",
                          {server_id},
                          [&](const SqlRow& row) { out = ReadServer(row); });
    }));
    if (!out) {
        return Error(ErrorCode::kNotFound, "server " + std::to_string(server_id) + " not found");
    }
    return *out;
}

Result<std::vector<domain::Server>> SqlStore::ListServers(Id group_id) {
    return SelectAll<domain::Server>(
        "SELECT " + std::string(kServerColumns) + " FROM servers WHERE group_id = ? ORDER BY id",
        {group_id},
        ReadServer);
}

Status SqlStore::SetScanMode(Id server_id, domain::ScanMode mode) {
    return InTx(true, [&](SqlConnection& conn) {
        return RequireChanged(conn.Exec("UPDATE servers SET scan_mode = ? WHERE id = ?",
                                        {std::string(domain::ToString(mode)), server_id}),
                              "server " + std::to_string(server_id));
    });
}

Status SqlStore::DeleteServer(Id server_id, const domain::AuditEvent& audit) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        // Detections reference vulnerabilities, tasks reference servers: cascade handles both.
        KENSA_TRY(RequireChanged(conn.Exec("DELETE FROM servers WHERE id = ?", {server_id}),
                                 "server " + std::to_string(server_id)));
        return WriteAudit(conn, audit);
    });
}

Result<Id> SqlStore::AddLambdaFunction(const domain::LambdaFunction& fn) {
    Id id = 0;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        auto r = InsertReturningId(
            conn,
            "INSERT INTO lambda_functions (server_id, arn, name, runtime, package_type, "
            "runtime_supported) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            {fn.server_id,
             fn.arn,
             fn.name,
             fn.runtime,
             fn.package_type,
             int64_t{fn.runtime_supported ? 1 : 0}});
        if (!r.ok()) {
            if (r.error().code() == ErrorCode::kConflict) {
                return Error(ErrorCode::kConflict,
                             "function " + fn.arn + " is already on this pseudo server");
            }
            return std::move(r).error();
        }
        id = *r;
        return Ok();
    }));
    return id;
}

Result<std::vector<domain::LambdaFunction>> SqlStore::ListLambdaFunctions(Id server_id) {
    return SelectAll<domain::LambdaFunction>(
        "SELECT id, server_id, arn, name, runtime, package_type, runtime_supported FROM "
        "lambda_functions "
        "WHERE server_id = ? ORDER BY id",
        {server_id},
        [](const SqlRow& row) {
            domain::LambdaFunction f;
            f.id = row.Int(0);
            f.server_id = row.Int(1);
            f.arn = row.Text(2);
            f.name = row.Text(3);
            f.runtime = row.Text(4);
            f.package_type = row.Text(5);
            f.runtime_supported = row.Int(6) != 0;
            return f;
        });
}

// ------------------------------------------------------------------ scan runs, audit, leases

namespace {

std::string EncodeSkipped(const std::vector<domain::SkippedResource>& skipped) {
    // One "resource\treason" per line; neither field may contain a tab or newline.
    std::string out;
    for (const auto& s : skipped) {
        std::string resource = s.resource;
        std::string reason = s.reason;
        for (std::string* field : {&resource, &reason}) {
            for (char& c : *field) {
                if (c == '\t' || c == '\n') {
                    c = ' ';
                }
            }
        }
        out += resource + "\t" + reason + "\n";
    }
    return out;
}

std::vector<domain::SkippedResource> DecodeSkipped(const std::string& text) {
    std::vector<domain::SkippedResource> out;
    for (const auto& line : Split(text, '\n')) {
        if (line.empty()) {
            continue;
        }
        size_t tab = line.find('\t');
        out.push_back({line.substr(0, tab), tab == std::string::npos ? "" : line.substr(tab + 1)});
    }
    return out;
}

constexpr std::string_view kRunColumns =
    "id, group_id, server_id, type, trigger_kind, status, started_at, finished_at, findings_seen, "
    "vulnerabilities, "
    "tasks_created, tasks_reopened, tasks_patched, rows_written, error_code, error_step, "
    "error_permission, "
    "error_message, error_hint, skipped, resources_imported, resources_skipped, "
    "components_imported";

domain::ScanRun ReadRun(const SqlRow& row) {
    domain::ScanRun r;
    r.id = row.Int(0);
    r.group_id = row.Int(1);
    r.server_id = row.OptInt(2);
    domain::Parse(row.Text(3), &r.type);
    domain::Parse(row.Text(4), &r.trigger);
    domain::Parse(row.Text(5), &r.status);
    r.started_at = row.Int(6);
    r.finished_at = row.Int(7);
    r.findings_seen = row.Int(8);
    r.vulnerabilities = row.Int(9);
    r.tasks_created = row.Int(10);
    r.tasks_reopened = row.Int(11);
    r.tasks_patched = row.Int(12);
    r.rows_written = row.Int(13);
    if (!row.Text(14).empty()) {
        r.error =
            domain::ScanError{row.Text(14), row.Text(15), row.Text(16), row.Text(17), row.Text(18)};
    }
    r.skipped = DecodeSkipped(row.Text(19));
    r.resources_imported = row.Int(20);
    r.resources_skipped = row.Int(21);
    r.components_imported = row.Int(22);
    return r;
}

}  // namespace

Result<Id> SqlStore::CreateScanRun(const domain::ScanRun& run) {
    Id id = 0;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_ASSIGN_OR_RETURN(id,
                               InsertReturningId(conn,
                                                 "INSERT INTO scan_runs (group_id, server_id, "
                                                 "type, trigger_kind, status, started_at) "
                                                 "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                                 {run.group_id,
                                                  Opt(run.server_id),
                                                  std::string(domain::ToString(run.type)),
                                                  std::string(domain::ToString(run.trigger)),
                                                  std::string(domain::ToString(run.status)),
                                                  run.started_at}));
        return Ok();
    }));
    return id;
}

Status SqlStore::FinishScanRun(const domain::ScanRun& run) {
    domain::ScanError e = run.error.value_or(domain::ScanError{});
    return InTx(true, [&](SqlConnection& conn) {
        return RequireChanged(
            conn.Exec("UPDATE scan_runs SET status = ?, finished_at = ?, findings_seen = ?, "
                      "vulnerabilities = ?, "
                      "tasks_created = ?, tasks_reopened = ?, tasks_patched = ?, rows_written = ?, "
                      "error_code = ?, "
                      "error_step = ?, error_permission = ?, error_message = ?, error_hint = ?, "
                      "skipped = ?, resources_imported = ?, "
                      "resources_skipped = ?, components_imported = ? WHERE id = ?",
                      {std::string(domain::ToString(run.status)),
                       run.finished_at,
                       run.findings_seen,
                       run.vulnerabilities,
                       run.tasks_created,
                       run.tasks_reopened,
                       run.tasks_patched,
                       run.rows_written,
                       e.code,
                       e.step,
                       e.missing_permission,
                       e.message,
                       e.hint,
                       EncodeSkipped(run.skipped),
                       run.resources_imported,
                       run.resources_skipped,
                       run.components_imported,
                       run.id}),
            "scan run " + std::to_string(run.id));
    });
}

Result<domain::ScanRun> SqlStore::GetScanRun(Id run_id) {
    std::optional<domain::ScanRun> out;
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) {
        return conn.Query("SELECT " + std::string(kRunColumns) + " FROM scan_runs WHERE id = ?",
                          {run_id},
                          [&](const SqlRow& row) { out = ReadRun(row); });
    }));
    if (!out) {
        return Error(ErrorCode::kNotFound, "scan run " + std::to_string(run_id) + " not found");
    }
    return *out;
}

Result<std::vector<domain::ScanRun>> SqlStore::ListScanRuns(Id group_id, int limit) {
    return SelectAll<domain::ScanRun>(
        "SELECT " + std::string(kRunColumns) +
            " FROM scan_runs WHERE group_id = ? ORDER BY id DESC LIMIT ?",
        {group_id, int64_t{std::clamp(limit, 1, 1000)}},
        ReadRun);
}

Status WriteAudit(SqlConnection& conn, const domain::AuditEvent& e) {
    KENSA_TRY(
        conn.Exec("INSERT INTO audit_events (group_id, actor, action, target, detail, at) VALUES "
                  "(?, ?, ?, ?, ?, ?)",
                  {Opt(e.group_id), e.actor, e.action, e.target, e.detail, e.at}));
    return Ok();
}

Status SqlStore::AppendAudit(const domain::AuditEvent& e) {
    return InTx(true, [&](SqlConnection& conn) -> Status { return WriteAudit(conn, e); });
}

Result<std::vector<domain::AuditEvent>> SqlStore::ListAudit(Id group_id,
                                                            std::optional<Id> before_id,
                                                            int limit) {
    return SelectAll<domain::AuditEvent>(
        "SELECT id, group_id, actor, action, target, detail, at FROM audit_events WHERE group_id "
        "= ? AND id < ? ORDER BY id DESC LIMIT ?",
        {group_id, before_id.value_or(INT64_MAX), int64_t{std::clamp(limit, 1, 1000)}},
        [](const SqlRow& row) {
            domain::AuditEvent e;
            e.id = row.Int(0);
            e.group_id = row.OptInt(1);
            e.actor = row.Text(2);
            e.action = row.Text(3);
            e.target = row.Text(4);
            e.detail = row.Text(5);
            e.at = row.Int(6);
            return e;
        });
}

Result<bool> SqlStore::TryAcquireLease(const std::string& name,
                                       const std::string& holder,
                                       ports::EpochSeconds now,
                                       int ttl_seconds) {
    bool acquired = false;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_ASSIGN_OR_RETURN(
            auto changed,
            conn.Exec("INSERT INTO job_leases (name, holder, expires_at) VALUES (?, ?, ?) ON "
                      "CONFLICT (name) DO UPDATE "
                      "SET holder = excluded.holder, expires_at = excluded.expires_at "
                      "WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= ?",
                      {name, holder, now + ttl_seconds, now}));
        acquired = changed > 0;
        return Ok();
    }));
    return acquired;
}

Result<std::map<std::string, int64_t>> SqlStore::TableCounts() {
    static constexpr std::string_view kTables[] = {"groups",
                                                   "users",
                                                   "servers",
                                                   "lambda_functions",
                                                   "software",
                                                   "vulnerabilities",
                                                   "group_vulnerabilities",
                                                   "detections",
                                                   "network_findings",
                                                   "tasks",
                                                   "task_comments",
                                                   "task_history",
                                                   "scan_runs",
                                                   "audit_events",
                                                   "advisories"};
    std::map<std::string, int64_t> out;
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) -> Status {
        for (auto table : kTables) {
            KENSA_ASSIGN_OR_RETURN(auto n,
                                   conn.QueryInt("SELECT COUNT(*) FROM " + std::string(table)));
            out[std::string(table)] = n.value_or(0);
        }
        return Ok();
    }));
    return out;
}

}  // namespace kensa::store
