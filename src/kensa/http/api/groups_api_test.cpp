// /api/v1/groups: list, create, get, AWS integration, its test, and the schedule.
#include "kensa/http/api/groups_api.h"

#include <gtest/gtest.h>

#include "kensa/http/api/testing/api_harness.h"

namespace kensa::http::api::testing {
namespace {

using ::testing::_;
using ::testing::Return;

constexpr const char* kAwsBody =
    R"({"auth_type": "access_key", "region": "eu-west-1", "access_key_id": "AKIAIOSFODNN7EXAMPLE",
        "secret_access_key": "very-secret-value"})";

std::vector<std::string> Names(const Json& groups) {
    std::vector<std::string> names;
    for (const auto& g : groups) {
        names.push_back(g["name"]);
    }
    return names;
}

TEST_F(ApiTest, ListGroupsShowsOnlyTheCallersGroups) {
    auto r = api.Call("GET", "/api/v1/groups", blue_viewer);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(Names(BodyJson(r)["groups"]), (std::vector<std::string>{"blue"}));
    auto all = api.Call("GET", "/api/v1/groups", site_admin);
    EXPECT_EQ(Names(BodyJson(all)["groups"]), (std::vector<std::string>{"blue", "red"}));
}

TEST_F(ApiTest, CreateGroupIsForSiteAdminsAndAnswers201) {
    auto r = api.Call(
        "POST", "/api/v1/groups", site_admin, R"({"name": "green", "timezone": "Asia/Tokyo"})");
    ASSERT_EQ(r.status, 201) << r.body;
    Json g = BodyJson(r);
    EXPECT_EQ(g["name"], "green");
    EXPECT_EQ(g["timezone"], "Asia/Tokyo");
    EXPECT_EQ(g["daily_scan_time"], "03:00");
    EXPECT_EQ(g["aws"]["auth_type"], "none");
    EXPECT_EQ(std::string(g["aws"]["external_id"]).rfind("kensa-", 0), 0u);

    auto denied = api.Call("POST", "/api/v1/groups", blue_admin, R"({"name": "mine"})");
    EXPECT_EQ(denied.status, 403);
    EXPECT_EQ(ProblemCode(denied), "permission_denied");
}

TEST_F(ApiTest, CreateGroupValidatesItsBody) {
    auto bad_json = api.Call("POST", "/api/v1/groups", site_admin, "{not json");
    EXPECT_EQ(bad_json.status, 400);
    EXPECT_EQ(ProblemCode(bad_json), "invalid_input");
    auto missing = api.Call("POST", "/api/v1/groups", site_admin, R"({"timezone": "UTC"})");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(ProblemField(missing), "name");
    auto bad_tz = api.Call(
        "POST", "/api/v1/groups", site_admin, R"({"name": "x", "timezone": "Mars/Olympus"})");
    EXPECT_EQ(bad_tz.status, 400);
    EXPECT_EQ(ProblemField(bad_tz), "timezone");
    auto wrong_type =
        api.Call("POST", "/api/v1/groups", site_admin, R"({"name": "x", "timezone": 9})");
    EXPECT_EQ(wrong_type.status, 400);
    EXPECT_EQ(ProblemField(wrong_type), "timezone");
    EXPECT_EQ(BodyJson(api.Call("GET", "/api/v1/groups", site_admin))["groups"].size(), 2u);
}

TEST_F(ApiTest, GetGroupIs404ForAnotherGroupsMember) {
    auto r = api.Call("GET", GroupPath(blue), blue_viewer);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(BodyJson(r)["id"], blue);
    auto other = api.Call("GET", GroupPath(red), blue_admin);
    EXPECT_EQ(other.status, 404);
    EXPECT_EQ(ProblemCode(other), "not_found");
    EXPECT_EQ(api.Call("GET", GroupPath(9999), site_admin).status, 404);
}

TEST_F(ApiTest, PutAwsStoresTheIntegrationAndNeverReturnsTheSecret) {
    auto r = api.Call("PUT", GroupPath(blue, "/aws"), blue_admin, kAwsBody);
    ASSERT_EQ(r.status, 200) << r.body;
    Json g = BodyJson(r);
    EXPECT_EQ(g["aws"]["auth_type"], "access_key");
    EXPECT_EQ(g["aws"]["region"], "eu-west-1");
    EXPECT_EQ(g["aws"]["secret_access_key_set"], true);
    EXPECT_EQ(r.body.find("very-secret-value"), std::string::npos);
}

