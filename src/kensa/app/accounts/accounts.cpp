#include "kensa/app/accounts/accounts.h"

#include <algorithm>

#include "kensa/app/accounts/groups.h"
#include "kensa/app/accounts/passwords.h"
#include "kensa/app/audit.h"
#include "kensa/app/integration/aws_settings.h"
#include "kensa/common/crypto.h"
#include "kensa/common/local_time.h"
#include "kensa/common/strings.h"

namespace kensa::app {

namespace {

constexpr std::string_view kTokenPrefix = "kensa_";

Status CheckNewPassword(const std::string& password) {
    if (auto problem = domain::PasswordProblem(password)) {
        return Error(ErrorCode::kInvalidInput, *problem).With("field", "password");
    }
    return Ok();
}

Result<std::optional<domain::Role>> CallerRole(const AppContext& ctx,
                                               const domain::User& user,
                                               domain::Id group_id) {
    if (user.is_admin) {
        return std::optional<domain::Role>();  // a site admin acts as an owner
    }
    KENSA_ASSIGN_OR_RETURN(domain::Role role,
                           RequireRole(ctx, user, group_id, domain::Role::kViewer));
    return std::optional<domain::Role>(role);
}

Result<domain::MembershipChange> PlanChange(const AppContext& ctx,
                                            const domain::User& actor,
                                            domain::Id group_id,
                                            domain::Id user_id,
                                            std::optional<domain::Role> wanted) {
    domain::MembershipChange change;
    KENSA_ASSIGN_OR_RETURN(change.actor_role, CallerRole(ctx, actor, group_id));
    KENSA_ASSIGN_OR_RETURN(auto members, ctx.store.ListMembers(group_id));
    for (const auto& m : members) {
        if (m.role == domain::Role::kOwner) {
            ++change.owners;
        }
        if (m.user.id == user_id) {
            change.current = m.role;
        }
    }
    change.wanted = wanted;
    if (auto problem = domain::MembershipChangeProblem(change)) {
        return Error(change.current || wanted ? ErrorCode::kPermissionDenied : ErrorCode::kNotFound,
                     *problem);
    }
    return change;
}

}  // namespace

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
    KENSA_TRY(RecordAudit(ctx, id, actor, "group.create", n));
    return id;
}

// ------------------------------------------------------------------ users

Result<domain::User> CreateUser(const AppContext& ctx,
                                const std::string& name,
                                const std::string& password,
                                bool site_admin,
                                const std::string& actor) {
    if (auto problem = domain::UserNameProblem(name)) {
        return Error(ErrorCode::kInvalidInput, *problem).With("field", "name");
    }
    domain::User u;
    u.name = name;
    u.is_admin = site_admin;
    std::string hash;
    if (!password.empty()) {
        KENSA_TRY(CheckNewPassword(password));
        KENSA_ASSIGN_OR_RETURN(hash, HashPassword(password));
    }
    KENSA_ASSIGN_OR_RETURN(u.id, ctx.store.CreateUser(u));
    if (!hash.empty()) {
        KENSA_TRY(ctx.store.SetPasswordHash(u.id, hash));
    }
    KENSA_TRY(
        RecordAudit(ctx, std::nullopt, actor, "user.create", name, site_admin ? "site admin" : ""));
    return u;
}

Status SetPassword(const AppContext& ctx,
                   const std::string& name,
                   const std::string& password,
                   const std::string& actor) {
    KENSA_TRY(CheckNewPassword(password));
    KENSA_ASSIGN_OR_RETURN(auto user, ctx.store.FindUserByName(name));
    if (!user) {
        return Error(ErrorCode::kNotFound, "user '" + name + "' not found");
    }
    KENSA_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
    KENSA_TRY(ctx.store.SetPasswordHash(user->id, hash));
    KENSA_TRY(ctx.store.DeleteUserSessions(user->id));
    return RecordAudit(ctx, std::nullopt, actor, "user.password", name);
}

Result<std::vector<domain::User>> ListUsers(const AppContext& ctx, const domain::User& caller) {
    KENSA_TRY(RequireSiteAdmin(caller));
    return ctx.store.ListUsers();
}

// ------------------------------------------------------------------ API tokens

