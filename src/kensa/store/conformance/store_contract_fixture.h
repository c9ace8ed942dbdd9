#pragma once
// The store contract suite's fixture: one fresh, migrated store per test, on SQLite always and
// on PostgreSQL when KENSA_TEST_PG_DSN names a server (make test starts one). A backend that
// ignored transactions, constraints or the writer discipline fails the suite.
//
// Each port's contract is in conformance/<port>_contract_test.cpp, with its own fixture
// derived from StoreContract and instantiated over kBackends:
//
//   class LeaseStoreContract : public StoreContract {};
//   TEST_P(LeaseStoreContract, ...) { ... }
//   INSTANTIATE_TEST_SUITE_P(Backends, LeaseStoreContract, ::testing::ValuesIn(kBackends),
//                            BackendName);
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "kensa/domain/task_edit.h"
#include "kensa/store/sql_store.h"

namespace kensa::store::contract {

using domain::Id;

/// The backends every contract test runs on; "postgres" skips without KENSA_TEST_PG_DSN.
inline const std::vector<std::string> kBackends = {"sqlite", "postgres"};

inline std::string BackendName(const ::testing::TestParamInfo<std::string>& param_info) {
    return param_info.param;
}

inline std::string PgDsn() {
    const char* dsn = std::getenv("KENSA_TEST_PG_DSN");
    return dsn != nullptr ? dsn : "";
}

inline ports::TaskFilter Filter(Id group, std::string vuln = "") {
    ports::TaskFilter f;
    f.group_id = group;
    f.vulnerability_id = std::move(vuln);
    return f;
}

/// A user's edit as app/tasks applies it: the domain's plan, with an audit event.
inline Result<domain::Task> Edit(ports::TaskStore& store,
                                 Id task,
                                 domain::TaskEdit edit,
                                 const std::string& actor,
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

inline domain::TaskEdit StatusEdit(domain::TaskStatus status) {
    domain::TaskEdit e;
    e.status = status;
    return e;
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
            dir_ = std::filesystem::temp_directory_path() /
                   ("kensa-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
            std::filesystem::create_directories(dir_);
            url_ = "sqlite:" + (dir_ / "kensa.db").string();
        }
        store_ = Open();
        ASSERT_TRUE(store_->Migrate().ok());
    }
    void TearDown() override {
        store_.reset();
        if (!dir_.empty()) {
            std::filesystem::remove_all(dir_);
        }
    }
    /// Another store on the same database: stands for another kensa process.
    ports::StorePtr Open() {
        auto s = MakeStore({url_, 8});
        EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().ToString());
        return std::move(s).value();
    }
    /// A plain connection to the test's database, for what no port reads back.
    Result<SqlConnectionPtr> OpenRaw() {
        return GetParam() == "postgres" ? OpenPostgres(PgDsn()) : OpenSqlite(url_.substr(7));
    }
    void ResetPostgres() {
        PGconn* c = PQconnectdb(PgDsn().c_str());
        ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
        PQclear(PQexec(c,
                       "SET client_min_messages = warning; DROP SCHEMA IF EXISTS public CASCADE; "
                       "CREATE SCHEMA public;"));
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
    /// A scan observing `vulns` (id -> package) on a server.
    static domain::ScanObservation Scan(
        const std::vector<std::pair<std::string, std::string>>& vulns) {
        domain::ScanObservation obs;
        for (const auto& [vuln, pkg] : vulns) {
            domain::Vulnerability v;
            v.id = vuln;
            v.severity = domain::Severity::kHigh;
            v.cvss3_score = 7.5;
            v.title = vuln + " in " + pkg;
            obs.vulnerabilities.push_back(v);
            obs.software.push_back(Pkg(pkg, "1.0"));
            obs.detections.push_back(
                {vuln, Pkg(pkg, "1.0").key, "arn:finding/" + vuln, "1.1", "package"});
        }
        return obs;
    }
    int64_t Count(const std::string& table) {
        auto counts = store_->TableCounts();
        EXPECT_TRUE(counts.ok());
        return (*counts)[table];
    }

    static inline std::atomic<int> counter_{0};
    std::filesystem::path dir_;
    std::string url_;
    ports::StorePtr store_;
};

}  // namespace kensa::store::contract
