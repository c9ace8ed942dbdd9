#include "kensa/app/accounts/accounts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "kensa/common/crypto.h"
#include "tests/mocks/store_mocks.h"

namespace kensa::app {
namespace {

using ::testing::_;
using ::testing::AllOf;
using ::testing::DoAll;
using ::testing::Field;
using ::testing::Return;
using ::testing::SaveArg;
using ::testing::StrictMock;

class AccountsTest : public ::testing::Test {
protected:
    AccountsTest()
        : box_(*SecretBox::FromRawKey(std::string(32, 'k'))),
          clock_(1700000000),
          ctx_{store_, {}, box_, clock_} {}

    StrictMock<testing::MockStore> store_;
    SecretBox box_;
    ManualClock clock_;
    AppContext ctx_;
};

TEST_F(AccountsTest, CreateGroupGivesAnExternalIdAndAudits) {
    domain::Group created;
    EXPECT_CALL(store_, CreateGroup(_))
        .WillOnce(DoAll(SaveArg<0>(&created), Return(Result<domain::Id>(7))));
    EXPECT_CALL(
        store_,
        AppendAudit(AllOf(Field(&domain::AuditEvent::action, "group.create"),
                          Field(&domain::AuditEvent::actor, "alice"),
                          Field(&domain::AuditEvent::group_id, std::optional<domain::Id>(7)))))
        .WillOnce(Return(Ok()));
    auto id = CreateGroup(ctx_, "  blue ", "", "alice");
    ASSERT_TRUE(id.ok()) << id.error().ToString();
    EXPECT_EQ(*id, 7);
    EXPECT_EQ(created.name, "blue");
    EXPECT_EQ(created.timezone, "UTC");
    EXPECT_FALSE(created.aws.external_id.empty());
    EXPECT_EQ(created.created_at, 1700000000);
}

TEST_F(AccountsTest, CreateGroupRefusesABlankNameBeforeTouchingTheStore) {
    auto id = CreateGroup(ctx_, "   ", "UTC", "alice");
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(id.error().Detail("field"), "name");
    EXPECT_FALSE(CreateGroup(ctx_, std::string(101, 'x'), "UTC", "alice").ok());
}

TEST_F(AccountsTest, TokensAreStoredHashedAndAuthenticateByHash) {
    EXPECT_CALL(store_, FindUserByName("carol"))
        .WillOnce(Return(Result<std::optional<domain::User>>(std::nullopt)));
    EXPECT_CALL(store_, CreateUser(Field(&domain::User::is_admin, true)))
        .WillOnce(Return(Result<domain::Id>(3)));
    EXPECT_CALL(store_, AppendAudit(_)).WillRepeatedly(Return(Ok()));
    std::string stored_hash;
    domain::ApiToken stored;
    EXPECT_CALL(store_, AddApiToken(_, _))
        .WillOnce(
            DoAll(SaveArg<0>(&stored), SaveArg<1>(&stored_hash), Return(Result<domain::Id>(9))));
    TokenRequest request{"ci", {domain::Scope::kScan, domain::Scope::kRead}, 30};
    auto issued = IssueTokenForName(ctx_, "carol", true, request);
    ASSERT_TRUE(issued.ok()) << issued.error().ToString();
    EXPECT_EQ(issued->token.user_id, 3);
    EXPECT_EQ(issued->token.id, 9);
    EXPECT_EQ(issued->secret.rfind("kensa_", 0), 0u);
    EXPECT_EQ(stored_hash, crypto::Sha256Hex(issued->secret));  // never the token itself
    EXPECT_EQ(stored_hash.find(issued->secret), std::string::npos);
    EXPECT_EQ(domain::JoinScopes(stored.scopes), "read,scan");
    EXPECT_EQ(stored.expires_at, std::optional<domain::EpochSeconds>(1700000000 + 30 * 86400));

    domain::User carol;
    carol.id = 3;
    carol.name = "carol";
    stored.id = 9;
    EXPECT_CALL(store_, FindApiToken(stored_hash))
        .WillRepeatedly(
            Return(Result<std::optional<ports::TokenOwner>>(ports::TokenOwner{carol, stored})));
    EXPECT_CALL(store_, TouchApiToken(9, 1700000000)).WillOnce(Return(Ok()));
    auto identity = AuthenticateToken(ctx_, issued->secret);
    ASSERT_TRUE(identity.ok());
    EXPECT_EQ(identity->user.name, "carol");
    EXPECT_EQ(identity->token_id, std::optional<domain::Id>(9));
    EXPECT_EQ(domain::JoinScopes(identity->scopes), "read,scan");

    clock_.Advance(std::chrono::hours(24 * 30));  // the expiry
    EXPECT_EQ(AuthenticateToken(ctx_, issued->secret).error().code(), ErrorCode::kUnauthenticated);

    EXPECT_CALL(store_, FindApiToken(crypto::Sha256Hex("kensa_wrong")))
        .WillOnce(Return(Result<std::optional<ports::TokenOwner>>(std::nullopt)));
    EXPECT_EQ(AuthenticateToken(ctx_, "kensa_wrong").error().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(AuthenticateToken(ctx_, "").error().code(), ErrorCode::kUnauthenticated);
}

TEST_F(AccountsTest, ARevokedTokenNoLongerAuthenticates) {
    domain::User dave;
    dave.id = 4;
    domain::ApiToken t;
    t.id = 2;
    t.scopes = {domain::Scope::kRead};
    t.revoked_at = 1600000000;
    EXPECT_CALL(store_, FindApiToken(_))
        .WillOnce(Return(Result<std::optional<ports::TokenOwner>>(ports::TokenOwner{dave, t})));
    EXPECT_EQ(AuthenticateToken(ctx_, "kensa_x").error().code(), ErrorCode::kUnauthenticated);
}

TEST_F(AccountsTest, ATokenNeedsAScopeAndASaneExpiry) {
    domain::User dave;
    dave.id = 4;
    auto none = IssueApiToken(ctx_, dave, TokenRequest{"x", {}, std::nullopt});
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().Detail("field"), "scopes");
    auto zero = IssueApiToken(ctx_, dave, TokenRequest{"x", {domain::Scope::kRead}, 0});
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().Detail("field"), "expires_in_days");
}

TEST_F(AccountsTest, RolesOutsidersAndSiteAdmins) {
    domain::User viewer;
    viewer.id = 5;
    EXPECT_CALL(store_, GetRole(5, 1))
        .WillRepeatedly(Return(Result<std::optional<domain::Role>>(domain::Role::kViewer)));
    EXPECT_TRUE(RequireRole(ctx_, viewer, 1, domain::Role::kViewer).ok());
    EXPECT_EQ(RequireRole(ctx_, viewer, 1, domain::Role::kMember).error().code(),
              ErrorCode::kPermissionDenied);

    // A non-member learns nothing about the group: not found, as for a group that does not exist.
    EXPECT_CALL(store_, GetRole(5, 2))
        .WillOnce(Return(Result<std::optional<domain::Role>>(std::nullopt)));
    EXPECT_EQ(RequireRole(ctx_, viewer, 2, domain::Role::kViewer).error().code(),
              ErrorCode::kNotFound);

    domain::User admin;
    admin.id = 6;
    admin.is_admin = true;
    domain::Group g;
    g.id = 1;
    EXPECT_CALL(store_, GetGroup(1)).WillOnce(Return(Result<domain::Group>(g)));
    EXPECT_EQ(*RequireRole(ctx_, admin, 1, domain::Role::kOwner), domain::Role::kOwner);
    EXPECT_CALL(store_, GetGroup(9))
        .WillOnce(Return(Result<domain::Group>(Error(ErrorCode::kNotFound, "no"))));
    EXPECT_EQ(RequireRole(ctx_, admin, 9, domain::Role::kViewer).error().code(),
              ErrorCode::kNotFound);
}

}  // namespace
}  // namespace kensa::app
