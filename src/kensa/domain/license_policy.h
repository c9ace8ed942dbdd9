#pragma once
// A group's license policy (R18): lists of licenses (SPDX ids, LicenseRefs) and license
// categories ("strong_copyleft", ...) to allow, warn about or deny, and whether OS packages
// are exempt. Pure rules; the categories come from knowledge/spdx_license.
//
// Rules:
//  - An OS package is allowed when the policy exempts OS packages (the default): the
//    distribution's licenses are the distributor's matter.
//  - Otherwise the expression is decided over its tree: a license term ("MIT", "GPL-2.0-only
//    WITH Classpath-exception-2.0") by its id's own entry when it has one, else by its
//    category's entry; AND takes the strictest of its operands (all apply), OR the most
//    lenient (the user may choose). A license or category the policy does not name is
//    allowed; a row that states no license is decided as "unknown".
//  - Within one list a license may appear once; the same entry in two lists is refused.

#include <functional>
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

/// A license term's category spelling ("weak_copyleft"), as knowledge/spdx_license tells it.
using LicenseCategoryFn = std::function<std::string(std::string_view term)>;

/// One row's decision. `expression` is the row's canonical SPDX expression ("" when it states
/// none); an expression that cannot be read is decided as one term.
LicenseDecision DecideLicense(const LicensePolicy& policy,
                              std::string_view expression,
                              const LicenseCategoryFn& category_of,
                              bool os_package);

}  // namespace kensa::domain
