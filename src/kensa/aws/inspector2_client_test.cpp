#include "kensa/aws/inspector2_client.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kensa/aws/testing/fake_transport.h"

namespace kensa::aws {
namespace {

using nlohmann::json;
using testing::FakeTransport;
using testing::MakeResponse;

json FindingJson(int n) {
    return {
        {"findingArn", "arn:aws:inspector2:us-east-1:111122223333:finding/" + std::to_string(n)},
        {"awsAccountId", "111122223333"},
        {"type", "PACKAGE_VULNERABILITY"},
        {"status", "ACTIVE"},
        {"severity", "HIGH"},
        {"title", "CVE-2024-" + std::to_string(n) + " - openssl"},
        {"description", "A flaw in openssl allows attackers to do things."},
        {"firstObservedAt", 1717000000.5},
        {"lastObservedAt", 1718000000},
        {"updatedAt", 1718000001},
        {"inspectorScore", 7.5},
        {"exploitAvailable", "NO"},
        {"fixAvailable", "YES"},
        {"epss", {{"score", 0.00075}}},
        {"remediation", {{"recommendation", {{"text", "Upgrade openssl"}}}}},
        {"packageVulnerabilityDetails",
         {{"vulnerabilityId", "CVE-2024-" + std::to_string(n)},
          {"source", "NVD"},
          {"sourceUrl", "https://nvd.nist.gov/"},
          {"vendorSeverity", "HIGH"},
          {"referenceUrls", {"https://example.com/a"}},
          {"relatedVulnerabilities", {"GHSA-xxxx"}},
          {"cvss",
           {{{"baseScore", 7.5},
             {"scoringVector", "CVSS:3.1/AV:N"},
             {"source", "NVD"},
             {"version", "3.1"}}}},
          {"vulnerablePackages",
           {{{"name", "openssl"},
             {"version", "3.0.2"},
             {"epoch", 1},
             {"release", "1.el9"},
             {"arch", "x86_64"},
             {"packageManager", "OS"},
             {"fixedInVersion", "3.0.7"},
             {"remediation", "yum update openssl"}}}}}},
        {"resources",
         {{{"type", "AWS_LAMBDA_FUNCTION"},
           {"id", "arn:aws:lambda:us-east-1:111122223333:function:fn-" + std::to_string(n)},
           {"region", "us-east-1"},
           {"partition", "aws"},
           {"details",
            {{"awsLambdaFunction",
              {{"functionName", "fn"},
               {"version", "$LATEST"},
               {"runtime", "python3.12"},
               {"packageType", "ZIP"}}}}}}}},
    };
}

std::string Page(int first, int count, const std::string& next_token) {
    json page = {{"findings", json::array()}};
    for (int i = 0; i < count; ++i) {
        page["findings"].push_back(FindingJson(first + i));
    }
    if (!next_token.empty()) {
        page["nextToken"] = next_token;
    }
    return page.dump();
}

class Inspector2ClientTest : public ::testing::Test {
protected:
    Inspector2Client MakeClient() {
        ServiceContext context;
        context.transport = transport_;
        context.credentials =
            MakeStaticProvider({"AKIDEXAMPLE", "secret", "", std::nullopt, "static"});
        context.clock = &clock_;
        context.region = "us-east-1";
        context.signing_name = "inspector2";
        context.protocol = Protocol::kRestJson;
        context.endpoint.base_url = "https://inspector2.us-east-1.amazonaws.com";
        context.retry.max_attempts = 1;
        return Inspector2Client(context);
    }

