#include "kensa/domain/bom_ref_links.h"

#include <gtest/gtest.h>

namespace kensa::domain {
namespace {

using Links = std::vector<std::pair<size_t, std::string>>;

TEST(BomRefLinks, LinksReferencesBeforeAndAfterTheirComponents) {
    BomRefLinks links(10);
    Links got;
    auto link = [&](size_t row, const std::string& v) { got.emplace_back(row, v); };
    links.AddComponent("a", 0);
    ASSERT_TRUE(links.AddAffects("CVE-1", {"a", "b", "missing", ""}, link));
    EXPECT_EQ(got, (Links{{0, "CVE-1"}}));  // "a" is known now; "b" comes later
    links.AddComponent("b", 1);
    links.AddComponent("a", 2);         // a second component with the same ref takes nothing
    EXPECT_EQ(links.Finish(link), 1u);  // "missing" names no component; "" is not a reference
    EXPECT_EQ(got, (Links{{0, "CVE-1"}, {1, "CVE-1"}}));
}

TEST(BomRefLinks, RefusesMoreWaitingReferencesThanItsBound) {
    BomRefLinks links(2);
    auto ignore = [](size_t, const std::string&) {};
    EXPECT_TRUE(links.AddAffects("CVE-1", {"x", "y"}, ignore));
    EXPECT_FALSE(links.AddAffects("CVE-2", {"z"}, ignore));
}

TEST(BomRefLinks, ComponentsWithoutARefTakeNothing) {
    BomRefLinks links(10);
    Links got;
    links.AddComponent("", 0);
    ASSERT_TRUE(links.AddAffects(
        "CVE-1", {""}, [&](size_t row, const std::string& v) { got.emplace_back(row, v); }));
    EXPECT_EQ(links.Finish([&](size_t row, const std::string& v) { got.emplace_back(row, v); }),
              0u);
    EXPECT_TRUE(got.empty());
}

}  // namespace
}  // namespace kensa::domain
