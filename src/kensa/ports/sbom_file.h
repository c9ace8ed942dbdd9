#pragma once
// SBOM files from any tool (R18): `kensa import sbom` and the API upload take CycloneDX 1.2-1.6
// (JSON or XML) and SPDX 2.2-2.3 (JSON or tag-value). The adapter is formats/sbom: it tells the
// encoding from the first bytes and streams the document in bounded memory, handing components
// and CycloneDX vulnerabilities to the visitor exactly as the export reader does. Input is
// hostile: a malformed document gives kInvalidInput naming the problem, never a crash.

#include <memory>

#include "kensa/ports/sbom_reader.h"

namespace kensa::ports {

class SbomFileFormat {
public:
    virtual ~SbomFileFormat() = default;
    /// A reader of one file of any of the four encodings. Its Finish fills
    /// SbomDocumentInfo.format ("cyclonedx" or "spdx") and spec_version ("1.6", "SPDX-2.3").
    virtual std::unique_ptr<SbomDocumentReader> OpenFile(SbomVisitor visitor) const = 0;
};

}  // namespace kensa::ports
