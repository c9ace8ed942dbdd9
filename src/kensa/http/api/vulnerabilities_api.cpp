#include "kensa/http/api/vulnerabilities_api.h"

#include "kensa/app/inventory/inventory.h"
#include "kensa/dto/vulnerability_dto.h"
#include "kensa/http/api/api_common.h"

namespace kensa::http::api::vulnerabilities {

Result<Response> Get(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(domain::Vulnerability vulnerability,
                           app::GetVulnerability(deps.app, gid, req.PathParam("id")));
    return Render(dto::ToJson(vulnerability));
}

}  // namespace kensa::http::api::vulnerabilities
