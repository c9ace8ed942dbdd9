#include "kensa/formats/cloudformation/yaml_emit.h"

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string_view>

// The writer relies on two properties of YAML that hold in 1.1 and 1.2 alike:
// - a double-quoted scalar is always a string and, with the escapes below, holds any Unicode
//   text on one line, so no value ever needs a block scalar or a guess at implicit typing;
// - a block collection's shape is fixed by indentation alone ("key:" then the child two
//   columns deeper; "- " then the item, whose first line shares the dash's line).

namespace kensa::cloudformation {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kIndentStep = 2;
// YAML limits an implicit ("key: value") key to 1024 characters on one line; a longer key is
// written as an explicit "? key" entry. Counted in bytes, which is never fewer than characters.
constexpr std::size_t kMaxImplicitKeyBytes = 1000;
constexpr char32_t kReplacementChar = 0xFFFD;
constexpr char32_t kMaxCodePoint = 0x10FFFF;

struct Utf8Lead {
    std::size_t length;
    char32_t bits;
    char32_t min;  ///< smallest code point of that length: anything lower is an overlong form
};

/// Length and payload of a UTF-8 lead byte; length 0 when the byte cannot start a sequence.
Utf8Lead ReadLead(unsigned char lead) {
    if ((lead & 0xE0U) == 0xC0U) {
        return {2, lead & 0x1FU, 0x80};
    }
    if ((lead & 0xF0U) == 0xE0U) {
        return {3, lead & 0x0FU, 0x800};
    }
    if ((lead & 0xF8U) == 0xF0U) {
        return {4, lead & 0x07U, 0x10000};
    }
    return {0, 0, 0};
}

/// Decodes the code point at text[pos] and moves pos past it. A malformed, overlong,
/// surrogate or out-of-range sequence yields U+FFFD and skips one byte only, so a stray byte
/// never swallows the valid text after it.
char32_t NextCodePoint(std::string_view text, std::size_t& pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80U) {
        ++pos;
        return lead;
    }
    const Utf8Lead head = ReadLead(lead);
    if (head.length == 0 || pos + head.length > text.size()) {
        ++pos;
        return kReplacementChar;
    }
    char32_t code_point = head.bits;
    for (std::size_t byte_idx = 1; byte_idx < head.length; ++byte_idx) {
        const auto byte = static_cast<unsigned char>(text[pos + byte_idx]);
        if ((byte & 0xC0U) != 0x80U) {
            ++pos;
            return kReplacementChar;
        }
        code_point = (code_point << 6U) | (byte & 0x3FU);
    }
    const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    if (code_point < head.min || code_point > kMaxCodePoint || surrogate) {
        ++pos;
        return kReplacementChar;
    }
    pos += head.length;
    return code_point;
}

void AppendUtf8(std::string& out, char32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

/// Characters a double-quoted scalar cannot carry as they are: C0 controls and DEL, the C1
/// block (U+0085 is a line break in YAML 1.1), the line and paragraph separators (line breaks
/// in 1.1, so a parser would fold them), the BOM and the non-characters PyYAML refuses.
bool NeedsEscape(char32_t code_point) {
    return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F) ||
           code_point == 0x2028 || code_point == 0x2029 || code_point == 0xFEFF ||
           code_point == 0xFFFE || code_point == 0xFFFF;
}

/// Only escapes every YAML 1.1 parser knows: \n \t \r, \xXX and \uXXXX.
void AppendEscape(std::string& out, char32_t code_point) {
    switch (code_point) {
        case '\n':
            out += "\\n";
            return;
        case '\t':
            out += "\\t";
            return;
        case '\r':
            out += "\\r";
            return;
        default:
            break;
    }
    std::array<char, 8> buffer{};
    const char* format = code_point <= 0xFF ? "\\x%02X" : "\\u%04X";
    std::snprintf(buffer.data(), buffer.size(), format, static_cast<unsigned>(code_point));
    out += buffer.data();
}

