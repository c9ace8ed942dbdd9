// Package URL parsing and canonical form (ECMA-427, purl-spec docs/specification).
//
// Parsing follows the spec's "How to parse" steps, right to left: '#' subpath, '?' qualifiers,
// the "pkg:" scheme (then any slashes), the type up to the first '/', '@' version, then the
// name after the last '/' and the namespace before it. Two details the steps leave open are
// settled the way the spec's test suite expects:
//   - an '@' whose right side contains a '/' is an unencoded npm scope ("pkg:npm/@babel/core"),
//     not the version separator;
//   - a '/' right before the name is not stripped: "pkg:swift/github.com/Alamofire/@5.4.3" has
//     an empty name and is invalid.
// Building (MakePurl) and parsing end in the same Finish step, so both directions apply one set
// of rules and ToCanonicalString only has to encode.
#include "kensa/knowledge/purl.h"

#include <algorithm>
#include <string>
#include <vector>

#include "kensa/common/strings.h"
#include "kensa/knowledge/purl_internal.h"

namespace kensa::knowledge {
namespace internal {

Error PurlError(std::string_view why) {
    return Error(ErrorCode::kInvalidInput, "invalid purl: " + std::string(why));
}

std::string AsciiLower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::string AsciiUpper(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return out;
}

}  // namespace internal

namespace {

using internal::AsciiLower;
using internal::PurlError;

constexpr std::string_view kScheme = "pkg:";
// How much of a rejected purl an error carries as its "purl" detail.
constexpr size_t kPurlDetailLength = 200;

bool IsAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

// ECMA-427 5.4: alphanumerics, the punctuation ".-_~" and ':' are never percent-encoded.
bool IsUnencoded(char c) {
    return IsAlpha(c) || IsDigit(c) || c == '.' || c == '-' || c == '_' || c == '~' || c == ':';
}

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not well-formed (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char lead = byte(i);
    if (lead < 0x80) {
        return 1;
    }
    size_t length = lead >= 0xF0 ? 4 : (lead >= 0xE0 ? 3 : (lead >= 0xC2 ? 2 : 0));
    if (length == 0 || lead > 0xF4 || i + length > s.size()) {
        return 0;
    }
    for (size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            return 0;
        }
    }
    unsigned char second = byte(i + 1);
    bool overlong = (lead == 0xE0 && second < 0xA0) || (lead == 0xF0 && second < 0x90);
    bool out_of_range = (lead == 0xED && second >= 0xA0) || (lead == 0xF4 && second >= 0x90);
    return overlong || out_of_range ? 0 : length;
}

bool IsValidUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        size_t length = Utf8SequenceLength(s, i);
        if (length == 0) {
            return false;
        }
        i += length;
    }
    return true;
}

Result<std::string> PercentDecode(std::string_view s, std::string_view component) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        int high = i + 2 < s.size() ? HexValue(s[i + 1]) : -1;
        int low = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
        if (high < 0 || low < 0) {
            return PurlError("bad percent escape in the " + std::string(component));
        }
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    if (!IsValidUtf8(out)) {
        return PurlError("the " + std::string(component) + " is not valid UTF-8");
    }
    return out;
}

std::string PercentEncode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (IsUnencoded(c)) {
            out += c;
            continue;
        }
        auto byte = static_cast<unsigned char>(c);
        out += '%';
        out += kHex[byte >> 4];
        out += kHex[byte & 0x0F];
    }
    return out;
}

std::vector<std::string_view> Split(std::string_view s, char separator) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        size_t end = s.find(separator, start);
        parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

std::string Join(const std::vector<std::string>& parts, char separator) {
    std::string out;
    for (const std::string& part : parts) {
        if (!out.empty()) {
            out += separator;
        }
        out += part;
    }
    return out;
}

// type: an ASCII letter, then ASCII letters, digits, '.' and '-' (ECMA-427 5.6.2).
Status ValidateType(std::string_view type) {
    if (type.empty()) {
        return PurlError("missing type");
    }
    if (!IsAlpha(type.front())) {
        return PurlError("type '" + std::string(type) + "' must start with a letter");
    }
    for (char c : type) {
        if (!IsAlpha(c) && !IsDigit(c) && c != '.' && c != '-') {
            return PurlError("type '" + std::string(type) + "' has a character other than " +
                             "letters, digits, '.' and '-'");
        }
    }
    return Ok();
}

