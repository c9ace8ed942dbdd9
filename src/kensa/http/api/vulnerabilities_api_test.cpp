// /api/v1/vulnerabilities/{id}: the shared catalogue.
#include "kensa/http/api/vulnerabilities_api.h"

#include <gtest/gtest.h>

#include "kensa/http/api/testing/api_harness.h"

namespace kensa::http::api::testing {
namespace {

TEST_F(ApiTest, VulnerabilityHasItsSeverityAsAName) {
    api.AddTask(api.AddEc2Server(blue, "i-0aaaaaaaaaaaaaaa1"), "CVE-2024-0001", "openssl");
    auto r = api.Call("GET", "/api/v1/vulnerabilities/CVE-2024-0001", blue_viewer);
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
    auto r = api.Call("GET", "/api/v1/vulnerabilities/CVE-1999-0000", blue_viewer);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(ProblemCode(r), "not_found");
}

}  // namespace
}  // namespace kensa::http::api::testing
