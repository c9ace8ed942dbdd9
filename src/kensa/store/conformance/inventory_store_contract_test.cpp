// InventoryStore: the software rows of each server, written in bulk, listed, paged and streamed.
#include <algorithm>
#include <string>
#include <vector>

#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class InventoryStoreContract : public StoreContract {
protected:
    /// A scan that only lists packages pkg0 .. pkg<count-1>.
    static domain::ScanObservation Packages(int count) {
        domain::ScanObservation obs;
        for (int pkg_idx = 0; pkg_idx < count; ++pkg_idx) {
            obs.software.push_back(Pkg("pkg" + std::to_string(pkg_idx), "1.0"));
        }
        return obs;
    }
    static std::vector<Id> Ids(const std::vector<domain::Software>& rows) {
        std::vector<Id> ids;
        for (const auto& r : rows) {
            ids.push_back(r.id);
        }
        return ids;
    }
};

TEST_P(InventoryStoreContract, FailureMidBatchLeavesNoRows) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    std::vector<domain::Software> rows;
    for (int row_idx = 0; row_idx < 1200; ++row_idx) {
        rows.push_back(Pkg("pkg" + std::to_string(row_idx), "1.0"));
    }
    // Row 900 references a Lambda function that does not exist: a foreign-key failure after
    // the first 500-row statement has already been executed.
    rows[900].key.lambda_function_id = 987654;
    auto r = store_->BulkInsertSoftware(s, rows, 100);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(Count("software"), 0);

    rows[900].key.lambda_function_id.reset();
    auto ok = store_->BulkInsertSoftware(s, rows, 100);
    ASSERT_TRUE(ok.ok()) << ok.error().ToString();
    EXPECT_EQ(*ok, 1200);
    EXPECT_EQ(*store_->BulkInsertSoftware(s, rows, 101), 0);  // existing keys are skipped
    EXPECT_EQ(Count("software"), 1200);
}

TEST_P(InventoryStoreContract, PagesAndStreamsOneServersRowsInIdOrder) {
    Id g = MakeGroup();
    Id s = MakeServer(g, "i-0aaaaaaaaaaaaaaa1");
    Id other = MakeServer(g, "i-0bbbbbbbbbbbbbbb2");
    ASSERT_TRUE(store_->ApplyScan(s, Packages(10), {}, 1000).ok());
    ASSERT_TRUE(store_->ApplyScan(other, Packages(3), {}, 1000).ok());
    ASSERT_TRUE(store_->ApplyScan(s, Packages(9), {}, 2000).ok());  // pkg9 removed

    auto current = *store_->ListSoftware(s, false);
    auto with_removed = *store_->ListSoftware(s, true);
    ASSERT_EQ(current.size(), 9u);
    ASSERT_EQ(with_removed.size(), 10u);
    for (const auto& r : current) {
        EXPECT_EQ(r.server_id, s);
        EXPECT_NE(r.key.name, "pkg9");
    }

    // Keyset pages of 4: 4, 4, 1, then nothing; together the whole list, in id order.
    std::vector<Id> paged;
    std::vector<size_t> page_sizes;
    Id after = 0;
    for (int page_idx = 0; page_idx < 5; ++page_idx) {
        auto page = store_->ListSoftwarePage(s, false, after, 4);
        ASSERT_TRUE(page.ok()) << page.error().ToString();
        page_sizes.push_back(page->size());
        for (const auto& r : *page) {
            EXPECT_GT(r.id, after);
            paged.push_back(r.id);
        }
        if (!page->empty()) {
            after = page->back().id;
        }
    }
    EXPECT_EQ(page_sizes, (std::vector<size_t>{4, 4, 1, 0, 0}));
    EXPECT_EQ(paged, Ids(current));
    EXPECT_TRUE(std::is_sorted(paged.begin(), paged.end()));
    EXPECT_EQ(store_->ListSoftwarePage(s, true, 0, 100)->size(), 10u);

    std::vector<domain::Software> streamed;
    ASSERT_TRUE(
        store_
            ->ForEachSoftware(
                s, true, [&](domain::Software&& row) { streamed.push_back(std::move(row)); })
            .ok());
    const std::vector<Id> streamed_ids = Ids(streamed);
    EXPECT_EQ(streamed_ids, Ids(with_removed));
    EXPECT_TRUE(std::is_sorted(streamed_ids.begin(), streamed_ids.end()));
    std::vector<Id> streamed_current;
    ASSERT_TRUE(
        store_
            ->ForEachSoftware(
                s, false, [&](domain::Software&& row) { streamed_current.push_back(row.id); })
            .ok());
    EXPECT_EQ(streamed_current, Ids(current));
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         InventoryStoreContract,
                         ::testing::ValuesIn(kBackends),
                         BackendName);

}  // namespace
}  // namespace kensa::store::contract
