#include "kensa/app/sbom/import_file.h"

#include <map>
#include <set>

#include "kensa/advisory/ecosystem.h"
#include "kensa/app/advisories/match.h"
#include "kensa/app/inventory/inventory.h"
#include "kensa/app/inventory/software_facts.h"
#include "kensa/app/sbom/component_software.h"
#include "kensa/app/scan_runs/recorder.h"
#include "kensa/app/scan_runs/scan_errors.h"
#include "kensa/app/stream_feed.h"
#include "kensa/domain/bom_ref_links.h"

namespace kensa::app {
namespace {
constexpr const char* kFileRef = "sbom-file";
}  // namespace

// The observation a file builds as it streams: software unique by key, each component's
// detections on its row.
struct SbomFileImport::State {
    State(const ports::SbomFileFormat& format,
          AdvisoryIndexOnce& advisories,
          const SbomFileLimits& limits,
          const std::string& source)
        : classes([&advisories](std::string_view eco, std::string_view name) {
              auto index = advisories.Get();
              return index.ok() && (*index)->Knows(eco, name);
          }),
          links(static_cast<size_t>(limits.max_components)),
          max_components(limits.max_components),
          intake("SBOM file", limits.max_bytes, source) {
        obs.source = domain::DetectionSource::kSbomFile;
        obs.software_source = domain::SoftwareSource::kSbomFile;
        obs.scan_label = "SBOM file";
        ports::SbomVisitor visitor;
        visitor.component = [this](ports::SbomComponent&& c) { Component(std::move(c)); };
        visitor.vulnerability = [this](const std::string& vuln,
                                       const std::vector<std::string>& refs) {
            if (!too_many && PlausibleVulnId(vuln) &&
                !links.AddAffects(
                    vuln, refs, [this](size_t row, const std::string& v) { Detect(row, v); })) {
                too_many = "more than " + std::to_string(max_components) +
                           " vulnerability references ahead of their components";
            }
        };
        reader = format.OpenFile(std::move(visitor));
    }

    void Component(ports::SbomComponent&& c) {
        ++components;
        if (components > max_components) {
            too_many = "more than " + std::to_string(max_components) + " components";
            return;
        }
        ConvertedComponent cv = ToSoftware(c, std::nullopt, classes);
        cv.software.source = domain::SoftwareSource::kSbomFile;
        cv.software.managed_by = domain::ManagedBy::kNormal;
        auto [it, added] = rows.emplace(cv.software.key, obs.software.size());
        if (added) {
            obs.software.push_back(std::move(cv.software));
        }
        for (const auto& v : cv.vulnerabilities) {
            Detect(it->second, v);
        }
        links.AddComponent(c.ref, it->second);
    }

    void Detect(size_t row, const std::string& vuln) {
        if (!detected.emplace(row, vuln).second) {
            return;
        }
        domain::ObservedDetection det;
        det.vulnerability_id = vuln;
        det.software = obs.software[row].key;
        det.source_ref = kFileRef;
        obs.detections.push_back(std::move(det));
        vuln_ids.insert(vuln);
    }

