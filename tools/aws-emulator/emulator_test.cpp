// Unit tests for kensa-aws-emulator: SigV4 verification, IAM, finding derivation, filters and
// paging, SBOM documents. Requests go through Emulator::Handle (no sockets).

#include "emulator.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "fleet_json.h"
#include "iam.h"
#include "inspector2_json.h"
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
              "pkg:rpm/openssl-libs@3.0.8-1.amzn2023.0.3?arch=X86_64&epoch=1"
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
              "pkg:dpkg/curl@7.81.0-1ubuntu1.13?arch=X86_64&epoch=0"
              "&upstream=curl-7.81.0-1ubuntu1.13.src.dpkg");
    EXPECT_EQ(doc["packages"][0]["externalRefs"][1]["referenceLocator"], "CVE-2023-38545");
    EXPECT_EQ(doc["relationships"][0]["relationshipType"], "DESCRIBES");
}

// ---- AWS fidelity: finding shapes of the real samples (../shared/reference/inspector-findings)

// A CentOS 7 instance with libxml2 + libxml2-python (as in DefectDojo's many_vul sample), a
// Debian 10 image with the sample's linux package, a .zip and a container-image function.
const char* const kFidelityFleet = R"({
  "settings": {"region": "us-east-1", "sbomExportSeconds": 60},
  "accounts": [{"id": "123456789012", "region": "us-east-1", "inspector": {"lambdaCode": true}}],
  "users": [{"name": "admin", "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
             "secretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
             "actions": ["inspector2:*", "s3:*", "kms:Decrypt", "lambda:*"]}],
  "kmsKeys": [{"arn": "arn:aws:kms:us-east-1:123456789012:key/1111-2222"}],
  "buckets": [{"name": "exports", "kmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/1111-2222"}],
  "ec2Instances": [
    {"instanceId": "i-0b22a22eec53b9321", "name": "centos", "platform": "CENTOS_7",
     "software": [{"name": "libxml2", "version": "2.9.1", "release": "6.el7_2.3", "arch": "X86_64"},
                  {"name": "libxml2-python", "version": "2.9.1", "release": "6.el7_2.3",
                   "arch": "X86_64"}]}],
  "lambdaFunctions": [
    {"name": "zip-fn", "runtime": "python3.11",
     "software": [{"name": "requests", "version": "2.25.1", "packageManager": "PIP"}]},
    {"name": "image-fn", "packageType": "Image",
     "imageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/image-fn:1",
     "software": [{"name": "requests", "version": "2.25.1", "packageManager": "PIP"}]}],
  "ecrRepositories": [{"name": "app", "images": [
    {"digest": "sha256:cccc", "tags": ["2.3.0"], "platform": "DEBIAN_10", "architecture": "amd64",
     "software": [{"name": "linux", "version": "4.19.118", "release": "2", "arch": "AMD64",
                   "sourceLayerHash": "sha256:11a88e76431345b48525c4e4d58d497810019f4bafdb5e2bd56dc34a05e09cc3"}]}]}],
  "vulnerabilities": [
    {"id": "CVE-2015-8035", "package": "libxml2", "alsoPackages": ["libxml2-python"],
     "fixedVersion": "2.9.1-6.el7.4", "severity": "LOW"},
    {"id": "CVE-2099-1000", "package": "libxml2", "unfixedPackages": ["libxml2-python"],
     "fixedVersion": "2.9.1-7", "severity": "MEDIUM"},
    {"id": "CVE-2024-37021", "package": "linux", "severity": "UNTRIAGED", "source": "DEBIAN_CVE",
     "vendorSeverity": "not yet assigned", "epss": 0.00045},
    {"id": "CVE-2021-47013", "package": "linux", "fixedVersion": "0:4.19.194-1",
     "severity": "HIGH", "cvss": {"score": 7.8, "vector": "CVSS:3.1/AV:L"}, "suppressed": true},
    {"id": "CVE-2021-3744", "package": "linux", "fixedVersion": "0:4.19.232-1",
     "severity": "MEDIUM", "cvss": {"score": 5.5, "vector": "CVSS:3.1/AV:L"}, "closed": true},
    {"id": "CVE-2023-32681", "package": "requests", "packageManager": "PIP",
     "ranges": [{"introduced": "2.3.0", "fixed": "2.31.0"}], "severity": "MEDIUM"},
    {"id": "python/hardcoded-credentials@v1.0", "type": "CODE_VULNERABILITY",
     "resources": ["zip-fn", "image-fn"], "severity": "CRITICAL",
     "title": "CWE-798 - Hardcoded credentials",
     "details": {"cwes": ["CWE-798"], "detectorId": "python/hardcoded-credentials@v1.0",
                 "detectorName": "Hardcoded credentials", "ruleId": "python-detect-hardcoded-aws-credentials",
                 "filePath": {"fileName": "app.py", "filePath": "app.py", "startLine": 6, "endLine": 6}}},
    {"id": "NETWORK-tcp-22", "type": "NETWORK_REACHABILITY", "resources": ["i-0b22a22eec53b9321"],
     "title": "Port 22 is reachable from an Internet Gateway - TCP",
     "details": {"networkPath": {"steps": [{"componentId": "igw-1", "componentType": "AWS::EC2::InternetGateway"}]},
                 "openPortRange": {"begin": 22, "end": 22}, "protocol": "TCP"}}]
})";

