// UploadAuthStore: group upload tokens by hash, revocation ending their credentials, and the
// temporary S3 credentials of `vuls saas`.
#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class UploadAuthStoreContract : public StoreContract {};

TEST_P(UploadAuthStoreContract, TokensAreFoundByHashListedPerGroupAndRevoked) {
    Id g = MakeGroup("blue");
    Id other = MakeGroup("red");
    domain::UploadToken t;
    t.group_id = g;
    t.label = "vuls scanners";
    t.created_by = "alice";
    t.created_at = 100;
    t.expires_at = 5000;
    auto id = store_->AddUploadToken(t, "hash-1");
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(store_->AddUploadToken(t, "hash-1").error().code(), ErrorCode::kConflict);
    auto found = store_->FindUploadToken("hash-1");
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->group_id, g);
    EXPECT_EQ((*found)->label, "vuls scanners");
    EXPECT_EQ((*found)->expires_at, std::optional<domain::EpochSeconds>(5000));
    EXPECT_FALSE((*found)->revoked_at.has_value());
    EXPECT_FALSE(store_->FindUploadToken("hash-2")->has_value());
    EXPECT_EQ(store_->ListUploadTokens(g)->size(), 1u);
    EXPECT_TRUE(store_->ListUploadTokens(other)->empty());

    ASSERT_TRUE(store_->TouchUploadToken(*id, 200).ok());
    EXPECT_EQ((*store_->FindUploadToken("hash-1"))->last_used_at,
              std::optional<domain::EpochSeconds>(200));

    domain::UploadCredential c;
    c.access_key_id = "KVULSAAAAAAAAAAAAAAA";
    c.group_id = g;
    c.token_id = *id;
    c.secret_enc = "ciphertext";
    c.session_token_hash = "session-hash";
    c.results_dir = "vuls/1/abc";
    c.expires_at = 4000;
    c.created_at = 300;
    ASSERT_TRUE(store_->AddUploadCredential(c, 300).ok());
    auto cred = store_->FindUploadCredential(c.access_key_id);
    ASSERT_TRUE(cred.ok() && cred->has_value());
    EXPECT_EQ((*cred)->secret_enc, "ciphertext");
    EXPECT_EQ((*cred)->results_dir, "vuls/1/abc");
    EXPECT_EQ((*cred)->expires_at, 4000);

    // Another group cannot revoke it; its own group can, and that ends its credentials.
    EXPECT_EQ(store_->RevokeUploadToken(other, *id, 400).error().code(), ErrorCode::kNotFound);
    ASSERT_TRUE(store_->RevokeUploadToken(g, *id, 400).ok());
    EXPECT_EQ((*store_->FindUploadToken("hash-1"))->revoked_at,
              std::optional<domain::EpochSeconds>(400));
    EXPECT_FALSE(store_->FindUploadCredential(c.access_key_id)->has_value());
}

TEST_P(UploadAuthStoreContract, CredentialsExpiredADayAgoAreForgotten) {
    Id g = MakeGroup("blue");
    domain::UploadToken t;
    t.group_id = g;
    t.created_at = 1;
    Id token = *store_->AddUploadToken(t, "hash-1");
    domain::UploadCredential old;
    old.access_key_id = "KVULSOLD";
    old.group_id = g;
    old.token_id = token;
    old.secret_enc = "x";
    old.session_token_hash = "y";
    old.results_dir = "vuls/1/old";
    old.expires_at = 1000;
    ASSERT_TRUE(store_->AddUploadCredential(old, 500).ok());
    domain::UploadCredential fresh = old;
    fresh.access_key_id = "KVULSNEW";
    fresh.expires_at = 1000 + 2 * 86400;
    ASSERT_TRUE(store_->AddUploadCredential(fresh, 1000 + 86400 + 1).ok());
    EXPECT_FALSE(store_->FindUploadCredential("KVULSOLD")->has_value());
    EXPECT_TRUE(store_->FindUploadCredential("KVULSNEW")->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         UploadAuthStoreContract,
                         ::testing::ValuesIn(kBackends),
                         BackendName);

}  // namespace
}  // namespace kensa::store::contract
