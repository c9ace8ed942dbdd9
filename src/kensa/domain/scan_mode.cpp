#include "kensa/domain/scan_mode.h"

#include <set>

#include "kensa/domain/task_lifecycle.h"

namespace kensa::domain {

ScanMode ScanModeFor(ServerKind kind, bool sbom_export_enabled) {
    if (!IsAwsResource(kind) || !sbom_export_enabled) {
        return ScanMode::kNormal;
    }
    return ScanMode::kInspectorSbom;
}

std::vector<ScanModeChange> PlanScanModes(const std::vector<Server>& servers,
                                          bool sbom_export_enabled) {
    std::vector<ScanModeChange> changes;
    for (const auto& server : servers) {
        ScanMode mode = ScanModeFor(server.kind, sbom_export_enabled);
        if (mode == server.scan_mode) {
            continue;
        }
        bool leaving_sbom = server.scan_mode == ScanMode::kInspectorSbom;
        changes.push_back({server.id, mode, leaving_sbom});
    }
    return changes;
}

Status ValidateSbomSettings(const SbomExportSettings& settings) {
    if (settings.format != "CYCLONEDX_1_4" && settings.format != "SPDX_2_3") {
        return Error(ErrorCode::kInvalidInput,
                     "SBOM format must be CYCLONEDX_1_4 or SPDX_2_3, not '" + settings.format + "'")
            .With("field", "format");
    }
    return Ok();
}

TakeoverPlan PlanSbomTakeover(const TakeoverState& state, const std::string& comment) {
    TakeoverPlan plan;
    if (state.already_taken_over) {
        return plan;
    }
    plan.take_over = true;
    plan.comment = comment;
    plan.software = state.inspector_software;
    std::set<std::string> moved_vulnerabilities;
    for (const auto& det : state.inspector_detections) {
        if (det.kind == "code") {
            continue;  // Lambda code findings are in no SBOM: they stay Inspector's
        }
        plan.detections.push_back(det.id);
        moved_vulnerabilities.insert(det.vulnerability_id);
    }
    for (const auto& task : state.tasks) {
        if (IsOpen(task.status) && moved_vulnerabilities.count(task.vulnerability_id) != 0) {
            plan.commented_tasks.push_back(task.id);
        }
    }
    return plan;
}

bool IsTakeoverRun(bool took_over_now,
                   const std::optional<EpochSeconds>& sbom_migrated_at,
                   EpochSeconds now) {
    return took_over_now || (sbom_migrated_at.has_value() && *sbom_migrated_at == now);
}

}  // namespace kensa::domain
