#pragma once
// The elements of CycloneDX and SPDX documents that kensa reads, each parsed alone by simdjson:
// a CycloneDX component (with the components nested in it), an SPDX package, a CycloneDX
// vulnerability, and the strings and properties of the metadata. Internal to formats/sbom.

#include <simdjson.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/formats/sbom/sbom_stream_reader.h"

namespace kensa::sbom::elements {

using VulnerabilityFn = decltype(ports::SbomVisitor::vulnerability);

/// kInvalidInput "SBOM document: <what>".
Error Invalid(const std::string& what);
/// Document text quoted in an error message, cut at 80 characters.
std::string Quote(std::string_view text);

/// A string member of an object; "" when absent or not a string.
std::string Str(const simdjson::dom::element& e, const char* key);
/// A CycloneDX "properties" list as (name, value) pairs.
std::vector<std::pair<std::string, std::string>> Properties(const simdjson::dom::element& e);

/// A CycloneDX component, then the components nested in it (at most 16 deep), in document order.
Status VisitCdxComponent(const simdjson::dom::element& c,
                         int depth,
                         const std::string& where,
                         ReadStats& stats,
                         const ComponentFn& fn);
/// An SPDX package, with the vulnerabilities its external references name.
Status VisitSpdxPackage(const simdjson::dom::element& p,
                        const std::string& where,
                        ReadStats& stats,
                        const ComponentFn& fn);
/// A CycloneDX vulnerability with an id and an "affects" list; others are ignored.
void VisitCdxVulnerability(const simdjson::dom::element& v,
                           ReadStats& stats,
                           const VulnerabilityFn& fn);

}  // namespace kensa::sbom::elements
