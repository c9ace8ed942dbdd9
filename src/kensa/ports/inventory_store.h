#pragma once
// The software inventory: every package kensa knows on each server. Its storage may change
// (an interned-component layout is planned) without touching its callers. Contract: store.h.

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::ports {

/// Which rows of a group's software list (R18). Empty strings and unset optionals do not
/// filter. The EOL state is given as the instants the app computed from its rule
/// (domain::EolStateAt): a row is EOL when its cycle's item ends at or before `eol_before`,
/// and so on.
struct GroupSoftwareFilter {
    std::optional<domain::Id> server_id;
    std::optional<domain::SoftwareType> type;
    std::string ecosystem;
    std::string name;  ///< exact, case-sensitive (kensa's name: "group:artifact" for maven)
    std::string name_prefix;
    std::string version;
    std::string license;  ///< an SPDX id or LicenseRef that the row's expression names
    std::string license_category;
    /// Rows whose EOL item ends in [eol_from, eol_to); rows of no cycle never match.
    /// `eol_undated_matches`: the cycle ended without a date also matches.
    std::optional<domain::EpochSeconds> eol_from;
    std::optional<domain::EpochSeconds> eol_to;
    bool eol_undated_matches = false;
    bool eol_open_ended = false;     ///< rows of a cycle with no end date match too (SUPPORTED)
    bool eol_any_cycle = false;      ///< only rows that are of some cycle
    std::optional<bool> vulnerable;  ///< has an active detection, or has none
    bool include_removed = false;
};

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
    /// One keyset page of a group's software across its servers: rows with id > after_id that
    /// match `filter`, in id order, at most `limit` of them. Never a row of another group.
    virtual Result<std::vector<domain::Software>> ListGroupSoftware(
        domain::Id group_id, const GroupSoftwareFilter& filter, domain::Id after_id, int limit) = 0;
    /// Streams a server's software rows in id order without holding them all (the matcher reads
    /// a pseudo server's hundreds of thousands of rows this way). `fn` must not call the store.
    virtual Status ForEachSoftware(domain::Id server_id,
                                   bool include_removed,
                                   const std::function<void(domain::Software&&)>& fn) = 0;
};

}  // namespace kensa::ports