// Qualifier key, already lowercased: a letter, then letters, digits, '.', '-', '_'.
Status ValidateQualifierKey(std::string_view key) {
    bool ok = !key.empty() && IsAlpha(key.front());
    for (char c : key) {
        ok = ok && (IsAlpha(c) || IsDigit(c) || c == '.' || c == '-' || c == '_');
    }
    if (!ok) {
        return PurlError("qualifier key '" + std::string(key) + "' is not of the form " +
                         "[a-z][a-z0-9.-_]*");
    }
    return Ok();
}

// Sorts the qualifiers, drops empty values, rejects bad and duplicate keys.
Status NormalizeQualifiers(std::vector<std::pair<std::string, std::string>>& qualifiers) {
    std::vector<std::pair<std::string, std::string>> kept;
    for (auto& [key, value] : qualifiers) {
        std::string lower = AsciiLower(key);
        KENSA_TRY(ValidateQualifierKey(lower));
        if (!IsValidUtf8(value)) {
            return PurlError("qualifier '" + lower + "' is not valid UTF-8");
        }
        if (!value.empty()) {
            kept.emplace_back(std::move(lower), std::move(value));
        }
    }
    std::sort(kept.begin(), kept.end());
    for (size_t i = 1; i < kept.size(); ++i) {
        if (kept[i].first == kept[i - 1].first) {
            return PurlError("qualifier key '" + kept[i].first + "' appears twice");
        }
    }
    qualifiers = std::move(kept);
    return Ok();
}

// Decoded namespace or subpath segments: none may contain '/'; empties (and, for the subpath,
// "." and "..") are dropped.
Result<std::string> JoinSegments(const std::vector<std::string>& segments,
                                 std::string_view component,
                                 bool drop_dots) {
    std::vector<std::string> kept;
    for (const std::string& segment : segments) {
        if (segment.find('/') != std::string::npos) {
            return PurlError("a " + std::string(component) + " segment contains '/'");
        }
        bool dots = segment == "." || segment == "..";
        if (!segment.empty() && !(drop_dots && dots)) {
            kept.push_back(segment);
        }
    }
    return Join(kept, '/');
}

// The rules shared by parsing and building, applied to decoded components.
Result<Purl> Finish(Purl purl) {
    KENSA_TRY(ValidateType(purl.type));
    purl.type = AsciiLower(purl.type);
    if (purl.name.empty()) {
        return PurlError("missing name");
    }
    for (const std::string* field : {&purl.ns, &purl.name, &purl.version, &purl.subpath}) {
        if (!IsValidUtf8(*field)) {
            return PurlError("a component is not valid UTF-8");
        }
    }
    KENSA_TRY(NormalizeQualifiers(purl.qualifiers));
    KENSA_TRY(internal::ApplyTypeRules(purl));
    return purl;
}

Result<std::string> ParseSubpath(std::string_view raw) {
    std::vector<std::string> segments;
    for (std::string_view segment : Split(raw, '/')) {
        KENSA_ASSIGN_OR_RETURN(std::string decoded, PercentDecode(segment, "subpath"));
        segments.push_back(std::move(decoded));
    }
    return JoinSegments(segments, "subpath", true);
}

Result<std::vector<std::pair<std::string, std::string>>> ParseQualifiers(std::string_view raw) {
    std::vector<std::pair<std::string, std::string>> qualifiers;
    for (std::string_view pair : Split(raw, '&')) {
        if (pair.empty()) {
            continue;
        }
        size_t equals = pair.find('=');
        std::string_view key = pair.substr(0, equals);
        std::string_view value;
        if (equals != std::string_view::npos) {
            value = pair.substr(equals + 1);
        }
        // Keys are never percent-encoded, so a '%' makes the key invalid: validate the raw key.
        KENSA_TRY(ValidateQualifierKey(AsciiLower(key)));
        KENSA_ASSIGN_OR_RETURN(std::string decoded, PercentDecode(value, "qualifier value"));
        qualifiers.emplace_back(std::string(key), std::move(decoded));
    }
    return qualifiers;
}

// "namespace/name@version" after the type.
Status ParsePath(std::string_view path, Purl& purl) {
    size_t at = path.rfind('@');
    if (at != std::string_view::npos && path.find('/', at) == std::string_view::npos) {
        KENSA_ASSIGN_OR_RETURN(purl.version, PercentDecode(path.substr(at + 1), "version"));
        path = path.substr(0, at);
    }
    size_t slash = path.rfind('/');
    std::string_view raw_name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    KENSA_ASSIGN_OR_RETURN(purl.name, PercentDecode(raw_name, "name"));
    if (slash == std::string_view::npos) {
        return Ok();
    }
    std::vector<std::string> segments;
    for (std::string_view segment : Split(path.substr(0, slash), '/')) {
        KENSA_ASSIGN_OR_RETURN(std::string decoded, PercentDecode(segment, "namespace"));
        segments.push_back(std::move(decoded));
    }
    KENSA_ASSIGN_OR_RETURN(purl.ns, JoinSegments(segments, "namespace", false));
    return Ok();
}

