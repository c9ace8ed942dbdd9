// SPDX license normalisation and classification: the canonical form, deprecated ids, names
// and URLs, free text kept as LicenseRefs, hostile input, the shipped data files' consistency,
// and real data read from ../shared (never copied: the SPDX list there is of unclear license,
// the SBOMs are third-party): every SPDX id and exception must come through as itself and no
// license statement of the sample SBOMs may be dropped.
#include "kensa/knowledge/spdx_license.h"

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace kensa::embedded {
std::string_view SpdxLicensesTsv();
std::string_view SpdxExceptionsTsv();
std::string_view LicenseCategoriesTsv();
std::string_view LicenseAliasesTsv();
}  // namespace kensa::embedded

namespace kensa::knowledge {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Kind = LicenseStatement::Kind;

std::string Expr(std::string_view text) {
    return NormalizeLicense(text).expression;
}

NormalizedLicense One(Kind kind, std::string text) {
    return NormalizeLicenses({LicenseStatement{kind, std::move(text)}});
}

LicenseCategory Cat(std::string_view text) {
    return NormalizeLicense(text).category;
}

// Rows of an embedded TSV, comments and blank lines skipped.
std::vector<std::vector<std::string>> Rows(std::string_view text) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::vector<std::string> fields;
        std::istringstream fields_in(line);
        std::string field;
        while (std::getline(fields_in, field, '\t')) {
            fields.push_back(field);
        }
        rows.push_back(fields);
    }
    return rows;
}

// ---- Expressions --------------------------------------------------------------------------------

TEST(SpdxLicense, CanonicalCaseAndSpacing) {
    EXPECT_EQ(Expr("mit"), "MIT");
    EXPECT_EQ(Expr("apache-2.0"), "Apache-2.0");
    EXPECT_EQ(Expr("  bsd-3-clause\t"), "BSD-3-Clause");
    EXPECT_EQ(Expr("mit  or\tapache-2.0"), "MIT OR Apache-2.0");
    EXPECT_EQ(Expr("MIT and ISC"), "MIT AND ISC");
    EXPECT_EQ(Expr("licenseref-Acme-1"), "LicenseRef-Acme-1");
    EXPECT_EQ(Expr("documentref-spdx-tool:licenseref-x"), "DocumentRef-spdx-tool:LicenseRef-x");
    EXPECT_FALSE(NormalizeLicense("MIT OR ISC").had_unknown);
}

TEST(SpdxLicense, PrecedenceAndParentheses) {
    EXPECT_EQ(Expr("(MIT OR Apache-2.0) AND BSD-3-Clause"), "(MIT OR Apache-2.0) AND BSD-3-Clause");
    // AND binds tighter than OR: these need no parentheses, and keep their meaning.
    EXPECT_EQ(Expr("MIT OR Apache-2.0 AND BSD-3-Clause"), "MIT OR Apache-2.0 AND BSD-3-Clause");
    EXPECT_EQ(Expr("(MIT AND ISC) OR Zlib"), "MIT AND ISC OR Zlib");
    EXPECT_EQ(Expr("MIT OR (ISC AND (Zlib OR 0BSD))"), "MIT OR ISC AND (Zlib OR 0BSD)");
    EXPECT_EQ(Expr("((MIT))"), "MIT");
    EXPECT_EQ(Expr("MIT AND (ISC AND Zlib)"), "MIT AND ISC AND Zlib");
    EXPECT_EQ(Expr("(MIT OR ISC) OR (Zlib OR 0BSD)"), "MIT OR ISC OR Zlib OR 0BSD");
    EXPECT_EQ(Expr("(MIT OR ISC)AND(Zlib OR 0BSD)"), "(MIT OR ISC) AND (Zlib OR 0BSD)");
    // Operand order is kept.
    EXPECT_EQ(Expr("Zlib OR MIT"), "Zlib OR MIT");
    EXPECT_EQ(Expr("GPL-2.0-only WITH Classpath-exception-2.0 OR MIT"),
              "GPL-2.0-only WITH Classpath-exception-2.0 OR MIT");
}

TEST(SpdxLicense, WithException) {
    NormalizedLicense classpath = NormalizeLicense("GPL-2.0-only WITH Classpath-exception-2.0");
    EXPECT_EQ(classpath.expression, "GPL-2.0-only WITH Classpath-exception-2.0");
    EXPECT_EQ(classpath.category, LicenseCategory::kWeakCopyleft);
    EXPECT_FALSE(classpath.had_unknown);
    EXPECT_EQ(classpath.license_ids, std::vector<std::string>{"GPL-2.0-only"});
    EXPECT_EQ(Expr("gpl-2.0-only with classpath-exception-2.0"),
              "GPL-2.0-only WITH Classpath-exception-2.0");
    // Other exceptions keep the base license's category.
    EXPECT_EQ(Cat("GPL-3.0-or-later WITH Autoconf-exception-3.0"),
              LicenseCategory::kStrongCopyleft);
    EXPECT_EQ(Cat("Apache-2.0 WITH LLVM-exception"), LicenseCategory::kPermissive);
    // An exception id newer than the shipped list is kept as written, and flagged.
    NormalizedLicense newer = NormalizeLicense("GPL-2.0-or-later WITH Future-exception-9.0");
    EXPECT_EQ(newer.expression, "GPL-2.0-or-later WITH Future-exception-9.0");
    EXPECT_TRUE(newer.had_unknown);
    EXPECT_EQ(newer.category, LicenseCategory::kStrongCopyleft);
    // WITH takes one license, not a compound.
    EXPECT_EQ(Expr("(MIT OR ISC) WITH Classpath-exception-2.0").rfind("LicenseRef-", 0), 0u);
    EXPECT_EQ(Expr("MIT WITH").rfind("LicenseRef-", 0), 0u);
}

