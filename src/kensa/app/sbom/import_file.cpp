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

// The observation the files build as they stream: software unique by key, each component's
// detections on its row. Bom-refs name components of their own document only.
struct SbomFileImport::State {
    State(const ports::SbomFileFormat& format_,
          AdvisoryIndexOnce& advisories,
          const SbomFileLimits& limits_,
          const std::string& source)
        : format(format_),
          limits(limits_),
          classes([&advisories](std::string_view eco, std::string_view name) {
              auto index = advisories.Get();
              return index.ok() && (*index)->Knows(eco, name);
          }) {
        obs.source = domain::DetectionSource::kSbomFile;
        obs.software_source = domain::SoftwareSource::kSbomFile;
        obs.scan_label = "SBOM file";
        Open(source);
    }

    void Open(const std::string& source) {
        document = SbomDocumentSummary{};
        document.source = source;
        links = std::make_unique<domain::BomRefLinks>(static_cast<size_t>(limits.max_components));
        intake = std::make_unique<DocumentIntake>("SBOM file", limits.max_bytes, source);
        ports::SbomVisitor visitor;
        visitor.component = [this](ports::SbomComponent&& c) { Component(std::move(c)); };
        visitor.vulnerability = [this](const std::string& vuln,
                                       const std::vector<std::string>& refs) {
            if (!too_many && PlausibleVulnId(vuln) &&
                !links->AddAffects(
                    vuln, refs, [this](size_t row, const std::string& v) { Detect(row, v); })) {
                too_many = "more than " + std::to_string(limits.max_components) +
                           " vulnerability references ahead of their components";
            }
        };
        reader = format.OpenFile(std::move(visitor));
    }

    // Ends the current document: kInvalidInput naming it when it cannot be used.
    Status Close() {
        if (intake->error()) {
            return *intake->error();
        }
        ports::SbomDocumentInfo info;
        auto read = reader->Finish(&info);
        if (!read.ok()) {
            return Error(read.error()).With("source", document.source);
        }
        links->Finish([this](size_t row, const std::string& v) { Detect(row, v); });
        if (too_many) {
            return Error(ErrorCode::kInvalidInput,
                         "SBOM file: " + *too_many + "; nothing was imported")
                .With("source", document.source);
        }
        document.format = info.format;
        document.spec_version = info.spec_version;
        document.name = info.name;
        if (platform.empty()) {
            platform = info.platform;
        }
        documents.push_back(document);
        return Ok();
    }

    void Component(ports::SbomComponent&& c) {
        ++document.components;
        if (++components > limits.max_components) {
            too_many = "more than " + std::to_string(limits.max_components) + " components";
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
        links->AddComponent(c.ref, it->second);
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

    const ports::SbomFileFormat& format;
    SbomFileLimits limits;
    ClassifyCache classes;
    domain::ScanObservation obs;
    std::map<domain::SoftwareKey, size_t> rows;
    std::set<std::pair<size_t, std::string>> detected;
    std::set<std::string> vuln_ids;
    int64_t components = 0;  ///< of all documents
    std::optional<std::string> too_many;
    std::string platform;
    std::vector<SbomDocumentSummary> documents;
    // The current document.
    SbomDocumentSummary document;
    std::unique_ptr<domain::BomRefLinks> links;
    std::unique_ptr<DocumentIntake> intake;
    std::unique_ptr<ports::SbomDocumentReader> reader;
    std::optional<Error> error;  ///< the first document that failed
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
    return state_->intake->Feed(*state_->reader, chunk);
}

Status SbomFileImport::NextDocument(std::string source) {
    if (!state_) {
        return Error(ErrorCode::kInternal, "no SBOM file reader is configured");
    }
    if (!state_->error) {
        if (Status closed = state_->Close(); !closed.ok()) {
            state_->error = closed.error();
        }
    }
    state_->Open(source);
    return state_->error ? Status(*state_->error) : Ok();
}

Result<SbomFileImportResult> SbomFileImport::Finish() {
    // The server first: a file for a server of another group is refused before it counts.
    if (!state_) {
        return Error(ErrorCode::kInternal, "no SBOM file reader is configured");
    }
    KENSA_ASSIGN_OR_RETURN(domain::Server server, ServerInGroup(ctx_, group_id_, server_id_));
    auto imported = state_->error ? Result<SbomFileImportResult>(*state_->error) : Import();
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
    KENSA_TRY(st.Close());
    KENSA_ASSIGN_OR_RETURN(domain::Server server, ServerInGroup(ctx_, group_id_, server_id_));
    for (const auto& id : st.vuln_ids) {
        domain::Vulnerability v;
        v.id = id;
        st.obs.vulnerabilities.push_back(std::move(v));
    }
    // The OS an SBOM-file server runs is what its file says. A file imported into a server of
    // another kind (an EC2 instance, a Vuls host) leaves that server's own OS and SBOM export
    // record to the sources that own them.
    const bool own_server = server.kind == domain::ServerKind::kSbom;
    if (own_server) {
        st.obs.distro = advisory::DistroFromPlatform(st.platform);
    }

    SbomFileImportResult out;
    out.server_id = server.id;
    out.format = st.documents.front().format;
    out.spec_version = st.documents.front().spec_version;
    out.name = st.documents.front().name;
    out.components = st.components;
    out.documents = st.documents;
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
    // What follows the import: its record on the server and the advisory match. A failure is
    // the run's too, so that it never stays RUNNING.
    auto matched = [&]() -> Result<ports::ScanApplyStats> {
        if (own_server) {
            std::string sources;
            for (const auto& d : st.documents) {
                sources += (sources.empty() ? "" : "\n") + d.source;
            }
            KENSA_TRY(ctx_.store.RecordSbomImport(server.id, sources, out.components, Now(ctx_)));
        }
        KENSA_ASSIGN_OR_RETURN(const advisory::AdvisoryIndex* index, advisories_.Get());
        KENSA_ASSIGN_OR_RETURN(domain::Server current, ctx_.store.GetServer(server.id));
        return MatchServer(ctx_, *index, current);
    }();
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

Result<SbomFileImportResult> ImportSbomStreams(
    const AppContext& ctx,
    domain::Id group_id,
    domain::Id server_id,
    domain::ScanTrigger trigger,
    const std::vector<std::pair<std::string, std::istream*>>& files,
    AdvisoryIndexOnce& advisories) {
    if (files.empty()) {
        return Error(ErrorCode::kInvalidInput, "no SBOM file to import");
    }
    SbomFileImport import(ctx, group_id, server_id, trigger, files.front().first, advisories);
    for (size_t i = 0; i < files.size(); ++i) {
        if (i > 0) {
            (void)import.NextDocument(files[i].first);  // Finish reports a failed document
        }
        KENSA_TRY(FeedStream(*files[i].second, files[i].first, import));
    }
    return import.Finish();
}

}  // namespace kensa::app
