// Table-driven cases for each ecosystem, taken from the reference implementations' documented
// behaviour and their own test suites (dpkg t-version, rpm rpmvercmp.at, packaging
// test_version.py, node-semver fixtures/comparisons, Maven ComparableVersionTest, apk-tools
// test/version.data, NuGet.Versioning's VersionComparerTests, the semver crate's tests).
#include "kensa/knowledge/version.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <sstream>
#include <string>
#include <vector>

namespace kensa::knowledge {
namespace {

struct Case {
    const char* a;
    const char* b;
    int want;  ///< -1, 0, 1
};

void ExpectOrdered(std::string_view ecosystem, const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        auto rc = CompareVersions(ecosystem, c.a, c.b);
        ASSERT_TRUE(rc.ok()) << ecosystem << " " << c.a << " vs " << c.b << ": "
                             << rc.error().message();
        EXPECT_EQ(internal::Sign(*rc), c.want) << ecosystem << " " << c.a << " vs " << c.b;
        auto reverse = CompareVersions(ecosystem, c.b, c.a);
        ASSERT_TRUE(reverse.ok());
        EXPECT_EQ(internal::Sign(*reverse), -c.want) << ecosystem << " " << c.b << " vs " << c.a;
    }
}

// Each list is strictly increasing: every earlier element is less than every later one.
void ExpectIncreasing(std::string_view ecosystem, const std::vector<const char*>& versions) {
    for (size_t i = 0; i < versions.size(); ++i) {
        for (size_t j = 0; j < versions.size(); ++j) {
            auto rc = CompareVersions(ecosystem, versions[i], versions[j]);
            ASSERT_TRUE(rc.ok()) << versions[i] << " vs " << versions[j];
            int want = i < j ? -1 : (i > j ? 1 : 0);
            EXPECT_EQ(internal::Sign(*rc), want)
                << ecosystem << " " << versions[i] << " vs " << versions[j];
        }
    }
}

void ExpectInvalid(std::string_view ecosystem, const std::vector<const char*>& versions) {
    for (const char* v : versions) {
        auto rc = CompareVersions(ecosystem, v, "1.0.0");
        ASSERT_FALSE(rc.ok()) << ecosystem << " accepted " << v;
        EXPECT_EQ(rc.error().code(), ErrorCode::kInvalidInput);
    }
}

TEST(CompareVersions, UnknownEcosystemIsInvalidInput) {
    auto rc = CompareVersions("cobol", "1", "2");
    ASSERT_FALSE(rc.ok());
    EXPECT_EQ(rc.error().code(), ErrorCode::kInvalidInput);
}

TEST(CompareVersions, SupportedEcosystemsAreSortedAndUsable) {
    auto names = SupportedEcosystems();
    ASSERT_GE(names.size(), 5u);
    for (size_t i = 1; i < names.size(); ++i) {
        EXPECT_LT(names[i - 1], names[i]);
    }
    for (std::string_view name : names) {
        auto rc = CompareVersions(name, "1.0.0", "2.0.0");
        ASSERT_TRUE(rc.ok()) << name;
        EXPECT_LT(*rc, 0) << name;
    }
}

TEST(CompareVersions, OverlongVersionsAreRejectedNotRecursedInto) {
    std::string deep;
    for (int i = 0; i < 5000; ++i) {
        deep += "1-";
    }
    for (std::string_view name : SupportedEcosystems()) {
        auto rc = CompareVersions(name, deep, "1");
        ASSERT_FALSE(rc.ok()) << name;
        EXPECT_EQ(rc.error().code(), ErrorCode::kInvalidInput);
    }
    std::string long_ok = "1." + std::string(1000, '1');
    for (std::string_view name : {"maven", "pypi", "deb", "rpm"}) {
        auto rc = CompareVersions(name, long_ok, "1");
        ASSERT_TRUE(rc.ok()) << name;
        EXPECT_GT(*rc, 0) << name;
    }
    std::string many_parts = "1";
    while (many_parts.size() < 1020) {
        many_parts += ".1";
    }
    auto rc = CompareVersions("pypi", many_parts + "a1", many_parts);
    ASSERT_TRUE(rc.ok());
    EXPECT_LT(*rc, 0);
}

// Random strings over each grammar's alphabet: no crash, a consistent answer both ways, and
// every accepted version equal to itself.
TEST(CompareVersions, RandomInputIsAntisymmetric) {
    const std::string alphabet = "0123456789.-+~^_:!vVaAbBrcRCpmxz";
    uint32_t state = 12345;
    auto next = [&state] {
        state = state * 1103515245u + 12345u;
        return (state >> 16) & 0x7fff;
    };
    auto random_version = [&] {
        std::string v;
        size_t length = next() % 12;
        for (size_t i = 0; i < length; ++i) {
            v += alphabet[next() % alphabet.size()];
        }
        return v;
    };
    for (std::string_view name : SupportedEcosystems()) {
        for (int i = 0; i < 3000; ++i) {
            std::string a = random_version();
            std::string b =
                (i % 3 == 0) ? a + alphabet[next() % alphabet.size()] : random_version();
            auto ab = CompareVersions(name, a, b);
            auto ba = CompareVersions(name, b, a);
            ASSERT_EQ(ab.ok(), ba.ok()) << name << " " << a << " " << b;
            if (ab.ok()) {
                EXPECT_EQ(internal::Sign(*ab), -internal::Sign(*ba))
                    << name << " " << a << " " << b;
                auto aa = CompareVersions(name, a, a);
                ASSERT_TRUE(aa.ok());
                EXPECT_EQ(*aa, 0) << name << " " << a;
            }
        }
    }
}

TEST(CompareVersions, Deb) {
    ExpectOrdered("deb",
                  {
                      {"1.0", "1.0", 0},
                      {"1.0", "1.0-0", 0},     // no revision equals revision 0
                      {"0:1.0", "1.0", 0},     // epoch 0 is no epoch
                      {"1.0~rc1", "1.0", -1},  // tilde sorts before the end
                      {"1.0~~", "1.0~", -1},   // and before another tilde
                      {"1.0~", "1.0", -1},
                      {"1.0", "1.0+b1", -1},  // non-letters sort after the end
                      {"1.0a", "1.0+", -1},   // letters before non-letters
                      {"1.0a", "1.0b", -1},
                      {"1.0Z", "1.0a", -1},  // ASCII order among letters
                      {"1.001", "1.1", 0},   // leading zeros ignored
                      {"1.10", "1.9", 1},
                      {"1:0.1", "2.0", 1},  // epoch wins
                      {"10:1", "9:2", 1},
                      {"1.0-1", "1.0-2", -1},
                      {"1.0-1ubuntu1", "1.0-1", 1},
                      {"1.0-1~bpo1", "1.0-1", -1},
                      {"2.30-0ubuntu1", "2.30-0ubuntu1.1", -1},
                      {"1.2-3-4", "1.2-3-5", -1},  // revision after the last hyphen
                      {"1:2:3", "1:2:4", -1},      // colons allowed in upstream with an epoch
                      {"1.0.", "1.0", 1},
                      {"99999999999999999999", "99999999999999999998", 1},
                  });
    ExpectInvalid("deb", {"", "a:1.0", ":1.0", "1:", "1.0-", "1 0", "-1:1.0", "99999999999:1"});
    // dpkg only warns about these, and compares them.
    auto warned = CompareVersions("deb", "abc", "1.0");
    ASSERT_TRUE(warned.ok());
    EXPECT_GT(*warned, 0);
}

TEST(CompareVersions, Rpm) {
    // From rpm's tests/rpmvercmp.at.
    ExpectOrdered("rpm",
                  {
                      {"1.0", "1.0", 0},
                      {"1.0", "2.0", -1},
                      {"2.0.1", "2.0.1", 0},
                      {"2.0", "2.0.1", -1},
                      {"2.0.1a", "2.0.1a", 0},
                      {"2.0.1a", "2.0.1", 1},
                      {"5.5p1", "5.5p1", 0},
                      {"5.5p1", "5.5p2", -1},
                      {"5.5p10", "5.5p10", 0},
                      {"5.5p1", "5.5p10", -1},
                      {"10xyz", "10.1xyz", -1},
                      {"xyz10", "xyz10", 0},
                      {"xyz10", "xyz10.1", -1},
                      {"xyz.4", "xyz.4", 0},
                      {"xyz.4", "8", -1},
                      {"xyz.4", "2", -1},
                      {"5.5p2", "5.6p1", -1},
                      {"5.6p1", "6.5p1", -1},
                      {"6.0.rc1", "6.0", 1},
                      {"10b2", "10a1", 1},
                      {"1.0aa", "1.0a", 1},
                      {"10.0001", "10.1", 0},
                      {"10.0001", "10.0039", -1},
                      {"4.999.9", "5.0", -1},
                      {"20101121", "20101122", -1},
                      {"2_0", "2_0", 0},
                      {"2.0", "2_0", 0},
                      {"a", "a", 0},
                      {"a+", "a+", 0},
                      {"a+", "a_", 0},
                      {"+a", "_a", 0},
                      {"+", "_", 0},
                      {"1.0~rc1", "1.0~rc1", 0},
                      {"1.0~rc1", "1.0", -1},
                      {"1.0~rc1", "1.0~rc2", -1},
                      {"1.0~rc1~git123", "1.0~rc1", -1},
                      {"1.0^", "1.0", 1},
                      {"1.0^git1", "1.0", 1},
                      {"1.0^git1", "1.0^git2", -1},
                      {"1.0^git1", "1.01", -1},
                      {"1.0^20160101", "1.0.1", -1},
                      {"1.0~rc1^git1", "1.0~rc1", 1},
                      {"1.0^git1~pre", "1.0^git1", -1},
                      // epoch and release, like rpm.labelCompare
                      {"1:1.0", "2.0", 1},
                      {"0:1.0", "1.0", 0},
                      {"1.0-1", "1.0-2", -1},
                      {"1.0", "1.0-1", -1},
                      {"1.0-1.el8", "1.0-1.el8_2", -1},
                      {":1.0", "0:1.0", 0},
                  });
    ExpectInvalid("rpm", {"", "1:", "-1", "1:-2"});
}

TEST(CompareVersions, Pep440) {
    // The ordering example of PEP 440 ("Summary of permitted suffixes and relative ordering")
    // and packaging's test_version.py.
    ExpectIncreasing("pypi",
                     {"1.0.dev456",    "1.0a1",         "1.0a2.dev456", "1.0a12.dev456",
                      "1.0a12",        "1.0b1.dev456",  "1.0b2",        "1.0b2.post345.dev456",
                      "1.0b2.post345", "1.0rc1.dev456", "1.0rc1",       "1.0",
                      "1.0+abc.5",     "1.0+abc.7",     "1.0+5",        "1.0.post456.dev34",
                      "1.0.post456",   "1.0.15",        "1.1.dev1",     "1!0.1"});
    ExpectOrdered("pypi",
                  {
                      {"1.0a1", "1.0.0a1", 0},  // trailing zeros of the release ignored
                      {"1.0", "1.0.0.0", 0},
                      {"1.0alpha1", "1.0a1", 0},
                      {"1.0-beta.2", "1.0b2", 0},
                      {"1.0c1", "1.0rc1", 0},
                      {"1.0pre1", "1.0rc1", 0},
                      {"1.0preview1", "1.0rc1", 0},
                      {"1.0-1", "1.0.post1", 0},
                      {"1.0r", "1.0.post0", 0},
                      {"1.0rev2", "1.0.post2", 0},
                      {"1.0dev", "1.0.dev0", 0},
                      {"v1.0", "1.0", 0},
                      {"1.0RC1", "1.0rc1", 0},
                      {"0!1.0", "1.0", 0},
                      {"01.02", "1.2", 0},
                      {"1.0+ubuntu-1", "1.0+ubuntu.1", 0},
                      {"1.0+1", "1.0+a", 1},  // numbers after strings in local versions
                      {"1.0+a.1", "1.0+a", 1},
                      {"1.0+ABC", "1.0+abc", 0},
                      {"1.0.post1", "1.0+local", 1},
                      {"2.0", "10.0", -1},
                      {"1.0a", "1.0a0", 0},
                      {"1.0.a", "1.0a0", 0},
                      {" 1.0 ", "1.0", 0},
                  });
    ExpectInvalid("pypi", {"", "1.0-", "foo", "1.0+", "1.0+a..b", "1..0", "1.0b1b2", "1.0+a_"});
    // Separators after a label without a number are allowed.
    ExpectOrdered("pypi", {{"1.0-dev-", "1.0.dev0", 0}, {"1.0-a-", "1.0a0", 0}});
}

TEST(CompareVersions, Semver) {
    // The precedence example of SemVer 2.0 §11, and node-semver's fixtures.
    ExpectIncreasing("npm",
                     {"1.0.0-alpha",
                      "1.0.0-alpha.1",
                      "1.0.0-alpha.beta",
                      "1.0.0-beta",
                      "1.0.0-beta.2",
                      "1.0.0-beta.11",
                      "1.0.0-rc.1",
                      "1.0.0",
                      "2.0.0",
                      "2.1.0",
                      "2.1.1"});
    ExpectOrdered("npm",
                  {
                      {"1.0.0+build.1", "1.0.0+build.2", 0},  // build metadata ignored
                      {"v1.2.3", "1.2.3", 0},
                      {"1.2.3-0", "1.2.3-a", -1},     // numbers before strings
                      {"1.2.3-2", "1.2.3-10", -1},    // numeric identifiers as numbers
                      {"1.2.3-a10", "1.2.3-a9", -1},  // others as ASCII strings
                      {"1.2.3-1a", "1.2.3-1", 1},
                      {"1.2.3-B", "1.2.3-a", -1},
                      {"1.2.3-a.b.c", "1.2.3-a.b", 1},
                      {"0.0.0", "0.0.1", -1},
                      {"9007199254740991.0.0", "1.0.0", 1},
                      {"1.2.3--", "1.2.3-0", 1},
                  });
    ExpectInvalid("npm",
                  {"",
                   "1.2",
                   "1.2.3.4",
                   "01.2.3",
                   "1.02.3",
                   "1.2.3-01",
                   "1.2.3-",
                   "1.2.3+",
                   "1.2.3-a..b",
                   "=1.2.3",
                   "V1.2.3",
                   "1.2.3-a_b",
                   "9007199254740992.0.0",
                   "1.2.3 4"});
}

TEST(CompareVersions, Maven) {
    // Maven's ComparableVersionTest: VERSIONS_QUALIFIER and VERSIONS_NUMBER are increasing.
    ExpectIncreasing("maven",
                     {"1-alpha2snapshot",
                      "1-alpha2",
                      "1-alpha-123",
                      "1-beta-2",
                      "1-beta123",
                      "1-m2",
                      "1-m11",
                      "1-rc",
                      "1-cr2",
                      "1-rc123",
                      "1-SNAPSHOT",
                      "1",
                      "1-sp",
                      "1-sp2",
                      "1-sp123",
                      "1-abc",
                      "1-def",
                      "1-pom-1",
                      "1-1-snapshot",
                      "1-1",
                      "1-2",
                      "1-123"});
    ExpectIncreasing("maven",
                     {"2.0",    "2.0.a", "2-1",     "2.0.2", "2.0.123", "2.1.0", "2.1-a",  "2.1b",
                      "2.1-c",  "2.1-1", "2.1.0.1", "2.2",   "2.123",   "11.a2", "11.a11", "11.b2",
                      "11.b11", "11.m2", "11.m11",  "11",    "11.a",    "11b",   "11c",    "11m"});
    ExpectOrdered("maven",
                  {
                      {"1", "1.0.0", 0},
                      {"1-ga", "1", 0},
                      {"1-final", "1.0", 0},
                      {"1-release", "1", 0},
                      {"1a1", "1-alpha-1", 0},
                      {"1b2", "1-beta-2", 0},
                      {"1m3", "1-milestone-3", 0},
                      {"1cr1", "1rc1", 0},
                      {"1.0RC1", "1.0-rc-1", 0},
                      {"1x", "1-x", 0},
                      {"1.0-", "1", 0},
                      {"1.0.0-0", "1", 0},
                      {"1..2", "1.0.2", 0},
                      {"00001", "1", 0},
                      {"1-0.ga", "1", 0},
                      {"2.0-1", "2.0.1", -1},
                      {"1-SNAPSHOT", "1", -1},
                      {"1-1.foo-bar1baz-.1", "1-1.foo-bar-1-baz-0.1", 0},
                      {"123456789012345678901234567890", "123456789012345678901234567891", -1},
                      {"1.10000000000", "1.9999999999", 1},
                  });
}

TEST(CompareVersions, Golang) {
    // golang.org/x/mod/semver's semver_test.go, in increasing order.
    ExpectIncreasing("golang",
                     {"v1.0.0-alpha",
                      "v1.0.0-alpha.1",
                      "v1.0.0-alpha.beta",
                      "v1.0.0-beta",
                      "v1.0.0-beta.2",
                      "v1.0.0-beta.11",
                      "v1.0.0-rc.1",
                      "v1.0.0",
                      "v1.2.0",
                      "v1.2.3-456",
                      "v1.2.3-456.789",
                      "v1.2.3-456-789",
                      "v1.2.3-456a",
                      "v1.2.3-pre",
                      "v1.2.3-pre.1",
                      "v1.2.3-zzz",
                      "v1.2.3"});
    ExpectOrdered(
        "golang",
        {
            {"v1", "v1.0.0", 0},
            {"v1.2", "v1.2.0", 0},
            {"v1.2.3-pre+meta", "v1.2.3-pre", 0},
            {"v1.2.3+meta-pre.sha.256a", "v1.2.3", 0},
            {"v2.0.0+incompatible", "v2.0.0", 0},
            {"v2.0.0+incompatible", "v1.9.9", 1},
            // pseudo-versions order by their timestamp and sit below the release
            {"v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa", -1},
            {"v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3", 1},
            {"v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4", -1},
            {"v1.2.4-pre.0.20191109021931-daa7c04131f5", "v1.2.4-pre", 1},
            {"1.2.3", "v1.2.3", 0},  // OSV writes Go versions without the v
            {"v10.0.0", "v9.0.0", 1},
        });
    ExpectInvalid("golang",
                  {"",
                   "bad",
                   "v1-pre",
                   "v1+meta",
                   "v1.2-pre",
                   "v1.2+meta",
                   "v01.2.3",
                   "v1.2.3-01",
                   "v1.2.3-",
                   "v1.2.3+",
                   "v1.2.3-a..b",
                   "v1.2.3.4",
                   "vv1.2.3"});
}

TEST(CompareVersions, Gem) {
    // RubyGems' test_gem_version.rb (test_spaceship, test_semver, test_prerelease).
    ExpectOrdered("gem",
                  {
                      {"1.0", "1.0.0", 0},
                      {"1.0", "1.0.a", 1},
                      {"1.8.2", "0.0.0", 1},
                      {"1.8.2", "1.8.2.a", 1},
                      {"1.8.2.b", "1.8.2.a", 1},
                      {"1.8.2.a", "1.8.2", -1},
                      {"1.8.2.a10", "1.8.2.a9", 1},
                      {"", "0", 0},
                      {"0.beta.1", "0.0.beta.1", 0},
                      {"0.0.beta", "0.0.beta.1", -1},
                      {"0.0.beta", "0.beta.1", -1},
                      {"5.a", "5.0.0.rc2", -1},
                      {"5.x", "5.0.0.rc2", 1},
                      {"1.0.0-rc1", "1.0.0.pre.rc1", 0},  // "-" reads as ".pre."
                      {"1.0.0-rc1", "1.0.0", -1},
                      {"1.0.0.rc1", "1.0.0.RC1", 1},  // case-sensitive, ASCII order
                      {"1.0.0.rc1", "1.0.0.rc1.0", 0},
                      {"1.0.0.1.rc1", "1.0.0.rc2", 1},
                      {"1.10", "1.9", 1},
                      {"01.2", "1.2", 0},
                      {" 1.2 ", "1.2", 0},
                  });
    ExpectInvalid("gem", {"junk", "1..2", "1.2 3.4", ".1", "1.", "1.0-", "1.2.3+4", "1.0-a..b"});
}

// "A op B" lines, op one of < = >, as apk-tools' test/version.data writes them.
std::vector<Case> ParseOpLines(const std::vector<std::string>& lines) {
    static std::deque<std::string> storage;  // keeps the strings Case points into alive
    std::vector<Case> cases;
    for (const std::string& line : lines) {
        std::istringstream in(line);
        std::string a;
        std::string op;
        std::string b;
        in >> a >> op >> b;
        storage.push_back(a);
        const char* pa = storage.back().c_str();
        storage.push_back(b);
        const char* pb = storage.back().c_str();
        cases.push_back({pa, pb, op == "<" ? -1 : (op == ">" ? 1 : 0)});
    }
    return cases;
}

TEST(CompareVersions, Apk) {
    // A selection of apk-tools' test/version.data (the lines exercising each token kind and
    // each rule of apk_version_compare), in its own "A op B" form.
    ExpectOrdered("apk",
                  ParseOpLines({
                      "2.34 > 0.1.0_alpha",
                      "23_foo > 4_beta",
                      "1.0 < 1.0bc",  // invalid: "bc" is two letters
                      "0.1.0_alpha = 0.1.0_alpha",
                      "0.1.0_alpha < 0.1.3_alpha",
                      "0.1.0_alpha2 > 0.1.0_alpha",
                      "0.1.0_alpha < 2.2.39-r1",
                      "1.0.4-r3 < 1.0.4-r4",
                      "1.1 > 1.1_alpha1",
                      "1.2 < 1.3_alpha",
                      "1.3_alpha2 < 1.3_alpha3",
                      "0.8_beta1 < 0.8_beta2",
                      "3.10.18-r1 > 2.3.0b-r1",
                      "2.3.0b-r1 < 2.3.0b-r2",
                      "0.12.3 > 0.12",
                      "0.12 < 0.13_beta1",
                      "1.2.11 < 1.2.12.1",
                      "0.2.0-r1 < 3.1_p16",
                      "3.1_p16 < 3.1_p17",
                      "1.06-r6 < 006",
                      "006 > 1.0.0",
                      "1.2.2-r1 > 1.2.2",
                      "2.59 < 20050718-r1",
                      "3.9.8-r5 > 2.01.01_alpha10",
                      "1.0 > 0.99.3.20040818",
                      "2.1.9.200602141850 > 1.6",
                      "2.5.1-r8 < 2.5.1a-r1",
                      "20040401 > 2.0.0_rc3-r1",
                      "3.0.0-r2 < 021109-r3",
                      "0.9.16-r1 < 3.9_pre20060124",
                      "0.01 < 0.06",
                      "1.1.7 < 6b-r7",
                      "0.10.0-r1 > 0.10.0",
                      "0.10.0 < 0.10.1_rc1",
                      "1.1a < 1.3a",
                      "0.15.1b-r2 > 0.15.1b",
                      "22.7-r1 < 22.7.3-r1",
                      "22.7 > 2.1_pre20",
                      "2.1_pre20 < 2.1_pre26",
                      "2.10.1 > 02.08.01b",
                      "1.2.07.8 < 1.2.12.04",
                      "1.6d > 1.2.07.8",
                      "3.81 > 1.6d",
                      "0.59s-r11 < 0.65",
                      "4.5_p1-r1 > 4.5_p1",
                      "0.9.8c-r1 < 0.9.8d",
                      "1.7 < 1.7b",
                      "1.8.5 < 1.8.5_p2",
                      "2.9.11_pre20051101-r3 > 2.9.11_pre20051101",
                      "1.6.8_p12-r1 > 1.6.8_p9-r2",
                      "2.12r-r4 < 2.12r-r5",
                      "7.0.17 < 7.0.174",
                      "0.3.4_pre20061029 < 0.4.0",
                      "1.3-r0 < 1.3.1-r0",
                      "1.3_pre1-r1 < 1.3.2",
                      "1.0_p10-r0 > 1.0_p9-r0",
                      "0.1.0_alpha_pre2 < 0.1.0_alpha",
                      "1.0.0_pre20191002222144-r0 < 1.0.0_pre20210530193627-r0",
                      "6.0_pre1 < 6.0",
                      "6.1_pre1 < 6.1",
                      "6.0_p1 > 6.0",
                      "6.1_p1 > 6.1",
                  }));
    // The suffix ladder and the ~hash token of apk-tools 2.14+ (from src/version.c's rules).
    ExpectIncreasing("apk",
                     {"1.0_alpha",
                      "1.0_beta",
                      "1.0_pre",
                      "1.0_rc",
                      "1.0",
                      "1.0_cvs",
                      "1.0_svn",
                      "1.0_git",
                      "1.0_hg",
                      "1.0_p"});
    ExpectOrdered("apk",
                  {
                      {"1.0_git20240101~abc123-r0", "1.0_git20240101~abd000-r0", -1},
                      {"1.0~abc-r1", "1.0-r1", 1},  // the lower token kind (hash) is greater
                      {"1.0~abc", "1.0", 1},
                      {"1.0", "1.0.0", -1},
                      {"1.01", "1.1", -1},  // leading zero: compared as strings
                      {"1.10", "1.9", 1},
                      {"1.0-r0", "1.0", 1},
                      {"1.0_foo", "1.0_bar", 0},  // both invalid at the same point
                  });
}

TEST(CompareVersions, NuGet) {
    // NuGet.Client's test/NuGet.Core.Tests/NuGet.Versioning.Test/VersionComparerTests.cs
    // (VersionComparisonDefaultEqual, ...NotEqual, ...Less) and NuGetVersionTest's parsing.
    ExpectOrdered("nuget",
                  {
                      {"1.0.0", "1.0.0", 0},
                      {"1.0.0-BETA", "1.0.0-beta", 0},
                      {"1.0.0-BETA+AA", "1.0.0-beta+aa", 0},
                      {"1.0.0-BETA.X.y.5.77.0+AA", "1.0.0-beta.x.y.5.77.0+aa", 0},
                      {"0.0.0", "1.0.0", -1},
                      {"1.0.0", "1.1.0", -1},
                      {"1.0.0", "1.0.1", -1},
                      {"1.999.9999", "2.1.1", -1},
                      {"1.0.0-BETA", "1.0.0-beta2", -1},
                      {"1.0.0-beta+AA", "1.0.0+aa", -1},
                      {"1.0.0-BETA", "1.0.0-beta.1+AA", -1},
                      {"1.0.0-BETA.X.y.5.77.0+AA", "1.0.0-beta.x.y.5.79.0+aa", -1},
                      {"1.0.0-BETA.X.y.5.79.0+AA", "1.0.0-beta.x.y.5.790.0+abc", -1},
                      // the legacy fourth number and the lenient numeric part
                      {"1.0.0.0", "1.0.0", 0},
                      {"1", "1.0.0.0", 0},
                      {"1.0.0.1", "1.0.0", 1},
                      {"1.0.0.1-beta", "1.0.0", 1},
                      {"01.002.3", "1.2.3", 0},
                      {" 1.0 ", "1.0", 0},
                      // labels: numbers (int.TryParse, so "-1" too) before text, text
                      // case-insensitively; metadata ignored
                      {"1.0.0-2", "1.0.0-10", -1},
                      {"1.0.0-10", "1.0.0-a", -1},
                      {"1.0.0--1", "1.0.0-0", -1},
                      {"1.0.0-alpha", "1.0.0-Beta", -1},
                      {"1.0.0-a.b", "1.0.0-a", 1},
                      {"1.0.0-99999999999", "1.0.0-a", -1},  // beyond Int32: compared as text
                      {"1.0.0+a", "1.0.0+b", 0},
                  });
    ExpectInvalid("nuget",
                  {"",
                   "a",
                   "1.2.3.4.5",
                   "1.0.0-",
                   "1.0.0+",
                   "1.0.0-beta..1",
                   "1.0.0-01",
                   "1.0.0-beta_1",
                   "1.0.0+a+b",
                   "-1.0",
                   "1.0 .0",
                   "2147483648.0.0",
                   // empty numeric sections: NuGetVersion.TryParse refuses them
                   "1.",
                   ".1",
                   "1..2",
                   "1.0.",
                   "."});
}

TEST(CompareVersions, Cargo) {
    // The semver crate's tests/test_version.rs (test_eq, test_ne, test_lt, test_gt,
    // test_spec_order) and the build-metadata order documented in its impls.rs.
    ExpectIncreasing("cargo",
                     {"1.0.0-alpha",
                      "1.0.0-alpha.1",
                      "1.0.0-alpha.beta",
                      "1.0.0-beta",
                      "1.0.0-beta.2",
                      "1.0.0-beta.11",
                      "1.0.0-rc.1",
                      "1.0.0",
                      "1.0.0+0",
                      "1.0.0+00",
                      "1.0.0+1",
                      "1.0.0+01",
                      "1.0.0+001",
                      "1.0.0+2",
                      "1.0.0+10",
                      "1.0.0+a",
                      "1.0.0+a.0",
                      "2.0.0"});
    ExpectOrdered("cargo",
                  {
                      {"1.2.3", "1.2.3", 0},
                      {"1.2.3-alpha1", "1.2.3-alpha1", 0},
                      {"1.2.3+build.42", "1.2.3+build.42", 0},
                      {"1.2.3-alpha1+42", "1.2.3-alpha1+42", 0},
                      {"0.0.0", "0.0.1", -1},
                      {"1.2.3-alpha", "1.2.3-beta", -1},
                      {"1.2.3+23", "1.2.3+42", -1},
                      {"0.0.0", "1.2.3-alpha2", -1},
                      {"1.2.0", "1.2.3-alpha2", -1},
                      {"1.2.3-alpha1", "1.2.3", -1},
                      {"1.2.3-alpha1", "1.2.3-alpha2", -1},
                      {"1.2.3-2", "1.2.3-10", -1},
                      {"1.2.3-a", "1.2.3-B", 1},    // ASCII order
                      {"1.2.3+build", "1.2.3", 1},  // build metadata counts in Rust's Ord
                      {"18446744073709551615.0.0", "1.0.0", 1},
                      {"1.2.3-0a", "1.2.3-0", 1},
                  });
    ExpectInvalid("cargo",
                  {"",
                   "  ",
                   "1",
                   "1.2",
                   "1.2.3-",
                   "1.2.3+",
                   "a.b.c",
                   "1.2.3 abc",
                   " 1.2.3",
                   "v1.2.3",
                   "01.2.3",
                   "1.2.3-01",
                   "1.2.3-a..b",
                   "1.2.3-a_b",
                   "1.2.3.4",
                   "18446744073709551616.0.0"});
}

}  // namespace
}  // namespace kensa::knowledge
