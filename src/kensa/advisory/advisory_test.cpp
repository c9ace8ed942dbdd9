#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "kensa/advisory/index.h"
#include "kensa/advisory/osv.h"
#include "kensa/advisory/type_rules.h"

namespace kensa::advisory {
namespace {

// Shaped like AlmaLinux's OSV records (data/advisories/osv-almalinux9): related CVEs, the
// rating in the summary, ECOSYSTEM ranges with rpm versions.
constexpr std::string_view kAlma = R"({
  "id": "ALSA-2022:4940", "summary": "Important: xz security update",
  "modified": "2023-03-07T17:32:20Z", "related": ["CVE-2022-1271"],
  "affected": [{"package": {"ecosystem": "AlmaLinux:9", "name": "xz-libs"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "5.2.5-8.el9_0"}]}]},
               {"package": {"ecosystem": "AlmaLinux:9", "name": "xz"},
                "ranges": [{"type": "GIT", "repo": "https://example.invalid/xz", "events": [{"introduced": "0"}]}]}]
})";

constexpr std::string_view kGo = R"({
  "id": "GO-2022-0956", "modified": "0001-01-01T00:00:00Z",
  "aliases": ["CVE-2022-3064", "GHSA-6q6q-88xp-6f2r"], "summary": "Excessive resource consumption",
  "affected": [{"package": {"name": "gopkg.in/yaml.v2", "ecosystem": "Go"},
                "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "2.2.4"}]}]}]
})";

TEST(Osv, ParsesAlmaLinuxRecord) {
    ParseNotes notes;
    auto adv = ParseOsv(kAlma, &notes);
    ASSERT_TRUE(adv.ok()) << adv.error().ToString();
    EXPECT_EQ(adv->id, "ALSA-2022:4940");
    EXPECT_EQ(adv->severity, "HIGH");     // "Important:" in the summary
    ASSERT_EQ(adv->affected.size(), 1u);  // the GIT-only entry has nothing kensa can match
    EXPECT_EQ(notes.git_ranges_skipped, 1);
    EXPECT_EQ(adv->affected[0].ecosystem, "rpm");
    EXPECT_EQ(adv->affected[0].distro, "almalinux-9");
    EXPECT_EQ(adv->VulnerabilityIds(), std::vector<std::string>{"CVE-2022-1271"});
}

TEST(Osv, VulnerabilityIdsPreferCveThenGhsa) {
    Advisory a;
    a.id = "GHSA-aaaa-bbbb-cccc";
    a.aliases = {"PYSEC-1"};
    EXPECT_EQ(a.VulnerabilityIds(), std::vector<std::string>{"GHSA-aaaa-bbbb-cccc"});
    a.id = "PYSEC-2";
    a.aliases = {"GHSA-x", "CVE-2020-1", "CVE-2020-2"};
    a.related = {"CVE-2023-9"};  // another vulnerability: not this record's
    EXPECT_EQ(a.VulnerabilityIds(), (std::vector<std::string>{"CVE-2020-1", "CVE-2020-2"}));
}

TEST(Osv, RejectsHostileInput) {
    EXPECT_FALSE(ParseOsv("", nullptr).ok());
    EXPECT_FALSE(ParseOsv("[1,2]", nullptr).ok());
    EXPECT_FALSE(ParseOsv(R"({"summary": "no id"})", nullptr).ok());
    EXPECT_FALSE(ParseOsv(R"({"id": "X", "affected": [7]})", nullptr).ok());
    EXPECT_FALSE(
        ParseOsv(R"({"id": "X", "affected": [{"package": {"ecosystem": "PyPI", "name": "a"},
        "ranges": [{"type": "ECOSYSTEM", "events": [{"bogus": "1"}]}]}]})",
                 nullptr)
            .ok());
    EXPECT_FALSE(
        ParseOsv(R"({"id": "X", "affected": [{"package": {"ecosystem": "PyPI", "name": "a"},
        "ranges": [{"type": "WEIRD", "events": [{"introduced": "1"}]}]}]})",
                 nullptr)
            .ok());
    std::string deep(100000, '[');
    EXPECT_FALSE(ParseOsv(deep, nullptr).ok());
    // Wrong types are ignored, not crashes.
    auto odd =
        ParseOsv(R"({"id": "X", "aliases": [1, {"a": 2}], "summary": 5, "affected": []})", nullptr);
    ASSERT_TRUE(odd.ok());
    EXPECT_TRUE(odd->aliases.empty());
}

