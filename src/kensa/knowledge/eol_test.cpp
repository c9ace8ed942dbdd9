// The EOL catalogue and its mapping rules against the shipped endoflife.date snapshot, and the
// snapshot against the pages it was compiled from (../shared/data/eol, when present).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kensa/knowledge/eol_catalog.h"
#include "kensa/knowledge/eol_mapping.h"

namespace kensa::knowledge {
namespace {

namespace fs = std::filesystem;

const EolMapping& Mapping() {
    static const EolMapping kMapping = [] {
        auto m = EolMapping::Builtin(BuiltinEolCatalog());
        EXPECT_TRUE(m.ok()) << m.error().message();
        return std::move(m).value();
    }();
    return kMapping;
}

std::string Match(const std::optional<EolMatch>& m) {
    return m ? m->product->name + "/" + m->cycle->cycle : "none";
}

TEST(EolCatalog, ShipsEveryProductOfTheSnapshot) {
    const EolCatalog& c = BuiltinEolCatalog();
    EXPECT_EQ(c.products().size(), 464u);
    EXPECT_GT(c.cycle_count(), 8000u);
    const EolCycle* py37 = c.Cycle("aws-lambda", "python3.7");
    ASSERT_NE(py37, nullptr);
    EXPECT_EQ(py37->eoas, "2023-12-04");
    EXPECT_EQ(py37->eol, "2027-03-03");
    const EolCycle* al2 = c.Cycle("amazon-linux", "2");
    ASSERT_NE(al2, nullptr);
    EXPECT_EQ(al2->eol, "2026-06-30");
    EXPECT_EQ(al2->latest, "2.0.20260817.0");
    EXPECT_EQ(c.Cycle("log4j", "2")->eol, "");  // eol: false is open-ended
    const EolProduct* python = c.Find("python");
    ASSERT_NE(python, nullptr);
    EXPECT_EQ(python->label, "Python");
    EXPECT_NE(std::find(python->purls.begin(), python->purls.end(), "pkg:deb/debian/python3.7"),
              python->purls.end());
}

TEST(EolCatalog, ACycleIsTheLongestPrefixAtAComponentBoundary) {
    const EolCatalog& c = BuiltinEolCatalog();
    EXPECT_EQ(c.CycleFor("python", "3.11.4")->cycle, "3.11");
    EXPECT_EQ(c.CycleFor("python", "3.1.5")->cycle, "3.1");
    EXPECT_EQ(c.CycleFor("amazon-linux", "2.0.20230612.0")->cycle, "2");
    EXPECT_EQ(c.CycleFor("amazon-linux", "2023.3.20240122")->cycle, "2023");
    EXPECT_EQ(c.CycleFor("go", "go1.20.4")->cycle, "1.20");
    EXPECT_EQ(c.CycleFor("nodejs", "v18.17.0")->cycle, "18");
    EXPECT_EQ(c.CycleFor("openssl", "1:3.0.11-1~deb12u2")->cycle, "3.0");
    EXPECT_EQ(c.CycleFor("openssl", "1.0.2k")->cycle, "1.0.2");
    EXPECT_EQ(c.CycleFor("python", "9.9"), nullptr);
    EXPECT_EQ(c.CycleFor("python", ""), nullptr);
    EXPECT_EQ(c.CycleFor("no-such-product", "1.0"), nullptr);
}

TEST(EolCatalog, SnapshotRoundTrips) {
    const EolCatalog& c = BuiltinEolCatalog();
    std::string text = c.ToSnapshot("header");
    auto again = EolCatalog::FromSnapshot(text);
    ASSERT_TRUE(again.ok()) << again.error().message();
    EXPECT_EQ(again->ToSnapshot("header"), text);
}

TEST(EolCatalog, RefusesMalformedInputNamingIt) {
    auto bad = EolCatalog::FromSnapshot("P\tx\tX\tos\nC\tonly-two-fields\n");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message().find("line 2"), std::string::npos);
    EXPECT_FALSE(EolCatalog::FromSnapshot("").ok());
    EXPECT_FALSE(EolCatalog::FromSnapshot(std::string(200000, 'P')).ok());
    auto no_fm = EolCatalog::FromProductPages({{"x", "no front matter"}});
    ASSERT_FALSE(no_fm.ok());
    EXPECT_NE(no_fm.error().message().find("x"), std::string::npos);
    EXPECT_FALSE(EolCatalog::FromProductPages({{"x", "---\ntitle: X\n"}}).ok());       // never ends
    EXPECT_FALSE(EolCatalog::FromProductPages({{"x", "---\ntitle: X\n---\n"}}).ok());  // no cycles
}

TEST(EolCatalog, ReadsPagesLikeTheirYaml) {
    // Quoted and bare scalars, comments, a list at column 0, an auto: section with its own
    // nested releases that are not the product's, and a '---' inside a value.
    auto c = EolCatalog::FromProductPages({{"demo",
                                            "---\n"
                                            "title: Demo # the name\n"
                                            "category: lang\n"
                                            "identifiers:\n"
                                            "  - purl: pkg:pypi/demo\n"
                                            "  - cpe: cpe:2.3:a:demo:demo\n"
                                            "auto:\n"
                                            "  methods:\n"
                                            "    - declare: demo\n"
                                            "      releases:\n"
                                            "        - {name: \"9\", eol: 2020-01-01}\n"
                                            "releases:\n"
                                            "-   releaseCycle: \"2.0\"\n"
                                            "    releaseDate: 2024-01-01\n"
                                            "    eol: true\n"
                                            "    link: https://x/a---b\n"
                                            "\n"
                                            "  - releaseCycle: '1.0'\n"
                                            "    eol: 2022-02-03\n"
                                            "    lts: true\n"
                                            "    latest: \"1.0.9\"\n"
                                            "---\n"
                                            "# Prose\n"}});
    ASSERT_TRUE(c.ok()) << c.error().message();
    const EolProduct* p = c->Find("demo");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->label, "Demo");
    EXPECT_EQ(p->category, "lang");
    ASSERT_EQ(p->cycles.size(), 2u);
    EXPECT_EQ(p->cycles[0].cycle, "2.0");
    EXPECT_EQ(p->cycles[0].eol, "true");
    EXPECT_EQ(p->cycles[1].cycle, "1.0");
    EXPECT_EQ(p->cycles[1].eol, "2022-02-03");
    EXPECT_TRUE(p->cycles[1].lts);
    EXPECT_EQ(p->cycles[1].latest, "1.0.9");
    EXPECT_EQ(p->purls, std::vector<std::string>{"pkg:pypi/demo"});
    EXPECT_EQ(p->cpes, std::vector<std::string>{"cpe:2.3:a:demo:demo"});
}

