// NuGet versions as NuGet.Versioning parses them (NuGetVersion.TryParse) and orders them
// (VersionComparer.Default, i.e. VersionComparison.Default).
//
// Parsing: the input is trimmed, then split at the first '-' or '+' into the numeric part, the
// release labels (after '-', up to the next '+') and the build metadata (after that '+').
// The numeric part has one to four '.'-separated sections of ASCII digits; a missing section
// reads as 0 ("1" is 1.0.0.0), and an empty one is refused ("1.", ".1" and "1..2" do not
// parse, as NuGetVersion.TryParse refuses them).
// Labels and metadata identifiers are non-empty [0-9A-Za-z-]; a label of two or more digits
// must not start with '0'.
// Ordering: major, minor, patch, revision numerically; a version without labels is greater
// than one with; labels compare in order, numeric labels (int.TryParse: an optional '-' and
// digits within Int32) numerically and before the others, which compare ASCII
// case-insensitively; fewer labels sort first. Build metadata is ignored.
// Deliberate difference: a section above Int32.MaxValue is rejected (NuGet's unchecked
// arithmetic wraps it and then System.Version throws).
#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include "kensa/knowledge/version.h"

namespace kensa::knowledge::internal {
namespace {

constexpr size_t kMaxSections = 4;

struct NuGetVersion {
    int64_t parts[kMaxSections] = {0, 0, 0, 0};
    std::vector<std::string_view> labels;
};

Error NuGetError(std::string_view input, std::string_view why) {
    return Error(ErrorCode::kInvalidInput,
                 "invalid NuGet version '" + std::string(input) + "': " + std::string(why));
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool IsLetterOrDigitOrDash(char c) {
    return IsDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
}

bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// SemanticVersion.IsValidPart.
bool IsValidPart(std::string_view s, bool allow_leading_zeros) {
    if (s.empty()) {
        return false;
    }
    bool all_digits = true;
    for (char c : s) {
        if (!IsLetterOrDigitOrDash(c)) {
            return false;
        }
        all_digits = all_digits && IsDigit(c);
    }
    return allow_leading_zeros || s.size() == 1 || s[0] != '0' || !all_digits;
}

// ParseSections: the numeric part ends at the first '-' or '+'; labels end at the next '+'.
struct Sections {
    std::string_view numbers;
    bool has_labels = false;
    std::string_view labels;
    bool has_metadata = false;
    std::string_view metadata;
};

Sections SplitSections(std::string_view s) {
    Sections out;
    size_t dash = s.find_first_of("-+");
    out.numbers = s.substr(0, dash);
    if (dash == std::string_view::npos) {
        return out;
    }
    std::string_view rest = s.substr(dash + 1);
    if (s[dash] == '-') {
        size_t plus = rest.find('+');
        out.has_labels = true;
        out.labels = rest.substr(0, plus);
        if (plus == std::string_view::npos) {
            return out;
        }
        rest = rest.substr(plus + 1);
    }
    out.has_metadata = true;
    out.metadata = rest;
    return out;
}

Status ParseNumbers(std::string_view input, std::string_view numbers, NuGetVersion& v) {
    if (numbers.empty()) {
        return NuGetError(input, "missing version number");
    }
    std::vector<std::string_view> sections = SplitDots(numbers);
    if (sections.size() > kMaxSections) {
        return NuGetError(input, "more than four version numbers");
    }
    for (size_t i = 0; i < sections.size(); ++i) {
        if (sections[i].empty()) {
            return NuGetError(input, "empty version number between dots");
        }
        int64_t value = 0;
        for (char c : sections[i]) {
            if (!IsDigit(c)) {
                return NuGetError(input, "version numbers must be digits");
            }
            value = value * 10 + (c - '0');
            if (value > INT32_MAX) {
                return NuGetError(input, "version number above 2147483647");
            }
        }
        v.parts[i] = value;
    }
    return Ok();
}

Result<NuGetVersion> ParseNuGet(std::string_view input) {
    std::string_view s = input;
    while (!s.empty() && IsSpace(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && IsSpace(s.back())) {
        s.remove_suffix(1);
    }
    Sections sections = SplitSections(s);
    NuGetVersion v;
    KENSA_TRY(ParseNumbers(input, sections.numbers, v));
    if (sections.has_labels) {
        v.labels = SplitDots(sections.labels);
        for (std::string_view label : v.labels) {
            if (!IsValidPart(label, false)) {
                return NuGetError(input, "invalid release label");
            }
        }
    }
    if (sections.has_metadata) {
        for (std::string_view part : SplitDots(sections.metadata)) {
            if (!IsValidPart(part, true)) {
                return NuGetError(input, "invalid build metadata");
            }
        }
    }
    return v;
}

// int.TryParse on a label: an optional '-' sign and digits, within Int32.
bool TryParseInt32(std::string_view s, int64_t& out) {
    bool negative = !s.empty() && s.front() == '-';
    std::string_view digits = negative ? s.substr(1) : s;
    if (digits.empty()) {
        return false;
    }
    int64_t value = 0;
    for (char c : digits) {
        if (!IsDigit(c)) {
            return false;
        }
        value = value * 10 + (c - '0');
        if (value > static_cast<int64_t>(INT32_MAX) + 1) {
            return false;
        }
    }
    out = negative ? -value : value;
    return out >= INT32_MIN && out <= INT32_MAX;
}

char AsciiUpper(char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// StringComparer.OrdinalIgnoreCase for ASCII text.
int CompareIgnoreCase(std::string_view a, std::string_view b) {
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        char ca = AsciiUpper(a[i]);
        char cb = AsciiUpper(b[i]);
        if (ca != cb) {
            return ca < cb ? -1 : 1;
        }
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

int CompareLabel(std::string_view a, std::string_view b) {
    int64_t a_num = 0;
    int64_t b_num = 0;
    bool a_numeric = TryParseInt32(a, a_num);
    bool b_numeric = TryParseInt32(b, b_num);
    if (a_numeric && b_numeric) {
        return a_num < b_num ? -1 : (a_num > b_num ? 1 : 0);
    }
    if (a_numeric != b_numeric) {
        return a_numeric ? -1 : 1;
    }
    return CompareIgnoreCase(a, b);
}

int CompareNuGetValues(const NuGetVersion& a, const NuGetVersion& b) {
    for (size_t i = 0; i < kMaxSections; ++i) {
        if (a.parts[i] != b.parts[i]) {
            return a.parts[i] < b.parts[i] ? -1 : 1;
        }
    }
    if (a.labels.empty() != b.labels.empty()) {
        return a.labels.empty() ? 1 : -1;
    }
    for (size_t i = 0; i < a.labels.size() || i < b.labels.size(); ++i) {
        if (i >= a.labels.size()) {
            return -1;
        }
        if (i >= b.labels.size()) {
            return 1;
        }
        int rc = CompareLabel(a.labels[i], b.labels[i]);
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

}  // namespace

Result<int> CompareNuGet(std::string_view a, std::string_view b) {
    KENSA_ASSIGN_OR_RETURN(NuGetVersion va, ParseNuGet(a));
    KENSA_ASSIGN_OR_RETURN(NuGetVersion vb, ParseNuGet(b));
    return CompareNuGetValues(va, vb);
}

}  // namespace kensa::knowledge::internal