TEST(SpdxLicense, DeprecatedIdsBecomeTheirSuccessors) {
    EXPECT_EQ(Expr("gpl-2.0+"), "GPL-2.0-or-later");
    EXPECT_EQ(Expr("GPL-2.0"), "GPL-2.0-only");
    EXPECT_EQ(Expr("GPL-3.0+"), "GPL-3.0-or-later");
    EXPECT_EQ(Expr("LGPL-2.1+"), "LGPL-2.1-or-later");
    EXPECT_EQ(Expr("LGPL-2.0"), "LGPL-2.0-only");
    EXPECT_EQ(Expr("AGPL-3.0"), "AGPL-3.0-only");
    EXPECT_EQ(Expr("AGPL-3.0+"), "AGPL-3.0-or-later");
    EXPECT_EQ(Expr("GFDL-1.3"), "GFDL-1.3-only");
    EXPECT_EQ(Expr("GPL-2.0-only+"), "GPL-2.0-or-later");
    EXPECT_EQ(Expr("GPL-2.0-with-classpath-exception"),
              "GPL-2.0-only WITH Classpath-exception-2.0");
    EXPECT_EQ(Expr("GPL-3.0-with-GCC-exception"), "GPL-3.0-only WITH GCC-exception-3.1");
    EXPECT_EQ(Expr("wxWindows"), "LGPL-2.0-or-later WITH WxWindows-exception-3.1");
    EXPECT_EQ(Expr("StandardML-NJ"), "SMLNJ");
    EXPECT_EQ(Expr("MIT AND GPL-2.0 OR LGPL-2.1+"), "MIT AND GPL-2.0-only OR LGPL-2.1-or-later");
    // Current ids, and "+" on an id without an "-or-later" form, stay.
    EXPECT_EQ(Expr("GPL-2.0-or-later"), "GPL-2.0-or-later");
    EXPECT_EQ(Expr("Apache-2.0+"), "Apache-2.0+");
    EXPECT_EQ(NormalizeLicense("Apache-2.0+").license_ids, std::vector<std::string>{"Apache-2.0"});
    EXPECT_EQ(CategoryOf("GPL-2.0-with-classpath-exception"), LicenseCategory::kWeakCopyleft);
}

// ---- Names and URLs -----------------------------------------------------------------------------

TEST(SpdxLicense, NamesMapToIds) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Apache License 2.0", "Apache-2.0"},
        {"Apache 2.0", "Apache-2.0"},
        {"Apache-2", "Apache-2.0"},
        {"The Apache Software License, Version 2.0", "Apache-2.0"},
        {"Apache License, Version 2.0", "Apache-2.0"},
        {"apache license version 2.0", "Apache-2.0"},
        {"MIT License", "MIT"},
        {"The MIT License", "MIT"},
        {"BSD", "LicenseRef-BSD"},
        {"BSD License", "LicenseRef-BSD"},
        {"new BSD", "BSD-3-Clause"},
        {"BSD-3", "BSD-3-Clause"},
        {"GPLv2", "GPL-2.0-only"},
        {"GPLv3", "GPL-3.0-only"},
        {"GPLv2+", "GPL-2.0-or-later"},
        {"LGPLv2.1", "LGPL-2.1-only"},
        {"GNU General Public License v2.0", "GPL-2.0-only"},
        {"GNU General Public License v2.0 only", "GPL-2.0-only"},
        {"GNU General Public License v3.0 or later", "GPL-3.0-or-later"},
        {"GNU Lesser General Public License", "LGPL-2.0-or-later"},
        {"Eclipse Public License 1.0", "EPL-1.0"},
        {"Eclipse Public License 2.0", "EPL-2.0"},
        {"Eclipse Public License - v 2.0", "EPL-2.0"},
        {"Mozilla Public License 2.0", "MPL-2.0"},
        {"ISC License", "ISC"},
        {"Python Software Foundation License", "PSF-2.0"},
        {"PSF", "PSF-2.0"},
        {"Public Domain", "LicenseRef-Public-Domain"},
        {"CC0", "CC0-1.0"},
        {"Unlicense", "Unlicense"},
        {"zlib", "Zlib"},
        {"Ruby", "Ruby"},
        {"Artistic", "Artistic-1.0"},
        {"CDDL 1.0", "CDDL-1.0"},
        {"CDDL 1.1", "CDDL-1.1"},
        {"EPL-1.0", "EPL-1.0"},
        {"Expat", "MIT"},
        {"BSD Zero Clause License", "0BSD"},
        {"CDDL + GPLv2 with classpath exception",
         "CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0"},
    };
    for (const auto& [name, expected] : cases) {
        NormalizedLicense as_name = One(Kind::kName, name);
        EXPECT_EQ(as_name.expression, expected) << name;
        EXPECT_FALSE(as_name.had_unknown) << name;
        EXPECT_EQ(Expr(name), expected) << name;
        EXPECT_EQ(One(Kind::kExpression, name).expression, expected) << name;
    }
}

