#include <gtest/gtest.h>

#include "kensa/common/clock.h"
#include "kensa/common/crypto.h"
#include "kensa/common/error.h"
#include "kensa/common/strings.h"

namespace kensa {
namespace {

Result<int> Half(int v) {
    if (v % 2 != 0) {
        return Error(ErrorCode::kInvalidInput, "odd").With("value", std::to_string(v));
    }
    return v / 2;
}

Result<int> Quarter(int v) {
    KENSA_ASSIGN_OR_RETURN(int h, Half(v));
    return Half(h);
}

TEST(Result, PropagatesErrorsWithDetails) {
    EXPECT_EQ(*Quarter(8), 2);
    auto r = Quarter(6);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().Detail("value"), "3");
    EXPECT_EQ(r.error().ToString(), "odd (value=3)");
}

TEST(Strings, UriEncodeFollowsRfc3986) {
    EXPECT_EQ(UriEncode("a b/c~d=e:f"), "a%20b%2Fc~d%3De%3Af");
    EXPECT_EQ(UriEncode("a b/c", false), "a%20b/c");
    EXPECT_EQ(UriDecode("a%20b%2fc+d", true), "a b/c d");
    EXPECT_EQ(UriDecode("100%"), "100%");
    EXPECT_EQ(UriDecode("%zz"), "%zz");
}

TEST(Strings, UuidIsVersion4) {
    std::string id = NewUuid();
    ASSERT_EQ(id.size(), 36u);
    EXPECT_EQ(id[14], '4');
    EXPECT_NE(NewUuid(), id);
}

TEST(Crypto, KnownVectors) {
    EXPECT_EQ(crypto::Sha256Hex(""),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // RFC 4231 test case 2.
    EXPECT_EQ(HexEncode(crypto::HmacSha256("Jefe", "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    std::string decoded;
    ASSERT_TRUE(crypto::Base64Decode(crypto::Base64Encode("kensa!"), &decoded));
    EXPECT_EQ(decoded, "kensa!");
    EXPECT_FALSE(crypto::Base64Decode("abc", &decoded));
    crypto::Sha256Stream stream;
    stream.Update("ab");
    stream.Update("c");
    EXPECT_EQ(stream.FinishHex(), crypto::Sha256Hex("abc"));
}

TEST(Clock, Iso8601RoundTrip) {
    SystemTime t;
    ASSERT_TRUE(ParseIso8601("2015-08-30T12:36:00Z", &t));
    EXPECT_EQ(FormatAmzDate(t), "20150830T123600Z");
    EXPECT_EQ(FormatIso8601(t), "2015-08-30T12:36:00Z");
    ASSERT_TRUE(ParseIso8601("2015-08-30T14:36:00.250+02:00", &t));
    EXPECT_EQ(FormatIso8601(t), "2015-08-30T12:36:00Z");
    EXPECT_FALSE(ParseIso8601("2015-13-30T12:36:00Z", &t));
    EXPECT_FALSE(ParseIso8601("yesterday", &t));
}

}  // namespace
}  // namespace kensa
