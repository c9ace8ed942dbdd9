#pragma once
// Reading SBOM documents, and the object keys of Inspector's SBOM export, as the use cases need
// them (app/sbom). The adapter is formats/sbom: CycloneDX JSON (1.2-1.6) and SPDX JSON (2.2,
// 2.3), streamed in bounded memory, and the export's key grammar. Input is hostile: a malformed
// document gives kInvalidInput naming the problem, never a crash.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/resource_match.h"

namespace kensa::ports {

/// One license statement of a component, as the document gives it: a CycloneDX "expression",
/// "license.id" or "license.name", an SPDX licenseConcluded/licenseDeclared (an expression).
/// knowledge/spdx_license normalises them into one SPDX expression.
struct SbomLicense {
    enum class Kind { kExpression, kId, kName };
    Kind kind = Kind::kExpression;
    std::string text;
};

struct SbomComponent {
    std::string ref;   ///< bom-ref (CycloneDX) or SPDXID (SPDX)
    std::string type;  ///< CycloneDX type (library, application, ...); "package" for SPDX
    std::string group;
    std::string name;
    std::string version;
    std::string purl;
    std::string license;  ///< the statements below joined with " AND "; empty when unknown
    std::vector<SbomLicense> licenses;  ///< in document order; NOASSERTION/NONE are left out
    std::vector<std::pair<std::string, std::string>> properties;
    std::vector<std::string> vulnerabilities;  ///< ids that the document says affect this component
};

struct SbomDocumentInfo {
    std::string format;        ///< "cyclonedx" or "spdx"
    std::string spec_version;  ///< "1.4", "SPDX-2.3", ...
    std::string name;          ///< SPDX name or the CycloneDX metadata component's name
    std::vector<std::pair<std::string, std::string>> properties;  ///< CycloneDX metadata.properties
    std::string document_namespace;                               ///< SPDX documentNamespace
    /// The OS the document says its subject runs, as written: a CycloneDX operating-system
    /// component ("Amazon Linux 2023"), else (Inspector exports) a metadata property or the
    /// platform in the SPDX namespace (AMAZON_LINUX_2); empty when it says none.
    std::string platform;
    /// The resource an Inspector export document says it describes (instance id, unqualified
    /// function ARN or image digest); empty when it says none.
    std::string subject_id;
};

struct SbomReadStats {
    size_t components = 0;
    /// CycloneDX: vulnerabilities with an id and an "affects" list. SPDX: vulnerability and
    /// advisory external references of the packages.
    size_t vulnerabilities = 0;
    /// Vulnerability "affects" references that name no component of the document (whole-document
    /// reads only: a stream keeps no index of the document's bom-refs).
    size_t dangling_refs = 0;
};

/// What a document hands over as it is read.
struct SbomVisitor {
    /// Every CycloneDX component (nested ones too, in document order, parents first) or SPDX
    /// package. CycloneDX components carry no vulnerabilities here: see `vulnerability`.
    std::function<void(SbomComponent&&)> component;
    /// Every CycloneDX vulnerability with an id and an "affects" list: the id and the bom-refs
    /// it affects (a ref that is missing or not a string is passed as "").
    std::function<void(const std::string& vuln_id, const std::vector<std::string>& refs)>
        vulnerability;
};

/// One document being read, chunk by chunk (as it arrives from S3 GetObject). A caller must
/// treat a document whose Feed or Finish failed as wholly unusable and drop what it was given.
class SbomDocumentReader {
public:
    virtual ~SbomDocumentReader() = default;
    /// Reads the next bytes; chunks may split the document anywhere. Returns the first error,
    /// and keeps returning it.
    virtual Status Feed(std::string_view chunk) = 0;
    /// Ends the document and fills `info`. Fails when it is incomplete, is neither CycloneDX nor
    /// SPDX, or contradicts its format.
    virtual Result<SbomReadStats> Finish(SbomDocumentInfo* info) = 0;
};

/// The resource an object of Inspector's SBOM export describes, from its S3 key
/// (".../resource=<TYPE>/<ARN with '/' as '_'>_<FORMAT>.json").
struct SbomExportObject {
    domain::ResourceType type = domain::ResourceType::kOther;
    std::string type_name;  ///< the key's resource type as written, for messages
    std::string id;         ///< instance id, unqualified function ARN, or image digest (sha256:...)
    std::string qualifier;  ///< Lambda version ($LATEST, 3, ...); empty when none
    std::string repository;  ///< ECR, best effort ('/' in names is ambiguous in keys)
};

/// Inspector's SBOM export as files: its documents and its key grammar. Thread-safe.
class SbomExportFormat {
public:
    virtual ~SbomExportFormat() = default;
    /// A reader of one document, handing what it reads to `visitor`.
    virtual std::unique_ptr<SbomDocumentReader> OpenDocument(SbomVisitor visitor) const = 0;
    /// The resource an export object describes; nullopt when the key is not an SBOM document of
    /// a resource (a manifest, a file of another layout, a key it cannot read).
    virtual std::optional<SbomExportObject> ParseObjectKey(std::string_view key) const = 0;
};

}  // namespace kensa::ports
