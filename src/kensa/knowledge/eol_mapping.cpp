#include "kensa/knowledge/eol_mapping.h"

#include <algorithm>

#include "kensa/common/strings.h"
#include "kensa/knowledge/purl.h"

namespace kensa::embedded {
std::string_view EolMappingTsv();
}  // namespace kensa::embedded

namespace kensa::knowledge {
namespace {

std::string PurlKey(const Purl& p) {
    return p.type + "/" + ToLower(p.ns) + "/" + ToLower(p.name);
}

// An OS text as the rules spell it: lower case, spaces and '_' as '-'.
std::string OsKey(std::string_view os) {
    std::string s = ToLower(Trim(os));
    std::replace(s.begin(), s.end(), ' ', '-');
    std::replace(s.begin(), s.end(), '_', '-');
    return s;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text, std::string* star) {
    // The classic linear matcher: on a mismatch, the last '*' takes one more character.
    size_t p = 0;
    size_t t = 0;
    size_t star_p = std::string_view::npos;
    size_t star_t = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star_p = p++;
            star_t = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star_p != std::string_view::npos) {
            p = star_p + 1;
            t = ++star_t;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    if (p != pattern.size()) {
        return false;
    }
    if (star != nullptr) {
        star->clear();
        size_t first = pattern.find('*');
        if (first != std::string_view::npos && first == pattern.rfind('*')) {
            size_t suffix = pattern.size() - first - 1;
            *star = std::string(text.substr(first, text.size() - first - suffix));
        }
    }
    return true;
}

Result<EolMapping> EolMapping::Parse(std::string_view rules,
                                     const EolCatalog& catalog,
                                     Products products) {
    EolMapping m;
    m.catalog_ = &catalog;
    int line_no = 0;
    for (const std::string& raw : Split(rules, '\n')) {
        ++line_no;
        std::string line = raw;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (Trim(line).empty() || line[0] == '#') {
            continue;
        }
        auto f = Split(line, '\t');
        const std::string where = "EOL mapping line " + std::to_string(line_no);
        auto product = [&](const std::string& name) -> Result<const EolProduct*> {
            const EolProduct* p = catalog.Find(name);
            if (p == nullptr && products == Products::kRequireAll) {
                return Error(ErrorCode::kInvalidInput,
                             where + ": no product '" + name + "' in the EOL data");
            }
            return p;
        };
        if ((f[0] == "os" || f[0] == "lambda") && f.size() == 3) {
            KENSA_ASSIGN_OR_RETURN(const EolProduct* p, product(f[2]));
            if (p != nullptr) {
                m.rules_.push_back({f[0], {}, ToLower(f[1]), p});
            }
        } else if (f[0] == "package" && f.size() == 4) {
            KENSA_ASSIGN_OR_RETURN(const EolProduct* p, product(f[3]));
            if (p != nullptr) {
                m.rules_.push_back({f[0], Split(f[1], ','), ToLower(f[2]), p});
            }
        } else if (f[0] == "eol-date" && f.size() == 3 && (f[2] == "eol" || f[2] == "eoas")) {
            m.eol_field_[ToLower(f[1])] = f[2];
        } else {
            return Error(ErrorCode::kInvalidInput,
                         where +
                             " is not an os, lambda, package or "
                             "eol-date rule with its fields");
        }
    }
    for (const auto& p : catalog.products()) {
        for (const auto& purl : p.purls) {
            auto parsed = ParsePurl(purl);
            if (parsed.ok() && parsed->type != "generic" && parsed->type != "docker" &&
                parsed->type != "github") {
                m.by_purl_.emplace(PurlKey(*parsed), &p);
            }
        }
    }
    return m;
}

Result<EolMapping> EolMapping::Builtin(const EolCatalog& catalog, Products products) {
    return Parse(embedded::EolMappingTsv(), catalog, products);
}

std::optional<EolMatch> EolMapping::MatchOs(std::string_view os) const {
    std::string key = OsKey(os);
    if (key.empty()) {
        return std::nullopt;
    }
    for (const Rule& r : rules_) {
        std::string version;
        if (r.kind == "os" && GlobMatch(r.pattern, key, &version)) {
            std::replace(version.begin(), version.end(), '-', '.');
            // "22.04", "2023", "9.2"; Windows "2022.datacenter" -> the cycle "2022".
            if (const EolCycle* c = catalog_->CycleFor(r.product->name, version)) {
                return EolMatch{r.product, c};
            }
        }
    }
    return std::nullopt;
}

std::optional<EolMatch> EolMapping::MatchLambdaRuntime(std::string_view runtime) const {
    std::string key = ToLower(Trim(runtime));
    for (const Rule& r : rules_) {
        if (r.kind == "lambda" && GlobMatch(r.pattern, key)) {
            if (const EolCycle* c = catalog_->Cycle(r.product->name, key)) {
                return EolMatch{r.product, c};
            }
        }
    }
    return std::nullopt;
}

std::optional<EolMatch> EolMapping::MatchPackage(std::string_view ecosystem,
                                                 std::string_view name,
                                                 std::string_view version,
                                                 std::string_view purl) const {
    std::string eco = ToLower(ecosystem);
    std::string key = ToLower(name);
    for (const Rule& r : rules_) {
        if (r.kind != "package" ||
            std::find(r.ecosystems.begin(), r.ecosystems.end(), eco) == r.ecosystems.end() ||
            !GlobMatch(r.pattern, key)) {
            continue;
        }
        if (const EolCycle* c = catalog_->CycleFor(r.product->name, version)) {
            return EolMatch{r.product, c};
        }
        return std::nullopt;  // the package is the product, in no cycle the data knows
    }
    if (!purl.empty()) {
        auto parsed = ParsePurl(purl);
        if (parsed.ok()) {
            auto it = by_purl_.find(PurlKey(*parsed));
            if (it != by_purl_.end()) {
                if (const EolCycle* c = catalog_->CycleFor(it->second->name, version)) {
                    return EolMatch{it->second, c};
                }
            }
        }
    }
    return std::nullopt;
}

std::string_view EolMapping::EolField(std::string_view product) const {
    auto it = eol_field_.find(ToLower(product));
    return it == eol_field_.end() ? std::string_view("eol") : std::string_view(it->second);
}

std::string_view EolMapping::EndOf(const EolMatch& m) const {
    if (EolField(m.product->name) == "eoas" && !m.cycle->eoas.empty()) {
        return m.cycle->eoas;
    }
    return m.cycle->eol;
}

}  // namespace kensa::knowledge