json Filter(const std::string& field, const std::string& value, const std::string& cmp = "EQUALS") {
    json one = json::object({{"comparison", cmp}, {"value", value}});
    json out = json::object();
    out[field] = json::array({one});
    return out;
}

std::set<std::string> Ids(const json& findings) {
    std::set<std::string> out;
    for (const auto& f : findings) {
        out.insert(f.contains("packageVulnerabilityDetails")
                       ? f["packageVulnerabilityDetails"]["vulnerabilityId"].get<std::string>()
                       : f["title"].get<std::string>());
    }
    return out;
}

class FidelityTest : public EmulatorTest {
protected:
    explicit FidelityTest(const json& patch = json::object()) {
        json fleet = json::parse(kFidelityFleet);
        fleet.merge_patch(patch);
        auto parsed = ParseFleet(fleet.dump(), kT0);
        EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message());
        emu_ = std::make_unique<Emulator>(std::move(parsed).value(), clock_, 7);
    }

    json One(const json& filter) {
        json all = ListAll(filter);
        EXPECT_EQ(all.size(), 1u) << all.dump();
        return all.empty() ? json::object() : all[0];
    }

    json Coverage() {
        return json::parse(Inspector("/coverage/list", json::object()).body)["coveredResources"];
    }
};

TEST_F(FidelityTest, OneFindingListsThePackageAndEveryInstalledAlsoPackage) {
    json f = One(Filter("vulnerabilityId", "CVE-2015-8035"));
    const json& pkgs = f["packageVulnerabilityDetails"]["vulnerablePackages"];
    ASSERT_EQ(pkgs.size(), 2u);
    EXPECT_EQ(pkgs[0]["name"], "libxml2");
    EXPECT_EQ(pkgs[1]["name"], "libxml2-python");
    EXPECT_EQ(pkgs[1]["fixedInVersion"], "0:2.9.1-6.el7.4");
    EXPECT_EQ(f["title"], "CVE-2015-8035 - libxml2, libxml2-python");  // as in the sample
    EXPECT_EQ(f["fixAvailable"], "YES");
    std::string arn =
        FindingArn("123456789012", "us-east-1", "i-0b22a22eec53b9321", "CVE-2015-8035", "libxml2");
    EXPECT_EQ(f["findingArn"], arn);
    // The package filter matches a finding by any of its packages.
    json by_pkg = json::parse(
        R"({"vulnerablePackages": [{"name": {"comparison": "EQUALS", "value": "libxml2-python"}}]})");
    EXPECT_EQ(Ids(ListAll(by_pkg)), (std::set<std::string>{"CVE-2015-8035", "CVE-2099-1000"}));

    // Without the entry's own package the same finding (same ARN) lists what is left.
    Control("/packages/remove", {{"resourceId", "i-0b22a22eec53b9321"}, {"name", "libxml2"}});
    json after = One(Filter("vulnerabilityId", "CVE-2015-8035"));
    EXPECT_EQ(after["findingArn"], arn);
    EXPECT_EQ(after["status"], "ACTIVE");
    ASSERT_EQ(after["packageVulnerabilityDetails"]["vulnerablePackages"].size(), 1u);
    EXPECT_EQ(after["packageVulnerabilityDetails"]["vulnerablePackages"][0]["name"],
              "libxml2-python");
    Control("/packages/remove",
            {{"resourceId", "i-0b22a22eec53b9321"}, {"name", "libxml2-python"}});
    EXPECT_EQ(One(Filter("vulnerabilityId", "CVE-2015-8035"))["status"], "CLOSED");
}