    std::shared_ptr<FakeTransport> transport_ = std::make_shared<FakeTransport>();
    ManualClock clock_{1700000000};
};

TEST_F(Inspector2ClientTest, ListFindingsFollowsNextTokenAndSendsFilter) {
    transport_->Push(MakeResponse(200, Page(0, 100, "tok-1")));
    transport_->Push(MakeResponse(200, Page(100, 100, "tok-2")));
    transport_->Push(MakeResponse(200, Page(200, 5, "")));
    ports::FindingFilter filter;
    filter.finding_status.push_back(ports::Equals("ACTIVE"));
    filter.resource_type.push_back(domain::ResourceType::kLambdaFunction);
    std::vector<size_t> sizes;
    auto client = MakeClient();
    Status status = client.ListFindings(filter, [&](std::vector<ports::Finding>&& page) {
        sizes.push_back(page.size());
        return true;
    });
    ASSERT_TRUE(status.ok()) << status.error().ToString();
    EXPECT_EQ(sizes, (std::vector<size_t>{100, 100, 5}));
    auto requests = transport_->requests();
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(requests[0].request.method, "POST");
    EXPECT_EQ(requests[0].request.path, "/findings/list");
    EXPECT_EQ(requests[0].request.Header("Content-Type"), "application/json");
    json first = json::parse(requests[0].request.body);
    EXPECT_EQ(first["maxResults"], 100);
    EXPECT_FALSE(first.contains("nextToken"));
    EXPECT_EQ(first["filterCriteria"]["findingStatus"][0]["value"], "ACTIVE");
    EXPECT_EQ(first["filterCriteria"]["resourceType"][0]["comparison"], "EQUALS");
    EXPECT_EQ(json::parse(requests[1].request.body)["nextToken"], "tok-1");
    EXPECT_EQ(json::parse(requests[2].request.body)["nextToken"], "tok-2");
    EXPECT_NE(
        requests[0].request.Header("Authorization").find("/us-east-1/inspector2/aws4_request"),
        std::string::npos);
}

TEST_F(Inspector2ClientTest, CallerCanStopPaging) {
    transport_->Push(MakeResponse(200, Page(0, 2, "tok-1")));
    auto client = MakeClient();
    ASSERT_TRUE(client.ListFindings({}, [](std::vector<ports::Finding>&&) { return false; }).ok());
    EXPECT_EQ(transport_->request_count(), 1u);
    // No filter set: the body carries no filterCriteria at all.
    EXPECT_FALSE(json::parse(transport_->requests()[0].request.body).contains("filterCriteria"));
}

TEST_F(Inspector2ClientTest, RepeatedTokenIsAnErrorNotAnInfiniteLoop) {
    transport_->SetHandler([](const std::string&, const HttpRequest&) -> Result<HttpResponse> {
        return MakeResponse(200, Page(0, 1, "same"));
    });
    auto client = MakeClient();
    Status status = client.ListFindings({}, [](std::vector<ports::Finding>&&) { return true; });
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(transport_->request_count(), 2u);
}

TEST_F(Inspector2ClientTest, ParsesEveryMappedField) {
    std::vector<ports::Finding> findings;
    std::string token;
    ASSERT_TRUE(inspector2::ParseFindingsPage(Page(7, 1, "n"), &findings, &token).ok());
    ASSERT_EQ(findings.size(), 1u);
    const ports::Finding& f = findings[0];
    EXPECT_EQ(token, "n");
    EXPECT_EQ(f.finding_arn, "arn:aws:inspector2:us-east-1:111122223333:finding/7");
    EXPECT_EQ(f.severity, "HIGH");
    EXPECT_DOUBLE_EQ(f.first_observed_at, 1717000000.5);
    EXPECT_DOUBLE_EQ(f.last_observed_at, 1718000000);
    ASSERT_TRUE(f.inspector_score.has_value());
    EXPECT_DOUBLE_EQ(*f.inspector_score, 7.5);
    ASSERT_TRUE(f.epss_score.has_value());
    EXPECT_EQ(f.remediation_text, "Upgrade openssl");
    EXPECT_EQ(f.vulnerability_id, "CVE-2024-7");
    ASSERT_EQ(f.cvss.size(), 1u);
    EXPECT_DOUBLE_EQ(f.cvss[0].base_score, 7.5);
    ASSERT_EQ(f.vulnerable_packages.size(), 1u);
    EXPECT_EQ(f.vulnerable_packages[0].epoch, 1);
    EXPECT_EQ(f.vulnerable_packages[0].fixed_in_version, "3.0.7");
    EXPECT_EQ(f.reference_urls, std::vector<std::string>{"https://example.com/a"});
    ASSERT_EQ(f.resources.size(), 1u);
    EXPECT_EQ(f.resources[0].type, domain::ResourceType::kLambdaFunction);
    EXPECT_EQ(f.resources[0].lambda_runtime, "python3.12");
    EXPECT_EQ(f.resources[0].lambda_version, "$LATEST");
}

TEST_F(Inspector2ClientTest, HostileResponsesAreErrorsOrSkippedNeverCrashes) {
    std::vector<ports::Finding> findings;
    std::string token;
    EXPECT_FALSE(inspector2::ParseFindingsPage("", &findings, &token).ok());
    EXPECT_FALSE(inspector2::ParseFindingsPage("[1,2]", &findings, &token).ok());
    EXPECT_FALSE(
        inspector2::ParseFindingsPage(R"({"findings": {"a": 1}})", &findings, &token).ok());
    EXPECT_FALSE(inspector2::ParseFindingsPage(R"({"findings": [)", &findings, &token).ok());
    ASSERT_TRUE(
        inspector2::ParseFindingsPage(R"({"findings": null, "nextToken": null})", &findings, &token)
            .ok());
    EXPECT_TRUE(token.empty());
    // Wrong types inside a finding: the finding is kept, the bad members are defaulted.
    ASSERT_TRUE(
        inspector2::ParseFindingsPage(
            R"({"findings": [1, "x", null, {"findingArn": 5, "severity": "LOW", "firstObservedAt": "yesterday",
            "inspectorScore": "9", "resources": [null, {"type": ["x"], "details": 3}],
            "packageVulnerabilityDetails": {"vulnerablePackages": [7, {"name": "p", "epoch": 1e300}],
            "cvss": "no"}, "networkReachabilityDetails": {"openPortRange": {"begin": -99999999999}}}],
            "nextToken": 12})",
            &findings,
            &token)
            .ok());
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].finding_arn, "");
    EXPECT_EQ(findings[0].severity, "LOW");
    EXPECT_EQ(findings[0].first_observed_at, 0);
    EXPECT_FALSE(findings[0].inspector_score.has_value());
    ASSERT_EQ(findings[0].resources.size(), 1u);
    EXPECT_EQ(findings[0].resources[0].type, domain::ResourceType::kOther);
    ASSERT_EQ(findings[0].vulnerable_packages.size(), 1u);
    EXPECT_EQ(findings[0].vulnerable_packages[0].epoch, 0);
    EXPECT_EQ(findings[0].network_port_begin, 0);
    EXPECT_TRUE(token.empty());
}

