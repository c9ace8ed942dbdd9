#pragma once
// The advisory database (global knowledge, not per group). Contract: see store.h.

#include <functional>
#include <span>
#include <string>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::ports {

/// One advisory as the store keeps it: knowledge::Advisory serialised by the knowledge module.
struct AdvisoryRecord {
    std::string id;
    std::string modified;  ///< OSV `modified`; an unchanged value means an unchanged record
    bool withdrawn = false;
    std::string doc;  ///< normalised JSON
};

struct AdvisoryUpsertStats {
    int64_t inserted = 0;
    int64_t updated = 0;
    int64_t unchanged = 0;
};

class AdvisoryStore {
public:
    virtual ~AdvisoryStore() = default;

    /// Inserts new records, replaces records whose `modified` changed, skips the rest; one
    /// transaction.
    virtual Result<AdvisoryUpsertStats> UpsertAdvisories(std::span<const AdvisoryRecord> records,
                                                         domain::EpochSeconds now) = 0;
    /// Streams every stored advisory (withdrawn ones included) in id order. `fn` must not call
    /// the store.
    virtual Status ForEachAdvisory(const std::function<void(AdvisoryRecord&&)>& fn) = 0;
};

}  // namespace kensa::ports
