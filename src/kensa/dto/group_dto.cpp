#include "kensa/dto/group_dto.h"

#include <cstdio>

namespace kensa::dto {

namespace {

constexpr int kMinutesPerHour = 60;
constexpr int kHoursPerDay = 24;

Json AwsJson(const domain::AwsIntegration& aws) {
    return {{"auth_type", domain::ToString(aws.auth_type)},
            {"region", aws.region},
            {"access_key_id", aws.access_key_id},
            {"secret_access_key_set", !aws.secret_enc.empty()},
            {"role_arn", aws.role_arn},
            {"external_id", aws.external_id},
            {"account_id", aws.account_id},
            {"endpoint_url", aws.endpoint_url}};
}

}  // namespace

std::string FormatDailyScanTime(int minute_of_day) {
    char text[8];
    std::snprintf(text,
                  sizeof(text),
                  "%02d:%02d",
                  minute_of_day / kMinutesPerHour % kHoursPerDay,
                  minute_of_day % kMinutesPerHour);
    return text;
}

Result<int> ParseDailyScanTime(const std::string& text) {
    int hours = 0;
    int minutes = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%2d:%2d%c", &hours, &minutes, &extra) != 2 || hours < 0 ||
        hours >= kHoursPerDay || minutes < 0 || minutes >= kMinutesPerHour) {
        return Error(ErrorCode::kInvalidInput, "daily_scan_time must be HH:MM, e.g. 03:00")
            .With("field", "daily_scan_time");
    }
    return hours * kMinutesPerHour + minutes;
}

Json ToJson(const domain::SbomExportSettings& sbom) {
    return {{"enabled", sbom.enabled},
            {"bucket", sbom.bucket},
            {"key_prefix", sbom.key_prefix},
            {"kms_key_arn", sbom.kms_key_arn},
            {"format", sbom.format}};
}

Json ToJson(const domain::Group& group) {
    return {{"id", group.id},
            {"name", group.name},
            {"timezone", group.timezone},
            {"daily_scan_time", FormatDailyScanTime(group.daily_scan_minute)},
            {"daily_scan_enabled", group.daily_scan_enabled},
            {"aws", AwsJson(group.aws)},
            {"sbom_export", ToJson(group.sbom)},
            {"eol_near_days", group.eol_near_days}};
}

Json ToJson(const app::ConnectionReport& report) {
    Json permissions = Json::array();
    for (const auto& permission : report.permissions) {
        permissions.push_back({{"action", permission.action},
                               {"granted", permission.granted},
                               {"detail", permission.detail}});
    }
    return {{"ok", report.ok},
            {"account", report.account},
            {"arn", report.arn},
            {"error", report.error},
            {"permissions", permissions},
            {"missing", report.missing},
            {"policy_snippet", report.policy_snippet}};
}

}  // namespace kensa::dto
