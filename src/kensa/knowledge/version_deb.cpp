// Debian versions: a port of dpkg's parseversion and verrevcmp (lib/dpkg/version.c,
// lib/dpkg/parsehelp.c). Version syntax problems dpkg only warns about (a version not starting
// with a digit, unusual characters) are accepted, as `dpkg --compare-versions` accepts them.
#include <climits>
#include <string>

#include "kensa/knowledge/version.h"

namespace kensa::knowledge::internal {
namespace {

struct DebVersion {
    long long epoch = 0;
    std::string_view upstream;
    std::string_view revision;
};

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool IsAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsBlank(char c) {
    return c == ' ' || c == '\t';
}

Error DebError(std::string_view version, std::string_view why) {
    return Error(ErrorCode::kInvalidInput,
                 "invalid Debian version '" + std::string(version) + "': " + std::string(why));
}

Result<DebVersion> ParseDeb(std::string_view input) {
    std::string_view s = input;
    while (!s.empty() && IsBlank(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && IsBlank(s.back())) {
        s.remove_suffix(1);
    }
    if (s.empty()) {
        return DebError(input, "version string is empty");
    }
    for (char c : s) {
        if (IsBlank(c)) {
            return DebError(input, "version string has embedded spaces");
        }
    }
    DebVersion v;
    size_t colon = s.find(':');
    if (colon != std::string_view::npos) {
        // strtol semantics: optional sign, then digits that must end exactly at the colon.
        size_t i = 0;
        bool negative = false;
        if (s[i] == '+' || s[i] == '-') {
            negative = s[i] == '-';
            ++i;
        }
        size_t digits_start = i;
        long long epoch = 0;
        bool too_big = false;
        while (i < s.size() && IsDigit(s[i])) {
            epoch = epoch * 10 + (s[i] - '0');
            if (epoch > static_cast<long long>(INT_MAX) + 1) {
                too_big = true;
                epoch = static_cast<long long>(INT_MAX) + 1;
            }
            ++i;
        }
        if (i == digits_start) {
            return DebError(
                input, colon == 0 ? "epoch in version is empty" : "epoch in version is not number");
        }
        if (i != colon) {
            return DebError(input, "epoch in version is not number");
        }
        if (negative && epoch != 0) {
            return DebError(input, "epoch in version is negative");
        }
        if (too_big || epoch > INT_MAX) {
            return DebError(input, "epoch in version is too big");
        }
        if (colon + 1 == s.size()) {
            return DebError(input, "nothing after colon in version number");
        }
        v.epoch = epoch;
        s.remove_prefix(colon + 1);
    }
    size_t hyphen = s.rfind('-');
    if (hyphen != std::string_view::npos) {
        if (hyphen + 1 == s.size()) {
            return DebError(input, "revision number is empty");
        }
        v.upstream = s.substr(0, hyphen);
        v.revision = s.substr(hyphen + 1);
    } else {
        v.upstream = s;
    }
    if (v.upstream.empty()) {
        return DebError(input, "version number is empty");
    }
    return v;
}

// dpkg's order(): digits 0, letters their code, '~' before everything, others after letters.
int Order(int c) {
    if (IsDigit(static_cast<char>(c))) {
        return 0;
    }
    if (IsAlpha(static_cast<char>(c))) {
        return c;
    }
    if (c == '~') {
        return -1;
    }
    if (c != 0) {
        return c + 256;
    }
    return 0;
}

int VerRevCmp(std::string_view a, std::string_view b) {
    size_t i = 0;
    size_t j = 0;
    // The byte at a position, 0 past the end, like a NUL-terminated C string.
    auto at = [](std::string_view s, size_t k) -> int {
        return k < s.size() ? static_cast<unsigned char>(s[k]) : 0;
    };
    auto digit = [&](std::string_view s, size_t k) { return k < s.size() && IsDigit(s[k]); };
    while (i < a.size() || j < b.size()) {
        int first_diff = 0;
        while ((i < a.size() && !IsDigit(a[i])) || (j < b.size() && !IsDigit(b[j]))) {
            int ac = Order(at(a, i));
            int bc = Order(at(b, j));
            if (ac != bc) {
                return ac - bc;
            }
            ++i;
            ++j;
        }
        while (at(a, i) == '0') {
            ++i;
        }
        while (at(b, j) == '0') {
            ++j;
        }
        while (digit(a, i) && digit(b, j)) {
            if (first_diff == 0) {
                first_diff = at(a, i) - at(b, j);
            }
            ++i;
            ++j;
        }
        if (digit(a, i)) {
            return 1;
        }
        if (digit(b, j)) {
            return -1;
        }
        if (first_diff != 0) {
            return first_diff;
        }
    }
    return 0;
}

}  // namespace

Result<int> CompareDeb(std::string_view a, std::string_view b) {
    KENSA_ASSIGN_OR_RETURN(DebVersion va, ParseDeb(a));
    KENSA_ASSIGN_OR_RETURN(DebVersion vb, ParseDeb(b));
    if (va.epoch != vb.epoch) {
        return va.epoch < vb.epoch ? -1 : 1;
    }
    int rc = VerRevCmp(va.upstream, vb.upstream);
    if (rc != 0) {
        return Sign(rc);
    }
    return Sign(VerRevCmp(va.revision, vb.revision));
}

}  // namespace kensa::knowledge::internal
