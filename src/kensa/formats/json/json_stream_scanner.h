#pragma once
// A streaming JSON syntax checker: bytes go in as chunks of any size (split anywhere, even
// inside a UTF-8 sequence or an escape), and the listener hears where values start and end.
// It checks RFC 8259 syntax and UTF-8, with simdjson's number limits, and holds nothing of the
// document but the open containers' brackets, the current number (at most 1,024 characters) and
// the current top-level key (at most 16 characters). Readers of large documents build on it:
// they buffer only the elements they want and parse each one alone (formats/sbom does).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "kensa/common/error.h"

namespace kensa::formats::json {

class StreamScanner {
public:
    /// Hears the structure of the document. An error returned from a callback stops the scan
    /// and is returned by Scan. `i` and `end` index the chunk being scanned (see chunk()).
    class Listener {
    public:
        virtual ~Listener() = default;
        /// A value starts at chunk()[i] with character `c`; depth() is its container's depth
        /// (0 for the document, 1 for a member of the top-level object).
        virtual Status OnValueStart(char c, size_t i) = 0;
        /// A key of the top-level object ended. `overflow`: it is longer than 32 characters or
        /// not ASCII, and `key` holds only its start.
        virtual Status OnTopLevelKey(const std::string& key, bool overflow) = 0;
        /// A value inside a container ended just before chunk()[end]; depth() is back at its
        /// container's. (The end of the document itself is reported by Finish.)
        virtual Status OnValueEnd(size_t end) = 0;
        /// The chunk [p, p + n) has been scanned.
        virtual Status OnChunkEnd(const char* p, size_t n) = 0;
    };

    /// `error_prefix` begins every error message ("SBOM document: "). Containers may nest
    /// `max_depth` deep (the top-level value is depth 1).
    StreamScanner(Listener& listener, int max_depth, std::string error_prefix);
    ~StreamScanner();
    StreamScanner(const StreamScanner&) = delete;
    StreamScanner& operator=(const StreamScanner&) = delete;

    /// Scans the next chunk. kInvalidInput names the problem and its byte offset.
    Status Scan(std::string_view chunk);
    /// The document has ended: fails unless exactly one complete value was read.
    Status Finish() const;

    /// Open containers: 0 outside the document, 1 inside the top-level object, ...
    size_t depth() const;
    /// The chunk being scanned (valid during the listener's callbacks).
    const char* chunk() const;
    /// Bytes of the document scanned so far.
    size_t offset() const;
    /// kInvalidInput with the error prefix.
    Error Invalid(const std::string& what) const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kensa::formats::json
