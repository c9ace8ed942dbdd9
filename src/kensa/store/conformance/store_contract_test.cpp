// The store contract: one suite, run against SQLite always and against PostgreSQL when
// KENSA_TEST_PG_DSN names a server (make test starts one). A backend that ignored
// transactions, constraints or the writer discipline fails here.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <map>
#include <filesystem>
#include <thread>

#include "kensa/domain/scan_mode.h"
#include "kensa/domain/task_edit.h"
#include "kensa/store/sql_store.h"

namespace kensa::store {
namespace {

namespace fs = std::filesystem;
using domain::Id;

ports::TaskFilter Filter(Id group, std::string vuln = "") {
    ports::TaskFilter f;
    f.group_id = group;
    f.vulnerability_id = std::move(vuln);
    return f;
}

// A user's edit as app/tasks applies it: the domain's plan, with an audit event.
Result<domain::Task> Edit(ports::TaskStore& store, Id task, domain::TaskEdit edit, const std::string& actor,
                          domain::EpochSeconds now) {
    return store.ChangeTask(
        task,
        [&](const domain::Task& current) -> Result<ports::TaskWrite> {
            KENSA_ASSIGN_OR_RETURN(auto result, domain::ApplyTaskEdit(current, edit, actor, now));
            ports::TaskWrite write;
            write.task = result.task;
            write.history = result.history;
            write.comment = result.comment;
            write.audit.group_id = current.group_id;
            write.audit.actor = actor;
            write.audit.action = "task.update";
            write.audit.at = now;
            return write;
        },
        nullptr);
}

domain::TaskEdit StatusEdit(domain::TaskStatus status) {
    domain::TaskEdit e;
    e.status = status;
    return e;
}

std::string PgDsn() {
    const char* dsn = std::getenv("KENSA_TEST_PG_DSN");
    return dsn != nullptr ? dsn : "";
}

class StoreContract : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "postgres") {
            if (PgDsn().empty()) {
                GTEST_SKIP() << "KENSA_TEST_PG_DSN not set; PostgreSQL contract tests skipped";
            }
            ResetPostgres();
            url_ = PgDsn();
        } else {
            dir_ = fs::temp_directory_path() / ("kensa-store-" + std::to_string(::getpid()) + "-" +
                                                std::to_string(counter_++));
            fs::create_directories(dir_);
            url_ = "sqlite:" + (dir_ / "kensa.db").string();
        }
        store_ = Open();
        ASSERT_TRUE(store_->Migrate().ok());
    }
    void TearDown() override {
        store_.reset();
        if (!dir_.empty()) {
            fs::remove_all(dir_);
        }
    }
    ports::StorePtr Open() {
        auto s = MakeStore({url_, 8});
        EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().ToString());
        return std::move(s).value();
    }
    void ResetPostgres() {
        PGconn* c = PQconnectdb(PgDsn().c_str());
        ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
        PQclear(PQexec(c, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"));
        PQfinish(c);
    }
    Id MakeGroup(const std::string& name = "blue") {
        domain::Group g;
        g.name = name;
        auto id = store_->CreateGroup(g);
        EXPECT_TRUE(id.ok());
        return *id;
    }
    Id MakeServer(Id group, const std::string& instance = "i-0123456789abcdef0") {
        domain::Server s;
        s.group_id = group;
        s.kind = domain::ServerKind::kEc2;
        s.name = instance;
        s.account_id = "123456789012";
        s.region = "us-east-1";
        s.instance_id = instance;
        auto id = store_->CreateServer(s);
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().ToString());
        return *id;
    }
    static domain::Software Pkg(std::string name, std::string version) {
        domain::Software s;
        s.key.name = std::move(name);
        s.key.version = std::move(version);
        s.type = domain::SoftwareType::kOsPkg;
        s.ecosystem = "rpm";
        s.package_manager = "OS";
        return s;
    }
    // A scan observing `vulns` (id -> package) on a server.
    static domain::ScanObservation Scan(const std::vector<std::pair<std::string, std::string>>& vulns) {
        domain::ScanObservation obs;
        for (const auto& [vuln, pkg] : vulns) {
            domain::Vulnerability v;
            v.id = vuln;
            v.severity = domain::Severity::kHigh;
            v.cvss3_score = 7.5;
            v.title = vuln + " in " + pkg;
            obs.vulnerabilities.push_back(v);
            obs.software.push_back(Pkg(pkg, "1.0"));
            obs.detections.push_back({vuln, Pkg(pkg, "1.0").key, "arn:finding/" + vuln, "1.1", "package"});
        }
        return obs;
    }
    int64_t Count(const std::string& table) {
        auto counts = store_->TableCounts();
        EXPECT_TRUE(counts.ok());
        return (*counts)[table];
    }

    static inline std::atomic<int> counter_{0};
    fs::path dir_;
    std::string url_;
    ports::StorePtr store_;
};

