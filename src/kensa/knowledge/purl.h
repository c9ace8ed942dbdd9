#pragma once
// Package URLs (purl): parsing, validation, normalisation and the canonical string form.
//
// Follows the package-url specification as standardised in ECMA-427 (the purl-spec repository's
// docs/specification and its tests/ suite), including the registered types' normalisation and
// validation rules that the spec's test suite exercises:
// https://github.com/package-url/purl-spec
//
// Canonical form: "pkg:" type "/" [namespace "/"] name ["@" version] ["?" qualifiers]
// ["#" subpath], each component percent-encoded except ASCII letters and digits, ".-_~" and
// ':' (ECMA-427 5.4), qualifier keys lowercased and sorted, empty-valued qualifiers dropped,
// subpath segments "", "." and ".." dropped.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kensa/common/error.h"

namespace kensa::knowledge {

/// A package URL in decoded form: every field holds the percent-decoded text, already
/// normalised for its type (e.g. pypi names lowercased with runs of "-_." as "-").
/// Build one with ParsePurl or MakePurl; a hand-filled Purl is not validated.
struct Purl {
    std::string type;     ///< lowercase, [a-z][a-z0-9.-]*
    std::string ns;       ///< namespace segments joined by '/', empty when absent
    std::string name;     ///< never empty
    std::string version;  ///< empty when absent
    /// Sorted by key, keys unique and lowercase, values non-empty.
    std::vector<std::pair<std::string, std::string>> qualifiers;
    std::string subpath;  ///< segments joined by '/', empty when absent

    /// The value of qualifier `key` (lowercase), or "" when absent.
    std::string Qualifier(std::string_view key) const;

    bool operator==(const Purl&) const = default;
};

/// Longest purl string ParsePurl accepts. Real purls are short; SBOMs are untrusted input.
inline constexpr size_t kMaxPurlLength = 4096;

/// Parses a purl string. Lenient where the spec asks parsers to be: the scheme is matched
/// case-insensitively and may be followed by slashes ("pkg://"), the type is lowercased,
/// qualifier keys are lowercased, and leading/trailing slashes around the namespace, name and
/// subpath are ignored. Returns kInvalidInput, with a message naming the problem, for anything
/// else the spec or the type's definition forbids (no scheme, bad type, no name, bad percent
/// escape or invalid UTF-8, bad or duplicate qualifier key, a type rule such as swift's
/// required namespace), and for input longer than kMaxPurlLength.
Result<Purl> ParsePurl(std::string_view purl);

/// Validates and normalises decoded components (the "build" direction of the spec): the same
/// rules as ParsePurl, applied to fields that are not percent-encoded. Qualifiers may be in any
/// order; keys are lowercased, empty values dropped. Namespace and subpath segments are split
/// on '/'; empty, "." and ".." subpath segments are dropped.
Result<Purl> MakePurl(Purl components);

/// The canonical purl string of a Purl produced by ParsePurl or MakePurl.
std::string ToCanonicalString(const Purl& purl);

/// The key under which the advisory matcher indexes a package name of an ecosystem (a purl
/// type such as "pypi"; matched case-insensitively). Only case-insensitive ecosystems change
/// the name: pypi gets PEP 503 normalisation (lowercase, runs of '-', '_' and '.' become one
/// '-'); nuget and composer are lowercased. Every other ecosystem (npm, deb, rpm, apk, golang,
/// maven, cargo, gem, ...) keeps the name as it is.
std::string NormalizePackageName(std::string_view ecosystem, std::string_view name);

}  // namespace kensa::knowledge
