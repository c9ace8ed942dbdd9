#pragma once
// Console sessions (the cookie's hash, never the cookie) and the failed logins the throttle
// counts. Contract: store.h.

#include <optional>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/accounts.h"

namespace kensa::ports {

class SessionStore {
public:
    virtual ~SessionStore() = default;

    /// Stores the session, and forgets sessions that expired before `session.created_at`.
    virtual Status CreateSession(const domain::Session& session) = 0;
    virtual Result<std::optional<domain::Session>> FindSession(const std::string& id_hash) = 0;
    virtual Status TouchSession(const std::string& id_hash, domain::EpochSeconds now) = 0;
    /// Deleting an unknown session is not an error (logout twice).
    virtual Status DeleteSession(const std::string& id_hash) = 0;
    /// Ends every session of the user (a password change).
    virtual Status DeleteUserSessions(domain::Id user_id) = 0;

    /// Records one failed login under each subject ("user:NAME", "addr:IP"), and forgets
    /// failures older than a day. A login records its attempt before it checks the password
    /// (so that parallel guesses count each other) and forgets it when the password was right.
    /// Returns the new rows' ids.
    virtual Result<std::vector<domain::Id>> RecordLoginFailure(
        const std::vector<std::string>& subjects, domain::EpochSeconds now) = 0;
    virtual Status ForgetLoginFailures(const std::vector<domain::Id>& ids) = 0;
    /// The failures recorded under `subject` at or after `since`.
    virtual Result<int> CountLoginFailures(const std::string& subject,
                                           domain::EpochSeconds since) = 0;
};

}  // namespace kensa::ports