TEST_P(StoreContract, MigratesFromEmptyAndIsIdempotent) {
    auto v = store_->SchemaVersion();
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(*v, LatestSchemaVersion());
    EXPECT_GE(*v, 1);
    EXPECT_TRUE(store_->Migrate().ok());
    EXPECT_EQ(*store_->SchemaVersion(), LatestSchemaVersion());
    EXPECT_EQ(store_->Backend(), GetParam());
}

TEST_P(StoreContract, RefusesADatabaseFromANewerKensa) {
    // Simulate a newer binary having migrated this database.
    {
        auto conn = GetParam() == "postgres" ? OpenPostgres(PgDsn()) : OpenSqlite(url_.substr(7));
        ASSERT_TRUE(conn.ok());
        ASSERT_TRUE((*conn)->Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)").ok());
    }
    auto other = Open();
    Status st = other->Migrate();
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code(), ErrorCode::kConflict);
    EXPECT_NE(st.error().message().find("newer kensa"), std::string::npos) << st.error().message();
    EXPECT_EQ(st.error().Detail("schema_version"), "999");
}

TEST_P(StoreContract, GroupsUsersAndTokens) {
    Id g = MakeGroup("blue");
    domain::Group dup;
    dup.name = "blue";
    auto clash = store_->CreateGroup(dup);
    ASSERT_FALSE(clash.ok());
    EXPECT_EQ(clash.error().code(), ErrorCode::kConflict);

    domain::AwsIntegration aws;
    aws.auth_type = domain::AwsAuthType::kAssumeRole;
    aws.region = "us-east-1";
    aws.role_arn = "arn:aws:iam::123456789012:role/kensa";
    aws.external_id = "ext-1";
    ASSERT_TRUE(store_->UpdateGroupAws(g, aws).ok());
    auto got = store_->GetGroup(g);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->aws.auth_type, domain::AwsAuthType::kAssumeRole);
    EXPECT_EQ(got->aws.role_arn, aws.role_arn);
    EXPECT_EQ(store_->GetGroup(g + 100).error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(store_->UpdateGroupAws(g + 100, aws).error().code(), ErrorCode::kNotFound);

    domain::User u;
    u.name = "alice";
    auto uid = store_->CreateUser(u);
    ASSERT_TRUE(uid.ok());
    ASSERT_TRUE(store_->SetMembership(*uid, g, domain::Role::kMember).ok());
    ASSERT_TRUE(store_->SetMembership(*uid, g, domain::Role::kAdmin).ok());
    EXPECT_EQ(**store_->GetRole(*uid, g), domain::Role::kAdmin);
    Id other = MakeGroup("red");
    EXPECT_FALSE(store_->GetRole(*uid, other)->has_value());
    ASSERT_TRUE(store_->AddApiToken(*uid, "hash-1", "ci").ok());
    auto by_token = store_->FindUserByTokenHash("hash-1");
    ASSERT_TRUE(by_token.ok() && by_token->has_value());
    EXPECT_EQ((*by_token)->name, "alice");
    EXPECT_FALSE(store_->FindUserByTokenHash("nope")->has_value());
}

