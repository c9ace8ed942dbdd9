#include "kensa/http/api/scans_api.h"

#include "kensa/app/inspector/inspector_scan.h"
#include "kensa/app/inventory/inventory.h"
#include "kensa/app/scan_runs/history.h"
#include "kensa/dto/dto.h"
#include "kensa/http/api/api_common.h"

namespace kensa::http::api::scans {

Result<Response> ScanGroup(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kMember));
    app::InspectorScan scan(deps.app);
    KENSA_ASSIGN_OR_RETURN(auto runs, scan.ScanGroup(gid, domain::ScanTrigger::kApi));
    return Render(Json{{"scan_runs", dto::ToJsonArray(runs)}});
}

Result<Response> ListRuns(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(auto runs, app::ListScanHistory(deps.app.store, gid));
    return Render(Json{{"scan_runs", dto::ToJsonArray(runs)}});
}

Result<Response> ScanServer(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kMember));
    KENSA_ASSIGN_OR_RETURN(domain::Id sid, IdParam(req, "server"));
    KENSA_ASSIGN_OR_RETURN(domain::Server server, app::ServerInGroup(deps.app, gid, sid));
    app::InspectorScan scan(deps.app);
    KENSA_ASSIGN_OR_RETURN(auto run, scan.ScanServer(server.id, domain::ScanTrigger::kManual));
    return Render(dto::ToJson(run));
}

}  // namespace kensa::http::api::scans
