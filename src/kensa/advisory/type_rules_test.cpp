#include "kensa/advisory/type_rules.h"

#include <gtest/gtest.h>

namespace kensa::advisory {
namespace {

TEST(TypeRules, BuiltinRulesConvertByPathNameAndKnowledge) {
    const auto& rules = TypeRules::Builtin();
    auto known = [](std::string_view eco, std::string_view name) {
        return eco == "pypi" && name == "requests";
    };
    auto jar = rules.Classify("rpm", "log4j-core", "/opt/app/lib/log4j-core-2.14.1.jar", known);
    EXPECT_EQ(jar.type, domain::SoftwareType::kLibrary);
    EXPECT_EQ(jar.ecosystem, "maven");
    EXPECT_EQ(jar.rule, "jar-found-by-os-scan");
    auto py = rules.Classify("deb", "python3-requests", "", known);
    EXPECT_EQ(py.ecosystem, "pypi");
    EXPECT_EQ(py.name, "requests");
    EXPECT_EQ(py.type, domain::SoftwareType::kLibrary);
    // Unknown to the advisory database: stays an OS package.
    auto unknown = rules.Classify("deb", "python3-obscure", "", known);
    EXPECT_EQ(unknown.ecosystem, "deb");
    EXPECT_EQ(unknown.type, domain::SoftwareType::kOsPkg);
    EXPECT_TRUE(unknown.rule.empty());
    auto runtime = rules.Classify("rpm", "nodejs", "", known);
    EXPECT_EQ(runtime.type, domain::SoftwareType::kRuntime);
    EXPECT_EQ(runtime.ecosystem, "rpm");
    auto lib = rules.Classify("npm", "lodash", "/app/node_modules/lodash/package.json", known);
    EXPECT_EQ(lib.type, domain::SoftwareType::kLibrary);
    EXPECT_TRUE(lib.rule.empty());  // already a library; the rules are for OS-scan findings
}

TEST(TypeRules, HostileLengthsAreNotMatched) {
    auto known = [](std::string_view, std::string_view) { return true; };
    std::string huge = "python3-" + std::string(200000, 'a');
    auto c = TypeRules::Builtin().Classify("deb", huge, std::string(300000, '/'), known);
    EXPECT_EQ(c.ecosystem, "deb");
    EXPECT_TRUE(c.rule.empty());
}

TEST(TypeRules, ParseRejectsBadRules) {
    EXPECT_FALSE(TypeRules::Parse("{}").ok());
    EXPECT_FALSE(TypeRules::Parse(R"({"rules": [{"id": "x", "to_type": "library"}]})").ok());
    EXPECT_FALSE(
        TypeRules::Parse(R"({"rules": [{"id": "x", "name_regex": "(", "to_type": "library"}]})")
            .ok());
    EXPECT_FALSE(
        TypeRules::Parse(R"({"rules": [{"id": "x", "name_regex": "a", "to_type": "gadget"}]})")
            .ok());
    EXPECT_TRUE(
        TypeRules::Parse(R"({"rules": [{"id": "x", "name_regex": "a", "to_type": "runtime"}]})")
            .ok());
}

}  // namespace
}  // namespace kensa::advisory
