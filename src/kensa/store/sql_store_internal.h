#pragma once
// Private to the store module: the SqlStore class shared by sql_store.cpp and sql_store_scan.cpp.

#include <mutex>
#include <string_view>
#include <vector>

#include "kensa/domain/scan_mode.h"
#include "kensa/store/sql_store.h"

namespace kensa::store {

class SqlStore final : public ports::Store {
    using EpochSeconds = domain::EpochSeconds;

public:
    SqlStore(std::unique_ptr<ConnectionPool> pool, std::string dialect)
        : pool_(std::move(pool)), dialect_(std::move(dialect)) {}

    Status Migrate() override;
    Result<int> SchemaVersion() override;
    std::string_view Backend() const override { return dialect_; }

    Result<ports::Id> CreateGroup(const domain::Group& group) override;
    Result<domain::Group> GetGroup(ports::Id group_id) override;
    Result<std::optional<domain::Group>> FindGroupByName(const std::string& name) override;
    Result<std::vector<domain::Group>> ListGroups() override;
    Status UpdateGroupAws(ports::Id group_id, const domain::AwsIntegration& aws) override;
    Status UpdateGroupSchedule(ports::Id group_id,
                               const std::string& timezone,
                               int daily_minute,
                               bool enabled) override;
    Result<int64_t> UpdateGroupSbom(ports::Id group_id,
                                    const domain::SbomExportSettings& sbom,
                                    const std::vector<domain::ScanModeChange>& modes) override;
    Result<std::optional<ports::EpochSeconds>> TryStartManualSbomExport(ports::Id group_id,
                                                                        ports::EpochSeconds now,
                                                                        int min_interval) override;
    Result<ports::Id> CreateUser(const domain::User& user) override;
    Result<std::optional<domain::User>> FindUserByName(const std::string& name) override;
    Result<domain::User> GetUser(ports::Id user_id) override;
    Result<std::optional<ports::UserLogin>> FindLogin(const std::string& name) override;
    Result<std::vector<domain::User>> ListUsers() override;
    Status SetPasswordHash(ports::Id user_id, const std::string& password_hash) override;
    Status SetMembership(ports::Id user_id, ports::Id group_id, domain::Role role) override;
    Status RemoveMembership(ports::Id user_id, ports::Id group_id) override;
    Result<std::optional<domain::Role>> GetRole(ports::Id user_id, ports::Id group_id) override;
    Result<std::vector<ports::Member>> ListMembers(ports::Id group_id) override;
    Result<ports::Id> AddApiToken(const domain::ApiToken& token,
                                  const std::string& token_hash) override;
    Result<std::optional<ports::TokenOwner>> FindApiToken(const std::string& token_hash) override;
    Result<std::vector<domain::ApiToken>> ListApiTokens(ports::Id user_id) override;
    Status RevokeApiToken(ports::Id user_id, ports::Id token_id, ports::EpochSeconds now) override;
    Status TouchApiToken(ports::Id token_id, ports::EpochSeconds now) override;

    Status CreateSession(const domain::Session& session) override;
    Result<std::optional<domain::Session>> FindSession(const std::string& id_hash) override;
    Status TouchSession(const std::string& id_hash, ports::EpochSeconds now) override;
    Status DeleteSession(const std::string& id_hash) override;
    Status DeleteUserSessions(ports::Id user_id) override;
    Result<std::vector<ports::Id>> RecordLoginFailure(const std::vector<std::string>& subjects,
                                                      ports::EpochSeconds now) override;
    Status ForgetLoginFailures(const std::vector<ports::Id>& ids) override;
    Result<int> CountLoginFailures(const std::string& subject, ports::EpochSeconds since) override;

    Result<ports::Id> CreateServer(const domain::Server& server) override;
    Result<domain::Server> GetServer(ports::Id server_id) override;
    Result<std::vector<domain::Server>> ListServers(ports::Id group_id) override;
    Status SetScanMode(ports::Id server_id, domain::ScanMode mode) override;
    Status DeleteServer(ports::Id server_id, const domain::AuditEvent& audit) override;
    Result<ports::Id> AddLambdaFunction(const domain::LambdaFunction& fn) override;
    Result<std::vector<domain::LambdaFunction>> ListLambdaFunctions(ports::Id server_id) override;
    Status RecordSbomImport(ports::Id server_id,
                            const std::string& object_keys,
                            int64_t components,
                            ports::EpochSeconds now) override;

