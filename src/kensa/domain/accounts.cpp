#include "kensa/domain/accounts.h"

#include <algorithm>
#include <cctype>

namespace kensa::domain {

namespace {

constexpr std::pair<Scope, std::string_view> kScopeNames[] = {
    {Scope::kRead, "read"},
    {Scope::kWrite, "write"},
    {Scope::kScan, "scan"},
    {Scope::kAdmin, "admin"},
};

bool Has(const std::vector<Scope>& have, Scope s) {
    return std::find(have.begin(), have.end(), s) != have.end();
}

}  // namespace

std::string_view ToString(Scope v) {
    for (const auto& [scope, name] : kScopeNames) {
        if (scope == v) {
            return name;
        }
    }
    return "read";
}

bool Parse(std::string_view s, Scope* out) {
    for (const auto& [scope, name] : kScopeNames) {
        if (name == s) {
            *out = scope;
            return true;
        }
    }
    return false;
}

bool ScopesAllow(const std::vector<Scope>& have, Scope need) {
    if (Has(have, Scope::kAdmin) || Has(have, need)) {
        return true;
    }
    return need == Scope::kRead && (Has(have, Scope::kWrite) || Has(have, Scope::kScan));
}

bool ParseScopeList(std::string_view csv, std::vector<Scope>* out, std::string* bad) {
    out->clear();
    size_t start = 0;
    while (start <= csv.size()) {
        size_t comma = csv.find(',', start);
        std::string_view word = csv.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        while (!word.empty() && word.front() == ' ') {
            word.remove_prefix(1);
        }
        while (!word.empty() && word.back() == ' ') {
            word.remove_suffix(1);
        }
        if (!word.empty()) {
            Scope s;
            if (!Parse(word, &s)) {
                *bad = std::string(word);
                return false;
            }
            if (!Has(*out, s)) {
                out->push_back(s);
            }
        }
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    std::sort(out->begin(), out->end());
    return true;
}

std::string JoinScopes(const std::vector<Scope>& scopes) {
    std::string out;
    for (Scope s : scopes) {
        if (!out.empty()) {
            out += ',';
        }
        out += ToString(s);
    }
    return out;
}

bool ApiTokenUsable(const ApiToken& token, EpochSeconds now) {
    return !token.revoked_at && (!token.expires_at || now < *token.expires_at);
}

EpochSeconds SessionIdleExpiry(const Session& s) {
    return std::min(s.last_seen_at + kSessionIdleSeconds, SessionAbsoluteExpiry(s));
}

EpochSeconds SessionAbsoluteExpiry(const Session& s) {
    return s.created_at + kSessionAbsoluteSeconds;
}

bool SessionUsable(const Session& s, EpochSeconds now) {
    return now < SessionIdleExpiry(s);
}

bool LoginThrottled(int failures_in_window) {
    return failures_in_window >= kLoginFailuresAllowed;
}

std::optional<std::string> PasswordProblem(std::string_view password) {
    if (password.size() < 10) {
        return "a password needs at least 10 characters";
    }
    if (password.size() > 1024) {
        return "a password may have at most 1024 bytes";
    }
    return std::nullopt;
}

std::optional<std::string> UserNameProblem(std::string_view name) {
    if (name.empty() || name.size() > 64) {
        return "a user name must be 1-64 characters";
    }
    for (unsigned char c : name) {
        if (!std::isalnum(c) && c != '.' && c != '_' && c != '@' && c != '-') {
            return "a user name may hold only letters, digits and . _ @ -";
        }
    }
    return std::nullopt;
}

std::optional<std::string> MembershipChangeProblem(const MembershipChange& change) {
    const Role actor = change.actor_role.value_or(Role::kOwner);
    if (!RoleAtLeast(actor, Role::kAdmin)) {
        return "only a group's owners and admins manage its members";
    }
    const bool touches_owner = change.current == Role::kOwner || change.wanted == Role::kOwner;
    if (touches_owner && actor != Role::kOwner) {
        return "only an owner grants, changes or removes the owner role";
    }
    if (change.current == Role::kOwner && change.wanted != Role::kOwner && change.owners <= 1) {
        return "a group keeps at least one owner: make another member owner first";
    }
    if (!change.current && !change.wanted) {
        return "the user is not a member of this group";
    }
    return std::nullopt;
}

}  // namespace kensa::domain
