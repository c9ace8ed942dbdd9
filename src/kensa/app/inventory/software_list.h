#pragma once
// Use cases of the group-wide software list (R18): every package on every server of a group,
// filtered and paged by keyset over millions of rows; "where is X used" (a name and a version
// range across servers); and a server's inventory as an SBOM or a VEX document is built from
// (formats/sbom writes them).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kensa/app/context.h"
#include "kensa/domain/eol.h"
#include "kensa/domain/vex.h"
#include "kensa/ports/inventory_store.h"

namespace kensa::app {

struct GroupSoftwareQuery {
    ports::GroupSoftwareFilter filter;  ///< eol_* fields are set from `eol_state`
    std::optional<domain::EolState> eol_state;
    /// "where is X used": comparisons such as ">=2.0,<2.17.1" over the rows' own ecosystem
    /// rules; needs filter.name.
    std::string version_range;
    domain::Id after_id = 0;
    int64_t limit = 100;  ///< 1..kMaxGroupSoftwarePage
};
inline constexpr int64_t kMaxGroupSoftwarePage = 1000;

struct GroupSoftwareRow {
    domain::Software software;
    std::string server_name;
    std::optional<domain::EolState> eol_state;  ///< of its cycle, when it is of one
    std::optional<domain::EpochSeconds> eol_at;
};

struct GroupSoftwarePage {
    std::vector<GroupSoftwareRow> rows;
    /// Set when there may be more rows: pass it as after_id. A version range may scan a
    /// bounded number of rows and stop early, with next_after set.
    std::optional<domain::Id> next_after;
};

/// A category spelling of knowledge/spdx_license ("permissive", "strong_copyleft", ...).
bool IsLicenseCategory(std::string_view spelling);

/// kInvalidInput names the bad field (limit, version_range, server_id of another group).
Result<GroupSoftwarePage> ListGroupSoftware(const AppContext& ctx,
                                            domain::Id group_id,
                                            const GroupSoftwareQuery& query);

/// Every row the query selects from `after_id` on, in id order, page by page with the group's
/// servers and EOL items read once (exports, `kensa software list`); `limit` is not used. The
/// first error of `fn` stops the walk and is returned.
Status ForEachGroupSoftware(const AppContext& ctx,
                            domain::Id group_id,
                            const GroupSoftwareQuery& query,
                            const std::function<Status(const GroupSoftwareRow&)>& fn);

/// A server's inventory as documents describe it: its current software, and its tasks with
/// the vulnerabilities and the software rows they are on.
struct ServerInventory {
    domain::Server server;
    std::vector<domain::Software> software;
    std::vector<domain::VexStatement> tasks;  ///< software_ids: rows with an active detection
};
Result<ServerInventory> GetServerInventory(const AppContext& ctx,
                                           domain::Id group_id,
                                           domain::Id server_id);

}  // namespace kensa::app
