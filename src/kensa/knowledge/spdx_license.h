#pragma once
// SBOM license statements as canonical SPDX license expressions, and license categories
// (requirement R18).
//
// An SBOM states a component's license as an SPDX expression, an SPDX id or a free-text name
// (CycloneDX licenses[]: expression, license.id, license.name). NormalizeLicenses turns any mix
// of them into one canonical expression (SPDX 2.3 Annex D), lists the licenses in it and
// classifies it, so that components can be counted and filtered by license.
//
// The data is shipped with the binary (data/licenses, see the README there): the SPDX license
// and exception lists (spdx-licenses.tsv, spdx-exceptions.tsv), names and URLs that tools write
// (aliases.tsv) and the classification rules (categories.tsv). The tables are built once, on
// first use; every function here is thread-safe and none throws.

#include <string>
#include <string_view>
#include <vector>

namespace kensa::knowledge {

/// What a license asks of those who use or redistribute the software, from most to least
/// permissive; kUnknown when nothing says. See data/licenses/categories.tsv.
enum class LicenseCategory {
    kPermissive,
    kWeakCopyleft,
    kStrongCopyleft,
    kNetworkCopyleft,
    kProprietary,
    kPublicDomain,
    kUnknown,
};

/// "permissive", "weak_copyleft", "strong_copyleft", "network_copyleft", "proprietary",
/// "public_domain" or "unknown".
std::string_view ToString(LicenseCategory category);

/// The inverse of ToString (exact names only). Returns false, leaving *out alone, for any other
/// text.
bool Parse(std::string_view text, LicenseCategory* out);

/// One license statement as an SBOM gives it.
struct LicenseStatement {
    enum class Kind {
        kExpression,  ///< an SPDX license expression (CycloneDX "expression")
        kId,          ///< an SPDX license id (CycloneDX license.id)
        kName,        ///< a free-text license name or URL (CycloneDX license.name)
    };
    Kind kind = Kind::kExpression;
    std::string text;
};

/// The outcome of normalising the license statements of one component.
struct NormalizedLicense {
    /// Canonical SPDX expression: ids in the SPDX list's case, deprecated ids replaced by their
    /// successors, operators upper case, single spaces, parentheses only where precedence needs
    /// them, operands in the order given. "" when there was no statement (or only empty,
    /// NOASSERTION or NONE ones).
    std::string expression;
    /// Category of the whole expression: OR takes its most permissive operand (the user may
    /// choose it), AND its most restrictive, with unknown counted as more restrictive than
    /// anything for AND and as the last choice for OR. "X WITH e" is X's category, lowered to
    /// weak copyleft for linking exceptions such as Classpath-exception-2.0 (categories.tsv).
    LicenseCategory category = LicenseCategory::kUnknown;
    /// Every license id and LicenseRef in the expression ("+" and exceptions left out), sorted
    /// and unique.
    std::vector<std::string> license_ids;
    /// Something was not recognised: a statement (or an id in an expression) kept as a
    /// LicenseRef made from its text, or an exception id missing from the SPDX list kept as
    /// written after WITH.
    bool had_unknown = false;
};

/// Longest statement parsed as it is; a longer one becomes a LicenseRef of its beginning.
inline constexpr size_t kMaxLicenseStatementLength = 4096;

/// Normalises a component's license statements; several statements are ANDed (a CycloneDX
/// component that lists two licenses is under both), identical ones once.
///
/// An expression is parsed per SPDX 2.3 Annex D (operators in any case; WITH binds tighter
/// than AND, AND tighter than OR; at most 64 nested parentheses). An id that is not on the SPDX
/// list may still be a known name ("GPLv2"); otherwise it becomes "LicenseRef-<id>". An id or
/// a name is looked up as an id, an expression, a license name of the SPDX list, an alias or a
/// URL (aliases.tsv), then as names joined by "and"/"or" ("BSD or Apache License, Version
/// 2.0"). Whatever is not recognised is kept, never dropped, as "LicenseRef-<text>", the text
/// reduced to [A-Za-z0-9.-] (other runs become one "-") and cut at 64 characters.
NormalizedLicense NormalizeLicenses(const std::vector<LicenseStatement>& statements);

/// One statement whose kind is not known: tried as an expression, then as a name.
NormalizedLicense NormalizeLicense(std::string_view expression_or_name);

/// The category of one license id ("id+" too) or LicenseRef, matched case-insensitively; a
/// deprecated id has its successor's category. Other text is normalised first, so a name works
/// too; unknown when nothing is recognised.
LicenseCategory CategoryOf(std::string_view license_id);

/// Whether the SPDX license list has the id (case-insensitive; deprecated ids count).
bool IsKnownLicenseId(std::string_view id);

/// Whether the SPDX exception list has the id (case-insensitive; deprecated ids count).
bool IsKnownExceptionId(std::string_view id);

/// The SPDX list's full name of a license or exception id (case-insensitive), "" when unknown
/// or when the list gives no name.
std::string_view LicenseName(std::string_view id);

}  // namespace kensa::knowledge
