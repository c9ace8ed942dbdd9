// Go module versions: a port of golang.org/x/mod/semver (parse, Compare): a leading 'v',
// shorthands v1 and v1.2 (= v1.0.0, v1.2.0), prerelease identifiers as in SemVer 2.0 (so
// pseudo-versions such as v0.0.0-20191109021931-daa7c04131f5 order by time), build metadata
// such as +incompatible ignored. Where x/mod/semver orders an invalid version below every valid
// one, CompareVersions rejects it instead. Because OSV writes Go versions without the 'v'
// ("1.2.3"), a version without it is read as if it had one.
#include <string>

#include "kensa/knowledge/version.h"

namespace kensa::knowledge::internal {
namespace {

struct GoVersion {
    std::string_view major;
    std::string_view minor = "0";
    std::string_view patch = "0";
    std::string_view prerelease;  ///< with its leading '-', or empty
};

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool IsIdentChar(char c) {
    return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

bool ParseInt(std::string_view& v, std::string_view& out) {
    if (v.empty() || !IsDigit(v[0])) {
        return false;
    }
    size_t i = 1;
    while (i < v.size() && IsDigit(v[i])) {
        ++i;
    }
    if (v[0] == '0' && i != 1) {
        return false;
    }
    out = v.substr(0, i);
    v.remove_prefix(i);
    return true;
}

bool IsBadNum(std::string_view v) {
    size_t i = 0;
    while (i < v.size() && IsDigit(v[i])) {
        ++i;
    }
    return i == v.size() && i > 1 && v[0] == '0';
}

bool ParsePrerelease(std::string_view& v, std::string_view& out) {
    size_t i = 1;
    size_t start = 1;
    while (i < v.size() && v[i] != '+') {
        if (!IsIdentChar(v[i]) && v[i] != '.') {
            return false;
        }
        if (v[i] == '.') {
            if (start == i || IsBadNum(v.substr(start, i - start))) {
                return false;
            }
            start = i + 1;
        }
        ++i;
    }
    if (start == i || IsBadNum(v.substr(start, i - start))) {
        return false;
    }
    out = v.substr(0, i);
    v.remove_prefix(i);
    return true;
}

bool ParseBuild(std::string_view& v) {
    size_t i = 1;
    size_t start = 1;
    while (i < v.size()) {
        if (!IsIdentChar(v[i]) && v[i] != '.') {
            return false;
        }
        if (v[i] == '.') {
            if (start == i) {
                return false;
            }
            start = i + 1;
        }
        ++i;
    }
    if (start == i) {
        return false;
    }
    v.remove_prefix(i);
    return true;
}

Result<GoVersion> ParseGo(std::string_view input) {
    auto invalid = [&] {
        return Error(ErrorCode::kInvalidInput,
                     "invalid Go module version '" + std::string(input) + "'");
    };
    std::string_view v = input;
    if (!v.empty() && v[0] == 'v') {
        v.remove_prefix(1);
    }
    GoVersion p;
    if (!ParseInt(v, p.major)) {
        return invalid();
    }
    if (v.empty()) {
        return p;
    }
    if (v[0] != '.') {
        return invalid();
    }
    v.remove_prefix(1);
    if (!ParseInt(v, p.minor)) {
        return invalid();
    }
    if (v.empty()) {
        return p;
    }
    if (v[0] != '.') {
        return invalid();
    }
    v.remove_prefix(1);
    if (!ParseInt(v, p.patch)) {
        return invalid();
    }
    if (!v.empty() && v[0] == '-' && !ParsePrerelease(v, p.prerelease)) {
        return invalid();
    }
    if (!v.empty() && v[0] == '+' && !ParseBuild(v)) {
        return invalid();
    }
    if (!v.empty()) {
        return invalid();
    }
    return p;
}

std::string_view NextIdent(std::string_view& x) {
    size_t i = 0;
    while (i < x.size() && x[i] != '.') {
        ++i;
    }
    std::string_view ident = x.substr(0, i);
    x.remove_prefix(i);
    return ident;
}

bool IsNum(std::string_view v) {
    for (char c : v) {
        if (!IsDigit(c)) {
            return false;
        }
    }
    return !v.empty();
}

int ComparePrerelease(std::string_view x, std::string_view y) {
    if (x == y) {
        return 0;
    }
    if (x.empty()) {
        return 1;
    }
    if (y.empty()) {
        return -1;
    }
    while (!x.empty() && !y.empty()) {
        x.remove_prefix(1);  // '-' or '.'
        y.remove_prefix(1);
        std::string_view dx = NextIdent(x);
        std::string_view dy = NextIdent(y);
        if (dx != dy) {
            bool ix = IsNum(dx);
            bool iy = IsNum(dy);
            if (ix != iy) {
                return ix ? -1 : 1;
            }
            if (ix && dx.size() != dy.size()) {
                return dx.size() < dy.size() ? -1 : 1;
            }
            return dx < dy ? -1 : 1;
        }
    }
    return x.empty() ? -1 : 1;
}

}  // namespace

Result<int> CompareGolang(std::string_view a, std::string_view b) {
    KENSA_ASSIGN_OR_RETURN(GoVersion pa, ParseGo(a));
    KENSA_ASSIGN_OR_RETURN(GoVersion pb, ParseGo(b));
    int rc = CompareDigitStrings(pa.major, pb.major);
    if (rc == 0) {
        rc = CompareDigitStrings(pa.minor, pb.minor);
    }
    if (rc == 0) {
        rc = CompareDigitStrings(pa.patch, pb.patch);
    }
    if (rc != 0) {
        return rc;
    }
    return ComparePrerelease(pa.prerelease, pb.prerelease);
}

}  // namespace kensa::knowledge::internal