TEST_F(FidelityTest, FixAvailableIsPartialOrNoWithoutAFix) {
    json partial = One(Filter("vulnerabilityId", "CVE-2099-1000"));
    EXPECT_EQ(partial["fixAvailable"], "PARTIAL");
    const json& pkgs = partial["packageVulnerabilityDetails"]["vulnerablePackages"];
    ASSERT_EQ(pkgs.size(), 2u);
    EXPECT_EQ(pkgs[0]["fixedInVersion"], "0:2.9.1-7");
    EXPECT_EQ(pkgs[0]["remediation"], "yum update libxml2");
    EXPECT_EQ(pkgs[1]["fixedInVersion"], "NotAvailable");
    EXPECT_EQ(pkgs[1]["remediation"], "NotAvailable");  // as the sample's unfixed package

    json none = One(Filter("vulnerabilityId", "CVE-2024-37021"));
    EXPECT_EQ(none["fixAvailable"], "NO");
    EXPECT_EQ(none["packageVulnerabilityDetails"]["vulnerablePackages"][0]["fixedInVersion"],
              "NotAvailable");

    EXPECT_EQ(Ids(ListAll(Filter("fixAvailable", "PARTIAL"))),
              (std::set<std::string>{"CVE-2099-1000"}));
    EXPECT_EQ(Ids(ListAll(Filter("fixAvailable", "NO"))),
              (std::set<std::string>{"CVE-2024-37021"}));
    EXPECT_EQ(Ids(ListAll(Filter("fixAvailable", "YES"))),
              (std::set<std::string>{
                  "CVE-2015-8035", "CVE-2021-47013", "CVE-2021-3744", "CVE-2023-32681"}));
}

TEST_F(FidelityTest, FindingStatusIsActiveSuppressedOrClosed) {
    EXPECT_EQ(Ids(ListAll(Filter("findingStatus", "SUPPRESSED"))),
              (std::set<std::string>{"CVE-2021-47013"}));
    // A closed vulnerability's finding exists from the start, CLOSED.
    EXPECT_EQ(Ids(ListAll(Filter("findingStatus", "CLOSED"))),
              (std::set<std::string>{"CVE-2021-3744"}));
    EXPECT_EQ(ListAll(Filter("findingStatus", "ACTIVE")).size(), 6u);
    EXPECT_EQ(Ids(ListAll(Filter("findingStatus", "ACTIVE", "NOT_EQUALS"))),
              (std::set<std::string>{"CVE-2021-47013", "CVE-2021-3744"}));
    EXPECT_EQ(ListAll(json::object()).size(), 8u);
    // Past the fix a suppressed finding closes like any other.
    clock_.Advance(std::chrono::hours(1));
    Control("/packages/upgrade",
            {{"resourceId", "arn:aws:ecr:us-east-1:123456789012:repository/app/sha256:cccc"},
             {"name", "linux"},
             {"version", "4.19.194"},
             {"release", "1"}});
    EXPECT_EQ(Ids(ListAll(Filter("findingStatus", "CLOSED"))),
              (std::set<std::string>{"CVE-2021-47013", "CVE-2021-3744"}));
}

TEST_F(FidelityTest, UntriagedHasAnEmptyCvssListAndNoScore) {
    json f = One(Filter("severity", "UNTRIAGED"));
    EXPECT_EQ(f["packageVulnerabilityDetails"]["vulnerabilityId"], "CVE-2024-37021");
    EXPECT_TRUE(f["packageVulnerabilityDetails"]["cvss"].is_array());
    EXPECT_TRUE(f["packageVulnerabilityDetails"]["cvss"].empty());
    EXPECT_FALSE(f.contains("inspectorScore"));
    EXPECT_FALSE(f.contains("inspectorScoreDetails"));
    EXPECT_EQ(f["packageVulnerabilityDetails"]["vendorSeverity"], "not yet assigned");
    EXPECT_EQ(f["epss"]["score"], 0.00045);
    // No score, so no score range holds it.
    json scored = {{"inspectorScore", {{{"lowerInclusive", 0}, {"upperInclusive", 10}}}}};
    EXPECT_EQ(Ids(ListAll(scored)).count("CVE-2024-37021"), 0u);
    // The image's package as the ECR samples show it; the image keeps "amd64".
    const json& pkg = f["packageVulnerabilityDetails"]["vulnerablePackages"][0];
    EXPECT_EQ(pkg["arch"], "AMD64");
    EXPECT_EQ(pkg["sourceLayerHash"],
              "sha256:11a88e76431345b48525c4e4d58d497810019f4bafdb5e2bd56dc34a05e09cc3");
    EXPECT_EQ(f["resources"][0]["details"]["awsEcrContainerImage"]["architecture"], "amd64");
}