TEST_F(ApiTest, PutAwsRefusesBadBodiesMembersAndOtherGroups) {
    auto bad_enum =
        api.Call("PUT", GroupPath(blue, "/aws"), blue_admin, R"({"auth_type": "password"})");
    EXPECT_EQ(bad_enum.status, 400);
    EXPECT_EQ(ProblemField(bad_enum), "auth_type");
    auto none = api.Call("PUT", GroupPath(blue, "/aws"), blue_admin, R"({"auth_type": "none"})");
    EXPECT_EQ(ProblemField(none), "auth_type");
    auto missing =
        api.Call("PUT", GroupPath(blue, "/aws"), blue_admin, R"({"region": "eu-west-1"})");
    EXPECT_EQ(ProblemField(missing), "auth_type");
    auto bad_region = api.Call("PUT",
                               GroupPath(blue, "/aws"),
                               blue_admin,
                               R"({"auth_type": "access_key", "region": "mars-1"})");
    EXPECT_EQ(ProblemField(bad_region), "region");
    EXPECT_EQ(api.Call("PUT", GroupPath(blue, "/aws"), blue_admin, "[]").status, 400);
    EXPECT_EQ(api.Call("PUT", GroupPath(blue, "/aws"), blue_member, kAwsBody).status, 403);
    EXPECT_EQ(api.Call("PUT", GroupPath(blue, "/aws"), red_admin, kAwsBody).status, 404);
}

TEST_F(ApiTest, TestAwsReportsIdentityAndMissingPermissions) {
    api.ConfigureAws(blue);
    EXPECT_CALL(api.aws().inspector, ListFindings(_, _))
        .WillRepeatedly(Return(Status(Error(ErrorCode::kPermissionDenied, "AccessDenied")
                                          .With("aws_action", "inspector2:ListFindings"))));
    auto r = api.Call("POST", GroupPath(blue, "/aws/test"), blue_admin);
    ASSERT_EQ(r.status, 200) << r.body;
    Json report = BodyJson(r);
    EXPECT_EQ(report["account"], "123456789012");
    EXPECT_EQ(report["ok"], false);
    EXPECT_EQ(report["missing"], Json::array({"inspector2:ListFindings"}));
    EXPECT_TRUE(report["permissions"].is_array());
    EXPECT_NE(std::string(report["policy_snippet"]).find("inspector2:ListFindings"),
              std::string::npos);
}

TEST_F(ApiTest, TestAwsNeedsAnIntegrationAnAdminAndTheGroup) {
    auto unconfigured = api.Call("POST", GroupPath(blue, "/aws/test"), blue_admin);
    EXPECT_EQ(unconfigured.status, 400);
    EXPECT_EQ(api.Call("POST", GroupPath(blue, "/aws/test"), blue_member).status, 403);
    EXPECT_EQ(api.Call("POST", GroupPath(blue, "/aws/test"), red_admin).status, 404);
}

TEST_F(ApiTest, PutScheduleChangesOnlyWhatTheBodyGives) {
    auto r = api.Call(
        "PUT", GroupPath(blue, "/schedule"), blue_admin, R"({"daily_scan_time": "22:15"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(BodyJson(r)["daily_scan_time"], "22:15");
    EXPECT_EQ(BodyJson(r)["timezone"], "UTC");
    auto tz = api.Call("PUT",
                       GroupPath(blue, "/schedule"),
                       blue_admin,
                       R"({"timezone": "Europe/Paris", "enabled": false})");
    ASSERT_EQ(tz.status, 200) << tz.body;
    Json g = BodyJson(tz);
    EXPECT_EQ(g["timezone"], "Europe/Paris");
    EXPECT_EQ(g["daily_scan_enabled"], false);
    EXPECT_EQ(g["daily_scan_time"], "22:15");
}

TEST_F(ApiTest, PutScheduleValidatesEachField) {
    auto time = api.Call(
        "PUT", GroupPath(blue, "/schedule"), blue_admin, R"({"daily_scan_time": "25:00"})");
    EXPECT_EQ(time.status, 400);
    EXPECT_EQ(ProblemField(time), "daily_scan_time");
    auto tz = api.Call(
        "PUT", GroupPath(blue, "/schedule"), blue_admin, R"({"timezone": "Nowhere/City"})");
    EXPECT_EQ(ProblemField(tz), "timezone");
    auto enabled =
        api.Call("PUT", GroupPath(blue, "/schedule"), blue_admin, R"({"enabled": "yes"})");
    EXPECT_EQ(ProblemField(enabled), "enabled");
    EXPECT_EQ(api.Call("PUT", GroupPath(blue, "/schedule"), blue_admin, "nope").status, 400);
    EXPECT_EQ(api.Call("PUT", GroupPath(blue, "/schedule"), blue_member, "{}").status, 403);
    EXPECT_EQ(api.Call("PUT", GroupPath(red, "/schedule"), blue_admin, "{}").status, 404);
    EXPECT_EQ(BodyJson(api.Call("GET", GroupPath(blue), blue_admin))["daily_scan_time"], "03:00");
}

}  // namespace
}  // namespace kensa::http::api::testing
