// AdvisoryStore: the OSV advisory database, upserted incrementally and streamed in id order.
#include <string>
#include <vector>

#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class AdvisoryStoreContract : public StoreContract {};

TEST_P(AdvisoryStoreContract, AdvisoriesUpsertIncrementally) {
    std::vector<ports::AdvisoryRecord> recs = {{"GO-1", "2024-01-01", false, "{\"id\":\"GO-1\"}"},
                                               {"GO-2", "2024-01-01", false, "{\"id\":\"GO-2\"}"}};
    auto first = store_->UpsertAdvisories(recs, 100);
    ASSERT_TRUE(first.ok()) << first.error().ToString();
    EXPECT_EQ(first->inserted, 2);
    recs[1].modified = "2024-02-01";
    recs[1].withdrawn = true;
    auto second = store_->UpsertAdvisories(recs, 200);
    EXPECT_EQ(second->unchanged, 1);
    EXPECT_EQ(second->updated, 1);
    std::vector<ports::AdvisoryRecord> all;
    ASSERT_TRUE(
        store_->ForEachAdvisory([&](ports::AdvisoryRecord&& r) { all.push_back(std::move(r)); })
            .ok());
    ASSERT_EQ(all.size(), 2u);
    EXPECT_TRUE(all[1].withdrawn);
    EXPECT_EQ(all[1].modified, "2024-02-01");
    std::vector<ports::AdvisoryRecord> bad = {{"", "", false, "{}"}};
    EXPECT_FALSE(store_->UpsertAdvisories(bad, 300).ok());
}

TEST_P(AdvisoryStoreContract, StreamsInIdOrderAndABadBatchWritesNothing) {
    std::vector<ports::AdvisoryRecord> recs = {{"GO-9", "2024-01-01", false, "{\"id\":\"GO-9\"}"},
                                               {"GO-1", "2024-01-01", true, "{\"id\":\"GO-1\"}"},
                                               {"GO-5", "2024-01-01", false, "{\"id\":\"GO-5\"}"}};
    ASSERT_TRUE(store_->UpsertAdvisories(recs, 100).ok());
    // One transaction: a record without an id refuses the batch, new and changed rows too.
    std::vector<ports::AdvisoryRecord> batch = {{"GO-7", "2024-03-01", false, "{\"id\":\"GO-7\"}"},
                                                {"GO-5", "2024-03-01", true, "{\"id\":\"GO-5\"}"},
                                                {"", "", false, "{}"}};
    auto refused = store_->UpsertAdvisories(batch, 200);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidInput);
    std::vector<ports::AdvisoryRecord> all;
    ASSERT_TRUE(
        store_->ForEachAdvisory([&](ports::AdvisoryRecord&& r) { all.push_back(std::move(r)); })
            .ok());
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].id, "GO-1");
    EXPECT_TRUE(all[0].withdrawn);  // withdrawn records are streamed too
    EXPECT_EQ(all[1].id, "GO-5");
    EXPECT_EQ(all[1].modified, "2024-01-01");
    EXPECT_FALSE(all[1].withdrawn);
    EXPECT_EQ(all[2].id, "GO-9");
    EXPECT_EQ(all[2].doc, "{\"id\":\"GO-9\"}");
    EXPECT_EQ(Count("advisories"), 3);
}
INSTANTIATE_TEST_SUITE_P(Backends,
                         AdvisoryStoreContract,
                         ::testing::ValuesIn(kBackends),
                         BackendName);

}  // namespace
}  // namespace kensa::store::contract