TEST(SpdxLicense, UrlsMapToIds) {
    EXPECT_EQ(Expr("https://opensource.org/licenses/MIT"), "MIT");
    EXPECT_EQ(Expr("https://opensource.org/license/apache-2-0/"), "Apache-2.0");
    EXPECT_EQ(Expr("https://opensource.org/license/isc-license-txt"),
              "LicenseRef-https-opensource.org-license-isc-license-txt");
    EXPECT_EQ(Expr("http://www.apache.org/licenses/LICENSE-2.0"), "Apache-2.0");
    EXPECT_EQ(Expr("http://www.apache.org/licenses/LICENSE-2.0.txt"), "Apache-2.0");
    EXPECT_EQ(Expr("https://www.apache.org/licenses/LICENSE-2.0.html"), "Apache-2.0");
    EXPECT_EQ(Expr("https://spdx.org/licenses/BSD-3-Clause.html"), "BSD-3-Clause");
    EXPECT_EQ(Expr("https://spdx.org/licenses/gpl-2.0+.html"), "GPL-2.0-or-later");
    EXPECT_EQ(Expr("https://www.gnu.org/licenses/old-licenses/gpl-2.0.html"), "GPL-2.0-only");
    EXPECT_EQ(Expr("https://www.eclipse.org/legal/epl-2.0/"), "EPL-2.0");
    EXPECT_EQ(One(Kind::kName, "https://opensource.org/licenses/mit-license.php").expression,
              "MIT");
}

TEST(SpdxLicense, NamesJoinedByAndOr) {
    EXPECT_EQ(One(Kind::kName, "BSD or Apache License, Version 2.0").expression,
              "LicenseRef-BSD OR Apache-2.0");
    EXPECT_EQ(One(Kind::kName, "MIT License and Apache License 2.0 or GPLv2").expression,
              "MIT AND Apache-2.0 OR GPL-2.0-only");
    // "and" inside a known name does not split it.
    EXPECT_EQ(One(Kind::kName, "Common Development and Distribution License").expression,
              "CDDL-1.0");
    // All parts must be known, or the whole statement stays one LicenseRef.
    EXPECT_EQ(One(Kind::kName, "MIT License or Acme Terms").expression,
              "LicenseRef-MIT-License-or-Acme-Terms");
}

// ---- Unknown, broken and hostile input ----------------------------------------------------------

TEST(SpdxLicense, UnknownTextIsKeptAsLicenseRef) {
    NormalizedLicense acme = NormalizeLicense("Acme Corp. EULA (v3)");
    EXPECT_EQ(acme.expression, "LicenseRef-Acme-Corp.-EULA-v3");
    EXPECT_TRUE(acme.had_unknown);
    EXPECT_EQ(acme.category, LicenseCategory::kUnknown);
    EXPECT_EQ(acme.license_ids, std::vector<std::string>{"LicenseRef-Acme-Corp.-EULA-v3"});
    // A LicenseRef text is cut at 64 characters.
    NormalizedLicense long_name = NormalizeLicense(std::string(200, 'x') + " license");
    EXPECT_EQ(long_name.expression, "LicenseRef-" + std::string(64, 'x'));
    // Text with nothing to keep still gets a (stable, distinct) LicenseRef.
    std::string cyrillic = Expr("\xd0\x9b\xd0\xb8\xd1\x86\xd0\xb5\xd0\xbd\xd0\xb7\xd0\xb8\xd1\x8f");
    EXPECT_EQ(cyrillic.rfind("LicenseRef-unknown-", 0), 0u);
    EXPECT_EQ(cyrillic, Expr("\xd0\x9b\xd0\xb8\xd1\x86\xd0\xb5\xd0\xbd\xd0\xb7\xd0\xb8\xd1\x8f"));
    EXPECT_NE(cyrillic, Expr("\xe8\xae\xb8\xe5\x8f\xaf"));
    // An expression keeps its structure, with the unknown id as a LicenseRef ...
    NormalizedLicense expression = One(Kind::kExpression, "MIT OR FooBar-1.0");
    EXPECT_EQ(expression.expression, "MIT OR LicenseRef-FooBar-1.0");
    EXPECT_TRUE(expression.had_unknown);
    EXPECT_EQ(expression.category, LicenseCategory::kPermissive);
    EXPECT_EQ(One(Kind::kExpression, "FooBar-1.0+").expression, "LicenseRef-FooBar-1.0-or-later");
    // ... while an id or a name whose parts are not all known is one LicenseRef.
    EXPECT_EQ(One(Kind::kId, "MIT OR FooBar-1.0").expression, "LicenseRef-MIT-OR-FooBar-1.0");
    EXPECT_EQ(One(Kind::kName, "GPL v2 or later with FOSS exception").expression,
              "LicenseRef-GPL-v2-or-later-with-FOSS-exception");
    // An explicit LicenseRef is known, not unknown.
    EXPECT_FALSE(NormalizeLicense("LicenseRef-Acme").had_unknown);
}

TEST(SpdxLicense, NoStatementMeansNoExpression) {
    for (const char* nothing : {"", "   ", "NOASSERTION", "noassertion", "NONE", "none"}) {
        NormalizedLicense result = NormalizeLicense(nothing);
        EXPECT_EQ(result.expression, "") << nothing;
        EXPECT_TRUE(result.license_ids.empty()) << nothing;
        EXPECT_EQ(result.category, LicenseCategory::kUnknown) << nothing;
        EXPECT_FALSE(result.had_unknown) << nothing;
    }
    EXPECT_EQ(NormalizeLicenses({}).expression, "");
    EXPECT_EQ(NormalizeLicenses({{Kind::kId, "NOASSERTION"}, {Kind::kId, "MIT"}}).expression,
              "MIT");
}

