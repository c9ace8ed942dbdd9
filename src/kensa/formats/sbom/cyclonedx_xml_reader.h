#pragma once
// Streaming reader of CycloneDX XML documents (spec 1.2-1.6, namespace
// http://cyclonedx.org/schema/bom/1.x), over expat. It hands the visitor what the JSON reader
// (sbom_stream_reader.h) hands it for the same document: every component under <components>
// (nested ones too, parents first), every vulnerability with an id and an <affects> list, and at
// Finish the document's format, spec version, metadata component name, metadata properties and
// operating system.
//
// Input is hostile: a DTD (and so any entity declaration) is refused outright, elements nest at
// most StreamLimits::max_depth deep, one text value is at most kMaxXmlTextBytes, and one
// top-level component (with the components nested in it), <metadata> or <vulnerability> at most
// StreamLimits::max_element_bytes. The reader holds one such element at a time, never the
// document. Expat's own memory (its buffer, which holds the longest tag, and its tables of the
// distinct names seen) is held to a budget of 4 * max_element_bytes + 8 MiB, of which a document
// of the CycloneDX schema needs a few hundred KiB. So memory is O(max_element_bytes) whatever the
// size of the input. Errors are kInvalidInput "SBOM document: line N: ..." naming the problem;
// nothing the input holds crashes the reader or makes it throw.

#include <cstddef>
#include <memory>
#include <string_view>

#include "kensa/common/error.h"
#include "kensa/formats/sbom/sbom_stream_reader.h"
#include "kensa/ports/sbom_reader.h"

namespace kensa::sbom {

/// Largest text value of an XML document (the character data between two tags).
inline constexpr size_t kMaxXmlTextBytes = size_t{1} << 20;
/// Expat is given the document in slices of this size, whatever the size of the chunks fed.
/// Not more: expat copies what it is given into its buffer. Not less: expat (before 2.6) scans
/// an unfinished token again from its start with every call, so a long tag fed in small calls
/// would cost time quadratic in its length.
inline constexpr size_t kXmlSliceBytes = size_t{1} << 20;

/// Incremental reader of one CycloneDX XML document.
///
/// The bytes fed are given to expat a slice (kXmlSliceBytes) at a time, so errors and
/// components may come one Feed, or Finish, later than the bytes that hold them.
///
/// Only elements in the namespace of the root <bom> are read; elements of other namespaces
/// (extensions) are checked as XML and skipped. A top-level component is visited, with the
/// components nested in it, when its end tag is read; a vulnerability when its end tag is read.
/// As with the JSON reader, the visitor may have seen components of a document that then fails:
/// a caller must drop what it was given when Feed or Finish fails.
///
/// A visitor that throws has its exception rethrown by Feed or Finish (as the JSON reader lets
/// it through); the reader is then failed.
class CycloneDxXmlReader final : public ports::SbomDocumentReader {
public:
    using Visitor = ports::SbomVisitor;

    /// `first_line` numbers the first line fed, for messages (the file sniffer may have skipped
    /// blank lines before it). `slice_bytes` (at most kXmlSliceBytes) is smaller only in tests,
    /// to have expat see the document split anywhere.
    explicit CycloneDxXmlReader(Visitor visitor,
                                StreamLimits limits = {},
                                size_t first_line = 1,
                                size_t slice_bytes = kXmlSliceBytes);
    ~CycloneDxXmlReader() override;
    CycloneDxXmlReader(const CycloneDxXmlReader&) = delete;
    CycloneDxXmlReader& operator=(const CycloneDxXmlReader&) = delete;

    /// Reads the next bytes; chunks may split the document anywhere, even inside a UTF-8
    /// sequence. Returns the first error, and keeps returning it on later calls.
    Status Feed(std::string_view chunk) override;

    /// Ends the document and fills `info` (format "cyclonedx", spec_version from the namespace,
    /// "1.4"). Fails when the document is incomplete or not well-formed.
    Result<ports::SbomReadStats> Finish(ports::SbomDocumentInfo* info) override;

    /// Most memory expat held at once, in bytes. For tests and diagnostics.
    size_t peak_parser_bytes() const;
    /// Largest element the reader held at once, in bytes of the document: a top-level component
    /// with the components nested in it, <metadata> or a <vulnerability>. For tests and
    /// diagnostics.
    size_t peak_element_bytes() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kensa::sbom
