// /api/v1/groups/{group}/servers: listing, one server, removal, registration and software.
#include "kensa/http/api/servers_api.h"

#include <gtest/gtest.h>

#include "kensa/http/api/testing/api_harness.h"

namespace kensa::http::api::testing {
namespace {

using ::testing::_;
using ::testing::Invoke;
using ::testing::Return;

constexpr const char* kInstance = "i-0aaaaaaaaaaaaaaa1";

ports::CoveredResource Covered(const std::string& instance_id) {
    ports::CoveredResource r;
    r.resource_id = instance_id;
    r.resource_type = domain::ResourceType::kEc2Instance;
    r.account_id = "123456789012";
    r.scan_type = "PACKAGE";
    r.scan_status_code = "ACTIVE";
    r.scan_status_reason = "SUCCESSFUL";
    r.scan_mode = "EC2_SSM_AGENT_BASED";
    r.ec2_platform = "AMAZON_LINUX_2023";
    r.ec2_tags = {{"Name", "web-1"}};
    return r;
}

ports::LambdaFunctionInfo Function(const std::string& name, const std::string& package_type) {
    ports::LambdaFunctionInfo f;
    f.function_name = name;
    f.function_arn = "arn:aws:lambda:us-east-1:123456789012:function:" + name;
    f.runtime = package_type == "Image" ? "" : "python3.12";
    f.package_type = package_type;
    f.version = "$LATEST";
    return f;
}

class ServersApiTest : public ApiTest {
protected:
    ServersApiTest() {
        api.ConfigureAws(blue);
        ON_CALL(api.aws().inspector, ListCoverage(_, _))
            .WillByDefault(
                Invoke([](const ports::CoverageFilter&, const ports::CoveragePageFn& on_page) {
                    on_page({Covered(kInstance)});
                    return Ok();
                }));
        ON_CALL(api.aws().lambda, GetFunction(_)).WillByDefault(Invoke([](const std::string& name) {
            return Result<ports::LambdaFunctionInfo>(
                Function(name, name == "container" ? "Image" : "Zip"));
        }));
        ON_CALL(api.aws().lambda, ListFunctions(_)).WillByDefault(Invoke([](const auto& on_page) {
            on_page({Function("api", "Zip"), Function("container", "Image")});
            return Ok();
        }));
    }
    std::string ServerPath(domain::Id group, domain::Id server, const std::string& suffix = "") {
        return GroupPath(group, "/servers/" + std::to_string(server) + suffix);
    }
};

// Inspector's NETWORK_REACHABILITY findings are shown per server, in its group only.
TEST_F(ServersApiTest, NetworkFindingsAreShownInTheServersGroupOnly) {
    domain::Id server = api.AddEc2Server(blue, "i-0aaaaaaaaaaaaaaa1");
    ports::NetworkFinding ssh;
    ssh.finding_arn = "arn:aws:inspector2:us-east-1:123456789012:finding/n1";
    ssh.title = "Port 22 is reachable from an Internet Gateway";
    ssh.severity = "MEDIUM";
    ssh.protocol = "TCP";
    ssh.port_begin = 22;
    ssh.port_end = 22;
    ASSERT_TRUE(api.store().ApplyScan(server, domain::ScanObservation{}, {ssh}, 1700000000).ok());
    auto r = api.Call("GET",
                      GroupPath(blue, "/servers/" + std::to_string(server) + "/network-findings"),
                      blue_viewer);
    ASSERT_EQ(r.status, 200) << r.body;
    Json findings = BodyJson(r)["network_findings"];
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0]["protocol"], "TCP");
    EXPECT_EQ(findings[0]["port_begin"], 22);
    EXPECT_EQ(findings[0]["title"], ssh.title);
    EXPECT_EQ(api.Call("GET",
                       GroupPath(red, "/servers/" + std::to_string(server) + "/network-findings"),
                       red_admin)
                  .status,
              404);
}

TEST_F(ServersApiTest, ListShowsTheGroupsServersOnly) {
    domain::Id web = api.AddEc2Server(blue, kInstance);
    api.AddEc2Server(red, "i-0bbbbbbbbbbbbbbb2");
    auto r = api.Call("GET", GroupPath(blue, "/servers"), blue_viewer);
    ASSERT_EQ(r.status, 200);
    Json servers = BodyJson(r)["servers"];
    ASSERT_EQ(servers.size(), 1u);
    EXPECT_EQ(servers[0]["id"], web);
    EXPECT_EQ(servers[0]["kind"], "ec2");
    EXPECT_EQ(servers[0]["instance_id"], kInstance);
    EXPECT_EQ(servers[0]["scan_mode"], "normal");
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/servers"), red_admin).status, 404);
}

