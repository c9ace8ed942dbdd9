#pragma once
// Reader for SBOM documents: CycloneDX JSON (1.2-1.6) and SPDX JSON (2.2, 2.3), including the
// documents of Amazon Inspector's SBOM export. Components are handed to a visitor one at a
// time; nothing but the document being read is held. Input is hostile: malformed or
// unexpected documents give kInvalidInput naming the problem, never a crash.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kensa/common/error.h"

namespace kensa::sbom {

struct Component {
    std::string ref;      ///< bom-ref (CycloneDX) or SPDXID (SPDX)
    std::string type;     ///< CycloneDX type (library, application, ...); "package" for SPDX
    std::string group;
    std::string name;
    std::string version;
    std::string purl;
    std::string license;  ///< SPDX expression or license name; empty when unknown
    std::vector<std::pair<std::string, std::string>> properties;
    std::vector<std::string> vulnerabilities;  ///< ids that the document says affect this component
};

struct DocumentInfo {
    std::string format;        ///< "cyclonedx" or "spdx"
    std::string spec_version;  ///< "1.4", "SPDX-2.3", ...
    std::string name;          ///< SPDX name or the CycloneDX metadata component's name
    std::vector<std::pair<std::string, std::string>> properties;  ///< CycloneDX metadata.properties
};

struct ReadStats {
    size_t components = 0;
    size_t vulnerabilities = 0;
    /// Vulnerability "affects" references that name no component of the document.
    size_t dangling_refs = 0;
};

using ComponentFn = std::function<void(Component&&)>;

/// Reads one document (JSON). `info` is filled before the first component is visited.
Result<ReadStats> ReadSbom(std::string_view json, DocumentInfo* info, const ComponentFn& on_component);

}  // namespace kensa::sbom
