// Unit tests for kensa-aws-emulator: SigV4 verification, IAM, finding derivation, filters and
// paging, SBOM documents. Requests go through Emulator::Handle (no sockets).

#include "emulator.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fleet_json.h"
#include "iam.h"
#include "kensa/aws/sigv4/signer.h"
#include "kensa/common/clock.h"
#include "kensa/common/strings.h"
#include "sbom_writer.h"
#include "versions.h"

namespace kensa::emulator {
namespace {

using nlohmann::json;

constexpr int64_t kT0 = 1767225600;  // 2026-01-01T00:00:00Z
const char* const kKey = "AKIAIOSFODNN7EXAMPLE";
const char* const kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

const char* const kFleet = R"({
  "settings": {"region": "us-east-1", "sbomExportSeconds": 60},
  "accounts": [{"id": "123456789012", "region": "us-east-1"}],
  "users": [
    {"name": "admin", "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
     "secretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
     "actions": ["inspector2:*", "sts:AssumeRole", "s3:*", "kms:Decrypt", "lambda:*"]},
    {"name": "limited", "accessKeyId": "AKIALIMITEDEXAMPLE01", "secretAccessKey": "limited-secret",
     "actions": ["inspector2:ListCoverage", "s3:GetObject", "s3:ListBucket"]}],
  "roles": [{"arn": "arn:aws:iam::123456789012:role/reader",
             "trust": {"principals": ["arn:aws:iam::123456789012:user/admin"], "externalId": "ext-1"},
             "actions": ["inspector2:List*"]}],
  "kmsKeys": [{"arn": "arn:aws:kms:us-east-1:123456789012:key/1111-2222"}],
  "buckets": [{"name": "exports", "kmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/1111-2222",
               "policy": [{"effect": "Allow", "principals": ["inspector2.amazonaws.com"],
                           "actions": ["s3:PutObject"]}]}],
  "ec2Instances": [
    {"instanceId": "i-001", "name": "web", "platform": "AMAZON_LINUX_2023",
     "software": [{"name": "openssl-libs", "version": "3.0.8", "release": "1.amzn2023.0.3",
                   "epoch": 1, "arch": "X86_64"},
                  {"name": "bash", "version": "5.2.15", "release": "1.amzn2023.0.2"}]},
    {"instanceId": "i-002", "name": "db", "platform": "UBUNTU_22_04",
     "software": [{"name": "openssl", "version": "3.0.2", "release": "0ubuntu1.10"}]}],
  "lambdaFunctions": [{"name": "fn-a", "runtime": "python3.7", "versions": ["1"],
                       "software": [{"name": "requests", "version": "2.25.1",
                                     "packageManager": "PIP", "filePath": "var/task/requests"}]}],
  "ecrRepositories": [{"name": "web", "images": [
      {"digest": "sha256:aaaa", "tags": ["v1", "stable"], "platform": "DEBIAN_11",
       "software": [{"name": "openssl", "version": "3.0.2", "release": "0ubuntu1.10"}]},
      {"digest": "sha256:bbbb", "tags": ["v2"], "platform": "DEBIAN_11", "software": []}]}],
  "vulnerabilities": [
    {"id": "CVE-2023-5678", "package": "openssl-libs", "fixedVersion": "1:3.0.8-1.amzn2023.0.10",
     "severity": "MEDIUM", "cvss": {"score": 5.3, "vector": "CVSS:3.1/AV:N"}},
    {"id": "CVE-2023-5678", "package": "openssl", "fixedVersion": "3.0.2-0ubuntu1.12",
     "severity": "MEDIUM"},
    {"id": "CVE-2023-32681", "package": "requests", "packageManager": "PIP",
     "ranges": [{"introduced": "2.3.0", "fixed": "2.31.0"}], "severity": "HIGH"}]
})";

class EmulatorTest : public ::testing::Test {
protected:
    EmulatorTest() : clock_(kT0) {
        auto fleet = ParseFleet(kFleet, kT0);
        EXPECT_TRUE(fleet.ok()) << (fleet.ok() ? "" : fleet.error().message());
        emu_ = std::make_unique<Emulator>(std::move(fleet).value(), clock_, 7);
    }

