// The string rewriting node-semver 7 (classes/range.js, internal/re.js) applies to one "||"
// alternative of a range before reading it as comparators. node-semver is defined by these
// regular expressions and replacement callbacks, so they are reproduced here with the same
// patterns (ECMAScript syntax, which std::regex implements with the same leftmost, ordered
// backtracking as JavaScript) and the same bounded "safe" quantifiers node-semver compiles
// (\s* as \s{0,1}, \d* as \d{0,256}, [a-zA-Z0-9-]* as [a-zA-Z0-9-]{0,250}, ...).
// Only the default options are implemented: loose=false, includePrerelease=false.
#include <charconv>
#include <cstdlib>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "kensa/knowledge/npm_range_internal.h"

namespace kensa::knowledge::internal {
namespace {

// A capture group as JavaScript passes it to a replacement callback: undefined or a string.
using JsGroup = std::optional<std::string>;

constexpr int kMaxLength = 256;           // MAX_LENGTH
constexpr int kMaxSafeBuildLength = 250;  // MAX_LENGTH - 6

std::string ReplaceAllLiteral(std::string s, const std::string& from, const std::string& to) {
    size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
        s.replace(pos, from.size(), to);
        pos += to.size();
    }
    return s;
}

// re.js makeSafeRegex: bounds the unbounded quantifiers of \s, \d and [a-zA-Z0-9-].
std::string MakeSafe(std::string value) {
    const std::pair<std::string, int> kBounds[] = {
        {"\\s", 1},
        {"\\d", kMaxLength},
        {"[a-zA-Z0-9-]", kMaxSafeBuildLength},
    };
    for (const auto& [token, max] : kBounds) {
        value = ReplaceAllLiteral(value, token + "*", token + "{0," + std::to_string(max) + "}");
        value = ReplaceAllLiteral(value, token + "+", token + "{1," + std::to_string(max) + "}");
    }
    return value;
}

std::regex Compile(const std::string& source) {
    return std::regex(source, std::regex::ECMAScript | std::regex::optimize);
}

// The patterns of re.js that the strict, no-prerelease path uses.
struct Patterns {
    std::regex build_strip;  ///< BUILDSTRIPRE: the unbounded BUILD, applied globally
    std::regex build;
    std::regex hyphen_range;
    std::regex tilde_trim;
    std::regex caret_trim;
    std::regex tilde;
    std::regex caret;
    std::regex xrange;
    std::regex star;
    std::regex gte0;
    std::regex comparator;
};

Patterns BuildPatterns() {
    const std::string ldn = "[a-zA-Z0-9-]";
    const std::string num = "0|[1-9]\\d*";
    const std::string non_num = "\\d*[a-zA-Z-]" + ldn + "*";
    const std::string pre_id = "(?:" + non_num + "|" + num + ")";
    const std::string pre = "(?:-(" + pre_id + "(?:\\." + pre_id + ")*))";
    const std::string build_id = ldn + "+";
    const std::string build = "(?:\\+(" + build_id + "(?:\\." + build_id + ")*))";
    const std::string main = "(" + num + ")\\.(" + num + ")\\.(" + num + ")";
    const std::string full_plain = "v?" + main + pre + "?" + build + "?";
    const std::string gtlt = "((?:<|>)?=?)";
    const std::string xid = num + "|x|X|\\*";
    const std::string xplain = "[v=\\s]*(" + xid + ")(?:\\.(" + xid + ")(?:\\.(" + xid +
                               ")(?:" + pre + ")?" + build + "?)?)?";
    const std::string lone_tilde = "(?:~>?)";
    const std::string lone_caret = "(?:\\^)";
    Patterns p;
    p.build_strip = Compile(build);
    p.build = Compile(MakeSafe(build));
    p.hyphen_range = Compile(MakeSafe("^\\s*(" + xplain + ")\\s+-\\s+(" + xplain + ")\\s*$"));
    p.tilde_trim = Compile(MakeSafe("(\\s*)" + lone_tilde + "\\s+"));
    p.caret_trim = Compile(MakeSafe("(\\s*)" + lone_caret + "\\s+"));
    p.tilde = Compile(MakeSafe("^" + lone_tilde + xplain + "$"));
    p.caret = Compile(MakeSafe("^" + lone_caret + xplain + "$"));
    p.xrange = Compile(MakeSafe("^" + gtlt + "\\s*" + xplain + "$"));
    p.star = Compile(MakeSafe("(<|>)?=?\\s*\\*"));
    p.gte0 = Compile(MakeSafe("^\\s*>=\\s*0\\.0\\.0\\s*$"));
    p.comparator = Compile(MakeSafe("^" + gtlt + "\\s*(" + full_plain + ")$|^$"));
    return p;
}

const Patterns& GetPatterns() {
    static const Patterns kPatterns = BuildPatterns();
    return kPatterns;
}

JsGroup Group(const std::smatch& m, size_t index) {
    if (index >= m.size() || !m[index].matched) {
        return std::nullopt;
    }
    return m[index].str();
}

// String.prototype.replace with a non-global pattern and a callback.
template <class Callback>
std::string ReplaceFirst(const std::string& s, const std::regex& re, Callback callback) {
    std::smatch m;
    if (!std::regex_search(s, m, re)) {
        return s;
    }
    return m.prefix().str() + callback(m) + m.suffix().str();
}

bool IsJsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string JsTrim(std::string_view s) {
    while (!s.empty() && IsJsSpace(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && IsJsSpace(s.back())) {
        s.remove_suffix(1);
    }
    return std::string(s);
}

// s.split(/\s+/): a leading or trailing run of whitespace gives an empty first or last part.
std::vector<std::string> JsSplitWhitespace(std::string_view s) {
    std::vector<std::string> parts(1);
    for (size_t i = 0; i < s.size(); ++i) {
        if (!IsJsSpace(s[i])) {
            parts.back() += s[i];
            continue;
        }
        while (i + 1 < s.size() && IsJsSpace(s[i + 1])) {
            ++i;
        }
        parts.emplace_back();
    }
    return parts;
}

std::vector<std::string> JsSplitSpace(std::string_view s) {
    std::vector<std::string> parts(1);
    for (char c : s) {
        if (c == ' ') {
            parts.emplace_back();
        } else {
            parts.back() += c;
        }
    }
    return parts;
}

std::string JoinSpace(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        out += (i == 0 ? "" : " ") + parts[i];
    }
    return out;
}

template <class Function>
std::string MapJoin(const std::vector<std::string>& parts, Function function) {
    std::vector<std::string> mapped;
    mapped.reserve(parts.size());
    for (const std::string& part : parts) {
        mapped.push_back(function(part));
    }
    return JoinSpace(mapped);
}

// isX: undefined, "", "x", "X" or "*".
bool IsX(const JsGroup& id) {
    return !id || id->empty() || *id == "x" || *id == "X" || *id == "*";
}

bool Truthy(const JsGroup& s) {
    return s && !s->empty();
}

std::string Inc(const JsGroup& digits) {
    return JsIncrement(*digits);
}

// replaceTilde: ~1.2.3 is >=1.2.3 <1.3.0-0, ~1.2 is >=1.2.0 <1.3.0-0, ~1 is >=1.0.0 <2.0.0-0.
std::string ReplaceTilde(const std::string& comp) {
    return ReplaceFirst(comp, GetPatterns().tilde, [](const std::smatch& match) {
        JsGroup M = Group(match, 1), m = Group(match, 2), p = Group(match, 3);
        JsGroup pr = Group(match, 4);
        if (IsX(M)) {
            return std::string();
        }
        if (IsX(m)) {
            return ">=" + *M + ".0.0 <" + Inc(M) + ".0.0-0";
        }
        if (IsX(p)) {
            return ">=" + *M + "." + *m + ".0 <" + *M + "." + Inc(m) + ".0-0";
        }
        std::string from = *M + "." + *m + "." + *p + (Truthy(pr) ? "-" + *pr : "");
        return ">=" + from + " <" + *M + "." + Inc(m) + ".0-0";
    });
}

// The upper bound of a caret range: the next version that changes the first non-zero number.
std::string CaretUpper(const JsGroup& M, const JsGroup& m, const JsGroup& p) {
    if (*M != "0") {
        return Inc(M) + ".0.0-0";
    }
    if (*m != "0") {
        return *M + "." + Inc(m) + ".0-0";
    }
    return *M + "." + *m + "." + Inc(p) + "-0";
}

// replaceCaret: ^1.2.3 is >=1.2.3 <2.0.0-0, ^0.2.3 is >=0.2.3 <0.3.0-0, ^0.0.3 is
// >=0.0.3 <0.0.4-0; a missing minor or patch is an x.
std::string ReplaceCaret(const std::string& comp) {
    return ReplaceFirst(comp, GetPatterns().caret, [](const std::smatch& match) {
        JsGroup M = Group(match, 1), m = Group(match, 2), p = Group(match, 3);
        JsGroup pr = Group(match, 4);
        if (IsX(M)) {
            return std::string();
        }
        if (IsX(m)) {
            return ">=" + *M + ".0.0 <" + Inc(M) + ".0.0-0";
        }
        if (IsX(p)) {
            std::string upper = *M == "0" ? *M + "." + Inc(m) + ".0-0" : Inc(M) + ".0.0-0";
            return ">=" + *M + "." + *m + ".0 <" + upper;
        }
        std::string from = *M + "." + *m + "." + *p + (Truthy(pr) ? "-" + *pr : "");
        return ">=" + from + " <" + CaretUpper(M, m, p);
    });
}

bool InvalidXRangeOrder(const JsGroup& M, const JsGroup& m, const JsGroup& p) {
    return (IsX(M) && !IsX(m)) || (IsX(m) && Truthy(p) && !IsX(p));
}

// The `gtlt && anyX` branch of replaceXRange: >1 is >=2.0.0, >1.2 is >=1.3.0, <=1.2 is <1.3.0-0.
std::string XRangeWithOperator(std::string gtlt, const JsGroup& M, const JsGroup& m, bool xm) {
    std::string major = *M;
    std::string minor = xm ? "0" : *m;
    std::string patch = "0";
    if (gtlt == ">") {
        gtlt = ">=";
        if (xm) {
            major = Inc(M);
        } else {
            minor = Inc(m);
        }
    } else if (gtlt == "<=") {
        gtlt = "<";
        if (xm) {
            major = Inc(M);
        } else {
            minor = Inc(m);
        }
    }
    std::string pr = gtlt == "<" ? "-0" : "";
    return gtlt + major + "." + minor + "." + patch + pr;
}

std::string ReplaceXRange(const std::string& raw_comp) {
    std::string comp = JsTrim(raw_comp);
    return ReplaceFirst(comp, GetPatterns().xrange, [&comp](const std::smatch& match) {
        std::string gtlt = Group(match, 1).value_or("");
        JsGroup M = Group(match, 2), m = Group(match, 3), p = Group(match, 4);
        if (InvalidXRangeOrder(M, m, p)) {
            return comp;
        }
        bool xM = IsX(M);
        bool xm = xM || IsX(m);
        bool any_x = xm || IsX(p);
        if (gtlt == "=" && any_x) {
            gtlt = "";
        }
        if (xM) {
            return std::string(gtlt == ">" || gtlt == "<" ? "<0.0.0-0" : "*");
        }
        if (!gtlt.empty() && any_x) {
            return XRangeWithOperator(gtlt, M, m, xm);
        }
        if (xm) {
            return ">=" + *M + ".0.0 <" + Inc(M) + ".0.0-0";
        }
        if (any_x) {
            return ">=" + *M + "." + *m + ".0 <" + *M + "." + Inc(m) + ".0-0";
        }
        return match.str();
    });
}

std::string ReplaceStars(const std::string& comp) {
    return ReplaceFirst(
        JsTrim(comp), GetPatterns().star, [](const std::smatch&) { return std::string(); });
}

std::string ReplaceGte0(const std::string& comp) {
    return ReplaceFirst(
        JsTrim(comp), GetPatterns().gte0, [](const std::smatch&) { return std::string(); });
}

// parseComparator: carets, tildes, x-ranges and stars, one whitespace-separated word at a time.
std::string ParseComparator(const std::string& raw) {
    std::string comp =
        ReplaceFirst(raw, GetPatterns().build, [](const std::smatch&) { return std::string(); });
    comp = MapJoin(JsSplitWhitespace(JsTrim(comp)), ReplaceCaret);
    comp = MapJoin(JsSplitWhitespace(JsTrim(comp)), ReplaceTilde);
    comp = MapJoin(JsSplitWhitespace(comp), ReplaceXRange);
    return ReplaceStars(comp);
}

// hyphenReplace: "1.2 - 3.4" is ">=1.2.0 <3.5.0-0", "1.2.3 - 3.4.5" is ">=1.2.3 <=3.4.5".
std::string HyphenReplace(const std::smatch& match) {
    JsGroup from = Group(match, 1), fM = Group(match, 2), fm = Group(match, 3);
    JsGroup fp = Group(match, 4);
    JsGroup to = Group(match, 7), tM = Group(match, 8), tm = Group(match, 9);
    JsGroup tp = Group(match, 10), tpr = Group(match, 11);
    std::string lower;
    if (IsX(fM)) {
        lower = "";
    } else if (IsX(fm)) {
        lower = ">=" + *fM + ".0.0";
    } else if (IsX(fp)) {
        lower = ">=" + *fM + "." + *fm + ".0";
    } else {
        lower = ">=" + *from;
    }
    std::string upper;
    if (IsX(tM)) {
        upper = "";
    } else if (IsX(tm)) {
        upper = "<" + Inc(tM) + ".0.0-0";
    } else if (IsX(tp)) {
        upper = "<" + *tM + "." + Inc(tm) + ".0-0";
    } else if (Truthy(tpr)) {
        upper = "<=" + *tM + "." + *tm + "." + *tp + "-" + *tpr;
    } else {
        upper = "<=" + *to;
    }
    return JsTrim(lower + " " + upper);
}

}  // namespace

