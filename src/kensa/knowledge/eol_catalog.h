#pragma once
// The end-of-life catalogue (R18): products and their release cycles, as endoflife.date
// publishes them. kensa ships a compact snapshot of it (data/eol/endoflife-date.tsv, embedded
// in the binary) and `kensa eol import` reads newer product pages offline. Pure data and rules,
// no I/O: the pages and the snapshot arrive as text.
//
// Snapshot format, one record per line, tab-separated, '#' lines are comments:
//   P <name> <label> <category>                       a product (the page's file name)
//   I <scheme> <identifier>                           purl or cpe of the product above
//   C <cycle> <label> <release> <eol> <eoas> <latest> <latest date> <lts 0|1>
// Dates are YYYY-MM-DD; <eol> and <eoas> may also be "true" (ended, no date) or "" (not set or
// false).

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kensa/common/error.h"

namespace kensa::knowledge {

struct EolCycle {
    std::string cycle;  ///< releaseCycle: "3.11", "2023", "22.04", "python3.7"
    std::string label;  ///< releaseLabel, or "" when the page gives none
    std::string release_date;
    std::string eol;   ///< "YYYY-MM-DD", "true" (ended, date unknown) or "" (open-ended)
    std::string eoas;  ///< end of active (standard) support, same spellings
    std::string latest;
    std::string latest_date;
    bool lts = false;
};

struct EolProduct {
    std::string name;   ///< endoflife.date permalink: "python", "amazon-linux", "aws-lambda"
    std::string label;  ///< title: "Python"
    std::string category;
    std::vector<std::string> purls;
    std::vector<std::string> cpes;
    std::vector<EolCycle> cycles;  ///< as the page lists them (newest first)
};

class EolCatalog {
public:
    /// Parses a snapshot. kInvalidInput names the line of a malformed record.
    static Result<EolCatalog> FromSnapshot(std::string_view text);
    /// Parses endoflife.date product pages: (file name without ".md", page text). Only the YAML
    /// front matter is read, line by line (title, category, identifiers, releases); a page
    /// without front matter or without releases is kInvalidInput naming it.
    static Result<EolCatalog> FromProductPages(
        const std::vector<std::pair<std::string, std::string>>& pages);

    /// The snapshot text of this catalogue (FromSnapshot(ToSnapshot()) gives it back).
    std::string ToSnapshot(std::string_view header_comment = "") const;

    const EolProduct* Find(std::string_view product) const;
    /// The cycle of `product` that `version` belongs to: the longest cycle that equals the
    /// version or is a prefix of it ending at a component boundary ("3.11" for "3.11.4", not
    /// "3.1"), after dropping an epoch ("1:") and a leading "v" or "go". nullptr when none.
    const EolCycle* CycleFor(std::string_view product, std::string_view version) const;
    /// The cycle named exactly (case-insensitive); nullptr when none.
    const EolCycle* Cycle(std::string_view product, std::string_view cycle) const;

    const std::vector<EolProduct>& products() const { return products_; }
    size_t cycle_count() const;

private:
    void Index();
    std::vector<EolProduct> products_;
    std::unordered_map<std::string, size_t> by_name_;
};

/// The snapshot that ships with kensa (embedded at build time).
const EolCatalog& BuiltinEolCatalog();
/// The shipped snapshot's text, for `kensa eol` to report its size and for tests.
std::string_view BuiltinEolSnapshot();

}  // namespace kensa::knowledge
