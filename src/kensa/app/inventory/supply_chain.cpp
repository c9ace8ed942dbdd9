#include "kensa/app/inventory/supply_chain.h"

#include <algorithm>
#include <set>

#include "kensa/app/audit.h"
#include "kensa/app/tasks/task_queries.h"
#include "kensa/domain/eol.h"
#include "kensa/domain/task_lifecycle.h"
#include "kensa/knowledge/spdx_license.h"

namespace kensa::app {
namespace {

// The policy's decision for one row, over its expression (domain::DecideLicense); a term's
// category is knowledge/spdx_license's ("X WITH Classpath-exception-2.0" is weak copyleft).
domain::LicenseDecision Decide(const domain::LicensePolicy& policy, const domain::Software& sw) {
    return domain::DecideLicense(
        policy,
        sw.license_expression,
        [](std::string_view term) {
            return std::string(knowledge::ToString(knowledge::NormalizeLicense(term).category));
        },
        sw.type == domain::SoftwareType::kOsPkg);
}

}  // namespace

Result<LicenseOverview> GetLicenseOverview(const AppContext& ctx, domain::Id group_id) {
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    std::map<std::string, LicenseUse> uses;
    LicenseOverview out;
    for (const auto& s : servers) {
        KENSA_TRY(ctx.store.ForEachSoftware(s.id, false, [&](domain::Software&& sw) {
            ++out.rows;
            if (sw.license_expression.empty()) {
                ++out.without_license;
                ++out.by_category["none"];
                return;
            }
            ++out.by_category[sw.license_category.empty() ? "unknown" : sw.license_category];
            // The ids of a canonical expression: its tokens other than operators and
            // parentheses (exceptions follow WITH and are not licenses).
            std::string token;
            bool after_with = false;
            auto flush = [&] {
                if (token.empty()) {
                    return;
                }
                if (token == "AND" || token == "OR") {
                    after_with = false;
                } else if (token == "WITH") {
                    after_with = true;
                } else if (!after_with) {
                    std::string id =
                        token.back() == '+' ? token.substr(0, token.size() - 1) : token;
                    LicenseUse& u = uses[id];
                    if (u.license.empty()) {
                        u.license = id;
                        u.category = std::string(knowledge::ToString(knowledge::CategoryOf(id)));
                    }
                    ++u.rows;
                    if (u.server_ids.empty() || u.server_ids.back() != s.id) {
                        u.server_ids.push_back(s.id);
                    }
                } else {
                    after_with = false;
                }
                token.clear();
            };
            for (char c : sw.license_expression) {
                if (c == ' ' || c == '(' || c == ')') {
                    flush();
                } else {
                    token += c;
                }
            }
            flush();
        }));
    }
    for (auto& [id, u] : uses) {
        out.licenses.push_back(std::move(u));
    }
    std::sort(out.licenses.begin(), out.licenses.end(), [](const auto& a, const auto& b) {
        return a.rows != b.rows ? a.rows > b.rows : a.license < b.license;
    });
    return out;
}

Result<std::vector<LicenseViolation>> ListLicenseViolations(const AppContext& ctx,
                                                            domain::Id group_id,
                                                            int limit) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    domain::LicensePolicy policy = domain::DecodeLicensePolicy(group.license_policy);
    std::vector<LicenseViolation> out;
    if (policy.empty()) {
        return out;
    }
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    std::vector<LicenseViolation> warned;
    for (const auto& s : servers) {
        KENSA_TRY(ctx.store.ForEachSoftware(s.id, false, [&](domain::Software&& sw) {
            domain::LicenseDecision d = Decide(policy, sw);
            if (d == domain::LicenseDecision::kAllow) {
                return;
            }
            auto& list = d == domain::LicenseDecision::kDeny ? out : warned;
            if (static_cast<int>(list.size()) < limit) {
                list.push_back({s.id, s.name, std::move(sw), d});
            }
        }));
    }
    for (auto& w : warned) {
        if (static_cast<int>(out.size()) >= limit) {
            break;
        }
        out.push_back(std::move(w));
    }
    return out;
}

Status UpdateInventorySettings(const AppContext& ctx,
                               domain::Id group_id,
                               const InventorySettings& settings,
                               const std::string& actor) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    int days = settings.eol_near_days.value_or(group.eol_near_days);
    if (days < 0 || days > domain::kMaxEolNearDays) {
        return Error(
                   ErrorCode::kInvalidInput,
                   "eol_near_days must be between 0 and " + std::to_string(domain::kMaxEolNearDays))
            .With("field", "eol_near_days");
    }
    std::string policy = group.license_policy;
    if (settings.license_policy) {
        KENSA_TRY(domain::CheckLicensePolicy(*settings.license_policy));
        policy = domain::EncodeLicensePolicy(*settings.license_policy);
    }
    KENSA_TRY(ctx.store.UpdateGroupInventory(group_id, days, policy));
    return RecordAudit(ctx,
                       group_id,
                       actor,
                       "group.inventory.update",
                       "group:" + std::to_string(group_id),
                       "eol_near_days " + std::to_string(days) +
                           (settings.license_policy ? "; license policy" : ""));
}

Result<std::vector<ServerRisk>> GetSupplyChainSummary(const AppContext& ctx, domain::Id group_id) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    domain::LicensePolicy policy = domain::DecodeLicensePolicy(group.license_policy);
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    KENSA_ASSIGN_OR_RETURN(auto items, ctx.store.ListGroupEolItems(group_id, false));
    const domain::EpochSeconds now = Now(ctx);
    std::vector<ServerRisk> out;
    for (const auto& s : servers) {
        ServerRisk r;
        r.server = s;
        for (const auto& e : items) {
            if (e.server_id != s.id) {
                continue;
            }
            auto st = domain::EolStateOf(e, now, group.eol_near_days);
            r.eol_items += st == domain::EolState::kEol ? 1 : 0;
            r.near_eol_items += st == domain::EolState::kNearEol ? 1 : 0;
        }
        ports::TaskFilter filter;
        filter.group_id = group_id;
        filter.server_id = s.id;
        filter.open_only = true;
        KENSA_TRY(ForEachTask(ctx.store, filter, [&](ports::TaskView&& v) {
            ++r.open_tasks;
            ++r.open_by_severity[std::string(domain::ToString(v.severity))];
            r.exploitable += v.exploit_available ? 1 : 0;
            return Ok();
        }));
        KENSA_TRY(ctx.store.ForEachSoftware(s.id, false, [&](domain::Software&& sw) {
            ++r.software;
            domain::LicenseDecision d = Decide(policy, sw);
            r.license_denied += d == domain::LicenseDecision::kDeny ? 1 : 0;
            r.license_warned += d == domain::LicenseDecision::kWarn ? 1 : 0;
        }));
        if (s.sbom_imported_at > 0) {
            r.sbom_age_days = std::max<int64_t>(0, (now - s.sbom_imported_at) / 86400);
        }
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace kensa::app