TEST(SpdxLicense, BrokenExpressionsAreTreatedAsNames) {
    EXPECT_EQ(Expr("MIT AND"), "LicenseRef-MIT-AND");
    EXPECT_EQ(Expr("AND"), "LicenseRef-AND");
    EXPECT_EQ(Expr("MIT OR OR ISC"), "LicenseRef-MIT-OR-OR-ISC");
    EXPECT_EQ(Expr("MIT ISC"), "LicenseRef-MIT-ISC");
    EXPECT_EQ(Expr("(MIT OR ISC"), "LicenseRef-MIT-OR-ISC");
    EXPECT_EQ(Expr("MIT)"), "LicenseRef-MIT");
    EXPECT_EQ(Expr("((MIT) OR ISC"), "LicenseRef-MIT-OR-ISC");
    EXPECT_EQ(Expr("GPL-2.0+-with-foo"), "LicenseRef-GPL-2.0-with-foo");
    EXPECT_EQ(Expr("()").rfind("LicenseRef-unknown-", 0), 0u);
    EXPECT_TRUE(NormalizeLicense("MIT AND").had_unknown);
    // A broken expression that is a known name is that name.
    EXPECT_EQ(One(Kind::kExpression, "Apache 2.0").expression, "Apache-2.0");
}

TEST(SpdxLicense, HostileInputIsBounded) {
    // Longer than kMaxLicenseStatementLength: a LicenseRef of the beginning.
    std::string huge(100000, 'a');
    NormalizedLicense big = NormalizeLicense(huge);
    EXPECT_EQ(big.expression, "LicenseRef-" + std::string(64, 'a'));
    EXPECT_TRUE(big.had_unknown);
    std::string long_expression;
    while (long_expression.size() <= kMaxLicenseStatementLength) {
        long_expression += "MIT AND ";
    }
    long_expression += "MIT";
    EXPECT_EQ(Expr(long_expression).rfind("LicenseRef-MIT-AND-MIT", 0), 0u);
    // Within the limit, a long expression is parsed (and deduplicated nowhere: order kept).
    std::string many = "MIT";
    for (int i = 0; i < 400; ++i) {
        many += " OR ISC";
    }
    EXPECT_EQ(NormalizeLicense(many).license_ids, (std::vector<std::string>{"ISC", "MIT"}));

    // Nesting: 64 levels parse, 65 do not, 10,000 do not crash.
    auto nested = [](int depth) {
        return std::string(depth, '(') + "MIT" + std::string(depth, ')');
    };
    EXPECT_EQ(Expr(nested(64)), "MIT");
    EXPECT_EQ(Expr(nested(65)).rfind("LicenseRef-", 0), 0u) << Expr(nested(65));
    EXPECT_EQ(Expr(nested(10000)).rfind("LicenseRef-", 0), 0u);
    EXPECT_EQ(Expr(std::string(10000, '(')).rfind("LicenseRef-", 0), 0u);

    // NUL bytes and invalid UTF-8.
    EXPECT_EQ(Expr(std::string("MIT\0ISC", 7)), "LicenseRef-MIT-ISC");
    EXPECT_EQ(Expr(std::string("\xff\xfe\x80", 3)).rfind("LicenseRef-unknown-", 0), 0u);
    EXPECT_EQ(Expr("Apache\xc3\x28 2.0").rfind("LicenseRef-", 0), 0u);

    // Many operator words: splitting stays bounded.
    std::string words;
    for (int i = 0; i < 2000; ++i) {
        words += "foo or bar and ";
    }
    EXPECT_EQ(Expr(words.substr(0, 4000)).rfind("LicenseRef-foo-or-bar", 0), 0u);
    std::string eight = "a or b or c or d or e or f or g or h or i";
    EXPECT_EQ(Expr(eight), "LicenseRef-a-or-b-or-c-or-d-or-e-or-f-or-g-or-h-or-i");
}

TEST(SpdxLicense, RandomInputNeverLosesAStatement) {
    const std::vector<std::string> pieces = {"MIT",
                                             "(",
                                             ")",
                                             " AND ",
                                             " OR ",
                                             " WITH ",
                                             "Apache-2.0",
                                             "+",
                                             "LicenseRef-",
                                             ":",
                                             "DocumentRef-",
                                             "GPL-2.0",
                                             "Classpath-exception-2.0",
                                             " ",
                                             "\t",
                                             "License",
                                             "v2",
                                             std::string(1, '\0'),
                                             "\xff",
                                             "\xc3",
                                             "or",
                                             "and",
                                             "-",
                                             ".",
                                             "BSD",
                                             "https://"};
    std::mt19937 rng(20240611);
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        int n = static_cast<int>(rng() % 12) + 1;
        for (int i = 0; i < n; ++i) {
            text += pieces[rng() % pieces.size()];
        }
        for (Kind kind : {Kind::kExpression, Kind::kId, Kind::kName}) {
            NormalizedLicense result = One(kind, text);
            bool blank = text.find_first_not_of(" \t") == std::string::npos;
            ASSERT_EQ(result.expression.empty(), blank) << "input: " << text;
            ASSERT_EQ(result.license_ids.empty(), blank) << "input: " << text;
            // The canonical form is a fixed point.
            if (!blank) {
                ASSERT_EQ(Expr(result.expression), result.expression) << "input: " << text;
            }
        }
    }
}

