#pragma once
// The persistence port. Implementation: store::SqlStore over SQLite (embedded default) or
// PostgreSQL (scale-out); both run the same contract suite (src/kensa/store/conformance).
//
// Contract for every method:
//  - Each call is one transaction: it either applies completely or not at all.
//  - Thread-safety: all methods may be called concurrently from any thread.
//  - "Not found" is ErrorCode::kNotFound; unique-key clashes are kConflict.
//  - Tenancy: methods taking a group_id never return rows of another group.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"
#include "kensa/domain/scan_reconcile.h"

namespace kensa::ports {

using domain::EpochSeconds;
using domain::Id;

/// What ApplyScan changed.
struct ScanApplyStats {
    int64_t rows_written = 0;  ///< every row inserted or updated, excluding scan_runs
    int64_t tasks_created = 0;
    int64_t tasks_reopened = 0;
    int64_t tasks_patched = 0;
    int64_t active_detections = 0;
    int64_t vulnerabilities = 0;  ///< distinct vulnerabilities seen by this scan
};

struct NetworkFinding {
    std::string finding_arn;
    std::string title;
    std::string severity;
    std::string protocol;
    int port_begin = 0;
    int port_end = 0;
};

struct TaskFilter {
    Id group_id = 0;
    std::optional<Id> server_id;
    std::optional<domain::TaskStatus> status;
    std::string vulnerability_id;
    int limit = 100;
    Id after_id = 0;  ///< keyset pagination: tasks with id > after_id, ordered by id
};

/// A task joined with what a list shows about it.
struct TaskView {
    domain::Task task;
    std::string server_name;
    std::string severity;
    double cvss3_score = 0;
    std::string title;
};

/// One advisory as the store keeps it: knowledge::Advisory serialised by the knowledge module.
struct AdvisoryRecord {
    std::string id;
    std::string modified;  ///< OSV `modified`; an unchanged value means an unchanged record
    bool withdrawn = false;
    std::string doc;       ///< normalised JSON
};

struct AdvisoryUpsertStats {
    int64_t inserted = 0;
    int64_t updated = 0;
    int64_t unchanged = 0;
};

class Store {
public:
    virtual ~Store() = default;

    /// Applies pending migrations in one transaction. Refuses (kConflict) a database whose
    /// schema is newer than this binary knows.
    virtual Status Migrate() = 0;
    virtual Result<int> SchemaVersion() = 0;
    /// "sqlite" or "postgres".
    virtual std::string_view Backend() const = 0;

    // ---- groups, users
    virtual Result<Id> CreateGroup(const domain::Group& group) = 0;
    virtual Result<domain::Group> GetGroup(Id group_id) = 0;
    virtual Result<std::optional<domain::Group>> FindGroupByName(const std::string& name) = 0;
    virtual Result<std::vector<domain::Group>> ListGroups() = 0;
    virtual Status UpdateGroupAws(Id group_id, const domain::AwsIntegration& aws) = 0;
    virtual Status UpdateGroupSchedule(Id group_id, const std::string& timezone, int daily_minute, bool enabled) = 0;
    /// Saves the SBOM export settings and, in the same transaction, switches the group's EC2,
    /// pseudo and ECR servers to inspector_sbom (enabled) or back to normal (R13). Vuls servers
    /// are never touched (R19). Returns the number of servers whose mode changed.
    virtual Result<int64_t> UpdateGroupSbom(Id group_id, const domain::SbomExportSettings& sbom) = 0;
    /// R14 rate limit: accepts a manual bulk export when none was accepted in the last
    /// `min_interval` seconds and records `now`; atomic across processes. Returns nullopt when
    /// accepted, else the epoch second from which the next one will be accepted.
    virtual Result<std::optional<EpochSeconds>> TryStartManualSbomExport(Id group_id, EpochSeconds now,
                                                                         int min_interval) = 0;
    virtual Result<Id> CreateUser(const domain::User& user) = 0;
    virtual Result<std::optional<domain::User>> FindUserByName(const std::string& name) = 0;
    virtual Status SetMembership(Id user_id, Id group_id, domain::Role role) = 0;
    /// The user's role in the group, or nullopt when not a member.
    virtual Result<std::optional<domain::Role>> GetRole(Id user_id, Id group_id) = 0;
    virtual Status AddApiToken(Id user_id, const std::string& token_hash, const std::string& label) = 0;
    virtual Result<std::optional<domain::User>> FindUserByTokenHash(const std::string& token_hash) = 0;

