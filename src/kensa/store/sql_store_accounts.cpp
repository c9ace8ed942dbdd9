// The accounts area of SqlStore: users and their password hashes, memberships, API tokens,
// console sessions and the failed logins the throttle counts.
#include <algorithm>

#include "kensa/store/sql_store_internal.h"

namespace kensa::store {

using domain::Id;

namespace {

constexpr std::string_view kUserColumns = "u.id, u.name, u.email, u.is_admin";

domain::User ReadUser(const SqlRow& row, int first = 0) {
    domain::User u;
    u.id = row.Int(first);
    u.name = row.Text(first + 1);
    u.email = row.Text(first + 2);
    u.is_admin = row.Int(first + 3) != 0;
    return u;
}

constexpr std::string_view kTokenColumns =
    "t.id, t.user_id, t.label, t.scopes, t.created_at, t.expires_at, t.revoked_at, "
    "t.last_used_at";
constexpr int kTokenColumnCount = 8;

domain::ApiToken ReadApiToken(const SqlRow& row) {
    domain::ApiToken t;
    t.id = row.Int(0);
    t.user_id = row.Int(1);
    t.label = row.Text(2);
    std::string bad;
    if (!domain::ParseScopeList(row.Text(3), &t.scopes, &bad)) {
        t.scopes.clear();  // an unknown stored scope grants nothing
    }
    t.created_at = row.Int(4);
    t.expires_at = row.OptInt(5);
    t.revoked_at = row.OptInt(6);
    t.last_used_at = row.OptInt(7);
    return t;
}

constexpr std::string_view kSessionColumns =
    "id_hash, user_id, csrf_token, created_at, last_seen_at";

domain::Session ReadSession(const SqlRow& row) {
    domain::Session s;
    s.id_hash = row.Text(0);
    s.user_id = row.Int(1);
    s.csrf_token = row.Text(2);
    s.created_at = row.Int(3);
    s.last_seen_at = row.Int(4);
    return s;
}

template <class T>
std::optional<T> First(std::vector<T> rows) {
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
}

}  // namespace

// ------------------------------------------------------------------ users

Result<Id> SqlStore::CreateUser(const domain::User& user) {
    Id id = 0;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_ASSIGN_OR_RETURN(
            id,
            InsertReturningId(
                conn,
                "INSERT INTO users (name, email, is_admin, created_at) VALUES "
                "(?, ?, ?, ?) RETURNING id",
                {user.name, user.email, int64_t{user.is_admin ? 1 : 0}, NowSeconds()}));
        return Ok();
    }));
    return id;
}

Result<std::optional<domain::User>> SqlStore::FindUserByName(const std::string& name) {
    KENSA_ASSIGN_OR_RETURN(auto rows,
                           SelectAll<domain::User>("SELECT " + std::string(kUserColumns) +
                                                       " FROM users u WHERE u.name = ?",
                                                   {name},
                                                   [](const SqlRow& r) { return ReadUser(r); }));
    return First(std::move(rows));
}

Result<domain::User> SqlStore::GetUser(Id user_id) {
    KENSA_ASSIGN_OR_RETURN(auto rows,
                           SelectAll<domain::User>("SELECT " + std::string(kUserColumns) +
                                                       " FROM users u WHERE u.id = ?",
                                                   {user_id},
                                                   [](const SqlRow& r) { return ReadUser(r); }));
    if (rows.empty()) {
        return Error(ErrorCode::kNotFound, "user " + std::to_string(user_id) + " not found");
    }
    return std::move(rows.front());
}

Result<std::optional<ports::UserLogin>> SqlStore::FindLogin(const std::string& name) {
    KENSA_ASSIGN_OR_RETURN(
        auto rows,
        SelectAll<ports::UserLogin>("SELECT " + std::string(kUserColumns) +
                                        ", u.password_hash FROM users u WHERE u.name = ?",
                                    {name},
                                    [](const SqlRow& r) {
                                        return ports::UserLogin{ReadUser(r), r.Text(4)};
                                    }));
    return First(std::move(rows));
}

