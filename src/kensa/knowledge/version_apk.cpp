// Alpine apk versions as apk-tools (2.14 / 3.x, src/version.c) compares them:
//
//   digit{.digit}...{letter}{_suffix{#}}...{~hash}{-r#}
//
// The version is read as a sequence of tokens, each of which may only follow certain others
// (a letter after a digit, a suffix after a digit, letter or suffix, ...). Both versions are
// tokenised in step; while the token kinds agree the tokens are compared:
//   - the first number numerically; a later number (after '.') numerically too, unless either
//     side has a leading zero, then as a string ("1.01" < "1.1", like Gentoo);
//   - a letter by its ASCII code; a suffix by rank: alpha < beta < pre < rc < (none) < cvs <
//     svn < git < hg < p; the number after a suffix and the -r revision numerically;
//   - the ~hash as a string.
// When the kinds differ, a pre-release suffix (alpha..rc) sorts first, otherwise the side whose
// next token kind ranks lower (digit < letter < suffix < ... < end < invalid) is the greater:
// "1.0.1" > "1.0", "1.0" > "1.0_rc1", "1.0_p1" > "1.0".
// apk_version_compare never rejects a version: a malformed tail is an "invalid" token that
// compares like any other kind, so neither does this (only the length cap of CompareVersions).
// Numbers are read into a uint64_t that wraps, as apk-tools' apk_blob_pull_uint does.
#include <cstdint>
#include <string_view>

#include "kensa/knowledge/version.h"

