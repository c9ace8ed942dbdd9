#pragma once
// Streaming reader of SPDX 2.2 / 2.3 tag-value documents ("Tag: value" lines, <text>...</text>
// values over several lines, '#' comments). It hands the visitor what the SPDX JSON reader
// (sbom_stream_reader.h) hands it for the same document: every package, with its SPDXID,
// version, purl, license and the vulnerabilities its external references name; and at Finish
// the document's format, version, name and namespace.
//
// Input is hostile: a line is at most kMaxTagValueLineBytes, a <text> value at most
// kMaxTagValueTextBytes, and what the reader keeps of one package at most
// StreamLimits::max_element_bytes. The reader holds one line and one package at a time, never
// the document, so memory is O(max_element_bytes) whatever the size of the input. Errors are
// kInvalidInput "SBOM document: line N: ..." naming the problem.

#include <cstddef>
#include <memory>
#include <string_view>

#include "kensa/common/error.h"
#include "kensa/formats/sbom/sbom_stream_reader.h"
#include "kensa/ports/sbom_reader.h"

namespace kensa::sbom {

/// Longest line of a tag-value document, line break excluded.
inline constexpr size_t kMaxTagValueLineBytes = size_t{1} << 20;
/// Longest <text> value of a tag-value document, whether the reader keeps it or not.
inline constexpr size_t kMaxTagValueTextBytes = size_t{1} << 20;

/// Incremental reader of one SPDX tag-value document.
///
/// A `PackageName:` line starts a package; the package ends at the next `PackageName:`, at a
/// file (`FileName:`), snippet (`SnippetSPDXID:`) or extracted license (`LicenseID:`), or at the
/// end of the document, and is visited then. Its license is the first of PackageLicenseConcluded
/// and PackageLicenseDeclared that is neither NOASSERTION nor NONE, as one expression. Its
/// `ExternalRef: <category> <type> <locator>` lines give the purl (type "purl", the first one)
/// and the vulnerabilities (types "vulnerability" and "advisory"), as the JSON reader reads
/// externalRefs. Lines must be valid UTF-8 without NUL bytes; lines that are neither blank, a
/// comment nor "Tag: value" are refused.
///
/// The visitor may have seen packages of a document that then fails: a caller must drop what
/// it was given when Feed or Finish fails.
class SpdxTagValueReader final : public ports::SbomDocumentReader {
public:
    using Visitor = ports::SbomVisitor;

    /// `first_line` numbers the first line fed, for messages (the file sniffer may have skipped
    /// blank lines before it).
    explicit SpdxTagValueReader(Visitor visitor, StreamLimits limits = {}, size_t first_line = 1);
    ~SpdxTagValueReader() override;
    SpdxTagValueReader(const SpdxTagValueReader&) = delete;
    SpdxTagValueReader& operator=(const SpdxTagValueReader&) = delete;

    /// Reads the next bytes; chunks may split the document anywhere. Returns the first error,
    /// and keeps returning it on later calls.
    Status Feed(std::string_view chunk) override;

    /// Ends the document and fills `info` (format "spdx", spec_version "SPDX-2.3"). Fails when
    /// a <text> value is not closed, or the document has no SPDXVersion.
    Result<ports::SbomReadStats> Finish(ports::SbomDocumentInfo* info) override;

    /// Largest capacity the line buffer reached. For tests and diagnostics.
    size_t peak_line_bytes() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kensa::sbom