    aws::HttpRequest Json(const std::string& path, const json& body) {
        aws::HttpRequest req;
        req.method = "POST";
        req.path = path;
        req.body = body.dump();
        req.SetHeader("Host", "127.0.0.1:4566");
        req.SetHeader("Content-Type", "application/json");
        return req;
    }

    Response Send(aws::HttpRequest req,
                  const std::string& service,
                  const aws::Credentials& creds,
                  const std::string& region = "us-east-1",
                  SystemTime at = {}) {
        aws::SigningParams params;
        params.service = service;
        params.region = region;
        params.time = at == SystemTime{} ? clock_.SystemNow() : at;
        params.s3 = service == "s3";
        aws::SigV4Signer::Sign(req, creds, params);
        return emu_->Handle(req);
    }

    Response Inspector(const std::string& path,
                       const json& body,
                       const aws::Credentials& creds = Admin()) {
        return Send(Json(path, body), "inspector2", creds);
    }

    static aws::Credentials Admin() { return {kKey, kSecret, "", std::nullopt, "test"}; }
    static aws::Credentials Limited() {
        return {"AKIALIMITEDEXAMPLE01", "limited-secret", "", std::nullopt, "test"};
    }

    json ListAll(const json& filter) {
        json out = json::array();
        json req = {{"filterCriteria", filter}, {"maxResults", 1}};
        for (int i = 0; i < 100; ++i) {
            Response r = Inspector("/findings/list", req);
            EXPECT_EQ(r.status, 200) << r.body;
            json page = json::parse(r.body);
            for (auto& f : page["findings"]) {
                out.push_back(f);
            }
            if (!page.contains("nextToken")) {
                break;
            }
            req["nextToken"] = page["nextToken"];
        }
        return out;
    }

    Response Control(const std::string& path, const json& body) {
        aws::HttpRequest req;
        req.method = "POST";
        req.path = "/_emulator" + path;
        req.body = body.dump();
        return emu_->Handle(req);
    }

    ManualClock clock_;
    std::unique_ptr<Emulator> emu_;
};

TEST_F(EmulatorTest, AcceptsCorrectlySignedRequest) {
    Response r = Inspector("/status/batch/get", json::object());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["accounts"][0]["state"]["status"], "ENABLED");
}

TEST_F(EmulatorTest, RejectsWrongSecretUnknownKeyRegionAndSkew) {
    aws::Credentials bad = Admin();
    bad.secret_access_key = "wrong";
    Response r = Inspector("/findings/list", json::object(), bad);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.Header("x-amzn-ErrorType"), "InvalidSignatureException");

    aws::Credentials unknown = {"AKIAUNKNOWNEXAMPLE00", kSecret, "", std::nullopt, ""};
    r = Inspector("/findings/list", json::object(), unknown);
    EXPECT_EQ(r.Header("x-amzn-ErrorType"), "UnrecognizedClientException");

    r = Send(Json("/findings/list", json::object()), "inspector2", Admin(), "eu-west-1");
    EXPECT_EQ(r.Header("x-amzn-ErrorType"), "InvalidSignatureException");
    EXPECT_NE(r.body.find("scoped to a valid region"), std::string::npos);

    r = Send(Json("/findings/list", json::object()),
             "inspector2",
             Admin(),
             "us-east-1",
             clock_.SystemNow() - std::chrono::minutes(16));
    EXPECT_EQ(r.Header("x-amzn-ErrorType"), "InvalidSignatureException");
    EXPECT_NE(r.body.find("Signature expired"), std::string::npos);

    // 14 minutes of skew is still fine.
    r = Send(Json("/findings/list", json::object()),
             "inspector2",
             Admin(),
             "us-east-1",
             clock_.SystemNow() - std::chrono::minutes(14));
    EXPECT_EQ(r.status, 200);
}