Result<IssuedToken> IssueApiToken(const AppContext& ctx,
                                  const domain::User& owner,
                                  const TokenRequest& request,
                                  const Identity* issuer) {
    if (request.scopes.empty()) {
        return Error(ErrorCode::kInvalidInput,
                     "a token needs at least one scope: read, write, scan or admin")
            .With("field", "scopes");
    }
    if (request.label.size() > 100) {
        return Error(ErrorCode::kInvalidInput, "a token label may have at most 100 characters")
            .With("field", "label");
    }
    IssuedToken out;
    out.token.user_id = owner.id;
    out.token.label = request.label;
    out.token.scopes = request.scopes;
    std::sort(out.token.scopes.begin(), out.token.scopes.end());
    out.token.created_at = Now(ctx);
    if (request.expires_in_days) {
        int days = *request.expires_in_days;
        if (days < 1 || days > domain::kMaxTokenDays) {
            return Error(ErrorCode::kInvalidInput,
                         "expires_in_days must be between 1 and " +
                             std::to_string(domain::kMaxTokenDays))
                .With("field", "expires_in_days");
        }
        out.token.expires_at = out.token.created_at + int64_t{days} * 86400;
    }
    // Issuing takes the admin scope, which implies every other: only the expiry can exceed
    // the issuing token's.
    if (issuer != nullptr && issuer->token_expires_at &&
        (!out.token.expires_at || *out.token.expires_at > *issuer->token_expires_at)) {
        out.token.expires_at = issuer->token_expires_at;
    }
    out.secret = std::string(kTokenPrefix) + RandomHex(24);
    KENSA_ASSIGN_OR_RETURN(out.token.id,
                           ctx.store.AddApiToken(out.token, crypto::Sha256Hex(out.secret)));
    KENSA_TRY(RecordAudit(ctx,
                          std::nullopt,
                          owner.name,
                          "token.create",
                          std::to_string(out.token.id),
                          domain::JoinScopes(out.token.scopes)));
    return out;
}

Result<IssuedToken> IssueTokenForName(const AppContext& ctx,
                                      const std::string& user_name,
                                      bool site_admin,
                                      const TokenRequest& request) {
    KENSA_ASSIGN_OR_RETURN(auto existing, ctx.store.FindUserByName(user_name));
    domain::User owner;
    if (existing) {
        owner = *existing;
    } else {
        KENSA_ASSIGN_OR_RETURN(owner, CreateUser(ctx, user_name, "", site_admin, "cli"));
    }
    return IssueApiToken(ctx, owner, request);
}

Result<std::vector<domain::ApiToken>> ListApiTokens(const AppContext& ctx,
                                                    const domain::User& owner) {
    return ctx.store.ListApiTokens(owner.id);
}

Status RevokeApiToken(const AppContext& ctx, const domain::User& owner, domain::Id token_id) {
    KENSA_TRY(ctx.store.RevokeApiToken(owner.id, token_id, Now(ctx)));
    return RecordAudit(ctx, std::nullopt, owner.name, "token.revoke", std::to_string(token_id));
}

Result<Identity> AuthenticateToken(const AppContext& ctx, const std::string& token) {
    if (token.empty()) {
        return Error(ErrorCode::kUnauthenticated,
                     "authentication is required: log in, or send Authorization: Bearer <token>");
    }
    KENSA_ASSIGN_OR_RETURN(auto found, ctx.store.FindApiToken(crypto::Sha256Hex(token)));
    const domain::EpochSeconds now = Now(ctx);
    if (!found || !domain::ApiTokenUsable(found->token, now)) {
        return Error(ErrorCode::kUnauthenticated, "the API token is not valid");
    }
    const auto& t = found->token;
    if (!t.last_used_at || now - *t.last_used_at >= domain::kTokenTouchSeconds) {
        KENSA_TRY(ctx.store.TouchApiToken(t.id, now));
    }
    Identity id;
    id.user = found->user;
    id.scopes = t.scopes;
    id.token_id = t.id;
    id.token_expires_at = t.expires_at;
    return id;
}

// ------------------------------------------------------------------ roles and members

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

Result<std::vector<ports::Member>> ListMembers(const AppContext& ctx, domain::Id group_id) {
    return ctx.store.ListMembers(group_id);
}

Result<ports::Member> SetMember(const AppContext& ctx,
                                const domain::User& actor,
                                domain::Id group_id,
                                domain::Id user_id,
                                domain::Role role) {
    KENSA_ASSIGN_OR_RETURN(domain::User target, ctx.store.GetUser(user_id));
    KENSA_TRY(PlanChange(ctx, actor, group_id, user_id, role));
    KENSA_TRY(ctx.store.SetMembership(user_id, group_id, role));
    KENSA_TRY(RecordAudit(
        ctx, group_id, actor.name, "member.set", target.name, std::string(ToString(role))));
    return ports::Member{target, role};
}

Status RemoveMember(const AppContext& ctx,
                    const domain::User& actor,
                    domain::Id group_id,
                    domain::Id user_id) {
    KENSA_ASSIGN_OR_RETURN(domain::User target, ctx.store.GetUser(user_id));
    KENSA_TRY(PlanChange(ctx, actor, group_id, user_id, std::nullopt));
    KENSA_TRY(ctx.store.RemoveMembership(user_id, group_id));
    return RecordAudit(ctx, group_id, actor.name, "member.remove", target.name);
}

// ------------------------------------------------------------------ audit

Result<std::vector<domain::AuditEvent>> ListAudit(const AppContext& ctx,
                                                  domain::Id group_id,
                                                  std::optional<domain::Id> before_id,
                                                  int limit) {
    return ctx.store.ListAudit(group_id, before_id, std::clamp(limit, 1, kMaxAuditPage));
}

}  // namespace kensa::app
