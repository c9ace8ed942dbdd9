#pragma once
// R13 and R19: which scan reads a server, and what moves when a server changes hands.
//
//  - A group with the Inspector SBOM export on scans its EC2, pseudo (Lambda) and ECR servers
//    through the export (ScanMode::kInspectorSbom); otherwise through the findings scan.
//  - Vuls servers are never touched by the SBOM mode (R19).
//  - Turning the export off hands the SBOM's rows back to the normal scan, which reconciles
//    them from then on, so nothing stays active without a source that can close it.
//  - On a server's first SBOM import, what the normal Inspector scan found moves under SBOM
//    management (the take-over); code findings stay Inspector's, because no SBOM lists them.
//    Each affected open task gets one system comment, and that import closes no task.

#include <optional>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::domain {

/// The scan mode a server of `kind` gets in a group whose SBOM export is (not) enabled.
ScanMode ScanModeFor(ServerKind kind, bool sbom_export_enabled);

/// One server whose mode changes.
struct ScanModeChange {
    Id server_id = 0;
    ScanMode mode = ScanMode::kNormal;
    /// Leaving SBOM mode: the SBOM's software and detections go back to the Inspector source
    /// and the take-over mark is cleared, so a later re-enable takes over again.
    bool hand_back_sbom_rows = false;
};

/// The changes that bring the group's servers in line with the export setting.
std::vector<ScanModeChange> PlanScanModes(const std::vector<Server>& servers,
                                          bool sbom_export_enabled);

/// The formats Inspector's CreateSbomExport accepts.
Status ValidateSbomSettings(const SbomExportSettings& settings);

/// What the take-over decision needs to know about a server.
struct TakeoverState {
    bool already_taken_over = false;              ///< sbom_migrated_at is set
    std::vector<Id> inspector_software;           ///< rows of the Inspector source
    std::vector<Detection> inspector_detections;  ///< detections of the Inspector source
    std::vector<Task> tasks;                      ///< all tasks of the server
};

/// Rows to relabel from the Inspector source to the SBOM source, and tasks to comment on.
struct TakeoverPlan {
    bool take_over = false;
    std::vector<Id> software;
    std::vector<Id> detections;
    std::vector<Id> commented_tasks;
    std::string comment;
};

/// The first SBOM import of a server takes over what the normal scan found.
TakeoverPlan PlanSbomTakeover(const TakeoverState& state, const std::string& comment);

/// Whether this run is the one that moved the server under SBOM management (then it closes no
/// task: a pseudo server is imported one function at a time, all with the run's `now`).
bool IsTakeoverRun(bool took_over_now,
                   const std::optional<EpochSeconds>& sbom_migrated_at,
                   EpochSeconds now);

}  // namespace kensa::domain
