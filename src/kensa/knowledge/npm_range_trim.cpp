// node-semver's trimComparatorWhitespace (internal/trim-comparator-whitespace.js): joins an
// operator to the version after it ("> 1.2.3" becomes ">1.2.3"). node-semver replaced its
// COMPARATORTRIM regular expression with this scanner; the scanner keeps that expression's
// matching rules (a loose full version is tried before a partial or wildcard one, numbers and
// identifiers are bounded like the "safe" expressions), and so does this port.
#include <algorithm>
#include <string>

#include "kensa/knowledge/npm_range_internal.h"

namespace kensa::knowledge::internal {
namespace {

constexpr size_t kMaxLength = 256;           // MAX_LENGTH
constexpr size_t kMaxSafeBuildLength = 250;  // MAX_LENGTH - 6

// The scanner reads past the end as JavaScript's undefined, which no predicate accepts.
struct Text {
    std::string_view s;
    char At(size_t i) const { return i < s.size() ? s[i] : '\0'; }
};

bool IsWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool IsVersionPrefix(char c) {
    return c == 'v' || c == '=' || IsWhitespace(c);
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool IsLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsIdentifierCharacter(char c) {
    return IsDigit(c) || IsLetter(c) || c == '-';
}

bool IsVersionStart(char c) {
    return IsDigit(c) || c == 'x' || c == 'X' || c == '*';
}

// The end of the digit run at start, but at most `limit` digits.
size_t DigitsEnd(const Text& t, size_t start, size_t limit) {
    if (!IsDigit(t.At(start))) {
        return start;
    }
    size_t end = start + 1;
    while (IsDigit(t.At(end))) {
        ++end;
    }
    return std::min(start + limit, end);
}

size_t VersionNumberEnd(const Text& t, size_t start, bool loose) {
    if (!loose && t.At(start) == '0') {
        return start + 1;
    }
    return DigitsEnd(t, start, loose ? kMaxLength : kMaxLength + 1);
}

size_t PrereleaseIdentifierEnd(const Text& t, size_t start, bool loose) {
    size_t digits_end = DigitsEnd(t, start, kMaxLength);
    char c = t.At(digits_end);
    if (IsLetter(c) || c == '-') {
        size_t end = digits_end + 1;
        size_t limit = end + kMaxSafeBuildLength;
        while (end < limit && IsIdentifierCharacter(t.At(end))) {
            ++end;
        }
        return end;
    }
    return VersionNumberEnd(t, start, loose);
}

size_t PrereleaseEnd(const Text& t, size_t start, bool loose) {
    bool hyphen = t.At(start) == '-';
    if (!loose && !hyphen) {
        return start;
    }
    size_t identifier_start = start + (hyphen ? 1 : 0);
    size_t end = PrereleaseIdentifierEnd(t, identifier_start, loose);
    if (end == identifier_start) {
        if (!loose || !hyphen) {
            return start;
        }
        end = PrereleaseIdentifierEnd(t, start, loose);
    }
    while (t.At(end) == '.') {
        size_t next = PrereleaseIdentifierEnd(t, end + 1, loose);
        if (next == end + 1) {
            break;
        }
        end = next;
    }
    return end;
}

size_t BuildIdentifierEnd(const Text& t, size_t start) {
    size_t end = start;
    while (end - start < kMaxSafeBuildLength && IsIdentifierCharacter(t.At(end))) {
        ++end;
    }
    return end;
}

size_t BuildEnd(const Text& t, size_t start) {
    if (t.At(start) != '+') {
        return start;
    }
    size_t end = BuildIdentifierEnd(t, start + 1);
    if (end == start + 1) {
        return start;
    }
    while (t.At(end) == '.') {
        size_t next = BuildIdentifierEnd(t, end + 1);
        if (next == end + 1) {
            break;
        }
        end = next;
    }
    return end;
}

size_t LooseFullVersionEnd(const Text& t, size_t start) {
    size_t end = start;
    for (int component = 0; component < 3; ++component) {
        size_t next = VersionNumberEnd(t, end, true);
        if (next == end) {
            return start;
        }
        end = next;
        if (component < 2) {
            if (t.At(end) != '.') {
                return start;
            }
            ++end;
        }
    }
    return BuildEnd(t, PrereleaseEnd(t, end, true));
}

size_t PartialVersionComponentEnd(const Text& t, size_t start) {
    if (IsDigit(t.At(start))) {
        return VersionNumberEnd(t, start, false);
    }
    return IsVersionStart(t.At(start)) ? start + 1 : start;
}

size_t PartialVersionEnd(const Text& t, size_t start) {
    size_t end = PartialVersionComponentEnd(t, start);
    for (int component = 0; component < 2; ++component) {
        if (t.At(end) != '.') {
            return end;
        }
        size_t next = PartialVersionComponentEnd(t, end + 1);
        if (next == end + 1) {
            return end;
        }
        end = next;
    }
    return BuildEnd(t, PrereleaseEnd(t, end, false));
}

size_t VersionEnd(const Text& t, size_t start) {
    size_t full_end = LooseFullVersionEnd(t, start);
    return full_end != start ? full_end : PartialVersionEnd(t, start);
}

// The whitespace right after an optional leading space and operator, or npos.
size_t RemovableWhitespace(const Text& t, size_t match_start) {
    size_t position = match_start;
    if (IsWhitespace(t.At(position))) {
        ++position;
    }
    if (t.At(position) == '<' || t.At(position) == '>') {
        ++position;
    }
    if (t.At(position) == '=') {
        ++position;
    }
    return IsWhitespace(t.At(position)) ? position : std::string_view::npos;
}

}  // namespace

std::string TrimNpmComparatorWhitespace(std::string_view range) {
    Text t{range};
    std::string result;
    size_t copy_from = 0;
    size_t cursor = 0;
    while (cursor < range.size()) {
        size_t match_start = cursor;
        if (t.At(cursor) == '<' || t.At(cursor) == '>') {
            ++cursor;
        } else if (!IsVersionPrefix(t.At(cursor)) && !IsVersionStart(t.At(cursor))) {
            ++cursor;
            continue;
        }
        while (cursor < range.size() && IsVersionPrefix(t.At(cursor))) {
            ++cursor;
        }
        if (!IsVersionStart(t.At(cursor))) {
            continue;
        }
        size_t whitespace = RemovableWhitespace(t, match_start);
        if (whitespace != std::string_view::npos) {
            result += range.substr(copy_from, whitespace - copy_from);
            copy_from = whitespace + 1;
        }
        cursor = VersionEnd(t, cursor);
    }
    result += range.substr(copy_from);
    return result;
}

}  // namespace kensa::knowledge::internal
