// Retry behaviour of AwsServiceClient (AWS "standard" mode) against a scripted transport; the
// ManualClock records how long the client "slept".

#include "kensa/aws/retry.h"

#include <gtest/gtest.h>

#include "kensa/aws/client_core.h"
#include "kensa/aws/testing/fake_transport.h"

namespace kensa::aws {
namespace {

using testing::FakeTransport;
using testing::MakeResponse;

constexpr int64_t kEpoch = 1700000000;

HttpResponse Throttled(std::vector<std::pair<std::string, std::string>> headers = {}) {
    headers.emplace_back("X-Amzn-ErrorType", "ThrottlingException");
    return MakeResponse(429, R"({"message":"Rate exceeded"})", std::move(headers));
}

class RetryTest : public ::testing::Test {
protected:
    AwsServiceClient MakeClient(int max_attempts = 3, RetryQuotaPtr quota = nullptr) {
        ServiceContext context;
        context.transport = transport_;
        context.credentials =
            MakeStaticProvider({"AKIDEXAMPLE", "secret", "", std::nullopt, "static"});
        context.clock = &clock_;
        context.region = "us-east-1";
        context.signing_name = "inspector2";
        context.protocol = Protocol::kRestJson;
        context.endpoint.base_url = "https://inspector2.us-east-1.amazonaws.com";
        context.retry.max_attempts = max_attempts;
        context.retry.random = [] { return 0.5; };
        context.quota = quota ? quota : std::make_shared<RetryQuota>();
        return AwsServiceClient(context);
    }
    OperationRequest Op() {
        OperationRequest request;
        request.operation = "ListFindings";
        request.http.method = "POST";
        request.http.path = "/findings/list";
        request.http.body = "{}";
        return request;
    }
    int64_t SleptMs() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   clock_.SystemNow().time_since_epoch())
                   .count() -
               kEpoch * 1000;
    }

    std::shared_ptr<FakeTransport> transport_ = std::make_shared<FakeTransport>();
    ManualClock clock_{kEpoch};
};

TEST_F(RetryTest, ThrottlingIsRetriedWithJitteredBackoffThenSucceeds) {
    transport_->Push(Throttled());
    transport_->Push(Throttled());
    transport_->Push(MakeResponse(200, "{}"));
    auto response = MakeClient().Call(Op());
    ASSERT_TRUE(response.ok()) << response.error().ToString();
    EXPECT_EQ(transport_->request_count(), 3u);
    EXPECT_EQ(SleptMs(), 500 + 1000);  // 0.5 * 2^0 s + 0.5 * 2^1 s
}

TEST_F(RetryTest, ThrottlingSurfacesAfterMaxAttempts) {
    transport_->SetHandler(
        [](const std::string&, const HttpRequest&) -> Result<HttpResponse> { return Throttled(); });
    auto response = MakeClient().Call(Op());
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(transport_->request_count(), 3u);
    const Error& error = response.error();
    EXPECT_EQ(error.code(), ErrorCode::kUnavailable);
    EXPECT_EQ(error.Detail("throttling"), "true");
    EXPECT_EQ(error.Detail("attempts"), "3");
    EXPECT_EQ(error.Detail("aws_action"), "inspector2:ListFindings");
}

TEST_F(RetryTest, MaxAttemptsIsConfigurable) {
    transport_->SetHandler(
        [](const std::string&, const HttpRequest&) -> Result<HttpResponse> { return Throttled(); });
    EXPECT_FALSE(MakeClient(5).Call(Op()).ok());
    EXPECT_EQ(transport_->request_count(), 5u);
}