TEST_F(EmulatorTest, StsAndS3UseTheirOwnErrorCodes) {
    aws::HttpRequest req;
    req.method = "POST";
    req.path = "/";
    req.body = "Action=GetCallerIdentity&Version=2011-06-15";
    req.SetHeader("Host", "127.0.0.1:4566");
    req.SetHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    aws::Credentials bad = Admin();
    bad.secret_access_key = "wrong";
    Response r = Send(req, "sts", bad);
    EXPECT_EQ(r.status, 403);
    EXPECT_NE(r.body.find("<Code>SignatureDoesNotMatch</Code>"), std::string::npos);
    r = Send(req, "sts", {"AKIAUNKNOWNEXAMPLE00", "x", "", std::nullopt, ""});
    EXPECT_NE(r.body.find("<Code>InvalidClientTokenId</Code>"), std::string::npos);

    aws::HttpRequest get;
    get.method = "GET";
    get.path = "/exports";
    get.query = "list-type=2";
    get.SetHeader("Host", "127.0.0.1:4566");
    r = Send(get, "s3", {"AKIAUNKNOWNEXAMPLE00", "x", "", std::nullopt, ""});
    EXPECT_NE(r.body.find("<Code>InvalidAccessKeyId</Code>"), std::string::npos);
    r = Send(get, "s3", Admin(), "us-east-1", clock_.SystemNow() + std::chrono::minutes(20));
    EXPECT_NE(r.body.find("<Code>RequestTimeTooSkewed</Code>"), std::string::npos);
    r = Send(get, "s3", Admin());
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("<KeyCount>0</KeyCount>"), std::string::npos);
}

TEST_F(EmulatorTest, AssumeRoleSessionsExpire) {
    auto assume = [&](const std::string& ext, int duration) {
        aws::HttpRequest req;
        req.method = "POST";
        req.path = "/";
        req.body =
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012"
            "%3Arole%2Freader&RoleSessionName=t1&ExternalId=" +
            ext + "&DurationSeconds=" + std::to_string(duration);
        req.SetHeader("Host", "127.0.0.1:4566");
        return Send(req, "sts", Admin());
    };
    Response denied = assume("wrong", 900);
    EXPECT_EQ(denied.status, 403);
    EXPECT_NE(denied.body.find("<Code>AccessDenied</Code>"), std::string::npos);
    EXPECT_NE(denied.body.find("is not authorized to perform: sts:AssumeRole"), std::string::npos);

    Response ok = assume("ext-1", 900);
    ASSERT_EQ(ok.status, 200) << ok.body;
    auto tag = [&](const std::string& name) {
        auto a = ok.body.find("<" + name + ">") + name.size() + 2;
        return ok.body.substr(a, ok.body.find("</" + name + ">") - a);
    };
    aws::Credentials session = {tag("AccessKeyId"),
                                tag("SecretAccessKey"),
                                tag("SessionToken"),
                                std::nullopt,
                                "assume-role"};
    EXPECT_EQ(Inspector("/findings/list", json::object(), session).status, 200);
    // The role only has inspector2:List*.
    Response no = Inspector("/sbomexport/get", json{{"reportId", "x"}}, session);
    EXPECT_EQ(no.Header("x-amzn-ErrorType"), "AccessDeniedException");
    EXPECT_NE(no.body.find("assumed-role/reader/t1 is not authorized to perform: "
                           "inspector2:GetSbomExport"),
              std::string::npos);
    // A wrong token is rejected; after expiry the token is reported expired.
    aws::Credentials forged = session;
    forged.session_token = "forged";
    EXPECT_EQ(Inspector("/findings/list", json::object(), forged).Header("x-amzn-ErrorType"),
              "UnrecognizedClientException");
    Control("/clock", json{{"advanceSeconds", 901}});
    EXPECT_EQ(Inspector("/findings/list", json::object(), session).Header("x-amzn-ErrorType"),
              "ExpiredTokenException");
}

TEST_F(EmulatorTest, DeniedCallsNameTheAction) {
    Response r = Inspector("/findings/list", json::object(), Limited());
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.Header("x-amzn-ErrorType"), "AccessDeniedException");
    EXPECT_NE(r.body.find("User: arn:aws:iam::123456789012:user/limited is not authorized to "
                          "perform: inspector2:ListFindings on resource: "),
              std::string::npos);
    EXPECT_EQ(Inspector("/coverage/list", json::object(), Limited()).status, 200);
}