// ---- Several statements, categories, ids --------------------------------------------------------

TEST(SpdxLicense, SeveralStatementsAreAnded) {
    EXPECT_EQ(NormalizeLicenses({{Kind::kId, "MIT"}, {Kind::kName, "Apache 2.0"}}).expression,
              "MIT AND Apache-2.0");
    EXPECT_EQ(
        NormalizeLicenses({{Kind::kExpression, "MIT OR ISC"}, {Kind::kId, "Zlib"}}).expression,
        "(MIT OR ISC) AND Zlib");
    EXPECT_EQ(
        NormalizeLicenses({{Kind::kId, "MIT"}, {Kind::kId, "mit"}, {Kind::kName, "MIT License"}})
            .expression,
        "MIT");
    NormalizedLicense mixed =
        NormalizeLicenses({{Kind::kId, "GPL-2.0"}, {Kind::kName, "Acme EULA"}, {Kind::kId, ""}});
    EXPECT_EQ(mixed.expression, "GPL-2.0-only AND LicenseRef-Acme-EULA");
    EXPECT_TRUE(mixed.had_unknown);
    EXPECT_EQ(mixed.category, LicenseCategory::kUnknown);
}

TEST(SpdxLicense, CategoryOfOrAndAnd) {
    EXPECT_EQ(Cat("MIT OR GPL-2.0-only"), LicenseCategory::kPermissive);
    EXPECT_EQ(Cat("MIT AND GPL-2.0-only"), LicenseCategory::kStrongCopyleft);
    EXPECT_EQ(Cat("AGPL-3.0-only AND LGPL-2.1-only"), LicenseCategory::kNetworkCopyleft);
    EXPECT_EQ(Cat("CC0-1.0 OR MIT"), LicenseCategory::kPublicDomain);
    EXPECT_EQ(Cat("BUSL-1.1 AND MIT"), LicenseCategory::kProprietary);
    EXPECT_EQ(Cat("(MIT OR GPL-3.0-only) AND LGPL-2.1-only"), LicenseCategory::kWeakCopyleft);
    EXPECT_EQ(Cat("MIT AND GPL-3.0-only OR LGPL-2.1-only"), LicenseCategory::kWeakCopyleft);
    // Unknown: most restrictive for AND, the last choice for OR.
    EXPECT_EQ(Cat("LicenseRef-foo AND MIT"), LicenseCategory::kUnknown);
    EXPECT_EQ(Cat("BUSL-1.1 AND LicenseRef-foo"), LicenseCategory::kUnknown);
    EXPECT_EQ(Cat("LicenseRef-foo OR GPL-3.0-only"), LicenseCategory::kStrongCopyleft);
    EXPECT_EQ(Cat("LicenseRef-foo OR LicenseRef-bar"), LicenseCategory::kUnknown);
}

TEST(SpdxLicense, CategoryOfIds) {
    const std::vector<std::pair<std::string, LicenseCategory>> cases = {
        {"MIT", LicenseCategory::kPermissive},
        {"Apache-2.0", LicenseCategory::kPermissive},
        {"BSD-3-Clause", LicenseCategory::kPermissive},
        {"0BSD", LicenseCategory::kPermissive},
        {"Zlib", LicenseCategory::kPermissive},
        {"PSF-2.0", LicenseCategory::kPermissive},
        {"CC-BY-4.0", LicenseCategory::kPermissive},
        {"CC0-1.0", LicenseCategory::kPublicDomain},
        {"Unlicense", LicenseCategory::kPublicDomain},
        {"LGPL-2.1-only", LicenseCategory::kWeakCopyleft},
        {"MPL-2.0", LicenseCategory::kWeakCopyleft},
        {"EPL-2.0", LicenseCategory::kWeakCopyleft},
        {"CDDL-1.1", LicenseCategory::kWeakCopyleft},
        {"GPL-3.0-or-later", LicenseCategory::kStrongCopyleft},
        {"GPL-2.0+", LicenseCategory::kStrongCopyleft},
        {"gpl-2.0-only", LicenseCategory::kStrongCopyleft},
        {"CC-BY-SA-4.0", LicenseCategory::kStrongCopyleft},
        {"AGPL-3.0-only", LicenseCategory::kNetworkCopyleft},
        {"SSPL-1.0", LicenseCategory::kNetworkCopyleft},
        {"EUPL-1.2", LicenseCategory::kNetworkCopyleft},
        {"OSL-3.0", LicenseCategory::kNetworkCopyleft},
        {"CC-BY-NC-4.0", LicenseCategory::kProprietary},
        {"CC-BY-NC-SA-4.0", LicenseCategory::kProprietary},
        {"BUSL-1.1", LicenseCategory::kProprietary},
        {"Elastic-2.0", LicenseCategory::kProprietary},
        {"LicenseRef-foo", LicenseCategory::kUnknown},
        {"LicenseRef-Acme-Proprietary", LicenseCategory::kProprietary},
        {"LicenseRef-commercial-license", LicenseCategory::kProprietary},
        {"LicenseRef-BSD", LicenseCategory::kPermissive},
        {"DocumentRef-a:LicenseRef-b", LicenseCategory::kUnknown},
        {"AAL", LicenseCategory::kPermissive},    // OSI-approved, no rule
        {"Abstyles", LicenseCategory::kUnknown},  // not OSI-approved, no rule
        {"NGPL", LicenseCategory::kStrongCopyleft},
        {"Apache License 2.0", LicenseCategory::kPermissive},  // a name works too
        {"Proprietary", LicenseCategory::kProprietary},
        {"", LicenseCategory::kUnknown},
    };
    for (const auto& [id, expected] : cases) {
        EXPECT_EQ(CategoryOf(id), expected) << id << ": " << ToString(CategoryOf(id));
    }
}