TEST_F(ServersApiTest, GetShowsAPseudoServersFunctionsAndIs404AcrossGroups) {
    domain::Id pseudo = api.AddPseudoServer(blue, "lambdas");
    ASSERT_EQ(api.Call("POST",
                       ServerPath(blue, pseudo, "/lambda-functions"),
                       blue_admin,
                       R"({"functions": ["api"]})")
                  .status,
              201);
    auto r = api.Call("GET", ServerPath(blue, pseudo), blue_viewer);
    ASSERT_EQ(r.status, 200);
    Json s = BodyJson(r);
    EXPECT_EQ(s["kind"], "pseudo");
    ASSERT_EQ(s["lambda_functions"].size(), 1u);
    EXPECT_EQ(s["lambda_functions"][0]["name"], "api");
    EXPECT_EQ(s["manual_scan"], "available");
    EXPECT_EQ(api.Call("GET", ServerPath(red, pseudo), red_admin).status, 404);
    EXPECT_EQ(api.Call("GET", ServerPath(blue, 424242), blue_viewer).status, 404);
}

TEST_F(ServersApiTest, DeleteRemovesTheServerWith204AndAuditsIt) {
    domain::Id web = api.AddEc2Server(blue, kInstance);
    EXPECT_EQ(api.Call("DELETE", ServerPath(blue, web), blue_member).status, 403);
    EXPECT_EQ(api.Call("DELETE", ServerPath(red, web), red_admin).status, 404);
    auto r = api.Call("DELETE", ServerPath(blue, web), blue_admin);
    EXPECT_EQ(r.status, 204);
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(api.Call("GET", ServerPath(blue, web), blue_admin).status, 404);
    EXPECT_EQ(api.Call("DELETE", ServerPath(blue, web), blue_admin).status, 404);
    auto counts = api.store().TableCounts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ((*counts)["servers"], 0);
}

TEST_F(ServersApiTest, Ec2CandidatesAndRegistration) {
    auto c = api.Call("GET", GroupPath(blue, "/ec2-candidates"), blue_admin);
    ASSERT_EQ(c.status, 200) << c.body;
    Json instances = BodyJson(c)["instances"];
    ASSERT_EQ(instances.size(), 1u);
    EXPECT_EQ(instances[0]["instance_id"], kInstance);
    EXPECT_EQ(instances[0]["registered"], false);
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/ec2-candidates"), blue_member).status, 403);

    auto r = api.Call("POST",
                      GroupPath(blue, "/servers/ec2"),
                      blue_admin,
                      std::string(R"({"instance_ids": [")") + kInstance + "\"]}");
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(BodyJson(r)["server_ids"].size(), 1u);
    EXPECT_EQ(
        BodyJson(api.Call(
            "GET", GroupPath(blue, "/ec2-candidates"), blue_admin))["instances"][0]["registered"],
        true);
}

TEST_F(ServersApiTest, RegisterEc2ValidatesItsBody) {
    auto missing = api.Call("POST", GroupPath(blue, "/servers/ec2"), blue_admin, "{}");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(ProblemField(missing), "instance_ids");
    auto mixed = api.Call(
        "POST", GroupPath(blue, "/servers/ec2"), blue_admin, R"({"instance_ids": ["i-1", 2]})");
    EXPECT_EQ(ProblemField(mixed), "instance_ids");
    EXPECT_EQ(api.Call("POST", GroupPath(blue, "/servers/ec2"), blue_admin, "{").status, 400);
    EXPECT_EQ(
        api.Call("POST", GroupPath(red, "/servers/ec2"), blue_admin, R"({"instance_ids": []})")
            .status,
        404);
}

TEST_F(ServersApiTest, CreatePseudoNeedsAName) {
    auto r = api.Call(
        "POST", GroupPath(blue, "/servers/pseudo"), blue_admin, R"({"name": "functions"})");
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_GT(BodyJson(r)["server_id"], 0);
    auto missing =
        api.Call("POST", GroupPath(blue, "/servers/pseudo"), blue_admin, R"({"name": ""})");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(ProblemField(missing), "name");
    EXPECT_EQ(api.Call("POST", GroupPath(blue, "/servers/pseudo"), blue_viewer, R"({"name": "x"})")
                  .status,
              403);
}