TEST_P(StoreContract, ServersAndLambdaFunctions) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    domain::Server again;
    again.group_id = g;
    again.kind = domain::ServerKind::kEc2;
    again.name = "dup";
    again.account_id = "123456789012";
    again.region = "us-east-1";
    again.instance_id = "i-0123456789abcdef0";
    EXPECT_EQ(store_->CreateServer(again).error().code(), ErrorCode::kConflict);

    domain::Server pseudo;
    pseudo.group_id = g;
    pseudo.kind = domain::ServerKind::kPseudo;
    pseudo.name = "lambdas";
    Id p = *store_->CreateServer(pseudo);
    domain::LambdaFunction fn;
    fn.server_id = p;
    fn.arn = "arn:aws:lambda:us-east-1:123456789012:function:a";
    fn.name = "a";
    fn.runtime = "python3.12";
    ASSERT_TRUE(store_->AddLambdaFunction(fn).ok());
    EXPECT_EQ(store_->AddLambdaFunction(fn).error().code(), ErrorCode::kConflict);
    EXPECT_EQ(store_->ListLambdaFunctions(p)->size(), 1u);
    EXPECT_EQ(store_->ListServers(g)->size(), 2u);
    ASSERT_TRUE(store_->SetScanMode(s, domain::ScanMode::kInspectorSbom).ok());
    EXPECT_EQ(store_->GetServer(s)->scan_mode, domain::ScanMode::kInspectorSbom);
    domain::AuditEvent audit;
    audit.group_id = g;
    audit.actor = "alice";
    audit.action = "server.delete";
    const int64_t audits = Count("audit_events");
    ASSERT_TRUE(store_->DeleteServer(p, audit).ok());
    EXPECT_EQ(Count("audit_events"), audits + 1);  // in the same transaction
    EXPECT_EQ(store_->DeleteServer(p, audit).error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(Count("audit_events"), audits + 1);
    EXPECT_EQ(store_->GetServer(p).error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(Count("lambda_functions"), 0);
}

TEST_P(StoreContract, ScanLifecycleAndUnchangedRescanWritesNothing) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    auto first = store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}, {"CVE-2", "curl"}}), {}, 1000);
    ASSERT_TRUE(first.ok()) << first.error().ToString();
    EXPECT_EQ(first->tasks_created, 2);
    EXPECT_EQ(first->active_detections, 2);

    auto tasks = store_->ListTasks(Filter(g));
    ASSERT_TRUE(tasks.ok());
    ASSERT_EQ(tasks->size(), 2u);
    Id curl_task = (*tasks)[1].task.vulnerability_id == "CVE-2" ? (*tasks)[1].task.id : (*tasks)[0].task.id;
    Id openssl_task = curl_task == (*tasks)[0].task.id ? (*tasks)[1].task.id : (*tasks)[0].task.id;
    EXPECT_EQ((*tasks)[0].severity, domain::Severity::kHigh);
    EXPECT_EQ((*tasks)[0].task.priority, domain::TaskPriority::kHigh);
    ASSERT_TRUE(Edit(*store_, curl_task, StatusEdit(domain::TaskStatus::kOngoing), "alice", 1001).ok());

    auto before = store_->TableCounts();
    auto same = store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}, {"CVE-2", "curl"}}), {}, 2000);
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->rows_written, 0);
    EXPECT_EQ(*store_->TableCounts(), *before);

    // openssl patched.
    auto patched = store_->ApplyScan(s, Scan({{"CVE-2", "curl"}}), {}, 3000);
    ASSERT_TRUE(patched.ok());
    EXPECT_EQ(patched->tasks_patched, 1);
    EXPECT_EQ(store_->GetTask(openssl_task)->status, domain::TaskStatus::kPatchApplied);
    EXPECT_EQ(store_->GetTask(curl_task)->status, domain::TaskStatus::kOngoing);
    auto comments = store_->ListComments(openssl_task);
    ASSERT_EQ(comments->size(), 1u);
    EXPECT_TRUE((*comments)[0].system);
    EXPECT_EQ(store_->ListSoftware(s, false)->size(), 1u);
    EXPECT_EQ(store_->ListSoftware(s, true)->size(), 2u);

    // openssl reinstalled: the task reopens, the user's ONGOING stays.
    auto back = store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}, {"CVE-2", "curl"}}), {}, 4000);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->tasks_reopened, 1);
    EXPECT_EQ(store_->GetTask(openssl_task)->status, domain::TaskStatus::kNew);
    EXPECT_EQ(store_->GetTask(curl_task)->status, domain::TaskStatus::kOngoing);
    EXPECT_EQ(store_->ListComments(openssl_task)->size(), 2u);
    EXPECT_EQ(store_->ListSoftware(s, false)->size(), 2u);
    EXPECT_EQ(Count("tasks"), 2);
}

