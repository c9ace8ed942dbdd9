// Inspector scans of a group and of a server, and the scan history.
#include "kensa/http/api/scans_api.h"

#include <gtest/gtest.h>

#include "kensa/http/api/testing/api_harness.h"

namespace kensa::http::api::testing {
namespace {

using ::testing::_;
using ::testing::Invoke;

ports::Finding PackageFinding(const std::string& instance_id) {
    ports::Finding f;
    f.finding_arn = "arn:aws:inspector2:us-east-1:123456789012:finding/f1";
    f.aws_account_id = "123456789012";
    f.type = "PACKAGE_VULNERABILITY";
    f.status = "ACTIVE";
    f.severity = "HIGH";
    f.title = "CVE-2024-1000 - openssl";
    f.vulnerability_id = "CVE-2024-1000";
    f.cvss = {{7.5, "CVSS:3.1/AV:N", "NVD", "3.1"}};
    ports::VulnerablePackage p;
    p.name = "openssl";
    p.version = "3.0.1";
    p.package_manager = "OS";
    p.fixed_in_version = "3.0.2";
    f.vulnerable_packages = {p};
    ports::FindingResource r;
    r.type = domain::ResourceType::kEc2Instance;
    r.id = instance_id;
    f.resources = {r};
    return f;
}

class ScansApiTest : public ApiTest {
protected:
    ScansApiTest() {
        api.ConfigureAws(blue);
        server = api.AddEc2Server(blue, "i-0aaaaaaaaaaaaaaa1");
        ON_CALL(api.aws().inspector, ListFindings(_, _))
            .WillByDefault(
                Invoke([](const ports::FindingFilter&, const ports::FindingPageFn& on_page) {
                    on_page({PackageFinding("i-0aaaaaaaaaaaaaaa1")});
                    return Ok();
                }));
    }
    domain::Id server = 0;
};

TEST_F(ScansApiTest, ScanServerRunsAManualScanAndCreatesTasks) {
    auto r = api.Call(
        "POST", GroupPath(blue, "/servers/" + std::to_string(server) + "/scan"), blue_member);
    ASSERT_EQ(r.status, 200) << r.body;
    Json run = BodyJson(r);
    EXPECT_EQ(run["type"], "inspector");
    EXPECT_EQ(run["trigger"], "manual");
    EXPECT_EQ(run["status"], "succeeded");
    EXPECT_EQ(run["server_id"], server);
    EXPECT_EQ(run["tasks_created"], 1);
}

TEST_F(ScansApiTest, ScanServerIs404ForAServerOfAnotherGroup) {
    domain::Id red_server = api.AddEc2Server(red, "i-0bbbbbbbbbbbbbbb2");
    auto cross = api.Call(
        "POST", GroupPath(blue, "/servers/" + std::to_string(red_server) + "/scan"), blue_member);
    EXPECT_EQ(cross.status, 404);
    EXPECT_EQ(ProblemCode(cross), "not_found");
    EXPECT_EQ(api.Call("POST", GroupPath(blue, "/servers/424242/scan"), blue_member).status, 404);
    EXPECT_EQ(
        api.Call("POST", GroupPath(red, "/servers/" + std::to_string(server) + "/scan"), red_admin)
            .status,
        404);
    EXPECT_EQ(
        api.Call(
               "POST", GroupPath(blue, "/servers/" + std::to_string(server) + "/scan"), blue_viewer)
            .status,
        403);
}

TEST_F(ScansApiTest, ScanGroupScansEveryServerAndListsTheRuns) {
    auto r = api.Call("POST", GroupPath(blue, "/scan"), blue_member);
    ASSERT_EQ(r.status, 200) << r.body;
    Json runs = BodyJson(r)["scan_runs"];
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0]["trigger"], "api");
    EXPECT_EQ(api.Call("POST", GroupPath(blue, "/scan"), blue_viewer).status, 403);
    EXPECT_EQ(api.Call("POST", GroupPath(blue, "/scan"), red_admin).status, 404);
}

TEST_F(ScansApiTest, ScanRunsListsTheGroupsHistoryOnly) {
    ASSERT_EQ(api.Call("POST", GroupPath(blue, "/scan"), blue_member).status, 200);
    auto r = api.Call("GET", GroupPath(blue, "/scan-runs"), blue_viewer);
    ASSERT_EQ(r.status, 200);
    Json runs = BodyJson(r)["scan_runs"];
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0]["group_id"], blue);
    EXPECT_TRUE(runs[0]["skipped"].is_array());
    auto red_runs = api.Call("GET", GroupPath(red, "/scan-runs"), red_admin);
    EXPECT_TRUE(BodyJson(red_runs)["scan_runs"].empty());
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/scan-runs"), red_admin).status, 404);
}

TEST_F(ScansApiTest, AScanWithoutPermissionIsAFailedRunNamingIt) {
    ON_CALL(api.aws().inspector, ListFindings(_, _))
        .WillByDefault(
            ::testing::Return(Status(Error(ErrorCode::kPermissionDenied, "AccessDenied")
                                         .With("aws_action", "inspector2:ListFindings"))));
    auto r = api.Call(
        "POST", GroupPath(blue, "/servers/" + std::to_string(server) + "/scan"), blue_member);
    ASSERT_EQ(r.status, 200) << r.body;
    Json run = BodyJson(r);
    EXPECT_EQ(run["status"], "failed");
    EXPECT_EQ(run["error"]["missing_permission"], "inspector2:ListFindings");
}

}  // namespace
}  // namespace kensa::http::api::testing
