// SQLite driver: WAL, foreign keys on, a busy timeout, cached prepared statements.
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "kensa/store/sql.h"

namespace kensa::store {
namespace {

constexpr int kBusyTimeoutMs = 10000;

Error SqliteError(sqlite3* db, int rc, std::string_view what) {
    int ext = db != nullptr ? sqlite3_extended_errcode(db) : rc;
    std::string msg =
        std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    ErrorCode code = ErrorCode::kInternal;
    if ((ext & 0xff) == SQLITE_CONSTRAINT) {
        code = ErrorCode::kConflict;
    } else if ((ext & 0xff) == SQLITE_BUSY || (ext & 0xff) == SQLITE_LOCKED) {
        code = ErrorCode::kUnavailable;
    } else if ((ext & 0xff) == SQLITE_CANTOPEN || (ext & 0xff) == SQLITE_NOTADB) {
        code = ErrorCode::kInvalidInput;
    }
    return Error(code, msg).With("sqlite_code", std::to_string(ext));
}

class SqliteRow final : public SqlRow {
public:
    explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
    bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
    double Real(int col) const override { return sqlite3_column_double(stmt_, col); }
    std::string Text(int col) const override {
        const auto* text = sqlite3_column_text(stmt_, col);
        if (text == nullptr) {
            return {};
        }
        return std::string(reinterpret_cast<const char*>(text),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
    }

private:
    sqlite3_stmt* stmt_;
};

class SqliteConnection final : public SqlConnection {
public:
    explicit SqliteConnection(sqlite3* db) : db_(db) {}
    ~SqliteConnection() override {
        if (std::getenv("KENSA_SQLITE_STMT_STATS") != nullptr) {
            PrintStatementStats();
        }
        for (auto& [sql, stmt] : cache_) {
            sqlite3_finalize(stmt);
        }
        sqlite3_close_v2(db_);
    }

    Status ExecScript(std::string_view sql) override {
        std::string copy(sql);
        char* err = nullptr;
        int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            std::string msg = err != nullptr ? err : "unknown error";
            sqlite3_free(err);
            return SqliteError(db_, rc, "sqlite exec");
        }
        return Ok();
    }

    Result<int64_t> Run(std::string_view sql,
                        std::span<const SqlValue> params,
                        const RowFn& on_row) override {
        sqlite3_stmt* stmt = nullptr;
        auto it = cache_.find(std::string(sql));
        if (it != cache_.end()) {
            stmt = it->second;
        } else {
            int rc = sqlite3_prepare_v3(db_,
                                        sql.data(),
                                        static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT,
                                        &stmt,
                                        nullptr);
            if (rc != SQLITE_OK) {
                return SqliteError(db_, rc, "sqlite prepare")
                    .With("sql", std::string(sql.substr(0, 120)));
            }
            cache_.emplace(std::string(sql), stmt);
        }
        struct Resetter {
            sqlite3_stmt* s;
            ~Resetter() {
                sqlite3_reset(s);
                sqlite3_clear_bindings(s);
            }
        } resetter{stmt};
        for (size_t param_idx = 0; param_idx < params.size(); ++param_idx) {
            int pos = static_cast<int>(param_idx) + 1;
            const SqlValue& v = params[param_idx];
            int rc = SQLITE_OK;
            if (std::holds_alternative<std::nullptr_t>(v)) {
                rc = sqlite3_bind_null(stmt, pos);
            } else if (const auto* i = std::get_if<int64_t>(&v)) {
                rc = sqlite3_bind_int64(stmt, pos, *i);
            } else if (const auto* d = std::get_if<double>(&v)) {
                rc = sqlite3_bind_double(stmt, pos, *d);
            } else {
                const auto& s = std::get<std::string>(v);
                rc = sqlite3_bind_text(
                    stmt, pos, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
            }
            if (rc != SQLITE_OK) {
                return SqliteError(db_, rc, "sqlite bind");
            }
        }
        SqliteRow row(stmt);
        while (true) {
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_ROW) {
                if (on_row) {
                    on_row(row);
                }
                continue;
            }
            if (rc == SQLITE_DONE) {
                break;
            }
            return SqliteError(db_, rc, "sqlite step");
        }
        return static_cast<int64_t>(sqlite3_changes64(db_));
    }

    Status Begin(bool write) override {
        return ExecScript(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    }
    Status Commit() override { return ExecScript("COMMIT"); }
    void Rollback() override {
        if (sqlite3_get_autocommit(db_) == 0) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        }
    }
    std::string_view Dialect() const override { return "sqlite"; }

private:
    // A profiling aid (KENSA_SQLITE_STMT_STATS=1): the statements of this connection by
    // virtual-machine steps, SQLite's own measure of the work a statement did, with run counts.
    void PrintStatementStats() const {
        std::vector<std::tuple<int, int, std::string_view>> stats;
        for (const auto& [sql, stmt] : cache_) {
            stats.emplace_back(sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_VM_STEP, 0),
                               sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_RUN, 0),
                               sql);
        }
        std::sort(stats.rbegin(), stats.rend());
        for (size_t i = 0; i < stats.size() && i < 15; ++i) {
            const auto& [steps, runs, sql] = stats[i];
            std::fprintf(stderr,
                         "sqlite-stats %12d steps %9d runs  %.*s\n",
                         steps,
                         runs,
                         static_cast<int>(std::min<size_t>(sql.size(), 160)),
                         sql.data());
        }
    }

    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

Result<SqlConnectionPtr> OpenSqlite(const std::string& path) {
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = SqliteError(db, rc, "cannot open SQLite database '" + path + "'");
        sqlite3_close_v2(db);
        return e;
    }
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    auto conn = std::make_unique<SqliteConnection>(db);
    // 16 MiB of page cache per connection (SQLite's default is 2 MiB): an import re-reads a
    // server's detections and tasks for every unit, and perf showed most of its time in pread.
    KENSA_TRY(conn->ExecScript(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384;"));
    if (path != ":memory:") {
        // Checkpoint every ~40 MiB of WAL instead of 4 MiB: an import commits once per resource,
        // and perf showed 12% of it copying the same index pages back at each checkpoint.
        KENSA_TRY(
            conn->ExecScript("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 10000;"));
    }
    return SqlConnectionPtr(std::move(conn));
}

Result<std::optional<int64_t>> SqlConnection::QueryInt(std::string_view sql,
                                                       std::initializer_list<SqlValue> params) {
    std::optional<int64_t> out;
    auto r =
        Run(sql, std::span<const SqlValue>(params.begin(), params.size()), [&](const SqlRow& row) {
            if (!out && !row.IsNull(0)) {
                out = row.Int(0);
            }
        });
    if (!r.ok()) {
        return std::move(r).error();
    }
    return out;
}

}  // namespace kensa::store
