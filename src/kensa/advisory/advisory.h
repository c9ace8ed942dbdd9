#pragma once
// An advisory in kensa's normalised form: an OSV record (https://ossf.github.io/osv-schema/)
// with its packages keyed by purl type and distro (see ecosystem.h) instead of OSV ecosystem
// names. formats/osv/ reads OSV JSON into it; advisory_doc.h is the form the store keeps.

#include <string>
#include <vector>

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

}  // namespace kensa::advisory
