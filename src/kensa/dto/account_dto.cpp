#include "kensa/dto/account_dto.h"

namespace kensa::dto {

Json ToJson(const domain::User& user) {
    return {
        {"id", user.id}, {"name", user.name}, {"email", user.email}, {"is_admin", user.is_admin}};
}

Json ToJson(const app::IssuedToken& issued) {
    return {{"user_id", issued.user_id}, {"token", issued.token}};
}

}  // namespace kensa::dto