    Result<ports::ScanApplyStats> ApplyScan(ports::Id server_id,
                                            const domain::ScanObservation& observation,
                                            const std::vector<ports::NetworkFinding>& network,
                                            ports::EpochSeconds now) override;
    Result<int64_t> BulkInsertSoftware(ports::Id server_id,
                                       std::span<const domain::Software> rows,
                                       ports::EpochSeconds now) override;
    Result<std::vector<domain::Software>> ListSoftware(ports::Id server_id,
                                                       bool include_removed) override;
    Result<std::vector<domain::Software>> ListSoftwarePage(ports::Id server_id,
                                                           bool include_removed,
                                                           ports::Id after_id,
                                                           int limit) override;
    Status ForEachSoftware(ports::Id server_id,
                           bool include_removed,
                           const std::function<void(domain::Software&&)>& fn) override;
    Result<std::vector<domain::Software>> ListGroupSoftware(
        ports::Id group_id,
        const ports::GroupSoftwareFilter& filter,
        ports::Id after_id,
        int limit) override;

    Status UpdateGroupInventory(ports::Id group_id,
                                int eol_near_days,
                                const std::string& license_policy) override;
    Result<std::vector<domain::EolItem>> ListServerEolItems(ports::Id server_id) override;
    Status ApplyEolChanges(ports::Id server_id, const domain::EolChanges& changes) override;
    Result<std::vector<domain::EolItem>> ListGroupEolItems(ports::Id group_id,
                                                           bool include_closed) override;
    Result<std::optional<domain::EolItem>> GetEolItem(ports::Id group_id,
                                                      ports::Id item_id) override;
    Status UpdateEolItemWork(ports::Id group_id, const domain::EolItem& item) override;
    Result<std::optional<ports::EolSnapshotRecord>> GetEolSnapshot() override;
    Status SaveEolSnapshot(const ports::EolSnapshotRecord& record) override;
    Result<std::vector<domain::Detection>> ListDetections(ports::Id server_id) override;
    Result<std::optional<domain::Vulnerability>> GetVulnerability(domain::Id group_id,
                                                                  const std::string& id) override;
    Result<std::vector<ports::NetworkFinding>> ListNetworkFindings(ports::Id server_id) override;

    Result<std::vector<ports::TaskView>> ListTasks(const ports::TaskFilter& filter) override;
    Result<domain::Task> GetTask(ports::Id task_id) override;
    Result<domain::Task> ChangeTask(ports::Id task_id,
                                    const ports::TaskChangePlan& plan,
                                    ports::Id* comment_id) override;
    Result<std::vector<domain::TaskComment>> ListComments(ports::Id task_id) override;
    Result<std::vector<domain::TaskHistoryEntry>> ListHistory(ports::Id task_id) override;
    Result<int64_t> ChangeTasks(const std::vector<ports::Id>& task_ids,
                                const ports::TaskChangePlan& plan) override;
    Result<std::vector<ports::Id>> ListIgnoreEnded(ports::EpochSeconds now) override;
    Result<std::vector<ports::OpenTaskCount>> CountOpenTasks(ports::Id group_id) override;
    Result<std::vector<domain::TaskDayCounts>> TaskDays(ports::Id group_id,
                                                        ports::EpochSeconds since) override;

    Result<ports::Id> CreateScanRun(const domain::ScanRun& run) override;
    Status FinishScanRun(const domain::ScanRun& run) override;
    Result<domain::ScanRun> GetScanRun(ports::Id run_id) override;
    Result<std::vector<domain::ScanRun>> ListScanRuns(ports::Id group_id, int limit) override;
    Status AppendAudit(const domain::AuditEvent& event) override;
    Result<std::vector<domain::AuditEvent>> ListAudit(ports::Id group_id,
                                                      std::optional<ports::Id> before_id,
                                                      int limit) override;
    Result<ports::AdvisoryUpsertStats> UpsertAdvisories(
        std::span<const ports::AdvisoryRecord> records, ports::EpochSeconds now) override;
    Status ForEachAdvisory(const std::function<void(ports::AdvisoryRecord&&)>& fn) override;
    Result<bool> TryAcquireLease(const std::string& name,
                                 const std::string& holder,
                                 ports::EpochSeconds now,
                                 int ttl_seconds) override;
    Result<std::map<std::string, int64_t>> TableCounts() override;

