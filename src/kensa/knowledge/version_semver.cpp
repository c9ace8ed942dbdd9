// SemVer 2.0 as node-semver 7 compares it with loose=false: the FULL regular expression
// (optional leading 'v', no leading zeros in numeric identifiers), MAX_LENGTH 256,
// MAX_SAFE_INTEGER for major/minor/patch, build metadata ignored, and prerelease identifiers
// compared by compareIdentifiers (numbers, converted like JavaScript's unary +, before strings).
#include <cstdlib>
#include <string>
#include <vector>

#include "kensa/knowledge/semver_npm.h"
#include "kensa/knowledge/version.h"

namespace kensa::knowledge::internal {
namespace {

constexpr size_t kMaxLength = 256;
constexpr double kMaxSafeInteger = 9007199254740991.0;

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool IsIdentChar(char c) {
    return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

bool AllDigits(std::string_view s) {
    for (char c : s) {
        if (!IsDigit(c)) {
            return false;
        }
    }
    return !s.empty();
}

// JavaScript's +"123" for a string of digits: the nearest double.
double ToJsNumber(std::string_view digits) {
    std::string copy(digits);
    return std::strtod(copy.c_str(), nullptr);
}

bool IsJsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

Error SemverError(std::string_view input, std::string_view why) {
    return Error(ErrorCode::kInvalidInput,
                 "invalid semver version '" + std::string(input) + "': " + std::string(why));
}

// NUMERICIDENTIFIER: 0|[1-9]\d*
bool IsNumericIdentifier(std::string_view s) {
    return AllDigits(s) && (s.size() == 1 || s[0] != '0');
}

// PRERELEASEIDENTIFIER: NUMERICIDENTIFIER | \d*[a-zA-Z-][a-zA-Z0-9-]*
bool IsPrereleaseIdentifier(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    for (char c : s) {
        if (!IsIdentChar(c)) {
            return false;
        }
    }
    return !AllDigits(s) || IsNumericIdentifier(s);
}

// BUILDIDENTIFIER: [a-zA-Z0-9-]+
bool IsBuildIdentifier(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    for (char c : s) {
        if (!IsIdentChar(c)) {
            return false;
        }
    }
    return true;
}

}  // namespace

Result<NpmSemver> ParseNpmSemver(std::string_view input) {
    if (input.size() > kMaxLength) {
        return SemverError(input, "longer than 256 characters");
    }
    std::string_view s = input;
    while (!s.empty() && IsJsSpace(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && IsJsSpace(s.back())) {
        s.remove_suffix(1);
    }
    if (!s.empty() && s.front() == 'v') {
        s.remove_prefix(1);
    }
    std::string_view build;
    size_t plus = s.find('+');
    if (plus != std::string_view::npos) {
        build = s.substr(plus + 1);
        s = s.substr(0, plus);
        for (std::string_view id : SplitDots(build)) {
            if (!IsBuildIdentifier(id)) {
                return SemverError(input, "invalid build metadata");
            }
        }
    }
    std::string_view prerelease;
    bool has_prerelease = false;
    size_t hyphen = s.find('-');
    if (hyphen != std::string_view::npos) {
        prerelease = s.substr(hyphen + 1);
        s = s.substr(0, hyphen);
        has_prerelease = true;
    }
    std::vector<std::string_view> main = SplitDots(s);
    if (main.size() != 3) {
        return SemverError(input, "expected MAJOR.MINOR.PATCH");
    }
    NpmSemver v;
    double* fields[3] = {&v.major, &v.minor, &v.patch};
    for (size_t i = 0; i < 3; ++i) {
        if (!IsNumericIdentifier(main[i])) {
            return SemverError(input, "invalid numeric identifier");
        }
        *fields[i] = ToJsNumber(main[i]);
        if (*fields[i] > kMaxSafeInteger) {
            return SemverError(input, "number above MAX_SAFE_INTEGER");
        }
    }
    if (has_prerelease) {
        for (std::string_view id : SplitDots(prerelease)) {
            if (!IsPrereleaseIdentifier(id)) {
                return SemverError(input, "invalid prerelease identifier");
            }
            v.prerelease.emplace_back(id);
        }
    }
    return v;
}

namespace {

int CompareNumbers(double a, double b) {
    return a == b ? 0 : (a < b ? -1 : 1);
}

// compareIdentifiers: numeric identifiers compare as numbers and before non-numeric ones.
int CompareIdentifiers(std::string_view a, std::string_view b) {
    bool a_num = AllDigits(a);
    bool b_num = AllDigits(b);
    if (a_num && b_num) {
        return CompareNumbers(ToJsNumber(a), ToJsNumber(b));
    }
    if (a_num != b_num) {
        return a_num ? -1 : 1;
    }
    return Sign(a.compare(b));
}

}  // namespace

int CompareNpmSemver(const NpmSemver& a, const NpmSemver& b) {
    int rc = CompareNumbers(a.major, b.major);
    if (rc == 0) {
        rc = CompareNumbers(a.minor, b.minor);
    }
    if (rc == 0) {
        rc = CompareNumbers(a.patch, b.patch);
    }
    if (rc != 0) {
        return rc;
    }
    if (!a.prerelease.empty() && b.prerelease.empty()) {
        return -1;
    }
    if (a.prerelease.empty() && !b.prerelease.empty()) {
        return 1;
    }
    for (size_t i = 0;; ++i) {
        bool a_end = i >= a.prerelease.size();
        bool b_end = i >= b.prerelease.size();
        if (a_end && b_end) {
            return 0;
        }
        if (b_end) {
            return 1;
        }
        if (a_end) {
            return -1;
        }
        if (a.prerelease[i] == b.prerelease[i]) {
            continue;
        }
        // Like node-semver, the first identifiers that differ as strings decide, even when
        // they convert to the same number.
        return CompareIdentifiers(a.prerelease[i], b.prerelease[i]);
    }
}

Result<int> CompareSemver(std::string_view a, std::string_view b) {
    KENSA_ASSIGN_OR_RETURN(NpmSemver va, ParseNpmSemver(a));
    KENSA_ASSIGN_OR_RETURN(NpmSemver vb, ParseNpmSemver(b));
    return CompareNpmSemver(va, vb);
}

}  // namespace kensa::knowledge::internal