TEST_P(StoreContract, SharedVulnerabilitiesDoNotFlapBetweenServers) {
    Id g = MakeGroup();
    Id a = MakeServer(g, "i-0aaaaaaaaaaaaaaa1");
    Id b = MakeServer(g, "i-0bbbbbbbbbbbbbbb2");
    // The same CVE seen through different packages: Inspector's titles differ per finding.
    ASSERT_TRUE(store_->ApplyScan(a, Scan({{"CVE-1", "openssl"}}), {}, 1000).ok());
    auto on_b = Scan({{"CVE-1", "openssl-libs"}});
    on_b.vulnerabilities[0].epss = 0.5;
    ASSERT_TRUE(store_->ApplyScan(b, on_b, {}, 1001).ok());
    auto v = store_->GetVulnerability("CVE-1");
    ASSERT_TRUE(v.ok() && v->has_value());
    EXPECT_EQ((*v)->title, "CVE-1 in openssl");  // the first description stays
    EXPECT_EQ((*v)->epss, 0.5);                  // global facts are updated
    auto again_a = store_->ApplyScan(a, Scan({{"CVE-1", "openssl"}}), {}, 1002);
    ASSERT_TRUE(again_a.ok());
    EXPECT_EQ(again_a->rows_written, 0);
    auto again_b = store_->ApplyScan(b, on_b, {}, 1003);
    EXPECT_EQ(again_b->rows_written, 0);
}

TEST_P(StoreContract, UsersCannotSetPatchAppliedAndHistoryIsKept) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    ASSERT_TRUE(store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}}), {}, 1000).ok());
    Id t = (*store_->ListTasks(Filter(g)))[0].task.id;
    const int64_t audits = Count("audit_events");
    auto st = Edit(*store_, t, StatusEdit(domain::TaskStatus::kPatchApplied), "alice", 1001);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(Count("audit_events"), audits);  // a refused plan writes nothing
    domain::TaskEdit both;
    both.status = domain::TaskStatus::kRiskAccepted;
    both.priority = domain::TaskPriority::kLow;
    both.assignee = "bob";
    both.deadline = 5000;
    auto edited = Edit(*store_, t, both, "alice", 1002);
    ASSERT_TRUE(edited.ok()) << edited.error().ToString();
    EXPECT_EQ(Count("audit_events"), audits + 1);  // one change, one audit event
    auto stored = store_->GetTask(t);
    EXPECT_EQ(stored->status, domain::TaskStatus::kRiskAccepted);
    EXPECT_EQ(stored->priority, domain::TaskPriority::kLow);
    EXPECT_EQ(stored->assignee, "bob");
    EXPECT_EQ(stored->deadline, std::optional<int64_t>(5000));
    EXPECT_TRUE(stored->user_status);
    EXPECT_EQ(stored->updated_at, 1002);
    auto history = store_->ListHistory(t);
    ASSERT_EQ(history->size(), 5u);  // created, status, priority, assignee, deadline
    EXPECT_EQ((*history)[1].new_value, "RISK_ACCEPTED");
    EXPECT_EQ((*history)[2].field, "priority");
    EXPECT_EQ((*history)[3].field, "assignee");
    EXPECT_EQ((*history)[4].field, "deadline");
    // The same edit again changes nothing and writes nothing.
    ASSERT_TRUE(Edit(*store_, t, both, "alice", 1003).ok());
    EXPECT_EQ(store_->ListHistory(t)->size(), 5u);
    EXPECT_EQ(Count("audit_events"), audits + 1);
    domain::TaskEdit comment;
    comment.comment = "looking";
    Id comment_id = 0;
    auto commented = store_->ChangeTask(
        t,
        [&](const domain::Task& current) -> Result<ports::TaskWrite> {
            KENSA_ASSIGN_OR_RETURN(auto result, domain::ApplyTaskEdit(current, comment, "alice", 1004));
            ports::TaskWrite write;
            write.task = result.task;
            write.comment = result.comment;
            write.audit.actor = "alice";
            return write;
        },
        &comment_id);
    ASSERT_TRUE(commented.ok()) << commented.error().ToString();
    EXPECT_GT(comment_id, 0);
    ASSERT_EQ(store_->ListComments(t)->size(), 1u);
    EXPECT_EQ((*store_->ListComments(t))[0].body, "looking");
    EXPECT_EQ(Edit(*store_, t + 1000, comment, "alice", 1005).error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(Edit(*store_, t + 1000, StatusEdit(domain::TaskStatus::kNew), "a", 1).error().code(),
              ErrorCode::kNotFound);
}