TEST(IamTest, WildcardsAndBucketPolicies) {
    EXPECT_TRUE(ActionAllowed({"inspector2:*"}, "inspector2:ListFindings"));
    EXPECT_TRUE(ActionAllowed({"*"}, "s3:GetObject"));
    EXPECT_TRUE(ActionAllowed({"inspector2:List*"}, "inspector2:listcoverage"));
    EXPECT_FALSE(ActionAllowed({"inspector2:List*"}, "inspector2:GetSbomExport"));
    EXPECT_FALSE(ActionAllowed({"lambda:*"}, "inspector2:ListFindings"));
    Bucket b;
    b.policy.push_back({"Allow", {"*"}, {"s3:GetObject"}, "public/"});
    b.policy.push_back({"Deny", {"arn:aws:iam::1:user/x"}, {"s3:*"}, ""});
    EXPECT_EQ(EvaluateBucketPolicy(b, "arn:aws:iam::1:user/y", "1", "s3:GetObject", "public/a"),
              PolicyDecision::kAllow);
    EXPECT_EQ(EvaluateBucketPolicy(b, "arn:aws:iam::1:user/y", "1", "s3:GetObject", "private/a"),
              PolicyDecision::kNotMentioned);
    EXPECT_EQ(EvaluateBucketPolicy(b, "arn:aws:iam::1:user/x", "1", "s3:GetObject", "public/a"),
              PolicyDecision::kDeny);
}

TEST(VersionsTest, RpmDebAndSemverOrdering) {
    EXPECT_LT(CompareVersions("1:3.0.8-1.amzn2023.0.3", "1:3.0.8-1.amzn2023.0.10"), 0);
    EXPECT_GT(CompareVersions("2:1.0", "1:9.9"), 0);
    EXPECT_LT(CompareVersions("1.0~rc1", "1.0"), 0);
    EXPECT_LT(CompareVersions("2.25.1", "2.31.0"), 0);
    EXPECT_EQ(CompareVersions("2.31.0", "2.31.0"), 0);
    EXPECT_LT(CompareVersions("3.0.2-0ubuntu1.10", "3.0.2-0ubuntu1.12"), 0);
}

TEST_F(EmulatorTest, FindingsCloseOnUpgradeAndReopenWithSameArn) {
    json filter = {{"resourceId", {{{"comparison", "EQUALS"}, {"value", "i-001"}}}}};
    json before = ListAll(filter);
    ASSERT_EQ(before.size(), 1u);
    std::string arn = before[0]["findingArn"];
    EXPECT_EQ(before[0]["status"], "ACTIVE");
    EXPECT_TRUE(before[0]["firstObservedAt"].is_number());
    EXPECT_EQ(before[0]["packageVulnerabilityDetails"]["vulnerablePackages"][0]["fixedInVersion"],
              "1:3.0.8-1.amzn2023.0.10");

    clock_.Advance(std::chrono::hours(1));
    ASSERT_EQ(Control("/packages/upgrade",
                      {{"resourceId", "i-001"},
                       {"name", "openssl-libs"},
                       {"release", "1.amzn2023.0.10"},
                       {"version", "3.0.8"}})
                  .status,
              200);
    json after = ListAll(filter);
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0]["findingArn"], arn);
    EXPECT_EQ(after[0]["status"], "CLOSED");
    EXPECT_GT(after[0]["updatedAt"].get<int64_t>(), before[0]["updatedAt"].get<int64_t>());

    ASSERT_EQ(Control("/packages",
                      {{"resourceId", "i-001"},
                       {"package",
                        {{"name", "openssl-libs"},
                         {"version", "3.0.8"},
                         {"release", "1.amzn2023.0.3"},
                         {"epoch", 1}}}})
                  .status,
              200);
    json again = ListAll(filter);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0]["findingArn"], arn);
    EXPECT_EQ(again[0]["status"], "ACTIVE");

    Control("/packages/remove", {{"resourceId", "i-001"}, {"name", "openssl-libs"}});
    EXPECT_EQ(ListAll(filter)[0]["status"], "CLOSED");
}

