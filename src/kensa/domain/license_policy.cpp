#include "kensa/domain/license_policy.h"

#include <algorithm>
#include <optional>
#include <set>
#include <vector>

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

namespace {

// Recursive descent over a canonical expression: or := and ("OR" and)*, and := term ("AND"
// term)*, term := "(" or ")" | id ["WITH" exception]. At most 64 levels deep.
class PolicyOver {
public:
    PolicyOver(const LicensePolicy& policy,
               std::string_view expression,
               const LicenseCategoryFn& category_of)
        : policy_(policy), category_of_(category_of) {
        std::string token;
        auto flush = [&] {
            if (!token.empty()) {
                tokens_.push_back(std::move(token));
                token.clear();
            }
        };
        for (char c : expression) {
            if (c == ' ') {
                flush();
            } else if (c == '(' || c == ')') {
                flush();
                tokens_.emplace_back(1, c);
            } else {
                token += c;
            }
        }
        flush();
    }

    std::optional<LicenseDecision> Decide() {
        auto d = Or(0);
        return d && pos_ == tokens_.size() ? d : std::nullopt;
    }

    LicenseDecision Term(const std::string& id, const std::string& text) const {
        if (auto named = Named(policy_, id)) {
            return *named;
        }
        return Named(policy_, category_of_(text)).value_or(LicenseDecision::kAllow);
    }

private:
    bool Peek(std::string_view t) const { return pos_ < tokens_.size() && tokens_[pos_] == t; }

    std::optional<LicenseDecision> Or(int depth) {
        auto d = And(depth);
        while (d && Peek("OR")) {
            ++pos_;
            auto next = And(depth);
            if (!next) {
                return std::nullopt;
            }
            d = std::min(*d, *next);
        }
        return d;
    }

    std::optional<LicenseDecision> And(int depth) {
        auto d = Primary(depth);
        while (d && Peek("AND")) {
            ++pos_;
            auto next = Primary(depth);
            if (!next) {
                return std::nullopt;
            }
            d = std::max(*d, *next);
        }
        return d;
    }

    std::optional<LicenseDecision> Primary(int depth) {
        if (pos_ >= tokens_.size() || depth > 64) {
            return std::nullopt;
        }
        if (Peek("(")) {
            ++pos_;
            auto d = Or(depth + 1);
            if (!d || !Peek(")")) {
                return std::nullopt;
            }
            ++pos_;
            return d;
        }
        const std::string& id = tokens_[pos_];
        if (id == ")" || id == "AND" || id == "OR" || id == "WITH") {
            return std::nullopt;
        }
        ++pos_;
        std::string text = id;
        if (Peek("WITH") && pos_ + 1 < tokens_.size()) {
            text += " WITH " + tokens_[pos_ + 1];
            pos_ += 2;
        }
        return Term(id.back() == '+' ? id.substr(0, id.size() - 1) : id, text);
    }

    const LicensePolicy& policy_;
    const LicenseCategoryFn& category_of_;
    std::vector<std::string> tokens_;
    size_t pos_ = 0;
};

}  // namespace

LicenseDecision DecideLicense(const LicensePolicy& policy,
                              std::string_view expression,
                              const LicenseCategoryFn& category_of,
                              bool os_package) {
    if (policy.empty() || (os_package && policy.exempt_os_packages)) {
        return LicenseDecision::kAllow;
    }
    if (expression.empty()) {
        return Named(policy, "unknown").value_or(LicenseDecision::kAllow);
    }
    PolicyOver over(policy, expression, category_of);
    if (auto d = over.Decide()) {
        return *d;
    }
    const std::string whole(expression);
    return over.Term(whole, whole);
}

}  // namespace kensa::domain