TEST_F(Inspector2ClientTest, AcceptsIsoTimestampsFromTheSharedSamples) {
    std::filesystem::path path =
        std::filesystem::path(KENSA_SOURCE_DIR) /
        "../shared/reference/inspector-findings/defectdojo/aws_inspector2_many_vul.json";
    if (!std::filesystem::exists(path)) {
        GTEST_SKIP() << "reference data not present: " << path;
    }
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::vector<ports::Finding> findings;
    std::string token;
    ASSERT_TRUE(inspector2::ParseFindingsPage(text.str(), &findings, &token).ok());
    ASSERT_EQ(findings.size(), 8u);
    for (const auto& finding : findings) {
        EXPECT_FALSE(finding.finding_arn.empty());
        EXPECT_GT(finding.first_observed_at, 1.6e9) << finding.finding_arn;
        EXPECT_FALSE(finding.resources.empty());
    }
}

TEST_F(Inspector2ClientTest, HundredThousandFindingsParse) {
    // 1,000 pages of 100, as ListFindings delivers them. Throughput is measured by the bench
    // harness (bench/), never asserted here.
    std::string page = Page(0, 100, "t");
    size_t total = 0;
    for (int i = 0; i < 1000; ++i) {
        std::vector<ports::Finding> findings;
        std::string token;
        ASSERT_TRUE(inspector2::ParseFindingsPage(page, &findings, &token).ok());
        total += findings.size();
    }
    EXPECT_EQ(total, 100000u);
}