bool HasSchemePrefix(std::string_view s) {
    return s.size() >= kScheme.size() && AsciiLower(s.substr(0, kScheme.size())) == kScheme;
}

Result<Purl> ParseUnchecked(std::string_view s) {
    if (!HasSchemePrefix(s)) {
        return PurlError("missing the 'pkg:' scheme");
    }
    std::string_view rest = s.substr(kScheme.size());
    Purl purl;
    size_t hash = rest.rfind('#');
    if (hash != std::string_view::npos) {
        KENSA_ASSIGN_OR_RETURN(purl.subpath, ParseSubpath(rest.substr(hash + 1)));
        rest = rest.substr(0, hash);
    }
    size_t question = rest.rfind('?');
    if (question != std::string_view::npos) {
        KENSA_ASSIGN_OR_RETURN(purl.qualifiers, ParseQualifiers(rest.substr(question + 1)));
        rest = rest.substr(0, question);
    }
    // "pkg://type/..." is tolerated: parsers ignore slashes after the scheme.
    rest.remove_prefix(std::min(rest.find_first_not_of('/'), rest.size()));
    size_t slash = rest.find('/');
    if (slash == std::string_view::npos) {
        KENSA_TRY(ValidateType(rest));
        return PurlError("missing name");
    }
    purl.type = std::string(rest.substr(0, slash));
    KENSA_TRY(ValidateType(purl.type));
    KENSA_TRY(ParsePath(rest.substr(slash + 1), purl));
    return purl;
}

std::vector<std::string> SplitToStrings(std::string_view s) {
    std::vector<std::string> parts;
    for (std::string_view part : Split(s, '/')) {
        parts.emplace_back(part);
    }
    return parts;
}

std::string EncodeSegments(std::string_view joined) {
    std::vector<std::string> encoded;
    for (std::string_view segment : Split(joined, '/')) {
        encoded.push_back(PercentEncode(segment));
    }
    return Join(encoded, '/');
}

}  // namespace

std::string Purl::Qualifier(std::string_view key) const {
    for (const auto& [k, v] : qualifiers) {
        if (k == key) {
            return v;
        }
    }
    return {};
}

Result<Purl> ParsePurl(std::string_view purl) {
    if (purl.size() > kMaxPurlLength) {
        return PurlError("longer than " + std::to_string(kMaxPurlLength) + " characters");
    }
    Result<Purl> parsed = ParseUnchecked(purl);
    if (parsed.ok()) {
        parsed = Finish(std::move(parsed).value());
    }
    if (!parsed.ok()) {
        return Error(parsed.error()).With("purl", std::string(purl.substr(0, kPurlDetailLength)));
    }
    return parsed;
}

Result<Purl> MakePurl(Purl components) {
    size_t total = components.type.size() + components.ns.size() + components.name.size() +
                   components.version.size() + components.subpath.size();
    for (const auto& [key, value] : components.qualifiers) {
        total += key.size() + value.size();
    }
    if (total > kMaxPurlLength) {
        return PurlError("longer than " + std::to_string(kMaxPurlLength) + " characters");
    }
    KENSA_ASSIGN_OR_RETURN(components.ns,
                           JoinSegments(SplitToStrings(components.ns), "namespace", false));
    KENSA_ASSIGN_OR_RETURN(components.subpath,
                           JoinSegments(SplitToStrings(components.subpath), "subpath", true));
    return Finish(std::move(components));
}

std::string ToCanonicalString(const Purl& purl) {
    std::string out = std::string(kScheme) + purl.type + "/";
    if (!purl.ns.empty()) {
        out += EncodeSegments(purl.ns) + "/";
    }
    out += PercentEncode(purl.name);
    if (!purl.version.empty()) {
        out += "@" + PercentEncode(purl.version);
    }
    for (size_t i = 0; i < purl.qualifiers.size(); ++i) {
        out += i == 0 ? "?" : "&";
        out += purl.qualifiers[i].first + "=" + PercentEncode(purl.qualifiers[i].second);
    }
    if (!purl.subpath.empty()) {
        out += "#" + EncodeSegments(purl.subpath);
    }
    return out;
}

}  // namespace kensa::knowledge
