// PEP 440 versions: a port of packaging.version.Version (packaging 23): what its regular
// expression accepts (matched case-insensitively, surrounding whitespace allowed) and the same sort
// key
// (_cmpkey): trailing zeros of the release trimmed, a dev-only release before its pre-releases,
// post and dev releases, and local version segments (numbers after strings).
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kensa/knowledge/version.h"

namespace kensa::knowledge::internal {
namespace {

// packaging.version.VERSION_PATTERN, for reference (matched case-insensitively, surrounding
// whitespace allowed):
//   v? (?:([0-9]+)!)? ([0-9]+(?:\.[0-9]+)*)
//   (?:[-_\.]?(a|b|c|rc|alpha|beta|pre|preview)[-_\.]?([0-9]+)?)?
//   (?:(?:-([0-9]+))|(?:[-_\.]?(post|rev|r)[-_\.]?([0-9]+)?))?
//   (?:[-_\.]?(dev)[-_\.]?([0-9]+)?)?
//   (?:\+([a-z0-9]+(?:[-_\.][a-z0-9]+)*))?
// It is parsed by hand: std::regex was most of the matcher's time (perf). Greedy choices give
// the regex's result here, because no part can start with what the part before it could have
// taken: a release never gives up ".N", a label is the longest one that is a prefix (a shorter
// one leaves letters nothing accepts), and separators before later parts are optional.

std::string StripZeros(std::string_view s) {
    size_t nz = s.find_first_not_of('0');
    return nz == std::string_view::npos ? std::string() : std::string(s.substr(nz));
}

struct LocalPart {
    bool numeric = false;
    std::string text;  ///< digits without leading zeros, or the lower-cased string
};

// A key component that may be absent; absent sorts as -inf or +inf depending on the field.
struct Pep440Key {
    std::string epoch;
    std::vector<std::string> release;  ///< trailing zeros trimmed
    // pre: rank -1 = -inf (dev-only), 0..2 = a, b, rc, 3 = +inf (final)
    int pre_rank = 3;
    std::string pre_number;
    bool has_post = false;  ///< absent = -inf
    std::string post_number;
    bool has_dev = false;  ///< absent = +inf
    std::string dev_number;
    bool has_local = false;  ///< absent = -inf
    std::vector<LocalPart> local;
};

char LowerChar(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}
bool IsAlnum(char c) {
    return IsDigit(c) || (LowerChar(c) >= 'a' && LowerChar(c) <= 'z');
}
bool IsSep(char c) {
    return c == '-' || c == '_' || c == '.';
}
bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

class Cursor {
public:
    explicit Cursor(std::string_view s) : s_(s) {}
    bool At(size_t off, bool (*pred)(char)) const {
        return pos_ + off < s_.size() && pred(s_[pos_ + off]);
    }
    bool AtChar(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
    bool End() const { return pos_ == s_.size(); }
    size_t pos() const { return pos_; }
    void Reset(size_t pos) { pos_ = pos; }
    void Skip() { ++pos_; }
    void SkipSep() {
        if (At(0, IsSep)) {
            ++pos_;
        }
    }
    std::string_view Digits() {
        size_t start = pos_;
        while (At(0, IsDigit)) {
            ++pos_;
        }
        return s_.substr(start, pos_ - start);
    }
    // The longest of `labels` (lower case, longest first) that the input starts with, any case.
    std::string_view Label(std::initializer_list<std::string_view> labels) {
        for (std::string_view label : labels) {
            if (s_.size() - pos_ < label.size()) {
                continue;
            }
            bool same = true;
            for (size_t i = 0; i < label.size() && same; ++i) {
                same = LowerChar(s_[pos_ + i]) == label[i];
            }
            if (same) {
                pos_ += label.size();
                return label;
            }
        }
        return {};
    }

private:
    std::string_view s_;
    size_t pos_ = 0;
};

Result<Pep440Key> ParsePep440(std::string_view input) {
    auto invalid = [&] {
        return Error(ErrorCode::kInvalidInput,
                     "invalid PEP 440 version '" + std::string(input) + "'");
    };
    std::string_view text = input;
    while (!text.empty() && IsSpace(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && IsSpace(text.back())) {
        text.remove_suffix(1);
    }
    Cursor c(text);
    if (c.AtChar('v') || c.AtChar('V')) {
        c.Skip();
    }
    Pep440Key key;
    size_t release_start = c.pos();
    std::string_view first = c.Digits();
    if (first.empty()) {
        return invalid();
    }
    if (c.AtChar('!')) {
        key.epoch = StripZeros(first);
        c.Skip();
        release_start = c.pos();
        if (c.Digits().empty()) {
            return invalid();
        }
    }
    c.Reset(release_start);
    key.release.push_back(StripZeros(c.Digits()));
    while (c.AtChar('.') && c.At(1, IsDigit)) {
        c.Skip();
        key.release.push_back(StripZeros(c.Digits()));
    }
    while (!key.release.empty() && key.release.back().empty()) {
        key.release.pop_back();
    }
    // Pre-release.
    size_t mark = c.pos();
    c.SkipSep();
    std::string_view pre = c.Label({"preview", "alpha", "beta", "pre", "rc", "a", "b", "c"});
    bool has_pre = !pre.empty();
    if (has_pre) {
        key.pre_rank = pre == "a" || pre == "alpha" ? 0 : pre == "b" || pre == "beta" ? 1 : 2;
        c.SkipSep();
        key.pre_number = StripZeros(c.Digits());
    } else {
        c.Reset(mark);
    }
    // Post-release: "-N", or a label with an optional number.
    if (c.AtChar('-') && c.At(1, IsDigit)) {
        c.Skip();
        key.has_post = true;
        key.post_number = StripZeros(c.Digits());
    } else {
        mark = c.pos();
        c.SkipSep();
        if (!c.Label({"post", "rev", "r"}).empty()) {
            key.has_post = true;
            c.SkipSep();
            key.post_number = StripZeros(c.Digits());
        } else {
            c.Reset(mark);
        }
    }
    // Development release.
    mark = c.pos();
    c.SkipSep();
    if (!c.Label({"dev"}).empty()) {
        key.has_dev = true;
        c.SkipSep();
        key.dev_number = StripZeros(c.Digits());
    } else {
        c.Reset(mark);
    }
    if (!has_pre && !key.has_post && key.has_dev) {
        key.pre_rank = -1;
    }
    // Local version label.
    if (c.AtChar('+')) {
        c.Skip();
        key.has_local = true;
        while (true) {
            if (!c.At(0, IsAlnum)) {
                return invalid();
            }
            std::string part;
            while (c.At(0, IsAlnum)) {
                part += LowerChar(text[c.pos()]);
                c.Skip();
            }
            LocalPart lp;
            lp.numeric = part.find_first_not_of("0123456789") == std::string::npos;
            lp.text = lp.numeric ? StripZeros(part) : part;
            key.local.push_back(std::move(lp));
            if (!c.At(0, IsSep)) {
                break;
            }
            c.Skip();
        }
    }
    if (!c.End()) {
        return invalid();
    }
    return key;
}

int CompareLocal(const std::vector<LocalPart>& a, const std::vector<LocalPart>& b) {
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (a[i].numeric != b[i].numeric) {
            return a[i].numeric ? 1 : -1;  // strings sort before numbers
        }
        int rc = a[i].numeric ? CompareDigitStrings(a[i].text, b[i].text)
                              : Sign(a[i].text.compare(b[i].text));
        if (rc != 0) {
            return rc;
        }
    }
    if (a.size() != b.size()) {
        return a.size() < b.size() ? -1 : 1;
    }
    return 0;
}

int CompareKeys(const Pep440Key& a, const Pep440Key& b) {
    int rc = CompareDigitStrings(a.epoch, b.epoch);
    if (rc != 0) {
        return rc;
    }
    for (size_t i = 0; i < a.release.size() && i < b.release.size(); ++i) {
        rc = CompareDigitStrings(a.release[i], b.release[i]);
        if (rc != 0) {
            return rc;
        }
    }
    if (a.release.size() != b.release.size()) {
        return a.release.size() < b.release.size() ? -1 : 1;
    }
    if (a.pre_rank != b.pre_rank) {
        return a.pre_rank < b.pre_rank ? -1 : 1;
    }
    if (a.pre_rank >= 0 && a.pre_rank <= 2) {
        rc = CompareDigitStrings(a.pre_number, b.pre_number);
        if (rc != 0) {
            return rc;
        }
    }
    if (a.has_post != b.has_post) {
        return a.has_post ? 1 : -1;
    }
    if (a.has_post) {
        rc = CompareDigitStrings(a.post_number, b.post_number);
        if (rc != 0) {
            return rc;
        }
    }
    if (a.has_dev != b.has_dev) {
        return a.has_dev ? -1 : 1;
    }
    if (a.has_dev) {
        rc = CompareDigitStrings(a.dev_number, b.dev_number);
        if (rc != 0) {
            return rc;
        }
    }
    if (a.has_local != b.has_local) {
        return a.has_local ? 1 : -1;
    }
    return a.has_local ? CompareLocal(a.local, b.local) : 0;
}

}  // namespace

Result<int> ComparePep440(std::string_view a, std::string_view b) {
    KENSA_ASSIGN_OR_RETURN(Pep440Key ka, ParsePep440(a));
    KENSA_ASSIGN_OR_RETURN(Pep440Key kb, ParsePep440(b));
    return CompareKeys(ka, kb);
}

}  // namespace kensa::knowledge::internal