TEST(SpdxLicense, LicenseIdsAreSortedAndUnique) {
    NormalizedLicense result = NormalizeLicense(
        "(MIT OR Apache-2.0) AND MIT AND GPL-2.0+ WITH Classpath-exception-2.0 AND "
        "LicenseRef-x");
    EXPECT_EQ(result.expression,
              "(MIT OR Apache-2.0) AND MIT AND GPL-2.0-or-later WITH Classpath-exception-2.0 AND "
              "LicenseRef-x");
    EXPECT_EQ(result.license_ids,
              (std::vector<std::string>{"Apache-2.0", "GPL-2.0-or-later", "LicenseRef-x", "MIT"}));
}

TEST(SpdxLicense, CategoryNamesRoundTrip) {
    for (LicenseCategory category : {LicenseCategory::kPermissive,
                                     LicenseCategory::kWeakCopyleft,
                                     LicenseCategory::kStrongCopyleft,
                                     LicenseCategory::kNetworkCopyleft,
                                     LicenseCategory::kProprietary,
                                     LicenseCategory::kPublicDomain,
                                     LicenseCategory::kUnknown}) {
        LicenseCategory parsed = LicenseCategory::kUnknown;
        ASSERT_TRUE(Parse(ToString(category), &parsed)) << ToString(category);
        EXPECT_EQ(parsed, category);
    }
    EXPECT_EQ(ToString(LicenseCategory::kNetworkCopyleft), "network_copyleft");
    LicenseCategory untouched = LicenseCategory::kPermissive;
    EXPECT_FALSE(Parse("Permissive", &untouched));
    EXPECT_FALSE(Parse("", &untouched));
    EXPECT_EQ(untouched, LicenseCategory::kPermissive);
}

TEST(SpdxLicense, IdLookups) {
    EXPECT_TRUE(IsKnownLicenseId("MIT"));
    EXPECT_TRUE(IsKnownLicenseId("mit"));
    EXPECT_TRUE(IsKnownLicenseId("GPL-2.0"));   // deprecated, still on the list
    EXPECT_TRUE(IsKnownLicenseId("GPL-2.0+"));  // likewise
    EXPECT_FALSE(IsKnownLicenseId("Apache-2.0+"));
    EXPECT_FALSE(IsKnownLicenseId("LicenseRef-MIT"));
    EXPECT_FALSE(IsKnownLicenseId("Classpath-exception-2.0"));
    EXPECT_TRUE(IsKnownExceptionId("classpath-exception-2.0"));
    EXPECT_TRUE(IsKnownExceptionId("LLVM-exception"));
    EXPECT_FALSE(IsKnownExceptionId("MIT"));
    EXPECT_EQ(LicenseName("MIT"), "MIT License");
    EXPECT_EQ(LicenseName("apache-2.0"), "Apache License 2.0");
    EXPECT_EQ(LicenseName("no-such-license"), "");
}

