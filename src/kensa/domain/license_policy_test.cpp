// The license policy: decisions per row, OS packages exempt, OR as a choice, and the stored form.
#include "kensa/domain/license_policy.h"

#include <gtest/gtest.h>

#include <string>

namespace kensa::domain {
namespace {

LicensePolicy DenyStrongWarnUnknown() {
    LicensePolicy p;
    p.deny = {"strong_copyleft", "AGPL-3.0-only"};
    p.warn = {"unknown"};
    p.allow = {"GPL-2.0-only"};
    return p;
}

// Categories as knowledge/spdx_license gives them, for the licenses of these tests.
std::string CategoryOf(std::string_view term) {
    if (term == "GPL-2.0-only WITH Classpath-exception-2.0") {
        return "weak_copyleft";
    }
    if (term.rfind("GPL-", 0) == 0) {
        return "strong_copyleft";
    }
    if (term.rfind("AGPL-", 0) == 0) {
        return "network_copyleft";
    }
    if (term.rfind("LicenseRef-", 0) == 0) {
        return "unknown";
    }
    return "permissive";
}

LicenseDecision Decide(const LicensePolicy& p, std::string_view expression, bool os = false) {
    return DecideLicense(p, expression, CategoryOf, os);
}

TEST(LicensePolicy, DecidesATermByItsIdThenByItsCategory) {
    const LicensePolicy p = DenyStrongWarnUnknown();
    EXPECT_EQ(Decide(p, "MIT"), LicenseDecision::kAllow);
    EXPECT_EQ(Decide(p, "GPL-3.0-only"), LicenseDecision::kDeny);
    // The id's own entry beats its category: GPL-2.0-only is allowed by name.
    EXPECT_EQ(Decide(p, "GPL-2.0-only"), LicenseDecision::kAllow);
    EXPECT_EQ(Decide(p, "AGPL-3.0-only"), LicenseDecision::kDeny);
    EXPECT_EQ(Decide(p, "LicenseRef-Our-Terms"), LicenseDecision::kWarn);
    // The exception makes the term weak copyleft, which this policy does not name.
    LicensePolicy no_gpl2 = p;
    no_gpl2.allow.clear();
    EXPECT_EQ(Decide(no_gpl2, "GPL-2.0-only WITH Classpath-exception-2.0"),
              LicenseDecision::kAllow);
    EXPECT_EQ(Decide(no_gpl2, "GPL-2.0-only"), LicenseDecision::kDeny);
    // No license stated: unknown.
    EXPECT_EQ(Decide(p, ""), LicenseDecision::kWarn);
}

TEST(LicensePolicy, AndTakesTheStrictestOrTheMostLenientOverTheTree) {
    const LicensePolicy p = DenyStrongWarnUnknown();
    EXPECT_EQ(Decide(p, "MIT AND GPL-3.0-only"), LicenseDecision::kDeny);
    EXPECT_EQ(Decide(p, "MIT OR GPL-3.0-only"), LicenseDecision::kAllow);
    EXPECT_EQ(Decide(p, "AGPL-3.0-only OR GPL-3.0-only"), LicenseDecision::kDeny);
    // An OR elsewhere does not excuse a denied license that applies whatever the choice.
    EXPECT_EQ(Decide(p, "(MIT OR Apache-2.0) AND AGPL-3.0-only"), LicenseDecision::kDeny);
    EXPECT_EQ(Decide(p, "(MIT OR AGPL-3.0-only) AND Apache-2.0"), LicenseDecision::kAllow);
    EXPECT_EQ(Decide(p, "MIT AND (LicenseRef-x OR GPL-3.0-only)"), LicenseDecision::kWarn);
    // Unreadable text is one term, decided by its category.
    EXPECT_EQ(Decide(p, "MIT AND ("), LicenseDecision::kAllow);
    EXPECT_EQ(Decide(p, std::string(200, '(') + "MIT"), LicenseDecision::kAllow);
}

TEST(LicensePolicy, OsPackagesAreExemptUnlessThePolicySaysOtherwise) {
    const LicensePolicy p = DenyStrongWarnUnknown();
    EXPECT_EQ(Decide(p, "GPL-3.0-only", true), LicenseDecision::kAllow);
    LicensePolicy strict = p;
    strict.exempt_os_packages = false;
    EXPECT_EQ(Decide(strict, "GPL-3.0-only", true), LicenseDecision::kDeny);
    EXPECT_EQ(Decide(LicensePolicy{}, "GPL-3.0-only"), LicenseDecision::kAllow);
}

TEST(LicensePolicy, StoredFormRoundTripsAndBadPoliciesAreRefused) {
    LicensePolicy p = DenyStrongWarnUnknown();
    p.exempt_os_packages = false;
    LicensePolicy back = DecodeLicensePolicy(EncodeLicensePolicy(p));
    EXPECT_EQ(back.allow, p.allow);
    EXPECT_EQ(back.warn, p.warn);
    EXPECT_EQ(back.deny, p.deny);
    EXPECT_FALSE(back.exempt_os_packages);
    EXPECT_EQ(EncodeLicensePolicy(LicensePolicy{}), "");
    EXPECT_TRUE(DecodeLicensePolicy("").empty());
    EXPECT_TRUE(DecodeLicensePolicy("garbage;;==;").empty());
    EXPECT_TRUE(CheckLicensePolicy(p).ok());
    LicensePolicy twice = p;
    twice.allow.push_back("strong_copyleft");
    EXPECT_EQ(CheckLicensePolicy(twice).error().code(), ErrorCode::kInvalidInput);
    LicensePolicy bad;
    bad.deny = {"MIT,Apache-2.0"};
    EXPECT_FALSE(CheckLicensePolicy(bad).ok());
    bad.deny = {""};
    EXPECT_FALSE(CheckLicensePolicy(bad).ok());
}

}  // namespace
}  // namespace kensa::domain
