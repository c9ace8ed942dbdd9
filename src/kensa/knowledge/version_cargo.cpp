// Cargo versions as the Rust `semver` crate 1.x parses (Version::parse) and orders (Ord for
// Version) them.
//
// Syntax is strict SemVer 2.0: MAJOR.MINOR.PATCH, each a u64 without leading zeros; an
// optional '-' pre-release of non-empty [0-9A-Za-z-] identifiers, numeric ones without leading
// zeros; an optional '+' build metadata of non-empty [0-9A-Za-z-] identifiers (leading zeros
// allowed). No 'v' prefix, no whitespace.
// Ordering is the derived Ord over (major, minor, patch, pre, build):
//   - pre: an empty pre-release is greater than any other; identifiers compare in order,
//     numeric ones by length then digits (numerically) and before alphanumeric ones, which
//     compare as ASCII strings; the shorter list sorts first when one is a prefix;
//   - build: unlike SemVer precedence, the crate compares build metadata too, as the last key:
//     numeric identifiers numerically ignoring leading zeros, then the one with fewer leading
//     zeros first (0 < 00 < 1 < 01), and before alphanumeric ones; empty metadata sorts first.
// So "1.0.0+a" != "1.0.0" here, as in Rust's `Version` comparison.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "kensa/knowledge/version.h"

namespace kensa::knowledge::internal {
namespace {

struct CargoVersion {
    uint64_t numbers[3] = {0, 0, 0};
    std::string_view pre;    ///< empty when absent
    std::string_view build;  ///< empty when absent
};

Error CargoError(std::string_view input, std::string_view why) {
    return Error(ErrorCode::kInvalidInput,
                 "invalid Cargo version '" + std::string(input) + "': " + std::string(why));
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool IsIdentChar(char c) {
    return IsDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
}

bool AllDigits(std::string_view s) {
    for (char c : s) {
        if (!IsDigit(c)) {
            return false;
        }
    }
    return true;
}

// A numeric identifier at the front of s: consumed into *out.
Status ParseNumber(std::string_view input, std::string_view& s, uint64_t* out) {
    size_t n = 0;
    while (n < s.size() && IsDigit(s[n])) {
        ++n;
    }
    if (n == 0) {
        return CargoError(input, "expected a number");
    }
    if (n > 1 && s[0] == '0') {
        return CargoError(input, "leading zero in a version number");
    }
    uint64_t value = 0;
    for (size_t i = 0; i < n; ++i) {
        auto digit = static_cast<uint64_t>(s[i] - '0');
        if (value > (UINT64_MAX - digit) / 10) {
            return CargoError(input, "version number above u64");
        }
        value = value * 10 + digit;
    }
    *out = value;
    s.remove_prefix(n);
    return Ok();
}

// The identifiers up to the end of s or the first character that cannot belong to them.
Status ParseIdentifiers(std::string_view input,
                        std::string_view& s,
                        bool allow_leading_zeros,
                        std::string_view* out) {
    size_t n = 0;
    while (n < s.size() && (IsIdentChar(s[n]) || s[n] == '.')) {
        ++n;
    }
    *out = s.substr(0, n);
    s.remove_prefix(n);
    for (std::string_view id : SplitDots(*out)) {
        if (id.empty()) {
            return CargoError(input, "empty identifier");
        }
        if (!allow_leading_zeros && id.size() > 1 && id[0] == '0' && AllDigits(id)) {
            return CargoError(input, "leading zero in a numeric pre-release identifier");
        }
    }
    return Ok();
}

Result<CargoVersion> ParseCargo(std::string_view input) {
    CargoVersion v;
    std::string_view s = input;
    for (size_t i = 0; i < 3; ++i) {
        if (i > 0) {
            if (s.empty() || s.front() != '.') {
                return CargoError(input, "expected MAJOR.MINOR.PATCH");
            }
            s.remove_prefix(1);
        }
        KENSA_TRY(ParseNumber(input, s, &v.numbers[i]));
    }
    if (!s.empty() && s.front() == '-') {
        s.remove_prefix(1);
        KENSA_TRY(ParseIdentifiers(input, s, false, &v.pre));
    }
    if (!s.empty() && s.front() == '+') {
        s.remove_prefix(1);
        KENSA_TRY(ParseIdentifiers(input, s, true, &v.build));
    }
    if (!s.empty()) {
        return CargoError(input, "unexpected character '" + std::string(1, s.front()) + "'");
    }
    return v;
}

int CompareStrings(std::string_view a, std::string_view b) {
    return Sign(a.compare(b));
}

// Ord for Prerelease: numeric identifiers by length then digits.
int CompareNumericPre(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return a.size() < b.size() ? -1 : 1;
    }
    return CompareStrings(a, b);
}

// Ord for BuildMetadata: numeric value first, then fewer leading zeros first.
int CompareNumericBuild(std::string_view a, std::string_view b) {
    std::string_view a_value = a.substr(std::min(a.find_first_not_of('0'), a.size()));
    std::string_view b_value = b.substr(std::min(b.find_first_not_of('0'), b.size()));
    int rc = CompareNumericPre(a_value, b_value);
    if (rc != 0) {
        return rc;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// The identifier walk shared by Prerelease and BuildMetadata. As in the crate, an empty string
// is one empty (and so numeric) identifier: empty build metadata sorts before any other.
int CompareIdentifierLists(std::string_view a, std::string_view b, bool build) {
    std::vector<std::string_view> as = SplitDots(a);
    std::vector<std::string_view> bs = SplitDots(b);
    for (size_t i = 0; i < as.size(); ++i) {
        if (i >= bs.size()) {
            return 1;
        }
        bool a_num = AllDigits(as[i]);
        bool b_num = AllDigits(bs[i]);
        if (a_num != b_num) {
            return a_num ? -1 : 1;
        }
        int rc =
            !a_num ? CompareStrings(as[i], bs[i])
                   : (build ? CompareNumericBuild(as[i], bs[i]) : CompareNumericPre(as[i], bs[i]));
        if (rc != 0) {
            return rc;
        }
    }
    return as.size() == bs.size() ? 0 : -1;
}

int ComparePre(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) {
        return a.empty() == b.empty() ? 0 : (a.empty() ? 1 : -1);
    }
    return CompareIdentifierLists(a, b, false);
}

int CompareCargoValues(const CargoVersion& a, const CargoVersion& b) {
    for (size_t i = 0; i < 3; ++i) {
        if (a.numbers[i] != b.numbers[i]) {
            return a.numbers[i] < b.numbers[i] ? -1 : 1;
        }
    }
    int rc = ComparePre(a.pre, b.pre);
    if (rc != 0) {
        return rc;
    }
    return CompareIdentifierLists(a.build, b.build, true);
}

}  // namespace

Result<int> CompareCargo(std::string_view a, std::string_view b) {
    KENSA_ASSIGN_OR_RETURN(CargoVersion va, ParseCargo(a));
    KENSA_ASSIGN_OR_RETURN(CargoVersion vb, ParseCargo(b));
    return CompareCargoValues(va, vb);
}

}  // namespace kensa::knowledge::internal
