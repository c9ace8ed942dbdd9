#pragma once
// Version comparison per ecosystem, each matching its reference implementation exactly:
//   deb    dpkg's verrevcmp over epoch:upstream-revision
//   rpm    rpm's rpmvercmp over [epoch:]version[-release], compared like rpm.labelCompare
//   pypi   Python packaging's Version (PEP 440)
//   npm    node-semver's compare (SemVer 2.0, loose=false)
//   maven  Maven's ComparableVersion (maven-artifact 3.8)
//   golang golang.org/x/mod/semver (pseudo-versions, +incompatible)
//   gem    RubyGems' Gem::Version
//   apk    apk-tools' apk_version_compare (Alpine; like apk, it rejects no version)
//   nuget  NuGet.Versioning's NuGetVersion and VersionComparer.Default
//   cargo  the Rust semver crate 1.x (Version::parse, Ord for Version: build metadata counts)
// The differential tests in tests/differential check each one against its reference.

#include <string>
#include <string_view>
#include <vector>

#include "kensa/common/error.h"

namespace kensa::knowledge {

/// Ecosystem names follow purl types: apk, cargo, deb, gem, golang, maven, npm, nuget, pypi, rpm.
/// Returns <0, 0 or >0 like strcmp; kInvalidInput for an unknown ecosystem or a version the
/// ecosystem's reference implementation rejects (e.g. PEP 440 invalid, semver invalid), and for
/// any version longer than 1024 characters (a cap on hostile input; real versions are short).
Result<int> CompareVersions(std::string_view ecosystem, std::string_view a, std::string_view b);

/// The ecosystem names CompareVersions accepts, sorted.
std::vector<std::string_view> SupportedEcosystems();

namespace internal {

/// Per-ecosystem comparators behind CompareVersions; same contract, one ecosystem each.
Result<int> CompareDeb(std::string_view a, std::string_view b);
Result<int> CompareRpm(std::string_view a, std::string_view b);
Result<int> ComparePep440(std::string_view a, std::string_view b);
Result<int> CompareSemver(std::string_view a, std::string_view b);
Result<int> CompareMaven(std::string_view a, std::string_view b);
Result<int> CompareGolang(std::string_view a, std::string_view b);
Result<int> CompareGem(std::string_view a, std::string_view b);
Result<int> CompareApk(std::string_view a, std::string_view b);
Result<int> CompareNuGet(std::string_view a, std::string_view b);
Result<int> CompareCargo(std::string_view a, std::string_view b);

/// Compares two strings of ASCII digits numerically, whatever their leading zeros or length.
int CompareDigitStrings(std::string_view a, std::string_view b);

/// Splits on '.', keeping empty parts ("1..2" gives "1", "", "2").
std::vector<std::string_view> SplitDots(std::string_view s);

/// Normalises a comparison result to -1, 0 or 1.
inline int Sign(int v) {
    return (v > 0) - (v < 0);
}

}  // namespace internal
}  // namespace kensa::knowledge
