// NpmSatisfies: node-semver 7's Range (classes/range.js) and Comparator (classes/comparator.js)
// with the default options. The range text is normalised the way the Range constructor does
// (trimmed, whitespace runs as one space), split on "||", each alternative rewritten into
// comparator strings (npm_range_desugar.cpp) and read as comparators; then node-semver's
// clean-ups of the comparator sets are applied, because they change answers: a set holding a
// null comparator ("<0.0.0-0") is only that comparator, null sets are dropped when others
// exist, and a set that is just "*" replaces the whole range, which makes "* || 1.2.3-beta"
// reject 1.2.3-beta.
#include "kensa/knowledge/npm_range.h"

#include <string>
#include <vector>

#include "kensa/knowledge/npm_range_internal.h"
#include "kensa/knowledge/semver_npm.h"

namespace kensa::knowledge {
namespace {

using internal::NpmSemver;

struct Comparator {
    std::string op;  ///< "", "<", ">", "<=", ">="
    bool any = false;
    NpmSemver semver;
    std::string value;  ///< op + version without build, "" for any; identifies duplicates
};

using ComparatorSet = std::vector<Comparator>;

Error RangeError(std::string_view range, std::string_view why) {
    return Error(ErrorCode::kInvalidInput,
                 "invalid npm range '" + std::string(range) + "': " + std::string(why));
}

// JavaScript's whitespace beyond ASCII, as UTF-8: U+00A0, U+1680, U+2000..U+200A, U+2028,
// U+2029, U+202F, U+205F, U+3000 and U+FEFF. Returns the sequence length at s[i], or 0.
size_t UnicodeSpaceLength(std::string_view s, size_t i) {
    auto at = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
    unsigned char b0 = at(i);
    unsigned char b1 = at(i + 1);
    unsigned char b2 = at(i + 2);
    if (b0 == 0xC2 && b1 == 0xA0) {
        return 2;
    }
    bool space = (b0 == 0xE1 && b1 == 0x9A && b2 == 0x80) ||
                 (b0 == 0xE2 && b1 == 0x80 &&
                  ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF)) ||
                 (b0 == 0xE2 && b1 == 0x81 && b2 == 0x9F) ||
                 (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) ||
                 (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF);
    return space ? 3 : 0;
}

bool IsAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// range.trim().replace(/\s+/g, ' ')
std::string NormalizeWhitespace(std::string_view range) {
    std::string out;
    bool pending_space = false;
    for (size_t i = 0; i < range.size();) {
        size_t length = IsAsciiSpace(range[i]) ? 1 : UnicodeSpaceLength(range, i);
        if (length > 0) {
            pending_space = true;
            i += length;
            continue;
        }
        if (pending_space && !out.empty()) {
            out += ' ';
        }
        pending_space = false;
        out += range[i++];
    }
    return out;
}

std::vector<std::string> SplitAlternatives(const std::string& raw) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        size_t bars = raw.find("||", start);
        parts.push_back(raw.substr(start, bars == std::string::npos ? bars : bars - start));
        if (bars == std::string::npos) {
            return parts;
        }
        start = bars + 2;
    }
}

