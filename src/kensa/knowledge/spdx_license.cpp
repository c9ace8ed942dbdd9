// SPDX license expressions: parsing (SPDX 2.3 Annex D), canonical form, name lookup and
// classification.
//
// The four data files (data/licenses) are embedded at build time and turned into hash maps
// once, on first use (a function-local static, so initialisation is thread-safe; afterwards
// everything is read-only). Keys are lower-cased ids, or names reduced by NameKey/LooseKey.
//
// A statement goes through these steps, the first that succeeds wins (see NormalizeOne):
//   1. a name given as a name is looked up exactly (SPDX list names, aliases, URLs);
//   2. it is parsed as an expression in which every id is known (an SPDX id, an explicit
//      LicenseRef, or a single-word alias such as "GPLv2");
//   3. the whole text is looked up as a name, exactly, then loosely (punctuation and filler
//      words ignored);
//   4. it is split at the words "and"/"or" into names that are all known;
//   5. a statement given as an expression that parsed keeps its structure, with its unknown
//      ids as LicenseRefs;
//   6. the whole text becomes one LicenseRef.
// Input bounds: a statement is parsed only up to kMaxLicenseStatementLength characters and 64
// nested parentheses; every step is linear in the statement, except step 4, which is tried
// only on text of at most kMaxSplitLength characters with at most kMaxSplitOperators operator
// words (so at most 45 segments).
#include "kensa/knowledge/spdx_license.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace kensa::embedded {
std::string_view SpdxLicensesTsv();
std::string_view SpdxExceptionsTsv();
std::string_view LicenseCategoriesTsv();
std::string_view LicenseAliasesTsv();
}  // namespace kensa::embedded

namespace kensa::knowledge {
namespace {

constexpr int kMaxParenDepth = 64;
// Longest text kept after "LicenseRef-" when a LicenseRef is made from free text.
constexpr size_t kMaxRefTextLength = 64;
// A name is split at "and"/"or" only when it has at most this many such words and is at most
// this long (real ones are far shorter; this bounds the work on hostile text).
constexpr size_t kMaxSplitOperators = 8;
constexpr size_t kMaxSplitLength = 512;

constexpr std::string_view kLicenseRef = "LicenseRef-";
constexpr std::string_view kDocumentRef = "DocumentRef-";

// ---- ASCII helpers ------------------------------------------------------------------------------

bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char LowerChar(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool IsAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string AsciiLower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = LowerChar(c);
    }
    return out;
}

bool IEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
        if (LowerChar(a[i]) != LowerChar(b[i])) {
            return false;
        }
    }
    return true;
}

bool IStartsWith(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && IEquals(s.substr(0, prefix.size()), prefix);
}

bool IEndsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && IEquals(s.substr(s.size() - suffix.size()), suffix);
}