    // ---- servers
    virtual Result<Id> CreateServer(const domain::Server& server) = 0;
    virtual Result<domain::Server> GetServer(Id server_id) = 0;
    virtual Result<std::vector<domain::Server>> ListServers(Id group_id) = 0;
    virtual Status SetScanMode(Id server_id, domain::ScanMode mode) = 0;
    virtual Status DeleteServer(Id server_id) = 0;
    /// Adds a function to a pseudo server; kConflict if the ARN is already there.
    virtual Result<Id> AddLambdaFunction(const domain::LambdaFunction& fn) = 0;
    virtual Result<std::vector<domain::LambdaFunction>> ListLambdaFunctions(Id server_id) = 0;
    /// Records what the last SBOM import read for a server (diagnostics).
    virtual Status RecordSbomImport(Id server_id, const std::string& object_keys, int64_t components,
                                    EpochSeconds now) = 0;

    // ---- scans
    /// Reconciles one server's scan in one write transaction (domain::Reconcile): upserts
    /// vulnerabilities, software, detections and tasks, and writes system comments and history.
    /// Writes nothing when nothing changed. On error nothing is written.
    virtual Result<ScanApplyStats> ApplyScan(Id server_id,
                                             const domain::ScanObservation& observation,
                                             const std::vector<NetworkFinding>& network,
                                             EpochSeconds now) = 0;
    /// Bulk path: inserts software rows for one server in batches inside one transaction
    /// (multi-row INSERT). All or nothing. Returns rows inserted (existing keys are skipped).
    virtual Result<int64_t> BulkInsertSoftware(Id server_id,
                                               std::span<const domain::Software> rows,
                                               EpochSeconds now) = 0;
    virtual Result<std::vector<domain::Software>> ListSoftware(Id server_id, bool include_removed) = 0;
    /// One keyset page of a server's software: rows with id > after_id, in id order, at most
    /// `limit` of them.
    virtual Result<std::vector<domain::Software>> ListSoftwarePage(Id server_id,
                                                                   bool include_removed,
                                                                   Id after_id,
                                                                   int limit) = 0;
    /// Streams a server's software rows in id order without holding them all (the matcher reads
    /// a pseudo server's hundreds of thousands of rows this way). `fn` must not call the store.
    virtual Status ForEachSoftware(Id server_id,
                                   bool include_removed,
                                   const std::function<void(domain::Software&&)>& fn) = 0;
    virtual Result<std::vector<domain::Detection>> ListDetections(Id server_id) = 0;
    virtual Result<std::optional<domain::Vulnerability>> GetVulnerability(const std::string& id) = 0;
    virtual Result<std::vector<NetworkFinding>> ListNetworkFindings(Id server_id) = 0;

    // ---- tasks
    virtual Result<std::vector<TaskView>> ListTasks(const TaskFilter& filter) = 0;
    virtual Result<domain::Task> GetTask(Id task_id) = 0;
    /// A user's status change (domain::OnUserSetStatus), with a history row.
    virtual Status SetTaskStatus(Id task_id, domain::TaskStatus status, const std::string& actor, EpochSeconds now) = 0;
    virtual Status SetTaskPriority(Id task_id, domain::TaskPriority priority, const std::string& actor, EpochSeconds now) = 0;
    virtual Result<Id> AddComment(const domain::TaskComment& comment) = 0;
    virtual Result<std::vector<domain::TaskComment>> ListComments(Id task_id) = 0;
    virtual Result<std::vector<domain::TaskHistoryEntry>> ListHistory(Id task_id) = 0;

    // ---- scan runs, audit, jobs
    virtual Result<Id> CreateScanRun(const domain::ScanRun& run) = 0;
    virtual Status FinishScanRun(const domain::ScanRun& run) = 0;
    virtual Result<domain::ScanRun> GetScanRun(Id run_id) = 0;
    virtual Result<std::vector<domain::ScanRun>> ListScanRuns(Id group_id, int limit) = 0;
    virtual Status AppendAudit(const domain::AuditEvent& event) = 0;
    // ---- advisories (global knowledge, not per group)
    /// Inserts new records, replaces records whose `modified` changed, skips the rest; one
    /// transaction.
    virtual Result<AdvisoryUpsertStats> UpsertAdvisories(std::span<const AdvisoryRecord> records,
                                                         EpochSeconds now) = 0;
    /// Streams every stored advisory (withdrawn ones included) in id order. `fn` must not call
    /// the store.
    virtual Status ForEachAdvisory(const std::function<void(AdvisoryRecord&&)>& fn) = 0;

    /// Takes or renews a named lease until now+ttl; false if another holder has it.
    virtual Result<bool> TryAcquireLease(const std::string& name, const std::string& holder, EpochSeconds now,
                                         int ttl_seconds) = 0;
    /// Row counts per table (metrics and tests).
    virtual Result<std::map<std::string, int64_t>> TableCounts() = 0;
};
using StorePtr = std::unique_ptr<Store>;

}  // namespace kensa::ports
