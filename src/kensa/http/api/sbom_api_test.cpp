// /api/v1/groups/{group}/sbom: settings, template, the bulk export and the diagnostics.
#include "kensa/http/api/sbom_api.h"

#include <gtest/gtest.h>

#include "kensa/http/api/testing/api_harness.h"

namespace kensa::http::api::testing {
namespace {

constexpr const char* kEnable =
    R"({"enabled": true, "bucket": "blue-sbom-bucket",
        "kms_key_arn": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"})";

class SbomApiTest : public ApiTest {
protected:
    SbomApiTest() { api.ConfigureAws(blue); }
};

TEST_F(SbomApiTest, GetSettingsShowsTheDefaultsAndIs404AcrossGroups) {
    auto r = api.Call("GET", GroupPath(blue, "/sbom"), blue_viewer);
    ASSERT_EQ(r.status, 200) << r.body;
    Json s = BodyJson(r);
    EXPECT_EQ(s["enabled"], false);
    EXPECT_EQ(s["format"], "CYCLONEDX_1_4");
    EXPECT_TRUE(s.contains("bucket") && s.contains("key_prefix") && s.contains("kms_key_arn"));
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/sbom"), red_admin).status, 404);
}

TEST_F(SbomApiTest, PutSettingsEnablesTheExportAndSwitchesScanModes) {
    domain::Id web = api.AddEc2Server(blue, "i-0aaaaaaaaaaaaaaa1");
    auto r = api.Call("PUT", GroupPath(blue, "/sbom"), blue_admin, kEnable);
    ASSERT_EQ(r.status, 200) << r.body;
    Json s = BodyJson(r);
    EXPECT_EQ(s["enabled"], true);
    EXPECT_EQ(s["bucket"], "blue-sbom-bucket");
    Json server =
        BodyJson(api.Call("GET", GroupPath(blue, "/servers/" + std::to_string(web)), blue_viewer));
    EXPECT_EQ(server["scan_mode"], "inspector_sbom");
    EXPECT_NE(std::string(server["manual_scan"]).find("SBOM"), std::string::npos);

    // Members the body leaves out keep their value.
    auto prefix =
        api.Call("PUT", GroupPath(blue, "/sbom"), blue_admin, R"({"key_prefix": "kensa/"})");
    ASSERT_EQ(prefix.status, 200) << prefix.body;
    EXPECT_EQ(BodyJson(prefix)["enabled"], true);
    EXPECT_EQ(BodyJson(prefix)["key_prefix"], "kensa/");
    EXPECT_EQ(BodyJson(prefix)["bucket"], "blue-sbom-bucket");
}

TEST_F(SbomApiTest, PutSettingsValidatesItsBodyAndTheCaller) {
    auto enabled = api.Call("PUT", GroupPath(blue, "/sbom"), blue_admin, R"({"enabled": "on"})");
    EXPECT_EQ(enabled.status, 400);
    EXPECT_EQ(ProblemField(enabled), "enabled");
    auto kms =
        api.Call("PUT",
                 GroupPath(blue, "/sbom"),
                 blue_admin,
                 R"({"enabled": true, "bucket": "blue-sbom-bucket", "kms_key_arn": "nope"})");
    EXPECT_EQ(ProblemField(kms), "kms_key_arn");
    auto bucket = api.Call("PUT", GroupPath(blue, "/sbom"), blue_admin, R"({"bucket": 7})");
    EXPECT_EQ(ProblemField(bucket), "bucket");
    EXPECT_EQ(api.Call("PUT", GroupPath(blue, "/sbom"), blue_admin, "[").status, 400);
    EXPECT_EQ(api.Call("PUT", GroupPath(blue, "/sbom"), blue_member, kEnable).status, 403);
    EXPECT_EQ(api.Call("PUT", GroupPath(blue, "/sbom"), red_admin, kEnable).status, 404);
    EXPECT_EQ(BodyJson(api.Call("GET", GroupPath(blue, "/sbom"), blue_admin))["enabled"], false);
}

TEST_F(SbomApiTest, TemplateIsYamlByDefaultOrJson) {
    auto yaml = api.Call("GET", GroupPath(blue, "/sbom/template"), blue_viewer);
    ASSERT_EQ(yaml.status, 200);
    EXPECT_EQ(yaml.content_type, "application/yaml");
    EXPECT_NE(yaml.Header("Content-Disposition").find("kensa-inspector-sbom.yaml"),
              std::string::npos);
    EXPECT_NE(yaml.body.find("AWSTemplateFormatVersion"), std::string::npos);
    auto json = api.Call("GET", GroupPath(blue, "/sbom/template?format=json"), blue_viewer);
    ASSERT_EQ(json.status, 200);
    EXPECT_EQ(json.content_type, "application/json");
    EXPECT_TRUE(BodyJson(json).contains("Resources"));
    auto bad = api.Call("GET", GroupPath(blue, "/sbom/template?format=xml"), blue_viewer);
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(ProblemField(bad), "format");
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/sbom/template"), red_admin).status, 404);
}

TEST_F(SbomApiTest, StartExportNeedsTheExportEnabled) {
    auto r = api.Call("POST", GroupPath(blue, "/sbom/exports"), blue_member);
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(ProblemCode(r), "conflict");
    EXPECT_EQ(api.Call("POST", GroupPath(blue, "/sbom/exports"), blue_viewer).status, 403);
    EXPECT_EQ(api.Call("POST", GroupPath(blue, "/sbom/exports"), red_admin).status, 404);
}

TEST_F(SbomApiTest, StartExportQueuesARunOnceAnHour) {
    ASSERT_EQ(api.Call("PUT", GroupPath(blue, "/sbom"), blue_admin, kEnable).status, 200);
    auto r = api.Call("POST", GroupPath(blue, "/sbom/exports"), blue_member);
    ASSERT_EQ(r.status, 202) << r.body;
    Json run = BodyJson(r);
    EXPECT_EQ(run["type"], "sbom");
    EXPECT_EQ(run["status"], "queued");
    EXPECT_TRUE(run.contains("resources_imported"));
    auto again = api.Call("POST", GroupPath(blue, "/sbom/exports"), blue_member);
    EXPECT_EQ(again.status, 429);
    EXPECT_EQ(ProblemCode(again), "rate_limited");
    EXPECT_FALSE(again.Header("Retry-After").empty());
}

TEST_F(SbomApiTest, DiagnoseExplainsEachServer) {
    api.AddEc2Server(blue, "i-0aaaaaaaaaaaaaaa1");
    ASSERT_EQ(api.Call("PUT", GroupPath(blue, "/sbom"), blue_admin, kEnable).status, 200);
    auto r = api.Call("GET", GroupPath(blue, "/sbom/diagnose"), blue_viewer);
    ASSERT_EQ(r.status, 200) << r.body;
    Json d = BodyJson(r);
    EXPECT_EQ(d["enabled"], true);
    EXPECT_EQ(d["bucket"], "blue-sbom-bucket");
    ASSERT_EQ(d["servers"].size(), 1u);
    EXPECT_FALSE(std::string(d["servers"][0]["verdict"]).empty());
    EXPECT_TRUE(d["unmatched"].is_array());
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/sbom/diagnose"), red_admin).status, 404);
}

}  // namespace
}  // namespace kensa::http::api::testing
