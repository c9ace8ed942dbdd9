#include "kensa/domain/license_policy.h"

#include <algorithm>
#include <set>

namespace kensa::domain {
namespace {

constexpr size_t kMaxEntry = 128;
constexpr size_t kMaxEntries = 500;

std::vector<std::string> SplitList(std::string_view s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < s.size()) {
        size_t comma = s.find(',', start);
        std::string_view part = s.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (!part.empty()) {
            out.emplace_back(part);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    return out;
}

std::string Join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& e : v) {
        out += (out.empty() ? "" : ",") + e;
    }
    return out;
}

bool Has(const std::vector<std::string>& v, std::string_view e) {
    return std::find(v.begin(), v.end(), e) != v.end();
}

// The entry's own decision, if the policy names it.
std::optional<LicenseDecision> Named(const LicensePolicy& p, std::string_view entry) {
    if (Has(p.deny, entry)) {
        return LicenseDecision::kDeny;
    }
    if (Has(p.warn, entry)) {
        return LicenseDecision::kWarn;
    }
    if (Has(p.allow, entry)) {
        return LicenseDecision::kAllow;
    }
    return std::nullopt;
}

}  // namespace

std::string_view ToString(LicenseDecision v) {
    switch (v) {
        case LicenseDecision::kAllow:
            return "allow";
        case LicenseDecision::kWarn:
            return "warn";
        case LicenseDecision::kDeny:
            return "deny";
    }
    return "allow";
}

// "allow=MIT,permissive;warn=...;deny=...;exempt_os=0|1"
std::string EncodeLicensePolicy(const LicensePolicy& p) {
    if (p.empty() && p.exempt_os_packages) {
        return "";
    }
    return "allow=" + Join(p.allow) + ";warn=" + Join(p.warn) + ";deny=" + Join(p.deny) +
           ";exempt_os=" + (p.exempt_os_packages ? "1" : "0");
}

LicensePolicy DecodeLicensePolicy(std::string_view encoded) {
    LicensePolicy p;
    size_t start = 0;
    while (start < encoded.size()) {
        size_t semi = encoded.find(';', start);
        std::string_view part = encoded.substr(
            start, semi == std::string_view::npos ? std::string_view::npos : semi - start);
        size_t eq = part.find('=');
        if (eq != std::string_view::npos) {
            std::string_view key = part.substr(0, eq);
            std::string_view value = part.substr(eq + 1);
            if (key == "allow") {
                p.allow = SplitList(value);
            } else if (key == "warn") {
                p.warn = SplitList(value);
            } else if (key == "deny") {
                p.deny = SplitList(value);
            } else if (key == "exempt_os") {
                p.exempt_os_packages = value != "0";
            }
        }
        if (semi == std::string_view::npos) {
            break;
        }
        start = semi + 1;
    }
    return p;
}

Status CheckLicensePolicy(const LicensePolicy& p) {
    auto invalid = [](const std::string& what) {
        return Error(ErrorCode::kInvalidInput, "license_policy: " + what)
            .With("field", "license_policy");
    };
    if (p.allow.size() + p.warn.size() + p.deny.size() > kMaxEntries) {
        return invalid("at most " + std::to_string(kMaxEntries) + " entries");
    }
    std::set<std::string> seen;
    for (const auto* list : {&p.allow, &p.warn, &p.deny}) {
        for (const auto& e : *list) {
            if (e.empty() || e.size() > kMaxEntry ||
                e.find_first_of(",;= \t\r\n") != std::string::npos) {
                return invalid("'" + e.substr(0, 40) +
                               "' is not a license id or a category (no spaces, commas, "
                               "semicolons or '=')");
            }
            if (!seen.insert(e).second) {
                return invalid("'" + e + "' is in more than one list");
            }
        }
    }
    return Ok();
}

LicenseDecision DecideLicense(const LicensePolicy& policy,
                              const std::vector<std::string>& license_ids,
                              std::string_view expression_category,
                              const std::vector<std::string>& id_categories,
                              bool has_choice,
                              bool os_package) {
    if (os_package && policy.exempt_os_packages) {
        return LicenseDecision::kAllow;
    }
    const LicenseDecision of_category =
        Named(policy, expression_category).value_or(LicenseDecision::kAllow);
    std::optional<LicenseDecision> of_ids;
    for (size_t i = 0; i < license_ids.size(); ++i) {
        auto d = Named(policy, license_ids[i]);
        if (!d && i < id_categories.size()) {
            d = Named(policy, id_categories[i]);
        }
        LicenseDecision one = d.value_or(LicenseDecision::kAllow);
        of_ids = !of_ids ? one : has_choice ? std::min(*of_ids, one) : std::max(*of_ids, one);
    }
    return std::max(of_category, of_ids.value_or(LicenseDecision::kAllow));
}

}  // namespace kensa::domain
