#include "kensa/aws/aws_error.h"

#include <gtest/gtest.h>

#include "kensa/aws/testing/fake_transport.h"

namespace kensa::aws {
namespace {

using testing::MakeResponse;

TEST(AwsErrorTest, RestJsonUsesHeaderTypeAndStripsNamespaceAndUri) {
    auto response =
        MakeResponse(400,
                     R"({"message":"bad filter","reason":"FIELD_VALIDATION_FAILED"})",
                     {{"X-Amzn-ErrorType", "aws.inspector2#ValidationException:http://internal/"},
                      {"x-amzn-RequestId", "req-1"}});
    AwsError error = ParseAwsError(Protocol::kRestJson, response);
    EXPECT_EQ(error.code, "ValidationException");
    EXPECT_EQ(error.message, "bad filter");
    EXPECT_EQ(error.request_id, "req-1");
    EXPECT_FALSE(error.retryable);
}

TEST(AwsErrorTest, RestJsonFallsBackToBodyTypeAndLambdaMessage) {
    auto response = MakeResponse(429,
                                 R"({"__type":"TooManyRequestsException","Message":"Rate exceeded",
                                          "Reason":"CallerRateLimitExceeded"})",
                                 {{"Retry-After", "3"}});
    AwsError error = ParseAwsError(Protocol::kRestJson, response);
    EXPECT_EQ(error.code, "TooManyRequestsException");
    EXPECT_EQ(error.message, "Rate exceeded");
    EXPECT_TRUE(error.throttling);
    EXPECT_TRUE(error.retryable);
    ASSERT_TRUE(error.retry_after_seconds.has_value());
    EXPECT_EQ(*error.retry_after_seconds, 3);
}

TEST(AwsErrorTest, GarbageBodyYieldsStatusDerivedCode) {
    AwsError error = ParseAwsError(Protocol::kRestJson, MakeResponse(503, "<html>oops</html>"));
    EXPECT_EQ(error.code, "ServiceUnavailable");
    EXPECT_TRUE(error.retryable);
    AwsError xml = ParseAwsError(Protocol::kRestXml, MakeResponse(500, "not xml at all"));
    EXPECT_EQ(xml.code, "Http500");
    EXPECT_TRUE(xml.retryable);
    EXPECT_FALSE(xml.aws_shaped);
}

TEST(AwsErrorTest, ABareHtml404IsNotAnAwsAnswer) {
    // What moto (and any proxy) answers on a mistyped endpoint.
    AwsError html = ParseAwsError(Protocol::kRestJson,
                                  MakeResponse(404, "<!DOCTYPE html><title>404 Not Found</title>"));
    EXPECT_FALSE(html.aws_shaped);
    EXPECT_EQ(ToKensaError(html, "inspector2:ListCoverage").Detail("not_aws"), "true");
    AwsError aws = ParseAwsError(
        Protocol::kRestJson,
        MakeResponse(404, R"({"__type":"ResourceNotFoundException","message":"no such thing"})"));
    EXPECT_TRUE(aws.aws_shaped);
    EXPECT_EQ(ToKensaError(aws, "lambda:GetFunction").Detail("not_aws"), "");
}

