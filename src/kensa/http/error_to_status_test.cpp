#include "kensa/http/error_to_status.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace kensa::http {
namespace {

TEST(ErrorToStatusTest, MapsEveryCode) {
    EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidInput), 400);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kPermissionDenied), 403);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kConflict), 409);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kRateLimited), 429);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503);
}

TEST(ErrorToStatusTest, ProblemBodyCarriesMessageCodeAndDetails) {
    Response response =
        ErrorResponse(Error(ErrorCode::kPermissionDenied, "Inspector denied the call")
                          .With("aws_action", "inspector2:ListFindings"));
    EXPECT_EQ(response.status, 403);
    EXPECT_EQ(response.content_type, "application/problem+json");
    auto body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["type"], "urn:kensa:problem:permission_denied");
    EXPECT_EQ(body["title"], "Forbidden");
    EXPECT_EQ(body["status"], 403);
    EXPECT_EQ(body["detail"], "Inspector denied the call");
    EXPECT_EQ(body["code"], "permission_denied");
    EXPECT_EQ(body["details"]["aws_action"], "inspector2:ListFindings");
    EXPECT_TRUE(response.Header("Retry-After").empty());
}

TEST(ErrorToStatusTest, RateLimitedSetsRetryAfterOnlyForWholeSeconds) {
    Response limited =
        ErrorResponse(Error(ErrorCode::kRateLimited, "slow down").With("retry_after", "30"));
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.Header("retry-after"), "30");
    Response junk = ErrorResponse(
        Error(ErrorCode::kRateLimited, "slow down").With("retry_after", "30\r\nX-Evil: 1"));
    EXPECT_TRUE(junk.Header("Retry-After").empty());
    EXPECT_TRUE(ErrorResponse(Error(ErrorCode::kRateLimited, "x")).Header("Retry-After").empty());
}

TEST(ErrorToStatusTest, EmptyDetailsIsAnObjectAndInvalidUtf8DoesNotThrow) {
    Response response = ErrorResponse(Error(ErrorCode::kInvalidInput, "bad byte \xff here"));
    auto body = nlohmann::json::parse(response.body);
    EXPECT_TRUE(body["details"].is_object());
    EXPECT_EQ(body["status"], 400);
}

TEST(ErrorToStatusTest, ProblemAndJsonResponses) {
    Response problem = ProblemResponse(405, "method_not_allowed", "no");
    EXPECT_EQ(problem.status, 405);
    EXPECT_EQ(nlohmann::json::parse(problem.body)["title"], "Method Not Allowed");
    Response json = JsonResponse(201, R"({"id":1})");
    EXPECT_EQ(json.status, 201);
    EXPECT_EQ(json.content_type, "application/json");
    EXPECT_EQ(json.body, R"({"id":1})");
}

}  // namespace
}  // namespace kensa::http
