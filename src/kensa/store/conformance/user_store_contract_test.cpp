// UserStore: users, their role in each group, and API tokens stored by hash.
#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class UserStoreContract : public StoreContract {};

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
    ASSERT_TRUE(store_->AddApiToken(*uid, "hash-1", "ci").ok());
    auto by_token = store_->FindUserByTokenHash("hash-1");
    ASSERT_TRUE(by_token.ok() && by_token->has_value());
    EXPECT_EQ((*by_token)->name, "alice");
    EXPECT_FALSE(store_->FindUserByTokenHash("nope")->has_value());
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

    ASSERT_TRUE(store_->AddApiToken(a, "hash-a", "laptop").ok());
    ASSERT_TRUE(store_->AddApiToken(b, "hash-b", "ci").ok());
    EXPECT_EQ(store_->AddApiToken(b, "hash-a", "stolen").error().code(), ErrorCode::kConflict);
    EXPECT_EQ((*store_->FindUserByTokenHash("hash-a"))->id, a);
    EXPECT_EQ((*store_->FindUserByTokenHash("hash-b"))->id, b);
    EXPECT_FALSE((*store_->FindUserByTokenHash("hash-b"))->is_admin);
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

INSTANTIATE_TEST_SUITE_P(Backends, UserStoreContract, ::testing::ValuesIn(kBackends), BackendName);

}  // namespace
}  // namespace kensa::store::contract
