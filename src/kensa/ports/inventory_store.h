#pragma once
// The software inventory: every package kensa knows on each server. Its storage may change
// (an interned-component layout is planned) without touching its callers. Contract: store.h.

#include <functional>
#include <span>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::ports {

class InventoryStore {
public:
    virtual ~InventoryStore() = default;

    /// Bulk path: inserts software rows for one server in batches inside one transaction
    /// (multi-row INSERT). All or nothing. Returns rows inserted (existing keys are skipped).
    virtual Result<int64_t> BulkInsertSoftware(domain::Id server_id,
                                               std::span<const domain::Software> rows,
                                               domain::EpochSeconds now) = 0;
    virtual Result<std::vector<domain::Software>> ListSoftware(domain::Id server_id,
                                                               bool include_removed) = 0;
    /// One keyset page of a server's software: rows with id > after_id, in id order, at most
    /// `limit` of them.
    virtual Result<std::vector<domain::Software>> ListSoftwarePage(domain::Id server_id,
                                                                   bool include_removed,
                                                                   domain::Id after_id,
                                                                   int limit) = 0;
    /// Streams a server's software rows in id order without holding them all (the matcher reads
    /// a pseudo server's hundreds of thousands of rows this way). `fn` must not call the store.
    virtual Status ForEachSoftware(domain::Id server_id,
                                   bool include_removed,
                                   const std::function<void(domain::Software&&)>& fn) = 0;
};

}  // namespace kensa::ports
