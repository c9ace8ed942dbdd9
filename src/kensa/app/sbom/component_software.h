#pragma once
// R17: an SBOM component as kensa software. The purl gives the ecosystem, name, version, epoch
// and release (dpkg is deb); the advisory database's type rules give the software type, so that
// what Inspector calls an OS package but the database tracks as a library becomes a library.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "kensa/advisory/type_rules.h"
#include "kensa/domain/model.h"
#include "kensa/ports/sbom_reader.h"

namespace kensa::app {

/// Vulnerability ids from a document: short printable tokens only (CVE-..., GHSA-..., ALAS...).
bool PlausibleVulnId(const std::string& id);

/// Type classification runs regular expressions; the same (ecosystem, name, path) recurs on
/// many resources of an export, so each answer is computed once per run (bounded memory).
class ClassifyCache {
public:
    explicit ClassifyCache(advisory::KnownFn known) : known_(std::move(known)) {}
    const advisory::Classified& Classify(const std::string& ecosystem,
                                         const std::string& name,
                                         const std::string& path);

private:
    static constexpr size_t kMaxEntries = 50000;
    advisory::KnownFn known_;
    std::unordered_map<std::string, advisory::Classified> cache_;
};

struct ConvertedComponent {
    domain::Software software;
    std::vector<std::string> vulnerabilities;  ///< the plausible ids the component lists itself
};

/// The software row of a component (on the Lambda function `lambda_fn` of a pseudo server).
ConvertedComponent ToSoftware(const ports::SbomComponent& c,
                              std::optional<domain::Id> lambda_fn,
                              ClassifyCache& classes);

}  // namespace kensa::app
