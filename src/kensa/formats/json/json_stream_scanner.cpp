#include "kensa/formats/json/json_stream_scanner.h"

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "kensa/common/strings.h"

namespace kensa::formats::json {
namespace {

constexpr size_t kMaxNumberChars = 1024;  // a longer number is hostile, not a document
constexpr size_t kShortNumberChars = 18;  // an integer or decimal this short is always in range
constexpr size_t kMaxKeyChars = 32;       // top-level keys are kept up to this length
constexpr size_t kMaxQuotedChars = 80;    // of a document's text quoted in an error message

bool IsSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

std::string Describe(char c) {
    if (c > 0x20 && c < 0x7f) {
        return std::string("'") + c + "'";
    }
    static constexpr char kHex[] = "0123456789abcdef";
    auto b = static_cast<unsigned char>(c);
    return std::string("byte 0x") + kHex[b >> 4] + kHex[b & 0xf];
}

std::string Quote(std::string_view text) {
    if (text.size() <= kMaxQuotedChars) {
        return "'" + std::string(text) + "'";
    }
    return "'" + std::string(text.substr(0, kMaxQuotedChars)) + "...'";
}

}  // namespace

// A byte-at-a-time state machine, so that it survives any chunk boundary.
class StreamScanner::Impl {
public:
    Impl(Listener& listener, int max_depth, std::string error_prefix)
        : listener_(listener), max_depth_(max_depth), prefix_(std::move(error_prefix)) {}

    Status Scan(std::string_view chunk) { return Scan(chunk.data(), chunk.size()); }

    Status Finish() const {
        switch (state_) {
            case State::kDone:
                return Ok();
            case State::kStart:
                return Invalid("not valid JSON (the document is empty)");
            case State::kString:
                return Invalid(
                    "not valid JSON (an unterminated string at the end of the document)");
            default:
                return Invalid("not valid JSON (the document ends early, after " +
                               std::to_string(offset_) + " bytes)");
        }
    }

    size_t depth() const { return stack_.size(); }
    const char* chunk() const { return chunk_; }
    size_t offset() const { return offset_; }
    Error Invalid(const std::string& what) const {
        return Error(ErrorCode::kInvalidInput, prefix_ + what);
    }

private:
    enum class State : uint8_t {
        kStart,       // before the document
        kValue,       // a value must come
        kValueOrEnd,  // just after '['
        kKeyOrEnd,    // just after '{'
        kKey,         // after ',' in an object
        kColon,
        kAfterValue,  // ',' or the end of the container
        kString,
        kNumber,
        kLiteral,
        kDone,  // after the document; only whitespace may follow
    };
    enum class StrState : uint8_t { kPlain, kEscape, kHex, kLowBackslash, kLowU, kUtf8 };
    enum class NumState : uint8_t { kMinus, kZero, kInt, kDot, kFrac, kExp, kExpSign, kExpDigits };

    Status Scan(const char* p, size_t n) {
        chunk_ = p;
        size_t i = 0;
        while (i < n) {
            switch (state_) {
                case State::kString:
                    KENSA_TRY(ScanString(p, n, i));
                    break;
                case State::kNumber:
                    KENSA_TRY(ScanNumber(p, n, i));
                    break;
                case State::kLiteral:
                    KENSA_TRY(ScanLiteral(p, n, i));
                    break;
                default:
                    KENSA_TRY(ScanStructure(p, n, i));
                    break;
            }
        }
        offset_ += n;
        return listener_.OnChunkEnd(p, n);
    }

    Error Syntax(size_t i, const std::string& what) const {
        return Invalid("not valid JSON (" + what + " at byte " + std::to_string(offset_ + i) + ")");
    }

    Error Unexpected(const char* p, size_t i) const {
        return Syntax(i, "unexpected " + Describe(p[i]));
    }

