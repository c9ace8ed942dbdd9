#pragma once
// Version ordering (rpmvercmp-style, good enough for rpm, dpkg, semver and PEP 440 strings)
// and the "is this package affected by this vulnerability" rule.

#include <string>
#include <string_view>

#include "model.h"

namespace kensa::emulator {

/// <0, 0, >0 like strcmp. Compares "[epoch:]version[-release]" piecewise; '~' sorts first.
int CompareVersions(std::string_view a, std::string_view b);

/// The package's full version: "version-release" (release omitted when empty).
std::string FullVersion(const Package& pkg);

/// True if `vuln` applies to `pkg` on `resource` (name, manager, resource scope, versions).
bool Affects(const Vulnerability& vuln, const Resource& resource, const Package& pkg);
/// The same for a further package of the finding (`also` names it, with its own versions).
bool AffectsAlso(const Vulnerability& vuln,
                 const AlsoPackage& also,
                 const Resource& resource,
                 const Package& pkg);

}  // namespace kensa::emulator
