#include "kensa/app/accounts/sessions.h"

#include "kensa/app/accounts/passwords.h"
#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"

namespace kensa::app {

namespace {

const std::vector<domain::Scope> kEveryScope = {
    domain::Scope::kRead, domain::Scope::kWrite, domain::Scope::kScan, domain::Scope::kAdmin};

Error WrongLogin() {
    return Error(ErrorCode::kUnauthenticated, "the user name or the password is wrong");
}

}  // namespace

Result<StartedSession> Login(const AppContext& ctx, const LoginRequest& request) {
    const domain::EpochSeconds now = Now(ctx);
    std::vector<std::string> subjects = {"user:" + request.name};
    if (!request.client_addr.empty()) {
        subjects.push_back("addr:" + request.client_addr);
    }
    // The attempt counts as a failure until the password proves right: parallel guesses
    // see each other, so no more than the allowed number are ever checked.
    KENSA_ASSIGN_OR_RETURN(auto attempt, ctx.store.RecordLoginFailure(subjects, now));
    for (const std::string& subject : subjects) {
        KENSA_ASSIGN_OR_RETURN(
            int failures,
            ctx.store.CountLoginFailures(subject, now - domain::kLoginWindowSeconds + 1));
        if (domain::LoginThrottled(failures - 1)) {  // the failures before this attempt
            return Error(ErrorCode::kRateLimited,
                         "too many failed logins; wait a minute and try again")
                .With("retry_after", std::to_string(domain::kLoginWindowSeconds));
        }
    }
    KENSA_ASSIGN_OR_RETURN(auto login, ctx.store.FindLogin(request.name));
    // A user without a password, or an unknown one, costs a check too: no timing tells them.
    const bool valid = login && !login->password_hash.empty()
                           ? VerifyPassword(login->password_hash, request.password)
                           : VerifyAgainstDummy(request.password);
    if (!valid) {
        return WrongLogin();
    }
    KENSA_TRY(ctx.store.ForgetLoginFailures(attempt));
    StartedSession out;
    out.cookie = RandomHex(32);
    out.user = login->user;
    out.session.id_hash = crypto::Sha256Hex(out.cookie);
    out.session.user_id = login->user.id;
    out.session.csrf_token = RandomHex(32);
    out.session.created_at = now;
    out.session.last_seen_at = now;
    KENSA_TRY(ctx.store.CreateSession(out.session));
    return out;
}

Result<Identity> ResumeSession(const AppContext& ctx, const std::string& cookie) {
    const Error expired(ErrorCode::kUnauthenticated, "the session has ended: log in again");
    if (cookie.empty()) {
        return expired;
    }
    const std::string id_hash = crypto::Sha256Hex(cookie);
    KENSA_ASSIGN_OR_RETURN(auto session, ctx.store.FindSession(id_hash));
    const domain::EpochSeconds now = Now(ctx);
    if (!session || !domain::SessionUsable(*session, now)) {
        if (session) {
            KENSA_TRY(ctx.store.DeleteSession(id_hash));
        }
        return expired;
    }
    if (now != session->last_seen_at) {
        KENSA_TRY(ctx.store.TouchSession(id_hash, now));
        session->last_seen_at = now;
    }
    Identity id;
    KENSA_ASSIGN_OR_RETURN(id.user, ctx.store.GetUser(session->user_id));
    id.scopes = kEveryScope;
    id.session = *session;
    return id;
}

Status Logout(const AppContext& ctx, const std::string& cookie) {
    if (cookie.empty()) {
        return Ok();
    }
    return ctx.store.DeleteSession(crypto::Sha256Hex(cookie));
}

}  // namespace kensa::app