TEST(SpdxLicense, ConcurrentUseGivesTheSameResults) {
    const std::vector<std::string> inputs = {
        "mit", "Apache License 2.0", "GPL-2.0+", "(MIT OR ISC) AND Zlib", "Acme EULA"};
    std::vector<std::string> expected;
    for (const std::string& input : inputs) {
        expected.push_back(Expr(input));
    }
    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 2000; ++round) {
                size_t i = static_cast<size_t>(round + t) % inputs.size();
                if (Expr(inputs[i]) != expected[i]) {
                    ++mismatches[static_cast<size_t>(t)];
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(SpdxLicense, NormalisationIsFast) {
    const std::vector<std::string> inputs = {"MIT",
                                             "Apache-2.0",
                                             "GPL-2.0-or-later",
                                             "The Apache Software License, Version 2.0",
                                             "(MIT OR Apache-2.0) AND BSD-3-Clause",
                                             "Some Vendor License"};
    NormalizeLicense("MIT");  // builds the tables
    constexpr int kRounds = 60000;
    auto start = std::chrono::steady_clock::now();
    size_t total = 0;
    for (int i = 0; i < kRounds; ++i) {
        total += NormalizeLicense(inputs[static_cast<size_t>(i) % inputs.size()]).expression.size();
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "[ spdx     ] " << kRounds << " normalisations in " << seconds << " s ("
              << seconds * 1e6 / kRounds << " us each)\n";
    EXPECT_GT(total, 0u);
    // Microseconds each in a release build; the bound leaves room for debug and sanitizers.
    EXPECT_LT(seconds * 1e6 / kRounds, 500.0);
}

// ---- The shipped data files ---------------------------------------------------------------------

TEST(SpdxLicense, ShippedTablesAreComplete) {
    auto licenses = Rows(embedded::SpdxLicensesTsv());
    auto exceptions = Rows(embedded::SpdxExceptionsTsv());
    EXPECT_GT(licenses.size(), 700u);
    EXPECT_GT(exceptions.size(), 60u);
    for (const auto& row : licenses) {
        ASSERT_EQ(row.size(), 4u) << row[0];
        EXPECT_TRUE(IsKnownLicenseId(row[0])) << row[0];
        if (row[3] == "0") {
            EXPECT_EQ(Expr(row[0]), row[0]);
        } else {
            // Deprecated: replaced where the successor is plain, never an unknown.
            NormalizedLicense replaced = NormalizeLicense(row[0]);
            EXPECT_FALSE(replaced.had_unknown) << row[0];
            EXPECT_FALSE(replaced.expression.empty()) << row[0];
        }
    }
    for (const auto& row : exceptions) {
        EXPECT_TRUE(IsKnownExceptionId(row[0])) << row[0];
        EXPECT_EQ(Expr("GPL-2.0-only WITH " + row[0]), "GPL-2.0-only WITH " + row[0]);
    }
}

TEST(SpdxLicense, EveryAliasResolvesToItsTarget) {
    auto aliases = Rows(embedded::LicenseAliasesTsv());
    EXPECT_GT(aliases.size(), 200u);
    for (const auto& row : aliases) {
        ASSERT_EQ(row.size(), 2u) << row[0];
        // Targets are written canonically, with current ids only.
        NormalizedLicense target = NormalizeLicense(row[1]);
        EXPECT_EQ(target.expression, row[1]) << row[0];
        EXPECT_FALSE(target.had_unknown) << row[0];
        NormalizedLicense alias = One(Kind::kName, row[0]);
        EXPECT_EQ(alias.expression, row[1]) << row[0];
        EXPECT_FALSE(alias.had_unknown) << row[0];
    }
}

TEST(SpdxLicense, EveryCategoryRuleIsValid) {
    auto rules = Rows(embedded::LicenseCategoriesTsv());
    EXPECT_GT(rules.size(), 100u);
    for (const auto& row : rules) {
        ASSERT_EQ(row.size(), 2u) << row[0];
        LicenseCategory category;
        EXPECT_TRUE(Parse(row[1], &category)) << row[0] << ": " << row[1];
        const std::string& pattern = row[0];
        if (pattern.rfind("WITH ", 0) == 0) {
            EXPECT_TRUE(IsKnownExceptionId(pattern.substr(5))) << pattern;
        } else if (pattern.find('*') == std::string::npos && pattern.rfind("LicenseRef-", 0) != 0) {
            // An exact rule names an id of the list (a typo would silently never match).
            EXPECT_TRUE(IsKnownLicenseId(pattern)) << pattern;
            EXPECT_EQ(CategoryOf(pattern), category) << pattern;
        }
    }
}

// ---- Real data from ../shared -------------------------------------------------------------------

// <repo>/../shared: from KENSA_SHARED_DIR, else beside the source tree, else found by walking
// up from the current directory.
std::optional<fs::path> SharedDir() {
    std::error_code ec;
    auto usable = [&](const fs::path& dir) {
        return fs::exists(dir / "data" / "licenses" / "licenses.json", ec);
    };
    if (const char* env = std::getenv("KENSA_SHARED_DIR"); env != nullptr && *env != '\0') {
        if (usable(env)) {
            return fs::path(env);
        }
    }
#ifdef KENSA_SOURCE_DIR
    if (fs::path beside = fs::path(KENSA_SOURCE_DIR) / ".." / "shared"; usable(beside)) {
        return beside;
    }
#endif
    fs::path dir = fs::current_path(ec);
    for (int up = 0; up < 16 && !dir.empty(); ++up) {
        if (usable(dir / "shared")) {
            return dir / "shared";
        }
        if (dir == dir.parent_path()) {
            break;
        }
        dir = dir.parent_path();
    }
    return std::nullopt;
}

json ReadJson(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
}

constexpr double kMinShare = 0.97;

TEST(SpdxLicense, EverySpdxListIdNormalisesToItself) {
    std::optional<fs::path> shared = SharedDir();
    if (!shared) {
        GTEST_SKIP() << "shared/data/licenses not found (set KENSA_SHARED_DIR)";
    }
    json list = ReadJson(*shared / "data" / "licenses" / "licenses.json");
    ASSERT_TRUE(list.contains("licenses") && list["licenses"].is_array());
    size_t total = 0;
    std::vector<std::string> missing;
    for (const json& entry : list["licenses"]) {
        std::string id = entry.value("licenseId", "");
        if (id.empty() || entry.value("isDeprecatedLicenseId", false)) {
            continue;
        }
        ++total;
        NormalizedLicense as_is = NormalizeLicense(id);
        NormalizedLicense as_id = One(Kind::kId, id);
        std::string lower = id;
        for (char& c : lower) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (as_is.expression != id || as_is.had_unknown || as_id.expression != id ||
            Expr(lower) != id) {
            missing.push_back(id);
        }
    }
    ASSERT_GT(total, 500u);
    for (const std::string& id : missing) {
        std::cout << "[ spdx     ] not normalised to itself: " << id << "\n";
    }
    EXPECT_GE(static_cast<double>(total - missing.size()), kMinShare * static_cast<double>(total))
        << missing.size() << " of " << total << " ids missing";
}

TEST(SpdxLicense, EverySpdxExceptionIsAcceptedAfterWith) {
    std::optional<fs::path> shared = SharedDir();
    if (!shared) {
        GTEST_SKIP() << "shared/data/licenses not found (set KENSA_SHARED_DIR)";
    }
    json list = ReadJson(*shared / "data" / "licenses" / "exceptions.json");
    ASSERT_TRUE(list.contains("exceptions") && list["exceptions"].is_array());
    size_t total = 0;
    std::vector<std::string> rejected;
    std::vector<std::string> not_on_list;
    for (const json& entry : list["exceptions"]) {
        std::string id = entry.value("licenseExceptionId", "");
        if (id.empty()) {
            continue;
        }
        ++total;
        std::string expression = "GPL-2.0-or-later WITH " + id;
        if (Expr(expression) != expression ||
            One(Kind::kExpression, "(MIT OR " + expression + ")").expression !=
                "MIT OR " + expression) {
            rejected.push_back(id);
        }
        if (!IsKnownExceptionId(id)) {
            not_on_list.push_back(id);
        }
    }
    ASSERT_GT(total, 50u);
    for (const std::string& id : rejected) {
        std::cout << "[ spdx     ] exception not accepted: " << id << "\n";
    }
    EXPECT_GE(static_cast<double>(total - rejected.size()), kMinShare * static_cast<double>(total));
    // The shipped exception list (spdx-exceptions@2.5.0) is older than the SPDX list, so newer
    // exceptions are accepted as written (had_unknown) rather than recognised.
    for (const std::string& id : not_on_list) {
        std::cout << "[ spdx     ] exception newer than the shipped list: " << id << "\n";
    }
    EXPECT_GE(static_cast<double>(total - not_on_list.size()), 0.8 * static_cast<double>(total));
}

void CollectStatements(const json& components, std::vector<std::vector<LicenseStatement>>* out) {
    if (!components.is_array()) {
        return;
    }
    for (const json& component : components) {
        if (!component.is_object()) {
            continue;
        }
        std::vector<LicenseStatement> statements;
        if (component.contains("licenses") && component["licenses"].is_array()) {
            for (const json& choice : component["licenses"]) {
                if (!choice.is_object()) {
                    continue;
                }
                if (choice.contains("expression") && choice["expression"].is_string()) {
                    statements.push_back({Kind::kExpression, choice["expression"]});
                } else if (choice.contains("license") && choice["license"].is_object()) {
                    const json& license = choice["license"];
                    if (license.contains("id") && license["id"].is_string()) {
                        statements.push_back({Kind::kId, license["id"]});
                    } else if (license.contains("name") && license["name"].is_string()) {
                        statements.push_back({Kind::kName, license["name"]});
                    }
                }
            }
        }
        if (!statements.empty()) {
            out->push_back(std::move(statements));
        }
        if (component.contains("components")) {
            CollectStatements(component["components"], out);
        }
    }
}

bool IsNoStatement(std::string text) {
    size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return true;
    }
    text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    for (char& c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text == "NOASSERTION" || text == "NONE";
}

TEST(SpdxLicense, RealSbomStatementsAreNeverDropped) {
    std::optional<fs::path> shared = SharedDir();
    std::error_code ec;
    if (!shared || !fs::is_directory(*shared / "data" / "sboms" / "cyclonedx", ec)) {
        GTEST_SKIP() << "shared/data/sboms/cyclonedx not found (set KENSA_SHARED_DIR)";
    }
    size_t files = 0;
    size_t statements = 0;
    size_t unknown = 0;
    size_t known_ids = 0;
    size_t unclassified = 0;
    std::map<std::string, size_t> per_id;
    for (const auto& file : fs::directory_iterator(*shared / "data" / "sboms" / "cyclonedx", ec)) {
        if (file.path().extension() != ".json") {
            continue;
        }
        json doc = ReadJson(file.path());
        if (!doc.is_object()) {
            continue;
        }
        ++files;
        std::vector<std::vector<LicenseStatement>> components;
        CollectStatements(doc["components"], &components);
        for (const auto& component : components) {
            bool any = false;
            for (const LicenseStatement& statement : component) {
                NormalizedLicense one = NormalizeLicenses({statement});
                if (IsNoStatement(statement.text)) {
                    EXPECT_EQ(one.expression, "") << statement.text;
                    continue;
                }
                any = true;
                ++statements;
                unknown += one.had_unknown ? 1 : 0;
                EXPECT_FALSE(one.expression.empty()) << file.path() << ": " << statement.text;
                EXPECT_FALSE(one.license_ids.empty()) << file.path() << ": " << statement.text;
                if (statement.kind == Kind::kId && IsKnownLicenseId(statement.text)) {
                    EXPECT_FALSE(one.had_unknown) << statement.text;
                    ++known_ids;
                    unclassified += one.category == LicenseCategory::kUnknown ? 1 : 0;
                }
            }
            NormalizedLicense all = NormalizeLicenses(component);
            EXPECT_EQ(all.expression.empty(), !any);
            for (const std::string& id : all.license_ids) {
                ++per_id[id];
            }
        }
    }
    ASSERT_GT(files, 0u);
    ASSERT_GT(statements, 1000u);
    std::cout << "[ spdx     ] " << files << " SBOMs, " << statements << " license statements, "
              << unknown << " with unrecognised parts, " << per_id.size() << " distinct ids\n";
    // Most statements in real SBOMs are SPDX ids or well-known names.
    EXPECT_LT(static_cast<double>(unknown), 0.1 * static_cast<double>(statements));
    // And the SPDX ids they use are classified (a few, such as JSON, are left unknown).
    EXPECT_LT(static_cast<double>(unclassified), 0.01 * static_cast<double>(known_ids))
        << unclassified << " of " << known_ids;
}

}  // namespace
}  // namespace kensa::knowledge
