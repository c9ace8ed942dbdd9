#include "kensa/http/router.h"

#include <gtest/gtest.h>

namespace kensa::http {
namespace {

Handler Tagged(std::string tag) {
    return [tag](const Request&) {
        Response response;
        response.body = tag;
        return response;
    };
}

std::string Call(const RouteMatch& match) {
    return match.handler == nullptr ? "<none>" : (*match.handler)(Request{}).body;
}

TEST(RouterTest, CapturesPathParametersAndDecodesEachSegment) {
    Router router;
    ASSERT_TRUE(router.Add("GET", "/api/v1/groups/{group}/servers/{id}", Tagged("server")).ok());
    RouteMatch match = router.Match("GET", "/api/v1/groups/g%201/servers/a%2Fb");
    ASSERT_EQ(match.kind, RouteMatch::Kind::kMatched);
    EXPECT_EQ(Call(match), "server");
    EXPECT_EQ(match.pattern, "/api/v1/groups/{group}/servers/{id}");
    EXPECT_EQ(match.params.at("group"), "g 1");
    EXPECT_EQ(match.params.at("id"), "a/b");  // %2F stays inside the segment
}

TEST(RouterTest, LiteralSegmentsBeatParametersWhateverTheOrder) {
    Router router;
    ASSERT_TRUE(router.Add("GET", "/groups/{id}", Tagged("param")).ok());
    ASSERT_TRUE(router.Add("GET", "/groups/new", Tagged("literal")).ok());
    ASSERT_TRUE(router.Add("GET", "/{rest...}", Tagged("rest")).ok());
    EXPECT_EQ(Call(router.Match("GET", "/groups/new")), "literal");
    EXPECT_EQ(Call(router.Match("GET", "/groups/42")), "param");
    EXPECT_EQ(Call(router.Match("GET", "/groups/42/x")), "rest");
}

TEST(RouterTest, RestParameterTakesTheRemainingPath) {
    Router router;
    ASSERT_TRUE(router.Add("GET", "/assets/{path...}", Tagged("asset")).ok());
    RouteMatch match = router.Match("GET", "/assets/js/app.js");
    ASSERT_EQ(match.kind, RouteMatch::Kind::kMatched);
    EXPECT_EQ(match.params.at("path"), "js/app.js");
    EXPECT_EQ(router.Match("GET", "/assets").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(router.Match("GET", "/assets/").kind, RouteMatch::Kind::kNotFound);
}

TEST(RouterTest, ExactSegmentCountRootAndTrailingSlash) {
    Router router;
    ASSERT_TRUE(router.Add("GET", "/", Tagged("root")).ok());
    ASSERT_TRUE(router.Add("GET", "/healthz", Tagged("health")).ok());
    EXPECT_EQ(Call(router.Match("GET", "/")), "root");
    EXPECT_EQ(Call(router.Match("GET", "/healthz")), "health");
    EXPECT_EQ(router.Match("GET", "/healthz/").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(router.Match("GET", "/healthz/x").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(router.Match("GET", "/nothing").kind, RouteMatch::Kind::kNotFound);
}

TEST(RouterTest, WrongMethodListsAllowedMethodsSorted) {
    Router router;
    ASSERT_TRUE(router.Add("PUT", "/items/{id}", Tagged("put")).ok());
    ASSERT_TRUE(router.Add("GET", "/items/{id}", Tagged("get")).ok());
    ASSERT_TRUE(router.Add("POST", "/items", Tagged("post")).ok());
    RouteMatch match = router.Match("DELETE", "/items/7");
    ASSERT_EQ(match.kind, RouteMatch::Kind::kMethodNotAllowed);
    EXPECT_EQ(match.allowed_methods, (std::vector<std::string>{"GET", "PUT"}));
    EXPECT_EQ(match.handler, nullptr);
}

TEST(RouterTest, HeadFallsBackToGet) {
    Router router;
    ASSERT_TRUE(router.Add("GET", "/x", Tagged("get")).ok());
    EXPECT_EQ(Call(router.Match("HEAD", "/x")), "get");
    ASSERT_TRUE(router.Add("HEAD", "/x", Tagged("head")).ok());
    EXPECT_EQ(Call(router.Match("HEAD", "/x")), "head");
}

TEST(RouterTest, RejectsMalformedAndDuplicatePatterns) {
    Router router;
    EXPECT_FALSE(router.Add("GET", "no-slash", Tagged("x")).ok());
    EXPECT_FALSE(router.Add("GET", "/a/{}", Tagged("x")).ok());
    EXPECT_FALSE(router.Add("GET", "/a/{x}/{x}", Tagged("x")).ok());
    EXPECT_FALSE(router.Add("GET", "/a/x{y}", Tagged("x")).ok());
    EXPECT_FALSE(router.Add("GET", "/a/{rest...}/b", Tagged("x")).ok());
    EXPECT_FALSE(router.Add("GET", "/a/{bad-name}", Tagged("x")).ok());
    ASSERT_TRUE(router.Add("GET", "/a/{id}", Tagged("x")).ok());
    Status duplicate = router.Add("GET", "/a/{other}", Tagged("y"));
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code(), ErrorCode::kInvalidInput);
    EXPECT_TRUE(router.Add("POST", "/a/{id}", Tagged("z")).ok());
}

TEST(RouterTest, EmptyParameterSegmentDoesNotMatch) {
    Router router;
    ASSERT_TRUE(router.Add("GET", "/a/{id}/b", Tagged("x")).ok());
    EXPECT_EQ(router.Match("GET", "/a//b").kind, RouteMatch::Kind::kNotFound);
}

}  // namespace
}  // namespace kensa::http
