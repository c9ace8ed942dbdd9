// The wire views: field names are a contract (external tools read them) and enums are names.
#include "kensa/dto/dto.h"

#include <gtest/gtest.h>

namespace kensa::dto {
namespace {

bool HasKeys(const Json& j, std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
        if (!j.contains(key)) {
            ADD_FAILURE() << "missing '" << key << "' in " << j.dump();
            return false;
        }
    }
    return true;
}

TEST(DtoViews, VulnerabilitySeverityIsItsNameNeverANumber) {
    domain::Vulnerability v;
    v.id = "CVE-2024-0001";
    v.severity = domain::Severity::kCritical;
    v.epss = 0.5;
    Json j = ToJson(v);
    ASSERT_TRUE(j["severity"].is_string());
    EXPECT_EQ(j["severity"], "CRITICAL");
    EXPECT_EQ(j["epss"], 0.5);
    v.severity = domain::Severity::kUnknown;
    v.epss.reset();
    EXPECT_EQ(ToJson(v)["severity"], "");
    EXPECT_TRUE(ToJson(v)["epss"].is_null());
    EXPECT_TRUE(HasKeys(j,
                        {"id",
                         "title",
                         "description",
                         "severity",
                         "cvss3_score",
                         "cvss3_vector",
                         "epss",
                         "exploit_available",
                         "fix_available",
                         "references"}));
}

TEST(DtoViews, TaskViewAddsTheListColumnsWithNamedEnums) {
    ports::TaskView view;
    view.task.id = 7;
    view.task.status = domain::TaskStatus::kNotAffected;
    view.task.priority = domain::TaskPriority::kHigh;
    view.server_name = "web-1";
    view.severity = domain::Severity::kMedium;
    Json j = ToJson(view);
    EXPECT_EQ(j["status"], "NOT_AFFECTED");
    EXPECT_EQ(j["priority"], "HIGH");
    EXPECT_EQ(j["severity"], "MEDIUM");
    EXPECT_EQ(j["server_name"], "web-1");
    EXPECT_TRUE(j["deadline"].is_null());
    EXPECT_TRUE(HasKeys(j,
                        {"id",
                         "group_id",
                         "server_id",
                         "vulnerability_id",
                         "assignee",
                         "created_at",
                         "updated_at",
                         "cvss3_score",
                         "title"}));
}

TEST(DtoViews, ServerCarriesOnlyTheFieldsOfItsKind) {
    domain::Server ec2;
    ec2.kind = domain::ServerKind::kEc2;
    ec2.instance_id = "i-1";
    Json j = ToJson(ec2);
    EXPECT_EQ(j["kind"], "ec2");
    EXPECT_EQ(j["instance_id"], "i-1");
    EXPECT_FALSE(j.contains("repository"));
    domain::Server ecr;
    ecr.kind = domain::ServerKind::kEcrImage;
    ecr.repository = "app";
    Json e = ToJson(ecr);
    EXPECT_EQ(e["repository"], "app");
    EXPECT_FALSE(e.contains("instance_id"));
    EXPECT_TRUE(HasKeys(e, {"id", "group_id", "name", "scan_mode", "account_id", "region"}));
}

TEST(DtoViews, GroupNeverCarriesTheSecretOnlyWhetherOneIsSet) {
    domain::Group g;
    g.daily_scan_minute = 9 * 60 + 5;
    g.aws.secret_enc = "sealed-secret";
    Json j = ToJson(g);
    EXPECT_EQ(j["daily_scan_time"], "09:05");
    EXPECT_EQ(j["aws"]["secret_access_key_set"], true);
    EXPECT_EQ(j.dump().find("sealed-secret"), std::string::npos);
    EXPECT_EQ(j["sbom_export"], ToJson(g.sbom));
}

TEST(DtoViews, DailyScanTimeRoundTripsAndRejectsOutOfRange) {
    EXPECT_EQ(*ParseDailyScanTime("03:00"), 180);
    EXPECT_EQ(FormatDailyScanTime(*ParseDailyScanTime("23:59")), "23:59");
    for (const char* bad : {"24:00", "12:60", "3", "03:00x", ""}) {
        auto r = ParseDailyScanTime(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().Detail("field"), "daily_scan_time");
    }
}

TEST(DtoViews, ScanRunShowsSbomCountersAndErrorsOnlyWhenTheyApply) {
    domain::ScanRun run;
    run.type = domain::ScanType::kInspector;
    Json inspector = ToJson(run);
    EXPECT_FALSE(inspector.contains("resources_imported"));
    EXPECT_FALSE(inspector.contains("error"));
    EXPECT_TRUE(inspector["server_id"].is_null());
    EXPECT_TRUE(inspector["skipped"].is_array());
    run.type = domain::ScanType::kSbom;
    run.server_id = 3;
    run.error = domain::ScanError{"access_denied", "s3:GetObject", "s3:GetObject", "no", "grant"};
    Json sbom = ToJson(run);
    EXPECT_EQ(sbom["type"], "sbom");
    EXPECT_EQ(sbom["server_id"], 3);
    EXPECT_TRUE(HasKeys(sbom, {"resources_imported", "resources_skipped", "components_imported"}));
    EXPECT_EQ(sbom["error"]["missing_permission"], "s3:GetObject");
}

TEST(DtoViews, ToJsonArrayKeepsOrder) {
    std::vector<app::LambdaAddResult> results(2);
    results[0].arn = "arn:a";
    results[1].arn = "arn:b";
    results[1].added = true;
    Json j = ToJsonArray(results);
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0]["arn"], "arn:a");
    EXPECT_EQ(j[1]["added"], true);
}

TEST(DtoViews, IssuedTokenAndUser) {
    app::IssuedToken issued;
    issued.token.id = 2;
    issued.token.user_id = 5;
    issued.token.scopes = {domain::Scope::kRead};
    issued.token.expires_at = 100;
    issued.secret = "kensa_abc";
    Json j = ToJson(issued, 50);
    EXPECT_EQ(j["user_id"], 5);
    EXPECT_EQ(j["token"], "kensa_abc");
    EXPECT_EQ(j["scopes"], Json::array({"read"}));
    EXPECT_EQ(j["active"], true);
    EXPECT_EQ(ToJson(issued, 100)["active"], false);
    EXPECT_EQ(ToJson(issued.token, 50).count("token"), 0u);  // only the issue shows it
    domain::User user;
    user.name = "alice";
    user.is_admin = true;
    EXPECT_EQ(ToJson(user)["is_admin"], true);
}

}  // namespace
}  // namespace kensa::dto
