// UserStore: users and their password hashes, their role in each group, and API tokens
// stored by hash with scopes, expiry and revocation.
#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class UserStoreContract : public StoreContract {
protected:
    static domain::ApiToken Token(Id user, std::string label) {
        domain::ApiToken t;
        t.user_id = user;
        t.label = std::move(label);
        t.scopes = {domain::Scope::kRead};
        t.created_at = 1000;
        return t;
    }
    Id MakeUser(const std::string& name) {
        domain::User u;
        u.name = name;
        return *store_->CreateUser(u);
    }
};

TEST_P(UserStoreContract, MembershipsAndTokens) {
    Id g = MakeGroup("blue");
    domain::User u;
    u.name = "alice";
    auto uid = store_->CreateUser(u);
    ASSERT_TRUE(uid.ok());
    ASSERT_TRUE(store_->SetMembership(*uid, g, domain::Role::kMember).ok());
    ASSERT_TRUE(store_->SetMembership(*uid, g, domain::Role::kAdmin).ok());
    EXPECT_EQ(**store_->GetRole(*uid, g), domain::Role::kAdmin);
    Id other = MakeGroup("red");
    EXPECT_FALSE(store_->GetRole(*uid, other)->has_value());
    ASSERT_TRUE(store_->AddApiToken(Token(*uid, "ci"), "hash-1").ok());
    auto by_token = store_->FindApiToken("hash-1");
    ASSERT_TRUE(by_token.ok() && by_token->has_value());
    EXPECT_EQ((*by_token)->user.name, "alice");
    EXPECT_FALSE(store_->FindApiToken("nope")->has_value());
}

TEST_P(UserStoreContract, NamesAndTokenHashesAreUniqueAndResolveToTheirOwner) {
    domain::User alice;
    alice.name = "alice";
    alice.email = "alice@example.com";
    alice.is_admin = true;
    Id a = *store_->CreateUser(alice);
    domain::User bob;
    bob.name = "bob";
    Id b = *store_->CreateUser(bob);
    EXPECT_EQ(store_->CreateUser(alice).error().code(), ErrorCode::kConflict);

    auto found = store_->FindUserByName("alice");
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->id, a);
    EXPECT_EQ((*found)->email, "alice@example.com");
    EXPECT_TRUE((*found)->is_admin);
    EXPECT_FALSE(store_->FindUserByName("carol")->has_value());

    ASSERT_TRUE(store_->AddApiToken(Token(a, "laptop"), "hash-a").ok());
    ASSERT_TRUE(store_->AddApiToken(Token(b, "ci"), "hash-b").ok());
    EXPECT_EQ(store_->AddApiToken(Token(b, "stolen"), "hash-a").error().code(),
              ErrorCode::kConflict);
    EXPECT_EQ((*store_->FindApiToken("hash-a"))->user.id, a);
    EXPECT_EQ((*store_->FindApiToken("hash-b"))->user.id, b);
    EXPECT_FALSE((*store_->FindApiToken("hash-b"))->user.is_admin);
    EXPECT_EQ(store_->GetUser(b)->name, "bob");
    EXPECT_EQ(store_->GetUser(b + 100).error().code(), ErrorCode::kNotFound);
    auto all = store_->ListUsers();
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].name, "alice");
}

TEST_P(UserStoreContract, RolesArePerGroup) {
    Id blue = MakeGroup("blue");
    Id red = MakeGroup("red");
    domain::User u;
    u.name = "alice";
    Id a = *store_->CreateUser(u);
    ASSERT_TRUE(store_->SetMembership(a, blue, domain::Role::kOwner).ok());
    ASSERT_TRUE(store_->SetMembership(a, red, domain::Role::kViewer).ok());
    ASSERT_TRUE(store_->SetMembership(a, red, domain::Role::kMember).ok());
    EXPECT_EQ(**store_->GetRole(a, blue), domain::Role::kOwner);  // red's change left blue alone
    EXPECT_EQ(**store_->GetRole(a, red), domain::Role::kMember);
    EXPECT_FALSE(store_->GetRole(a + 100, blue)->has_value());
}