TEST(AwsErrorTest, QueryProtocolErrorResponse) {
    auto response =
        MakeResponse(403, R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code>
  <Message>User is not authorized to perform: sts:AssumeRole</Message></Error>
  <RequestId>abc-123</RequestId></ErrorResponse>)");
    AwsError error = ParseAwsError(Protocol::kQuery, response);
    EXPECT_EQ(error.code, "AccessDenied");
    EXPECT_EQ(error.request_id, "abc-123");
    Error kensa_error = ToKensaError(error, "sts:AssumeRole");
    EXPECT_EQ(kensa_error.code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(kensa_error.Detail("aws_action"), "sts:AssumeRole");
    EXPECT_EQ(kensa_error.Detail("http_status"), "403");
    EXPECT_EQ(kensa_error.Detail("request_id"), "abc-123");
}

TEST(AwsErrorTest, QueryErrorInsideAnErrorsWrapper) {
    // The shape botocore's query parser unwraps too: <Errors> around <Error>.
    auto response = MakeResponse(
        400, R"(<ErrorResponse><Errors><Error><Type>Sender</Type><Code>ExpiredTokenException</Code>
  <Message>The security token included in the request is expired</Message></Error></Errors>
  <RequestId>r-9</RequestId></ErrorResponse>)");
    AwsError error = ParseAwsError(Protocol::kQuery, response);
    EXPECT_EQ(error.code, "ExpiredTokenException");
    EXPECT_EQ(error.message, "The security token included in the request is expired");
    EXPECT_EQ(error.request_id, "r-9");
    auto ec2_style = MakeResponse(
        400, R"(<Response><Errors><Error><Code>AuthFailure</Code><Message>no</Message></Error>
  </Errors><RequestID>x</RequestID></Response>)");
    EXPECT_EQ(ParseAwsError(Protocol::kQuery, ec2_style).code, "AuthFailure");
}

TEST(AwsErrorTest, ExpiredCredentialsAreSaidInADetail) {
    auto response =
        MakeResponse(403, R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>ExpiredToken</Code>
  <Message>The security token included in the request is expired</Message></Error>
  <RequestId>abc-124</RequestId></ErrorResponse>)");
    Error expired =
        ToKensaError(ParseAwsError(Protocol::kQuery, response), "sts:GetCallerIdentity");
    EXPECT_EQ(expired.code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(expired.Detail("credentials_expired"), "true");

    auto invalid =
        MakeResponse(403, R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>
  <Message>The security token included in the request is invalid</Message></Error>
  <RequestId>abc-125</RequestId></ErrorResponse>)");
    Error wrong = ToKensaError(ParseAwsError(Protocol::kQuery, invalid), "sts:GetCallerIdentity");
    EXPECT_EQ(wrong.code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(wrong.Detail("credentials_expired"), "");
}

TEST(AwsErrorTest, S3ErrorWithKmsMessageNamesKmsDecrypt) {
    auto response = MakeResponse(403,
                                 R"(<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>AccessDenied</Code><Message>User is not authorized to perform kms:Decrypt on the resource</Message>
<RequestId>R1</RequestId><HostId>H</HostId></Error>)",
                                 {{"x-amz-request-id", "R1"}});
    Error error = ToKensaError(ParseAwsError(Protocol::kRestXml, response), "s3:GetObject");
    EXPECT_EQ(error.code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(error.Detail("aws_code"), "AccessDenied");
    EXPECT_EQ(error.Detail("kms_action"), "kms:Decrypt");
    EXPECT_EQ(error.Detail("request_id"), "R1");

    auto plain = MakeResponse(
        403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
    EXPECT_EQ(
        ToKensaError(ParseAwsError(Protocol::kRestXml, plain), "s3:GetObject").Detail("kms_action"),
        "");
}

TEST(AwsErrorTest, KensaCodesFollowThePortsContract) {
    auto map = [](std::string code, int status) {
        AwsError error;
        error.code = std::move(code);
        error.http_status = status;
        ClassifyAwsError(&error);
        return ToKensaError(error, "inspector2:ListFindings");
    };
    Error denied = map("AccessDeniedException", 403);
    EXPECT_EQ(denied.code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(denied.Detail("aws_action"), "inspector2:ListFindings");
    EXPECT_EQ(denied.Detail("aws_code"), "AccessDeniedException");
    EXPECT_EQ(map("UnrecognizedClientException", 403).code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(map("ExpiredTokenException", 400).code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(map("ValidationException", 400).code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(map("ResourceNotFoundException", 404).code(), ErrorCode::kNotFound);
    EXPECT_EQ(map("NoSuchKey", 404).code(), ErrorCode::kNotFound);
    Error throttled = map("ThrottlingException", 429);
    EXPECT_EQ(throttled.code(), ErrorCode::kUnavailable);
    EXPECT_EQ(throttled.Detail("throttling"), "true");
    EXPECT_EQ(map("InternalServerException", 500).code(), ErrorCode::kUnavailable);
    EXPECT_EQ(map("ConflictException", 409).code(), ErrorCode::kConflict);
}

TEST(AwsErrorTest, AccessDeniedAndValidationAreNeverRetryable) {
    for (const char* code : {"AccessDenied", "AccessDeniedException", "ValidationException"}) {
        AwsError error;
        error.code = code;
        error.http_status = 500;  // even with a server status
        ClassifyAwsError(&error);
        EXPECT_FALSE(error.retryable) << code;
    }
}

}  // namespace
}  // namespace kensa::aws
