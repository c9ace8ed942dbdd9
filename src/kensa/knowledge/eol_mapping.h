#pragma once
// Which endoflife.date product and release cycle a thing on a server belongs to (R18): its
// operating system, a Lambda runtime, or a package. The rules are data (data/eol/mapping.tsv,
// embedded), tried in order, then the purl identifiers the product pages list. Pure and
// thread-safe once built.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/knowledge/eol_catalog.h"

namespace kensa::knowledge {

struct EolMatch {
    const EolProduct* product = nullptr;
    const EolCycle* cycle = nullptr;
};

class EolMapping {
public:
    /// What a rule naming a product the catalogue lacks is: an error, or left out.
    enum class Products { kRequireAll, kSkipUnknown };
    /// Parses mapping rules (the format is described in data/eol/mapping.tsv) against a
    /// catalogue, which must outlive the mapping. kInvalidInput names a malformed line (and,
    /// with kRequireAll, a rule whose product the catalogue lacks).
    static Result<EolMapping> Parse(std::string_view rules,
                                    const EolCatalog& catalog,
                                    Products products = Products::kRequireAll);
    /// The shipped rules over `catalog`.
    static Result<EolMapping> Builtin(const EolCatalog& catalog,
                                      Products products = Products::kRequireAll);

    /// An operating system: a distro in advisory::NormalizeDistro form ("amzn-2", "ubuntu-22.04")
    /// or an OS description ("Windows Server 2022 Datacenter", "AMAZON_LINUX_2").
    std::optional<EolMatch> MatchOs(std::string_view os) const;
    /// A Lambda runtime id: "python3.7", "nodejs14.x", "provided.al2".
    std::optional<EolMatch> MatchLambdaRuntime(std::string_view runtime) const;
    /// A package: its purl type ("deb", "pypi", "maven"), kensa's name for it, its version and
    /// purl (which may be empty).
    std::optional<EolMatch> MatchPackage(std::string_view ecosystem,
                                         std::string_view name,
                                         std::string_view version,
                                         std::string_view purl) const;

    /// "eoas" or "eol": which date ends `product`'s support for kensa.
    std::string_view EolField(std::string_view product) const;
    /// The end date of a cycle as kensa counts it (EolField): "YYYY-MM-DD", "true" or "".
    std::string_view EndOf(const EolMatch& m) const;

    const EolCatalog& catalog() const { return *catalog_; }

private:
    struct Rule {
        std::string kind;  ///< os | lambda | package
        std::vector<std::string> ecosystems;
        std::string pattern;  ///< lower case
        const EolProduct* product = nullptr;
    };
    const EolCatalog* catalog_ = nullptr;
    std::vector<Rule> rules_;
    std::unordered_map<std::string, std::string> eol_field_;
    /// "type/namespace/name" of the products' purl identifiers -> product.
    std::unordered_map<std::string, const EolProduct*> by_purl_;
};

/// '*'-glob over whole strings, case-sensitive (callers lower-case); `*star` gets what the
/// first '*' matched.
bool GlobMatch(std::string_view pattern, std::string_view text, std::string* star = nullptr);

}  // namespace kensa::knowledge