std::string Trim(const std::string& s) {
    size_t first = s.find_first_not_of(' ');
    if (first == std::string::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

std::string FormatNumber(double v) {
    return std::to_string(static_cast<unsigned long long>(v));
}

// SemVer.version: major.minor.patch[-prerelease].
std::string FormatVersion(const NpmSemver& v) {
    std::string out =
        FormatNumber(v.major) + "." + FormatNumber(v.minor) + "." + FormatNumber(v.patch);
    for (size_t i = 0; i < v.prerelease.size(); ++i) {
        out += (i == 0 ? "-" : ".") + v.prerelease[i];
    }
    return out;
}

Result<Comparator> ParseComparator(std::string_view range, const std::string& text) {
    std::string op;
    std::string version;
    if (!internal::MatchNpmComparator(text, &op, &version)) {
        return RangeError(range, "invalid comparator '" + text + "'");
    }
    Comparator comp;
    comp.op = op == "=" ? "" : op;
    if (version.empty()) {
        comp.any = true;
        return comp;
    }
    auto semver = internal::ParseNpmSemver(version);
    if (!semver.ok()) {
        return RangeError(range, semver.error().message());
    }
    comp.semver = std::move(semver).value();
    comp.value = comp.op + FormatVersion(comp.semver);
    return comp;
}

bool IsNullSet(const Comparator& c) {
    return c.value == "<0.0.0-0";
}

bool IsAny(const Comparator& c) {
    return c.any;
}

// Range.parseRange from the comparator strings on: every comparator is read first (so any
// invalid one fails the range), then duplicates (by value) keep their first position, a null
// comparator stands alone, and "any" goes when anything else is left.
Result<ComparatorSet> ParseAlternative(std::string_view range, const std::string& part) {
    ComparatorSet parsed;
    for (const std::string& text : internal::DesugarNpmRangePart(part)) {
        KENSA_ASSIGN_OR_RETURN(Comparator comp, ParseComparator(range, text));
        parsed.push_back(std::move(comp));
    }
    ComparatorSet set;
    for (Comparator& comp : parsed) {
        if (IsNullSet(comp)) {
            return ComparatorSet{comp};
        }
        bool duplicate = false;
        for (Comparator& existing : set) {
            if (existing.any == comp.any && existing.value == comp.value) {
                existing = comp;  // Map.set keeps the key's position, takes the new value
                duplicate = true;
            }
        }
        if (!duplicate) {
            set.push_back(std::move(comp));
        }
    }
    if (set.size() > 1) {
        std::erase_if(set, [](const Comparator& c) { return IsAny(c); });
    }
    return set;
}

Result<std::vector<ComparatorSet>> ParseRange(std::string_view range) {
    std::vector<ComparatorSet> sets;
    for (const std::string& part : SplitAlternatives(NormalizeWhitespace(range))) {
        KENSA_ASSIGN_OR_RETURN(ComparatorSet set, ParseAlternative(range, Trim(part)));
        if (!set.empty()) {
            sets.push_back(std::move(set));
        }
    }
    if (sets.empty()) {
        return RangeError(range, "no comparators");
    }
    if (sets.size() > 1) {
        ComparatorSet first = sets.front();
        std::erase_if(sets, [](const ComparatorSet& s) { return IsNullSet(s.front()); });
        if (sets.empty()) {
            sets.push_back(std::move(first));
        } else if (sets.size() > 1) {
            for (const ComparatorSet& s : sets) {
                if (s.size() == 1 && IsAny(s.front())) {
                    return std::vector<ComparatorSet>{s};
                }
            }
        }
    }
    return sets;
}

bool Test(const Comparator& c, const NpmSemver& v) {
    if (c.any) {
        return true;
    }
    int rc = internal::CompareNpmSemver(v, c.semver);
    if (c.op == ">") {
        return rc > 0;
    }
    if (c.op == ">=") {
        return rc >= 0;
    }
    if (c.op == "<") {
        return rc < 0;
    }
    if (c.op == "<=") {
        return rc <= 0;
    }
    return rc == 0;
}

bool SameTuple(const NpmSemver& a, const NpmSemver& b) {
    return a.major == b.major && a.minor == b.minor && a.patch == b.patch;
}

// testSet: every comparator holds and, for a prerelease version, some comparator names a
// prerelease of the same major.minor.patch.
bool TestSet(const ComparatorSet& set, const NpmSemver& v) {
    for (const Comparator& c : set) {
        if (!Test(c, v)) {
            return false;
        }
    }
    if (v.prerelease.empty()) {
        return true;
    }
    for (const Comparator& c : set) {
        if (!c.any && !c.semver.prerelease.empty() && SameTuple(c.semver, v)) {
            return true;
        }
    }
    return false;
}

}  // namespace

Result<bool> NpmSatisfies(std::string_view version, std::string_view range) {
    if (range.size() > kMaxNpmRangeLength) {
        return RangeError(range.substr(0, 64),
                          "longer than " + std::to_string(kMaxNpmRangeLength) + " characters");
    }
    KENSA_ASSIGN_OR_RETURN(std::vector<ComparatorSet> sets, ParseRange(range));
    KENSA_ASSIGN_OR_RETURN(NpmSemver v, internal::ParseNpmSemver(version));
    for (const ComparatorSet& set : sets) {
        if (TestSet(set, v)) {
            return true;
        }
    }
    return false;
}

}  // namespace kensa::knowledge