    Result<std::optional<domain::Server>> FindVulsServer(ports::Id group_id,
                                                         const domain::VulsServerKey& key) override;
    Status SaveVulsHost(const domain::VulsHost& host) override;
    Result<std::vector<domain::VulsHost>> ListVulsHosts(ports::Id group_id) override;
    Result<ports::Id> AddUploadToken(const domain::UploadToken& token,
                                     const std::string& token_hash) override;
    Result<std::optional<domain::UploadToken>> FindUploadToken(
        const std::string& token_hash) override;
    Result<std::vector<domain::UploadToken>> ListUploadTokens(ports::Id group_id) override;
    Status RevokeUploadToken(ports::Id group_id,
                             ports::Id token_id,
                             ports::EpochSeconds now) override;
    Status TouchUploadToken(ports::Id token_id, ports::EpochSeconds now) override;
    Status AddUploadCredential(const domain::UploadCredential& credential,
                               ports::EpochSeconds now) override;
    Result<std::optional<domain::UploadCredential>> FindUploadCredential(
        const std::string& access_key_id) override;

private:
    /// One read-only query; map_row turns each row into a T, in result order.
    template <class T, class MapRow>
    Result<std::vector<T>> SelectAll(std::string_view sql,
                                     std::vector<SqlValue> params,
                                     MapRow map_row) {
        std::vector<T> out;
        KENSA_TRY(InTx(false, [&](SqlConnection& conn) {
            out.clear();  // a retried transaction starts over
            return conn.Query(sql, params, [&](const SqlRow& row) { out.push_back(map_row(row)); });
        }));
        return out;
    }
    /// Runs fn in one transaction; commits on success, rolls back on error. Write
    /// transactions on SQLite hold write_mutex_. Transient failures are retried.
    Status InTx(bool write, const std::function<Status(SqlConnection&)>& fn);
    /// Streams the rows of one query to `fn` in a read transaction. A transient failure after
    /// a row was delivered is not retried (the caller would see rows twice); the callback must
    /// not call the store (it holds a pooled connection).
    Status StreamRows(const std::string& sql,
                      std::vector<SqlValue> params,
                      const std::function<void(const SqlRow&)>& fn);
    /// Loads the task (locked on PostgreSQL), asks `plan`, writes what it returns. `changed`
    /// is set when something was written.
    Status ApplyTaskChange(SqlConnection& conn,
                           ports::Id task_id,
                           const ports::TaskChangePlan& plan,
                           ports::Id* comment_id,
                           domain::Task* written,
                           bool* changed);
    /// Null-safe "differs" operator of the dialect.
    std::string Distinct() const { return dialect_ == "postgres" ? "IS DISTINCT FROM" : "IS NOT"; }
    bool IsPostgres() const { return dialect_ == "postgres"; }

    std::unique_ptr<ConnectionPool> pool_;
    std::string dialect_;
    std::mutex write_mutex_;
};

/// The task columns, qualified by the alias "t", in the order ReadTask reads them.
inline constexpr std::string_view kTaskColumns =
    "t.id, t.group_id, t.server_id, t.vulnerability_id, t.status, t.priority, t.assignee, "
    "t.deadline, "
    "t.user_status, t.created_at, t.updated_at, t.sub_assignee, t.ignore_until";
inline constexpr int kTaskColumnCount = 13;
domain::Task ReadTask(const SqlRow& row);

/// The server columns, in the order ReadServer reads them.
inline constexpr std::string_view kServerColumns =
    "id, group_id, kind, name, scan_mode, account_id, region, instance_id, platform, registry, "
    "repository, image_tag, vuls_uuid, created_at, sbom_migrated_at, sbom_object_key, "
    "sbom_imported_at, sbom_components, distro";
domain::Server ReadServer(const SqlRow& row);

/// Appends one audit event inside the caller's transaction.
Status WriteAudit(SqlConnection& conn, const domain::AuditEvent& event);

/// The wall clock, for rows whose caller gives no time.
int64_t NowSeconds();
/// kNotFound naming `what` when the statement changed no row.
Status RequireChanged(Result<int64_t> changed, std::string_view what);

/// Inserts a row and returns its id ("... RETURNING id").
Result<int64_t> InsertReturningId(SqlConnection& conn,
                                  std::string_view sql,
                                  const std::vector<SqlValue>& params);

}  // namespace kensa::store