std::string JsIncrement(std::string_view digits) {
    double next = std::strtod(std::string(digits).c_str(), nullptr) + 1.0;
    // Number.prototype.toString: plain digits below 1e21, exponent notation from there on.
    constexpr double kExponentFrom = 1e21;
    char buffer[64];
    auto format = next < kExponentFrom ? std::chars_format::fixed : std::chars_format::scientific;
    auto result = std::to_chars(buffer, buffer + sizeof(buffer), next, format);
    return std::string(buffer, result.ptr);
}

std::vector<std::string> DesugarNpmRangePart(std::string part) {
    const Patterns& patterns = GetPatterns();
    part = std::regex_replace(part, patterns.build_strip, "");
    part = ReplaceFirst(part, patterns.hyphen_range, HyphenReplace);
    part = TrimNpmComparatorWhitespace(part);
    part = std::regex_replace(part, patterns.tilde_trim, "$1~");
    part = std::regex_replace(part, patterns.caret_trim, "$1^");
    std::string rewritten = MapJoin(JsSplitSpace(part), ParseComparator);
    std::vector<std::string> comparators;
    for (const std::string& comp : JsSplitWhitespace(rewritten)) {
        comparators.push_back(ReplaceGte0(comp));
    }
    return comparators;
}

bool MatchNpmComparator(const std::string& comp, std::string* op, std::string* version) {
    std::smatch m;
    if (!std::regex_search(comp, m, GetPatterns().comparator)) {
        return false;
    }
    *op = Group(m, 1).value_or("");
    *version = Group(m, 2).value_or("");
    return true;
}

}  // namespace kensa::knowledge::internal