    Status ScanStructure(const char* p, size_t n, size_t& i) {
        while (i < n && IsSpace(p[i])) {
            ++i;
        }
        if (i == n) {
            return Ok();
        }
        const char c = p[i];
        switch (state_) {
            case State::kStart:
                if (c == '{') {
                    return BeginValue(p, i);
                }
                if (c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' ||
                    c == 'f' || c == 'n') {
                    return Invalid("the top level is not an object");
                }
                return Unexpected(p, i);
            case State::kValue:
                return BeginValue(p, i);
            case State::kValueOrEnd:
                if (c == ']') {
                    return Close(p, i);
                }
                return BeginValue(p, i);
            case State::kKeyOrEnd:
                if (c == '}') {
                    return Close(p, i);
                }
                [[fallthrough]];
            case State::kKey:
                if (c != '"') {
                    return Syntax(i, "unexpected " + Describe(c) + " where a key should be");
                }
                BeginString(/*is_key=*/true);
                ++i;
                return Ok();
            case State::kColon:
                if (c != ':') {
                    return Syntax(i, "unexpected " + Describe(c) + " where ':' should be");
                }
                state_ = State::kValue;
                ++i;
                return Ok();
            case State::kAfterValue:
                if (c == ',') {
                    state_ = stack_.back() == '{' ? State::kKey : State::kValue;
                    ++i;
                    return Ok();
                }
                if (c == '}' || c == ']') {
                    return Close(p, i);
                }
                return Unexpected(p, i);
            case State::kDone:
                return Syntax(i, "data after the end of the document");
            default:
                return Error(ErrorCode::kInternal, "SBOM document: scanner state");
        }
    }

    Status BeginValue(const char* p, size_t& i) {
        const char c = p[i];
        const bool container = c == '{' || c == '[';
        if (!container && c != '"' && c != 't' && c != 'f' && c != 'n' && c != '-' &&
            (c < '0' || c > '9')) {
            return Unexpected(p, i);
        }
        if (container && static_cast<int64_t>(stack_.size()) >= max_depth_) {
            return Invalid("JSON nested deeper than " + std::to_string(max_depth_) +
                           " levels (at byte " + std::to_string(offset_ + i) + ")");
        }
        KENSA_TRY(listener_.OnValueStart(c, i));
        switch (c) {
            case '{':
            case '[':
                stack_.push_back(c);
                state_ = c == '{' ? State::kKeyOrEnd : State::kValueOrEnd;
                break;
            case '"':
                BeginString(/*is_key=*/false);
                break;
            case 't':
                BeginLiteral("true");
                break;
            case 'f':
                BeginLiteral("false");
                break;
            case 'n':
                BeginLiteral("null");
                break;
            default:
                state_ = State::kNumber;
                num_ = c == '-' ? NumState::kMinus : c == '0' ? NumState::kZero : NumState::kInt;
                number_.assign(1, c);
                break;
        }
        ++i;
        return Ok();
    }

    Status Close(const char* p, size_t& i) {
        if (stack_.back() != (p[i] == '}' ? '{' : '[')) {
            return Unexpected(p, i);
        }
        stack_.pop_back();
        ++i;
        return ValueDone(i);
    }

    void BeginString(bool is_key) {
        state_ = State::kString;
        str_ = StrState::kPlain;
        string_is_key_ = is_key;
        decode_key_ = is_key && stack_.size() == 1;
        key_.clear();
        key_overflow_ = false;
        high_surrogate_ = 0;
    }

    void BeginLiteral(const char* literal) {
        state_ = State::kLiteral;
        literal_ = literal;
        literal_pos_ = 1;
    }

    void KeyChar(uint32_t code_point) {
        if (!decode_key_) {
            return;
        }
        if (code_point >= 0x80 || key_.size() >= kMaxKeyChars) {
            key_overflow_ = true;  // names no member the reader looks at
            return;
        }
        key_.push_back(static_cast<char>(code_point));
    }

    Status ScanString(const char* p, size_t n, size_t& i) {
        while (i < n) {
            auto c = static_cast<unsigned char>(p[i]);
            switch (str_) {
                case StrState::kPlain:
                    while (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                        if (decode_key_) {
                            KeyChar(c);
                        }
                        if (++i == n) {
                            return Ok();
                        }
                        c = static_cast<unsigned char>(p[i]);
                    }
                    if (c == '"') {
                        ++i;
                        return EndString(i);
                    }
                    if (c == '\\') {
                        str_ = StrState::kEscape;
                    } else if (c < 0x20) {
                        return Syntax(i, "a control character in a string");
                    } else {
                        KENSA_TRY(Utf8Lead(c, i));
                    }
                    ++i;
                    break;
                case StrState::kUtf8:
                    if (c < utf8_lo_ || c > utf8_hi_) {
                        return Syntax(i, "invalid UTF-8 in a string");
                    }
                    utf8_lo_ = 0x80;
                    utf8_hi_ = 0xbf;
                    if (--utf8_need_ == 0) {
                        str_ = StrState::kPlain;
                    }
                    ++i;
                    break;
                case StrState::kEscape:
                    KENSA_TRY(Escape(c, i));
                    ++i;
                    break;
                case StrState::kHex: {
                    int digit = HexValue(static_cast<char>(c));
                    if (digit < 0) {
                        return Syntax(i, "an invalid \\u escape in a string");
                    }
                    hex_value_ = hex_value_ * 16 + static_cast<uint32_t>(digit);
                    if (++hex_count_ == 4) {
                        KENSA_TRY(EndHex(i));
                    }
                    ++i;
                    break;
                }
                case StrState::kLowBackslash:
                case StrState::kLowU:
                    if (c != (str_ == StrState::kLowBackslash ? '\\' : 'u')) {
                        return Syntax(i, "an unpaired UTF-16 surrogate in a string");
                    }
                    if (str_ == StrState::kLowU) {
                        StartHex();
                    } else {
                        str_ = StrState::kLowU;
                    }
                    ++i;
                    break;
            }
        }
        return Ok();
    }