TEST(Osv, DocRoundTrip) {
    auto adv = ParseOsv(kGo, nullptr);
    ASSERT_TRUE(adv.ok());
    auto back = FromDoc(ToDoc(*adv));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(ToDoc(*back), ToDoc(*adv));
    EXPECT_EQ(back->affected[0].ranges[0].events[1].kind, Event::Kind::kFixed);
    EXPECT_EQ(back->affected[0].ranges[0].events[1].version, "2.2.4");
}

TEST(Osv, EcosystemsAndDistros) {
    EXPECT_EQ(MapOsvEcosystem("PyPI")->ecosystem, "pypi");
    EXPECT_EQ(MapOsvEcosystem("crates.io")->ecosystem, "cargo");
    EXPECT_EQ(MapOsvEcosystem("Debian:12")->distro, "debian-12");
    EXPECT_EQ(MapOsvEcosystem("Alpine:v3.18")->distro, "alpine-3.18");
    EXPECT_EQ(MapOsvEcosystem("Alpine:v3.18")->ecosystem, "apk");
    EXPECT_EQ(MapOsvEcosystem("Ubuntu:Pro:22.04:LTS")->distro, "ubuntu-22.04");
    EXPECT_EQ(MapOsvEcosystem("Rocky Linux:9")->distro, "rocky-9");
    EXPECT_FALSE(MapOsvEcosystem("OSS-Fuzz").has_value());
    EXPECT_EQ(NormalizeDistro("AMAZON_LINUX_2023"), "amzn-2023");
    EXPECT_EQ(NormalizeDistro("UBUNTU_22_04"), "ubuntu-22.04");
    EXPECT_EQ(NormalizeDistro("ALPINE_LINUX_3_19"), "alpine-3.19");
    EXPECT_EQ(NormalizeDistro("alpine-v3.19"), "alpine-3.19");
    EXPECT_EQ(NormalizeDistro("debian-12"), "debian-12");
    EXPECT_TRUE(DistroCovers("almalinux-9", "almalinux-9.2"));
    EXPECT_TRUE(DistroCovers("debian", "debian-12"));
    EXPECT_FALSE(DistroCovers("alpine-3.1", "alpine-3.18"));
    EXPECT_FALSE(DistroCovers("alpine-3.18", "alpine-3.19"));
    EXPECT_FALSE(DistroCovers("debian-12", "ubuntu-12"));
}

Range MakeRange(std::string type, std::vector<Event> events) {
    return Range{std::move(type), std::move(events)};
}

