#include "kensa/app/sbom/diagnostics.h"

namespace kensa::app {

Result<SbomDiagnostics> DiagnoseSbom(const AppContext& ctx, domain::Id group_id) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    SbomDiagnostics out;
    out.enabled = group.sbom.enabled;
    out.bucket = group.sbom.bucket;
    out.kms_key_arn = group.sbom.kms_key_arn;
    KENSA_ASSIGN_OR_RETURN(auto runs, ctx.store.ListScanRuns(group_id, 1000));
    for (const auto& r : runs) {
        if (r.type == domain::ScanType::kSbom) {
            out.last_run = r;
            out.unmatched = r.skipped;
            break;
        }
    }
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    for (const auto& s : servers) {
        SbomDiagnosis d;
        d.server_id = s.id;
        d.server = s.name;
        d.kind = std::string(domain::ToString(s.kind));
        d.scan_mode = std::string(domain::ToString(s.scan_mode));
        d.object_keys = s.sbom_object_key;
        d.components = s.sbom_components;
        d.imported_at = s.sbom_imported_at;
        switch (s.kind) {
            case domain::ServerKind::kEc2:
                d.identifiers = {s.instance_id};
                break;
            case domain::ServerKind::kEcrImage:
                d.identifiers = {s.repository + ":" + s.image_tag};
                break;
            case domain::ServerKind::kPseudo: {
                KENSA_ASSIGN_OR_RETURN(auto fns, ctx.store.ListLambdaFunctions(s.id));
                for (const auto& fn : fns) {
                    d.identifiers.push_back(fn.arn);
                }
                break;
            }
            case domain::ServerKind::kVuls:
                d.identifiers = {s.vuls_uuid};
                break;
            case domain::ServerKind::kSbom:
                break;
        }
        if (s.kind == domain::ServerKind::kVuls) {
            d.verdict =
                "Vuls server: its software comes from Vuls results; the SBOM export never touches "
                "it.";
        } else if (s.kind == domain::ServerKind::kSbom) {
            d.verdict =
                "SBOM-file server: its software comes from the SBOM files imported into it "
                "(kensa import sbom, or the upload); the SBOM export never touches it.";
        } else if (!group.sbom.enabled) {
            d.verdict = "SBOM export is off for this group; only the normal Inspector scan runs.";
        } else if (s.scan_mode != domain::ScanMode::kInspectorSbom) {
            d.verdict =
                "Server is not in inspector_sbom mode; save the group's SBOM settings again to "
                "switch it.";
        } else if (!out.last_run) {
            d.verdict =
                "No SBOM export has run yet; start a bulk export or wait for the daily run.";
        } else if (s.sbom_imported_at == 0) {
            std::string status(domain::ToString(out.last_run->status));
            d.verdict =
                "No SBOM document matched this server in any export (last export: " + status +
                ")." +
                (out.last_run->error
                     ? " It failed at " + out.last_run->error->step + ": " +
                           out.last_run->error->message
                     : " Compare its identifiers with the unmatched resources below: the "
                       "instance id, function ARN or image tag must match exactly.");
        } else if (out.last_run->started_at > s.sbom_imported_at) {
            d.verdict = "Imported " + std::to_string(s.sbom_components) +
                        " components earlier, but the last export (" +
                        std::string(domain::ToString(out.last_run->status)) +
                        ") did not include it; the earlier software is kept.";
        } else {
            d.verdict = "Imported " + std::to_string(s.sbom_components) +
                        " components from the last export.";
        }
        out.servers.push_back(std::move(d));
    }
    return out;
}

}  // namespace kensa::app
