// Version constraints for "where is X used": parsing, each ecosystem's order, short bounds.
#include "kensa/knowledge/version_constraint.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kensa::knowledge {
namespace {

bool In(std::string_view eco, std::string_view version, std::string_view range) {
    auto c = ParseVersionConstraints(range);
    EXPECT_TRUE(c.ok()) << range;
    auto r = SatisfiesAll(eco, version, *c);
    return r.ok() && *r;
}

TEST(VersionConstraint, EveryComparisonByTheEcosystemsOrder) {
    EXPECT_TRUE(In("maven", "2.14.1", ">=2.0,<2.17.0"));
    EXPECT_FALSE(In("maven", "2.17.1", ">=2.0,<2.17.0"));
    EXPECT_TRUE(In("maven", "2.3", ">=2.0,<2.17.0"));  // 2.3 < 2.17 numerically, not as text
    EXPECT_TRUE(In("pypi", "4.2.7", "==4.2.7"));
    EXPECT_TRUE(In("pypi", "4.2.7", "4.2.7"));  // no operator is =
    EXPECT_FALSE(In("pypi", "4.2.7", "!=4.2.7"));
    EXPECT_TRUE(In("deb", "1:2.0-1", ">1.9"));  // the epoch counts
    EXPECT_TRUE(In("npm", "4.18.2", ">4.17"));
}

TEST(VersionConstraint, ShortBoundsMeanTheirZeroes) {
    EXPECT_TRUE(In("npm", "4.18.2", ">=4,<5"));
    EXPECT_FALSE(In("npm", "5.0.0", "<5"));
    EXPECT_TRUE(In("cargo", "0.9.1", "<1"));
}

TEST(VersionConstraint, BadRangesAreRefusedNamingTheField) {
    const std::vector<std::string> bads = {"", ",", ">", ">=1 <2", "=>1", std::string(300, '1')};
    for (const std::string& bad : bads) {
        auto c = ParseVersionConstraints(bad);
        ASSERT_FALSE(c.ok()) << bad;
        EXPECT_EQ(c.error().code(), ErrorCode::kInvalidInput);
    }
    auto c = ParseVersionConstraints(">1");
    ASSERT_TRUE(c.ok());
    EXPECT_FALSE(SatisfiesAll("cobol", "1.0", *c).ok());  // an ecosystem kensa cannot compare
}

}  // namespace
}  // namespace kensa::knowledge
