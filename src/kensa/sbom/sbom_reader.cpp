#include "kensa/sbom/sbom_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>

#include "kensa/common/strings.h"

namespace kensa::sbom {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;

constexpr int kMaxNesting = 16;             // CycloneDX components may nest; bound it
constexpr size_t kMaxNumberChars = 1024;    // a longer number is hostile, not an SBOM
constexpr size_t kShortNumberChars = 18;    // an integer or decimal this short is always in range
constexpr size_t kMaxKeyChars = 16;         // the longest top-level key read is "vulnerabilities"
constexpr size_t kMaxQuotedChars = 80;      // of a document's text quoted in an error message

std::string Str(const element& e, const char* key) {
    std::string_view v;
    if (e[key].get_string().get(v) == simdjson::SUCCESS) {
        return std::string(v);
    }
    return {};
}

Error Invalid(const std::string& what) { return Error(ErrorCode::kInvalidInput, "SBOM document: " + what); }

std::string Quote(std::string_view text) {
    if (text.size() <= kMaxQuotedChars) {
        return "'" + std::string(text) + "'";
    }
    return "'" + std::string(text.substr(0, kMaxQuotedChars)) + "...'";
}

std::string CdxLicense(const element& c) {
    array licenses;
    if (c["licenses"].get_array().get(licenses) != simdjson::SUCCESS) {
        return {};
    }
    std::string out;
    for (element l : licenses) {
        std::string one = Str(l, "expression");
        if (one.empty()) {
            element lic;
            if (l["license"].get(lic) == simdjson::SUCCESS) {
                one = Str(lic, "id");
                if (one.empty()) {
                    one = Str(lic, "name");
                }
            }
        }
        if (!one.empty()) {
            out += (out.empty() ? "" : " AND ") + one;
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> Properties(const element& e) {
    std::vector<std::pair<std::string, std::string>> out;
    array props;
    if (e["properties"].get_array().get(props) != simdjson::SUCCESS) {
        return out;
    }
    for (element p : props) {
        out.emplace_back(Str(p, "name"), Str(p, "value"));
    }
    return out;
}

// One element of the document's top-level lists, read from its own small DOM. `where` names it
// in errors ("components[3]").

Status VisitCdxComponent(const element& c, int depth, const std::string& where, ReadStats& stats,
                         const ComponentFn& fn);

Status VisitCdxComponents(const array& components, int depth, const std::string& where, ReadStats& stats,
                          const ComponentFn& fn) {
    if (depth > kMaxNesting) {
        return Invalid(where + ": components nested deeper than " + std::to_string(kMaxNesting) + " levels");
    }
    for (element c : components) {
        KENSA_TRY(VisitCdxComponent(c, depth, where, stats, fn));
    }
    return Ok();
}

// A CycloneDX component, then the components nested in it.
Status VisitCdxComponent(const element& c, int depth, const std::string& where, ReadStats& stats,
                         const ComponentFn& fn) {
    if (!c.is_object()) {
        return Invalid(where + ": a component is not an object");
    }
    Component out;
    out.ref = Str(c, "bom-ref");
    out.type = Str(c, "type");
    out.group = Str(c, "group");
    out.name = Str(c, "name");
    out.version = Str(c, "version");
    out.purl = Str(c, "purl");
    out.license = CdxLicense(c);
    out.properties = Properties(c);
    if (out.name.empty()) {
        return Invalid(where + ": a component has no name (bom-ref " + Quote(out.ref) + ")");
    }
    array nested;
    bool has_nested = c["components"].get_array().get(nested) == simdjson::SUCCESS;
    ++stats.components;
    if (fn) {
        fn(std::move(out));
    }
    if (has_nested) {
        KENSA_TRY(VisitCdxComponents(nested, depth + 1, where, stats, fn));
    }
    return Ok();
}

Status VisitSpdxPackage(const element& p, const std::string& where, ReadStats& stats, const ComponentFn& fn) {
    if (!p.is_object()) {
        return Invalid(where + ": a package is not an object");
    }
    Component out;
    out.ref = Str(p, "SPDXID");
    out.type = "package";
    out.name = Str(p, "name");
    out.version = Str(p, "versionInfo");
    if (out.name.empty()) {
        return Invalid(where + ": a package has no name (SPDXID " + Quote(out.ref) + ")");
    }
    for (const char* key : {"licenseConcluded", "licenseDeclared"}) {
        std::string l = Str(p, key);
        if (!l.empty() && l != "NOASSERTION" && l != "NONE") {
            out.license = l;
            break;
        }
    }
    array refs;
    if (p["externalRefs"].get_array().get(refs) == simdjson::SUCCESS) {
        for (element r : refs) {
            std::string type = Str(r, "referenceType");
            if (type == "purl" && out.purl.empty()) {
                out.purl = Str(r, "referenceLocator");
            } else if (type == "vulnerability" || type == "advisory") {
                out.vulnerabilities.push_back(Str(r, "referenceLocator"));
                ++stats.vulnerabilities;
            }
        }
    }
    ++stats.components;
    if (fn) {
        fn(std::move(out));
    }
    return Ok();
}

// A CycloneDX vulnerability without an id or an "affects" list says nothing about a component.
using VulnerabilityFn = decltype(StreamReader::Visitor::vulnerability);

void VisitCdxVulnerability(const element& v, ReadStats& stats, const VulnerabilityFn& fn) {
    std::string id = Str(v, "id");
    array affects;
    if (id.empty() || v["affects"].get_array().get(affects) != simdjson::SUCCESS) {
        return;
    }
    ++stats.vulnerabilities;
    std::vector<std::string> refs;
    for (element a : affects) {
        refs.push_back(Str(a, "ref"));
    }
    if (fn) {
        fn(id, refs);
    }
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::string Describe(char c) {
    if (c > 0x20 && c < 0x7f) {
        return std::string("'") + c + "'";
    }
    static constexpr char kHex[] = "0123456789abcdef";
    auto b = static_cast<unsigned char>(c);
    return std::string("byte 0x") + kHex[b >> 4] + kHex[b & 0xf];
}

}  // namespace

// The reader is a byte-at-a-time JSON scanner (it survives any chunk boundary) with a small
// semantic layer on top: it tracks the members of the top-level object, buffers the elements
// of the lists it reads and the few scalars it needs, and parses each of those alone with a
// reused simdjson parser. Everything else is checked and forgotten.
class StreamReader::Impl {
public:
    Impl(Visitor visitor, StreamLimits limits)
        : visitor_(std::move(visitor)),
          limits_(limits),
          parser_(std::max(limits.max_element_bytes, kMaxNumberChars)) {}

    Status Feed(std::string_view chunk) {
        if (error_) {
            return *error_;
        }
        if (finished_) {
            return Error(ErrorCode::kInternal, "SBOM document: Feed after Finish");
        }
        if (chunk.empty()) {
            return Ok();
        }
        Status scanned = Scan(chunk.data(), chunk.size());
        offset_ += chunk.size();
        if (!scanned.ok()) {
            error_ = scanned.error();
            buffer_ = std::vector<char>();  // a failed document keeps nothing
        }
        return scanned;
    }

    Result<ReadStats> Finish(DocumentInfo* info) {
        if (error_) {
            return *error_;
        }
        if (finished_) {
            return Error(ErrorCode::kInternal, "SBOM document: Finish called twice");
        }
        finished_ = true;
        DocumentInfo read;
        auto done = Complete(read);
        if (!done.ok()) {
            error_ = done.error();
            return *error_;
        }
        if (info != nullptr) {
            *info = std::move(read);
        }
        return stats_;
    }

    size_t peak_buffer_bytes() const { return peak_buffer_; }

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
        kDone,        // after the document; only whitespace may follow
    };
    enum class StrState : uint8_t { kPlain, kEscape, kHex, kLowBackslash, kLowU, kUtf8 };
    enum class NumState : uint8_t { kMinus, kZero, kInt, kDot, kFrac, kExp, kExpSign, kExpDigits };
    // Top-level members the reader looks at; kNone for every other one.
    enum class Member : uint8_t {
        kNone,
        kBomFormat,
        kSpecVersion,
        kSpdxVersion,
        kName,
        kMetadata,
        kComponents,
        kVulnerabilities,
        kPackages,
    };
    enum class Format : uint8_t { kUnknown, kCycloneDx, kSpdx };

    static constexpr std::pair<std::string_view, Member> kMembers[] = {
        {"bomFormat", Member::kBomFormat},
        {"specVersion", Member::kSpecVersion},
        {"spdxVersion", Member::kSpdxVersion},
        {"name", Member::kName},
        {"metadata", Member::kMetadata},
        {"components", Member::kComponents},
        {"vulnerabilities", Member::kVulnerabilities},
        {"packages", Member::kPackages},
    };

    static std::string_view MemberName(Member m) {
        for (const auto& [name, member] : kMembers) {
            if (member == m) {
                return name;
            }
        }
        return "?";
    }

    static uint32_t Bit(Member m) { return uint32_t{1} << static_cast<unsigned>(m); }

    // ---- scanner ----

    Status Scan(const char* p, size_t n) {
        chunk_ = p;
        capture_from_ = 0;
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
        if (capturing_) {
            KENSA_TRY(Capture(p + capture_from_, n - capture_from_));
        }
        return Ok();
    }

    Error Syntax(size_t i, const std::string& what) const {
        return Invalid("not valid JSON (" + what + " at byte " + std::to_string(offset_ + i) + ")");
    }

    Error Unexpected(const char* p, size_t i) const { return Syntax(i, "unexpected " + Describe(p[i])); }

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
                if (c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
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
        if (!container && c != '"' && c != 't' && c != 'f' && c != 'n' && c != '-' && (c < '0' || c > '9')) {
            return Unexpected(p, i);
        }
        if (container && static_cast<int64_t>(stack_.size()) >= limits_.max_depth) {
            return Invalid("JSON nested deeper than " + std::to_string(limits_.max_depth) + " levels (at byte " +
                           std::to_string(offset_ + i) + ")");
        }
        KENSA_TRY(OnValueStart(c, i));
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
            return OnTopLevelKey();
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
                return Invalid("a number longer than " + std::to_string(kMaxNumberChars) + " characters (at byte " +
                               std::to_string(offset_ + i) + ")");
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
            element ignored;
            auto err = parser_.parse(number_.data(), len, false).get(ignored);
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
        if (capturing_ && stack_.size() == capture_depth_) {
            capturing_ = false;
            KENSA_TRY(Capture(chunk_ + capture_from_, end - capture_from_));
            KENSA_TRY(Dispatch());
        }
        if (stack_.size() == 1) {
            list_ = Member::kNone;
        }
        return Ok();
    }

    // ---- the SBOM on top of the scanner ----

    Format KnownFormat() const {
        if (bom_format_ == "CycloneDX") {
            return Format::kCycloneDx;
        }
        if ((read_ & Bit(Member::kBomFormat)) && !spdx_version_.empty()) {
            return Format::kSpdx;
        }
        return Format::kUnknown;
    }

    Status OnTopLevelKey() {
        member_ = Member::kNone;
        if (key_overflow_) {
            return Ok();
        }
        for (const auto& [name, member] : kMembers) {
            if (key_ == name) {
                member_ = member;
            }
        }
        if (member_ == Member::kNone) {
            return Ok();
        }
        if (keys_ & Bit(member_)) {
            return Invalid("the top-level key '" + key_ + "' appears twice");
        }
        keys_ |= Bit(member_);
        return Ok();
    }

    // `c` starts a value whose container is the top of the stack.
    Status OnValueStart(char c, size_t i) {
        if (stack_.size() == 1) {
            return OnMemberStart(c, i);
        }
        if (stack_.size() != 2 || list_ == Member::kNone) {
            return Ok();
        }
        element_index_ = elements_++;
        lists_seen_ |= Bit(list_);
        if (c == '{') {
            StartCapture(i);
            return Ok();
        }
        if (list_ == Member::kVulnerabilities) {
            return Ok();  // says nothing about a component
        }
        return Invalid(ElementWhere() + (list_ == Member::kComponents ? ": a component" : ": a package") +
                       " is not an object");
    }

    Status OnMemberStart(char c, size_t i) {
        switch (member_) {
            case Member::kNone:
                return Ok();
            case Member::kComponents:
            case Member::kVulnerabilities:
            case Member::kPackages: {
                Format known = KnownFormat();
                if ((known == Format::kCycloneDx && member_ == Member::kPackages) ||
                    (known == Format::kSpdx && member_ != Member::kPackages)) {
                    return Ok();  // a list of the other format: skipped, as a whole document read would
                }
                if (c != '[') {
                    not_lists_ |= Bit(member_);
                    return Ok();
                }
                list_ = member_;
                elements_ = 0;
                return Ok();
            }
            default:
                StartCapture(i);
                return Ok();
        }
    }

    void StartCapture(size_t i) {
        capturing_ = true;
        capture_from_ = i;
        capture_depth_ = stack_.size();
        buffer_.clear();
    }

    // Names the value being captured in errors: "'metadata'" or "components[3]".
    std::string Where() const {
        if (capture_depth_ == 1) {
            return "'" + std::string(MemberName(member_)) + "'";
        }
        return ElementWhere();
    }

    std::string ElementWhere() const {
        return std::string(MemberName(list_)) + "[" + std::to_string(element_index_) + "]";
    }

    Status Capture(const char* data, size_t len) {
        if (len == 0) {
            return Ok();
        }
        if (len > limits_.max_element_bytes - std::min(buffer_.size(), limits_.max_element_bytes)) {
            return Invalid(Where() + " is larger than " + std::to_string(limits_.max_element_bytes) +
                           " bytes, the limit for one element");
        }
        // Room for simdjson's padding too; the capacity never exceeds the limit plus the padding.
        size_t need = buffer_.size() + len + simdjson::SIMDJSON_PADDING;
        if (need > buffer_.capacity()) {
            size_t most = limits_.max_element_bytes + simdjson::SIMDJSON_PADDING;
            buffer_.reserve(std::max(need, std::min(buffer_.capacity() * 2, most)));
        }
        buffer_.insert(buffer_.end(), data, data + len);
        peak_buffer_ = std::max(peak_buffer_, buffer_.capacity());
        return Ok();
    }

    // The buffered value is complete: parse it alone and read it.
    Status Dispatch() {
        size_t len = buffer_.size();
        buffer_.resize(len + simdjson::SIMDJSON_PADDING, '\0');  // within the reserved capacity
        element e;
        auto err = parser_.parse(buffer_.data(), len, false).get(e);
        buffer_.clear();
        if (err != simdjson::SUCCESS) {
            return Invalid(Where() + ": not valid JSON (" + simdjson::error_message(err) + ")");
        }
        if (capture_depth_ == 1) {
            ReadMember(e);
            return Ok();
        }
        switch (list_) {
            case Member::kComponents:
                return VisitCdxComponent(e, 0, Where(), stats_, visitor_.component);
            case Member::kPackages:
                return VisitSpdxPackage(e, Where(), stats_, visitor_.component);
            default:
                VisitCdxVulnerability(e, stats_, visitor_.vulnerability);
                return Ok();
        }
    }

    void ReadMember(const element& e) {
        std::string_view text;
        std::string value = e.get_string().get(text) == simdjson::SUCCESS ? std::string(text) : std::string();
        read_ |= Bit(member_);
        switch (member_) {
            case Member::kBomFormat:
                bom_format_ = std::move(value);
                break;
            case Member::kSpecVersion:
                spec_version_ = std::move(value);
                break;
            case Member::kSpdxVersion:
                spdx_version_ = std::move(value);
                break;
            case Member::kName:
                name_ = std::move(value);
                break;
            default:  // metadata
                if (e.is_object()) {
                    meta_properties_ = Properties(e);
                    element subject;
                    if (e["component"].get(subject) == simdjson::SUCCESS && subject.is_object()) {
                        meta_name_ = Str(subject, "name");
                    }
                }
                break;
        }
    }

    Status Complete(DocumentInfo& info) {
        switch (state_) {
            case State::kDone:
                break;
            case State::kStart:
                return Invalid("not valid JSON (the document is empty)");
            case State::kString:
                return Invalid("not valid JSON (an unterminated string at the end of the document)");
            default:
                return Invalid("not valid JSON (the document ends early, after " + std::to_string(offset_) + " bytes)");
        }
        if (bom_format_ == "CycloneDX") {
            if (lists_seen_ & Bit(Member::kPackages)) {
                return Invalid("a CycloneDX document (bomFormat) with an SPDX 'packages' list before its bomFormat");
            }
            if (not_lists_ & Bit(Member::kComponents)) {
                return Invalid("'components' is not a list");
            }
            info.format = "cyclonedx";
            info.spec_version = spec_version_;
            info.name = meta_name_;
            info.properties = meta_properties_;
            return Ok();
        }
        if (!spdx_version_.empty()) {
            for (Member list : {Member::kComponents, Member::kVulnerabilities}) {
                if (lists_seen_ & Bit(list)) {
                    return Invalid("an SPDX document (spdxVersion) with a CycloneDX '" + std::string(MemberName(list)) +
                                   "' list before its format was known");
                }
            }
            if (not_lists_ & Bit(Member::kPackages)) {
                return Invalid("'packages' is not a list");
            }
            info.format = "spdx";
            info.spec_version = spdx_version_;
            info.name = name_;
            return Ok();
        }
        return Invalid("neither CycloneDX (bomFormat) nor SPDX (spdxVersion)");
    }

    Visitor visitor_;
    StreamLimits limits_;
    simdjson::dom::parser parser_;
    std::optional<Error> error_;
    bool finished_ = false;
    ReadStats stats_;

    // Scanner.
    State state_ = State::kStart;
    std::vector<char> stack_;  // '{' or '[' of each open container; at most max_depth
    size_t offset_ = 0;        // bytes of the document before the current chunk
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

    // Capture of the value being buffered: a member value (depth 1) or a list element (depth 2).
    bool capturing_ = false;
    size_t capture_from_ = 0;  // where the capture resumes in the current chunk
    size_t capture_depth_ = 0;
    std::vector<char> buffer_;  // not std::string: its reserve() may double the capacity
    size_t peak_buffer_ = 0;

    // Top-level object.
    Member member_ = Member::kNone;  // of the last top-level key
    uint32_t keys_ = 0;              // Bit() of the members seen
    uint32_t read_ = 0;              // Bit() of the member values read
    uint32_t lists_seen_ = 0;        // Bit() of the lists with at least one element read
    uint32_t not_lists_ = 0;         // Bit() of the list members whose value is not a list
    Member list_ = Member::kNone;    // the list being read
    size_t elements_ = 0;            // elements of list_ so far
    size_t element_index_ = 0;       // of the element being captured
    std::string bom_format_;
    std::string spec_version_;
    std::string spdx_version_;
    std::string name_;
    std::string meta_name_;
    std::vector<std::pair<std::string, std::string>> meta_properties_;
};

StreamReader::StreamReader(Visitor visitor, StreamLimits limits)
    : impl_(std::make_unique<Impl>(std::move(visitor), limits)) {}
StreamReader::~StreamReader() = default;
StreamReader::StreamReader(StreamReader&&) noexcept = default;
StreamReader& StreamReader::operator=(StreamReader&&) noexcept = default;

Status StreamReader::Feed(std::string_view chunk) { return impl_->Feed(chunk); }

Result<ReadStats> StreamReader::Finish(DocumentInfo* info) { return impl_->Finish(info); }

size_t StreamReader::peak_buffer_bytes() const { return impl_->peak_buffer_bytes(); }

Result<ReadStats> ReadSbom(std::string_view json, DocumentInfo* info, const ComponentFn& on_component) {
    std::vector<Component> components;
    std::map<std::string, std::vector<std::string>> by_ref;  // CycloneDX: bom-ref -> vulnerability ids
    StreamReader::Visitor visitor;
    visitor.component = [&](Component&& c) { components.push_back(std::move(c)); };
    visitor.vulnerability = [&](const std::string& id, const std::vector<std::string>& refs) {
        for (const std::string& ref : refs) {
            by_ref[ref].push_back(id);
        }
    };
    StreamReader reader(std::move(visitor));
    KENSA_TRY(reader.Feed(json));
    DocumentInfo read;
    KENSA_ASSIGN_OR_RETURN(ReadStats stats, reader.Finish(&read));
    // Vulnerabilities name the components they affect by bom-ref; the first component with the
    // ref takes them.
    for (Component& c : components) {
        auto it = by_ref.find(c.ref);
        if (it != by_ref.end()) {
            c.vulnerabilities = std::move(it->second);
            by_ref.erase(it);
        }
    }
    for (const auto& [ref, ids] : by_ref) {
        stats.dangling_refs += ids.size();
    }
    *info = std::move(read);
    for (Component& c : components) {
        on_component(std::move(c));
    }
    return stats;
}

}  // namespace kensa::sbom
