// The package-url specification's own test cases (testdata/purl-spec-tests.json, see the
// README there) plus kensa's cases for hostile input, the type rules the suite does not cover
// and NormalizePackageName.
#include "kensa/knowledge/purl.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace kensa::knowledge {
namespace {

using nlohmann::json;

constexpr size_t kMinSpecCases = 200;  // guards against a truncated or unreadable file

json LoadSpecTests() {
    std::ifstream in(std::string(KENSA_SOURCE_DIR) +
                     "/src/kensa/knowledge/testdata/purl-spec-tests.json");
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
}

std::string StringOrEmpty(const json& value) {
    return value.is_string() ? value.get<std::string>() : std::string();
}

// The spec's component object as a Purl (null fields empty, qualifiers unsorted as given).
Purl ComponentsOf(const json& object) {
    Purl purl;
    purl.type = StringOrEmpty(object["type"]);
    purl.ns = StringOrEmpty(object["namespace"]);
    purl.name = StringOrEmpty(object["name"]);
    purl.version = StringOrEmpty(object["version"]);
    purl.subpath = StringOrEmpty(object["subpath"]);
    if (object["qualifiers"].is_object()) {
        for (const auto& [key, value] : object["qualifiers"].items()) {
            purl.qualifiers.emplace_back(key, value.get<std::string>());
        }
    }
    return purl;
}

void CheckParse(const json& test) {
    auto parsed = ParsePurl(test["input"].get<std::string>());
    if (test["expected_failure"].get<bool>()) {
        EXPECT_FALSE(parsed.ok()) << "accepted: " << ToCanonicalString(*parsed);
        return;
    }
    ASSERT_TRUE(parsed.ok()) << parsed.error().message();
    Purl want = ComponentsOf(test["expected_output"]);
    std::sort(want.qualifiers.begin(), want.qualifiers.end());
    EXPECT_EQ(parsed->type, want.type);
    EXPECT_EQ(parsed->ns, want.ns);
    EXPECT_EQ(parsed->name, want.name);
    EXPECT_EQ(parsed->version, want.version);
    EXPECT_EQ(parsed->qualifiers, want.qualifiers);
    EXPECT_EQ(parsed->subpath, want.subpath);
}

void CheckRoundtrip(const json& test) {
    auto parsed = ParsePurl(test["input"].get<std::string>());
    if (test["expected_failure"].get<bool>()) {
        EXPECT_FALSE(parsed.ok());
        return;
    }
    ASSERT_TRUE(parsed.ok()) << parsed.error().message();
    EXPECT_EQ(ToCanonicalString(*parsed), test["expected_output"].get<std::string>());
}

void CheckBuild(const json& test) {
    auto built = MakePurl(ComponentsOf(test["input"]));
    if (test["expected_failure"].get<bool>()) {
        EXPECT_FALSE(built.ok()) << "built: " << ToCanonicalString(*built);
        return;
    }
    ASSERT_TRUE(built.ok()) << built.error().message();
    EXPECT_EQ(ToCanonicalString(*built), test["expected_output"].get<std::string>());
}

TEST(Purl, SpecificationTestSuite) {
    json doc = LoadSpecTests();
    ASSERT_TRUE(doc.is_object()) << "cannot read testdata/purl-spec-tests.json";
    const json& tests = doc["tests"];
    ASSERT_GE(tests.size(), kMinSpecCases);
    for (const json& test : tests) {
        std::string type = test["test_type"].get<std::string>();
        SCOPED_TRACE(type + " [" + test["description"].get<std::string>() + "] " +
                     test["input"].dump());
        if (type == "parse") {
            CheckParse(test);
        } else if (type == "roundtrip") {
            CheckRoundtrip(test);
        } else {
            ASSERT_EQ(type, "build");
            CheckBuild(test);
        }
    }
}

std::string Canonical(std::string_view purl) {
    auto parsed = ParsePurl(purl);
    return parsed.ok() ? ToCanonicalString(*parsed) : "error: " + parsed.error().message();
}

TEST(Purl, EncodingAndSegments) {
    // Everything but letters, digits, ".-_~" and ':' is percent-encoded, in uppercase hex.
    EXPECT_EQ(Canonical("pkg:generic/a%2fb@1%2b2?k=%c3%a9+%26#x/%2e/y"),
              "pkg:generic/a%2Fb@1%2B2?k=%C3%A9%2B%26#x/y");
    EXPECT_EQ(Canonical("PKG:Generic/ns1//ns2/n@v#/./../a//b/"), "pkg:generic/ns1/ns2/n@v#a/b");
    EXPECT_EQ(Canonical("pkg:generic/n?a=&b=1&&c"), "pkg:generic/n?b=1");  // empty values drop
    EXPECT_EQ(Canonical("pkg:generic/n@"), "pkg:generic/n");
    auto parsed = ParsePurl("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->Qualifier("distro"), "jessie");
    EXPECT_EQ(parsed->Qualifier("missing"), "");
}

TEST(Purl, TypeRulesBeyondTheSuite) {
    EXPECT_EQ(Canonical("pkg:pypi/Zope.Interface__x@1"), "pkg:pypi/zope-interface-x@1");
    EXPECT_EQ(Canonical("pkg:npm/%40Angular/Core@1"), "pkg:npm/%40angular/core@1");
    EXPECT_EQ(Canonical("pkg:apk/Alpine/OpenSSL@3.1.4-r0?arch=x86_64"),
              "pkg:apk/alpine/openssl@3.1.4-r0?arch=x86_64");
    EXPECT_EQ(Canonical("pkg:composer/Laravel/Framework@10"), "pkg:composer/laravel/framework@10");
    EXPECT_EQ(Canonical("pkg:golang/github.com/Azure/azure-sdk-for-go@v1.0.0"),
              "pkg:golang/github.com/Azure/azure-sdk-for-go@v1.0.0");  // kept: case-sensitive
    EXPECT_EQ(Canonical("pkg:huggingface/microsoft/deberta-v3-base@559062AD13D311B8"),
              "pkg:huggingface/microsoft/deberta-v3-base@559062ad13d311b8");
    EXPECT_EQ(
        Canonical("pkg:mlflow/TrafficSigns@10?repository_url=https://adb-1.azuredatabricks.net"),
        "pkg:mlflow/trafficsigns@10?repository_url=https:%2F%2Fadb-1.azuredatabricks.net");
    EXPECT_EQ(Canonical("pkg:pub/Flutter-Test@0.0.0"), "pkg:pub/flutter_test@0.0.0");
    EXPECT_EQ(Canonical("pkg:cpan/gdt/URI-PackageURL"), "pkg:cpan/GDT/URI-PackageURL");
    EXPECT_EQ(Canonical("pkg:oci/Debian@sha256%3A244fd47e07d10?tag=latest"),
              "pkg:oci/debian@sha256:244fd47e07d10?tag=latest");
    for (const char* invalid : {"pkg:oci/library/debian@sha256:1",
                                "pkg:mlflow/ns/model@1",
                                "pkg:maven/io@1",
                                "pkg:swift/github.com/Alamofire/Alamofire",
                                "pkg:swid/Fedora@29",
                                "pkg:pub/bad.name@1",
                                "pkg:cran/A3"}) {
        EXPECT_FALSE(ParsePurl(invalid).ok()) << invalid;
    }
}

TEST(Purl, InvalidInputIsRejectedWithAReason) {
    for (const char* invalid : {"",
                                "pkg:",
                                "pkg:npm",
                                "pkg:npm/",
                                "pkg:/",
                                "pkg:n+pm/foo",  // '+' is no longer allowed in a type
                                "pkg:npm/foo%zz",
                                "pkg:npm/foo%4",
                                "pkg:npm/foo%C3",     // truncated UTF-8
                                "pkg:npm/foo%C0%80",  // overlong UTF-8
                                "pkg:npm/foo?1a=b",
                                "pkg:npm/foo?a=1&A=2",  // duplicate key once lowercased
                                "pkg:npm/ns%2Fx/foo",   // '/' inside a namespace segment
                                "pkg:npm/foo#a%2Fb",
                                "http://example.com/x"}) {
        auto parsed = ParsePurl(invalid);
        ASSERT_FALSE(parsed.ok()) << invalid;
        EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidInput);
        EXPECT_NE(parsed.error().message().find("invalid purl: "), std::string::npos);
        EXPECT_EQ(parsed.error().Detail("purl"), invalid);
    }
}

TEST(Purl, HostileInputIsCappedAndNeverCrashes) {
    std::string huge = "pkg:npm/" + std::string(kMaxPurlLength, 'a');
    EXPECT_FALSE(ParsePurl(huge).ok());
    std::string at_cap = "pkg:npm/" + std::string(kMaxPurlLength - 8, '%');
    EXPECT_FALSE(ParsePurl(at_cap).ok());
    constexpr char kAlphabet[] = "pkg:/@?#&=%2Fa1.-_~:+ \xC3\xA9\x00";
    const std::string alphabet(kAlphabet, sizeof(kAlphabet) - 1);  // keeps the NUL byte
    uint32_t state = 7;
    for (int i = 0; i < 20000; ++i) {
        std::string input = "pkg:";
        size_t length = (state = state * 1103515245u + 12345u) >> 16 & 31;
        for (size_t k = 0; k < length; ++k) {
            state = state * 1103515245u + 12345u;
            input += alphabet[(state >> 16) % alphabet.size()];
        }
        auto parsed = ParsePurl(input);
        if (parsed.ok()) {
            // The canonical form is a fixed point.
            std::string canonical = ToCanonicalString(*parsed);
            auto again = ParsePurl(canonical);
            ASSERT_TRUE(again.ok()) << canonical;
            EXPECT_EQ(ToCanonicalString(*again), canonical);
        }
    }
}

TEST(Purl, MakePurlNormalisesComponents) {
    Purl components;
    components.type = "PyPI";
    components.name = "Django_Allauth";
    components.version = "1.0";
    components.qualifiers = {{"Z", "1"}, {"a", ""}, {"B", "x y"}};
    components.subpath = "/a/./b/";
    auto built = MakePurl(components);
    ASSERT_TRUE(built.ok()) << built.error().message();
    EXPECT_EQ(ToCanonicalString(*built), "pkg:pypi/django-allauth@1.0?b=x%20y&z=1#a/b");
    components.qualifiers = {{"a", "1"}, {"A", "2"}};
    EXPECT_FALSE(MakePurl(components).ok());
}

TEST(NormalizePackageName, CaseInsensitiveEcosystemsOnly) {
    EXPECT_EQ(NormalizePackageName("pypi", "Django_REST..framework"), "django-rest-framework");
    EXPECT_EQ(NormalizePackageName("PyPI", "zope.interface"), "zope-interface");
    EXPECT_EQ(NormalizePackageName("nuget", "Newtonsoft.Json"), "newtonsoft.json");
    EXPECT_EQ(NormalizePackageName("composer", "Laravel/Framework"), "laravel/framework");
    for (const char* eco : {"npm", "deb", "rpm", "apk", "golang", "maven", "cargo", "gem"}) {
        EXPECT_EQ(NormalizePackageName(eco, "Some_Name.X"), "Some_Name.X") << eco;
    }
}

}  // namespace
}  // namespace kensa::knowledge