TEST_P(UserStoreContract, PasswordHashesAreKeptForTheLoginOnly) {
    Id a = MakeUser("alice");
    auto before = store_->FindLogin("alice");
    ASSERT_TRUE(before.ok() && before->has_value());
    EXPECT_EQ((*before)->password_hash, "");
    ASSERT_TRUE(store_->SetPasswordHash(a, "$argon2id$v=19$fake").ok());
    EXPECT_EQ((*store_->FindLogin("alice"))->password_hash, "$argon2id$v=19$fake");
    EXPECT_EQ((*store_->FindLogin("alice"))->user.id, a);
    EXPECT_FALSE(store_->FindLogin("bob")->has_value());
    EXPECT_EQ(store_->SetPasswordHash(a + 100, "x").error().code(), ErrorCode::kNotFound);
}

TEST_P(UserStoreContract, TokensKeepScopesExpiryRevocationAndUse) {
    Id a = MakeUser("alice");
    Id b = MakeUser("bob");
    domain::ApiToken t = Token(a, "ci");
    t.scopes = {domain::Scope::kRead, domain::Scope::kScan};
    t.expires_at = 5000;
    Id tid = *store_->AddApiToken(t, "hash-ci");
    Id other = *store_->AddApiToken(Token(a, "laptop"), "hash-laptop");
    auto found = store_->FindApiToken("hash-ci");
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->token.id, tid);
    EXPECT_EQ(domain::JoinScopes((*found)->token.scopes), "read,scan");
    EXPECT_EQ((*found)->token.expires_at, std::optional<domain::EpochSeconds>(5000));
    EXPECT_EQ((*found)->token.created_at, 1000);
    EXPECT_FALSE((*found)->token.revoked_at.has_value());

    ASSERT_TRUE(store_->TouchApiToken(tid, 1500).ok());
    EXPECT_EQ((*store_->FindApiToken("hash-ci"))->token.last_used_at,
              std::optional<domain::EpochSeconds>(1500));
    // Only the owner revokes; revoking twice keeps the first time.
    EXPECT_EQ(store_->RevokeApiToken(b, tid, 2000).error().code(), ErrorCode::kNotFound);
    ASSERT_TRUE(store_->RevokeApiToken(a, tid, 2000).ok());
    ASSERT_TRUE(store_->RevokeApiToken(a, tid, 3000).ok());
    EXPECT_EQ((*store_->FindApiToken("hash-ci"))->token.revoked_at,
              std::optional<domain::EpochSeconds>(2000));
    auto list = store_->ListApiTokens(a);
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].id, other);  // newest first
    EXPECT_TRUE(store_->ListApiTokens(b)->empty());
}

