#pragma once
// SqlStore: the ports::Store implementation over an SqlConnection pool. One SQL text serves
// both backends; the few dialect differences are isolated in Dialect helpers.
//
// Writer discipline (SQLite): every write transaction holds the store's write mutex and
// starts with BEGIN IMMEDIATE, so writers queue instead of failing on a lock upgrade; readers
// run concurrently under WAL. PostgreSQL writers run concurrently; uniqueness is guaranteed by
// constraints with ON CONFLICT, a server's scans serialise on its row and a task's changes on
// the task's row (SELECT ... FOR UPDATE).

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "kensa/ports/store.h"
#include "kensa/store/sql.h"

namespace kensa::store {

/// Parses "sqlite:PATH", "sqlite::memory:", or "postgresql://..." / "postgres://...".
struct StoreConfig {
    std::string url;
    int pool_size = 8;
};

/// Creates the store for a URL (does not migrate; call Migrate()).
Result<ports::StorePtr> MakeStore(const StoreConfig& config);

/// The schema version this binary knows (the highest migration).
int LatestSchemaVersion();

class ConnectionPool {
public:
    using Factory = std::function<Result<SqlConnectionPtr>()>;
    ConnectionPool(Factory factory, int max_size)
        : factory_(std::move(factory)), max_size_(max_size) {}

    /// A connection on loan; returned to the pool on destruction.
    class Lease {
    public:
        Lease(ConnectionPool* pool, SqlConnectionPtr conn) : pool_(pool), conn_(std::move(conn)) {}
        Lease(Lease&&) = default;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        ~Lease() {
            if (conn_) {
                pool_->Release(std::move(conn_));
            }
        }
        SqlConnection& operator*() { return *conn_; }
        SqlConnection* operator->() { return conn_.get(); }

    private:
        ConnectionPool* pool_;
        SqlConnectionPtr conn_;
    };

    Result<Lease> Acquire();

private:
    void Release(SqlConnectionPtr conn);

    Factory factory_;
    int max_size_;
    int created_ = 0;
    std::vector<SqlConnectionPtr> idle_;
    std::mutex mutex_;
    std::condition_variable cv_;
};

}  // namespace kensa::store
