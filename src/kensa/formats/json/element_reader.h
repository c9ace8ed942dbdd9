#pragma once
// The base of the streaming readers built on StreamScanner (formats/sbom, formats/vuls): it
// owns the scanner, the buffer of the element being captured (ElementCapture) and a reused
// simdjson parser. A reader decides which values to capture (Capture() from OnValueStart) and
// reads each one, parsed alone, in OnElement; the base ends captures, enforces the element
// limit and names the element in its errors with the reader's Where().

#include <simdjson.h>

#include <cstddef>
#include <string>

#include "kensa/common/error.h"
#include "kensa/formats/json/element_capture.h"
#include "kensa/formats/json/json_stream_scanner.h"

namespace kensa::formats::json {

class ElementReader : public StreamScanner::Listener {
public:
    Status OnValueEnd(size_t end) final;
    Status OnChunkEnd(const char* p, size_t n) final;

protected:
    /// `error_prefix` begins every error message ("SBOM document: ").
    ElementReader(int max_depth, std::string error_prefix, size_t max_element_bytes);

    /// Captures the value that starts at chunk()[i] (call from OnValueStart).
    void Capture(size_t i) { capture_.Start(i, scanner_.depth()); }
    /// The captured value, parsed; depth() of its container is capture_.depth().
    virtual Status OnElement(const simdjson::dom::element& e) = 0;
    /// A member of the top-level object ended (a list being read ends with it).
    virtual void OnMemberEnd() {}
    /// Names the value being captured in errors: "'metadata'", "packages[3]".
    virtual std::string Where() const = 0;

    StreamScanner scanner_;
    ElementCapture capture_;

private:
    Status TooLarge() const;

    simdjson::dom::parser parser_;
};

}  // namespace kensa::formats::json