TEST_F(FidelityTest, ImageFunctionsHaveNoCoverageNoFindingsAndNoSbom) {
    std::set<std::string> covered;
    for (const auto& c : Coverage()) {
        covered.insert(c["resourceId"].get<std::string>() + " " + c["scanType"].get<std::string>());
    }
    const std::string zip = "arn:aws:lambda:us-east-1:123456789012:function:zip-fn:$LATEST";
    EXPECT_TRUE(covered.contains(zip + " PACKAGE"));
    EXPECT_TRUE(covered.contains(zip + " CODE"));
    for (const auto& c : covered) {
        EXPECT_EQ(c.find("image-fn"), std::string::npos) << c;
    }
    EXPECT_TRUE(ListAll(Filter("lambdaFunctionName", "image-fn")).empty());
    EXPECT_EQ(ListAll(Filter("lambdaFunctionName", "zip-fn")).size(), 2u);  // package + code

    aws::HttpRequest list;
    list.method = "GET";
    list.path = "/2015-03-31/functions/";
    list.SetHeader("Host", "127.0.0.1:4566");
    Response fns = Send(list, "lambda", Admin());
    EXPECT_NE(fns.body.find("\"image-fn\""), std::string::npos);  // Lambda still lists it

    json dest = {{"bucketName", "exports"},
                 {"kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/1111-2222"}};
    ASSERT_EQ(Inspector("/sbomexport/create",
                        {{"reportFormat", "CYCLONEDX_1_4"}, {"s3Destination", dest}})
                  .status,
              200);
    clock_.Advance(std::chrono::seconds(61));
    aws::HttpRequest objects;
    objects.method = "GET";
    objects.path = "/exports";
    objects.query = "list-type=2";
    objects.SetHeader("Host", "127.0.0.1:4566");
    Response keys = Send(objects, "s3", Admin());
    EXPECT_NE(keys.body.find("function:zip-fn:$LATEST"), std::string::npos) << keys.body;
    EXPECT_EQ(keys.body.find("image-fn"), std::string::npos) << keys.body;
}

TEST_F(FidelityTest, SbomListsOpenVulnerabilitiesOnEveryPackageOfAFinding) {
    json dest = {{"bucketName", "exports"},
                 {"kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/1111-2222"}};
    Response created = Inspector("/sbomexport/create",
                                 {{"reportFormat", "CYCLONEDX_1_4"}, {"s3Destination", dest}});
    std::string id = json::parse(created.body)["reportId"];
    clock_.Advance(std::chrono::seconds(61));
    auto document = [&](const std::string& file) {
        aws::HttpRequest get;
        get.method = "GET";
        get.path =
            "/exports/" + UriEncode("CYCLONEDX_1_4_outputs_" + id + "/account=123456789012/" +
                                        file + "_CYCLONEDX_1_4.json",
                                    false);
        get.SetHeader("Host", "127.0.0.1:4566");
        Response r = Send(get, "s3", Admin());
        EXPECT_EQ(r.status, 200) << file;
        return r.status == 200 ? json::parse(r.body) : json::object();
    };
    // vulnerability id -> names of the components it affects
    auto affected = [](const json& doc) {
        std::map<std::string, std::set<std::string>> out;
        std::map<std::string, std::string> names;
        for (const auto& c : doc["components"]) {
            names[c["bom-ref"]] = c["name"];
        }
        for (const auto& v : doc["vulnerabilities"]) {
            for (const auto& a : v["affects"]) {
                out[v["id"]].insert(names[a["ref"]]);
            }
        }
        return out;
    };
    auto centos =
        affected(document("resource=AWS_EC2_INSTANCE/"
                          "arn:aws:ec2:us-east-1:123456789012:instance_i-0b22a22eec53b9321"));
    EXPECT_EQ(centos["CVE-2015-8035"], (std::set<std::string>{"libxml2", "libxml2-python"}));
    auto image =
        affected(document("resource=AWS_ECR_CONTAINER_IMAGE/"
                          "arn:aws:ecr:us-east-1:123456789012:repository_app_sha256:cccc"));
    EXPECT_TRUE(image.contains("CVE-2024-37021"));  // ACTIVE
    EXPECT_TRUE(image.contains("CVE-2021-47013"));  // SUPPRESSED: still a vulnerability
    EXPECT_FALSE(image.contains("CVE-2021-3744"));  // CLOSED
}