TEST_P(UserStoreContract, MembersAreListedAndRemovedPerGroup) {
    Id blue = MakeGroup("blue");
    Id red = MakeGroup("red");
    Id a = MakeUser("alice");
    Id b = MakeUser("bob");
    ASSERT_TRUE(store_->SetMembership(b, blue, domain::Role::kViewer).ok());
    ASSERT_TRUE(store_->SetMembership(a, blue, domain::Role::kOwner).ok());
    ASSERT_TRUE(store_->SetMembership(a, red, domain::Role::kMember).ok());
    auto members = store_->ListMembers(blue);
    ASSERT_TRUE(members.ok());
    ASSERT_EQ(members->size(), 2u);
    EXPECT_EQ((*members)[0].user.name, "alice");
    EXPECT_EQ((*members)[0].role, domain::Role::kOwner);
    EXPECT_EQ((*members)[1].role, domain::Role::kViewer);
    ASSERT_TRUE(store_->RemoveMembership(a, blue).ok());
    EXPECT_EQ(store_->RemoveMembership(a, blue).error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(store_->ListMembers(blue)->size(), 1u);
    EXPECT_EQ(**store_->GetRole(a, red), domain::Role::kMember);  // red untouched
}

TEST_P(UserStoreContract, SessionsAreFoundTouchedAndEnded) {
    Id a = MakeUser("alice");
    Id b = MakeUser("bob");
    domain::Session s{"hash-s1", a, "csrf-1", 1000, 1000};
    ASSERT_TRUE(store_->CreateSession(s).ok());
    ASSERT_TRUE(store_->CreateSession(domain::Session{"hash-s2", a, "csrf-2", 1001, 1001}).ok());
    ASSERT_TRUE(store_->CreateSession(domain::Session{"hash-s3", b, "csrf-3", 1002, 1002}).ok());
    auto found = store_->FindSession("hash-s1");
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->csrf_token, "csrf-1");
    EXPECT_EQ((*found)->user_id, a);
    ASSERT_TRUE(store_->TouchSession("hash-s1", 1200).ok());
    EXPECT_EQ((*store_->FindSession("hash-s1"))->last_seen_at, 1200);
    ASSERT_TRUE(store_->DeleteSession("hash-s1").ok());
    ASSERT_TRUE(store_->DeleteSession("hash-s1").ok());  // twice is fine
    EXPECT_FALSE(store_->FindSession("hash-s1")->has_value());
    ASSERT_TRUE(store_->DeleteUserSessions(a).ok());
    EXPECT_FALSE(store_->FindSession("hash-s2")->has_value());
    EXPECT_TRUE(store_->FindSession("hash-s3")->has_value());
    // A new session forgets the ones past their absolute expiry.
    domain::Session later{"hash-s4", b, "csrf-4", 1002 + domain::kSessionAbsoluteSeconds + 1, 0};
    later.last_seen_at = later.created_at;
    ASSERT_TRUE(store_->CreateSession(later).ok());
    EXPECT_FALSE(store_->FindSession("hash-s3")->has_value());
}

TEST_P(UserStoreContract, LoginFailuresAreCountedPerSubjectWithinTheWindow) {
    ASSERT_TRUE(store_->RecordLoginFailure({"user:alice", "addr:10.0.0.1"}, 1000).ok());
    ASSERT_TRUE(store_->RecordLoginFailure({"user:alice"}, 1030).ok());
    ASSERT_TRUE(store_->RecordLoginFailure({"user:bob", "addr:10.0.0.1"}, 1050).ok());
    EXPECT_EQ(*store_->CountLoginFailures("user:alice", 1000), 2);
    EXPECT_EQ(*store_->CountLoginFailures("user:alice", 1001), 1);
    EXPECT_EQ(*store_->CountLoginFailures("addr:10.0.0.1", 0), 2);
    EXPECT_EQ(*store_->CountLoginFailures("user:carol", 0), 0);
    // A right password forgets its own attempt, under every subject, and only that one.
    auto attempt = store_->RecordLoginFailure({"user:alice", "addr:10.0.0.1"}, 1060);
    ASSERT_TRUE(attempt.ok());
    ASSERT_EQ(attempt->size(), 2u);
    EXPECT_EQ(*store_->CountLoginFailures("user:alice", 1000), 3);
    ASSERT_TRUE(store_->ForgetLoginFailures(*attempt).ok());
    EXPECT_EQ(*store_->CountLoginFailures("user:alice", 1000), 2);
    EXPECT_EQ(*store_->CountLoginFailures("addr:10.0.0.1", 0), 2);
    // A day later the old failures are forgotten.
    ASSERT_TRUE(store_->RecordLoginFailure({"user:bob"}, 1050 + 2 * 86400).ok());
    EXPECT_EQ(*store_->CountLoginFailures("user:alice", 0), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, UserStoreContract, ::testing::ValuesIn(kBackends), BackendName);

}  // namespace
}  // namespace kensa::store::contract