TEST_P(StoreContract, FailureMidBatchLeavesNoRows) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    std::vector<domain::Software> rows;
    for (int row_idx = 0; row_idx < 1200; ++row_idx) {
        rows.push_back(Pkg("pkg" + std::to_string(row_idx), "1.0"));
    }
    // Row 900 references a Lambda function that does not exist: a foreign-key failure after
    // the first 500-row statement has already been executed.
    rows[900].key.lambda_function_id = 987654;
    auto r = store_->BulkInsertSoftware(s, rows, 100);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(Count("software"), 0);

    rows[900].key.lambda_function_id.reset();
    auto ok = store_->BulkInsertSoftware(s, rows, 100);
    ASSERT_TRUE(ok.ok()) << ok.error().ToString();
    EXPECT_EQ(*ok, 1200);
    EXPECT_EQ(*store_->BulkInsertSoftware(s, rows, 101), 0);  // existing keys are skipped
    EXPECT_EQ(Count("software"), 1200);
}

TEST_P(StoreContract, FailedScanChangesNothing) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    auto obs = Scan({{"CVE-1", "openssl"}, {"CVE-2", "curl"}});
    obs.detections[1].software = Pkg("not-in-the-scan", "9").key;  // inconsistent observation
    auto r = store_->ApplyScan(s, obs, {}, 1000);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(Count("software"), 0);
    EXPECT_EQ(Count("vulnerabilities"), 0);
    EXPECT_EQ(Count("tasks"), 0);
    EXPECT_EQ(Count("detections"), 0);
}

