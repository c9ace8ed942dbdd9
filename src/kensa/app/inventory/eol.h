#pragma once
// Use cases of EOL (R18): a group's EOL items with their state on the clock, a user's work on
// one item (status, deadline, assignee), and `kensa eol import`,
// which replaces the shipped endoflife.date snapshot and refreshes every server's items.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kensa/app/context.h"
#include "kensa/domain/eol.h"

namespace kensa::app {

struct EolItemView {
    domain::EolItem item;
    domain::EolState state = domain::EolState::kSupported;
    std::optional<int64_t> days_left;  ///< whole days until eol_at (negative: since)
    std::string server_name;
};

struct EolQuery {
    std::optional<domain::Id> server_id;
    std::optional<domain::EolState> state;
    std::string product;
    bool include_closed = false;
};

/// The group's items, soonest end first (undated ended ones first, open-ended last).
Result<std::vector<EolItemView>> ListGroupEol(const AppContext& ctx,
                                              domain::Id group_id,
                                              const EolQuery& query);

struct EolItemEdit {
    std::optional<domain::TaskStatus> status;
    std::optional<std::optional<domain::EpochSeconds>> deadline;  ///< {nullopt} clears it
    std::optional<std::string> assignee;
};
/// kNotFound for an item of another group; kInvalidInput for PATCH_APPLIED (a scan's).
Result<EolItemView> ChangeEolItem(const AppContext& ctx,
                                  domain::Id group_id,
                                  domain::Id item_id,
                                  const EolItemEdit& edit,
                                  const std::string& actor);

struct EolImportResult {
    int64_t products = 0;
    int64_t cycles = 0;
    int64_t servers_refreshed = 0;
    std::string source;
};
/// Reads endoflife.date product pages ((name, text) pairs) or, when `pages` holds one entry
/// named "" , a kensa snapshot; stores it for every process of the database and refreshes the
/// EOL items of every server. kInvalidInput names a malformed page or a mapping rule whose
/// product the new data lacks; nothing is stored then.
Result<EolImportResult> ImportEolData(const AppContext& ctx,
                                      const std::vector<std::pair<std::string, std::string>>& pages,
                                      const std::string& source);

/// Refreshes the EOL items of every server of every group (after an import).
Result<int64_t> RefreshAllEol(const AppContext& ctx);

}  // namespace kensa::app
