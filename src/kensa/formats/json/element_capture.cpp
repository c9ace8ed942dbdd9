#include "kensa/formats/json/element_capture.h"

#include <algorithm>

namespace kensa::formats::json {

void ElementCapture::Start(size_t from, size_t depth) {
    active_ = true;
    from_ = from;
    depth_ = depth;
    buffer_.clear();
}

bool ElementCapture::End(const char* chunk, size_t end) {
    active_ = false;
    bool fits = Append(chunk + from_, end - from_);
    from_ = 0;
    return fits;
}

bool ElementCapture::ChunkEnd(const char* chunk, size_t n) {
    bool fits = !active_ || Append(chunk + from_, n - from_);
    from_ = 0;
    if (!fits) {
        active_ = false;
    }
    return fits;
}

bool ElementCapture::Append(const char* data, size_t len) {
    if (len == 0) {
        return true;
    }
    if (len > max_bytes_ - std::min(buffer_.size(), max_bytes_)) {
        buffer_.clear();
        return false;
    }
    // Room for simdjson's padding too; the capacity never exceeds the limit plus the padding.
    size_t need = buffer_.size() + len + simdjson::SIMDJSON_PADDING;
    if (need > buffer_.capacity()) {
        size_t most = max_bytes_ + simdjson::SIMDJSON_PADDING;
        buffer_.reserve(std::max(need, std::min(buffer_.capacity() * 2, most)));
    }
    buffer_.insert(buffer_.end(), data, data + len);
    peak_ = std::max(peak_, buffer_.capacity());
    return true;
}

simdjson::error_code ElementCapture::Parse(simdjson::dom::parser& parser,
                                           simdjson::dom::element* out) {
    size_t len = buffer_.size();
    buffer_.resize(len + simdjson::SIMDJSON_PADDING, '\0');  // within the reserved capacity
    auto err = parser.parse(buffer_.data(), len, false).get(*out);
    buffer_.clear();
    return err;
}

void ElementCapture::Release() {
    active_ = false;
    buffer_ = std::vector<char>();
}

}  // namespace kensa::formats::json
