#pragma once
// A minimal SQL connection interface with two drivers (SQLite, libpq). The store's SQL is
// written once in the common dialect of SQLite >= 3.35 and PostgreSQL >= 15 (ON CONFLICT,
// RETURNING), with '?' placeholders that the PostgreSQL driver rewrites to $n.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kensa/common/error.h"

namespace kensa::store {

using SqlValue = std::variant<std::nullptr_t, int64_t, double, std::string>;

inline SqlValue Null() {
    return nullptr;
}
inline SqlValue Opt(const std::optional<int64_t>& v) {
    return v ? SqlValue(*v) : SqlValue(nullptr);
}

/// One result row; columns by index in SELECT order.
class SqlRow {
public:
    virtual ~SqlRow() = default;
    virtual bool IsNull(int col) const = 0;
    virtual int64_t Int(int col) const = 0;
    virtual double Real(int col) const = 0;
    virtual std::string Text(int col) const = 0;
    std::optional<int64_t> OptInt(int col) const {
        return IsNull(col) ? std::nullopt : std::optional<int64_t>(Int(col));
    }
    std::optional<double> OptReal(int col) const {
        return IsNull(col) ? std::nullopt : std::optional<double>(Real(col));
    }
};

using RowFn = std::function<void(const SqlRow&)>;

/// One database connection. Not thread-safe: a connection is used by one thread at a time
/// (the pool hands them out). Statements are prepared once per connection and cached.
class SqlConnection {
public:
    virtual ~SqlConnection() = default;
    /// Runs one or more statements without parameters (migrations, BEGIN/COMMIT).
    virtual Status ExecScript(std::string_view sql) = 0;
    /// Runs one statement; calls on_row for each result row. Returns rows changed.
    virtual Result<int64_t> Run(std::string_view sql,
                                std::span<const SqlValue> params,
                                const RowFn& on_row) = 0;
    /// Starts a transaction. write=true takes the database's write lock up front
    /// (SQLite BEGIN IMMEDIATE), so a writer never fails half-way on a lock upgrade.
    virtual Status Begin(bool write) = 0;
    virtual Status Commit() = 0;
    virtual void Rollback() = 0;
    /// "sqlite" or "postgres".
    virtual std::string_view Dialect() const = 0;

    Result<int64_t> Exec(std::string_view sql, std::initializer_list<SqlValue> params = {}) {
        return Run(sql, std::span<const SqlValue>(params.begin(), params.size()), nullptr);
    }
    Result<int64_t> Exec(std::string_view sql, const std::vector<SqlValue>& params) {
        return Run(sql, std::span<const SqlValue>(params), nullptr);
    }
    Status Query(std::string_view sql,
                 std::initializer_list<SqlValue> params,
                 const RowFn& on_row) {
        auto r = Run(sql, std::span<const SqlValue>(params.begin(), params.size()), on_row);
        if (!r.ok()) {
            return std::move(r).error();
        }
        return Ok();
    }
    Status Query(std::string_view sql, const std::vector<SqlValue>& params, const RowFn& on_row) {
        auto r = Run(sql, std::span<const SqlValue>(params), on_row);
        if (!r.ok()) {
            return std::move(r).error();
        }
        return Ok();
    }
    /// First column of the first row as an integer, or nullopt when there is no row.
    Result<std::optional<int64_t>> QueryInt(std::string_view sql,
                                            std::initializer_list<SqlValue> params = {});
};
using SqlConnectionPtr = std::unique_ptr<SqlConnection>;

/// Opens a connection. sqlite: path (":memory:" allowed). postgres: libpq conninfo/URI.
Result<SqlConnectionPtr> OpenSqlite(const std::string& path);
Result<SqlConnectionPtr> OpenPostgres(const std::string& conninfo);

}  // namespace kensa::store
