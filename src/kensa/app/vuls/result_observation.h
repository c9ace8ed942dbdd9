#pragma once
// R19: a Vuls result as one scan observation of its server. Packages and libraries become
// software rows through the same purl rules as SBOM components (app/sbom/component_software.h),
// so the advisory matcher sees a Vuls host as it sees an SBOM; each scanned CVE becomes a
// vulnerability with its CVSS and fix state from cveContents, and one detection per affected
// package, library or CPE, with the installed version taken from `packages`.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "kensa/app/sbom/component_software.h"
#include "kensa/domain/scan_reconcile.h"
#include "kensa/ports/vuls_result.h"

namespace kensa::app {

/// The label of Vuls's detections (Detection::source_ref) and of its system comments.
inline constexpr const char* kVulsSourceRef = "vuls";

/// Builds the observation while the reader streams: each element is converted as it arrives,
/// and what needs the whole result (the OS family, the source package names) at Finish.
class VulsObservationBuilder {
public:
    /// `max_components`: packages plus libraries one result may list (its software is held for
    /// the one transaction that reconciles it).
    VulsObservationBuilder(ClassifyCache& classes, int64_t max_components)
        : classes_(classes), max_components_(max_components) {}

    /// The visitor to give the reader. It must not outlive the builder.
    ports::vuls::Visitor Visitor();
    /// Completes the observation with the result's header. kInvalidInput when the result
    /// listed more components than allowed.
    Result<domain::ScanObservation> Finish(const ports::vuls::ResultInfo& info);

    int64_t packages() const { return packages_read_; }
    int64_t src_packages() const { return src_packages_; }
    int64_t libraries() const { return libraries_; }
    int64_t cves() const { return static_cast<int64_t>(cves_.size()); }

private:
    bool Room();

    ClassifyCache& classes_;
    int64_t max_components_;
    int64_t components_ = 0;
    bool too_many_ = false;
    std::vector<ports::vuls::Package> packages_;  // until Finish turns them into rows
    int64_t packages_read_ = 0;
    std::unordered_map<std::string, std::string> source_of_;  // binary package -> source name
    int64_t src_packages_ = 0;
    int64_t libraries_ = 0;
    std::vector<domain::Software> library_rows_;
    std::vector<ports::vuls::ScannedCve> cves_;
};

/// The vulnerability a scanned CVE describes: CVSS v3 from the first of nvd, the distro's own
/// sources, then any other that scores it; the severity likewise; the fix state from its
/// affected packages (every one notFixedYet: NO; some: PARTIAL; else YES).
domain::Vulnerability VulnerabilityOf(const ports::vuls::ScannedCve& cve);

}  // namespace kensa::app
