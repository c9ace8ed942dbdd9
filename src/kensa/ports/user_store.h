#pragma once
// Users, group memberships and API tokens. Contract of every store port: see store.h.

#include <optional>
#include <string>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::ports {

class UserStore {
public:
    virtual ~UserStore() = default;

    virtual Result<domain::Id> CreateUser(const domain::User& user) = 0;
    virtual Result<std::optional<domain::User>> FindUserByName(const std::string& name) = 0;
    virtual Status SetMembership(domain::Id user_id, domain::Id group_id, domain::Role role) = 0;
    /// The user's role in the group, or nullopt when not a member.
    virtual Result<std::optional<domain::Role>> GetRole(domain::Id user_id,
                                                        domain::Id group_id) = 0;
    /// Stores a token's hash (never the token).
    virtual Status AddApiToken(domain::Id user_id,
                               const std::string& token_hash,
                               const std::string& label) = 0;
    virtual Result<std::optional<domain::User>> FindUserByTokenHash(
        const std::string& token_hash) = 0;
};

}  // namespace kensa::ports
