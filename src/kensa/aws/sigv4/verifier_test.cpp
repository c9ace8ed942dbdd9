// The verifier against requests signed by kensa's own signer: what signs verifies, and each
// way a request can be wrong gets its own failure.
#include "kensa/aws/sigv4/verifier.h"

#include <gtest/gtest.h>

#include "kensa/common/crypto.h"

namespace kensa::aws::sigv4 {
namespace {

constexpr int64_t kNow = 1796000000;  // November 2026

struct Signed {
    HttpRequest req;
    VerifyKey key;
};

Signed SignPut(const std::string& body, const std::string& token = "session-token") {
    Signed s;
    s.req.method = "PUT";
    s.req.path = "/kensa-vuls/vuls/1/abc/u-1.json";
    s.req.headers = {{"Host", "127.0.0.1:8080"}};
    s.req.body = body;
    Credentials creds;
    creds.access_key_id = "ASIAKENSAEXAMPLE0001";
    creds.secret_access_key = "secret-of-the-upload";
    creds.session_token = token;
    SigningParams params;
    params.service = "s3";
    params.region = "ap-northeast-1";
    params.time = std::chrono::system_clock::from_time_t(kNow);
    params.s3 = true;
    SigV4Signer::Sign(s.req, creds, params);
    s.key = VerifyKey{creds.secret_access_key, crypto::Sha256Hex(token), kNow + 3600};
    return s;
}

Verification Check(const Signed& s, int64_t now = kNow) {
    VerifyContext ctx;
    ctx.wall_now = std::chrono::system_clock::from_time_t(now);
    ctx.expiry_now = now;
    ctx.s3 = true;
    return Verify(s.req, ctx, [&](const std::string& akid) -> std::optional<VerifyKey> {
        if (akid != "ASIAKENSAEXAMPLE0001") {
            return std::nullopt;
        }
        return s.key;
    });
}

TEST(SigV4Verifier, ASignedPutVerifiesInAnyRegionWhenTheServiceNamesNone) {
    Signed s = SignPut("{\"jsonVersion\":4}");
    Verification v = Check(s);
    EXPECT_TRUE(v.ok()) << static_cast<int>(v.failure) << " " << v.detail;
    EXPECT_EQ(v.scope.region, "ap-northeast-1");
    EXPECT_EQ(v.scope.service, "s3");
}

TEST(SigV4Verifier, EachWrongThingHasItsFailure) {
    Signed s = SignPut("{}");
    Signed body = s;
    body.req.body = "{\"x\":1}";
    EXPECT_EQ(Check(body).failure, Failure::kPayloadMismatch);

    Signed path = s;
    path.req.path = "/kensa-vuls/vuls/2/abc/u-1.json";
    EXPECT_EQ(Check(path).failure, Failure::kBadSignature);

    Signed secret = s;
    secret.key.secret_access_key = "another";
    EXPECT_EQ(Check(secret).failure, Failure::kBadSignature);

    Signed token = s;
    token.req.SetHeader("X-Amz-Security-Token", "forged");
    EXPECT_EQ(Check(token).failure, Failure::kInvalidToken);

    Signed no_token = s;
    no_token.key.session_token_sha256.clear();  // a long-term key must carry no token
    EXPECT_EQ(Check(no_token).failure, Failure::kInvalidToken);

    EXPECT_EQ(Check(s, kNow + 3600).failure, Failure::kExpiredToken);
    Signed long_term = SignPut("{}", "");
    long_term.key.session_token_sha256.clear();
    EXPECT_TRUE(Check(long_term).ok());
    EXPECT_EQ(Check(long_term, kNow + 16 * 60).failure, Failure::kSkewed);

    Signed unknown = s;
    unknown.req.SetHeader(
        "Authorization",
        unknown.req.Header("Authorization")
            .replace(unknown.req.Header("Authorization").find("ASIA"), 4, "AKIA"));
    EXPECT_EQ(Check(unknown).failure, Failure::kUnknownKey);

    Signed none = s;
    none.req.headers = {{"Host", "127.0.0.1:8080"}};
    EXPECT_EQ(Check(none).failure, Failure::kMissing);

    Signed garbled = s;
    garbled.req.SetHeader("Authorization", "AWS4-HMAC-SHA256 nonsense");
    EXPECT_EQ(Check(garbled).failure, Failure::kMalformed);

    VerifyContext pinned;
    pinned.region = "us-east-1";
    pinned.wall_now = std::chrono::system_clock::from_time_t(kNow);
    pinned.s3 = true;
    EXPECT_EQ(
        Verify(s.req, pinned, [&](const std::string&) { return std::optional(s.key); }).failure,
        Failure::kWrongRegion);
}

}  // namespace
}  // namespace kensa::aws::sigv4