TEST(EolCatalog, TheShippedSnapshotIsCompiledFromTheEndoflifeDatePages) {
    fs::path dir = fs::path(KENSA_SOURCE_DIR) / ".." / "shared" / "data" / "eol" / "products";
    if (!fs::is_directory(dir)) {
        GTEST_SKIP() << "the endoflife.date pages are not beside the repository";
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".md") {
            files.push_back(e.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<std::pair<std::string, std::string>> pages;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        pages.emplace_back(f.stem().string(), ss.str());
    }
    auto c = EolCatalog::FromProductPages(pages);
    ASSERT_TRUE(c.ok()) << c.error().message();
    EXPECT_EQ(c->ToSnapshot(), BuiltinEolCatalog().ToSnapshot());
}

TEST(EolMapping, OperatingSystems) {
    const EolMapping& m = Mapping();
    EXPECT_EQ(Match(m.MatchOs("amzn-2")), "amazon-linux/2");
    EXPECT_EQ(Match(m.MatchOs("amzn-2023")), "amazon-linux/2023");
    EXPECT_EQ(Match(m.MatchOs("AMAZON_LINUX_2")), "amazon-linux/2");
    EXPECT_EQ(Match(m.MatchOs("ubuntu-22.04")), "ubuntu/22.04");
    EXPECT_EQ(Match(m.MatchOs("debian-12")), "debian/12");
    EXPECT_EQ(Match(m.MatchOs("rhel-9.2")), "rhel/9");
    EXPECT_EQ(Match(m.MatchOs("almalinux-9")), "almalinux/9");
    EXPECT_EQ(Match(m.MatchOs("rocky-8.9")), "rocky-linux/8");
    EXPECT_EQ(Match(m.MatchOs("alpine-3.19.1")), "alpine-linux/3.19");
    EXPECT_EQ(Match(m.MatchOs("Windows Server 2022 Datacenter")), "windows-server/2022");
    EXPECT_EQ(Match(m.MatchOs("LINUX")), "none");
    EXPECT_EQ(Match(m.MatchOs("")), "none");
}

TEST(EolMapping, LambdaRuntimesAndTheirDeprecationDate) {
    const EolMapping& m = Mapping();
    auto py = m.MatchLambdaRuntime("python3.7");
    EXPECT_EQ(Match(py), "aws-lambda/python3.7");
    // For Lambda kensa counts the deprecation date (eoas), when AWS stops patching.
    EXPECT_EQ(m.EndOf(*py), "2023-12-04");
    EXPECT_EQ(Match(m.MatchLambdaRuntime("nodejs14.x")), "aws-lambda/nodejs14.x");
    EXPECT_EQ(m.EndOf(*m.MatchLambdaRuntime("nodejs14.x")), "2023-12-04");
    EXPECT_EQ(Match(m.MatchLambdaRuntime("provided.al2")), "aws-lambda/provided.al2");
    EXPECT_EQ(Match(m.MatchLambdaRuntime("java11")), "aws-lambda/java11");
    EXPECT_EQ(Match(m.MatchLambdaRuntime("cobol1.0")), "none");
    // Other products count their eol.
    auto al2 = m.MatchOs("amzn-2");
    EXPECT_EQ(m.EndOf(*al2), "2026-06-30");
}

TEST(EolMapping, PackagesByRuleThenByTheProductsPurls) {
    const EolMapping& m = Mapping();
    EXPECT_EQ(Match(m.MatchPackage("deb", "python3.11", "3.11.2-6", "")), "python/3.11");
    EXPECT_EQ(Match(m.MatchPackage("rpm", "python3", "3.9.16", "")), "python/3.9");
    EXPECT_EQ(Match(m.MatchPackage("deb", "nodejs", "18.13.0+dfsg1-1", "")), "nodejs/18");
    EXPECT_EQ(Match(m.MatchPackage("pypi", "django", "4.2.7", "")), "django/4.2");
    EXPECT_EQ(Match(m.MatchPackage(
                  "maven", "org.springframework.boot:spring-boot-starter-web", "2.7.18", "")),
              "spring-boot/2.7");
    EXPECT_EQ(Match(m.MatchPackage("maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "")),
              "log4j/2");
    EXPECT_EQ(Match(m.MatchPackage("golang", "stdlib", "go1.20.4", "")), "go/1.20");
    EXPECT_EQ(Match(m.MatchPackage("deb", "libssl3", "3.0.11-1~deb12u2", "")), "openssl/3.0");
    EXPECT_EQ(Match(m.MatchPackage("rpm", "postgresql15-server", "15.4-1", "")), "postgresql/15");
    EXPECT_EQ(Match(m.MatchPackage("rpm", "java-17-amazon-corretto-headless", "17.0.9+8-1", "")),
              "amazon-corretto/17");
    EXPECT_EQ(Match(m.MatchPackage("gem", "rails", "7.0.8", "")), "ruby-on-rails/7.0");
    EXPECT_EQ(Match(m.MatchPackage("deb", "python3.7-minimal", "3.7.3-2", "")), "python/3.7");
    // A library of a runtime is not the runtime.
    EXPECT_EQ(Match(m.MatchPackage("deb", "python3-pip", "20.3.4-4", "")), "none");
    // Not by rule, by the purls the product pages list.
    EXPECT_EQ(
        Match(m.MatchPackage("deb", "whatever", "3.7.3-2", "pkg:deb/debian/python3.7@3.7.3-2")),
        "python/3.7");
    EXPECT_EQ(Match(m.MatchPackage("npm", "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0")), "none");
}

TEST(EolMapping, EveryRuleNamesAProductOfTheData) {
    EolCatalog tiny =
        EolCatalog::FromSnapshot("P\tpython\tPython\tlang\nC\t3.11\t\t\t\t\t\t\t0\n").value();
    auto m = EolMapping::Builtin(tiny);
    ASSERT_FALSE(m.ok());
    EXPECT_NE(m.error().message().find("no product"), std::string::npos);
    EXPECT_FALSE(EolMapping::Parse("os\tonly-two\n", BuiltinEolCatalog()).ok());
    // At run time an older catalogue only loses the rules of the products it lacks.
    auto lenient = EolMapping::Builtin(tiny, EolMapping::Products::kSkipUnknown);
    ASSERT_TRUE(lenient.ok());
    EXPECT_EQ(Match(lenient->MatchPackage("deb", "python3.11", "3.11.2-6", "")), "python/3.11");
    EXPECT_EQ(Match(lenient->MatchOs("amzn-2")), "none");
}

TEST(EolMapping, Globs) {
    std::string star;
    EXPECT_TRUE(GlobMatch("amzn-*", "amzn-2023", &star));
    EXPECT_EQ(star, "2023");
    EXPECT_TRUE(GlobMatch("postgresql*-server", "postgresql15-server", &star));
    EXPECT_EQ(star, "15");
    EXPECT_TRUE(GlobMatch("java-*-amazon-corretto*", "java-17-amazon-corretto-devel"));
    EXPECT_FALSE(GlobMatch("python3.*", "python3"));
    EXPECT_TRUE(GlobMatch("*", ""));
    EXPECT_FALSE(GlobMatch("a*b", "a"));
    EXPECT_TRUE(GlobMatch(std::string(100, '*') + "x", std::string(10000, 'a') + "x"));
}

}  // namespace
}  // namespace kensa::knowledge
