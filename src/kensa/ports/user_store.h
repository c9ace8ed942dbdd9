#pragma once
// Users, their passwords (argon2id hashes), group memberships and API tokens (hashes only).
// Contract of every store port: see store.h.

#include <optional>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/accounts.h"
#include "kensa/domain/model.h"

namespace kensa::ports {

/// A user with what a login checks. The hash is argon2id's encoded string ("" = no password:
/// the user cannot log in to the console).
struct UserLogin {
    domain::User user;
    std::string password_hash;
};

struct Member {
    domain::User user;
    domain::Role role = domain::Role::kViewer;
};

/// An API token with its owner, as authentication finds it.
struct TokenOwner {
    domain::User user;
    domain::ApiToken token;
};

class UserStore {
public:
    virtual ~UserStore() = default;

    /// kConflict when the name is taken.
    virtual Result<domain::Id> CreateUser(const domain::User& user) = 0;
    virtual Result<std::optional<domain::User>> FindUserByName(const std::string& name) = 0;
    /// kNotFound for an unknown id.
    virtual Result<domain::User> GetUser(domain::Id user_id) = 0;
    virtual Result<std::optional<UserLogin>> FindLogin(const std::string& name) = 0;
    virtual Result<std::vector<domain::User>> ListUsers() = 0;
    /// kNotFound for an unknown user.
    virtual Status SetPasswordHash(domain::Id user_id, const std::string& password_hash) = 0;

    virtual Status SetMembership(domain::Id user_id, domain::Id group_id, domain::Role role) = 0;
    /// kNotFound when the user is not a member.
    virtual Status RemoveMembership(domain::Id user_id, domain::Id group_id) = 0;
    /// The user's role in the group, or nullopt when not a member.
    virtual Result<std::optional<domain::Role>> GetRole(domain::Id user_id,
                                                        domain::Id group_id) = 0;
    /// The group's members, by name.
    virtual Result<std::vector<Member>> ListMembers(domain::Id group_id) = 0;

    /// Stores a token's hash (never the token) with its label, scopes and expiry.
    virtual Result<domain::Id> AddApiToken(const domain::ApiToken& token,
                                           const std::string& token_hash) = 0;
    /// The token with this hash and its user, revoked and expired ones included.
    virtual Result<std::optional<TokenOwner>> FindApiToken(const std::string& token_hash) = 0;
    /// The user's tokens, newest first, revoked ones included.
    virtual Result<std::vector<domain::ApiToken>> ListApiTokens(domain::Id user_id) = 0;
    /// kNotFound unless the user has this token (revoking twice keeps the first time).
    virtual Status RevokeApiToken(domain::Id user_id,
                                  domain::Id token_id,
                                  domain::EpochSeconds now) = 0;
    virtual Status TouchApiToken(domain::Id token_id, domain::EpochSeconds now) = 0;
};

}  // namespace kensa::ports