TEST_F(FidelityTest, CodeAndNetworkFindingsCarryTheirDetails) {
    json code = One(Filter("findingType", "CODE_VULNERABILITY"));
    const json& d = code["codeVulnerabilityDetails"];
    EXPECT_EQ(d["detectorId"], "python/hardcoded-credentials@v1.0");
    EXPECT_EQ(d["cwes"], json::array({"CWE-798"}));
    EXPECT_EQ(d["filePath"]["startLine"], 6);
    // The code and network samples have no package-only members.
    for (const char* member :
         {"fixAvailable", "epss", "exploitAvailable", "packageVulnerabilityDetails"}) {
        EXPECT_FALSE(code.contains(member)) << member;
    }
    EXPECT_EQ(code["resources"][0]["details"]["awsLambdaFunction"]["runtime"], "PYTHON_3_11");
    EXPECT_EQ(code["resources"][0]["details"]["awsLambdaFunction"]["packageType"], "ZIP");

    json net = One(Filter("findingType", "NETWORK_REACHABILITY"));
    EXPECT_EQ(net["networkReachabilityDetails"]["openPortRange"]["begin"], 22);
    EXPECT_EQ(net["networkReachabilityDetails"]["protocol"], "TCP");
    EXPECT_FALSE(net.contains("fixAvailable"));
    json ssh = {{"portRange", {{{"beginInclusive", 22}, {"endInclusive", 22}}}}};
    EXPECT_EQ(ListAll(ssh).size(), 1u);
    json web = {{"portRange", {{{"beginInclusive", 80}, {"endInclusive", 443}}}}};
    EXPECT_TRUE(ListAll(web).empty());
}

class NoCodeScanningTest : public FidelityTest {
protected:
    NoCodeScanningTest()
        : FidelityTest(json::parse(
              R"({"accounts": [{"id": "123456789012", "region": "us-east-1",
                                "inspector": {"lambdaCode": false}}]})")) {}
};

TEST_F(NoCodeScanningTest, CodeFindingsNeedLambdaCodeScanning) {
    EXPECT_TRUE(ListAll(Filter("findingType", "CODE_VULNERABILITY")).empty());
    EXPECT_EQ(ListAll(Filter("lambdaFunctionName", "zip-fn")).size(), 1u);
    for (const auto& c : Coverage()) {
        EXPECT_NE(c["scanType"], "CODE") << c.dump();
    }
    json status = json::parse(Inspector("/status/batch/get", json::object()).body);
    EXPECT_EQ(status["accounts"][0]["resourceState"]["lambdaCode"]["status"], "DISABLED");
}

TEST(InspectorRuntimeTest, LambdaRuntimesAsInspectorSpellsThem) {
    EXPECT_EQ(InspectorRuntime("python3.11"), "PYTHON_3_11");
    EXPECT_EQ(InspectorRuntime("nodejs18.x"), "NODEJS_18_X");
    EXPECT_EQ(InspectorRuntime("java8.al2"), "JAVA_8_AL2");
    EXPECT_EQ(InspectorRuntime("dotnetcore3.1"), "DOTNETCORE_3_1");
    EXPECT_EQ(InspectorRuntime("go1.x"), "GO_1_X");
    // Real findings say PYTHON_3_12, which the reference model's Runtime enum lacks: the
    // emulator answers as the samples do (the output-shapes test knows it as seen beyond the
    // model).
    EXPECT_EQ(InspectorRuntime("python3.12"), "PYTHON_3_12");
    EXPECT_EQ(InspectorRuntimeName("python3.12"), "PYTHON_3_12");  // SBOM documents
    EXPECT_EQ(InspectorRuntime("provided.al2"), "UNSUPPORTED");
}

