#include "iam.h"

#include <algorithm>
#include <cctype>

namespace kensa::emulator {
namespace {

bool GlobMatch(std::string_view pattern, std::string_view text) {
    size_t p = 0;
    size_t t = 0;
    size_t star = std::string_view::npos;
    size_t mark = 0;
    auto eq = [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
    };
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || eq(pattern[p], text[t]))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

}  // namespace

bool ActionMatches(std::string_view pattern, std::string_view action) {
    return GlobMatch(pattern, action);
}

bool ActionAllowed(const std::vector<std::string>& patterns, std::string_view action) {
    return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
        return ActionMatches(p, action);
    });
}

bool TrustAllows(const Role& role, const Principal& caller, std::string_view external_id) {
    bool principal_ok = std::any_of(
        role.trusted_principals.begin(), role.trusted_principals.end(), [&](const std::string& p) {
            return p == "*" || p == caller.arn || p == caller.account_id ||
                   p == "arn:aws:iam::" + caller.account_id + ":root";
        });
    if (!principal_ok) {
        return false;
    }
    return role.external_id.empty() || role.external_id == external_id;
}

PolicyDecision EvaluateBucketPolicy(const Bucket& bucket,
                                    std::string_view principal_arn,
                                    std::string_view account_id,
                                    std::string_view action,
                                    std::string_view key) {
    PolicyDecision decision = PolicyDecision::kNotMentioned;
    for (const auto& st : bucket.policy) {
        bool principal =
            std::any_of(st.principals.begin(), st.principals.end(), [&](const std::string& p) {
                return p == "*" || p == principal_arn || p == account_id;
            });
        if (!principal || !ActionAllowed(st.actions, action)) {
            continue;
        }
        if (!st.resource_prefix.empty() &&
            key.substr(0, st.resource_prefix.size()) != std::string_view(st.resource_prefix)) {
            continue;
        }
        if (st.effect == "Deny") {
            return PolicyDecision::kDeny;
        }
        decision = PolicyDecision::kAllow;
    }
    return decision;
}

std::string NotAuthorizedMessage(std::string_view principal_arn,
                                 std::string_view action,
                                 std::string_view resource) {
    std::string msg = "User: ";
    msg += principal_arn;
    msg += " is not authorized to perform: ";
    msg += action;
    msg += " on resource: ";
    msg += resource;
    msg += " because no identity-based policy allows the ";
    msg += action;
    msg += " action";
    return msg;
}

}  // namespace kensa::emulator
