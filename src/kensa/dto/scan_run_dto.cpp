#include "kensa/dto/scan_run_dto.h"

namespace kensa::dto {

namespace {

Json ErrorJson(const domain::ScanError& error) {
    return {{"code", error.code},
            {"step", error.step},
            {"missing_permission", error.missing_permission},
            {"message", error.message},
            {"hint", error.hint}};
}

Json SkippedJson(const std::vector<domain::SkippedResource>& skipped) {
    Json out = Json::array();
    for (const auto& resource : skipped) {
        out.push_back({{"resource", resource.resource}, {"reason", resource.reason}});
    }
    return out;
}

Json DiagnosisJson(const app::SbomDiagnosis& diagnosis) {
    return {{"server_id", diagnosis.server_id},
            {"server", diagnosis.server},
            {"kind", diagnosis.kind},
            {"scan_mode", diagnosis.scan_mode},
            {"identifiers", diagnosis.identifiers},
            {"object_keys", diagnosis.object_keys},
            {"components", diagnosis.components},
            {"imported_at", diagnosis.imported_at},
            {"verdict", diagnosis.verdict}};
}

}  // namespace

Json ToJson(const domain::ScanRun& run) {
    Json j = {{"id", run.id},
              {"group_id", run.group_id},
              {"server_id", run.server_id ? Json(*run.server_id) : Json(nullptr)},
              {"type", domain::ToString(run.type)},
              {"trigger", domain::ToString(run.trigger)},
              {"status", domain::ToString(run.status)},
              {"started_at", run.started_at},
              {"finished_at", run.finished_at},
              {"findings_seen", run.findings_seen},
              {"vulnerabilities", run.vulnerabilities},
              {"tasks_created", run.tasks_created},
              {"tasks_reopened", run.tasks_reopened},
              {"tasks_patched", run.tasks_patched},
              {"rows_written", run.rows_written}};
    if (run.type == domain::ScanType::kSbom) {
        j["resources_imported"] = run.resources_imported;
        j["resources_skipped"] = run.resources_skipped;
    }
    if (run.type == domain::ScanType::kSbom || run.type == domain::ScanType::kSbomFile) {
        j["components_imported"] = run.components_imported;
    }
    if (run.error) {
        j["error"] = ErrorJson(*run.error);
    }
    j["skipped"] = SkippedJson(run.skipped);
    return j;
}

Json ToJson(const app::SbomDiagnostics& diagnostics) {
    Json servers = Json::array();
    for (const auto& diagnosis : diagnostics.servers) {
        servers.push_back(DiagnosisJson(diagnosis));
    }
    return {{"enabled", diagnostics.enabled},
            {"bucket", diagnostics.bucket},
            {"kms_key_arn", diagnostics.kms_key_arn},
            {"last_run", diagnostics.last_run ? ToJson(*diagnostics.last_run) : Json(nullptr)},
            {"servers", servers},
            {"unmatched", SkippedJson(diagnostics.unmatched)}};
}

Json ToJson(const app::AdvisoryImportReport& report) {
    return {{"files", report.files},
            {"records", report.records},
            {"inserted", report.inserted},
            {"updated", report.updated},
            {"unchanged", report.unchanged},
            {"withdrawn", report.withdrawn},
            {"git_ranges_skipped", report.git_ranges_skipped},
            {"unknown_ecosystems", report.unknown_ecosystems},
            {"errors", report.errors}};
}

}  // namespace kensa::dto