    // The accepted UTF-8 is Unicode's (no overlong forms, no surrogates, nothing above U+10FFFF).
    Status Utf8Lead(unsigned char c, size_t i) {
        utf8_lo_ = 0x80;
        utf8_hi_ = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            utf8_need_ = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            utf8_need_ = 2;
            utf8_lo_ = c == 0xe0 ? 0xa0 : 0x80;
            utf8_hi_ = c == 0xed ? 0x9f : 0xbf;
        } else if (c >= 0xf0 && c <= 0xf4) {
            utf8_need_ = 3;
            utf8_lo_ = c == 0xf0 ? 0x90 : 0x80;
            utf8_hi_ = c == 0xf4 ? 0x8f : 0xbf;
        } else {
            return Syntax(i, "invalid UTF-8 in a string");
        }
        KeyChar(c);
        str_ = StrState::kUtf8;
        return Ok();
    }

    Status Escape(unsigned char c, size_t i) {
        str_ = StrState::kPlain;
        switch (c) {
            case '"':
            case '\\':
            case '/':
                KeyChar(c);
                return Ok();
            case 'b':
                KeyChar('\b');
                return Ok();
            case 'f':
                KeyChar('\f');
                return Ok();
            case 'n':
                KeyChar('\n');
                return Ok();
            case 'r':
                KeyChar('\r');
                return Ok();
            case 't':
                KeyChar('\t');
                return Ok();
            case 'u':
                StartHex();
                return Ok();
            default:
                return Syntax(i, "an invalid escape in a string");
        }
    }

    void StartHex() {
        str_ = StrState::kHex;
        hex_count_ = 0;
        hex_value_ = 0;
    }

    // Four hex digits are read: a code point, or one half of a UTF-16 surrogate pair.
    Status EndHex(size_t i) {
        constexpr uint32_t kHighFirst = 0xd800, kLowFirst = 0xdc00, kLowLast = 0xdfff;
        bool low = hex_value_ >= kLowFirst && hex_value_ <= kLowLast;
        str_ = StrState::kPlain;
        if (high_surrogate_ != 0) {
            if (!low) {
                return Syntax(i, "an unpaired UTF-16 surrogate in a string");
            }
            KeyChar(0x10000 + ((high_surrogate_ - kHighFirst) << 10) + (hex_value_ - kLowFirst));
            high_surrogate_ = 0;
            return Ok();
        }
        if (low) {
            return Syntax(i, "an unpaired UTF-16 surrogate in a string");
        }
        if (hex_value_ >= kHighFirst && hex_value_ < kLowFirst) {
            high_surrogate_ = hex_value_;
            str_ = StrState::kLowBackslash;
            return Ok();
        }
        KeyChar(hex_value_);
        return Ok();
    }

    Status EndString(size_t end) {
        if (!string_is_key_) {
            return ValueDone(end);
        }
        state_ = State::kColon;
        if (decode_key_) {
            return listener_.OnTopLevelKey(key_, key_overflow_);
        }
        return Ok();
    }

