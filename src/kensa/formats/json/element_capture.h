#pragma once
// The buffer of one JSON element that a streaming reader wants whole: the reader starts it where
// StreamScanner reports the element's first character, feeds it the bytes of each chunk up to the
// element's end, and then parses it alone with a reused simdjson parser. It holds at most
// `max_bytes` of input (plus simdjson's padding), whatever the size of the document.
// Shared by the readers built on StreamScanner (formats/sbom, formats/vuls).

#include <simdjson.h>

#include <cstddef>
#include <vector>

namespace kensa::formats::json {

class ElementCapture {
public:
    explicit ElementCapture(size_t max_bytes) : max_bytes_(max_bytes) {}

    /// Starts a capture at chunk index `from`, for an element whose container is at `depth`.
    void Start(size_t from, size_t depth);
    bool active() const { return active_; }
    /// The scanner's depth() of the element's container.
    size_t depth() const { return depth_; }

    /// The element ended before chunk[end]: appends its last bytes and ends the capture.
    /// False when the element is larger than max_bytes (the capture is then abandoned).
    bool End(const char* chunk, size_t end);
    /// The chunk [chunk, chunk + n) ended inside the element: keeps its bytes so far.
    bool ChunkEnd(const char* chunk, size_t n);

    /// Parses the captured element with `parser`; the buffer is emptied for the next one.
    simdjson::error_code Parse(simdjson::dom::parser& parser, simdjson::dom::element* out);

    /// Drops what is buffered and its memory (a failed document keeps nothing).
    void Release();
    size_t max_bytes() const { return max_bytes_; }
    /// Largest capacity the buffer reached (tests and diagnostics).
    size_t peak_bytes() const { return peak_; }

private:
    bool Append(const char* data, size_t len);

    size_t max_bytes_;
    bool active_ = false;
    size_t from_ = 0;  // where the capture resumes in the current chunk
    size_t depth_ = 0;
    std::vector<char> buffer_;  // not std::string: its reserve() may double the capacity
    size_t peak_ = 0;
};

}  // namespace kensa::formats::json
