#include "kensa/dto/account_dto.h"

namespace kensa::dto {

namespace {

Json OptionalTime(const std::optional<domain::EpochSeconds>& at) {
    return at ? Json(*at) : Json(nullptr);
}

}  // namespace

Json ToJson(const domain::User& user) {
    return {
        {"id", user.id}, {"name", user.name}, {"email", user.email}, {"is_admin", user.is_admin}};
}

Json ToJson(const domain::ApiToken& token, domain::EpochSeconds now) {
    Json scopes = Json::array();
    for (domain::Scope s : token.scopes) {
        scopes.push_back(domain::ToString(s));
    }
    return {{"id", token.id},
            {"label", token.label},
            {"scopes", scopes},
            {"created_at", token.created_at},
            {"expires_at", OptionalTime(token.expires_at)},
            {"revoked_at", OptionalTime(token.revoked_at)},
            {"last_used_at", OptionalTime(token.last_used_at)},
            {"active", domain::ApiTokenUsable(token, now)}};
}

Json ToJson(const app::IssuedToken& issued, domain::EpochSeconds now) {
    Json out = ToJson(issued.token, now);
    out["user_id"] = issued.token.user_id;
    out["token"] = issued.secret;
    return out;
}

Json ToJson(const ports::Member& member) {
    return {{"user_id", member.user.id},
            {"name", member.user.name},
            {"role", domain::ToString(member.role)}};
}

Json ToJson(const domain::User& user, const domain::Session& session) {
    return {{"user", ToJson(user)},
            {"csrf_token", session.csrf_token},
            {"expires_at", domain::SessionAbsoluteExpiry(session)},
            {"idle_expires_at", domain::SessionIdleExpiry(session)}};
}

Json ToJson(const domain::AuditEvent& event) {
    return {{"id", event.id},
            {"actor", event.actor},
            {"action", event.action},
            {"target", event.target},
            {"detail", event.detail},
            {"at", event.at}};
}

}  // namespace kensa::dto