TEST_P(StoreContract, ConcurrentWritersNeverDuplicateATask) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    // Separate store instances stand for separate kensa processes.
    std::vector<ports::StorePtr> stores;
    for (int store_idx = 0; store_idx < 4; ++store_idx) {
        stores.push_back(Open());
    }
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int thread_idx = 0; thread_idx < 8; ++thread_idx) {
        threads.emplace_back([&, thread_idx] {
            auto& st = stores[static_cast<size_t>(thread_idx) % stores.size()];
            for (int round = 0; round < 5; ++round) {
                auto r = st->ApplyScan(s, Scan({{"CVE-1", "openssl"}, {"CVE-" + std::to_string(round), "curl"}}), {},
                                       1000 + round);
                if (!r.ok()) {
                    ++failures;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(failures.load(), 0);
    auto tasks = store_->ListTasks(Filter(g, "CVE-1"));
    EXPECT_EQ(tasks->size(), 1u);
    EXPECT_EQ(Count("tasks"), 5);  // CVE-0..CVE-4 (CVE-1 shared)
}

TEST_P(StoreContract, ScanRunsAuditAndLeases) {
    Id g = MakeGroup();
    domain::ScanRun run;
    run.group_id = g;
    run.status = domain::ScanStatus::kRunning;
    run.started_at = 10;
    auto id = store_->CreateScanRun(run);
    ASSERT_TRUE(id.ok());
    run.id = *id;
    run.status = domain::ScanStatus::kFailed;
    run.finished_at = 20;
    run.error = domain::ScanError{"access_denied", "inspector2:ListFindings", "inspector2:ListFindings", "denied",
                                  "add the permission"};
    run.skipped = {{"i-1", "not registered"}, {"arn:x", "older version"}};
    ASSERT_TRUE(store_->FinishScanRun(run).ok());
    auto got = store_->GetScanRun(*id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->status, domain::ScanStatus::kFailed);
    ASSERT_TRUE(got->error.has_value());
    EXPECT_EQ(got->error->missing_permission, "inspector2:ListFindings");
    ASSERT_EQ(got->skipped.size(), 2u);
    EXPECT_EQ(got->skipped[1].reason, "older version");
    EXPECT_EQ(store_->ListScanRuns(g, 10)->size(), 1u);

    domain::AuditEvent e;
    e.group_id = g;
    e.actor = "alice";
    e.action = "task.status";
    e.at = 5;
    ASSERT_TRUE(store_->AppendAudit(e).ok());
    EXPECT_EQ(Count("audit_events"), 1);

    EXPECT_TRUE(*store_->TryAcquireLease("daily:1", "a", 100, 60));
    EXPECT_FALSE(*store_->TryAcquireLease("daily:1", "b", 120, 60));
    EXPECT_TRUE(*store_->TryAcquireLease("daily:1", "a", 130, 60));
    EXPECT_TRUE(*store_->TryAcquireLease("daily:1", "b", 200, 60));
}

std::string BackendName(const ::testing::TestParamInfo<std::string>& param_info) { return param_info.param; }
TEST_P(StoreContract, SbomTakeOverMovesRowsCommentsOnceAndClosesNothing) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    ASSERT_TRUE(store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}, {"CVE-2", "curl"}}), {}, 1000).ok());
    domain::Server vuls;
    vuls.group_id = g;
    vuls.kind = domain::ServerKind::kVuls;
    vuls.name = "vuls-host";
    vuls.vuls_uuid = "u-1";
    Id v = *store_->CreateServer(vuls);

    domain::SbomExportSettings on;
    on.enabled = true;
    on.bucket = "b";
    on.kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/k";
    auto switched = store_->UpdateGroupSbom(g, on, domain::PlanScanModes(*store_->ListServers(g), on.enabled));
    ASSERT_TRUE(switched.ok()) << switched.error().ToString();
    EXPECT_EQ(*switched, 1);
    EXPECT_EQ(store_->GetServer(s)->scan_mode, domain::ScanMode::kInspectorSbom);
    EXPECT_EQ(store_->GetServer(v)->scan_mode, domain::ScanMode::kNormal);  // R19
    EXPECT_TRUE(store_->GetGroup(g)->sbom.enabled);

    // The SBOM lists openssl (same key) with a purl and a new package; curl's CVE is gone.
    domain::ScanObservation sbom = Scan({{"CVE-1", "openssl"}});
    sbom.source = domain::DetectionSource::kSbom;
    sbom.software_source = domain::SoftwareSource::kSbom;
    sbom.takeover_comment = "moved";
    for (auto& sw : sbom.software) {
        sw.source = domain::SoftwareSource::kSbom;
        sw.managed_by = domain::ManagedBy::kSbom;
        sw.purl = "pkg:rpm/openssl@1.0";
    }
    sbom.software.push_back(Pkg("zlib", "1.2"));
    sbom.software.back().managed_by = domain::ManagedBy::kSbom;
    Id openssl_id = store_->ListSoftware(s, false)->at(0).id;
    auto applied = store_->ApplyScan(s, sbom, {}, 2000);
    ASSERT_TRUE(applied.ok()) << applied.error().ToString();
    auto tasks = *store_->ListTasks(Filter(g));
    ASSERT_EQ(tasks.size(), 2u);
    for (const auto& t : tasks) {
        auto comments = *store_->ListComments(t.task.id);
        int moved = 0;
        for (const auto& c : comments) {
            moved += c.system && c.body == "moved" ? 1 : 0;
        }
        EXPECT_EQ(moved, 1) << t.task.vulnerability_id;
    }
    auto software = *store_->ListSoftware(s, false);
    ASSERT_EQ(software.size(), 2u);  // openssl kept (same row), zlib added, curl removed
    EXPECT_EQ(software[0].id, openssl_id);
    EXPECT_EQ(software[0].first_seen, 1000);
    EXPECT_EQ(software[0].purl, "pkg:rpm/openssl@1.0");
    EXPECT_EQ(software[0].managed_by, domain::ManagedBy::kSbom);
    EXPECT_EQ(software[0].source, domain::SoftwareSource::kSbom);
    EXPECT_EQ(store_->ListSoftware(s, true)->size(), 3u);  // curl kept as removed history

    for (const auto& t : tasks) {
        EXPECT_NE(t.task.status, domain::TaskStatus::kPatchApplied) << "the move closed " << t.task.vulnerability_id;
    }

    // The next import takes nothing over again; now CVE-2, which the SBOM does not list, closes.
    auto again = store_->ApplyScan(s, sbom, {}, 3000);
    ASSERT_TRUE(again.ok()) << again.error().ToString();
    EXPECT_EQ(again->tasks_patched, 1);
    auto unchanged = store_->ApplyScan(s, sbom, {}, 4000);
    ASSERT_TRUE(unchanged.ok());
    EXPECT_EQ(unchanged->rows_written, 0);
    EXPECT_TRUE(store_->GetServer(s)->sbom_migrated_at.has_value());

    // Turning export off hands the server back; the Vuls server never moved.
    on.enabled = false;
    on.format = "SPDX_2_3";
    EXPECT_EQ(*store_->UpdateGroupSbom(g, on, domain::PlanScanModes(*store_->ListServers(g), on.enabled)), 1);
    EXPECT_EQ(store_->GetServer(s)->scan_mode, domain::ScanMode::kNormal);
    EXPECT_FALSE(store_->GetServer(s)->sbom_migrated_at.has_value());
    EXPECT_EQ(store_->GetGroup(g)->sbom.format, "SPDX_2_3");
    auto handed_back = *store_->ListSoftware(s, true);
    for (const auto& sw : handed_back) {  // handed back to the normal scan
        EXPECT_EQ(sw.source, domain::SoftwareSource::kInspector) << sw.key.name;
        EXPECT_EQ(sw.managed_by, domain::ManagedBy::kNormal) << sw.key.name;
    }
    // The normal scan reconciles them again, and a re-enable takes them over without a clash.
    ASSERT_TRUE(store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}}), {}, 5000).ok());
    on.enabled = true;
    ASSERT_TRUE(store_->UpdateGroupSbom(g, on, domain::PlanScanModes(*store_->ListServers(g), on.enabled)).ok());
    auto retaken = store_->ApplyScan(s, sbom, {}, 6000);
    ASSERT_TRUE(retaken.ok()) << retaken.error().ToString();
}