Result<std::vector<domain::User>> SqlStore::ListUsers() {
    return SelectAll<domain::User>(
        "SELECT " + std::string(kUserColumns) + " FROM users u ORDER BY u.name",
        {},
        [](const SqlRow& r) { return ReadUser(r); });
}

Status SqlStore::SetPasswordHash(Id user_id, const std::string& password_hash) {
    return InTx(true, [&](SqlConnection& conn) {
        return RequireChanged(
            conn.Exec("UPDATE users SET password_hash = ? WHERE id = ?", {password_hash, user_id}),
            "user " + std::to_string(user_id));
    });
}

// ------------------------------------------------------------------ memberships

Status SqlStore::SetMembership(Id user_id, Id group_id, domain::Role role) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_TRY(
            conn.Exec("INSERT INTO memberships (user_id, group_id, role) VALUES (?, ?, ?) "
                      "ON CONFLICT (user_id, group_id) DO UPDATE SET role = excluded.role",
                      {user_id, group_id, std::string(domain::ToString(role))}));
        return Ok();
    });
}

Status SqlStore::RemoveMembership(Id user_id, Id group_id) {
    return InTx(true, [&](SqlConnection& conn) {
        return RequireChanged(
            conn.Exec("DELETE FROM memberships WHERE user_id = ? AND group_id = ?",
                      {user_id, group_id}),
            "membership of user " + std::to_string(user_id));
    });
}

Result<std::optional<domain::Role>> SqlStore::GetRole(Id user_id, Id group_id) {
    std::optional<domain::Role> out;
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) {
        return conn.Query("SELECT role FROM memberships WHERE user_id = ? AND group_id = ?",
                          {user_id, group_id},
                          [&](const SqlRow& row) {
                              domain::Role r;
                              if (domain::Parse(row.Text(0), &r)) {
                                  out = r;
                              }
                          });
    }));
    return out;
}

Result<std::vector<ports::Member>> SqlStore::ListMembers(Id group_id) {
    return SelectAll<ports::Member>(
        "SELECT " + std::string(kUserColumns) +
            ", m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.group_id = ? "
            "ORDER BY u.name",
        {group_id},
        [](const SqlRow& r) {
            ports::Member m{ReadUser(r), domain::Role::kViewer};
            domain::Parse(r.Text(4), &m.role);
            return m;
        });
}

// ------------------------------------------------------------------ API tokens

Result<Id> SqlStore::AddApiToken(const domain::ApiToken& t, const std::string& token_hash) {
    Id id = 0;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_ASSIGN_OR_RETURN(
            id,
            InsertReturningId(conn,
                              "INSERT INTO api_tokens (user_id, token_hash, label, scopes, "
                              "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                              {t.user_id,
                               token_hash,
                               t.label,
                               domain::JoinScopes(t.scopes),
                               t.created_at != 0 ? t.created_at : NowSeconds(),
                               Opt(t.expires_at)}));
        return Ok();
    }));
    return id;
}

Result<std::optional<ports::TokenOwner>> SqlStore::FindApiToken(const std::string& token_hash) {
    KENSA_ASSIGN_OR_RETURN(
        auto rows,
        SelectAll<ports::TokenOwner>(
            "SELECT " + std::string(kTokenColumns) + ", " + std::string(kUserColumns) +
                " FROM api_tokens t JOIN users u ON u.id = t.user_id "
                "WHERE t.token_hash = ?",
            {token_hash},
            [](const SqlRow& r) {
                return ports::TokenOwner{ReadUser(r, kTokenColumnCount), ReadApiToken(r)};
            }));
    return First(std::move(rows));
}