std::string_view TrimView(std::string_view s) {
    while (!s.empty() && IsSpace(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && IsSpace(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

// SPDX idstring: [A-Za-z0-9.-]+
bool IsIdChar(char c) {
    return IsAlnum(c) || c == '.' || c == '-';
}

bool IsIdString(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), IsIdChar);
}

// ---- Categories ---------------------------------------------------------------------------------

// Position from most permissive to most restrictive; unknown comes last (see the header).
int Rank(LicenseCategory category) {
    switch (category) {
        case LicenseCategory::kPublicDomain:
            return 0;
        case LicenseCategory::kPermissive:
            return 1;
        case LicenseCategory::kWeakCopyleft:
            return 2;
        case LicenseCategory::kStrongCopyleft:
            return 3;
        case LicenseCategory::kNetworkCopyleft:
            return 4;
        case LicenseCategory::kProprietary:
            return 5;
        case LicenseCategory::kUnknown:
            break;
    }
    return 6;
}

bool IsCopyleft(LicenseCategory category) {
    return category == LicenseCategory::kWeakCopyleft ||
           category == LicenseCategory::kStrongCopyleft ||
           category == LicenseCategory::kNetworkCopyleft;
}

// ---- Expression tree ----------------------------------------------------------------------------

// A parsed expression. AND and OR nodes are n-ary and never have a child of their own type
// (Join flattens), so printing needs parentheses only for an OR inside an AND.
struct Node {
    enum class Type : uint8_t { kLeaf, kAnd, kOr };
    Type type = Type::kLeaf;
    bool plus = false;      ///< leaf: "id+"
    std::string id;         ///< leaf: canonical license id, LicenseRef or DocumentRef
    std::string exception;  ///< leaf: the exception after WITH, or ""
    std::vector<Node> children;
};

Node Leaf(std::string id) {
    Node node;
    node.id = std::move(id);
    return node;
}

Node Join(Node::Type type, std::vector<Node> parts) {
    if (parts.size() == 1) {
        return std::move(parts.front());
    }
    Node out;
    out.type = type;
    for (Node& part : parts) {
        if (part.type == type) {
            for (Node& child : part.children) {
                out.children.push_back(std::move(child));
            }
        } else {
            out.children.push_back(std::move(part));
        }
    }
    return out;
}

void PrintTo(const Node& node, std::string* out) {
    switch (node.type) {
        case Node::Type::kLeaf:
            out->append(node.id);
            if (node.plus) {
                out->push_back('+');
            }
            if (!node.exception.empty()) {
                out->append(" WITH ");
                out->append(node.exception);
            }
            return;
        case Node::Type::kAnd:
            for (size_t i = 0; i < node.children.size(); ++i) {
                const Node& child = node.children[i];
                if (i > 0) {
                    out->append(" AND ");
                }
                if (child.type == Node::Type::kOr) {
                    out->push_back('(');
                    PrintTo(child, out);
                    out->push_back(')');
                } else {
                    PrintTo(child, out);
                }
            }
            return;
        case Node::Type::kOr:
            for (size_t i = 0; i < node.children.size(); ++i) {
                if (i > 0) {
                    out->append(" OR ");
                }
                PrintTo(node.children[i], out);
            }
            return;
    }
}

std::string Print(const Node& node) {
    std::string out;
    PrintTo(node, &out);
    return out;
}

void CollectIds(const Node& node, std::vector<std::string>* ids) {
    if (node.type == Node::Type::kLeaf) {
        ids->push_back(node.id);
        return;
    }
    for (const Node& child : node.children) {
        CollectIds(child, ids);
    }
}

// ---- LicenseRefs made from free text ------------------------------------------------------------

uint32_t Fnv1a(std::string_view s) {
    uint32_t h = 2166136261u;
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h;
}

// "LicenseRef-" + the text with [A-Za-z0-9.-] kept and every other run of characters (with
// the dashes around it) turned into one "-", trimmed of dashes and cut at kMaxRefTextLength.
// Text with nothing to keep gets a hash of its bytes, so different texts stay apart.
std::string MakeRef(std::string_view text) {
    if (IStartsWith(text, kLicenseRef)) {
        text.remove_prefix(kLicenseRef.size());
    }
    std::string kept;
    bool dash = false;
    for (char c : text) {
        if (kept.size() >= kMaxRefTextLength) {
            break;
        }
        if (IsAlnum(c) || c == '.') {
            if (dash && !kept.empty()) {
                kept.push_back('-');
            }
            dash = false;
            kept.push_back(c);
        } else {
            dash = true;
        }
    }
    if (kept.size() > kMaxRefTextLength) {
        kept.resize(kMaxRefTextLength);
    }
    while (!kept.empty() && kept.back() == '-') {
        kept.pop_back();
    }
    if (kept.empty()) {
        static constexpr char kHex[] = "0123456789abcdef";
        uint32_t h = Fnv1a(text);
        kept = "unknown-";
        for (int shift = 28; shift >= 0; shift -= 4) {
            kept.push_back(kHex[(h >> shift) & 0xF]);
        }
    }
    return std::string(kLicenseRef) + kept;
}

// ---- Name keys ----------------------------------------------------------------------------------

bool LooksLikeUrl(std::string_view s) {
    return IStartsWith(s, "http://") || IStartsWith(s, "https://") || IStartsWith(s, "www.");
}

// A URL without scheme, "www.", query, fragment, trailing slashes and document ending.
std::string UrlKey(std::string_view s) {
    for (std::string_view scheme : {"https://", "http://"}) {
        if (IStartsWith(s, scheme)) {
            s.remove_prefix(scheme.size());
            break;
        }
    }
    if (IStartsWith(s, "www.")) {
        s.remove_prefix(4);
    }
    s = s.substr(0, std::min(s.find('?'), s.find('#')));
    while (!s.empty() && s.back() == '/') {
        s.remove_suffix(1);
    }
    for (std::string_view ending : {".txt", ".html", ".htm", ".php", ".md", ".json"}) {
        if (IEndsWith(s, ending)) {
            s.remove_suffix(ending.size());
            break;
        }
    }
    while (!s.empty() && s.back() == '/') {
        s.remove_suffix(1);
    }
    return AsciiLower(s);
}

// Lower case, runs of white space as one space, trimmed; URLs as UrlKey.
std::string NameKey(std::string_view s) {
    s = TrimView(s);
    if (LooksLikeUrl(s)) {
        return UrlKey(s);
    }
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        if (IsSpace(c)) {
            space = true;
            continue;
        }
        if (space && !out.empty()) {
            out.push_back(' ');
        }
        space = false;
        out.push_back(LowerChar(c));
    }
    return out;
}

bool IsLooseWordChar(char c) {
    return IsAlnum(c) || c == '.' || c == '+' || static_cast<unsigned char>(c) >= 0x80;
}

// A name key with punctuation and the words "the", "license"/"licence", "version" and "v"
// (also as "v" before a number) left out, the rest run together: "Apache License, Version
// 2.0" and "apache 2.0" are both "apache2.0". "" for text that has nothing left.
std::string LooseKey(std::string_view name_key) {
    std::string out;
    size_t i = 0;
    while (i < name_key.size()) {
        if (!IsLooseWordChar(name_key[i])) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < name_key.size() && IsLooseWordChar(name_key[end])) {
            ++end;
        }
        std::string_view word = name_key.substr(i, end - i);
        i = end;
        while (!word.empty() && word.front() == '.') {
            word.remove_prefix(1);
        }
        while (!word.empty() && word.back() == '.') {
            word.remove_suffix(1);
        }
        if (word.empty() || word == "the" || word == "license" || word == "licence" ||
            word == "version" || word == "v") {
            continue;
        }
        if (word.size() > 1 && word[0] == 'v' && word[1] >= '0' && word[1] <= '9') {
            word.remove_prefix(1);
        }
        out.append(word);
    }
    return out;
}

