// StoreAdmin and the store factory: migrations, the refusal of a newer schema, database URLs.
#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class StoreAdminContract : public StoreContract {};

TEST_P(StoreAdminContract, MigratesFromEmptyAndIsIdempotent) {
    auto v = store_->SchemaVersion();
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(*v, LatestSchemaVersion());
    EXPECT_GE(*v, 1);
    EXPECT_TRUE(store_->Migrate().ok());
    EXPECT_EQ(*store_->SchemaVersion(), LatestSchemaVersion());
    EXPECT_EQ(store_->Backend(), GetParam());
}

TEST_P(StoreAdminContract, RefusesADatabaseFromANewerKensa) {
    // Simulate a newer binary having migrated this database.
    {
        auto conn = OpenRaw();
        ASSERT_TRUE(conn.ok());
        ASSERT_TRUE((*conn)
                        ->Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES "
                               "(999, 'future', 0)")
                        .ok());
    }
    auto other = Open();
    Status st = other->Migrate();
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code(), ErrorCode::kConflict);
    EXPECT_NE(st.error().message().find("newer kensa"), std::string::npos) << st.error().message();
    EXPECT_EQ(st.error().Detail("schema_version"), "999");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreAdminContract, ::testing::ValuesIn(kBackends), BackendName);

TEST(StoreUrl, RejectsUnknownSchemes) {
    auto r = MakeStore({"mysql://x"});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message().find("sqlite:PATH"), std::string::npos);
    EXPECT_FALSE(MakeStore({"sqlite:"}).ok());
    EXPECT_FALSE(MakeStore({"sqlite:/nonexistent-dir/x/y.db"}).ok());
}

}  // namespace
}  // namespace kensa::store::contract