Result<std::vector<domain::ApiToken>> SqlStore::ListApiTokens(Id user_id) {
    return SelectAll<domain::ApiToken>("SELECT " + std::string(kTokenColumns) +
                                           " FROM api_tokens t WHERE t.user_id = ? ORDER BY t.id "
                                           "DESC",
                                       {user_id},
                                       ReadApiToken);
}

Status SqlStore::RevokeApiToken(Id user_id, Id token_id, EpochSeconds now) {
    return InTx(true, [&](SqlConnection& conn) {
        return RequireChanged(conn.Exec("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, "
                                        "?) WHERE id = ? AND user_id = ?",
                                        {now, token_id, user_id}),
                              "API token " + std::to_string(token_id));
    });
}

Status SqlStore::TouchApiToken(Id token_id, EpochSeconds now) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_TRY(
            conn.Exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {now, token_id}));
        return Ok();
    });
}

// ------------------------------------------------------------------ sessions

Status SqlStore::CreateSession(const domain::Session& s) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_TRY(conn.Exec("DELETE FROM sessions WHERE created_at < ?",
                            {s.created_at - domain::kSessionAbsoluteSeconds}));
        KENSA_TRY(
            conn.Exec("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, "
                      "last_seen_at) VALUES (?, ?, ?, ?, ?)",
                      {s.id_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at}));
        return Ok();
    });
}

Result<std::optional<domain::Session>> SqlStore::FindSession(const std::string& id_hash) {
    KENSA_ASSIGN_OR_RETURN(auto rows,
                           SelectAll<domain::Session>("SELECT " + std::string(kSessionColumns) +
                                                          " FROM sessions WHERE id_hash = ?",
                                                      {id_hash},
                                                      ReadSession));
    return First(std::move(rows));
}

Status SqlStore::TouchSession(const std::string& id_hash, EpochSeconds now) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_TRY(
            conn.Exec("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", {now, id_hash}));
        return Ok();
    });
}

Status SqlStore::DeleteSession(const std::string& id_hash) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_TRY(conn.Exec("DELETE FROM sessions WHERE id_hash = ?", {id_hash}));
        return Ok();
    });
}

Status SqlStore::DeleteUserSessions(Id user_id) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        KENSA_TRY(conn.Exec("DELETE FROM sessions WHERE user_id = ?", {user_id}));
        return Ok();
    });
}

// ------------------------------------------------------------------ login throttle

Result<std::vector<Id>> SqlStore::RecordLoginFailure(const std::vector<std::string>& subjects,
                                                     EpochSeconds now) {
    std::vector<Id> ids;
    KENSA_TRY(InTx(true, [&](SqlConnection& conn) -> Status {
        ids.clear();  // a retried transaction starts over
        KENSA_TRY(conn.Exec("DELETE FROM login_failures WHERE at < ?", {now - 24 * 3600}));
        for (const std::string& subject : subjects) {
            KENSA_ASSIGN_OR_RETURN(
                Id id,
                InsertReturningId(conn,
                                  "INSERT INTO login_failures (subject, at) VALUES (?, ?) "
                                  "RETURNING id",
                                  {subject, now}));
            ids.push_back(id);
        }
        return Ok();
    }));
    return ids;
}

Status SqlStore::ForgetLoginFailures(const std::vector<Id>& ids) {
    return InTx(true, [&](SqlConnection& conn) -> Status {
        for (Id id : ids) {
            KENSA_TRY(conn.Exec("DELETE FROM login_failures WHERE id = ?", {id}));
        }
        return Ok();
    });
}

Result<int> SqlStore::CountLoginFailures(const std::string& subject, EpochSeconds since) {
    int count = 0;
    KENSA_TRY(InTx(false, [&](SqlConnection& conn) {
        return conn.Query("SELECT COUNT(*) FROM login_failures WHERE subject = ? AND at >= ?",
                          {subject, since},
                          [&](const SqlRow& row) { count = static_cast<int>(row.Int(0)); });
    }));
    return count;
}

}  // namespace kensa::store
