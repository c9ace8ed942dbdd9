// RubyGems versions: a port of Gem::Version (rubygems/version.rb): the ANCHORED_VERSION_PATTERN
// check, "-" read as ".pre.", segments of digits or letters, canonical segments (trailing zeros
// of the numeric part and of each following part dropped), and <=> where a string segment
// sorts before a number and a missing segment counts as 0. An empty version is "0".
#include <algorithm>
#include <string>
#include <vector>

#include "kensa/knowledge/version.h"

namespace kensa::knowledge::internal {
namespace {

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool IsAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// A segment: a number (digits without leading zeros, "" is 0) or a string.
struct Segment {
    bool numeric = false;
    std::string text;
};

bool IsZero(const Segment& s) {
    return s.numeric && s.text.empty();
}

// ANCHORED_VERSION_PATTERN:
//   \A\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\z
bool MatchesGemPattern(std::string_view v) {
    if (v.empty()) {
        return true;
    }
    size_t i = 0;
    if (!IsDigit(v[0])) {
        return false;
    }
    while (i < v.size() && IsDigit(v[i])) {
        ++i;
    }
    while (i < v.size() && v[i] == '.') {
        size_t start = ++i;
        while (i < v.size() && (IsDigit(v[i]) || IsAlpha(v[i]))) {
            ++i;
        }
        if (i == start) {
            return false;
        }
    }
    if (i < v.size() && v[i] == '-') {
        // (-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*): the first '-' opens it, later ones are content.
        size_t start = ++i;
        while (i < v.size() && (IsDigit(v[i]) || IsAlpha(v[i]) || v[i] == '-')) {
            ++i;
        }
        if (i == start) {
            return false;
        }
        while (i < v.size() && v[i] == '.') {
            start = ++i;
            while (i < v.size() && (IsDigit(v[i]) || IsAlpha(v[i]) || v[i] == '-')) {
                ++i;
            }
            if (i == start) {
                return false;
            }
        }
    }
    return i == v.size();
}

Result<std::vector<Segment>> ParseGem(std::string_view input) {
    std::string_view v = input;
    while (!v.empty() && IsSpace(v.front())) {
        v.remove_prefix(1);
    }
    while (!v.empty() && IsSpace(v.back())) {
        v.remove_suffix(1);
    }
    if (!MatchesGemPattern(v)) {
        return Error(ErrorCode::kInvalidInput,
                     "invalid RubyGems version '" + std::string(input) + "'");
    }
    std::string version = v.empty() ? std::string("0") : std::string(v);
    std::string expanded;
    for (char c : version) {
        if (c == '-') {
            expanded += ".pre.";
        } else {
            expanded += c;
        }
    }
    // _segments: scan(/[0-9]+|[a-z]+/i)
    std::vector<Segment> segments;
    for (size_t i = 0; i < expanded.size();) {
        if (IsDigit(expanded[i])) {
            size_t start = i;
            while (i < expanded.size() && IsDigit(expanded[i])) {
                ++i;
            }
            std::string digits = expanded.substr(start, i - start);
            size_t nz = digits.find_first_not_of('0');
            segments.push_back({true, nz == std::string::npos ? std::string() : digits.substr(nz)});
        } else if (IsAlpha(expanded[i])) {
            size_t start = i;
            while (i < expanded.size() && IsAlpha(expanded[i])) {
                ++i;
            }
            segments.push_back({false, expanded.substr(start, i - start)});
        } else {
            ++i;
        }
    }
    // canonical_segments: split at the first string segment; drop trailing zeros of each part.
    size_t string_start = segments.size();
    for (size_t i = 0; i < segments.size(); ++i) {
        if (!segments[i].numeric) {
            string_start = i;
            break;
        }
    }
    std::vector<Segment> numeric_part(segments.begin(),
                                      segments.begin() + static_cast<std::ptrdiff_t>(string_start));
    std::vector<Segment> string_part(segments.begin() + static_cast<std::ptrdiff_t>(string_start),
                                     segments.end());
    while (!numeric_part.empty() && IsZero(numeric_part.back())) {
        numeric_part.pop_back();
    }
    while (!string_part.empty() && IsZero(string_part.back())) {
        string_part.pop_back();
    }
    numeric_part.insert(numeric_part.end(), string_part.begin(), string_part.end());
    return numeric_part;
}

}  // namespace

Result<int> CompareGem(std::string_view a, std::string_view b) {
    KENSA_ASSIGN_OR_RETURN(std::vector<Segment> lhs, ParseGem(a));
    KENSA_ASSIGN_OR_RETURN(std::vector<Segment> rhs, ParseGem(b));
    const Segment zero{true, ""};
    size_t limit = std::max(lhs.size(), rhs.size());
    for (size_t i = 0; i < limit; ++i) {
        const Segment& l = i < lhs.size() ? lhs[i] : zero;
        const Segment& r = i < rhs.size() ? rhs[i] : zero;
        if (l.numeric != r.numeric) {
            return l.numeric ? 1 : -1;
        }
        int rc = l.numeric ? CompareDigitStrings(l.text, r.text) : Sign(l.text.compare(r.text));
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

}  // namespace kensa::knowledge::internal
