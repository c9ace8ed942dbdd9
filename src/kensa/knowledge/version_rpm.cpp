// RPM versions: a port of rpm's rpmvercmp (rpmio/rpmvercmp.c, rpm 4.18, with '~' and '^') and
// of the epoch/version/release comparison of rpm.labelCompare. A version string is split like
// rpm's parseEVR: "[E:]V[-R]", where E is the leading digits before ':' and R follows the last
// '-'. A missing epoch is 0; a missing release sorts before any release (even an empty one).
#include <optional>
#include <string>

#include "kensa/knowledge/version.h"

namespace kensa::knowledge::internal {
namespace {

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool IsAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsAlnum(char c) {
    return IsDigit(c) || IsAlpha(c);
}

struct Evr {
    std::string_view epoch;
    std::string_view version;
    std::optional<std::string_view> release;
};

Result<Evr> ParseEvr(std::string_view s) {
    Evr evr;
    size_t i = 0;
    while (i < s.size() && IsDigit(s[i])) {
        ++i;
    }
    std::string_view rest = s;
    if (i < s.size() && s[i] == ':') {
        evr.epoch = i == 0 ? std::string_view("0") : s.substr(0, i);
        rest = s.substr(i + 1);
    } else {
        evr.epoch = "0";
    }
    size_t hyphen = rest.rfind('-');
    if (hyphen != std::string_view::npos) {
        evr.version = rest.substr(0, hyphen);
        evr.release = rest.substr(hyphen + 1);
    } else {
        evr.version = rest;
    }
    if (evr.version.empty()) {
        return Error(ErrorCode::kInvalidInput,
                     "invalid RPM version '" + std::string(s) + "': version is empty");
    }
    return evr;
}

// rpmvercmp, over string_views instead of NUL-terminated copies.
int RpmVerCmp(std::string_view a, std::string_view b) {
    if (a == b) {
        return 0;
    }
    size_t one = 0;
    size_t two = 0;
    auto at = [](std::string_view s, size_t k) -> char { return k < s.size() ? s[k] : '\0'; };
    while (one < a.size() || two < b.size()) {
        while (one < a.size() && !IsAlnum(a[one]) && a[one] != '~' && a[one] != '^') {
            ++one;
        }
        while (two < b.size() && !IsAlnum(b[two]) && b[two] != '~' && b[two] != '^') {
            ++two;
        }
        // The tilde separator sorts before everything else.
        if (at(a, one) == '~' || at(b, two) == '~') {
            if (at(a, one) != '~') {
                return 1;
            }
            if (at(b, two) != '~') {
                return -1;
            }
            ++one;
            ++two;
            continue;
        }
        // The caret is like the tilde, except that a version that ended sorts lower.
        if (at(a, one) == '^' || at(b, two) == '^') {
            if (one >= a.size()) {
                return -1;
            }
            if (two >= b.size()) {
                return 1;
            }
            if (at(a, one) != '^') {
                return 1;
            }
            if (at(b, two) != '^') {
                return -1;
            }
            ++one;
            ++two;
            continue;
        }
        if (!(one < a.size() && two < b.size())) {
            break;
        }
        size_t end1 = one;
        size_t end2 = two;
        bool is_num = false;
        if (IsDigit(a[one])) {
            while (end1 < a.size() && IsDigit(a[end1])) {
                ++end1;
            }
            while (end2 < b.size() && IsDigit(b[end2])) {
                ++end2;
            }
            is_num = true;
        } else {
            while (end1 < a.size() && IsAlpha(a[end1])) {
                ++end1;
            }
            while (end2 < b.size() && IsAlpha(b[end2])) {
                ++end2;
            }
        }
        if (one == end1) {
            return -1;  // cannot happen, as in rpm
        }
        // Segments of different types: numeric is newer than alpha.
        if (two == end2) {
            return is_num ? 1 : -1;
        }
        std::string_view seg1 = a.substr(one, end1 - one);
        std::string_view seg2 = b.substr(two, end2 - two);
        int rc = is_num ? CompareDigitStrings(seg1, seg2) : Sign(seg1.compare(seg2));
        if (rc != 0) {
            return rc;
        }
        one = end1;
        two = end2;
    }
    if (one >= a.size() && two >= b.size()) {
        return 0;
    }
    return one >= a.size() ? -1 : 1;
}

}  // namespace

Result<int> CompareRpm(std::string_view a, std::string_view b) {
    KENSA_ASSIGN_OR_RETURN(Evr ea, ParseEvr(a));
    KENSA_ASSIGN_OR_RETURN(Evr eb, ParseEvr(b));
    int rc = RpmVerCmp(ea.epoch, eb.epoch);
    if (rc != 0) {
        return rc;
    }
    rc = RpmVerCmp(ea.version, eb.version);
    if (rc != 0) {
        return rc;
    }
    if (!ea.release && !eb.release) {
        return 0;
    }
    if (!eb.release) {
        return 1;
    }
    if (!ea.release) {
        return -1;
    }
    return RpmVerCmp(*ea.release, *eb.release);
}

}  // namespace kensa::knowledge::internal
