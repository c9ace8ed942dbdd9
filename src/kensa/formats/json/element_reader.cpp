#include "kensa/formats/json/element_reader.h"

#include <algorithm>

namespace kensa::formats::json {
namespace {

constexpr size_t kMinParserBytes = 1024;  // the longest number the scanner passes on

}  // namespace

ElementReader::ElementReader(int max_depth, std::string error_prefix, size_t max_element_bytes)
    : scanner_(*this, max_depth, std::move(error_prefix)),
      capture_(max_element_bytes),
      parser_(std::max(max_element_bytes, kMinParserBytes)) {}

Status ElementReader::OnValueEnd(size_t end) {
    if (capture_.active() && scanner_.depth() == capture_.depth()) {
        if (!capture_.End(scanner_.chunk(), end)) {
            return TooLarge();
        }
        simdjson::dom::element e;
        auto err = capture_.Parse(parser_, &e);
        if (err != simdjson::SUCCESS) {
            return scanner_.Invalid(Where() + ": not valid JSON (" + simdjson::error_message(err) +
                                    ")");
        }
        KENSA_TRY(OnElement(e));
    }
    if (scanner_.depth() == 1) {
        OnMemberEnd();
    }
    return Ok();
}

Status ElementReader::OnChunkEnd(const char* p, size_t n) {
    return capture_.ChunkEnd(p, n) ? Ok() : TooLarge();
}

Status ElementReader::TooLarge() const {
    return scanner_.Invalid(Where() + " is larger than " + std::to_string(capture_.max_bytes()) +
                            " bytes, the limit for one element");
}

}  // namespace kensa::formats::json
