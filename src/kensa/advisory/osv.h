#pragma once
// OSV advisories (https://ossf.github.io/osv-schema/), normalised for kensa's matcher.
//
// An OSV record names packages by OSV ecosystem ("PyPI", "Go", "Debian:12", "AlmaLinux:9",
// "Alpine:v3.18"); kensa keys everything by purl type plus, for OS packages, a distro
// ("debian-12", "almalinux-9", "alpine-3.18"), because that is what SBOM components carry.
// Input is hostile: a malformed record gives kInvalidInput naming the problem, never a crash.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kensa/common/error.h"

namespace kensa::advisory {

struct Event {
    enum class Kind { kIntroduced, kFixed, kLastAffected, kLimit };
    Kind kind = Kind::kIntroduced;
    std::string version;  ///< "0" for introduced means "every version"
};

struct Range {
    std::string type;  ///< ECOSYSTEM or SEMVER (GIT ranges are dropped at parse time)
    std::vector<Event> events;
    /// The events are already in version order (AdvisoryIndex sorts them once when it adds
    /// the record, so a match does not sort them again).
    bool sorted = false;
};

struct Affected {
    std::string osv_ecosystem;  ///< as the record spells it
    std::string ecosystem;      ///< purl type: deb, rpm, apk, pypi, npm, golang, maven, ...
    std::string distro;         ///< "debian-12", "almalinux-9", ...; empty for language ecosystems
    std::string package;        ///< as the record spells it
    std::string normalized;     ///< knowledge::NormalizePackageName(ecosystem, package)
    std::vector<Range> ranges;
    std::vector<std::string> versions;
};

struct Advisory {
    std::string id;
    std::string modified;
    bool withdrawn = false;
    std::string summary;
    std::string details;
    std::string severity;      ///< CRITICAL, HIGH, MEDIUM, LOW or empty
    std::string cvss3_vector;  ///< CVSS:3.x/... when the record gives one
    std::vector<std::string> aliases;
    std::vector<std::string> related;
    std::vector<std::string> references;
    std::vector<Affected> affected;

    /// The vulnerability ids a detection uses, so that an advisory match and Inspector's
    /// finding of the same CVE meet in one task: the CVE ids among id, aliases and related;
    /// else a GHSA alias; else the record's own id.
    std::vector<std::string> VulnerabilityIds() const;
};

/// What parsing dropped, for the import report.
struct ParseNotes {
    int git_ranges_skipped = 0;
    int unknown_ecosystems = 0;  ///< affected entries kensa cannot map (kept out of the index)
};

/// Parses one OSV JSON record.
Result<Advisory> ParseOsv(std::string_view json, ParseNotes* notes);

/// kensa's own storage form (JSON) and back.
std::string ToDoc(const Advisory& advisory);
Result<Advisory> FromDoc(std::string_view doc);

struct EcosystemRef {
    std::string ecosystem;  ///< purl type
    std::string distro;     ///< empty for language ecosystems
};

/// Maps an OSV ecosystem to kensa's (purl type, distro); nullopt when unknown.
std::optional<EcosystemRef> MapOsvEcosystem(std::string_view osv_ecosystem);

/// A distro spelling normalised to "<family>-<version>": "debian-12", "alpine-3.18",
/// "almalinux-9", "amzn-2023". Accepts purl distro qualifiers ("debian-12", "bookworm" is
/// not resolved), OSV suffixes and Inspector platforms (AMAZON_LINUX_2, UBUNTU_22_04).
std::string NormalizeDistro(std::string_view distro);

/// True when an advisory for `advisory_distro` applies to a package of `package_distro`:
/// same family, and the advisory's version is a prefix of the package's at component
/// boundaries ("almalinux-9" covers "almalinux-9.2"; "alpine-3.18" does not cover "alpine-3.19").
bool DistroCovers(std::string_view advisory_distro, std::string_view package_distro);

}  // namespace kensa::advisory
