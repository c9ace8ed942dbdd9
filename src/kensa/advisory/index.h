#pragma once
// The advisory index: every affected package of every advisory, keyed by (purl type,
// normalised package name), and the version test that decides a match.
//
// Built once per matching run from the store; immutable afterwards, so it may be shared by
// threads.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kensa/advisory/advisory.h"
#include "kensa/common/error.h"

namespace kensa::advisory {

/// One installed package as the matcher sees it.
struct PackageQuery {
    std::string ecosystem;                  ///< purl type (deb, rpm, apk, pypi, ...)
    std::string distro;                     ///< NormalizeDistro form; empty when unknown
    std::string name;                       ///< as installed; normalised by the index
    std::vector<std::string> source_names;  ///< source package names (deb srcpkg, rpm upstream)
    std::string
        version;  ///< full version in the ecosystem's syntax (deb/rpm: [epoch:]version[-release])
};

struct Match {
    const Advisory* advisory = nullptr;
    const Affected* affected = nullptr;
    std::string fixed_in;  ///< the first fixed version above the package's; empty when none
};

class AdvisoryIndex {
public:
    /// Adds an advisory; withdrawn advisories are kept out of matching.
    void Add(Advisory advisory);

    /// Appends every advisory that affects the package to *out.
    void MatchPackage(const PackageQuery& query, std::vector<Match>* out) const;

    /// True when some advisory names this package in this ecosystem (R17 type conversion).
    bool Knows(std::string_view ecosystem, std::string_view name) const;

    size_t advisories() const { return advisories_.size(); }
    size_t affected_entries() const { return entries_; }
    size_t ranges() const { return ranges_; }
    /// Version comparisons that failed (a version the ecosystem's rules reject); such pairs
    /// never match.
    int64_t incomparable() const { return incomparable_; }

private:
    struct Ref {
        uint32_t advisory;
        uint32_t affected;
        uint32_t distro;  ///< 1 + index into distros_; 0 for a language ecosystem
    };
    static std::string Key(std::string_view ecosystem, std::string_view normalized);
    bool Affects(const Affected& affected, const std::string& version, std::string* fixed_in) const;

    std::vector<std::unique_ptr<Advisory>> advisories_;
    std::unordered_map<std::string, std::vector<Ref>> by_package_;
    std::vector<std::string> distros_;  ///< interned Affected::distro values
    std::unordered_map<std::string, uint32_t> distro_ids_;
    size_t entries_ = 0;
    size_t ranges_ = 0;
    mutable std::atomic<int64_t> incomparable_{0};
};

/// Does `version` fall in the OSV range? `compare` is the ecosystem's comparator (semver for
/// SEMVER ranges). Exposed for tests.
Result<bool> InRange(const Range& range,
                     const std::string& version,
                     const std::string& ecosystem,
                     std::string* fixed_in);

}  // namespace kensa::advisory
