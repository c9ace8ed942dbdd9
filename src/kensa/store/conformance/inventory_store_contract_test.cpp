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

TEST_P(InventoryStoreContract, TheGroupListFiltersAndPagesAcrossServersOfOneGroupOnly) {
    Id g = MakeGroup();
    Id other_group = MakeGroup("red");
    Id a = MakeServer(g, "i-0aaaaaaaaaaaaaaa1");
    Id b = MakeServer(g, "i-0bbbbbbbbbbbbbbb2");
    Id foreign = MakeServer(other_group, "i-0ccccccccccccccc3");
    auto described = [](int count, const std::string& category) {
        domain::ScanObservation obs = Packages(count);
        for (auto& sw : obs.software) {
            sw.license_expression = category == "permissive" ? "MIT" : "GPL-3.0-only OR MIT";
            sw.license_category = category;
        }
        obs.software[0].eol_product = "python";
        obs.software[0].eol_cycle = "3.7";
        return obs;
    };
    ASSERT_TRUE(store_->ApplyScan(a, described(5, "permissive"), {}, 1000).ok());
    ASSERT_TRUE(store_->ApplyScan(b, described(4, "strong_copyleft"), {}, 1000).ok());
    ASSERT_TRUE(store_->ApplyScan(foreign, described(3, "permissive"), {}, 1000).ok());

    ports::GroupSoftwareFilter all;
    std::vector<Id> paged;
    Id after = 0;
    while (true) {
        auto page = store_->ListGroupSoftware(g, all, after, 2);
        ASSERT_TRUE(page.ok()) << page.error().ToString();
        for (const auto& r : *page) {
            EXPECT_NE(r.server_id, foreign);
            paged.push_back(r.id);
        }
        if (page->size() < 2) {
            break;
        }
        after = page->back().id;
    }
    EXPECT_EQ(paged.size(), 9u);
    EXPECT_TRUE(std::is_sorted(paged.begin(), paged.end()));

    ports::GroupSoftwareFilter f;
    f.server_id = b;
    EXPECT_EQ(store_->ListGroupSoftware(g, f, 0, 100)->size(), 4u);
    f = {};
    f.license_category = "strong_copyleft";
    EXPECT_EQ(store_->ListGroupSoftware(g, f, 0, 100)->size(), 4u);
    f = {};
    f.license = "MIT";  // a whole id of the expression
    EXPECT_EQ(store_->ListGroupSoftware(g, f, 0, 100)->size(), 9u);
    f.license = "GPL-3.0";
    EXPECT_EQ(store_->ListGroupSoftware(g, f, 0, 100)->size(), 0u);
    f.license = "GPL-3.0-only";
    EXPECT_EQ(store_->ListGroupSoftware(g, f, 0, 100)->size(), 4u);
    f = {};
    f.name = "pkg1";
    EXPECT_EQ(store_->ListGroupSoftware(g, f, 0, 100)->size(), 2u);
    f = {};
    f.name_prefix = "pkg";
    EXPECT_EQ(store_->ListGroupSoftware(g, f, 0, 100)->size(), 9u);

    // The EOL filter reads the row's item on its server.
    domain::EolChanges items;
    domain::EolItem item;
    item.product = "python";
    item.cycle = "3.7";
    item.eol_at = 5000;
    item.first_seen = item.last_seen = item.updated_at = 1000;
    items.insert = {item};
    ASSERT_TRUE(store_->ApplyEolChanges(a, items).ok());
    f = {};
    f.eol_to = 6000;
    auto eol = store_->ListGroupSoftware(g, f, 0, 100);
    ASSERT_EQ(eol->size(), 1u);
    EXPECT_EQ(eol->front().server_id, a);
    f.eol_to = 5000;  // [from, to): an item ending at 5000 is not before 5000
    EXPECT_EQ(store_->ListGroupSoftware(g, f, 0, 100)->size(), 0u);
    f = {};
    f.eol_any_cycle = true;
    EXPECT_EQ(store_->ListGroupSoftware(g, f, 0, 100)->size(), 1u);  // b's python row has no item
    f = {};
    f.vulnerable = false;
    EXPECT_EQ(store_->ListGroupSoftware(g, f, 0, 100)->size(), 9u);
    f.vulnerable = true;
    EXPECT_EQ(store_->ListGroupSoftware(g, f, 0, 100)->size(), 0u);
}

