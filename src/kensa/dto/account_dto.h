#pragma once
// JSON views of users, memberships, API tokens, console sessions and audit events. A token's
// secret is shown once, when issued; only its hash is stored, so no other view carries it.

#include "kensa/app/accounts/accounts.h"
#include "kensa/app/accounts/sessions.h"
#include "kensa/domain/model.h"
#include "kensa/dto/json.h"

namespace kensa::dto {

/// {id, name, email, is_admin}.
Json ToJson(const domain::User& user);
/// {id, label, scopes[], created_at, expires_at|null, revoked_at|null, last_used_at|null, active}.
Json ToJson(const domain::ApiToken& token, domain::EpochSeconds now);
/// The token's view with "token" (the secret, this once) and "user_id".
Json ToJson(const app::IssuedToken& issued, domain::EpochSeconds now);
/// {user_id, name, role}.
Json ToJson(const ports::Member& member);
/// {user, csrf_token, expires_at, idle_expires_at}.
Json ToJson(const domain::User& user, const domain::Session& session);
/// {id, actor, action, target, detail, at}.
Json ToJson(const domain::AuditEvent& event);

}  // namespace kensa::dto
