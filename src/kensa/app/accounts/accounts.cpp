#include "kensa/app/accounts/accounts.h"

#include "kensa/app/integration/aws_settings.h"
#include "kensa/common/crypto.h"
#include "kensa/common/local_time.h"
#include "kensa/common/strings.h"

namespace kensa::app {

Result<domain::Id> CreateGroup(const AppContext& ctx,
                               const std::string& name,
                               const std::string& timezone,
                               const std::string& actor) {
    std::string n = Trim(name);
    if (n.empty() || n.size() > 100) {
        return Error(ErrorCode::kInvalidInput, "group name must be 1-100 characters")
            .With("field", "name");
    }
    domain::Group g;
    g.name = n;
    g.timezone = timezone.empty() ? "UTC" : timezone;
    if (auto local = ToLocal(0, g.timezone); !local.ok()) {
        return Error(local.error()).With("field", "timezone");
    }
    g.aws.external_id = NewExternalId();
    g.created_at = Now(ctx);
    KENSA_ASSIGN_OR_RETURN(domain::Id id, ctx.store.CreateGroup(g));
    domain::AuditEvent ev;
    ev.group_id = id;
    ev.actor = actor;
    ev.action = "group.create";
    ev.target = n;
    ev.at = Now(ctx);
    KENSA_TRY(ctx.store.AppendAudit(ev));
    return id;
}

Result<IssuedToken> IssueToken(const AppContext& ctx,
                               const std::string& user_name,
                               bool site_admin,
                               const std::string& label) {
    if (Trim(user_name).empty()) {
        return Error(ErrorCode::kInvalidInput, "user name is required").With("field", "name");
    }
    KENSA_ASSIGN_OR_RETURN(auto existing, ctx.store.FindUserByName(user_name));
    IssuedToken out;
    if (existing) {
        out.user_id = existing->id;
    } else {
        domain::User u;
        u.name = user_name;
        u.is_admin = site_admin;
        KENSA_ASSIGN_OR_RETURN(out.user_id, ctx.store.CreateUser(u));
    }
    out.token = "kensa_" + RandomHex(24);
    KENSA_TRY(ctx.store.AddApiToken(out.user_id, crypto::Sha256Hex(out.token), label));
    return out;
}

Result<domain::User> Authenticate(const AppContext& ctx, const std::string& token) {
    if (token.empty()) {
        return Error(ErrorCode::kUnauthenticated,
                     "an API token is required: send Authorization: Bearer <token>");
    }
    KENSA_ASSIGN_OR_RETURN(auto user, ctx.store.FindUserByTokenHash(crypto::Sha256Hex(token)));
    if (!user) {
        return Error(ErrorCode::kUnauthenticated, "the API token is not valid");
    }
    return *user;
}

Result<domain::Role> RequireRole(const AppContext& ctx,
                                 const domain::User& user,
                                 domain::Id group_id,
                                 domain::Role at_least) {
    if (user.is_admin) {
        KENSA_TRY(ctx.store.GetGroup(group_id));
        return domain::Role::kOwner;
    }
    KENSA_ASSIGN_OR_RETURN(auto role, ctx.store.GetRole(user.id, group_id));
    if (!role) {
        return Error(ErrorCode::kNotFound, "group " + std::to_string(group_id) + " not found");
    }
    if (!domain::RoleAtLeast(*role, at_least)) {
        return Error(ErrorCode::kPermissionDenied,
                     "your role in this group (" + std::string(domain::ToString(*role)) +
                         ") does not allow this; it needs " +
                         std::string(domain::ToString(at_least)));
    }
    return *role;
}

}  // namespace kensa::app
