#pragma once
// Ecosystem and distro names. An OSV record names packages by OSV ecosystem ("PyPI", "Go",
// "Debian:12", "AlmaLinux:9", "Alpine:v3.18"); kensa keys everything by purl type plus, for OS
// packages, a distro ("debian-12", "almalinux-9", "alpine-3.18"), because that is what SBOM
// components carry. Pure string rules, no I/O.

#include <optional>
#include <string>
#include <string_view>

namespace kensa::advisory {

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

/// The distro an OS description names, in NormalizeDistro form, when it names a distro that
/// distro advisories are published for: Inspector platforms (AMAZON_LINUX_2023, UBUNTU_22_04,
/// ALMA_LINUX_9), an SBOM's operating-system component ("Amazon Linux 2023", "alpine 3.18.2")
/// or a purl distro qualifier. Empty for a bare family or a non-distro (LINUX, WINDOWS, "").
std::string DistroFromPlatform(std::string_view os);

/// True when an advisory for `advisory_distro` applies to a package of `package_distro`:
/// same family, and the advisory's version is a prefix of the package's at component
/// boundaries ("almalinux-9" covers "almalinux-9.2"; "alpine-3.18" does not cover "alpine-3.19").
bool DistroCovers(std::string_view advisory_distro, std::string_view package_distro);

/// The purl type of the OS packages of a Vuls OS family ("deb", "rpm", "apk", "pkg"); empty
/// for the families whose packages have none (windows, pseudo, macos).
std::string_view VulsFamilyEcosystem(std::string_view family);

}  // namespace kensa::advisory
