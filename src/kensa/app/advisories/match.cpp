#include "kensa/app/advisories/match.h"

#include <map>

#include "kensa/advisory/advisory_doc.h"
#include "kensa/advisory/package_query.h"
#include "kensa/app/scan_runs/recorder.h"

namespace kensa::app {

Result<std::unique_ptr<advisory::AdvisoryIndex>> LoadAdvisoryIndex(ports::Store& store) {
    auto index = std::make_unique<advisory::AdvisoryIndex>();
    int64_t bad = 0;
    KENSA_TRY(store.ForEachAdvisory([&](ports::AdvisoryRecord&& rec) {
        auto adv = advisory::FromDoc(rec.doc);
        if (!adv.ok()) {
            ++bad;
            return;
        }
        index->Add(std::move(adv).value());
    }));
    if (bad > 0) {
        // Matching with a partial index would close the detections of the unreadable records.
        return Error(ErrorCode::kInternal,
                     std::to_string(bad) +
                         " stored advisories could not be read; re-import "
                         "the advisory database");
    }
    return index;
}

Result<ports::ScanApplyStats> MatchServer(const AppContext& ctx,
                                          const advisory::AdvisoryIndex& index,
                                          const domain::Server& server) {
    domain::ScanObservation obs;
    obs.source = domain::DetectionSource::kAdvisory;
    obs.software_source =
        domain::SoftwareSource::kManual;  // unused: the matcher manages no software
    obs.manages_software = false;
    obs.scan_label = "advisory database";
    std::map<std::string, domain::Vulnerability> vulns;
    std::vector<advisory::Match> matches;
    // The rows stream past; only the matched ones are kept (in obs.software, with their ids),
    // so memory follows the detections, not the server's software.
    KENSA_TRY(ctx.store.ForEachSoftware(server.id, false, [&](domain::Software&& sw) {
        matches.clear();
        index.MatchPackage(advisory::QueryFor(sw, server), &matches);
        for (const auto& m : matches) {
            for (const auto& vuln_id : m.advisory->VulnerabilityIds()) {
                auto& v = vulns[vuln_id];
                if (v.id.empty()) {
                    v.id = vuln_id;
                    v.title = m.advisory->summary;
                    v.description = m.advisory->details;
                    v.severity = domain::SeverityFrom(m.advisory->severity);
                    v.cvss3_vector = m.advisory->cvss3_vector;
                    v.references = m.advisory->references;
                    v.fix_available = m.fixed_in.empty() ? "NO" : "YES";
                }
                domain::ObservedDetection det;
                det.vulnerability_id = vuln_id;
                det.software = sw.key;
                det.source_ref = m.advisory->id;
                det.fixed_in = m.fixed_in;
                obs.detections.push_back(std::move(det));
            }
        }
        if (!matches.empty()) {
            obs.software.push_back(std::move(sw));
        }
    }));
    for (auto& [id, v] : vulns) {
        obs.vulnerabilities.push_back(std::move(v));
    }
    return ctx.store.ApplyScan(server.id, obs, {}, Now(ctx));
}

Result<domain::ScanRun> MatchGroup(const AppContext& ctx,
                                   const advisory::AdvisoryIndex& index,
                                   domain::Id group_id,
                                   domain::ScanTrigger trigger) {
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    ScanRunRecorder recorder(ctx.store, ctx.clock);
    KENSA_ASSIGN_OR_RETURN(
        domain::ScanRun run,
        recorder.Start(group_id, std::nullopt, domain::ScanType::kAdvisory, trigger));
    for (const auto& server : servers) {
        auto stats = MatchServer(ctx, index, server);
        if (!stats.ok()) {
            KENSA_TRY(recorder.Fail(
                &run,
                domain::ScanError{"storage",
                                  "store",
                                  "",
                                  stats.error().message(),
                                  "The database refused the match result for server '" +
                                      server.name +
                                      "'; nothing was changed for it. See the server log."}));
            return run;
        }
        run.vulnerabilities += stats->vulnerabilities;
        run.findings_seen += stats->active_detections;
        run.tasks_created += stats->tasks_created;
        run.tasks_reopened += stats->tasks_reopened;
        run.tasks_patched += stats->tasks_patched;
        run.rows_written += stats->rows_written;
    }
    KENSA_TRY(recorder.Succeed(&run));
    return run;
}

}  // namespace kensa::app