    Status ScanNumber(const char* p, size_t n, size_t& i) {
        while (i < n) {
            const char c = p[i];
            const bool digit = c >= '0' && c <= '9';
            const bool exp = c == 'e' || c == 'E';
            std::optional<NumState> next;
            switch (num_) {
                case NumState::kMinus:
                    if (digit) {
                        next = c == '0' ? NumState::kZero : NumState::kInt;
                    }
                    break;
                case NumState::kZero:
                case NumState::kInt:
                case NumState::kFrac:
                    if (digit && num_ != NumState::kZero) {
                        next = num_;
                    } else if (c == '.' && num_ != NumState::kFrac) {
                        next = NumState::kDot;
                    } else if (exp) {
                        next = NumState::kExp;
                    }
                    break;
                case NumState::kDot:
                    if (digit) {
                        next = NumState::kFrac;
                    }
                    break;
                case NumState::kExp:
                    if (c == '+' || c == '-') {
                        next = NumState::kExpSign;
                    } else if (digit) {
                        next = NumState::kExpDigits;
                    }
                    break;
                case NumState::kExpSign:
                case NumState::kExpDigits:
                    if (digit) {
                        next = NumState::kExpDigits;
                    }
                    break;
            }
            if (!next) {
                return EndNumber(i);  // p[i] is not part of the number; it is scanned again
            }
            if (number_.size() >= kMaxNumberChars) {
                return Invalid("a number longer than " + std::to_string(kMaxNumberChars) +
                               " characters (at byte " + std::to_string(offset_ + i) + ")");
            }
            number_.push_back(c);
            num_ = *next;
            ++i;
        }
        return Ok();
    }

    Status EndNumber(size_t end) {
        if (num_ != NumState::kZero && num_ != NumState::kInt && num_ != NumState::kFrac &&
            num_ != NumState::kExpDigits) {
            return Syntax(end, "a malformed number");
        }
        // simdjson refuses integers beyond 64 bits and numbers that overflow a double: so do we,
        // by asking it, so that a document reads the same whether streamed or not.
        bool exponent = number_.find_first_of("eE") != std::string::npos;
        if (number_.size() > kShortNumberChars || exponent) {
            size_t len = number_.size();
            number_.append(simdjson::SIMDJSON_PADDING, '\0');
            simdjson::dom::element ignored;
            auto err = number_parser_.parse(number_.data(), len, false).get(ignored);
            number_.resize(len);
            if (err != simdjson::SUCCESS) {
                return Syntax(end, "a number out of range (" + Quote(number_) + ")");
            }
        }
        return ValueDone(end);
    }

    Status ScanLiteral(const char* p, size_t n, size_t& i) {
        while (i < n) {
            if (p[i] != literal_[literal_pos_]) {
                return Syntax(i, "an invalid literal (true, false or null expected)");
            }
            ++i;
            if (literal_[++literal_pos_] == '\0') {
                return ValueDone(i);
            }
        }
        return Ok();
    }

    // A value ended just before chunk_[end]; the stack is back to the value's container.
    Status ValueDone(size_t end) {
        if (stack_.empty()) {
            state_ = State::kDone;
            return Ok();
        }
        state_ = State::kAfterValue;
        return listener_.OnValueEnd(end);
    }

    Listener& listener_;
    const int max_depth_;
    const std::string prefix_;
    simdjson::dom::parser number_parser_{kMaxNumberChars};
    State state_ = State::kStart;
    std::vector<char> stack_;  // '{' or '[' of each open container; at most max_depth_
    size_t offset_ =
        0;  // bytes of the document before the current chunk (after Scan: before the next)
    const char* chunk_ = nullptr;
    StrState str_ = StrState::kPlain;
    bool string_is_key_ = false;
    bool decode_key_ = false;  // a key of the top-level object: kept in key_
    std::string key_;
    bool key_overflow_ = false;
    int utf8_need_ = 0;
    unsigned char utf8_lo_ = 0x80;
    unsigned char utf8_hi_ = 0xbf;
    int hex_count_ = 0;
    uint32_t hex_value_ = 0;
    uint32_t high_surrogate_ = 0;
    NumState num_ = NumState::kInt;
    std::string number_;  // at most kMaxNumberChars
    const char* literal_ = "";
    size_t literal_pos_ = 0;
};

StreamScanner::StreamScanner(Listener& listener, int max_depth, std::string error_prefix)
    : impl_(std::make_unique<Impl>(listener, max_depth, std::move(error_prefix))) {}
StreamScanner::~StreamScanner() = default;
Status StreamScanner::Scan(std::string_view chunk) {
    return impl_->Scan(chunk);
}
Status StreamScanner::Finish() const {
    return impl_->Finish();
}
size_t StreamScanner::depth() const {
    return impl_->depth();
}
const char* StreamScanner::chunk() const {
    return impl_->chunk();
}
size_t StreamScanner::offset() const {
    return impl_->offset();
}
Error StreamScanner::Invalid(const std::string& what) const {
    return impl_->Invalid(what);
}

}  // namespace kensa::formats::json