TEST(Range, OsvEventSemantics) {
    using K = Event::Kind;
    auto r = MakeRange("ECOSYSTEM",
                       {{K::kIntroduced, "1.0"},
                        {K::kFixed, "1.5"},
                        {K::kIntroduced, "2.0"},
                        {K::kLastAffected, "2.3"}});
    std::string fixed;
    auto in = [&](const char* v) { return *InRange(r, v, "pypi", &fixed); };
    EXPECT_FALSE(in("0.9"));
    EXPECT_TRUE(in("1.0"));
    EXPECT_TRUE(in("1.4.9"));
    EXPECT_EQ(fixed, "1.5");
    EXPECT_FALSE(in("1.5"));
    EXPECT_FALSE(in("1.9"));
    EXPECT_TRUE(in("2.3"));
    EXPECT_FALSE(in("2.3.1"));
    // Events given out of order are sorted by the ecosystem's comparator (1.10 > 1.9 in pypi).
    auto shuffled = MakeRange("ECOSYSTEM", {{K::kFixed, "1.10"}, {K::kIntroduced, "1.9"}});
    EXPECT_TRUE(*InRange(shuffled, "1.9.5", "pypi", &fixed));
    EXPECT_FALSE(*InRange(shuffled, "1.10", "pypi", &fixed));
    // SEMVER ranges of Go compare the module's "v" versions.
    auto go = MakeRange("SEMVER", {{K::kIntroduced, "0"}, {K::kFixed, "2.2.4"}});
    EXPECT_TRUE(*InRange(go, "v2.2.3", "golang", &fixed));
    EXPECT_FALSE(*InRange(go, "v2.2.4", "golang", &fixed));
    // rpm: epoch and release order (rpmvercmp).
    auto rpm = MakeRange("ECOSYSTEM", {{K::kIntroduced, "0"}, {K::kFixed, "5.2.5-8.el9_0"}});
    EXPECT_TRUE(*InRange(rpm, "5.2.5-7.el9", "rpm", &fixed));
    EXPECT_FALSE(*InRange(rpm, "5.2.5-8.el9_0", "rpm", &fixed));
    EXPECT_FALSE(*InRange(rpm, "1:5.2.4-1.el9", "rpm", &fixed));  // epoch 1 beats epoch 0
    // limit closes like fixed.
    auto lim = MakeRange("ECOSYSTEM", {{K::kIntroduced, "0"}, {K::kLimit, "3"}});
    EXPECT_TRUE(*InRange(lim, "2.9", "pypi", &fixed));
    EXPECT_FALSE(*InRange(lim, "3", "pypi", &fixed));
    // A version the ecosystem rejects is an error, never a match.
    EXPECT_FALSE(InRange(go, "not-a-version", "golang", &fixed).ok());
}

TEST(Index, MatchesByEcosystemNameDistroAndSourcePackage) {
    AdvisoryIndex index;
    index.Add(*ParseOsv(kAlma, nullptr));
    index.Add(*ParseOsv(kGo, nullptr));
    auto withdrawn = ParseOsv(R"({"id": "PYSEC-W", "withdrawn": "2024-01-01T00:00:00Z",
        "affected": [{"package": {"ecosystem": "PyPI", "name": "Foo_Bar"}, "versions": ["1.0"]}]})",
                              nullptr);
    ASSERT_TRUE(withdrawn.ok());
    index.Add(*withdrawn);
    auto listed = ParseOsv(R"({"id": "PYSEC-L", "aliases": ["CVE-2099-1"],
        "affected": [{"package": {"ecosystem": "PyPI", "name": "Foo_Bar"}, "versions": ["1.0", "1.1"]}]})",
                           nullptr);
    index.Add(*listed);
    EXPECT_EQ(index.advisories(), 3u);

    std::vector<Match> out;
    index.MatchPackage({"rpm", "almalinux-9.1", "xz-libs", {}, "5.2.5-7.el9"}, &out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].advisory->id, "ALSA-2022:4940");
    EXPECT_EQ(out[0].fixed_in, "5.2.5-8.el9_0");
    out.clear();
    index.MatchPackage({"rpm", "rhel-9", "xz-libs", {}, "5.2.5-7.el9"}, &out);  // other distro
    index.MatchPackage({"rpm", "", "xz-libs", {}, "5.2.5-7.el9"}, &out);        // unknown distro
    index.MatchPackage({"rpm", "almalinux-9", "xz-libs", {}, "5.2.5-8.el9_0"}, &out);  // fixed
    EXPECT_TRUE(out.empty());
    // A binary package matches through its source package name.
    index.MatchPackage({"rpm", "almalinux-9", "xz-libs-extra", {"xz-libs"}, "5.2.5-1.el9"}, &out);
    EXPECT_EQ(out.size(), 1u);
    out.clear();
    index.MatchPackage({"golang", "", "gopkg.in/yaml.v2", {}, "v2.2.2"}, &out);
    EXPECT_EQ(out.size(), 1u);
    out.clear();
    // PEP 503 names: foo-bar == Foo_Bar; the withdrawn record never matches.
    index.MatchPackage({"pypi", "", "foo-bar", {}, "1.1"}, &out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].advisory->id, "PYSEC-L");
    EXPECT_TRUE(index.Knows("pypi", "FOO.bar"));
    EXPECT_FALSE(index.Knows("npm", "foo-bar"));
}

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
