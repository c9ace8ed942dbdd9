#pragma once
// /api/v1/session, /me, /tokens, /users and a group's /members and /audit: console logins,
// the caller's API tokens, users (site admins), memberships and the audit log.

#include "kensa/http/api/endpoints.h"

namespace kensa::http::api::accounts {

/// POST /session {name, password}: 200 {user, csrf_token, expires_at, idle_expires_at} and
/// the HttpOnly, SameSite=Strict session cookie (Secure under TLS). 401 for a wrong login, 429
/// (Retry-After) after too many failures for that name or client address.
Result<Response> Login(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /session: the caller's session (its CSRF token again, after a page reload).
Result<Response> GetSession(const ApiDeps& deps, const Request& req, const Caller& caller);
/// DELETE /session: 204, the session ends and the cookie is cleared.
Result<Response> Logout(const ApiDeps& deps, const Request& req, const Caller& caller);
/// GET /me: {user, scopes[], groups: [{id, name, role}]}.
Result<Response> Me(const ApiDeps& deps, const Request& req, const Caller& caller);

/// GET /tokens: {tokens: [...]}, the caller's, newest first, revoked ones included.
Result<Response> ListTokens(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /tokens {label?, scopes: [read|write|scan|admin], expires_in_days?}: 201 with "token"
/// (shown once).
Result<Response> CreateToken(const ApiDeps& deps, const Request& req, const Caller& caller);
/// DELETE /tokens/{id}: 204.
Result<Response> RevokeToken(const ApiDeps& deps, const Request& req, const Caller& caller);

/// GET /users: {users: [...]}; site administrators.
Result<Response> ListUsers(const ApiDeps& deps, const Request& req, const Caller& caller);
/// POST /users {name, password, site_admin?}: 201 the user; site administrators.
Result<Response> CreateUser(const ApiDeps& deps, const Request& req, const Caller& caller);

/// GET /groups/{group}/members: {members: [{user_id, name, role}]}; viewers.
Result<Response> ListMembers(const ApiDeps& deps, const Request& req, const Caller& caller);
/// PUT /groups/{group}/members/{user} {role}: the membership; admins (owners for owner).
Result<Response> PutMember(const ApiDeps& deps, const Request& req, const Caller& caller);
/// DELETE /groups/{group}/members/{user}: 204; admins (owners for an owner).
Result<Response> DeleteMember(const ApiDeps& deps, const Request& req, const Caller& caller);

/// GET /groups/{group}/audit[?limit=&before=]: {events: [...], next_before?}; admins.
Result<Response> ListAudit(const ApiDeps& deps, const Request& req, const Caller& caller);

}  // namespace kensa::http::api::accounts
