#include "kensa/domain/accounts.h"

#include <gtest/gtest.h>

namespace kensa::domain {
namespace {

TEST(ScopesTest, AdminImpliesAllAndWriteOrScanImplyRead) {
    EXPECT_TRUE(ScopesAllow({Scope::kAdmin}, Scope::kScan));
    EXPECT_TRUE(ScopesAllow({Scope::kAdmin}, Scope::kWrite));
    EXPECT_TRUE(ScopesAllow({Scope::kWrite}, Scope::kRead));
    EXPECT_TRUE(ScopesAllow({Scope::kScan}, Scope::kRead));
    EXPECT_FALSE(ScopesAllow({Scope::kRead}, Scope::kWrite));
    EXPECT_FALSE(ScopesAllow({Scope::kWrite}, Scope::kScan));
    EXPECT_FALSE(ScopesAllow({Scope::kScan}, Scope::kWrite));
    EXPECT_FALSE(ScopesAllow({Scope::kWrite, Scope::kScan}, Scope::kAdmin));
    EXPECT_FALSE(ScopesAllow({}, Scope::kRead));
}

TEST(ScopesTest, ParsesAListAndNamesAnUnknownWord) {
    std::vector<Scope> scopes;
    std::string bad;
    ASSERT_TRUE(ParseScopeList(" scan, read ,scan", &scopes, &bad));
    EXPECT_EQ(JoinScopes(scopes), "read,scan");
    EXPECT_FALSE(ParseScopeList("read,root", &scopes, &bad));
    EXPECT_EQ(bad, "root");
    ASSERT_TRUE(ParseScopeList("", &scopes, &bad));
    EXPECT_TRUE(scopes.empty());
}

TEST(ApiTokenTest, UsableUntilExpiryOrRevocation) {
    ApiToken t;
    EXPECT_TRUE(ApiTokenUsable(t, 1'000'000));
    t.expires_at = 100;
    EXPECT_TRUE(ApiTokenUsable(t, 99));
    EXPECT_FALSE(ApiTokenUsable(t, 100));
    t.expires_at.reset();
    t.revoked_at = 50;
    EXPECT_FALSE(ApiTokenUsable(t, 10));
}

TEST(SessionTest, IdleAndAbsoluteExpiry) {
    Session s;
    s.created_at = 1000;
    s.last_seen_at = 1000;
    EXPECT_TRUE(SessionUsable(s, 1000 + kSessionIdleSeconds - 1));
    EXPECT_FALSE(SessionUsable(s, 1000 + kSessionIdleSeconds));
    // Activity keeps it alive, but never past the absolute expiry.
    s.last_seen_at = 1000 + kSessionAbsoluteSeconds - 10;
    EXPECT_TRUE(SessionUsable(s, 1000 + kSessionAbsoluteSeconds - 1));
    EXPECT_FALSE(SessionUsable(s, 1000 + kSessionAbsoluteSeconds));
    EXPECT_EQ(SessionIdleExpiry(s), SessionAbsoluteExpiry(s));
}

TEST(LoginThrottleTest, TheSixthAttemptIsRefused) {
    EXPECT_FALSE(LoginThrottled(kLoginFailuresAllowed - 1));
    EXPECT_TRUE(LoginThrottled(kLoginFailuresAllowed));
    EXPECT_EQ(kLoginFailuresAllowed, 5);
}

TEST(AccountPolicyTest, PasswordsAndNames) {
    EXPECT_TRUE(PasswordProblem("short").has_value());
    EXPECT_FALSE(PasswordProblem("long enough!").has_value());
    EXPECT_TRUE(PasswordProblem(std::string(1025, 'x')).has_value());
    EXPECT_FALSE(UserNameProblem("alice.o-b_1@example").has_value());
    EXPECT_TRUE(UserNameProblem("").has_value());
    EXPECT_TRUE(UserNameProblem("bad name").has_value());
    EXPECT_TRUE(UserNameProblem(std::string(65, 'a')).has_value());
}

TEST(MembershipChangeTest, AdminsManageAllButOwners) {
    MembershipChange c;
    c.actor_role = Role::kAdmin;
    c.owners = 1;
    c.wanted = Role::kMember;
    EXPECT_FALSE(MembershipChangeProblem(c).has_value());  // add a member
    c.wanted = Role::kAdmin;
    EXPECT_FALSE(MembershipChangeProblem(c).has_value());
    c.wanted = Role::kOwner;
    EXPECT_TRUE(MembershipChangeProblem(c).has_value());  // only owners grant owner
    c.current = Role::kOwner;
    c.wanted.reset();
    EXPECT_TRUE(MembershipChangeProblem(c).has_value());  // nor remove one
    c.actor_role = Role::kMember;
    c.current = Role::kViewer;
    c.wanted = Role::kMember;
    EXPECT_TRUE(MembershipChangeProblem(c).has_value());  // members manage nobody
}

TEST(MembershipChangeTest, TheLastOwnerStays) {
    MembershipChange c;
    c.actor_role = Role::kOwner;
    c.current = Role::kOwner;
    c.wanted = Role::kAdmin;
    c.owners = 1;
    EXPECT_TRUE(MembershipChangeProblem(c).has_value());
    c.owners = 2;
    EXPECT_FALSE(MembershipChangeProblem(c).has_value());
    c.actor_role.reset();  // a site admin acts as an owner
    c.owners = 1;
    c.wanted.reset();
    EXPECT_TRUE(MembershipChangeProblem(c).has_value());
    c.current.reset();
    EXPECT_TRUE(MembershipChangeProblem(c).has_value());  // removing a non-member
}

}  // namespace
}  // namespace kensa::domain
