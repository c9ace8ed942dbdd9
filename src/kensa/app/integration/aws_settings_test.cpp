#include "kensa/app/integration/aws_settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/mocks/aws_mocks.h"
#include "tests/mocks/groups.h"
#include "tests/mocks/store_mocks.h"

namespace kensa::app {
namespace {

using ::testing::_;
using ::testing::NiceMock;
using ::testing::Return;

constexpr domain::Id kGroup = 1;

// What the AWS adapter makes of an answer (aws/aws_error.cpp ToKensaError).
Error AnswerError(ErrorCode code, const std::string& aws_code, bool aws_shaped) {
    Error e(code, "answer");
    e.With("aws_code", aws_code).With("http_status", "404");
    if (!aws_shaped) {
        e.With("not_aws", "true");
    }
    return e;
}

class AwsSettingsTest : public ::testing::Test {
protected:
    AwsSettingsTest()
        : box_(*SecretBox::FromRawKey(std::string(32, 'k'))),
          clock_(1700000000),
          ctx_{store_, aws_.Factory(), box_, clock_} {
        group_ = testing::GroupWithAccessKey(box_, kGroup, "blue");
        ON_CALL(store_, GetGroup(kGroup)).WillByDefault(Return(Result<domain::Group>(group_)));
        ON_CALL(store_, AppendAudit(_)).WillByDefault(Return(Ok()));
        ON_CALL(store_, UpdateGroupAws(_, _)).WillByDefault(Return(Ok()));
        ON_CALL(aws_.lambda, GetFunction(_))
            .WillByDefault(Return(Result<ports::LambdaFunctionInfo>(
                AnswerError(ErrorCode::kNotFound, "ResourceNotFoundException", true))));
        ON_CALL(aws_.sts, GetCallerIdentity())
            .WillByDefault(Return(Result<ports::CallerIdentity>(
                ports::CallerIdentity{"123456789012", "arn:aws:iam::123456789012:user/k", "u"})));
    }

    AwsSettingsInput Input(std::string endpoint, std::string secret = "") {
        AwsSettingsInput in;
        in.auth_type = domain::AwsAuthType::kAccessKey;
        in.region = "us-east-1";
        in.access_key_id = "AKIAIOSFODNN7EXAMPLE";
        in.secret_access_key = std::move(secret);
        in.endpoint_url = std::move(endpoint);
        return in;
    }

    NiceMock<testing::MockStore> store_;
    testing::MockAws aws_;
    SecretBox box_;
    ManualClock clock_;
    domain::Group group_;
    AppContext ctx_;
};

TEST_F(AwsSettingsTest, ABareHtml404FailsTheConnectionTest) {
    // moto's answer on a mistyped endpoint: HTTP 404 with an HTML page, no AWS error.
    ON_CALL(aws_.inspector, ListCoverage(_, _))
        .WillByDefault(Return(Status(AnswerError(ErrorCode::kNotFound, "NotFound", false))));
    auto report = TestConnection(ctx_, kGroup);
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->ok);
    EXPECT_FALSE(report->permissions[0].granted);
    EXPECT_NE(report->error.find("does not look like AWS"), std::string::npos) << report->error;
    EXPECT_TRUE(report->missing.empty());  // no IAM statement would mend it
}

TEST_F(AwsSettingsTest, OnlyAwsErrorsThatFollowAuthorisationCountAsGranted) {
    ON_CALL(aws_.lambda, GetFunction(_))
        .WillByDefault(Return(Result<ports::LambdaFunctionInfo>(
            AnswerError(ErrorCode::kNotFound, "ResourceNotFoundException", true))));
    ON_CALL(aws_.inspector, ListFindings(_, _))
        .WillByDefault(Return(
            Status(AnswerError(ErrorCode::kPermissionDenied, "AccessDeniedException", true))));
    // A generic JSON API's 404 has an error shape too, but it is not AWS authorising the call.
    ON_CALL(aws_.inspector, ListCoverage(_, _))
        .WillByDefault(Return(Status(AnswerError(ErrorCode::kNotFound, "not_found", true))));
    auto report = TestConnection(ctx_, kGroup);
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->ok);
    EXPECT_EQ(report->missing,
              (std::vector<std::string>{"inspector2:ListCoverage", "inspector2:ListFindings"}));
    EXPECT_TRUE(report->permissions[3].granted);  // GetFunction: ResourceNotFoundException
    EXPECT_TRUE(report->error.empty());
}

TEST_F(AwsSettingsTest, ACustomEndpointNeedsTheOperatorsRuleAndTheSecretAgain) {
    auto none = SetAwsSettings(ctx_, kGroup, Input("http://127.0.0.1:1", "secret"), "alice");
    ASSERT_FALSE(none.ok());  // no rule bound: AWS's own endpoints only
    EXPECT_EQ(none.error().Detail("field"), "endpoint_url");
    std::vector<std::string> asked;
    ctx_.check_endpoint_url = [&](const std::string& url) -> Status {
        asked.push_back(url);
        if (url == "http://127.0.0.1:1") {
            return Error(ErrorCode::kInvalidInput, "not on the list").With("field", "endpoint_url");
        }
        return Ok();
    };
    auto refused = SetAwsSettings(ctx_, kGroup, Input("http://127.0.0.1:1", "secret"), "alice");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().Detail("field"), "endpoint_url");
    // The stored group has a secret: moving its signed requests elsewhere takes it again.
    auto moved = SetAwsSettings(ctx_, kGroup, Input("http://127.0.0.1:4566"), "alice");
    ASSERT_FALSE(moved.ok());
    EXPECT_EQ(moved.error().Detail("field"), "secret_access_key");
    EXPECT_CALL(store_, UpdateGroupAws(kGroup, _)).WillOnce(Return(Ok()));
    EXPECT_TRUE(
        SetAwsSettings(ctx_, kGroup, Input("http://127.0.0.1:4566", "secret"), "alice").ok());
    EXPECT_EQ(asked.size(), 3u);
}

TEST_F(AwsSettingsTest, AGroupWithoutKeysFailsClosed) {
    group_.aws.access_key_id.clear();
    ON_CALL(store_, GetGroup(kGroup)).WillByDefault(Return(Result<domain::Group>(group_)));
    bool factory_called = false;
    ctx_.aws_factory = [&](const ports::AwsConnectSpec&) -> Result<ports::AwsClients> {
        factory_called = true;  // the default chain would start here
        return Error(ErrorCode::kInternal, "unreachable");
    };
    auto report = TestConnection(ctx_, kGroup);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.error().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(report.error().message().find("host's own credentials"), std::string::npos);
    EXPECT_FALSE(factory_called);
}

}  // namespace
}  // namespace kensa::app