TEST(SbomWriterTest, OsPurlsHaveTypeButNoNamespaceNorDistro) {
    Resource debian;
    debian.type = ResourceType::kEcrImage;
    debian.platform = "DEBIAN_10";
    debian.architecture = "arm64";
    Package libss2;
    libss2.name = "libss2";
    libss2.version = "1.44.5-1+deb10u3";
    // Exactly the purl of AWS's CycloneDX example (an arm64 Debian image).
    EXPECT_EQ(Purl(debian, libss2),
              "pkg:dpkg/libss2@1.44.5-1+deb10u3?arch=ARM64&epoch=0"
              "&upstream=libss2-1.44.5-1+deb10u3.src.dpkg");
    debian.architecture = "amd64";
    EXPECT_NE(Purl(debian, libss2).find("?arch=AMD64&"), std::string::npos);

    Resource al2;
    al2.type = ResourceType::kEc2Instance;
    al2.platform = "AMAZON_LINUX_2";
    Package elf;
    elf.name = "elfutils-libelf";
    elf.version = "0.176";
    elf.release = "2.amzn2";
    elf.arch = "x86_64";  // upper-cased, as Inspector writes it
    // Exactly the purl of AWS's SPDX example (an Amazon Linux 2 instance).
    EXPECT_EQ(Purl(al2, elf),
              "pkg:rpm/elfutils-libelf@0.176-2.amzn2?arch=X86_64&epoch=0"
              "&upstream=elfutils-libelf-0.176-2.amzn2.src.rpm");
    al2.platform = "ALPINE_LINUX_3_19";
    EXPECT_EQ(Purl(al2, elf).rfind("pkg:apk/elfutils-libelf@", 0), 0u);
}

std::vector<std::string> PropertyNames(const json& doc) {
    std::vector<std::string> out;
    for (const auto& p : doc["metadata"]["properties"]) {
        out.push_back(p["name"]);
    }
    return out;
}

TEST(SbomWriterTest, CycloneDxPropertiesAndNoLicenses) {
    Package pkg;
    pkg.name = "bash";
    pkg.version = "5.1";
    pkg.license = "GPL-3.0-or-later";  // the examples carry no licenses: not written
    Resource image;
    image.type = ResourceType::kEcrImage;
    image.id = "arn:aws:ecr:us-east-1:1:repository/app/sha256:cc";
    image.digest = "sha256:cc";
    image.architecture = "arm64";
    image.packages = {pkg};
    json ecr = json::parse(CycloneDxDocument(image, {}, kT0));
    EXPECT_EQ(PropertyNames(ecr),
              (std::vector<std::string>{"imageId", "architecture", "accountId", "resourceType"}));
    EXPECT_EQ(ecr["metadata"]["properties"][1]["value"], "arm64");
    EXPECT_FALSE(ecr["components"][0].contains("licenses"));
    EXPECT_FALSE(
        json::parse(SpdxDocument(image, {}, kT0))["packages"][0].contains("licenseDeclared"));

    Resource ec2;
    ec2.type = ResourceType::kEc2Instance;
    ec2.id = ec2.instance_id = "i-1";
    ec2.ami_id = "ami-1";
    ec2.platform = "AMAZON_LINUX_2023";
    json inst = json::parse(CycloneDxDocument(ec2, {}, kT0));
    EXPECT_EQ(PropertyNames(inst),
              (std::vector<std::string>{
                  "instanceId", "imageId", "architecture", "accountId", "resourceType"}));

    Resource fn;
    fn.type = ResourceType::kLambdaFunction;
    fn.function_name = "f";
    fn.runtime = "java8.al2";
    fn.id = "arn:aws:lambda:us-east-1:1:function:f:$LATEST";
    json lambda = json::parse(CycloneDxDocument(fn, {}, kT0));
    EXPECT_EQ(PropertyNames(lambda),
              (std::vector<std::string>{
                  "functionArn", "runtime", "architecture", "accountId", "resourceType"}));
    EXPECT_EQ(lambda["metadata"]["properties"][1]["value"], "JAVA_8_AL2");
}

