#pragma once
// JSON views of a group, its AWS integration (never the secret: only whether one is set), its
// SBOM export settings and the AWS connection test. Field names are the API's contract.

#include <string>

#include "kensa/app/integration/aws_settings.h"
#include "kensa/common/error.h"
#include "kensa/domain/model.h"
#include "kensa/dto/json.h"

namespace kensa::dto {

/// {id, name, timezone, daily_scan_time "HH:MM", daily_scan_enabled, aws{...}, sbom_export{...}}.
Json ToJson(const domain::Group& group);
/// {enabled, bucket, key_prefix, kms_key_arn, format}: a group's "sbom_export" member.
Json ToJson(const domain::SbomExportSettings& sbom);
/// {ok, account, arn, error, permissions[{action, granted, detail}], missing, policy_snippet}.
Json ToJson(const app::ConnectionReport& report);

/// Minutes after local midnight as "HH:MM".
std::string FormatDailyScanTime(int minute_of_day);
/// "HH:MM" (00:00-23:59) as minutes after midnight; kInvalidInput naming daily_scan_time.
Result<int> ParseDailyScanTime(const std::string& text);

}  // namespace kensa::dto
