#pragma once
// Amazon Inspector's SBOM export as files (ports::SbomExportFormat): the grammar of its S3
// object keys, and what each document says about the resource it describes.

#include "kensa/formats/sbom/sbom_stream_reader.h"
#include "kensa/ports/sbom_reader.h"

namespace kensa::sbom {

class InspectorSbomExport final : public ports::SbomExportFormat {
public:
    explicit InspectorSbomExport(StreamLimits limits = {}) : limits_(limits) {}

    std::unique_ptr<ports::SbomDocumentReader> OpenDocument(
        ports::SbomVisitor visitor) const override;
    std::optional<ports::SbomExportObject> ParseObjectKey(std::string_view key) const override;

private:
    StreamLimits limits_;
};

/// ".../resource=<TYPE>/<ARN with '/' as '_'>_<FORMAT>.json" -> the resource it describes.
std::optional<ports::SbomExportObject> ParseExportKey(std::string_view key);

/// The platform an Inspector export document states beyond an operating-system component: a
/// "platform" or "os" metadata property, or the platform segment of an EC2 SPDX namespace
/// (AMAZON_LINUX_2); "" when it states none (AWS's CycloneDX examples state none).
std::string DocumentPlatform(const DocumentInfo& info);

/// What an export document says it describes: CycloneDX metadata properties (instanceId,
/// imageId, functionArn) or the SPDX document name ("<account>/EC2/<instance>/<ami>",
/// "<account>/ECR/<repo>/<digest>"); "" when it says nothing.
std::string DocumentSubject(const DocumentInfo& info);

}  // namespace kensa::sbom