TEST_P(InventoryStoreContract, EolItemsAreWrittenReadAndWorkedPerGroup) {
    Id g = MakeGroup();
    Id other_group = MakeGroup("red");
    Id s = MakeServer(g, "i-0aaaaaaaaaaaaaaa1");
    domain::EolItem item;
    item.product = "amazon-linux";
    item.product_label = "Amazon Linux";
    item.cycle = "2";
    item.eol_at = 1782777600;
    item.latest = "2.0.20260817.0";
    item.evidence = "amzn-2";
    item.first_seen = item.last_seen = item.updated_at = 1000;
    domain::EolChanges changes;
    changes.insert = {item};
    ASSERT_TRUE(store_->ApplyEolChanges(s, changes).ok());
    ASSERT_TRUE(store_->ApplyEolChanges(s, changes).ok());  // the same item again: kept once
    auto stored = store_->ListServerEolItems(s);
    ASSERT_EQ(stored->size(), 1u);
    domain::EolItem e = stored->front();
    EXPECT_EQ(e.server_id, s);
    EXPECT_EQ(e.eol_at, 1782777600);
    EXPECT_EQ(e.latest, "2.0.20260817.0");
    EXPECT_EQ(e.status, domain::TaskStatus::kNew);

    EXPECT_TRUE(store_->GetEolItem(g, e.id)->has_value());
    EXPECT_FALSE(store_->GetEolItem(other_group, e.id)->has_value());
    EXPECT_EQ(store_->ListGroupEolItems(other_group, true)->size(), 0u);

    e.status = domain::TaskStatus::kOngoing;
    e.user_status = true;
    e.deadline = 2000;
    e.assignee = "ann";
    e.updated_at = 1500;
    ASSERT_TRUE(store_->UpdateEolItemWork(g, e).ok());
    EXPECT_EQ(store_->UpdateEolItemWork(other_group, e).error().code(), ErrorCode::kNotFound);
    // A scan's refresh of the data leaves the user's work alone.
    domain::EolItem fresh = e;
    fresh.status = domain::TaskStatus::kNew;
    fresh.user_status = false;
    fresh.latest = "2.0.20261201.0";
    changes = {};
    changes.at = 1550;
    changes.refresh = {fresh};
    ASSERT_TRUE(store_->ApplyEolChanges(s, changes).ok());
    auto after_refresh = store_->ListServerEolItems(s)->front();
    EXPECT_EQ(after_refresh.latest, "2.0.20261201.0");
    EXPECT_EQ(after_refresh.status, domain::TaskStatus::kOngoing);
    EXPECT_TRUE(after_refresh.user_status);
    changes = {};
    changes.at = 1600;
    changes.close = {e.id};
    ASSERT_TRUE(store_->ApplyEolChanges(s, changes).ok());
    EXPECT_EQ(store_->ListGroupEolItems(g, false)->size(), 0u);
    auto with_closed = store_->ListGroupEolItems(g, true);
    ASSERT_EQ(with_closed->size(), 1u);
    EXPECT_EQ(with_closed->front().closed_at, 1600);
    EXPECT_EQ(with_closed->front().status, domain::TaskStatus::kPatchApplied);
    EXPECT_EQ(with_closed->front().deadline, 2000);
    EXPECT_EQ(with_closed->front().assignee, "ann");
    EXPECT_EQ(store_->UpdateEolItemWork(g, e).error().code(), ErrorCode::kNotFound);  // closed
    changes = {};
    changes.at = 1700;
    changes.reopen = {e.id};
    ASSERT_TRUE(store_->ApplyEolChanges(s, changes).ok());
    auto reopened = store_->ListServerEolItems(s)->front();
    EXPECT_FALSE(reopened.closed_at);
    EXPECT_EQ(reopened.status, domain::TaskStatus::kNew);

    ASSERT_FALSE(store_->GetEolSnapshot()->has_value());
    ASSERT_TRUE(store_->SaveEolSnapshot({"P\tx\tX\tos\n", "test", 1, 0, 10}).ok());
    ASSERT_TRUE(store_->SaveEolSnapshot({"P\ty\tY\tos\n", "again", 1, 0, 20}).ok());
    auto snap = store_->GetEolSnapshot();
    ASSERT_TRUE(snap->has_value());
    EXPECT_EQ((*snap)->source, "again");
    EXPECT_EQ((*snap)->imported_at, 20);

    ASSERT_TRUE(store_->UpdateGroupInventory(g, 30, "deny=GPL-3.0-only").ok());
    auto group = store_->GetGroup(g);
    EXPECT_EQ(group->eol_near_days, 30);
    EXPECT_EQ(group->license_policy, "deny=GPL-3.0-only");
    EXPECT_EQ(store_->UpdateGroupInventory(987654, 30, "").error().code(), ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         InventoryStoreContract,
                         ::testing::ValuesIn(kBackends),
                         BackendName);

}  // namespace
}  // namespace kensa::store::contract