TEST_F(RetryTest, AccessDeniedAndValidationAreNotRetried) {
    transport_->Push(
        MakeResponse(403, R"({"message":"no"})", {{"X-Amzn-ErrorType", "AccessDeniedException"}}));
    auto denied = MakeClient().Call(Op());
    ASSERT_FALSE(denied.ok());
    EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(denied.error().Detail("aws_action"), "inspector2:ListFindings");
    EXPECT_EQ(transport_->request_count(), 1u);

    transport_->Push(
        MakeResponse(400, R"({"message":"bad"})", {{"X-Amzn-ErrorType", "ValidationException"}}));
    auto invalid = MakeClient().Call(Op());
    EXPECT_EQ(invalid.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(transport_->request_count(), 2u);
    EXPECT_EQ(SleptMs(), 0);
}

TEST_F(RetryTest, RetryAfterHeaderIsHonoured) {
    transport_->Push(Throttled({{"Retry-After", "7"}}));
    transport_->Push(MakeResponse(200, "{}"));
    ASSERT_TRUE(MakeClient().Call(Op()).ok());
    EXPECT_EQ(SleptMs(), 7000);
}

TEST_F(RetryTest, BackoffIsCappedAtTwentySeconds) {
    RetryOptions options;
    options.random = [] { return 0.999; };
    EXPECT_EQ(RetryDelay(options, 1, -1).count(), 999);
    EXPECT_EQ(RetryDelay(options, 10, -1).count(), 20000);
    EXPECT_EQ(RetryDelay(options, 2, 600).count(), 20000);
    options.random = [] { return 0.0; };
    EXPECT_EQ(RetryDelay(options, 5, -1).count(), 0);  // full jitter reaches zero
}

TEST_F(RetryTest, QuotaExhaustionStopsRetrying) {
    auto quota = std::make_shared<RetryQuota>(7);  // room for one retry (5), not two
    transport_->SetHandler([](const std::string&, const HttpRequest&) -> Result<HttpResponse> {
        return MakeResponse(
            500, R"({"message":"boom"})", {{"X-Amzn-ErrorType", "InternalServerException"}});
    });
    auto response = MakeClient(5, quota).Call(Op());
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(transport_->request_count(), 2u);
    EXPECT_EQ(response.error().Detail("retry_quota_exhausted"), "true");
    EXPECT_EQ(quota->available(), 2);
}

TEST_F(RetryTest, QuotaRefundsOnSuccess) {
    auto quota = std::make_shared<RetryQuota>();
    transport_->Push(Throttled());
    transport_->Push(MakeResponse(200, "{}"));
    ASSERT_TRUE(MakeClient(3, quota).Call(Op()).ok());
    EXPECT_EQ(quota->available(), RetryQuota::kInitialTokens);
    RetryQuota bucket(100);
    EXPECT_EQ(bucket.Acquire(/*timeout_error=*/true), RetryQuota::kTimeoutRetryCost);
    EXPECT_EQ(bucket.available(), 90);
    bucket.Release(0);
    EXPECT_EQ(bucket.available(), 91);
}

TEST_F(RetryTest, TransportTimeoutsAreRetriedAndCostMore) {
    auto quota = std::make_shared<RetryQuota>();
    transport_->Push(Error(ErrorCode::kUnavailable, "timeout").With("timeout", "true"));
    transport_->Push(MakeResponse(200, "{}"));
    ASSERT_TRUE(MakeClient(3, quota).Call(Op()).ok());
    EXPECT_EQ(transport_->request_count(), 2u);
}

TEST_F(RetryTest, EveryAttemptIsFreshlySigned) {
    transport_->Push(Throttled({{"Retry-After", "2"}}));
    transport_->Push(MakeResponse(200, "{}"));
    ASSERT_TRUE(MakeClient().Call(Op()).ok());
    auto requests = transport_->requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_NE(requests[0].request.Header("X-Amz-Date"), requests[1].request.Header("X-Amz-Date"));
    EXPECT_EQ(requests[0].request.Header("Host"), "inspector2.us-east-1.amazonaws.com");
    EXPECT_NE(requests[1]
                  .request.Header("Authorization")
                  .find("Credential=AKIDEXAMPLE/20231114/us-east-1/inspector2/"),
              std::string::npos);
}

TEST_F(RetryTest, PartiallyStreamedBodiesAreNotRetried) {
    transport_->SetRawHandler([](const HttpRequest&, const BodySink* sink) -> Result<HttpResponse> {
        (*sink)("first half");
        return Error(ErrorCode::kUnavailable, "connection reset");
    });
    std::string got;
    BodySink sink = [&](std::string_view chunk) {
        got.append(chunk);
        return true;
    };
    OperationRequest op = Op();
    op.sink = &sink;
    auto response = MakeClient().Call(op);
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(transport_->request_count(), 1u);  // a retry would hand the caller the bytes twice
    EXPECT_EQ(got, "first half");
}

TEST_F(RetryTest, StreamingCallsAreRetriedWhenNothingWasDelivered) {
    transport_->SetRawHandler([](const HttpRequest&, const BodySink*) -> Result<HttpResponse> {
        return Error(ErrorCode::kUnavailable, "connection refused");
    });
    BodySink sink = [](std::string_view) { return true; };
    OperationRequest op = Op();
    op.sink = &sink;
    EXPECT_FALSE(MakeClient().Call(op).ok());
    EXPECT_EQ(transport_->request_count(), 3u);
}

}  // namespace
}  // namespace kensa::aws