// Parentheses balanced and not nested, as in "Apache License (2.0)".
bool HasSimpleParentheses(std::string_view s) {
    int depth = 0;
    for (char c : s) {
        if (c == '(') {
            if (++depth > 1) {
                return false;
            }
        } else if (c == ')') {
            if (--depth < 0) {
                return false;
            }
        }
    }
    return depth == 0;
}

// ---- Tables -------------------------------------------------------------------------------------

struct LicenseEntry {
    std::string id;
    std::string name;
    bool osi = false;
    bool deprecated = false;
    LicenseCategory category = LicenseCategory::kUnknown;
};

struct ExceptionEntry {
    std::string id;
    std::string name;
};

struct Tables {
    std::vector<LicenseEntry> licenses;
    std::unordered_map<std::string, size_t> license_index;  // lower-cased id
    std::vector<ExceptionEntry> exceptions;
    std::unordered_map<std::string, size_t> exception_index;  // lower-cased id
    // Lower-cased deprecated id -> what replaces it.
    std::unordered_map<std::string, Node> successors;
    std::unordered_map<std::string, Node> names;        // NameKey -> expression
    std::unordered_map<std::string, Node> loose_names;  // LooseKey -> expression (unambiguous)
    // categories.tsv, patterns lower-cased.
    std::unordered_map<std::string, LicenseCategory> exact_rules;
    std::vector<std::pair<std::string, LicenseCategory>> contains_rules;
    std::vector<std::pair<std::string, LicenseCategory>> prefix_rules;  // longest first
    std::unordered_map<std::string, LicenseCategory> with_rules;        // exception id

    const LicenseEntry* FindLicense(std::string_view id) const {
        auto it = license_index.find(AsciiLower(id));
        return it == license_index.end() ? nullptr : &licenses[it->second];
    }

    const ExceptionEntry* FindException(std::string_view id) const {
        auto it = exception_index.find(AsciiLower(id));
        return it == exception_index.end() ? nullptr : &exceptions[it->second];
    }

    // The rule category of an id or LicenseRef: exact, then contains, then longest prefix.
    std::optional<LicenseCategory> RuleCategory(std::string_view id) const {
        std::string lower = AsciiLower(id);
        if (auto it = exact_rules.find(lower); it != exact_rules.end()) {
            return it->second;
        }
        for (const auto& [text, category] : contains_rules) {
            if (lower.find(text) != std::string::npos) {
                return category;
            }
        }
        for (const auto& [prefix, category] : prefix_rules) {
            if (lower.compare(0, prefix.size(), prefix) == 0) {
                return category;
            }
        }
        return std::nullopt;
    }

    LicenseCategory LeafCategory(const Node& leaf) const {
        LicenseCategory base = LicenseCategory::kUnknown;
        if (const LicenseEntry* entry = FindLicense(leaf.id)) {
            base = entry->category;
        } else {
            base = RuleCategory(leaf.id).value_or(LicenseCategory::kUnknown);
        }
        if (!leaf.exception.empty() && IsCopyleft(base)) {
            auto it = with_rules.find(AsciiLower(leaf.exception));
            if (it != with_rules.end() && Rank(it->second) < Rank(base)) {
                return it->second;
            }
        }
        return base;
    }

    // OR: the most permissive operand; AND: the most restrictive (unknown ranks last).
    LicenseCategory CategoryOf(const Node& node) const {
        if (node.type == Node::Type::kLeaf) {
            return LeafCategory(node);
        }
        bool is_and = node.type == Node::Type::kAnd;
        std::optional<LicenseCategory> result;
        for (const Node& child : node.children) {
            LicenseCategory c = CategoryOf(child);
            if (!result || (is_and ? Rank(c) > Rank(*result) : Rank(c) < Rank(*result))) {
                result = c;
            }
        }
        return result.value_or(LicenseCategory::kUnknown);
    }

    // "id+" on a resolved node: "X-only" becomes "X-or-later" where that id exists; a
    // compound, a LicenseRef or an "-or-later" id stays as it is.
    Node ApplyPlus(Node node) const {
        if (node.type != Node::Type::kLeaf || IStartsWith(node.id, kLicenseRef) ||
            IStartsWith(node.id, kDocumentRef) || IEndsWith(node.id, "-or-later")) {
            return node;
        }
        if (IEndsWith(node.id, "-only")) {
            std::string later = node.id.substr(0, node.id.size() - 5) + "-or-later";
            if (const LicenseEntry* entry = FindLicense(later)) {
                node.id = entry->id;
                return node;
            }
        }
        node.plus = true;
        return node;
    }

    // An SPDX list id as it is written today: deprecated ids replaced by their successors.
    Node FromEntry(const LicenseEntry& entry, bool plus) const {
        Node node = Leaf(entry.id);
        if (entry.deprecated) {
            if (auto it = successors.find(AsciiLower(entry.id)); it != successors.end()) {
                node = it->second;
            }
        }
        return plus ? ApplyPlus(std::move(node)) : node;
    }

