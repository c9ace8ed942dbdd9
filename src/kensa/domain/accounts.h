#pragma once
// The rules of people who log in: API token scopes and expiry, console sessions and their two
// expiries, the login throttle, password and user-name policy, and who may change a group's
// memberships. Pure; app/accounts applies them and the store keeps only hashes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kensa/domain/model.h"

namespace kensa::domain {

/// What an API token may do. read: every GET; write: changes; scan: start scans, exports and
/// matches; admin: group settings, members, users and tokens. admin implies the other three,
/// write and scan imply read.
enum class Scope { kRead, kWrite, kScan, kAdmin };
std::string_view ToString(Scope v);
bool Parse(std::string_view s, Scope* out);
bool ScopesAllow(const std::vector<Scope>& have, Scope need);
/// "read,write" -> scopes; false (and `bad` set to the offending word) on an unknown one.
bool ParseScopeList(std::string_view csv, std::vector<Scope>* out, std::string* bad);
std::string JoinScopes(const std::vector<Scope>& scopes);

struct ApiToken {
    Id id = 0;
    Id user_id = 0;
    std::string label;
    std::vector<Scope> scopes;
    EpochSeconds created_at = 0;
    std::optional<EpochSeconds> expires_at;
    std::optional<EpochSeconds> revoked_at;
    std::optional<EpochSeconds> last_used_at;
};

/// A token authenticates while it is neither revoked nor past its expiry.
bool ApiTokenUsable(const ApiToken& token, EpochSeconds now);
/// The longest life a token may be given, in days; a token issued without an expiry never
/// expires (for automation), unless the token that issued it does.
inline constexpr int kMaxTokenDays = 3660;
/// last_used_at is written at most this often per token.
inline constexpr EpochSeconds kTokenTouchSeconds = 60;

/// A console login. The cookie carries a random id; the store keeps its SHA-256 only.
struct Session {
    std::string id_hash;
    Id user_id = 0;
    std::string csrf_token;
    EpochSeconds created_at = 0;
    EpochSeconds last_seen_at = 0;
};

inline constexpr EpochSeconds kSessionIdleSeconds = 30 * 60;
inline constexpr EpochSeconds kSessionAbsoluteSeconds = 12 * 60 * 60;
EpochSeconds SessionIdleExpiry(const Session& s);
EpochSeconds SessionAbsoluteExpiry(const Session& s);
/// Usable until the earlier of its idle expiry (from its last request) and its absolute one.
bool SessionUsable(const Session& s, EpochSeconds now);

/// Wrong passwords tolerated per user name and per client address within the window; the
/// next attempt is refused (429) before the password is even checked.
inline constexpr int kLoginFailuresAllowed = 5;
inline constexpr EpochSeconds kLoginWindowSeconds = 60;
bool LoginThrottled(int failures_in_window);

/// Why a password may not be used, or nullopt when it may: 10 to 1024 bytes.
std::optional<std::string> PasswordProblem(std::string_view password);
/// Why a user name may not be used: 1 to 64 of letters, digits and . _ @ -.
std::optional<std::string> UserNameProblem(std::string_view name);

/// Whether `actor` (with the role `actor_role`, or a site admin) may give `target` the role
/// `wanted` (nullopt: remove the membership). Admins manage members and viewers and other
/// admins; only owners grant, change or remove the owner role; the last owner stays.
/// Returns the reason when not.
struct MembershipChange {
    std::optional<Role> actor_role;  ///< nullopt: a site admin (acts as owner)
    std::optional<Role> current;     ///< the target's role now, nullopt when not a member
    std::optional<Role> wanted;      ///< nullopt: remove
    int owners = 0;                  ///< owners of the group now
};
std::optional<std::string> MembershipChangeProblem(const MembershipChange& change);

}  // namespace kensa::domain