TEST_F(Inspector2ClientTest, ListCoverageParsesMetadata) {
    transport_->Push(MakeResponse(200, R"({"coveredResources": [
        {"resourceId": "i-0abc", "resourceType": "AWS_EC2_INSTANCE", "accountId": "111122223333",
         "scanType": "PACKAGE", "scanStatus": {"statusCode": "ACTIVE", "reason": "SUCCESSFUL"},
         "scanMode": "EC2_SSM_AGENT_BASED", "lastScannedAt": 1718000000,
         "resourceMetadata": {"ec2": {"platform": "LINUX", "amiId": "ami-1", "tags": {"Name": "web", "env": "prod"}}}},
        {"resourceId": "arn:aws:lambda:us-east-1:111122223333:function:fn", "resourceType": "AWS_LAMBDA_FUNCTION",
         "resourceMetadata": {"lambdaFunction": {"functionName": "fn", "runtime": "nodejs20.x"}}}]})"));
    std::vector<ports::CoveredResource> all;
    auto client = MakeClient();
    ports::CoverageFilter filter;
    filter.scan_type.push_back(ports::Equals("PACKAGE"));
    ASSERT_TRUE(client
                    .ListCoverage(filter,
                                  [&](std::vector<ports::CoveredResource>&& page) {
                                      all.insert(all.end(), page.begin(), page.end());
                                      return true;
                                  })
                    .ok());
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].scan_status_reason, "SUCCESSFUL");
    EXPECT_EQ(all[0].ec2_tags.size(), 2u);
    EXPECT_EQ(all[0].last_scanned_at, 1718000000);
    EXPECT_EQ(all[1].lambda_runtime, "nodejs20.x");
    json body = json::parse(transport_->requests()[0].request.body);
    EXPECT_EQ(transport_->requests()[0].request.path, "/coverage/list");
    EXPECT_EQ(body["maxResults"], 200);
    EXPECT_EQ(body["filterCriteria"]["scanType"][0]["value"], "PACKAGE");
}

TEST_F(Inspector2ClientTest, BatchGetAccountStatusIncludesFailedAccounts) {
    transport_->Push(MakeResponse(200, R"({"accounts": [{"accountId": "111122223333",
        "state": {"status": "ENABLED"}, "resourceState": {"ec2": {"status": "ENABLED"},
        "ecr": {"status": "DISABLED"}, "lambda": {"status": "ENABLED"}, "lambdaCode": {"status": "DISABLED"}}}],
        "failedAccounts": [{"accountId": "444455556666", "errorCode": "ACCESS_DENIED", "errorMessage": "no"}]})"));
    auto client = MakeClient();
    auto states = client.BatchGetAccountStatus({"111122223333", "444455556666"});
    ASSERT_TRUE(states.ok());
    ASSERT_EQ(states->size(), 2u);
    EXPECT_EQ((*states)[0].ecr_status, "DISABLED");
    EXPECT_EQ((*states)[0].lambda_status, "ENABLED");
    EXPECT_EQ((*states)[1].error_code, "ACCESS_DENIED");
    EXPECT_EQ(json::parse(transport_->requests()[0].request.body)["accountIds"].size(), 2u);
    EXPECT_EQ(transport_->requests()[0].request.path, "/status/batch/get");
}