TEST_P(StoreContract, DetectOnlySourceMergesIntoOneTaskAndTouchesNoSoftware) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    ASSERT_TRUE(store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}}), {}, 1000).ok());
    domain::ScanObservation adv;
    adv.source = domain::DetectionSource::kAdvisory;
    adv.manages_software = false;
    adv.detections.push_back({"CVE-1", Pkg("openssl", "1.0").key, "ALSA-1", "1.1", "package"});
    adv.detections.push_back({"CVE-9", Pkg("openssl", "1.0").key, "ALSA-2", "", "package"});
    auto before = *store_->ListSoftware(s, true);
    // The detections must name the stored rows they refer to.
    auto unlisted = store_->ApplyScan(s, adv, {}, 2000);
    ASSERT_FALSE(unlisted.ok());
    EXPECT_EQ(unlisted.error().code(), ErrorCode::kInternal);
    for (const auto& sw : before) {
        if (sw.key == Pkg("openssl", "1.0").key) {
            adv.software.push_back(sw);
        }
    }
    ASSERT_EQ(adv.software.size(), 1u);
    auto applied = store_->ApplyScan(s, adv, {}, 2000);
    ASSERT_TRUE(applied.ok()) << applied.error().ToString();
    EXPECT_EQ(applied->tasks_created, 1);  // CVE-9 only: CVE-1 already has Inspector's task
    EXPECT_EQ(store_->ListTasks(Filter(g))->size(), 2u);
    EXPECT_EQ(store_->ListSoftware(s, true)->size(), before.size());
    // Re-applied unchanged, the matcher writes nothing.
    auto again = store_->ApplyScan(s, adv, {}, 2500);
    ASSERT_TRUE(again.ok()) << again.error().ToString();
    EXPECT_EQ(again->rows_written, 0);
    // The matcher stops matching CVE-9: its detection closes although the observation lists no
    // software for it (the row is found through the stored detection).
    domain::ScanObservation fewer = adv;
    fewer.software.clear();
    fewer.detections.clear();
    auto closed = store_->ApplyScan(s, fewer, {}, 2600);
    ASSERT_TRUE(closed.ok()) << closed.error().ToString();
    auto detections = *store_->ListDetections(s);
    int active_advisory = 0;
    for (const auto& d : detections) {
        active_advisory += d.source == domain::DetectionSource::kAdvisory && d.active ? 1 : 0;
    }
    EXPECT_EQ(active_advisory, 0);
    ASSERT_TRUE(store_->ApplyScan(s, adv, {}, 2700).ok());  // both match again
    // Inspector no longer sees CVE-1, the advisory still does: the task stays open.
    ASSERT_TRUE(store_->ApplyScan(s, Scan({{"CVE-5", "zlib"}}), {}, 3000).ok());
    auto filter = Filter(g);
    filter.vulnerability_id = "CVE-1";
    EXPECT_NE(store_->ListTasks(filter)->at(0).task.status, domain::TaskStatus::kPatchApplied);
    // Inspector's scan removed openssl. The matcher read it before that: its detections are
    // dropped, not an error, and keep no task open.
    auto late = store_->ApplyScan(s, adv, {}, 3900);
    ASSERT_TRUE(late.ok()) << late.error().ToString();
    EXPECT_EQ(late->tasks_created, 0);
    auto tasks = *store_->ListTasks(Filter(g));
    ASSERT_EQ(tasks.size(), 3u);
    for (const auto& t : tasks) {
        if (t.task.vulnerability_id != "CVE-5") {
            EXPECT_EQ(t.task.status, domain::TaskStatus::kPatchApplied) << t.task.vulnerability_id;
        }
    }
}

