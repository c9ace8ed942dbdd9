#pragma once
// Reconciling one scan of one server against what kensa already stored (R4, R8, design flow 1).
//
// A scan reports what one source (Inspector, an SBOM, Vuls, the advisory matcher) sees on a
// server now. Reconcile() diffs that against the stored rows of the same source and returns
// the minimal set of changes: rows to insert, detections to close or reopen, tasks to create
// or transition. An unchanged rescan yields an empty change set, so the store writes nothing.
// Detections of other sources are never touched, but they keep a task open: a task becomes
// PATCH_APPLIED only when no source detects its vulnerability any more.

#include <optional>
#include <string>
#include <vector>

#include "kensa/domain/model.h"
#include "kensa/domain/task_lifecycle.h"

namespace kensa::domain {

/// One detection as a scan reports it.
struct ObservedDetection {
    std::string vulnerability_id;
    std::optional<SoftwareKey> software;  ///< none for code findings without a package
    std::string source_ref;               ///< the finding ARN (Inspector), advisory id, ...
    std::string fixed_in;
    std::string kind = "package";  ///< package | code
};

struct ScanObservation {
    DetectionSource source = DetectionSource::kInspector;
    SoftwareSource software_source = SoftwareSource::kInspector;
    std::string scan_label = "Inspector";  ///< used in system comments
    /// False for sources that only detect (the advisory matcher): software rows belong to other
    /// sources and are neither inserted nor removed. `software` then lists the stored rows (with
    /// their ids) that the detections refer to by key, and ServerState.software holds those
    /// rows plus the rows this source's stored detections refer to, if still active; memory
    /// follows the detections, not the server's software.
    bool manages_software = true;
    /// SBOM only (R13): on a server's first SBOM import, the software and detections that the
    /// normal Inspector scan found move under SBOM management before reconciling, and every
    /// affected open task gets this system comment once. Empty for other sources.
    std::string takeover_comment;
    /// Pseudo servers: the observation covers this Lambda function only. ServerState.software
    /// then holds that function's rows; the server's other rows and their detections are left
    /// alone and keep their vulnerabilities (and tasks) alive.
    std::optional<Id> lambda_scope;
    /// The OS release this scan says the server runs (Server::distro); empty: it says none,
    /// and the stored one stays.
    std::string distro;
    std::vector<Vulnerability> vulnerabilities;
    std::vector<Software> software;  ///< unique by key
    std::vector<ObservedDetection> detections;
};

/// What is stored for the server now.
struct ServerState {
    /// Rows of the observation's software source, incl. removed (see manages_software for a
    /// detect-only source).
    std::vector<Software> software;
    std::vector<Detection> detections;  ///< all sources
    std::vector<Task> tasks;            ///< all tasks of the server
    /// Vulnerabilities that active detections not in `detections` keep alive: with a
    /// lambda_scope the store loads only the function's detections and gives the rest of the
    /// server's as ids, so a function's import does not read the whole pseudo server.
    std::vector<std::string> active_elsewhere;
    /// R13: this run moved the server under SBOM management (domain::IsTakeoverRun), so it
    /// closes no task; the next import may.
    bool takeover_run = false;
};

struct DetectionInsert {
    ObservedDetection detection;
};

struct TaskCreate {
    std::string vulnerability_id;
    TaskPriority priority = TaskPriority::kNone;  ///< DefaultPriority of the reported severity
};

struct TaskChange {
    Task task;
    TaskTransition transition;
};

struct ScanChanges {
    std::vector<Software> software_insert;
    std::vector<Id> software_remove;   ///< set removed_at
    std::vector<Id> software_restore;  ///< clear removed_at
    /// Stored rows (id set) whose descriptive fields (type, ecosystem, purl, license, package
    /// manager, managed_by) the scan reports differently, with the new values.
    std::vector<Software> software_update;
    std::vector<DetectionInsert> detection_insert;
    std::vector<Id> detection_close;
    std::vector<Id> detection_reopen;
    std::vector<TaskCreate> task_create;  ///< vulnerabilities that get a NEW task
    std::vector<TaskChange> task_change;

    bool empty() const {
        return software_insert.empty() && software_remove.empty() && software_restore.empty() &&
               software_update.empty() && detection_insert.empty() && detection_close.empty() &&
               detection_reopen.empty() && task_create.empty() && task_change.empty();
    }
};

/// Pure: computes the changes that bring `state` in line with `observed`.
ScanChanges Reconcile(const ServerState& state, const ScanObservation& observed);

}  // namespace kensa::domain
