#include "kensa/app/vuls/import_result.h"

#include "kensa/app/advisories/match.h"
#include "kensa/app/inventory/software_facts.h"
#include "kensa/app/scan_runs/recorder.h"
#include "kensa/app/scan_runs/scan_errors.h"
#include "kensa/app/stream_feed.h"
#include "kensa/app/vuls/result_observation.h"

namespace kensa::app {

Result<const advisory::AdvisoryIndex*> AdvisoryIndexOnce::Get() {
    if (!index_) {
        KENSA_ASSIGN_OR_RETURN(index_, LoadAdvisoryIndex(store_));
    }
    return index_.get();
}

struct VulsResultImport::State {
    State(const ports::vuls::ResultFormat& format,
          AdvisoryIndexOnce& advisories,
          const VulsImportLimits& limits,
          const std::string& source)
        : classes([&advisories](std::string_view eco, std::string_view name) {
              auto index = advisories.Get();
              return index.ok() && (*index)->Knows(eco, name);
          }),
          builder(classes, limits.max_components),
          reader(format.OpenResult(builder.Visitor(), limits.read)),
          intake("Vuls result", limits.max_bytes, source) {}

    ClassifyCache classes;
    VulsObservationBuilder builder;
    std::unique_ptr<ports::vuls::ResultReader> reader;
    DocumentIntake intake;
};

VulsResultImport::VulsResultImport(const AppContext& ctx,
                                   domain::Id group_id,
                                   domain::ScanTrigger trigger,
                                   std::string source,
                                   AdvisoryIndexOnce& advisories,
                                   VulsImportLimits limits)
    : ctx_(ctx),
      group_id_(group_id),
      trigger_(trigger),
      source_(std::move(source)),
      advisories_(advisories),
      limits_(limits),
      state_(ctx.vuls_format != nullptr
                 ? std::make_unique<State>(*ctx.vuls_format, advisories, limits, source_)
                 : nullptr) {}

VulsResultImport::~VulsResultImport() = default;

Status VulsResultImport::Feed(std::string_view chunk) {
    if (!state_) {
        return Error(ErrorCode::kInternal, "no Vuls result reader is configured");
    }
    return state_->intake.Feed(*state_->reader, chunk);
}

Result<VulsImportResult> VulsResultImport::Finish() {
    if (!state_) {
        return Error(ErrorCode::kInternal, "no Vuls result reader is configured");
    }
    auto imported =
        state_->intake.error() ? Result<VulsImportResult>(*state_->intake.error()) : Import();
    if (!imported.ok() && imported.error().code() == ErrorCode::kInvalidInput) {
        KENSA_TRY(RecordFailure(imported.error()));
    }
    return imported;
}

Status VulsResultImport::RecordFailure(const Error& error) {
    ScanRunRecorder recorder(ctx_.store, ctx_.clock);
    KENSA_ASSIGN_OR_RETURN(
        domain::ScanRun run,
        recorder.Start(group_id_, std::nullopt, domain::ScanType::kVuls, trigger_));
    return recorder.Fail(&run,
                         domain::ScanError{"invalid_result",
                                           "vuls:import",
                                           "",
                                           error.message(),
                                           "The Vuls result from " + source_ +
                                               " was not imported; nothing was changed. Send a "
                                               "results/*.json file of vuls scan or vuls report "
                                               "(jsonVersion 4)."});
}

Result<VulsImportResult> VulsResultImport::Import() {
    auto read = state_->reader->Finish();
    if (!read.ok()) {
        return Error(read.error()).With("source", source_);
    }
    const ports::vuls::ResultInfo& info = *read;
    auto observed = state_->builder.Finish(info);
    if (!observed.ok()) {
        return Error(observed.error()).With("source", source_);
    }
    domain::ScanObservation& obs = *observed;

    VulsImportResult out;
    domain::VulsServerKey key = domain::IdentifyVulsServer(info.server_uuid,
                                                           info.server_name,
                                                           info.container.container_id,
                                                           info.container.uuid,
                                                           info.container.name);
    out.identified_by = key.by;
    out.family = info.family;
    out.release = info.release;
    out.packages = state_->builder.packages();
    out.src_packages = state_->builder.src_packages();
    out.library_scanners = state_->builder.libraries();
    out.software = static_cast<int64_t>(obs.software.size());
    out.cves = state_->builder.cves();

    KENSA_ASSIGN_OR_RETURN(auto found, ctx_.store.FindVulsServer(group_id_, key));
    if (!found) {
        domain::Server s;
        s.group_id = group_id_;
        s.kind = domain::ServerKind::kVuls;
        s.name = key.name;
        s.vuls_uuid = key.vuls_uuid;
        s.platform = info.family;
        s.instance_id = info.instance_id;
        auto created = ctx_.store.CreateServer(s);
        if (created.ok()) {
            out.created = true;
        } else if (created.error().code() != ErrorCode::kConflict) {
            return std::move(created).error();
        }
        // Created now, or by a concurrent upload of the same server.
        KENSA_ASSIGN_OR_RETURN(found, ctx_.store.FindVulsServer(group_id_, key));
        if (!found) {
            return Error(ErrorCode::kInternal, "the Vuls server '" + key.name + "' vanished");
        }
    }
    const domain::Server& server = *found;
    out.server_id = server.id;
    out.server_name = server.name;

    ScanRunRecorder recorder(ctx_.store, ctx_.clock);
    KENSA_ASSIGN_OR_RETURN(domain::ScanRun run,
                           recorder.Start(group_id_, server.id, domain::ScanType::kVuls, trigger_));
    out.run_id = run.id;
    const domain::EpochSeconds now = Now(ctx_);
    auto applied = ApplyDescribedScan(ctx_.store, server.id, obs, {}, now);
    if (!applied.ok()) {
        KENSA_TRY(recorder.Fail(&run,
                                StorageError(applied.error(),
                                             "The database refused the Vuls result of server '" +
                                                 server.name + "'; nothing was changed for it.")));
        return std::move(applied).error();
    }
    out.applied = *applied;
    AddApplied(&run, *applied);
    run.components_imported = out.software;

    domain::VulsHost host;
    host.server_id = server.id;
    host.identified_by = key.by;
    host.server_uuid = info.server_uuid;
    host.container_uuid = info.container.uuid;
    host.container_name = info.container.name;
    host.container_image = info.container.image;
    host.family = info.family;
    host.release = info.release;
    host.kernel_release = info.kernel_release;
    host.kernel_version = info.kernel_version;
    host.reboot_required = info.reboot_required;
    host.ipv4_addrs = info.ipv4_addrs;
    host.ipv6_addrs = info.ipv6_addrs;
    host.platform_name = info.platform_name;
    host.instance_id = info.instance_id;
    host.scanned_at = info.scanned_at;
    host.imported_at = now;
    KENSA_TRY(ctx_.store.SaveVulsHost(host));
    KENSA_TRY(RefreshServerEol(ctx_.store, server.id, now));  // the host's release names the OS

    // The advisory database matches the packages too, as after every import: for a scan-stage
    // result, without scannedCves, it is what says what is vulnerable.
    KENSA_ASSIGN_OR_RETURN(const advisory::AdvisoryIndex* index, advisories_.Get());
    KENSA_ASSIGN_OR_RETURN(domain::Server current, ctx_.store.GetServer(server.id));
    auto matched = MatchServer(ctx_, *index, current);
    if (!matched.ok()) {
        KENSA_TRY(
            recorder.Fail(&run,
                          StorageError(matched.error(),
                                       "The database refused the advisory match of server '" +
                                           server.name + "'; its Vuls result was imported.")));
        return std::move(matched).error();
    }
    out.advisory_applied = *matched;
    AddApplied(&run, *matched);
    KENSA_TRY(recorder.Succeed(&run));
    return out;
}

Result<VulsImportResult> ImportVulsStream(const AppContext& ctx,
                                          domain::Id group_id,
                                          domain::ScanTrigger trigger,
                                          const std::string& source,
                                          std::istream& in,
                                          AdvisoryIndexOnce& advisories) {
    VulsResultImport import(ctx, group_id, trigger, source, advisories);
    KENSA_TRY(FeedStream(in, source, import));
    return import.Finish();
}

Result<VulsImportResult> ImportVulsResult(const AppContext& ctx,
                                          domain::Id group_id,
                                          domain::ScanTrigger trigger,
                                          const std::string& source,
                                          std::string_view body,
                                          AdvisoryIndexOnce& advisories) {
    VulsResultImport import(ctx, group_id, trigger, source, advisories);
    constexpr size_t kChunk = size_t{1} << 20;
    for (size_t at = 0; at < body.size(); at += kChunk) {
        if (!import.Feed(body.substr(at, kChunk)).ok()) {
            break;  // Finish reports it
        }
    }
    return import.Finish();
}

}  // namespace kensa::app
