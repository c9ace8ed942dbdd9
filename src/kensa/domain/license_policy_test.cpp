// The license policy: decisions per row, OS packages exempt, OR as a choice, and the stored form.
#include "kensa/domain/license_policy.h"

#include <gtest/gtest.h>

namespace kensa::domain {
namespace {

LicensePolicy DenyStrongWarnUnknown() {
    LicensePolicy p;
    p.deny = {"strong_copyleft", "AGPL-3.0-only"};
    p.warn = {"unknown"};
    p.allow = {"GPL-2.0-only"};
    return p;
}

TEST(LicensePolicy, DecidesByIdThenByCategoryTheStrictestWithoutAChoice) {
    const LicensePolicy p = DenyStrongWarnUnknown();
    EXPECT_EQ(DecideLicense(p, {"MIT"}, "permissive", {"permissive"}, false, false),
              LicenseDecision::kAllow);
    EXPECT_EQ(
        DecideLicense(p, {"GPL-3.0-only"}, "strong_copyleft", {"strong_copyleft"}, false, false),
        LicenseDecision::kDeny);
    // The id's own entry beats its category: GPL-2.0-only is allowed by name.
    EXPECT_EQ(DecideLicense(p, {"GPL-2.0-only"}, "", {"strong_copyleft"}, false, false),
              LicenseDecision::kAllow);
    // MIT AND GPL-3.0-only: no choice, the strictest.
    EXPECT_EQ(DecideLicense(p,
                            {"GPL-3.0-only", "MIT"},
                            "strong_copyleft",
                            {"strong_copyleft", "permissive"},
                            false,
                            false),
              LicenseDecision::kDeny);
    EXPECT_EQ(DecideLicense(p, {"LicenseRef-x"}, "unknown", {"unknown"}, false, false),
              LicenseDecision::kWarn);
}

TEST(LicensePolicy, AnOrIsAChoiceAndOsPackagesAreExempt) {
    const LicensePolicy p = DenyStrongWarnUnknown();
    // MIT OR GPL-3.0-only: the user may take MIT.
    EXPECT_EQ(DecideLicense(p,
                            {"GPL-3.0-only", "MIT"},
                            "permissive",
                            {"strong_copyleft", "permissive"},
                            true,
                            false),
              LicenseDecision::kAllow);
    // A choice of two denied licenses is denied.
    EXPECT_EQ(DecideLicense(p,
                            {"AGPL-3.0-only", "GPL-3.0-only"},
                            "strong_copyleft",
                            {"network_copyleft", "strong_copyleft"},
                            true,
                            false),
              LicenseDecision::kDeny);
    EXPECT_EQ(
        DecideLicense(p, {"GPL-3.0-only"}, "strong_copyleft", {"strong_copyleft"}, false, true),
        LicenseDecision::kAllow);
    LicensePolicy strict = p;
    strict.exempt_os_packages = false;
    EXPECT_EQ(DecideLicense(
                  strict, {"GPL-3.0-only"}, "strong_copyleft", {"strong_copyleft"}, false, true),
              LicenseDecision::kDeny);
    EXPECT_EQ(DecideLicense(LicensePolicy{}, {"GPL-3.0-only"}, "strong_copyleft", {}, false, false),
              LicenseDecision::kAllow);
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
