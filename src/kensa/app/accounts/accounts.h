#pragma once
// Use cases of accounts: groups (tenants), users, API tokens, authentication and roles.

#include <optional>
#include <string>

#include "kensa/app/context.h"

namespace kensa::app {

/// Creates a group with a fresh external id for its future AssumeRole integration.
/// kInvalidInput (detail "field") for a blank name or an unknown timezone ("" is UTC).
Result<domain::Id> CreateGroup(const AppContext& ctx,
                               const std::string& name,
                               const std::string& timezone,
                               const std::string& actor);

struct IssuedToken {
    domain::Id user_id = 0;
    std::string token;  ///< shown once; only its SHA-256 is stored
};

/// Creates a user (or reuses an existing one by name) and issues a new API token.
Result<IssuedToken> IssueToken(const AppContext& ctx,
                               const std::string& user_name,
                               bool site_admin,
                               const std::string& label);

/// Resolves "Bearer <token>" to its user; kUnauthenticated when unknown.
Result<domain::User> Authenticate(const AppContext& ctx, const std::string& token);

/// The caller's role in the group: site admins are owners everywhere; non-members get
/// kNotFound (so a group's existence does not leak to outsiders).
Result<domain::Role> RequireRole(const AppContext& ctx,
                                 const domain::User& user,
                                 domain::Id group_id,
                                 domain::Role at_least);

}  // namespace kensa::app