TEST_P(StoreContract, ManyNewRowsGetTheirOwnIds) {
    // 700 new rows go in batches of 256, 256, 128, 32, 16, 8 and 4; every detection must point
    // at the row of its own package whatever order the database returns the ids in.
    Id g = MakeGroup();
    Id s = MakeServer(g);
    domain::ScanObservation obs;
    for (int i = 0; i < 700; ++i) {
        obs.software.push_back(Pkg("pkg-" + std::to_string(i), std::to_string(i % 7) + ".0"));
        if (i % 50 == 3) {
            std::string vuln = "CVE-2024-" + std::to_string(1000 + i);
            obs.vulnerabilities.push_back({});
            obs.vulnerabilities.back().id = vuln;
            obs.detections.push_back({vuln, obs.software.back().key, "arn:" + vuln, "", "package"});
        }
    }
    auto applied = store_->ApplyScan(s, obs, {}, 1000);
    ASSERT_TRUE(applied.ok()) << applied.error().ToString();
    auto rows = *store_->ListSoftware(s, false);
    ASSERT_EQ(rows.size(), 700u);
    std::map<Id, std::string> name_of;
    for (const auto& r : rows) {
        name_of[r.id] = r.key.name;
    }
    auto detections = *store_->ListDetections(s);
    ASSERT_EQ(detections.size(), 14u);
    for (const auto& d : detections) {
        ASSERT_TRUE(d.software_id.has_value());
        EXPECT_EQ("CVE-2024-" + std::to_string(1000 + std::stoi(name_of[*d.software_id].substr(4))), d.vulnerability_id);
    }
    EXPECT_EQ(store_->ApplyScan(s, obs, {}, 2000)->rows_written, 0);  // and nothing changes again
}

TEST_P(StoreContract, ManualSbomExportRateLimitIsAtomic) {
    Id g = MakeGroup();
    auto first = store_->TryStartManualSbomExport(g, 10000, 3600);
    ASSERT_TRUE(first.ok());
    EXPECT_FALSE(first->has_value());
    auto second = store_->TryStartManualSbomExport(g, 10100, 3600);
    ASSERT_TRUE(second.ok());
    ASSERT_TRUE(second->has_value());
    EXPECT_EQ(**second, 13600);
    EXPECT_FALSE(store_->TryStartManualSbomExport(g, 13600, 3600)->has_value());
    EXPECT_EQ(store_->TryStartManualSbomExport(999, 1, 3600).error().code(), ErrorCode::kNotFound);
}

TEST_P(StoreContract, AdvisoriesUpsertIncrementally) {
    std::vector<ports::AdvisoryRecord> recs = {{"GO-1", "2024-01-01", false, "{\"id\":\"GO-1\"}"},
                                               {"GO-2", "2024-01-01", false, "{\"id\":\"GO-2\"}"}};
    auto first = store_->UpsertAdvisories(recs, 100);
    ASSERT_TRUE(first.ok()) << first.error().ToString();
    EXPECT_EQ(first->inserted, 2);
    recs[1].modified = "2024-02-01";
    recs[1].withdrawn = true;
    auto second = store_->UpsertAdvisories(recs, 200);
    EXPECT_EQ(second->unchanged, 1);
    EXPECT_EQ(second->updated, 1);
    std::vector<ports::AdvisoryRecord> all;
    ASSERT_TRUE(store_->ForEachAdvisory([&](ports::AdvisoryRecord&& r) { all.push_back(std::move(r)); }).ok());
    ASSERT_EQ(all.size(), 2u);
    EXPECT_TRUE(all[1].withdrawn);
    EXPECT_EQ(all[1].modified, "2024-02-01");
    std::vector<ports::AdvisoryRecord> bad = {{"", "", false, "{}"}};
    EXPECT_FALSE(store_->UpsertAdvisories(bad, 300).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("sqlite", "postgres"), BackendName);

TEST(StoreUrl, RejectsUnknownSchemes) {
    auto r = MakeStore({"mysql://x"});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message().find("sqlite:PATH"), std::string::npos);
    EXPECT_FALSE(MakeStore({"sqlite:"}).ok());
    EXPECT_FALSE(MakeStore({"sqlite:/nonexistent-dir/x/y.db"}).ok());
}

}  // namespace
}  // namespace kensa::store