TEST_F(EmulatorTest, FiltersSortingAndPaging) {
    EXPECT_EQ(ListAll(json::object()).size(), 4u);  // i-001, i-002, fn-a, image aaaa
    EXPECT_EQ(
        ListAll({{"resourceType", {{{"comparison", "EQUALS"}, {"value", "AWS_LAMBDA_FUNCTION"}}}}})
            .size(),
        1u);
    EXPECT_EQ(ListAll({{"vulnerabilityId", {{{"comparison", "PREFIX"}, {"value", "CVE-2023-56"}}}}})
                  .size(),
              3u);
    EXPECT_EQ(
        ListAll({{"vulnerabilityId", {{{"comparison", "NOT_EQUALS"}, {"value", "CVE-2023-5678"}}}}})
            .size(),
        1u);
    EXPECT_EQ(ListAll({{"ecrImageTags", {{{"comparison", "EQUALS"}, {"value", "stable"}}}}}).size(),
              1u);
    EXPECT_EQ(
        ListAll({{"lambdaFunctionName", {{{"comparison", "EQUALS"}, {"value", "fn-a"}}}}}).size(),
        1u);
    EXPECT_EQ(
        ListAll({{"findingStatus", {{{"comparison", "EQUALS"}, {"value", "CLOSED"}}}}}).size(), 0u);
    Response bad = Inspector(
        "/findings/list",
        {{"filterCriteria", {{"resourceId", {{{"comparison", "LIKE"}, {"value", "x"}}}}}}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.Header("x-amzn-ErrorType"), "ValidationException");
    EXPECT_EQ(Inspector("/findings/list", {{"maxResults", 101}}).status, 400);

    Response sorted = Inspector("/findings/list",
                                {{"sortCriteria", {{"field", "SEVERITY"}, {"sortOrder", "DESC"}}}});
    json findings = json::parse(sorted.body)["findings"];
    ASSERT_EQ(findings.size(), 4u);
    EXPECT_EQ(findings[0]["severity"], "HIGH");

    json cov = json::parse(Inspector("/coverage/list", {{"maxResults", 2}}).body);
    EXPECT_EQ(cov["coveredResources"].size(), 2u);
    EXPECT_TRUE(cov.contains("nextToken"));
}

TEST_F(EmulatorTest, FaultInjectionFailNext) {
    Control("/faults",
            {{"inspector2:ListFindings", {{"failNext", {{"count", 2}, {"kind", "throttle"}}}}}});
    EXPECT_EQ(Inspector("/findings/list", json::object()).status, 429);
    Response r = Inspector("/findings/list", json::object());
    EXPECT_EQ(r.Header("x-amzn-ErrorType"), "ThrottlingException");
    EXPECT_EQ(Inspector("/findings/list", json::object()).status, 200);
    Control(
        "/faults",
        {{"operation", "inspector2:ListCoverage"}, {"failNext", {{"count", 1}, {"kind", "5xx"}}}});
    EXPECT_EQ(Inspector("/coverage/list", json::object()).status, 500);
}

TEST_F(EmulatorTest, SbomExportWritesDocumentsUnderTheRealKeyLayout) {
    json dest = {{"bucketName", "exports"},
                 {"keyPrefix", "sboms/"},
                 {"kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/1111-2222"}};
    Response created = Inspector("/sbomexport/create",
                                 {{"reportFormat", "CYCLONEDX_1_4"}, {"s3Destination", dest}});
    ASSERT_EQ(created.status, 200) << created.body;
    std::string id = json::parse(created.body)["reportId"];
    EXPECT_EQ(json::parse(Inspector("/sbomexport/get", {{"reportId", id}}).body)["status"],
              "IN_PROGRESS");
    clock_.Advance(std::chrono::seconds(61));
    EXPECT_EQ(json::parse(Inspector("/sbomexport/get", {{"reportId", id}}).body)["status"],
              "SUCCEEDED");

    aws::HttpRequest get;
    get.method = "GET";
    std::string key = "sboms/CYCLONEDX_1_4_outputs_" + id +
                      "/account=123456789012/resource=AWS_EC2_INSTANCE/"
                      "arn:aws:ec2:us-east-1:123456789012:instance_i-001_CYCLONEDX_1_4.json";
    get.path = "/exports/" + UriEncode(key, false);
    get.SetHeader("Host", "127.0.0.1:4566");
    Response obj = Send(get, "s3", Admin());
    ASSERT_EQ(obj.status, 200) << obj.body;
    EXPECT_EQ(obj.Header("x-amz-server-side-encryption"), "aws:kms");
    json doc = json::parse(obj.body);
    EXPECT_EQ(doc["bomFormat"], "CycloneDX");
    EXPECT_EQ(doc["specVersion"], "1.4");
    EXPECT_TRUE(doc["metadata"]["component"].is_null());
    EXPECT_EQ(doc["components"][0]["type"], "application");
    EXPECT_EQ(doc["components"][0]["purl"],
              "pkg:rpm/openssl-libs@3.0.8-1.amzn2023.0.3?arch=X86_64&distro=amzn-2023&epoch=1"
              "&upstream=openssl-libs-3.0.8-1.amzn2023.0.3.src.rpm");
    EXPECT_EQ(doc["vulnerabilities"][0]["id"], "CVE-2023-5678");
    EXPECT_EQ(doc["vulnerabilities"][0]["affects"][0]["ref"], doc["components"][0]["bom-ref"]);

    // Without kms:Decrypt the object cannot be read.
    Response denied = Send(get, "s3", Limited());
    EXPECT_EQ(denied.status, 403);
    EXPECT_NE(denied.body.find("kms:Decrypt"), std::string::npos);

    // A wrong KMS key fails the export with a modelled code.
    dest["kmsKeyArn"] = "not-an-arn";
    std::string bad_id = json::parse(
        Inspector("/sbomexport/create", {{"reportFormat", "SPDX_2_3"}, {"s3Destination", dest}})
            .body)["reportId"];
    clock_.Advance(std::chrono::seconds(61));
    json bad = json::parse(Inspector("/sbomexport/get", {{"reportId", bad_id}}).body);
    EXPECT_EQ(bad["status"], "FAILED");
    EXPECT_EQ(bad["errorCode"], "MALFORMED_KMS_KEY");
}

TEST(SbomWriterTest, SpdxShape) {
    Resource r;
    r.type = ResourceType::kEc2Instance;
    r.instance_id = "i-1";
    r.id = "i-1";
    r.ami_id = "ami-1";
    r.account_id = "123456789012";
    r.region = "us-east-1";
    r.platform = "UBUNTU_22_04";
    r.packages.push_back({"curl", "7.81.0", 0, "1ubuntu1.13", "X86_64", "OS", "", "", "", "", ""});
    json doc = json::parse(SpdxDocument(r, {{"curl", {"CVE-2023-38545"}}}, kT0));
    EXPECT_EQ(doc["spdxVersion"], "SPDX-2.3");
    EXPECT_EQ(doc["SPDXID"], "SPDXRef-DOCUMENT");
    EXPECT_FALSE(doc.contains("dataLicense"));
    EXPECT_EQ(doc["name"], "123456789012/EC2/i-1/ami-1");
    EXPECT_EQ(doc["packages"][0]["versionInfo"], "7.81.0-1ubuntu1.13");
    EXPECT_EQ(doc["packages"][0]["externalRefs"][0]["referenceLocator"],
              "pkg:dpkg/curl@7.81.0-1ubuntu1.13?arch=X86_64&distro=ubuntu-22.04&epoch=0"
              "&upstream=curl-7.81.0-1ubuntu1.13.src.dpkg");
    EXPECT_EQ(doc["packages"][0]["externalRefs"][1]["referenceLocator"], "CVE-2023-38545");
    EXPECT_EQ(doc["relationships"][0]["relationshipType"], "DESCRIBES");
}

TEST(DemoFleetTest, LoadsWithTheDocumentedIdentities) {
    auto fleet = DemoFleet(kT0);
    ASSERT_TRUE(fleet.ok()) << fleet.error().message();
    EXPECT_EQ(fleet->accounts[0].id, "123456789012");
    EXPECT_EQ(fleet->users[0].access_key_id, "AKIAIOSFODNN7EXAMPLE");
    EXPECT_EQ(fleet->roles[0].external_id, "kensa-demo-external-id");
    bool image = false;
    bool eol = false;
    for (const auto& r : fleet->resources) {
        image = image || r.package_type == "Image";
        eol = eol || r.runtime == "python3.7";
    }
    EXPECT_TRUE(image);
    EXPECT_TRUE(eol);
}

}  // namespace
}  // namespace kensa::emulator
