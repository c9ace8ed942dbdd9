#include "kensa/advisory/index.h"

#include <gtest/gtest.h>

#include "kensa/knowledge/purl.h"

namespace kensa::advisory {
namespace {

using K = Event::Kind;

Affected MakeAffected(std::string ecosystem,
                      std::string distro,
                      std::string package,
                      std::vector<Range> ranges,
                      std::vector<std::string> versions = {}) {
    Affected a;
    a.ecosystem = std::move(ecosystem);
    a.distro = std::move(distro);
    a.package = std::move(package);
    a.normalized = knowledge::NormalizePackageName(a.ecosystem, a.package);
    a.ranges = std::move(ranges);
    a.versions = std::move(versions);
    return a;
}

Advisory MakeAdvisory(std::string id, std::vector<Affected> affected) {
    Advisory adv;
    adv.id = std::move(id);
    adv.affected = std::move(affected);
    return adv;
}

Range MakeRange(std::string type, std::vector<Event> events) {
    return Range{std::move(type), std::move(events)};
}

TEST(Range, OsvEventSemantics) {
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
    // AlmaLinux (ALSA-2022:4940) and Go (GO-2022-0956) as the OSV reader normalises them.
    index.Add(MakeAdvisory(
        "ALSA-2022:4940",
        {MakeAffected(
            "rpm",
            "almalinux-9",
            "xz-libs",
            {MakeRange("ECOSYSTEM", {{K::kIntroduced, "0"}, {K::kFixed, "5.2.5-8.el9_0"}})})}));
    index.Add(MakeAdvisory(
        "GO-2022-0956",
        {MakeAffected("golang",
                      "",
                      "gopkg.in/yaml.v2",
                      {MakeRange("SEMVER", {{K::kIntroduced, "0"}, {K::kFixed, "2.2.4"}})})}));
    Advisory withdrawn =
        MakeAdvisory("PYSEC-W", {MakeAffected("pypi", "", "Foo_Bar", {}, {"1.0"})});
    withdrawn.withdrawn = true;
    index.Add(withdrawn);
    Advisory listed =
        MakeAdvisory("PYSEC-L", {MakeAffected("pypi", "", "Foo_Bar", {}, {"1.0", "1.1"})});
    listed.aliases = {"CVE-2099-1"};
    index.Add(listed);
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

}  // namespace
}  // namespace kensa::advisory
