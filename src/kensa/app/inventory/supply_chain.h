#pragma once
// Use cases of the license and supply-chain views (R18): the group's license overview (rows
// per license and per category, and the servers using each license), the license policy's
// violations per server and component, the group's inventory settings (near-EOL window,
// license policy), and the supply-chain risk summary per server.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kensa/app/context.h"
#include "kensa/domain/license_policy.h"

namespace kensa::app {

struct LicenseUse {
    std::string license;  ///< an SPDX id or LicenseRef
    std::string category;
    int64_t rows = 0;
    std::vector<domain::Id> server_ids;
};
struct LicenseOverview {
    std::vector<LicenseUse> licenses;            ///< most rows first
    std::map<std::string, int64_t> by_category;  ///< rows per category ("" as "none")
    int64_t rows = 0;
    int64_t without_license = 0;
};
/// Reads every current software row of the group once (streamed per server).
Result<LicenseOverview> GetLicenseOverview(const AppContext& ctx, domain::Id group_id);

struct LicenseViolation {
    domain::Id server_id = 0;
    std::string server_name;
    domain::Software software;
    domain::LicenseDecision decision = domain::LicenseDecision::kAllow;
};
/// The rows the group's policy warns about or denies, at most `limit` of them (denials first).
Result<std::vector<LicenseViolation>> ListLicenseViolations(const AppContext& ctx,
                                                            domain::Id group_id,
                                                            int limit);

struct InventorySettings {
    std::optional<int> eol_near_days;
    std::optional<domain::LicensePolicy> license_policy;
};
/// kInvalidInput names the field; audited as "group.inventory.update".
Status UpdateInventorySettings(const AppContext& ctx,
                               domain::Id group_id,
                               const InventorySettings& settings,
                               const std::string& actor);

struct ServerRisk {
    domain::Server server;
    std::map<std::string, int64_t> open_by_severity;  ///< open tasks per severity spelling
    int64_t open_tasks = 0;
    int64_t exploitable = 0;     ///< open tasks whose vulnerability has a known exploit
    int64_t eol_items = 0;       ///< EOL now
    int64_t near_eol_items = 0;  ///< within the group's window
    int64_t license_denied = 0;
    int64_t license_warned = 0;
    int64_t software = 0;
    std::optional<int64_t> sbom_age_days;  ///< since its last SBOM import
};
Result<std::vector<ServerRisk>> GetSupplyChainSummary(const AppContext& ctx, domain::Id group_id);

}  // namespace kensa::app
