// /api/v1/groups/{group}/vulnerabilities/{id}: a vulnerability as the group sees it.
#include "kensa/http/api/vulnerabilities_api.h"

#include <gtest/gtest.h>

#include "kensa/http/api/testing/api_harness.h"

namespace kensa::http::api::testing {
namespace {

TEST_F(ApiTest, VulnerabilityHasItsSeverityAsAName) {
    api.AddTask(api.AddEc2Server(blue, "i-0aaaaaaaaaaaaaaa1"), "CVE-2024-0001", "openssl");
    auto r = api.Call("GET", GroupPath(blue, "/vulnerabilities/CVE-2024-0001"), blue_viewer);
    ASSERT_EQ(r.status, 200) << r.body;
    Json v = BodyJson(r);
    EXPECT_EQ(v["id"], "CVE-2024-0001");
    ASSERT_TRUE(v["severity"].is_string()) << v.dump();
    EXPECT_EQ(v["severity"], "HIGH");
    EXPECT_EQ(v["cvss3_score"], 7.5);
    EXPECT_TRUE(v["epss"].is_null());
    EXPECT_TRUE(v["references"].is_array());
}

TEST_F(ApiTest, UnknownVulnerabilityIs404) {
    auto r = api.Call("GET", GroupPath(blue, "/vulnerabilities/CVE-1999-0000"), blue_viewer);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(ProblemCode(r), "not_found");
}

// Issue 19: the route says nothing of what another group has seen, and red cannot read blue's.
TEST_F(ApiTest, AVulnerabilityIsReadInTheCallersGroupOnly) {
    api.AddTask(api.AddEc2Server(blue, "i-0aaaaaaaaaaaaaaa1"), "CVE-2024-0002", "openssl");
    auto red_sees = api.Call("GET", GroupPath(red, "/vulnerabilities/CVE-2024-0002"), red_admin);
    EXPECT_EQ(red_sees.status, 404);  // the same answer as for a CVE nobody has seen
    auto into_blue = api.Call("GET", GroupPath(blue, "/vulnerabilities/CVE-2024-0002"), red_admin);
    EXPECT_EQ(into_blue.status, 404);
    EXPECT_EQ(api.Call("GET", "/api/v1/vulnerabilities/CVE-2024-0002", blue_viewer).status, 404);
}

}  // namespace
}  // namespace kensa::http::api::testing