TEST_F(ServersApiTest, LambdaCandidatesFlagContainerImages) {
    auto r = api.Call("GET", GroupPath(blue, "/lambda-candidates"), blue_admin);
    ASSERT_EQ(r.status, 200) << r.body;
    Json functions = BodyJson(r)["functions"];
    ASSERT_EQ(functions.size(), 2u);
    EXPECT_EQ(functions[0]["registrable"], true);
    EXPECT_EQ(functions[1]["registrable"], false);
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/lambda-candidates"), red_admin).status, 404);
}

TEST_F(ServersApiTest, AddLambdaFunctionsAnswers207WhenOneIsRefused) {
    domain::Id pseudo = api.AddPseudoServer(blue, "lambdas");
    auto ok = api.Call("POST",
                       ServerPath(blue, pseudo, "/lambda-functions"),
                       blue_admin,
                       R"({"functions": ["api"]})");
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(BodyJson(ok)["results"][0]["added"], true);
    auto mixed = api.Call("POST",
                          ServerPath(blue, pseudo, "/lambda-functions"),
                          blue_admin,
                          R"({"functions": ["container"]})");
    EXPECT_EQ(mixed.status, 207);
    EXPECT_EQ(BodyJson(mixed)["results"][0]["added"], false);
    auto missing =
        api.Call("POST", ServerPath(blue, pseudo, "/lambda-functions"), blue_admin, "{}");
    EXPECT_EQ(ProblemField(missing), "functions");
    domain::Id red_pseudo = api.AddPseudoServer(red, "theirs");
    EXPECT_EQ(api.Call("POST",
                       ServerPath(blue, red_pseudo, "/lambda-functions"),
                       blue_admin,
                       R"({"functions": ["api"]})")
                  .status,
              404);
}

TEST_F(ServersApiTest, RegisterEcrNeedsRegistryRepositoryAndTag) {
    auto r = api.Call("POST",
                      GroupPath(blue, "/servers/ecr"),
                      blue_admin,
                      R"({"registry": "123456789012", "repository": "app", "tag": "v1"})");
    ASSERT_EQ(r.status, 201) << r.body;
    domain::Id id = BodyJson(r)["server_id"];
    Json server = BodyJson(api.Call("GET", ServerPath(blue, id), blue_admin));
    EXPECT_EQ(server["kind"], "ecr_image");
    EXPECT_EQ(server["image_tag"], "v1");
    auto missing = api.Call("POST",
                            GroupPath(blue, "/servers/ecr"),
                            blue_admin,
                            R"({"registry": "123456789012", "repository": "app"})");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(ProblemField(missing), "tag");
    EXPECT_EQ(api.Call("POST", GroupPath(blue, "/servers/ecr"), blue_member, "{}").status, 403);
}

TEST_F(ServersApiTest, SoftwareListsWholeOrInKeysetPages) {
    domain::Id web = api.AddEc2Server(blue, kInstance);
    api.AddTasks(web, {{"CVE-1", "openssl"}, {"CVE-2", "bash"}});
    auto all = api.Call("GET", ServerPath(blue, web, "/software"), blue_viewer);
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(BodyJson(all)["software"].size(), 2u);
    EXPECT_FALSE(BodyJson(all).contains("next_after"));

    auto first = api.Call("GET", ServerPath(blue, web, "/software?limit=1"), blue_viewer);
    ASSERT_EQ(first.status, 200);
    Json page = BodyJson(first);
    ASSERT_EQ(page["software"].size(), 1u);
    ASSERT_TRUE(page.contains("next_after"));
    auto second =
        api.Call("GET",
                 ServerPath(blue, web, "/software?limit=1&after=" + page["next_after"].dump()),
                 blue_viewer);
    Json rest = BodyJson(second);
    ASSERT_EQ(rest["software"].size(), 1u);
    EXPECT_NE(rest["software"][0]["id"], page["software"][0]["id"]);
    EXPECT_EQ(rest["software"][0]["type"], "os_pkg");
}

TEST_F(ServersApiTest, SoftwareValidatesPagingAndTheGroup) {
    domain::Id web = api.AddEc2Server(blue, kInstance);
    auto zero = api.Call("GET", ServerPath(blue, web, "/software?limit=0"), blue_viewer);
    EXPECT_EQ(zero.status, 400);
    EXPECT_EQ(ProblemField(zero), "limit");
    auto words = api.Call("GET", ServerPath(blue, web, "/software?after=abc"), blue_viewer);
    EXPECT_EQ(ProblemField(words), "after");
    EXPECT_EQ(api.Call("GET", ServerPath(red, web, "/software"), red_admin).status, 404);
}

}  // namespace
}  // namespace kensa::http::api::testing
