#pragma once
// The persistence ports, one small interface per area, and `Store`, the one object that
// implements them all (store::SqlStore over SQLite, the embedded default, or PostgreSQL, for
// scale-out; both run the same contract suite in src/kensa/store/conformance). A use case
// takes the ports it needs; the composition root hands it the Store.
//
// Contract for every method of every store port:
//  - Each call is one transaction: it either applies completely or not at all.
//  - Thread-safety: all methods may be called concurrently from any thread.
//  - "Not found" is ErrorCode::kNotFound; unique-key clashes are kConflict.
//  - Tenancy: methods taking a group_id never return rows of another group.
//
// The ports derive virtually, so that a test double can implement several of them (the
// gmock mocks in tests/mocks/) and still be one Store.

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "kensa/common/error.h"
#include "kensa/ports/advisory_store.h"
#include "kensa/ports/audit_log.h"
#include "kensa/ports/eol_store.h"
#include "kensa/ports/group_store.h"
#include "kensa/ports/inventory_store.h"
#include "kensa/ports/lease_store.h"
#include "kensa/ports/scan_run_store.h"
#include "kensa/ports/scan_store.h"
#include "kensa/ports/server_store.h"
#include "kensa/ports/session_store.h"
#include "kensa/ports/task_store.h"
#include "kensa/ports/upload_auth_store.h"
#include "kensa/ports/user_store.h"
#include "kensa/ports/vuls_host_store.h"

namespace kensa::ports {

/// The schema and the database as a whole.
class StoreAdmin {
public:
    virtual ~StoreAdmin() = default;

    /// Applies pending migrations in one transaction. Refuses (kConflict) a database whose
    /// schema is newer than this binary knows.
    virtual Status Migrate() = 0;
    virtual Result<int> SchemaVersion() = 0;
    /// "sqlite" or "postgres".
    virtual std::string_view Backend() const = 0;
    /// Row counts per table (metrics and tests).
    virtual Result<std::map<std::string, int64_t>> TableCounts() = 0;
};

class Store : public virtual StoreAdmin,
              public virtual GroupStore,
              public virtual UserStore,
              public virtual SessionStore,
              public virtual ServerStore,
              public virtual InventoryStore,
              public virtual EolStore,
              public virtual ScanStore,
              public virtual TaskStore,
              public virtual ScanRunStore,
              public virtual AdvisoryStore,
              public virtual LeaseStore,
              public virtual AuditLog,
              public virtual VulsHostStore,
              public virtual UploadAuthStore {};
using StorePtr = std::unique_ptr<Store>;

}  // namespace kensa::ports
