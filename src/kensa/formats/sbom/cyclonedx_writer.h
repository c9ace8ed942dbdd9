#pragma once
// CycloneDX 1.5 JSON documents of a server from kensa's inventory (R18): the SBOM of its
// current software, and the VEX of its tasks (domain/vex.h maps the statuses). The SBOM
// validates against the CycloneDX 1.5 schema and re-imports through the SBOM file reader to the
// same software rows: each component carries the row's purl (built from its ecosystem, name,
// version, epoch, release and arch when the source gave none) and its file path.

#include <string>
#include <vector>

#include "kensa/domain/model.h"
#include "kensa/domain/vex.h"

namespace kensa::sbom {

struct WriterClock {
    std::string timestamp;  ///< "2026-12-08T03:00:00Z"
    std::string serial;     ///< a UUID
    std::string tool_version;
};

/// The purl a software row is exported with: its own, else one built from its fields; "" for
/// a row of no purl type (generic without a purl).
std::string ExportPurl(const domain::Software& sw);

std::string WriteCycloneDxSbom(const domain::Server& server,
                               const std::vector<domain::Software>& software,
                               const WriterClock& clock);

/// The VEX: the components the tasks are on, and one vulnerability per task.
std::string WriteCycloneDxVex(const domain::Server& server,
                              const std::vector<domain::Software>& software,
                              const std::vector<domain::VexStatement>& entries,
                              const WriterClock& clock);

}  // namespace kensa::sbom