    ClassifyCache classes;
    domain::BomRefLinks links;
    int64_t max_components;
    domain::ScanObservation obs;
    std::map<domain::SoftwareKey, size_t> rows;
    std::set<std::pair<size_t, std::string>> detected;
    std::set<std::string> vuln_ids;
    std::unique_ptr<ports::SbomDocumentReader> reader;
    int64_t components = 0;
    std::optional<std::string> too_many;
    DocumentIntake intake;
};

SbomFileImport::SbomFileImport(const AppContext& ctx,
                               domain::Id group_id,
                               domain::Id server_id,
                               domain::ScanTrigger trigger,
                               std::string source,
                               AdvisoryIndexOnce& advisories,
                               SbomFileLimits limits)
    : ctx_(ctx),
      group_id_(group_id),
      server_id_(server_id),
      trigger_(trigger),
      source_(std::move(source)),
      advisories_(advisories),
      limits_(limits),
      state_(ctx.sbom_files != nullptr
                 ? std::make_unique<State>(*ctx.sbom_files, advisories, limits, source_)
                 : nullptr) {}

SbomFileImport::~SbomFileImport() = default;

Status SbomFileImport::Feed(std::string_view chunk) {
    if (!state_) {
        return Error(ErrorCode::kInternal, "no SBOM file reader is configured");
    }
    return state_->intake.Feed(*state_->reader, chunk);
}

Result<SbomFileImportResult> SbomFileImport::Finish() {
    // The server first: a file for a server of another group is refused before it counts.
    if (!state_) {
        return Error(ErrorCode::kInternal, "no SBOM file reader is configured");
    }
    KENSA_ASSIGN_OR_RETURN(domain::Server server, ServerInGroup(ctx_, group_id_, server_id_));
    auto imported =
        state_->intake.error() ? Result<SbomFileImportResult>(*state_->intake.error()) : Import();
    if (!imported.ok() && imported.error().code() == ErrorCode::kInvalidInput) {
        ScanRunRecorder recorder(ctx_.store, ctx_.clock);
        KENSA_ASSIGN_OR_RETURN(
            domain::ScanRun run,
            recorder.Start(group_id_, server.id, domain::ScanType::kSbomFile, trigger_));
        KENSA_TRY(recorder.Fail(&run,
                                domain::ScanError{"invalid_sbom",
                                                  "sbom:import",
                                                  "",
                                                  imported.error().message(),
                                                  "The SBOM file " + source_ +
                                                      " was not imported; nothing was changed. "
                                                      "Send CycloneDX 1.2-1.6 (JSON or XML) or "
                                                      "SPDX 2.2-2.3 (JSON or tag-value)."}));
    }
    return imported;
}

Result<SbomFileImportResult> SbomFileImport::Import() {
    State& st = *state_;
    ports::SbomDocumentInfo info;
    auto read = st.reader->Finish(&info);
    if (!read.ok()) {
        return Error(read.error()).With("source", source_);
    }
    st.links.Finish([&st](size_t row, const std::string& v) { st.Detect(row, v); });
    if (st.too_many) {
        return Error(ErrorCode::kInvalidInput,
                     "SBOM file: " + *st.too_many + "; nothing was imported")
            .With("source", source_);
    }
    KENSA_ASSIGN_OR_RETURN(domain::Server server, ServerInGroup(ctx_, group_id_, server_id_));
    for (const auto& id : st.vuln_ids) {
        domain::Vulnerability v;
        v.id = id;
        st.obs.vulnerabilities.push_back(std::move(v));
    }
    st.obs.distro = advisory::DistroFromPlatform(info.platform);

    SbomFileImportResult out;
    out.server_id = server.id;
    out.format = info.format;
    out.spec_version = info.spec_version;
    out.name = info.name;
    out.components = st.components;
    out.software = static_cast<int64_t>(st.obs.software.size());
    out.vulnerabilities = static_cast<int64_t>(st.vuln_ids.size());

    ScanRunRecorder recorder(ctx_.store, ctx_.clock);
    KENSA_ASSIGN_OR_RETURN(
        domain::ScanRun run,
        recorder.Start(group_id_, server.id, domain::ScanType::kSbomFile, trigger_));
    out.run_id = run.id;
    auto applied = ApplyDescribedScan(ctx_.store, server.id, std::move(st.obs), {}, Now(ctx_));
    if (!applied.ok()) {
        KENSA_TRY(recorder.Fail(&run,
                                StorageError(applied.error(),
                                             "The database refused the SBOM file of server '" +
                                                 server.name + "'; nothing was changed for it.")));
        return std::move(applied).error();
    }
    out.applied = *applied;
    AddApplied(&run, *applied);
    run.components_imported = out.components;
    KENSA_TRY(ctx_.store.RecordSbomImport(server.id, source_, out.components, Now(ctx_)));

    KENSA_ASSIGN_OR_RETURN(const advisory::AdvisoryIndex* index, advisories_.Get());
    KENSA_ASSIGN_OR_RETURN(domain::Server current, ctx_.store.GetServer(server.id));
    auto matched = MatchServer(ctx_, *index, current);
    if (!matched.ok()) {
        KENSA_TRY(recorder.Fail(&run,
                                StorageError(matched.error(),
                                             "The database refused the advisory match of server '" +
                                                 server.name + "'; its SBOM file was imported.")));
        return std::move(matched).error();
    }
    out.advisory_applied = *matched;
    AddApplied(&run, *matched);
    KENSA_TRY(recorder.Succeed(&run));
    return out;
}

Result<SbomFileImportResult> ImportSbomStream(const AppContext& ctx,
                                              domain::Id group_id,
                                              domain::Id server_id,
                                              domain::ScanTrigger trigger,
                                              const std::string& source,
                                              std::istream& in,
                                              AdvisoryIndexOnce& advisories) {
    SbomFileImport import(ctx, group_id, server_id, trigger, source, advisories);
    KENSA_TRY(FeedStream(in, source, import));
    return import.Finish();
}

}  // namespace kensa::app
