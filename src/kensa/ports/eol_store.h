#pragma once
// EOL items (R18): one per server and product release cycle, written as a scan's changes
// (domain::ReconcileEol) and worked by users; and the EOL snapshot a `kensa eol import` stored,
// which replaces the shipped one for every kensa process of the database. Contract: store.h.

#include <optional>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/eol.h"
#include "kensa/domain/model.h"

namespace kensa::ports {

struct EolSnapshotRecord {
    std::string snapshot;  ///< knowledge::EolCatalog snapshot text
    std::string source;    ///< what was imported ("endoflife.date products/ (464 pages)")
    int64_t products = 0;
    int64_t cycles = 0;
    domain::EpochSeconds imported_at = 0;
};

class EolStore {
public:
    virtual ~EolStore() = default;

    /// A server's items, closed ones included, in id order.
    virtual Result<std::vector<domain::EolItem>> ListServerEolItems(domain::Id server_id) = 0;
    /// Writes a scan's changes for one server in one transaction (inserts and updates by id).
    virtual Status ApplyEolChanges(domain::Id server_id, const domain::EolChanges& changes) = 0;
    /// The items of every server of the group, in id order; closed ones only when asked.
    virtual Result<std::vector<domain::EolItem>> ListGroupEolItems(domain::Id group_id,
                                                                   bool include_closed) = 0;
    /// One item, if it belongs to a server of the group.
    virtual Result<std::optional<domain::EolItem>> GetEolItem(domain::Id group_id,
                                                              domain::Id item_id) = 0;
    /// A user's edit: status, user_status, deadline, assignee and updated_at of an open item
    /// of the group (kNotFound for a closed item or one of another group).
    virtual Status UpdateEolItemWork(domain::Id group_id, const domain::EolItem& item) = 0;

    virtual Result<std::optional<EolSnapshotRecord>> GetEolSnapshot() = 0;
    virtual Status SaveEolSnapshot(const EolSnapshotRecord& record) = 0;
};

}  // namespace kensa::ports
