#pragma once
// The one way a use case records a change in the audit log: an event stamped with the
// context's clock.

#include <optional>
#include <string>

#include "kensa/app/context.h"

namespace kensa::app {

/// Appends {group_id, actor, action, target, detail, now} to the audit log. `group_id` unset:
/// an event outside any group (a user, a token).
Status RecordAudit(const AppContext& ctx,
                   std::optional<domain::Id> group_id,
                   std::string actor,
                   std::string action,
                   std::string target,
                   std::string detail = {});

}  // namespace kensa::app