TEST_F(EmulatorTest, QuotaAndConflictFaultsUseTheModelledErrors) {
    Control("/faults",
            {{"inspector2:ListFindings", {{"failNext", {{"count", 1}, {"kind", "quota"}}}}},
             {"inspector2:ListCoverage", {{"failNext", {{"count", 1}, {"kind", "conflict"}}}}}});
    Response quota = Inspector("/findings/list", json::object());
    EXPECT_EQ(quota.status, 402);
    EXPECT_EQ(quota.Header("x-amzn-ErrorType"), "ServiceQuotaExceededException");
    json qbody = json::parse(quota.body);
    EXPECT_TRUE(qbody["message"].is_string());
    EXPECT_EQ(qbody["resourceId"], "123456789012");  // a string, as the model says
    Response conflict = Inspector("/coverage/list", json::object());
    EXPECT_EQ(conflict.status, 409);
    EXPECT_EQ(conflict.Header("x-amzn-ErrorType"), "ConflictException");
    json cbody = json::parse(conflict.body);
    EXPECT_TRUE(cbody["message"].is_string());
    EXPECT_TRUE(cbody["resourceId"].is_string());
    EXPECT_TRUE(cbody["resourceType"].is_string());
    EXPECT_EQ(Inspector("/findings/list", json::object()).status, 200);  // only the next one

    // Rates: every call; never on another service, which has no such error.
    Control("/faults/reset", json::object());
    Control("/faults", {{"*", {{"conflictRate", 1.0}}}});
    EXPECT_EQ(Inspector("/findings/list", json::object()).status, 409);
    aws::HttpRequest list;
    list.method = "GET";
    list.path = "/2015-03-31/functions/";
    list.SetHeader("Host", "127.0.0.1:4566");
    EXPECT_EQ(Send(list, "lambda", Admin()).status, 200);
    EXPECT_EQ(Control("/faults", {{"*", {{"quotaRate", 0.6}, {"conflictRate", 0.6}}}}).status, 400);
}

TEST_F(EmulatorTest, OneSbomExportAtATimePerAccount) {
    json body = {{"reportFormat", "CYCLONEDX_1_4"},
                 {"s3Destination",
                  {{"bucketName", "exports"},
                   {"kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/1111-2222"}}}};
    Response first = Inspector("/sbomexport/create", body);
    ASSERT_EQ(first.status, 200) << first.body;
    std::string id = json::parse(first.body)["reportId"];
    Response second = Inspector("/sbomexport/create", body);
    EXPECT_EQ(second.status, 409);
    EXPECT_EQ(second.Header("x-amzn-ErrorType"), "ConflictException");
    EXPECT_EQ(json::parse(second.body)["resourceId"], id);
    clock_.Advance(std::chrono::seconds(61));
    EXPECT_EQ(json::parse(Inspector("/sbomexport/get", {{"reportId", id}}).body)["status"],
              "SUCCEEDED");
    Response third = Inspector("/sbomexport/create", body);
    EXPECT_EQ(third.status, 200) << third.body;
    // Cancelling the running one frees the slot too.
    std::string third_id = json::parse(third.body)["reportId"];
    EXPECT_EQ(Inspector("/sbomexport/create", body).status, 409);
    Inspector("/sbomexport/cancel", {{"reportId", third_id}});
    EXPECT_EQ(Inspector("/sbomexport/create", body).status, 200);
}

TEST_F(FidelityTest, SbomExportsAtOnceZeroLiftsTheLimit) {
    json fleet = json::parse(kFidelityFleet);
    fleet["settings"]["sbomExportsAtOnce"] = 0;
    emu_ = std::make_unique<Emulator>(ParseFleet(fleet.dump(), kT0).value(), clock_, 7);
    json body = {{"reportFormat", "SPDX_2_3"},
                 {"s3Destination",
                  {{"bucketName", "exports"},
                   {"kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/1111-2222"}}}};
    EXPECT_EQ(Inspector("/sbomexport/create", body).status, 200);
    EXPECT_EQ(Inspector("/sbomexport/create", body).status, 200);
    fleet["settings"]["sbomExportsAtOnce"] = -1;
    EXPECT_FALSE(ParseFleet(fleet.dump(), kT0).ok());
}

class DemoFidelityTest : public EmulatorTest {
protected:
    DemoFidelityTest() {
        auto fleet = DemoFleet(kT0);
        EXPECT_TRUE(fleet.ok());
        emu_ = std::make_unique<Emulator>(std::move(fleet).value(), clock_, 7);
        findings_ = ListEvery();
    }

