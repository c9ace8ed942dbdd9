// GroupStore: groups and their AWS, schedule and SBOM export settings, and the R14 rate limit.
#include <atomic>
#include <thread>
#include <vector>

#include "kensa/domain/scan_mode.h"
#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class GroupStoreContract : public StoreContract {};

TEST_P(GroupStoreContract, NamesAreUniqueAndAwsSettingsAreKept) {
    Id g = MakeGroup("blue");
    domain::Group dup;
    dup.name = "blue";
    auto clash = store_->CreateGroup(dup);
    ASSERT_FALSE(clash.ok());
    EXPECT_EQ(clash.error().code(), ErrorCode::kConflict);

    domain::AwsIntegration aws;
    aws.auth_type = domain::AwsAuthType::kAssumeRole;
    aws.region = "us-east-1";
    aws.role_arn = "arn:aws:iam::123456789012:role/kensa";
    aws.external_id = "ext-1";
    ASSERT_TRUE(store_->UpdateGroupAws(g, aws).ok());
    auto got = store_->GetGroup(g);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->aws.auth_type, domain::AwsAuthType::kAssumeRole);
    EXPECT_EQ(got->aws.role_arn, aws.role_arn);
    EXPECT_EQ(store_->GetGroup(g + 100).error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(store_->UpdateGroupAws(g + 100, aws).error().code(), ErrorCode::kNotFound);
}

TEST_P(GroupStoreContract, FindsListsAndReschedulesGroups) {
    Id blue = MakeGroup("blue");
    Id red = MakeGroup("red");
    auto found = store_->FindGroupByName("red");
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->id, red);
    EXPECT_FALSE(store_->FindGroupByName("green")->has_value());
    auto all = store_->ListGroups();
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].id, blue);
    EXPECT_EQ((*all)[1].name, "red");

    ASSERT_TRUE(store_->UpdateGroupSchedule(blue, "Asia/Tokyo", 90, false).ok());
    auto got = *store_->GetGroup(blue);
    EXPECT_EQ(got.timezone, "Asia/Tokyo");
    EXPECT_EQ(got.daily_scan_minute, 90);
    EXPECT_FALSE(got.daily_scan_enabled);
    EXPECT_TRUE(store_->GetGroup(red)->daily_scan_enabled);  // the other group is untouched
    EXPECT_EQ(store_->UpdateGroupSchedule(red + 100, "UTC", 90, true).error().code(),
              ErrorCode::kNotFound);
    EXPECT_EQ(store_->UpdateGroupSchedule(blue, "UTC", 24 * 60, true).error().code(),
              ErrorCode::kInvalidInput);
    EXPECT_EQ(store_->GetGroup(blue)->daily_scan_minute, 90);  // a refused change writes nothing
}

TEST_P(GroupStoreContract, SbomSettingsSwitchOnlyTheGroupsOwnServers) {
    Id blue = MakeGroup("blue");
    Id red = MakeGroup("red");
    Id mine = MakeServer(blue, "i-0aaaaaaaaaaaaaaa1");
    Id theirs = MakeServer(red, "i-0bbbbbbbbbbbbbbb2");
    domain::SbomExportSettings on;
    on.enabled = true;
    on.bucket = "b";
    on.key_prefix = "kensa/";
    on.kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/k";
    std::vector<domain::ScanModeChange> modes = {{mine, domain::ScanMode::kInspectorSbom, false},
                                                 {theirs, domain::ScanMode::kInspectorSbom, false}};
    auto switched = store_->UpdateGroupSbom(blue, on, modes);
    ASSERT_TRUE(switched.ok()) << switched.error().ToString();
    EXPECT_EQ(*switched, 1);  // tenancy: red's server is not blue's to switch
    EXPECT_EQ(store_->GetServer(mine)->scan_mode, domain::ScanMode::kInspectorSbom);
    EXPECT_EQ(store_->GetServer(theirs)->scan_mode, domain::ScanMode::kNormal);
    auto got = *store_->GetGroup(blue);
    EXPECT_TRUE(got.sbom.enabled);
    EXPECT_EQ(got.sbom.bucket, "b");
    EXPECT_EQ(got.sbom.key_prefix, "kensa/");
    EXPECT_EQ(got.sbom.kms_key_arn, on.kms_key_arn);
    EXPECT_FALSE(store_->GetGroup(red)->sbom.enabled);
    EXPECT_EQ(*store_->UpdateGroupSbom(blue, on, modes), 0);  // already in that mode
    EXPECT_EQ(store_->UpdateGroupSbom(red + 100, on, {}).error().code(), ErrorCode::kNotFound);
}

TEST_P(GroupStoreContract, ManualSbomExportRateLimitIsAtomic) {
    Id g = MakeGroup();
    auto first = store_->TryStartManualSbomExport(g, 10000, 3600);
    ASSERT_TRUE(first.ok());
    EXPECT_FALSE(first->has_value());
    auto second = store_->TryStartManualSbomExport(g, 10100, 3600);
    ASSERT_TRUE(second.ok());
    ASSERT_TRUE(second->has_value());
    EXPECT_EQ(**second, 13600);
    EXPECT_FALSE(store_->TryStartManualSbomExport(g, 13600, 3600)->has_value());
    EXPECT_EQ(store_->TryStartManualSbomExport(999, 1, 3600).error().code(), ErrorCode::kNotFound);
}

TEST_P(GroupStoreContract, ManualSbomExportIsAcceptedOnceAcrossProcesses) {
    Id g = MakeGroup();
    // Separate store instances stand for separate kensa processes, all triggered at once.
    constexpr int kStores = 4;
    constexpr int kThreads = 8;
    std::vector<ports::StorePtr> stores;
    for (int store_idx = 0; store_idx < kStores; ++store_idx) {
        stores.push_back(Open());
    }
    std::atomic<int> accepted{0};
    std::atomic<int> refused_until_next{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
        threads.emplace_back([&, thread_idx] {
            auto& st = stores[static_cast<size_t>(thread_idx) % stores.size()];
            auto r = st->TryStartManualSbomExport(g, 10000, 3600);
            if (!r.ok()) {
                ++failures;
            } else if (!r->has_value()) {
                ++accepted;
            } else if (**r == 13600) {
                ++refused_until_next;
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(accepted.load(), 1);
    EXPECT_EQ(refused_until_next.load(), kThreads - 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupStoreContract, ::testing::ValuesIn(kBackends), BackendName);

}  // namespace
}  // namespace kensa::store::contract
