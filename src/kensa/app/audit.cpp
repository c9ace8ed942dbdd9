#include "kensa/app/audit.h"

namespace kensa::app {

Status RecordAudit(const AppContext& ctx,
                   std::optional<domain::Id> group_id,
                   std::string actor,
                   std::string action,
                   std::string target,
                   std::string detail) {
    domain::AuditEvent ev;
    ev.group_id = group_id;
    ev.actor = std::move(actor);
    ev.action = std::move(action);
    ev.target = std::move(target);
    ev.detail = std::move(detail);
    ev.at = Now(ctx);
    return ctx.store.AppendAudit(ev);
}

}  // namespace kensa::app