    std::optional<Node> LookupExact(std::string_view text) const {
        std::string key = NameKey(text);
        if (key.empty()) {
            return std::nullopt;
        }
        if (LooksLikeUrl(TrimView(text))) {
            // spdx.org/licenses/<id>, opensource.org/licenses/<id> and the like.
            for (std::string_view site : {"spdx.org/licenses/",
                                          "opensource.org/licenses/",
                                          "opensource.org/license/",
                                          "choosealicense.com/licenses/"}) {
                if (key.compare(0, site.size(), site) != 0) {
                    continue;
                }
                std::string_view id = std::string_view(key).substr(site.size());
                if (const LicenseEntry* entry = FindLicense(id)) {
                    return FromEntry(*entry, false);
                }
            }
        }
        if (auto it = names.find(key); it != names.end()) {
            return it->second;
        }
        return std::nullopt;
    }

    // Loose matching ignores punctuation, so it is not tried on text whose parentheses are
    // unbalanced or nested: that is a broken expression ("(MIT"), not a name.
    std::optional<Node> LookupLoose(std::string_view text) const {
        if (LooksLikeUrl(TrimView(text)) || !HasSimpleParentheses(text)) {
            return std::nullopt;
        }
        std::string key = LooseKey(NameKey(text));
        if (key.empty()) {
            return std::nullopt;
        }
        if (auto it = loose_names.find(key); it != loose_names.end()) {
            return it->second;
        }
        return std::nullopt;
    }

    std::optional<Node> LookupName(std::string_view text) const {
        if (auto node = LookupExact(text)) {
            return node;
        }
        return LookupLoose(text);
    }
};

// ---- Parser -------------------------------------------------------------------------------------

enum class Tok : uint8_t { kWord, kOpen, kClose, kAnd, kOr, kWith };

struct Token {
    Tok type;
    std::string_view text;
};

std::vector<Token> Tokenize(std::string_view s) {
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (IsSpace(c)) {
            ++i;
        } else if (c == '(' || c == ')') {
            tokens.push_back({c == '(' ? Tok::kOpen : Tok::kClose, s.substr(i, 1)});
            ++i;
        } else {
            size_t end = i;
            while (end < s.size() && !IsSpace(s[end]) && s[end] != '(' && s[end] != ')') {
                ++end;
            }
            std::string_view word = s.substr(i, end - i);
            Tok type = Tok::kWord;
            if (IEquals(word, "AND")) {
                type = Tok::kAnd;
            } else if (IEquals(word, "OR")) {
                type = Tok::kOr;
            } else if (IEquals(word, "WITH")) {
                type = Tok::kWith;
            }
            tokens.push_back({type, word});
            i = end;
        }
    }
    return tokens;
}

// Recursive descent over SPDX 2.3 Annex D:
//   or   := and ("OR" and)*        and := with ("AND" with)*
//   with := primary ["WITH" exception-id]
//   primary := "(" or ")" | license-id ["+"] | ["DocumentRef-" idstring ":"] "LicenseRef-" idstring
// Strict mode (the alias targets) accepts only ids and exceptions of the SPDX lists and
// explicit LicenseRefs; otherwise an unknown id is looked up as a name and, failing that,
// becomes a LicenseRef, and an unknown exception id is kept as written.
class Parser {
public:
    Parser(const Tables& tables, std::string_view text, bool strict)
        : tables_(tables), tokens_(Tokenize(text)), strict_(strict) {}

    std::optional<Node> Run() {
        if (tokens_.empty()) {
            return std::nullopt;
        }
        std::optional<Node> node = ParseOr(0);
        if (!node || pos_ != tokens_.size()) {
            return std::nullopt;
        }
        return node;
    }

    /// Some id was neither known nor a known name and was made a LicenseRef.
    bool unresolved() const { return unresolved_; }
    /// Some exception id is not on the SPDX exception list.
    bool unknown_exception() const { return unknown_exception_; }

private:
    bool Peek(Tok type) const { return pos_ < tokens_.size() && tokens_[pos_].type == type; }

    std::optional<Node> ParseOr(int depth) {
        std::vector<Node> parts;
        while (true) {
            std::optional<Node> part = ParseAnd(depth);
            if (!part) {
                return std::nullopt;
            }
            parts.push_back(std::move(*part));
            if (!Peek(Tok::kOr)) {
                return Join(Node::Type::kOr, std::move(parts));
            }
            ++pos_;
        }
    }

    std::optional<Node> ParseAnd(int depth) {
        std::vector<Node> parts;
        while (true) {
            std::optional<Node> part = ParseWith(depth);
            if (!part) {
                return std::nullopt;
            }
            parts.push_back(std::move(*part));
            if (!Peek(Tok::kAnd)) {
                return Join(Node::Type::kAnd, std::move(parts));
            }
            ++pos_;
        }
    }

