#include "kensa/formats/osv/osv_parser.h"

#include <gtest/gtest.h>

#include "kensa/advisory/advisory_doc.h"

namespace kensa::formats::osv {
namespace {

using advisory::Event;
using advisory::FromDoc;
using advisory::ToDoc;

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

TEST(OsvParser, ParsesAlmaLinuxRecord) {
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

TEST(OsvParser, RejectsHostileInput) {
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

TEST(OsvParser, ParsedRecordSurvivesTheStorageForm) {
    auto adv = ParseOsv(kGo, nullptr);
    ASSERT_TRUE(adv.ok());
    auto back = FromDoc(ToDoc(*adv));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(ToDoc(*back), ToDoc(*adv));
    EXPECT_EQ(back->affected[0].ranges[0].events[1].kind, Event::Kind::kFixed);
    EXPECT_EQ(back->affected[0].ranges[0].events[1].version, "2.2.4");
}

TEST(OsvParser, MavenNamesAndUnknownEcosystems) {
    ParseNotes notes;
    auto adv = ParseOsv(R"({"id": "GHSA-jfh8-c2jp-5v3q", "affected": [
        {"package": {"ecosystem": "Maven", "name": "org.apache.logging.log4j:log4j-core"}, "versions": ["2.14.1"]},
        {"package": {"ecosystem": "OSS-Fuzz", "name": "x"}, "versions": ["1"]}]})",
                        &notes);
    ASSERT_TRUE(adv.ok());
    ASSERT_EQ(adv->affected.size(), 1u);
    EXPECT_EQ(adv->affected[0].ecosystem, "maven");
    EXPECT_EQ(adv->affected[0].normalized, "org.apache.logging.log4j/log4j-core");
    EXPECT_EQ(notes.unknown_ecosystems, 1);
}

}  // namespace
}  // namespace kensa::formats::osv
