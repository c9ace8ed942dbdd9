#include "kensa/aws/sigv4/signer.h"

#include <gtest/gtest.h>

#include "kensa/common/crypto.h"

namespace kensa::aws {
namespace {

SigningParams S3Params() {
    SigningParams params;
    params.service = "s3";
    params.region = "us-east-1";
    params.s3 = true;
    EXPECT_TRUE(ParseIso8601("2013-05-24T00:00:00Z", &params.time));
    return params;
}

const Credentials kS3Creds{
    "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "", std::nullopt, ""};

// AWS's documented S3 example "GET Object" (Range header), from the S3 SigV4 documentation.
TEST(SigV4S3, DocumentedGetObjectExample) {
    HttpRequest req;
    req.method = "GET";
    req.path = "/test.txt";
    req.headers = {{"Host", "examplebucket.s3.amazonaws.com"}, {"Range", "bytes=0-9"}};
    SigningParams params = S3Params();
    SigV4Signer::Sign(req, kS3Creds, params);
    EXPECT_EQ(
        req.Header("Authorization"),
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

// AWS's documented S3 example "GET Bucket lifecycle" / list objects: query without value.
TEST(SigV4S3, DocumentedListObjectsExample) {
    HttpRequest req;
    req.method = "GET";
    req.path = "/";
    req.query = "max-keys=2&prefix=J";
    req.headers = {{"Host", "examplebucket.s3.amazonaws.com"}};
    SigV4Signer::Sign(req, kS3Creds, S3Params());
    EXPECT_EQ(
        req.Header("Authorization"),
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
        "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

// AWS's documented presigned URL example.
TEST(SigV4S3, DocumentedPresignedUrlExample) {
    HttpRequest req;
    req.method = "GET";
    req.path = "/test.txt";
    req.headers = {{"Host", "examplebucket.s3.amazonaws.com"}};
    SigV4Signer::Presign(req, kS3Creds, S3Params(), 86400);
    EXPECT_NE(
        req.query.find(
            "X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"),
        std::string::npos)
        << req.query;
}

// S3 keys from Inspector exports contain ':' and '='; they are encoded once by the caller and
// must not be normalised or encoded again.
TEST(SigV4S3, KeysWithColonAndEqualsAreSignedAsSent) {
    HttpRequest req;
    req.method = "GET";
    req.path = "/bucket/prefix/arn%3Aaws%3Alambda/account%3D123456789012/x.json";
    req.headers = {{"Host", "127.0.0.1:4566"}};
    std::string creq = sigv4::CanonicalRequest(req, {"host"}, sigv4::kUnsignedPayload, /*s3=*/true);
    EXPECT_EQ(creq.substr(0, creq.find('\n', 4)),
              "GET\n/bucket/prefix/arn%3Aaws%3Alambda/account%3D123456789012/x.json");
    // A non-S3 service encodes the '%' again.
    std::string creq_other =
        sigv4::CanonicalRequest(req, {"host"}, sigv4::kUnsignedPayload, /*s3=*/false);
    EXPECT_NE(creq_other.find("arn%253Aaws"), std::string::npos);
    // S3 does not collapse "//" or resolve "..".
    EXPECT_EQ(sigv4::CanonicalUri("/b//a/../k", true), "/b//a/../k");
    EXPECT_EQ(sigv4::CanonicalUri("/b//a/../k", false), "/b/k");
}

TEST(SigV4, SessionTokenIsSigned) {
    HttpRequest req;
    req.method = "POST";
    req.path = "/findings/list";
    req.headers = {{"Host", "inspector2.us-east-1.amazonaws.com"},
                   {"Content-Type", "application/json"}};
    req.body = "{}";
    Credentials creds = kS3Creds;
    creds.session_token = "TOKEN";
    SigningParams params = S3Params();
    params.s3 = false;
    params.service = "inspector2";
    SigV4Signer::Sign(req, creds, params);
    EXPECT_EQ(req.Header("X-Amz-Security-Token"), "TOKEN");
    ParsedAuthorization auth;
    ASSERT_TRUE(ParseAuthorization(req.Header("Authorization"), &auth));
    EXPECT_EQ(
        auth.signed_headers,
        (std::vector<std::string>{"content-type", "host", "x-amz-date", "x-amz-security-token"}));
    EXPECT_EQ(auth.service, "inspector2");
    EXPECT_FALSE(req.HasHeader("x-amz-content-sha256"));
    // Verifying with the same code path reproduces the signature; a changed token does not.
    std::string creq =
        sigv4::CanonicalRequest(req, auth.signed_headers, crypto::Sha256Hex(req.body), false);
    std::string key =
        sigv4::SigningKey(creds.secret_access_key, auth.date8, auth.region, auth.service);
    std::string sts =
        sigv4::StringToSign(req.Header("X-Amz-Date"),
                            sigv4::CredentialScope(auth.date8, auth.region, auth.service),
                            creq);
    EXPECT_EQ(sigv4::Signature(key, sts), auth.signature);
    req.SetHeader("X-Amz-Security-Token", "OTHER");
    creq = sigv4::CanonicalRequest(req, auth.signed_headers, crypto::Sha256Hex(req.body), false);
    sts = sigv4::StringToSign(req.Header("X-Amz-Date"),
                              sigv4::CredentialScope(auth.date8, auth.region, auth.service),
                              creq);
    EXPECT_NE(sigv4::Signature(key, sts), auth.signature);
}

TEST(SigV4, ParseAuthorizationRejectsMalformed) {
    ParsedAuthorization auth;
    EXPECT_FALSE(ParseAuthorization("AWS AKID:sig", &auth));
    EXPECT_FALSE(ParseAuthorization(
        "AWS4-HMAC-SHA256 Credential=AK/2015/us-east-1/s3, SignedHeaders=host, Signature=ab",
        &auth));
    EXPECT_FALSE(ParseAuthorization(
        "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/s3/aws4_request", &auth));
    EXPECT_TRUE(
        ParseAuthorization("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/s3/aws4_request, "
                           "SignedHeaders=host;x-amz-date, Signature=ab",
                           &auth));
    EXPECT_EQ(auth.region, "us-east-1");
}

}  // namespace
}  // namespace kensa::aws