    std::optional<Node> ParseWith(int depth) {
        std::optional<Node> base = ParsePrimary(depth);
        if (!base || !Peek(Tok::kWith)) {
            return base;
        }
        ++pos_;
        if (!Peek(Tok::kWord)) {
            return std::nullopt;
        }
        std::string_view exception = tokens_[pos_++].text;
        // WITH applies to one license; a name that stood for a compound or already carries
        // an exception ("GPL-2.0-with-classpath-exception WITH ...") cannot take another.
        if (base->type != Node::Type::kLeaf || !base->exception.empty()) {
            return std::nullopt;
        }
        if (const ExceptionEntry* entry = tables_.FindException(exception)) {
            base->exception = entry->id;
        } else if (!strict_ && IsIdString(exception)) {
            base->exception = std::string(exception);
            unknown_exception_ = true;
        } else {
            return std::nullopt;
        }
        return base;
    }

    std::optional<Node> ParsePrimary(int depth) {
        if (Peek(Tok::kOpen)) {
            if (depth >= kMaxParenDepth) {
                return std::nullopt;
            }
            ++pos_;
            std::optional<Node> inner = ParseOr(depth + 1);
            if (!inner || !Peek(Tok::kClose)) {
                return std::nullopt;
            }
            ++pos_;
            return inner;
        }
        if (!Peek(Tok::kWord)) {
            return std::nullopt;
        }
        return ResolveWord(tokens_[pos_++].text);
    }

    std::optional<Node> ResolveWord(std::string_view word) {
        if (IStartsWith(word, kDocumentRef)) {
            size_t colon = word.find(':');
            if (colon == std::string_view::npos) {
                return std::nullopt;
            }
            std::string_view doc = word.substr(kDocumentRef.size(), colon - kDocumentRef.size());
            std::string_view ref = word.substr(colon + 1);
            if (!IsIdString(doc) || !IStartsWith(ref, kLicenseRef) ||
                !IsIdString(ref.substr(kLicenseRef.size()))) {
                return std::nullopt;
            }
            return Leaf(std::string(kDocumentRef) + std::string(doc) + ":" +
                        std::string(kLicenseRef) + std::string(ref.substr(kLicenseRef.size())));
        }
        if (IStartsWith(word, kLicenseRef)) {
            std::string_view rest = word.substr(kLicenseRef.size());
            if (!IsIdString(rest)) {
                return std::nullopt;
            }
            return Leaf(std::string(kLicenseRef) + std::string(rest));
        }
        bool plus = word.size() > 1 && word.back() == '+';
        std::string_view core = plus ? word.substr(0, word.size() - 1) : word;
        if (!IsIdString(core)) {
            return std::nullopt;
        }
        // "GPL-2.0+" is itself a (deprecated) id of the list.
        if (const LicenseEntry* entry = tables_.FindLicense(word)) {
            return tables_.FromEntry(*entry, false);
        }
        if (plus) {
            if (const LicenseEntry* entry = tables_.FindLicense(core)) {
                return tables_.FromEntry(*entry, true);
            }
        }
        if (!strict_) {
            if (std::optional<Node> named = tables_.LookupName(word)) {
                return named;
            }
            if (plus) {
                if (std::optional<Node> named = tables_.LookupName(core)) {
                    return tables_.ApplyPlus(std::move(*named));
                }
            }
        }
        unresolved_ = true;
        return Leaf(MakeRef(plus ? std::string(core) + "-or-later" : std::string(word)));
    }

    const Tables& tables_;
    std::vector<Token> tokens_;
    size_t pos_ = 0;
    bool strict_;
    bool unresolved_ = false;
    bool unknown_exception_ = false;
};

// The expression of a text in which every id is known, or nullopt.
std::optional<Node> ParseResolved(const Tables& tables, std::string_view text, bool strict) {
    Parser parser(tables, text, strict);
    std::optional<Node> node = parser.Run();
    if (!node || parser.unresolved() || (strict && parser.unknown_exception())) {
        return std::nullopt;
    }
    return node;
}

// ---- Building the tables ------------------------------------------------------------------------

// Calls fn(fields) for each row of a TSV text, skipping blank lines and '#' comments.
template <typename Fn>
void ForEachRow(std::string_view text, Fn fn) {
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (TrimView(line).empty() || line.front() == '#') {
            continue;
        }
        std::vector<std::string_view> fields;
        size_t field_start = 0;
        while (true) {
            size_t tab = line.find('\t', field_start);
            fields.push_back(line.substr(
                field_start,
                tab == std::string_view::npos ? std::string_view::npos : tab - field_start));
            if (tab == std::string_view::npos) {
                break;
            }
            field_start = tab + 1;
        }
        fn(fields);
    }
}

void LoadLicenses(Tables* t) {
    ForEachRow(embedded::SpdxLicensesTsv(), [&](const std::vector<std::string_view>& f) {
        std::string_view id = f.size() >= 4 ? TrimView(f[0]) : std::string_view();
        bool plus = id.size() > 1 && id.back() == '+';
        if (!IsIdString(plus ? id.substr(0, id.size() - 1) : id)) {
            return;
        }
        LicenseEntry entry;
        entry.id = std::string(id);
        entry.name = std::string(TrimView(f[1]));
        entry.osi = TrimView(f[2]) == "1";
        entry.deprecated = TrimView(f[3]) == "1";
        if (t->license_index.emplace(AsciiLower(entry.id), t->licenses.size()).second) {
            t->licenses.push_back(std::move(entry));
        }
    });
}

