#include "kensa/app/sbom/settings.h"

#include <algorithm>
#include <regex>

#include "kensa/app/audit.h"
#include "kensa/app/scan_runs/recorder.h"
#include "kensa/domain/scan_mode.h"

namespace kensa::app {

Result<domain::SbomExportSettings> SetSbomSettings(const AppContext& ctx,
                                                   domain::Id group_id,
                                                   const SbomSettingsInput& in,
                                                   const std::string& actor) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    domain::SbomExportSettings s;
    s.enabled = in.enabled;
    s.key_prefix = in.key_prefix;
    s.kms_key_arn = in.kms_key_arn;
    s.format = in.format.empty() ? "CYCLONEDX_1_4" : in.format;
    s.bucket = in.bucket;
    if (s.bucket.empty()) {
        if (group.aws.account_id.empty() || group.aws.region.empty()) {
            return Error(ErrorCode::kInvalidInput,
                         "the default bucket name needs the group's AWS account id and region: "
                         "test the AWS "
                         "integration first, or give the bucket name")
                .With("field", "bucket");
        }
        s.bucket = domain::DefaultSbomBucket(group.aws.account_id, group.id, group.aws.region);
    }
    static const std::regex kBucket(R"(^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$)");
    if (s.bucket.size() > 63 || !std::regex_match(s.bucket, kBucket) ||
        s.bucket.find("..") != std::string::npos) {
        return Error(ErrorCode::kInvalidInput, "'" + s.bucket + "' is not a valid S3 bucket name")
            .With("field", "bucket");
    }
    static const std::regex kKms(R"(^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$)");
    if (s.enabled && (s.kms_key_arn.size() > 2048 || !std::regex_match(s.kms_key_arn, kKms))) {
        return Error(ErrorCode::kInvalidInput,
                     "SBOM export needs a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID); "
                     "Inspector encrypts every "
                     "export with it")
            .With("field", "kms_key_arn");
    }
    if (s.key_prefix.size() > 512) {
        return Error(ErrorCode::kInvalidInput, "key prefix longer than 512 characters")
            .With("field", "key_prefix");
    }
    KENSA_TRY(domain::ValidateSbomSettings(s));
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    KENSA_ASSIGN_OR_RETURN(
        int64_t switched,
        ctx.store.UpdateGroupSbom(group_id, s, domain::PlanScanModes(servers, s.enabled)));
    KENSA_TRY(RecordAudit(ctx,
                          group_id,
                          actor,
                          "group.sbom.update",
                          s.bucket,
                          std::string(s.enabled ? "enabled" : "disabled") +
                              ", servers switched: " + std::to_string(switched)));
    return s;
}

Result<domain::ScanRun> QueueManualSbomExport(const AppContext& ctx, domain::Id group_id) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    if (!group.sbom.enabled) {
        return Error(ErrorCode::kConflict,
                     "SBOM export is not enabled for group '" + group.name +
                         "'; enable it in the group's SBOM export settings first");
    }
    domain::EpochSeconds now = Now(ctx);
    KENSA_ASSIGN_OR_RETURN(
        auto next, ctx.store.TryStartManualSbomExport(group_id, now, kManualSbomIntervalSeconds));
    if (next) {
        int64_t wait = std::max<int64_t>(1, *next - now);
        return Error(ErrorCode::kRateLimited,
                     "the SBOM bulk export runs at most once an hour per group (Amazon Inspector "
                     "limits concurrent "
                     "exports); the next one can start in " +
                         std::to_string((wait + 59) / 60) + " min")
            .With("retry_after", std::to_string(wait));
    }
    ScanRunRecorder recorder(ctx.store, ctx.clock);
    return recorder.Start(group_id,
                          std::nullopt,
                          domain::ScanType::kSbom,
                          domain::ScanTrigger::kManual,
                          domain::ScanStatus::kQueued);
}

}  // namespace kensa::app
