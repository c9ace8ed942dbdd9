#pragma once
// How the matcher sees an installed package: a software row of a server turned into the
// index's PackageQuery. Pure: no store, no I/O.

#include "kensa/advisory/index.h"
#include "kensa/domain/model.h"

namespace kensa::advisory {

/// The matcher's view of one software row: the ecosystem (the row's, else its purl type), the
/// full version in the ecosystem's syntax (deb/rpm: [epoch:]version[-release]), and for OS
/// packages the distro (the purl's `distro` qualifier, else the server's distro, else its
/// platform) and the source package names (purl `upstream` and `srcpkg`).
PackageQuery QueryFor(const domain::Software& software, const domain::Server& server);

}  // namespace kensa::advisory