void LoadExceptions(Tables* t) {
    ForEachRow(embedded::SpdxExceptionsTsv(), [&](const std::vector<std::string_view>& f) {
        std::string_view id = TrimView(f[0]);
        if (!IsIdString(id)) {
            return;
        }
        ExceptionEntry entry{std::string(id), f.size() > 1 ? std::string(TrimView(f[1])) : ""};
        if (t->exception_index.emplace(AsciiLower(entry.id), t->exceptions.size()).second) {
            t->exceptions.push_back(std::move(entry));
        }
    });
}

void LoadRules(Tables* t) {
    ForEachRow(embedded::LicenseCategoriesTsv(), [&](const std::vector<std::string_view>& f) {
        LicenseCategory category;
        if (f.size() < 2 || !Parse(TrimView(f[1]), &category)) {
            return;
        }
        std::string pattern = AsciiLower(TrimView(f[0]));
        if (pattern.size() > 5 && pattern.compare(0, 5, "with ") == 0) {
            t->with_rules[std::string(TrimView(std::string_view(pattern).substr(5)))] = category;
        } else if (pattern.size() > 2 && pattern.front() == '*' && pattern.back() == '*') {
            t->contains_rules.emplace_back(pattern.substr(1, pattern.size() - 2), category);
        } else if (pattern.size() > 1 && pattern.back() == '*') {
            pattern.pop_back();
            t->prefix_rules.emplace_back(std::move(pattern), category);
        } else if (!pattern.empty()) {
            t->exact_rules[pattern] = category;
        }
    });
    std::stable_sort(t->prefix_rules.begin(),
                     t->prefix_rules.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

// "GPL-2.0" -> "GPL-2.0-only", "GPL-2.0+" -> "GPL-2.0-or-later"; the rest come from
// aliases.tsv.
void DeriveSuccessors(Tables* t) {
    for (const LicenseEntry& entry : t->licenses) {
        if (!entry.deprecated) {
            continue;
        }
        std::string candidate;
        if (entry.id.back() == '+') {
            candidate = entry.id.substr(0, entry.id.size() - 1) + "-or-later";
        } else {
            candidate = entry.id + "-only";
        }
        const LicenseEntry* successor = t->FindLicense(candidate);
        if (successor != nullptr && !successor->deprecated) {
            t->successors[AsciiLower(entry.id)] = Leaf(successor->id);
        }
    }
}

// url_keys: the name keys that are URLs (they get no loose key).
void LoadAliases(Tables* t, std::unordered_set<std::string>* url_keys) {
    ForEachRow(embedded::LicenseAliasesTsv(), [&](const std::vector<std::string_view>& f) {
        if (f.size() < 2) {
            return;
        }
        std::string_view alias = TrimView(f[0]);
        std::optional<Node> target = ParseResolved(*t, TrimView(f[1]), /*strict=*/true);
        if (alias.empty() || !target) {
            return;  // the tests check that every alias resolves
        }
        if (const LicenseEntry* entry = t->FindLicense(alias); entry && entry->deprecated) {
            t->successors[AsciiLower(alias)] = std::move(*target);
            return;
        }
        std::string key = NameKey(alias);
        if (LooksLikeUrl(alias)) {
            url_keys->insert(key);
        }
        t->names.try_emplace(std::move(key), std::move(*target));
    });
}

void ClassifyLicenses(Tables* t) {
    for (LicenseEntry& entry : t->licenses) {
        if (std::optional<LicenseCategory> rule = t->RuleCategory(entry.id)) {
            entry.category = *rule;
            continue;
        }
        std::string name = AsciiLower(entry.name);
        bool copyleft_name = name.find("general public") != std::string::npos ||
                             name.find("copyleft") != std::string::npos;
        entry.category =
            entry.osi && !copyleft_name ? LicenseCategory::kPermissive : LicenseCategory::kUnknown;
    }
    // Deprecated ids take their successor's category (the successors use current ids only).
    for (LicenseEntry& entry : t->licenses) {
        if (auto it = t->successors.find(AsciiLower(entry.id)); it != t->successors.end()) {
            entry.category = t->CategoryOf(it->second);
        }
    }
}

void IndexNames(Tables* t, const std::unordered_set<std::string>& url_keys) {
    // Aliases are already in; the list's names of current ids go before deprecated ones.
    for (bool deprecated : {false, true}) {
        for (const LicenseEntry& entry : t->licenses) {
            if (entry.deprecated == deprecated && !entry.name.empty()) {
                t->names.try_emplace(NameKey(entry.name), t->FromEntry(entry, false));
            }
        }
    }
    std::unordered_set<std::string> ambiguous;
    for (const auto& [key, node] : t->names) {
        if (url_keys.count(key) != 0) {
            continue;
        }
        std::string loose = LooseKey(key);
        if (loose.empty()) {
            continue;
        }
        auto [it, inserted] = t->loose_names.try_emplace(loose, node);
        if (!inserted && Print(it->second) != Print(node)) {
            ambiguous.insert(loose);
        }
    }
    for (const std::string& loose : ambiguous) {
        t->loose_names.erase(loose);
    }
}

Tables BuildTables() {
    Tables t;
    LoadLicenses(&t);
    LoadExceptions(&t);
    LoadRules(&t);
    DeriveSuccessors(&t);
    std::unordered_set<std::string> url_keys;
    LoadAliases(&t, &url_keys);
    ClassifyLicenses(&t);
    IndexNames(&t, url_keys);
    return t;
}

const Tables& GetTables() {
    static const Tables& tables = *new Tables(BuildTables());
    return tables;
}

// ---- Normalisation ------------------------------------------------------------------------------

enum class Mode { kExpression, kId, kName, kAny };

struct Piece {
    bool skip = false;
    bool unknown = false;
    Node node;
};

// Names joined by "and"/"or" ("BSD or Apache License, Version 2.0"), each known as a name or
// an expression; the split with the fewest parts wins. nullopt unless at least two parts.
std::optional<Node> SplitNames(const Tables& t, std::string_view text) {
    if (text.size() > kMaxSplitLength) {
        return std::nullopt;
    }
    std::vector<std::string_view> words;
    for (size_t i = 0; i < text.size();) {
        if (IsSpace(text[i])) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < text.size() && !IsSpace(text[end])) {
            ++end;
        }
        words.push_back(text.substr(i, end - i));
        i = end;
    }
    // bounds[0] is before the first word, bounds.back() after the last; those between are
    // the operator words.
    std::vector<size_t> bounds{0};
    for (size_t i = 0; i < words.size(); ++i) {
        if (IEquals(words[i], "and") || IEquals(words[i], "or")) {
            bounds.push_back(i + 1);
        }
    }
    size_t operators = bounds.size() - 1;
    if (operators == 0 || operators > kMaxSplitOperators) {
        return std::nullopt;
    }
    bounds.push_back(words.size() + 1);
    size_t n = bounds.size();
    // The words of the segment between bounds a and b, resolved (cached).
    std::vector<std::optional<std::optional<Node>>> cache(n * n);
    auto segment = [&](size_t a, size_t b) -> const std::optional<Node>& {
        std::optional<std::optional<Node>>& slot = cache[a * n + b];
        if (!slot) {
            size_t first = bounds[a];
            size_t last = bounds[b] - 1;  // exclusive: the operator word or the end
            std::optional<Node> node;
            if (first < last) {
                std::string joined;
                for (size_t w = first; w < last; ++w) {
                    if (w > first) {
                        joined.push_back(' ');
                    }
                    joined.append(words[w]);
                }
                node = t.LookupExact(joined);
                if (!node) {
                    node = ParseResolved(t, joined, /*strict=*/false);
                }
                if (!node) {
                    node = t.LookupLoose(joined);
                }
            }
            slot = std::move(node);
        }
        return *slot;
    };
    constexpr size_t kNone = static_cast<size_t>(-1);
    std::vector<size_t> parts(n, kNone);
    std::vector<size_t> previous(n, kNone);
    parts[0] = 0;
    for (size_t b = 1; b < n; ++b) {
        for (size_t a = 0; a < b; ++a) {
            if (parts[a] != kNone && parts[a] + 1 < parts[b] && segment(a, b)) {
                parts[b] = parts[a] + 1;
                previous[b] = a;
            }
        }
    }
    if (parts[n - 1] == kNone || parts[n - 1] < 2) {
        return std::nullopt;
    }
    std::vector<size_t> chosen;
    for (size_t b = n - 1; b != 0; b = previous[b]) {
        chosen.push_back(b);
    }
    chosen.push_back(0);
    std::reverse(chosen.begin(), chosen.end());
    // AND binds tighter than OR, as in an expression.
    std::vector<Node> alternatives;
    std::vector<Node> conjunction;
    for (size_t i = 0; i + 1 < chosen.size(); ++i) {
        conjunction.push_back(*segment(chosen[i], chosen[i + 1]));
        bool last = i + 2 == chosen.size();
        if (last || IEquals(words[bounds[chosen[i + 1]] - 1], "or")) {
            alternatives.push_back(Join(Node::Type::kAnd, std::move(conjunction)));
            conjunction.clear();
        }
    }
    return Join(Node::Type::kOr, std::move(alternatives));
}

Piece NormalizeOne(const Tables& t, std::string_view raw, Mode mode) {
    Piece piece;
    std::string_view text = TrimView(raw);
    if (text.empty() || IEquals(text, "NOASSERTION") || IEquals(text, "NONE")) {
        piece.skip = true;
        return piece;
    }
    if (text.size() > kMaxLicenseStatementLength) {
        piece.node = Leaf(MakeRef(text.substr(0, kMaxLicenseStatementLength)));
        piece.unknown = true;
        return piece;
    }
    if (mode == Mode::kName) {
        if (std::optional<Node> named = t.LookupExact(text)) {
            piece.node = std::move(*named);
            return piece;
        }
    }
    Parser parser(t, text, /*strict=*/false);
    std::optional<Node> parsed = parser.Run();
    if (parsed && !parser.unresolved()) {
        piece.node = std::move(*parsed);
        piece.unknown = parser.unknown_exception();
        return piece;
    }
    std::optional<Node> named = mode == Mode::kName ? t.LookupLoose(text) : t.LookupName(text);
    if (!named) {
        named = SplitNames(t, text);
    }
    if (named) {
        piece.node = std::move(*named);
        return piece;
    }
    piece.unknown = true;
    if (mode == Mode::kExpression && parsed) {
        piece.node = std::move(*parsed);  // its structure, the unknown ids as LicenseRefs
    } else {
        piece.node = Leaf(MakeRef(text));
    }
    return piece;
}

Mode ModeOf(LicenseStatement::Kind kind) {
    switch (kind) {
        case LicenseStatement::Kind::kExpression:
            return Mode::kExpression;
        case LicenseStatement::Kind::kId:
            return Mode::kId;
        case LicenseStatement::Kind::kName:
            return Mode::kName;
    }
    return Mode::kAny;
}

template <typename Each>
NormalizedLicense NormalizeAll(size_t count, Each statement_at) {
    NormalizedLicense out;
    try {
        const Tables& t = GetTables();
        std::vector<Node> parts;
        std::unordered_set<std::string> seen;
        for (size_t i = 0; i < count; ++i) {
            auto [text, mode] = statement_at(i);
            Piece piece = NormalizeOne(t, text, mode);
            if (piece.skip) {
                continue;
            }
            out.had_unknown = out.had_unknown || piece.unknown;
            if (seen.insert(Print(piece.node)).second) {
                parts.push_back(std::move(piece.node));
            }
        }
        if (parts.empty()) {
            return out;
        }
        Node all = Join(Node::Type::kAnd, std::move(parts));
        out.expression = Print(all);
        out.category = t.CategoryOf(all);
        CollectIds(all, &out.license_ids);
        std::sort(out.license_ids.begin(), out.license_ids.end());
        out.license_ids.erase(std::unique(out.license_ids.begin(), out.license_ids.end()),
                              out.license_ids.end());
    } catch (...) {
        // Only allocation can fail; report what is known, never throw.
        out.category = LicenseCategory::kUnknown;
        out.had_unknown = true;
    }
    return out;
}

}  // namespace

