// PEP 440 versions: a port of packaging.version.Version (packaging 23): the same regular
// expression (matched case-insensitively, surrounding whitespace allowed) and the same sort key
// (_cmpkey): trailing zeros of the release trimmed, a dev-only release before its pre-releases,
// post and dev releases, and local version segments (numbers after strings).
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "kensa/knowledge/version.h"

namespace kensa::knowledge::internal {
namespace {

// packaging.version.VERSION_PATTERN with the groups numbered:
//   1 epoch, 2 release, 3 pre_l, 4 pre_n, 5 post_n1, 6 post_l, 7 post_n2, 8 dev_l, 9 dev_n,
//   10 local.
constexpr const char* kPep440Pattern =
    R"(^\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*))"
    R"((?:[-_\.]?(a|b|c|rc|alpha|beta|pre|preview)[-_\.]?([0-9]+)?)?)"
    R"((?:(?:-([0-9]+))|(?:[-_\.]?(post|rev|r)[-_\.]?([0-9]+)?))?)"
    R"((?:[-_\.]?(dev)[-_\.]?([0-9]+)?)?))"
    R"((?:\+([a-z0-9]+(?:[-_\.][a-z0-9]+)*))?\s*$)";

std::string StripZeros(std::string s) {
    size_t nz = s.find_first_not_of('0');
    return nz == std::string::npos ? std::string() : s.substr(nz);
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

std::string Lower(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

Result<Pep440Key> ParsePep440(std::string_view input) {
    static const std::regex kRegex(kPep440Pattern, std::regex::ECMAScript | std::regex::icase);
    std::string text(input);
    std::smatch m;
    if (!std::regex_match(text, m, kRegex)) {
        return Error(ErrorCode::kInvalidInput, "invalid PEP 440 version '" + text + "'");
    }
    Pep440Key key;
    key.epoch = m[1].matched ? StripZeros(m[1].str()) : std::string();
    std::string release = m[2].str();
    size_t start = 0;
    while (true) {
        size_t dot = release.find('.', start);
        key.release.push_back(StripZeros(release.substr(start, dot - start)));
        if (dot == std::string::npos) {
            break;
        }
        start = dot + 1;
    }
    while (!key.release.empty() && key.release.back().empty()) {
        key.release.pop_back();
    }
    bool has_pre = m[3].matched;
    if (has_pre) {
        std::string label = Lower(m[3].str());
        if (label == "a" || label == "alpha") {
            key.pre_rank = 0;
        } else if (label == "b" || label == "beta") {
            key.pre_rank = 1;
        } else {
            key.pre_rank = 2;  // c, rc, pre, preview
        }
        key.pre_number = m[4].matched ? StripZeros(m[4].str()) : std::string();
    }
    if (m[5].matched || m[6].matched) {
        key.has_post = true;
        if (m[5].matched) {
            key.post_number = StripZeros(m[5].str());
        } else if (m[7].matched) {
            key.post_number = StripZeros(m[7].str());
        }
    }
    if (m[8].matched) {
        key.has_dev = true;
        key.dev_number = m[9].matched ? StripZeros(m[9].str()) : std::string();
    }
    if (!has_pre && !key.has_post && key.has_dev) {
        key.pre_rank = -1;
    }
    if (m[10].matched) {
        key.has_local = true;
        std::string local = Lower(m[10].str());
        size_t pos = 0;
        while (pos <= local.size()) {
            size_t sep = local.find_first_of("-_.", pos);
            std::string part =
                local.substr(pos, sep == std::string::npos ? std::string::npos : sep - pos);
            LocalPart lp;
            lp.numeric = part.find_first_not_of("0123456789") == std::string::npos;
            lp.text = lp.numeric ? StripZeros(part) : part;
            key.local.push_back(std::move(lp));
            if (sep == std::string::npos) {
                break;
            }
            pos = sep + 1;
        }
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
