#include "kensa/domain/scan_reconcile.h"

#include <map>
#include <set>
#include <tuple>

namespace kensa::domain {
namespace {

// A detection's identity within one source: (source_ref, vulnerability, software key).
using DetectionKey = std::tuple<std::string, std::string, std::optional<SoftwareKey>>;

void DiffSoftware(const ServerState& state,
                  const ScanObservation& observed,
                  const std::map<SoftwareKey, const Software*>& stored_software,
                  ScanChanges* changes) {
    std::set<SoftwareKey> seen_software;
    for (const auto& sw : observed.software) {
        if (!seen_software.insert(sw.key).second) {
            continue;
        }
        auto it = stored_software.find(sw.key);
        if (it == stored_software.end()) {
            changes->software_insert.push_back(sw);
            continue;
        }
        const Software& stored = *it->second;
        if (stored.removed_at.has_value()) {
            changes->software_restore.push_back(stored.id);
        }
        // A field the scan leaves empty keeps what is stored: nothing stored is lost.
        Software updated = sw;
        updated.id = stored.id;
        // The license is one unit: kept whole when the scan states none.
        if (updated.license.empty()) {
            updated.license = stored.license;
            updated.license_expression = stored.license_expression;
            updated.license_category = stored.license_category;
        }
        for (auto [field, kept] : {std::pair{&updated.purl, &stored.purl},
                                   std::pair{&updated.package_manager, &stored.package_manager},
                                   std::pair{&updated.ecosystem, &stored.ecosystem}}) {
            if (field->empty()) {
                *field = *kept;
            }
        }
        if (stored.type != updated.type || stored.ecosystem != updated.ecosystem ||
            stored.purl != updated.purl || stored.license != updated.license ||
            stored.package_manager != updated.package_manager ||
            stored.license_expression != updated.license_expression ||
            stored.license_category != updated.license_category ||
            stored.eol_product != updated.eol_product || stored.eol_cycle != updated.eol_cycle ||
            stored.managed_by != updated.managed_by) {
            changes->software_update.push_back(std::move(updated));
        }
    }
    for (const auto& sw : state.software) {
        if (!sw.removed_at.has_value() && seen_software.count(sw.key) == 0) {
            changes->software_remove.push_back(sw.id);
        }
    }
}

}  // namespace

ScanChanges Reconcile(const ServerState& state, const ScanObservation& observed) {
    ScanChanges changes;

    // Software of this source: insert new keys, restore re-seen removed rows, remove vanished rows.
    // A detect-only source (the advisory matcher) refers to other sources' rows and changes none.
    std::map<SoftwareKey, const Software*> stored_software;
    std::map<Id, SoftwareKey> key_of_id;
    for (const auto& sw : state.software) {
        stored_software.emplace(sw.key, &sw);
        key_of_id.emplace(sw.id, sw.key);
    }
    if (observed.manages_software) {
        DiffSoftware(state, observed, stored_software, &changes);
    }
    // Detections of this source.
    std::map<DetectionKey, const Detection*> stored_detections;
    std::set<std::string> out_of_scope_active;
    for (const auto& det : state.detections) {
        if (det.source != observed.source) {
            continue;
        }
        std::optional<SoftwareKey> key;
        if (det.software_id) {
            auto it = key_of_id.find(*det.software_id);
            if (it != key_of_id.end()) {
                key = it->second;
            }
        }
        if (observed.lambda_scope && !key) {
            // Another function's detection: not this observation's to close.
            if (det.active) {
                out_of_scope_active.insert(det.vulnerability_id);
            }
            continue;
        }
        stored_detections.emplace(DetectionKey{det.source_ref, det.vulnerability_id, key}, &det);
    }
    std::set<DetectionKey> seen_detections;
    for (const auto& obs : observed.detections) {
        DetectionKey key{obs.source_ref, obs.vulnerability_id, obs.software};
        if (!seen_detections.insert(key).second) {
            continue;
        }
        auto it = stored_detections.find(key);
        if (it == stored_detections.end()) {
            changes.detection_insert.push_back({obs});
        } else if (!it->second->active) {
            changes.detection_reopen.push_back(it->second->id);
        }
    }
    std::set<std::string> active_vulns;
    for (const auto& [key, det] : stored_detections) {
        if (seen_detections.count(key) == 0) {
            if (det->active) {
                changes.detection_close.push_back(det->id);
            }
        }
    }
    for (const auto& key : seen_detections) {
        active_vulns.insert(std::get<1>(key));
    }
    active_vulns.insert(out_of_scope_active.begin(), out_of_scope_active.end());
    active_vulns.insert(state.active_elsewhere.begin(), state.active_elsewhere.end());
    // Other sources keep their vulnerabilities alive.
    for (const auto& det : state.detections) {
        if (det.source != observed.source && det.active) {
            active_vulns.insert(det.vulnerability_id);
        }
    }

    // Tasks: one per server x vulnerability.
    std::set<std::string> has_task;
    for (const auto& task : state.tasks) {
        has_task.insert(task.vulnerability_id);
        TaskTransition t = active_vulns.count(task.vulnerability_id) != 0
                               ? OnVulnerabilityObserved(task)
                               : OnVulnerabilityVanished(task, observed.scan_label);
        if (state.takeover_run && t.new_status == TaskStatus::kPatchApplied) {
            continue;  // R13: the move to SBOM management closes no task
        }
        if (t.changed()) {
            changes.task_change.push_back({task, std::move(t)});
        }
    }
    std::map<std::string, Severity> severity_of;
    for (const auto& v : observed.vulnerabilities) {
        severity_of.emplace(v.id, v.severity);
    }
    for (const auto& vuln : active_vulns) {
        if (has_task.count(vuln) == 0) {
            auto it = severity_of.find(vuln);
            Severity severity = it != severity_of.end() ? it->second : Severity::kUnknown;
            changes.task_create.push_back({vuln, DefaultPriority(severity)});
        }
    }
    return changes;
}

}  // namespace kensa::domain
