// NpmSatisfies against node-semver's own fixtures: test/fixtures/range-include.js and
// range-exclude.js (the cases for the default options; loose and includePrerelease ones left
// out) and invalid ranges from range-parse.js. tests/differential checks far more pairs
// against node itself.
#include "kensa/knowledge/npm_range.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kensa::knowledge {
namespace {

struct RangeCase {
    const char* range;
    const char* version;
};

void ExpectSatisfies(const std::vector<RangeCase>& cases, bool want) {
    for (const RangeCase& c : cases) {
        auto rc = NpmSatisfies(c.version, c.range);
        ASSERT_TRUE(rc.ok()) << "'" << c.range << "' " << c.version << ": " << rc.error().message();
        EXPECT_EQ(*rc, want) << "'" << c.range << "' " << c.version;
    }
}

TEST(NpmSatisfies, RangeInclude) {
    ExpectSatisfies({{"1.0.0 - 2.0.0", "1.2.3"},
                     {"^1.2.3+build", "1.2.3"},
                     {"^1.2.3+build", "1.3.0"},
                     {"1.2.3-pre+asdf - 2.4.3-pre+asdf", "1.2.3"},
                     {"1.2.3-pre+asdf - 2.4.3-pre+asdf", "1.2.3-pre.2"},
                     {"1.2.3-pre+asdf - 2.4.3-pre+asdf", "2.4.3-alpha"},
                     {"1.2.3+asdf - 2.4.3+asdf", "1.2.3"},
                     {"1.0.0", "1.0.0"},
                     {">=*", "0.2.4"},
                     {"", "1.0.0"},
                     {"*", "1.2.3"},
                     {">=1.0.0", "1.0.0"},
                     {">=1.0.0", "1.1.0"},
                     {">1.0.0", "1.0.1"},
                     {"<=2.0.0", "2.0.0"},
                     {"<=2.0.0", "1.9999.9999"},
                     {"<2.0.0", "0.2.9"},
                     {">= 1.0.0", "1.0.0"},
                     {">=  1.0.0", "1.0.1"},
                     {"> 1.0.0", "1.0.1"},
                     {"<=   2.0.0", "2.0.0"},
                     {"<    2.0.0", "1.9999.9999"},
                     {"<\t2.0.0", "0.2.9"},
                     {">=0.1.97", "0.1.97"},
                     {"0.1.20 || 1.2.4", "1.2.4"},
                     {">=0.2.3 || <0.0.1", "0.0.0"},
                     {">=0.2.3 || <0.0.1", "0.2.4"},
                     {"||", "1.3.4"},
                     {"2.x.x", "2.1.3"},
                     {"1.2.x", "1.2.3"},
                     {"1.2.x || 2.x", "2.1.3"},
                     {"x", "1.2.3"},
                     {"2.*.*", "2.1.3"},
                     {"1.2.* || 2.*", "1.2.3"},
                     {"2", "2.1.2"},
                     {"2.3", "2.3.1"},
                     {"~0.0.1", "0.0.2"},
                     {"~x", "0.0.9"},
                     {"~2", "2.0.9"},
                     {"~2.4", "2.4.5"},
                     {"~>3.2.1", "3.2.2"},
                     {"~1", "1.2.3"},
                     {"~> 1", "1.2.3"},
                     {"~1.0", "1.0.2"},
                     {"~ 1.0.3", "1.0.12"},
                     {">= 1", "1.0.0"},
                     {"< 1.2", "1.1.1"},
                     {"~v0.5.4-pre", "0.5.5"},
                     {"~v0.5.4-pre", "0.5.4"},
                     {"=0.7.x", "0.7.2"},
                     {"<=0.7.x", "0.7.2"},
                     {">=0.7.x", "0.7.2"},
                     {"<=0.7.x", "0.6.2"},
                     {"~1.2.1 >=1.2.3", "1.2.3"},
                     {"~1.2.1 =1.2.3", "1.2.3"},
                     {"~1.2.1 1.2.3 >=1.2.3", "1.2.3"},
                     {">=1.2.3 >=1.2.1", "1.2.3"},
                     {">=1.2", "1.2.8"},
                     {"^1.2.3", "1.8.1"},
                     {"^0.1.2", "0.1.2"},
                     {"^0.1", "0.1.2"},
                     {"^0.0.1", "0.0.1"},
                     {"^1.2 ^1", "1.4.2"},
                     {"^1.2.3-alpha", "1.2.3-pre"},
                     {"^1.2.0-alpha", "1.2.0-pre"},
                     {"^0.0.1-alpha", "0.0.1-beta"},
                     {"^0.0.1-alpha", "0.0.1"},
                     {"^0.1.1-alpha", "0.1.1-beta"},
                     {"^x", "1.2.3"},
                     {"x - 1.0.0", "0.9.7"},
                     {"x - 1.x", "0.9.7"},
                     {"1.0.0 - x", "1.9.7"},
                     {"1.x - x", "1.9.7"},
                     {"<=7.x", "7.9.9"}},
                    true);
}

TEST(NpmSatisfies, RangeExclude) {
    ExpectSatisfies({{"1.0.0 - 2.0.0", "2.2.3"},
                     {"1.2.3+asdf - 2.4.3+asdf", "1.2.3-pre.2"},
                     {"1.2.3+asdf - 2.4.3+asdf", "2.4.3-alpha"},
                     {"^1.2.3+build", "2.0.0"},
                     {"^1.2.3+build", "1.2.0"},
                     {"^1.2.3", "1.2.3-pre"},
                     {"^1.2", "1.2.0-pre"},
                     {">1.2", "1.3.0-beta"},
                     {"<=1.2.3", "1.2.3-beta"},
                     {"^1.2.3", "1.2.3-beta"},
                     {"=0.7.x", "0.7.0-asdf"},
                     {">=0.7.x", "0.7.0-asdf"},
                     {"<=0.7.x", "0.7.0-asdf"},
                     {"1.0.0", "1.0.1"},
                     {">=1.0.0", "0.0.1"},
                     {">1.0.0", "0.1.0"},
                     {"<=2.0.0", "2.9999.9999"},
                     {"<2.0.0", "2.2.9"},
                     {">=0.1.97", "0.1.93"},
                     {"0.1.20 || 1.2.4", "1.2.3"},
                     {">=0.2.3 || <0.0.1", "0.0.3"},
                     {">=0.2.3 || <0.0.1", "0.2.2"},
                     {"2.x.x", "3.1.3"},
                     {"1.2.x", "1.3.3"},
                     {"1.2.x || 2.x", "1.1.3"},
                     {"2.*.*", "1.1.3"},
                     {"1.2.* || 2.*", "3.1.3"},
                     {"2", "1.1.2"},
                     {"2.3", "2.4.1"},
                     {"~0.0.1", "0.1.0-alpha"},
                     {"~0.0.1", "0.1.0"},
                     {"~2.4", "2.5.0"},
                     {"~2.4", "2.3.9"},
                     {"~>3.2.1", "3.3.2"},
                     {"~>3.2.1", "3.2.0"},
                     {"~1", "0.2.3"},
                     {"~>1", "2.2.3"},
                     {"~1.0", "1.1.0"},
                     {"<1", "1.0.0"},
                     {">=1.2", "1.1.1"},
                     {"~v0.5.4-beta", "0.5.4-alpha"},
                     {"=0.7.x", "0.8.2"},
                     {">=0.7.x", "0.6.2"},
                     {"<0.7.x", "0.7.2"},
                     {"<1.2.3", "1.2.3-beta"},
                     {"=1.2.3", "1.2.3-beta"},
                     {">1.2", "1.2.8"},
                     {"^0.0.1", "0.0.2-alpha"},
                     {"^0.0.1", "0.0.2"},
                     {"^1.2.3", "2.0.0-alpha"},
                     {"^1.2.3", "1.2.2"},
                     {"^1.2", "1.1.9"},
                     {"^1.0.0", "2.0.0-rc1"},
                     {"1 - 2", "2.0.0-pre"},
                     {"1 - 2", "1.0.0-pre"},
                     {"1.0 - 2", "1.0.0-pre"},
                     {"1.1.x", "1.0.0-a"},
                     {"1.1.x", "1.1.0-a"},
                     {"1.x", "1.2.0-a"},
                     {">=1.0.0 <1.1.0", "1.1.0"},
                     {">=1.0.0 <1.1.0", "1.1.0-pre"},
                     {">=1.0.0 <1.1.0-pre", "1.1.0-pre"}},
                    false);
}

// node-semver's clean-ups of comparator sets change answers; kept on purpose.
TEST(NpmSatisfies, NodeSemverQuirks) {
    ExpectSatisfies({{"1.2.3-beta || *", "1.2.3-beta"},  // "*" alone replaces the range
                     {"* || 1.2.3-beta", "1.2.3-beta"},
                     {">=0.0.0", "1.0.0-rc.1"},
                     {"<0.0.0-0", "0.0.0"}},
                    false);
    ExpectSatisfies({{"<0.0.0-0 || 1.2.3", "1.2.3"},  // null sets dropped when others exist
                     {"1.2.3 - 9007199254740990", "1.2.4"},
                     {"\xC2\xA0"
                      "1.2.3\xE3\x80\x80||\xE2\x80\xA8"
                      "2.0.0",
                      "2.0.0"}},
                    true);
}

TEST(NpmSatisfies, InvalidRangesAndVersionsAreInvalidInput) {
    const std::string too_long(kMaxNpmRangeLength + 1, '1');
    const std::vector<RangeCase> invalid = {
        {"blerg", "1.2.3"},
        {"git+https://user:password0123@github.com/foo", "1.2.3"},
        {">01.02.03", "1.2.3"},
        {"~1.2.3beta", "1.2.3"},
        {"1.2.3 ||| 2", "1.2.3"},
        {"*.1", "1.2.3"},
        {"^9007199254740991", "1.2.3"},  // the upper bound overflows Number.MAX_SAFE_INTEGER
        {"1.2.3", "1.2"},
        {"1.2.3", ""},
        {"1.2.3", "01.2.3"},
        {too_long.c_str(), "1.2.3"},
    };
    for (const RangeCase& c : invalid) {
        auto rc = NpmSatisfies(c.version, c.range);
        ASSERT_FALSE(rc.ok()) << "'" << c.range << "' " << c.version;
        EXPECT_EQ(rc.error().code(), ErrorCode::kInvalidInput);
    }
}

}  // namespace
}  // namespace kensa::knowledge