TEST_F(Inspector2ClientTest, SbomExportLifecycle) {
    transport_->Push(MakeResponse(200, R"({"reportId": "0b0e4c8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b"})"));
    transport_->Push(MakeResponse(
        200, R"({"reportId": "0b0e4c8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "format": "CYCLONEDX_1_4",
        "status": "SUCCEEDED", "s3Destination": {"bucketName": "b", "keyPrefix": "p", "kmsKeyArn": "k"}})"));
    transport_->Push(MakeResponse(200, R"({"reportId": "0b0e4c8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b"})"));
    auto client = MakeClient();
    ports::SbomExportRequest request;
    request.bucket_name = "b";
    request.key_prefix = "p";
    request.kms_key_arn = "k";
    request.lambda_function_name.push_back(ports::Equals("fn"));
    auto id = client.CreateSbomExport(request);
    ASSERT_TRUE(id.ok());
    json create = json::parse(transport_->requests()[0].request.body);
    EXPECT_EQ(transport_->requests()[0].request.path, "/sbomexport/create");
    EXPECT_EQ(create["reportFormat"], "CYCLONEDX_1_4");
    EXPECT_EQ(create["s3Destination"]["kmsKeyArn"], "k");
    EXPECT_EQ(create["resourceFilterCriteria"]["lambdaFunctionName"][0]["value"], "fn");
    auto status = client.GetSbomExport(*id);
    ASSERT_TRUE(status.ok());
    EXPECT_EQ(status->status, "SUCCEEDED");
    EXPECT_EQ(status->bucket_name, "b");
    EXPECT_TRUE(client.CancelSbomExport(*id).ok());
    EXPECT_EQ(transport_->requests()[2].request.path, "/sbomexport/cancel");

    // ResourceFilterCriteria.resourceType (inspector2 model 2020-06-08) restricts the export.
    transport_->Push(MakeResponse(200, R"({"reportId": "r2"})", {}));
    request.resource_type.push_back(domain::ResourceType::kLambdaFunction);
    ASSERT_TRUE(client.CreateSbomExport(request).ok());
    auto again = json::parse(transport_->requests()[3].request.body);
    EXPECT_EQ(again["resourceFilterCriteria"]["resourceType"][0]["value"], "AWS_LAMBDA_FUNCTION");
}

TEST_F(Inspector2ClientTest, ACriterionOfMoreThanTenValuesNeverLeaves) {
    // AWS refuses 11 values in one filter criterion; kensa stops such a request itself.
    auto client = MakeClient();
    ports::SbomExportRequest request;
    request.bucket_name = "b";
    request.kms_key_arn = "k";
    for (int tag = 0; tag < 11; ++tag) {
        request.ecr_image_tags.push_back(ports::Equals("t" + std::to_string(tag)));
    }
    auto id = client.CreateSbomExport(request);
    ASSERT_FALSE(id.ok());
    EXPECT_NE(id.error().message().find("ecrImageTags has 11 values"), std::string::npos)
        << id.error().message();
    ports::FindingFilter filter;
    for (int fn = 0; fn < 11; ++fn) {
        filter.lambda_function_name.push_back(ports::Equals("fn" + std::to_string(fn)));
    }
    EXPECT_FALSE(
        client.ListFindings(filter, [](std::vector<ports::Finding>&&) { return true; }).ok());
    EXPECT_TRUE(transport_->requests().empty());
}

TEST_F(Inspector2ClientTest, AccessDeniedNamesTheAction) {
    transport_->Push(
        MakeResponse(403,
                     R"({"message": "not authorized"})",
                     {{"X-Amzn-ErrorType", "AccessDeniedException"}, {"x-amzn-RequestId", "rid"}}));
    auto client = MakeClient();
    auto result = client.BatchGetAccountStatus({});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(result.error().Detail("aws_action"), "inspector2:BatchGetAccountStatus");
    EXPECT_EQ(result.error().Detail("request_id"), "rid");
    EXPECT_EQ(result.error().Detail("http_status"), "403");
}

}  // namespace
}  // namespace kensa::aws
