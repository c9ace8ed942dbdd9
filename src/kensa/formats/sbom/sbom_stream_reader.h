#pragma once
// Streaming reader of SBOM documents (the adapter behind ports/sbom_reader.h): CycloneDX JSON
// (1.2-1.6) and SPDX JSON (2.2, 2.3), including the documents of Amazon Inspector's SBOM export.
// Input is hostile: malformed or unexpected documents give kInvalidInput naming the problem, never
// a crash.
//
// StreamReader takes a document in chunks of any size (as they arrive from S3 GetObject) and
// hands each component to a visitor as soon as its bytes are complete. It holds one element of
// the document at a time, never the document: memory is O(StreamLimits::max_element_bytes +
// max_depth) whatever the size of the input. (simdjson's parser needs several times the size of
// the element it parses, so the largest element, 4 MiB by default, can cost a few tens of MiB.)
// ReadSbom is the whole-string convenience over it.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/ports/sbom_reader.h"

namespace kensa::sbom {

using Component = ports::SbomComponent;
using DocumentInfo = ports::SbomDocumentInfo;
using ReadStats = ports::SbomReadStats;

struct StreamLimits {
    /// Largest element of the top-level "components", "packages" or "vulnerabilities" lists (a
    /// CycloneDX component counts with the components nested in it), and largest top-level
    /// "metadata", "name", "bomFormat", "specVersion" or "spdxVersion" value.
    size_t max_element_bytes = size_t{4} << 20;
    /// Deepest JSON nesting; the top-level object is depth 1.
    int max_depth = 64;
};

/// Incremental reader of one SBOM document.
///
/// The bytes are checked as JSON as they arrive (RFC 8259 syntax and UTF-8, with simdjson's
/// number limits). Each element of the top-level lists "components" (CycloneDX), "vulnerabilities"
/// (CycloneDX) and "packages" (SPDX) is buffered alone, parsed and handed to the visitor; other
/// members are checked and skipped without being buffered.
///
/// JSON members come in any order, so the format (bomFormat / spdxVersion) may only be known
/// at Finish. Until it is, "components" and "vulnerabilities" elements are visited as CycloneDX
/// and "packages" elements as SPDX, and Finish fails if they contradict the declared format.
/// Once the format is known, the lists of the other format are skipped.
///
/// The visitor may therefore have seen components of a document that then fails: a caller must
/// treat a document whose Feed or Finish failed as wholly unusable and drop what it was given.
class StreamReader {
public:
    using Visitor = ports::SbomVisitor;

    explicit StreamReader(Visitor visitor, StreamLimits limits = {});
    ~StreamReader();
    StreamReader(StreamReader&&) noexcept;
    StreamReader& operator=(StreamReader&&) noexcept;
    StreamReader(const StreamReader&) = delete;
    StreamReader& operator=(const StreamReader&) = delete;

    /// Reads the next bytes of the document; chunks may split it anywhere, even inside a UTF-8
    /// sequence. Returns the first error, and keeps returning it on later calls.
    Status Feed(std::string_view chunk);

    /// Ends the document and fills `info`. Fails when the document is incomplete, is followed by
    /// anything but whitespace, is neither CycloneDX nor SPDX, or contradicts its format.
    Result<ReadStats> Finish(DocumentInfo* info);

    /// Largest capacity the element buffer reached: the only buffer that grows with the input
    /// (simdjson's parser grows with it, to the same bound). For tests and diagnostics.
    size_t peak_buffer_bytes() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

using ComponentFn = std::function<void(Component&&)>;

/// A component's license statements as one string ("MIT AND Apache License 2.0"), as
/// SbomComponent.license holds them: the same in every encoding.
std::string JoinLicenses(const std::vector<ports::SbomLicense>& licenses);

/// Reads one whole document (JSON). CycloneDX vulnerabilities are attached to the components
/// they affect, and the affects that name no component counted as dangling_refs. `info` is
/// filled before the first component is visited; no component is visited when reading fails.
Result<ReadStats> ReadSbom(std::string_view json,
                           DocumentInfo* info,
                           const ComponentFn& on_component);

}  // namespace kensa::sbom