namespace kensa::knowledge::internal {
namespace {

// In apk-tools' order: the order is what compares.
enum class Token {
    kInitialDigit,
    kDigit,
    kLetter,
    kSuffix,
    kSuffixNumber,
    kCommitHash,
    kRevision,
    kEnd,
    kInvalid,
};

// Suffix ranks, kNone being the pivot between pre-release and post-release suffixes.
enum Suffix { kSuffixInvalid, kAlpha, kBeta, kPre, kRc, kNone, kCvs, kSvn, kGit, kHg, kP };

struct TokenState {
    Token token = Token::kInitialDigit;
    Suffix suffix = kSuffixInvalid;
    uint64_t number = 0;
    std::string_view value;  ///< the token's text (digits, letter, suffix name or hash)
};

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool IsLower(char c) {
    return c >= 'a' && c <= 'z';
}

bool IsHexDigit(char c) {
    return IsDigit(c) || (c >= 'a' && c <= 'f');
}

Suffix SuffixValue(std::string_view name) {
    static constexpr std::pair<std::string_view, Suffix> kSuffixes[] = {
        {"alpha", kAlpha},
        {"beta", kBeta},
        {"pre", kPre},
        {"rc", kRc},
        {"cvs", kCvs},
        {"svn", kSvn},
        {"git", kGit},
        {"hg", kHg},
        {"p", kP},
    };
    for (const auto& [text, suffix] : kSuffixes) {
        if (text == name) {
            return suffix;
        }
    }
    return kSuffixInvalid;
}

template <class Predicate>
std::string_view TakeWhile(std::string_view& s, Predicate predicate) {
    size_t n = 0;
    while (n < s.size() && predicate(s[n])) {
        ++n;
    }
    std::string_view taken = s.substr(0, n);
    s.remove_prefix(n);
    return taken;
}

void ParseDigits(TokenState& t, std::string_view& s) {
    t.value = TakeWhile(s, IsDigit);
    t.number = 0;
    for (char c : t.value) {
        t.number = t.number * 10 + static_cast<uint64_t>(c - '0');
    }
    if (t.value.empty()) {
        t.token = Token::kInvalid;
    }
}

void First(TokenState& t, std::string_view& s) {
    t.token = Token::kInitialDigit;
    ParseDigits(t, s);
}

bool NextDigits(TokenState& t, std::string_view& s) {
    if (t.token == Token::kInitialDigit || t.token == Token::kDigit) {
        t.token = Token::kDigit;
    } else if (t.token == Token::kSuffix) {
        t.token = Token::kSuffixNumber;
    } else {
        return false;
    }
    ParseDigits(t, s);
    return true;
}

bool NextSuffix(TokenState& t, std::string_view& s) {
    if (t.token > Token::kSuffixNumber) {
        return false;
    }
    s.remove_prefix(1);
    t.value = TakeWhile(s, IsLower);
    t.suffix = SuffixValue(t.value);
    t.token = Token::kSuffix;
    return t.suffix != kSuffixInvalid;
}

bool NextHash(TokenState& t, std::string_view& s) {
    if (t.token >= Token::kCommitHash) {
        return false;
    }
    s.remove_prefix(1);
    t.value = TakeWhile(s, IsHexDigit);
    t.token = Token::kCommitHash;
    return !t.value.empty();
}

bool NextRevision(TokenState& t, std::string_view& s) {
    if (t.token >= Token::kRevision || s.substr(0, 2) != "-r") {
        return false;
    }
    s.remove_prefix(2);
    t.token = Token::kRevision;
    ParseDigits(t, s);
    return true;
}

// The next token of s after t, validated against the token before it.
void Next(TokenState& t, std::string_view& s) {
    if (s.empty()) {
        t.token = Token::kEnd;
        return;
    }
    bool ok = false;
    char c = s.front();
    if (IsLower(c)) {
        ok = t.token <= Token::kDigit;
        if (ok) {
            t.value = s.substr(0, 1);
            t.token = Token::kLetter;
            s.remove_prefix(1);
        }
    } else if (c == '.' || IsDigit(c)) {
        // '.' is only allowed where a digit may follow, and must be followed by digits.
        ok = c == '.' ? t.token <= Token::kDigit : true;
        if (ok && c == '.') {
            s.remove_prefix(1);
        }
        ok = ok && NextDigits(t, s);
    } else if (c == '_') {
        ok = NextSuffix(t, s);
    } else if (c == '~') {
        ok = NextHash(t, s);
    } else if (c == '-') {
        ok = NextRevision(t, s);
    }
    if (!ok) {
        t.token = Token::kInvalid;
    }
}

int CompareStrings(std::string_view a, std::string_view b) {
    return Sign(a.compare(b));
}

int CompareNumbers(uint64_t a, uint64_t b) {
    return a < b ? -1 : (a > b ? 1 : 0);
}

// Both tokens are of the same kind.
int CompareTokens(const TokenState& a, const TokenState& b) {
    switch (a.token) {
        case Token::kDigit:
            if (a.value.front() == '0' || b.value.front() == '0') {
                return CompareStrings(a.value, b.value);
            }
            return CompareNumbers(a.number, b.number);
        case Token::kInitialDigit:
        case Token::kSuffixNumber:
        case Token::kRevision:
            return CompareNumbers(a.number, b.number);
        case Token::kLetter:
            return CompareNumbers(static_cast<unsigned char>(a.value.front()),
                                  static_cast<unsigned char>(b.value.front()));
        case Token::kSuffix:
            return CompareNumbers(a.suffix, b.suffix);
        default:
            return CompareStrings(a.value, b.value);
    }
}

bool IsPreReleaseSuffix(const TokenState& t) {
    return t.token == Token::kSuffix && t.suffix < kNone;
}

int CompareApkVersions(std::string_view a, std::string_view b) {
    TokenState ta;
    TokenState tb;
    First(ta, a);
    First(tb, b);
    while (ta.token == tb.token && ta.token < Token::kEnd) {
        int rc = CompareTokens(ta, tb);
        if (rc != 0) {
            return rc;
        }
        Next(ta, a);
        Next(tb, b);
    }
    if (ta.token == tb.token) {
        return 0;
    }
    if (IsPreReleaseSuffix(ta)) {
        return -1;
    }
    if (IsPreReleaseSuffix(tb)) {
        return 1;
    }
    return ta.token > tb.token ? -1 : 1;
}

}  // namespace

Result<int> CompareApk(std::string_view a, std::string_view b) {
    return CompareApkVersions(a, b);
}

}  // namespace kensa::knowledge::internal
