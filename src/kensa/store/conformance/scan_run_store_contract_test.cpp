// ScanRunStore: the scan history, one run per scan, export or match.
#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class ScanRunStoreContract : public StoreContract {
protected:
    Id StartRun(Id group, domain::EpochSeconds at) {
        domain::ScanRun run;
        run.group_id = group;
        run.status = domain::ScanStatus::kRunning;
        run.started_at = at;
        auto id = store_->CreateScanRun(run);
        EXPECT_TRUE(id.ok());
        return *id;
    }
};

TEST_P(ScanRunStoreContract, AFinishedRunKeepsItsErrorAndSkippedResources) {
    Id g = MakeGroup();
    domain::ScanRun run;
    run.group_id = g;
    run.status = domain::ScanStatus::kRunning;
    run.started_at = 10;
    auto id = store_->CreateScanRun(run);
    ASSERT_TRUE(id.ok());
    run.id = *id;
    run.status = domain::ScanStatus::kFailed;
    run.finished_at = 20;
    run.error = domain::ScanError{"access_denied",
                                  "inspector2:ListFindings",
                                  "inspector2:ListFindings",
                                  "denied",
                                  "add the permission"};
    run.skipped = {{"i-1", "not registered"}, {"arn:x", "older version"}};
    ASSERT_TRUE(store_->FinishScanRun(run).ok());
    auto got = store_->GetScanRun(*id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->status, domain::ScanStatus::kFailed);
    ASSERT_TRUE(got->error.has_value());
    EXPECT_EQ(got->error->missing_permission, "inspector2:ListFindings");
    ASSERT_EQ(got->skipped.size(), 2u);
    EXPECT_EQ(got->skipped[1].reason, "older version");
    EXPECT_EQ(store_->ListScanRuns(g, 10)->size(), 1u);
}

TEST_P(ScanRunStoreContract, ASucceededSbomRunKeepsItsCountsAndHasNoError) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    domain::ScanRun run;
    run.group_id = g;
    run.server_id = s;
    run.type = domain::ScanType::kSbom;
    run.trigger = domain::ScanTrigger::kScheduled;
    run.status = domain::ScanStatus::kRunning;
    run.started_at = 100;
    run.id = *store_->CreateScanRun(run);
    run.status = domain::ScanStatus::kSucceeded;
    run.finished_at = 160;
    run.vulnerabilities = 7;
    run.tasks_created = 3;
    run.tasks_reopened = 1;
    run.tasks_patched = 2;
    run.rows_written = 42;
    run.resources_imported = 5;
    run.resources_skipped = 1;
    run.components_imported = 900;
    ASSERT_TRUE(store_->FinishScanRun(run).ok());
    auto got = *store_->GetScanRun(run.id);
    EXPECT_EQ(got.group_id, g);
    EXPECT_EQ(got.server_id, std::optional<Id>(s));
    EXPECT_EQ(got.type, domain::ScanType::kSbom);
    EXPECT_EQ(got.trigger, domain::ScanTrigger::kScheduled);
    EXPECT_EQ(got.status, domain::ScanStatus::kSucceeded);
    EXPECT_EQ(got.started_at, 100);
    EXPECT_EQ(got.finished_at, 160);
    EXPECT_EQ(got.vulnerabilities, 7);
    EXPECT_EQ(got.tasks_created, 3);
    EXPECT_EQ(got.tasks_reopened, 1);
    EXPECT_EQ(got.tasks_patched, 2);
    EXPECT_EQ(got.rows_written, 42);
    EXPECT_EQ(got.resources_imported, 5);
    EXPECT_EQ(got.resources_skipped, 1);
    EXPECT_EQ(got.components_imported, 900);
    EXPECT_FALSE(got.error.has_value());
    EXPECT_TRUE(got.skipped.empty());
    EXPECT_EQ(store_->GetScanRun(run.id + 100).error().code(), ErrorCode::kNotFound);
    domain::ScanRun unknown = run;
    unknown.id = run.id + 100;
    EXPECT_EQ(store_->FinishScanRun(unknown).error().code(), ErrorCode::kNotFound);
}

TEST_P(ScanRunStoreContract, ListsAGroupsNewestRunsFirst) {
    Id blue = MakeGroup("blue");
    Id red = MakeGroup("red");
    Id first = StartRun(blue, 10);
    Id second = StartRun(blue, 20);
    Id theirs = StartRun(red, 25);
    Id third = StartRun(blue, 30);
    auto newest = *store_->ListScanRuns(blue, 2);
    ASSERT_EQ(newest.size(), 2u);
    EXPECT_EQ(newest[0].id, third);
    EXPECT_EQ(newest[1].id, second);
    auto all = *store_->ListScanRuns(blue, 10);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[2].id, first);
    for (const auto& r : all) {
        EXPECT_EQ(r.group_id, blue);
    }
    auto red_runs = *store_->ListScanRuns(red, 10);
    ASSERT_EQ(red_runs.size(), 1u);
    EXPECT_EQ(red_runs[0].id, theirs);
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         ScanRunStoreContract,
                         ::testing::ValuesIn(kBackends),
                         BackendName);

}  // namespace
}  // namespace kensa::store::contract
