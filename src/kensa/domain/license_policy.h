#pragma once
// A group's license policy (R18): lists of licenses (SPDX ids, LicenseRefs) and license
// categories ("strong_copyleft", ...) to allow, warn about or deny, and whether OS packages
// are exempt. Pure rules; the categories come from knowledge/spdx_license.
//
// Rules:
//  - An OS package is allowed when the policy exempts OS packages (the default): the
//    distribution's licenses are the distributor's matter.
//  - Otherwise each license id of the row is decided by its own entry when it has one, else by
//    its category's; the row's expression category is decided by its entry. A license or
//    category the policy does not name is allowed.
//  - Without a choice (no OR in the expression) the row gets the strictest of these
//    (deny > warn > allow). With a choice, the most lenient of its ids, and no more lenient
//    than its expression's category (which for OR is already the most permissive operand's).
//  - Within one list a license may appear once; the same entry in two lists is refused.

#include <string>
#include <string_view>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::domain {

enum class LicenseDecision { kAllow, kWarn, kDeny };
std::string_view ToString(LicenseDecision v);  ///< allow, warn, deny

struct LicensePolicy {
    std::vector<std::string> allow;
    std::vector<std::string> warn;
    std::vector<std::string> deny;
    bool exempt_os_packages = true;
    bool empty() const { return allow.empty() && warn.empty() && deny.empty(); }
};

/// "" for an empty policy that exempts OS packages.
std::string EncodeLicensePolicy(const LicensePolicy& policy);
/// A stored policy; an unreadable one reads as empty (nothing stored is trusted blindly, and
/// kensa wrote it).
LicensePolicy DecodeLicensePolicy(std::string_view encoded);
/// kInvalidInput (field "license_policy") for an entry in two lists, an empty or over-long
/// entry (128), or over 500 entries.
Status CheckLicensePolicy(const LicensePolicy& policy);

/// One row's decision. `license_ids` are the ids of its expression; `category_of` gives each
/// id's category spelling.
LicenseDecision DecideLicense(const LicensePolicy& policy,
                              const std::vector<std::string>& license_ids,
                              std::string_view expression_category,
                              const std::vector<std::string>& id_categories,
                              bool has_choice,
                              bool os_package);

}  // namespace kensa::domain
