#pragma once
// Use cases of console sessions: log in with a password (throttled per user name and per
// client address), resume a session from its cookie, log out. The cookie value is random; the
// store keeps its SHA-256 and the session's CSRF token.

#include <string>

#include "kensa/app/accounts/accounts.h"

namespace kensa::app {

struct LoginRequest {
    std::string name;
    std::string password;
    std::string client_addr;
};

struct StartedSession {
    std::string cookie;  ///< the cookie's value, sent once in Set-Cookie
    domain::Session session;
    domain::User user;
};

/// kUnauthenticated for a wrong name or password (one message for both); kRateLimited (detail
/// "retry_after") after domain::kLoginFailuresAllowed failures within the window, for that
/// name or that address, checked before the password.
Result<StartedSession> Login(const AppContext& ctx, const LoginRequest& request);

/// The identity of a session cookie; kUnauthenticated when unknown or expired (idle or
/// absolute). Each use moves the idle expiry on.
Result<Identity> ResumeSession(const AppContext& ctx, const std::string& cookie);

/// Ends the session of the cookie; an unknown cookie is not an error.
Status Logout(const AppContext& ctx, const std::string& cookie);

}  // namespace kensa::app