    // Every finding of the fleet, in pages of 25.
    json ListEvery() {
        json out = json::array();
        json req = {{"maxResults", 100}};
        for (int i = 0; i < 1000; ++i) {
            json page = json::parse(Inspector("/findings/list", req).body);
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

    // The findings on resource ids containing `resource` that satisfy `pred`.
    size_t Count(const std::string& resource, const std::function<bool(const json&)>& pred) {
        size_t n = 0;
        for (const auto& f : findings_) {
            std::string id = f["resources"][0]["id"];
            n += id.find(resource) != std::string::npos && pred(f) ? 1 : 0;
        }
        return n;
    }

    json findings_;
};

TEST_F(DemoFidelityTest, TheDemoFleetHasEveryFindingShape) {
    auto pkgs = [](const json& f) -> json {
        return f.contains("packageVulnerabilityDetails")
                   ? f["packageVulnerabilityDetails"]["vulnerablePackages"]
                   : json::array();
    };
    EXPECT_EQ(Count("i-0a1b2c3d4e5f60002", [&](const json& f) { return pkgs(f).size() == 3; }), 1u)
        << "db-rhel9's openssl finding lists openssl, openssl-devel and openssl-libs";
    EXPECT_EQ(
        Count("i-0a1b2c3d4e5f60002", [](const json& f) { return f["status"] == "SUPPRESSED"; }),
        3u);
    EXPECT_EQ(Count("i-0a1b2c3d4e5f60002", [](const json& f) { return f["status"] == "CLOSED"; }),
              1u);
    EXPECT_EQ(Count("vault-sidecar",
                    [](const json& f) { return f.value("fixAvailable", "") == "PARTIAL"; }),
              1u);
    EXPECT_EQ(Count("vault-sidecar",
                    [](const json& f) {
                        return f.value("fixAvailable", "") == "NO" &&
                               f["severity"] == "UNTRIAGED" &&
                               f["packageVulnerabilityDetails"]["cvss"].empty() &&
                               !f.contains("inspectorScore") &&
                               // NVD has not rated it: no (empty) vendorSeverity either
                               !f["packageVulnerabilityDetails"].contains("vendorSeverity");
                    }),
              1u);
    EXPECT_EQ(Count("function:nightly-cleanup",
                    [](const json& f) { return f["type"] == "CODE_VULNERABILITY"; }),
              1u);
    EXPECT_EQ(Count("i-0a1b2c3d4e5f60003",
                    [](const json& f) { return f["type"] == "NETWORK_REACHABILITY"; }),
              1u);
    EXPECT_EQ(Count("ingest-worker", [](const json&) { return true; }), 0u);
    EXPECT_GT(Count("web-frontend",
                    [&](const json& f) {
                        return !pkgs(f).empty() && pkgs(f)[0]["arch"] == "AMD64" &&
                               pkgs(f)[0].contains("sourceLayerHash");
                    }),
              0u);
    json cov = json::parse(Inspector("/coverage/list", json::object()).body)["coveredResources"];
    std::map<std::string, std::string> runtimes;  // function name -> coverage runtime
    for (const auto& c : cov) {
        EXPECT_EQ(c["resourceId"].get<std::string>().find("ingest-worker"), std::string::npos);
        if (c["resourceMetadata"].contains("lambdaFunction")) {
            const json& fn = c["resourceMetadata"]["lambdaFunction"];
            runtimes[fn["functionName"]] = fn["runtime"];
        }
    }
    EXPECT_EQ(runtimes["nightly-cleanup"], "PYTHON_3_11");
    EXPECT_EQ(runtimes["thumbnailer"], "NODEJS_18_X");
    EXPECT_EQ(runtimes["report-exporter"], "JAVA_17");
    // orders-api runs python3.12, written as the real findings write it.
    EXPECT_EQ(runtimes["orders-api"], "PYTHON_3_12");
    json py312 = json::parse(
        Inspector("/coverage/list", json::parse(R"({"filterCriteria": {"lambdaFunctionRuntime":
                                           [{"comparison": "EQUALS", "value": "PYTHON_3_12"}]}})"))
            .body)["coveredResources"];
    ASSERT_FALSE(py312.empty());
    EXPECT_EQ(py312[0]["resourceMetadata"]["lambdaFunction"]["functionName"], "orders-api");
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