std::string_view ToString(LicenseCategory category) {
    switch (category) {
        case LicenseCategory::kPermissive:
            return "permissive";
        case LicenseCategory::kWeakCopyleft:
            return "weak_copyleft";
        case LicenseCategory::kStrongCopyleft:
            return "strong_copyleft";
        case LicenseCategory::kNetworkCopyleft:
            return "network_copyleft";
        case LicenseCategory::kProprietary:
            return "proprietary";
        case LicenseCategory::kPublicDomain:
            return "public_domain";
        case LicenseCategory::kUnknown:
            break;
    }
    return "unknown";
}

bool Parse(std::string_view text, LicenseCategory* out) {
    for (LicenseCategory category : {LicenseCategory::kPermissive,
                                     LicenseCategory::kWeakCopyleft,
                                     LicenseCategory::kStrongCopyleft,
                                     LicenseCategory::kNetworkCopyleft,
                                     LicenseCategory::kProprietary,
                                     LicenseCategory::kPublicDomain,
                                     LicenseCategory::kUnknown}) {
        if (text == ToString(category)) {
            *out = category;
            return true;
        }
    }
    return false;
}

NormalizedLicense NormalizeLicenses(const std::vector<LicenseStatement>& statements) {
    return NormalizeAll(statements.size(), [&](size_t i) {
        return std::pair<std::string_view, Mode>(statements[i].text, ModeOf(statements[i].kind));
    });
}