bool IsAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsWordChar(char c) {
    return IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/// Words that YAML 1.1 resolves to a boolean or null when plain (compared case-insensitively;
/// PyYAML knows fewer, other parsers all of them).
bool IsYaml11Keyword(std::string_view key) {
    static constexpr std::array<std::string_view, 9> kKeywords = {
        "y", "n", "yes", "no", "true", "false", "on", "off", "null"};
    std::string lower(key);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    for (std::string_view keyword : kKeywords) {
        if (lower == keyword) {
            return true;
        }
    }
    return false;
}

/// Words of letters, digits, '_' and '-', each starting with a letter, joined by ':' or '::'
/// (CloudFormation's `Fn::Sub`, IAM's `aws:SourceArn`). No indicator, number or timestamp has
/// that form, and a ':' not followed by a space does not end a plain key in block context.
bool IsPlainSafeKey(std::string_view key) {
    std::size_t pos = 0;
    while (true) {
        if (pos >= key.size() || !IsAsciiLetter(key[pos])) {
            return false;
        }
        while (pos < key.size() && IsWordChar(key[pos])) {
            ++pos;
        }
        if (pos == key.size()) {
            return !IsYaml11Keyword(key);
        }
        if (key[pos] != ':') {
            return false;
        }
        ++pos;
        if (pos < key.size() && key[pos] == ':') {
            ++pos;
        }
    }
}

/// A float dump such as "1e+100" gains ".0" before the exponent: YAML 1.1's float pattern
/// requires a '.', and without one PyYAML loads the string "1e+100".
std::string FormatFloat(const Json& value) {
    std::string text = value.dump();
    const std::size_t exponent = text.find_first_of("eE");
    if (text.find('.') == std::string::npos && exponent != std::string::npos) {
        text.insert(exponent, ".0");
    }
    return text;
}

/// A node written on the line of its key or dash: a scalar or an empty container.
bool IsInline(const Json& node) {
    return !node.is_structured() || node.empty();
}

std::string InlineText(const Json& node) {
    switch (node.type()) {
        case Json::value_t::boolean:
            return node.get<bool>() ? "true" : "false";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
            return node.dump();
        case Json::value_t::number_float:
            return FormatFloat(node);
        case Json::value_t::string:
            return YamlQuote(node.get_ref<const std::string&>());
        case Json::value_t::object:
            return "{}";
        case Json::value_t::array:
            return "[]";
        default:
            // null; binary and discarded values have no JSON text either
            return "null";
    }
}

/// "key:" or, for a key too long to be implicit, "? key" then ":" on the next line at `indent`.
std::string KeyLead(const std::string& key, std::size_t indent) {
    std::string text = IsPlainSafeKey(key) ? key : YamlQuote(key);
    if (text.size() <= kMaxImplicitKeyBytes) {
        return text + ":";
    }
    return "? " + text + "\n" + std::string(indent, ' ') + ":";
}

void EmitBlock(std::string& out, const Json& node, std::size_t indent, bool at_indent);

/// One mapping entry (`lead` ends in ":") or sequence item (`lead` is "-").
void EmitEntry(std::string& out, const std::string& lead, const Json& value, std::size_t indent) {
    out += lead;
    if (IsInline(value)) {
        out += ' ';
        out += InlineText(value);
        out += '\n';
        return;
    }
    const bool sequence_item = lead == "-";
    if (sequence_item) {
        // "- key: value" or "- - item": the collection's first line shares the dash's line.
        out += ' ';
        EmitBlock(out, value, indent + kIndentStep, true);
        return;
    }
    out += '\n';
    EmitBlock(out, value, indent + kIndentStep, false);
}

/// Writes a non-empty object or array whose entries sit at column `indent`. With
/// `at_indent`, the cursor is already there (after "- "), so the first entry adds no spaces.
void EmitBlock(std::string& out, const Json& node, std::size_t indent, bool at_indent) {
    bool first = true;
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (!first || !at_indent) {
            out.append(indent, ' ');
        }
        first = false;
        EmitEntry(out, node.is_object() ? KeyLead(it.key(), indent) : "-", it.value(), indent);
    }
}

}  // namespace

std::string YamlQuote(const std::string& text) {
    std::string out = "\"";
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t code_point = NextCodePoint(text, pos);
        if (code_point == '"' || code_point == '\\') {
            out += '\\';
            out += static_cast<char>(code_point);
        } else if (NeedsEscape(code_point)) {
            AppendEscape(out, code_point);
        } else {
            AppendUtf8(out, code_point);
        }
    }
    out += '"';
    return out;
}

std::string ToYaml(const nlohmann::ordered_json& value) {
    if (IsInline(value)) {
        return InlineText(value) + "\n";
    }
    std::string out;
    EmitBlock(out, value, 0, false);
    return out;
}

}  // namespace kensa::cloudformation
