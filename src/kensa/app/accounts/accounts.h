#pragma once
// Use cases of accounts: groups (tenants), users and their passwords, API tokens with scopes,
// authentication, roles, memberships and the audit log. Console sessions: sessions.h.

#include <optional>
#include <string>
#include <vector>

#include "kensa/app/context.h"
#include "kensa/domain/accounts.h"

namespace kensa::app {

/// Creates a group with a fresh external id for its future AssumeRole integration.
/// kInvalidInput (detail "field") for a blank name or an unknown timezone ("" is UTC).
Result<domain::Id> CreateGroup(const AppContext& ctx,
                               const std::string& name,
                               const std::string& timezone,
                               const std::string& actor);

/// Who is calling, and what the credential allows. A role in a group still applies on top.
struct Identity {
    domain::User user;
    std::vector<domain::Scope> scopes;  ///< a console session carries every scope
    std::optional<domain::Id> token_id;
    std::optional<domain::Session> session;  ///< set when the caller is a console session
    std::optional<domain::EpochSeconds> token_expires_at;  ///< the API token's expiry
};

// ------------------------------------------------------------------ users

/// Creates a user. `password` empty: no console login (an automation user with tokens only).
/// kInvalidInput (detail "field") for a bad name or a weak password; kConflict when taken.
Result<domain::User> CreateUser(const AppContext& ctx,
                                const std::string& name,
                                const std::string& password,
                                bool site_admin,
                                const std::string& actor);
/// Sets the user's password and ends every console session of the user.
Status SetPassword(const AppContext& ctx,
                   const std::string& name,
                   const std::string& password,
                   const std::string& actor);
/// Every user; site administrators only (kPermissionDenied).
Result<std::vector<domain::User>> ListUsers(const AppContext& ctx, const domain::User& caller);

// ------------------------------------------------------------------ API tokens

struct TokenRequest {
    std::string label;
    std::vector<domain::Scope> scopes;   ///< empty: kInvalidInput
    std::optional<int> expires_in_days;  ///< 1..kMaxTokenDays; nullopt: never expires
};

struct IssuedToken {
    domain::ApiToken token;  ///< as stored
    std::string secret;      ///< shown once; only its SHA-256 is stored
};

/// Issues a token to the user. kInvalidInput (detail "field") for no scope or a bad expiry.
/// When `issuer` is an API token that expires, the new token lives no longer than it.
Result<IssuedToken> IssueApiToken(const AppContext& ctx,
                                  const domain::User& owner,
                                  const TokenRequest& request,
                                  const Identity* issuer = nullptr);
/// `kensa user token`: creates the user if needed (no password), then issues a token.
Result<IssuedToken> IssueTokenForName(const AppContext& ctx,
                                      const std::string& user_name,
                                      bool site_admin,
                                      const TokenRequest& request);
Result<std::vector<domain::ApiToken>> ListApiTokens(const AppContext& ctx,
                                                    const domain::User& owner);
/// kNotFound unless the token is the owner's.
Status RevokeApiToken(const AppContext& ctx, const domain::User& owner, domain::Id token_id);

/// Resolves a bearer token to its identity; kUnauthenticated when unknown, expired or revoked.
Result<Identity> AuthenticateToken(const AppContext& ctx, const std::string& token);

// ------------------------------------------------------------------ roles and members

/// The caller's role in the group: site admins are owners everywhere; non-members get
/// kNotFound (so a group's existence does not leak to outsiders).
Result<domain::Role> RequireRole(const AppContext& ctx,
                                 const domain::User& user,
                                 domain::Id group_id,
                                 domain::Role at_least);

Result<std::vector<ports::Member>> ListMembers(const AppContext& ctx, domain::Id group_id);
/// Gives the user (by id) a role in the group, as `actor` (domain::MembershipChangeProblem
/// decides; kPermissionDenied with its reason). Audited.
Result<ports::Member> SetMember(const AppContext& ctx,
                                const domain::User& actor,
                                domain::Id group_id,
                                domain::Id user_id,
                                domain::Role role);
Status RemoveMember(const AppContext& ctx,
                    const domain::User& actor,
                    domain::Id group_id,
                    domain::Id user_id);

// ------------------------------------------------------------------ audit

inline constexpr int kMaxAuditPage = 500;
/// The group's audit events, newest first.
Result<std::vector<domain::AuditEvent>> ListAudit(const AppContext& ctx,
                                                  domain::Id group_id,
                                                  std::optional<domain::Id> before_id,
                                                  int limit);

}  // namespace kensa::app
