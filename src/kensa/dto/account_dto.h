#pragma once
// JSON views of users and issued API tokens. A token is shown once, when issued; only its
// hash is stored, so no other view carries it.

#include "kensa/app/accounts/accounts.h"
#include "kensa/domain/model.h"
#include "kensa/dto/json.h"

namespace kensa::dto {

/// {id, name, email, is_admin}.
Json ToJson(const domain::User& user);
/// {user_id, token}.
Json ToJson(const app::IssuedToken& issued);

}  // namespace kensa::dto
