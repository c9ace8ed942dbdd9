#pragma once
// SBOM files from any tool (ports::SbomFileFormat): CycloneDX 1.2-1.6 as JSON or XML, SPDX
// 2.2-2.3 as JSON or tag-value. The reader a file gets tells the encoding from its first bytes
// (after a UTF-8 byte order mark and whitespace: '{' is JSON, '<' XML, a '#' comment or a
// "Tag:" line SPDX tag-value) and then streams every byte to the reader of that encoding
// (sbom_stream_reader.h, cyclonedx_xml_reader.h, spdx_tag_value_reader.h). It holds at most a
// line's first few bytes while it tells, so memory stays bounded as the readers' does.

#include <memory>

#include "kensa/formats/sbom/sbom_stream_reader.h"
#include "kensa/ports/sbom_file.h"
#include "kensa/ports/sbom_reader.h"

namespace kensa::sbom {

class SbomFiles final : public ports::SbomFileFormat {
public:
    explicit SbomFiles(StreamLimits limits = {}) : limits_(limits) {}

    /// A reader of one file of any of the four encodings. Feed fails with kInvalidInput
    /// "SBOM file: neither JSON, XML nor SPDX tag-value" when the first bytes say none of them
    /// (Finish, when the file ends before they say; "SBOM file: empty" when it holds nothing but
    /// whitespace). As the export's reader does, Finish also fills subject_id, and platform from
    /// the metadata properties or the SPDX namespace when no operating-system component gave it
    /// (inspector_export.h): an Inspector export downloaded and uploaded reads the same.
    std::unique_ptr<ports::SbomDocumentReader> OpenFile(ports::SbomVisitor visitor) const override;

private:
    StreamLimits limits_;
};

}  // namespace kensa::sbom