NormalizedLicense NormalizeLicense(std::string_view expression_or_name) {
    return NormalizeAll(1, [&](size_t) {
        return std::pair<std::string_view, Mode>(expression_or_name, Mode::kAny);
    });
}

LicenseCategory CategoryOf(std::string_view license_id) {
    std::string_view id = TrimView(license_id);
    if (id.empty()) {
        return LicenseCategory::kUnknown;
    }
    const Tables& t = GetTables();
    if (const LicenseEntry* entry = t.FindLicense(id)) {
        return entry->category;
    }
    if (id.size() > 1 && id.back() == '+') {
        if (const LicenseEntry* entry = t.FindLicense(id.substr(0, id.size() - 1))) {
            return entry->category;
        }
    }
    if (IStartsWith(id, kLicenseRef) || IStartsWith(id, kDocumentRef)) {
        return t.RuleCategory(id).value_or(LicenseCategory::kUnknown);
    }
    return NormalizeLicense(id).category;
}

bool IsKnownLicenseId(std::string_view id) {
    return GetTables().FindLicense(TrimView(id)) != nullptr;
}

bool IsKnownExceptionId(std::string_view id) {
    return GetTables().FindException(TrimView(id)) != nullptr;
}

std::string_view LicenseName(std::string_view id) {
    const Tables& t = GetTables();
    if (const LicenseEntry* entry = t.FindLicense(TrimView(id))) {
        return entry->name;
    }
    if (const ExceptionEntry* entry = t.FindException(TrimView(id))) {
        return entry->name;
    }
    return {};
}

}  // namespace kensa::knowledge
