#include "kensa/dto/vuls_dto.h"

#include "kensa/common/clock.h"

namespace kensa::dto {
namespace {

Json OrNull(const std::optional<domain::EpochSeconds>& v) {
    return v ? Json(*v) : Json(nullptr);
}

}  // namespace

Json ToJson(const app::VulsImportResult& r) {
    return {{"run_id", r.run_id},
            {"server_id", r.server_id},
            {"server_name", r.server_name},
            {"created", r.created},
            {"identified_by", domain::ToString(r.identified_by)},
            {"family", r.family},
            {"release", r.release},
            {"packages", r.packages},
            {"src_packages", r.src_packages},
            {"library_scanners", r.library_scanners},
            {"software", r.software},
            {"cves", r.cves},
            {"tasks_created", r.applied.tasks_created + r.advisory_applied.tasks_created},
            {"tasks_reopened", r.applied.tasks_reopened + r.advisory_applied.tasks_reopened},
            {"tasks_patched", r.applied.tasks_patched + r.advisory_applied.tasks_patched},
            {"advisory_detections", r.advisory_applied.active_detections}};
}

Json ToJson(const domain::UploadToken& t) {
    return {{"id", t.id},
            {"group_id", t.group_id},
            {"label", t.label},
            {"scope", "upload"},
            {"created_by", t.created_by},
            {"created_at", t.created_at},
            {"expires_at", OrNull(t.expires_at)},
            {"revoked_at", OrNull(t.revoked_at)},
            {"last_used_at", OrNull(t.last_used_at)}};
}

Json SaasAnswer(const app::SaasCredentials& c) {
    return {{"Credential",
             {{"AccessKeyId", c.access_key_id},
              {"SecretAccessKey", c.secret_access_key},
              {"SessionToken", c.session_token},
              {"Expiration", FormatIso8601(SystemTime(std::chrono::seconds(c.expiration)))}}},
            {"S3Bucket", c.bucket},
            {"S3ResultsDir", c.results_dir}};
}

}  // namespace kensa::dto
