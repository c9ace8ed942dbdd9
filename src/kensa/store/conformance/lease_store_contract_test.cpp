// LeaseStore: named leases, so that a job shared by several kensa processes runs once.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class LeaseStoreContract : public StoreContract {};

TEST_P(LeaseStoreContract, HolderRenewsAndOthersWaitForExpiry) {
    EXPECT_TRUE(*store_->TryAcquireLease("daily:1", "a", 100, 60));
    EXPECT_FALSE(*store_->TryAcquireLease("daily:1", "b", 120, 60));
    EXPECT_TRUE(*store_->TryAcquireLease("daily:1", "a", 130, 60));
    EXPECT_TRUE(*store_->TryAcquireLease("daily:1", "b", 200, 60));
}

TEST_P(LeaseStoreContract, RenewalExtendsTheLeaseAndNamesAreIndependent) {
    ASSERT_TRUE(*store_->TryAcquireLease("daily:1", "a", 100, 60));   // until 160
    ASSERT_TRUE(*store_->TryAcquireLease("daily:1", "a", 150, 60));   // renewed until 210
    EXPECT_FALSE(*store_->TryAcquireLease("daily:1", "b", 170, 60));  // past 160, not past 210
    EXPECT_TRUE(*store_->TryAcquireLease("daily:2", "b", 170, 60));   // another name is free
    EXPECT_FALSE(*store_->TryAcquireLease("daily:2", "a", 171, 60));
    EXPECT_TRUE(*store_->TryAcquireLease("daily:1", "b", 211, 60));   // expired: b takes it over
    EXPECT_FALSE(*store_->TryAcquireLease("daily:1", "a", 212, 60));  // and a has lost it
}

TEST_P(LeaseStoreContract, OneOfManyProcessesWinsARace) {
    // Separate store instances stand for separate kensa processes, all starting the job at once.
    constexpr int kStores = 4;
    constexpr int kThreads = 8;
    std::vector<ports::StorePtr> stores;
    for (int store_idx = 0; store_idx < kStores; ++store_idx) {
        stores.push_back(Open());
    }
    std::atomic<int> acquired{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
        threads.emplace_back([&, thread_idx] {
            auto& st = stores[static_cast<size_t>(thread_idx) % stores.size()];
            auto r =
                st->TryAcquireLease("daily:1", "holder-" + std::to_string(thread_idx), 1000, 60);
            if (!r.ok()) {
                ++failures;
            } else if (*r) {
                ++acquired;
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(acquired.load(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, LeaseStoreContract, ::testing::ValuesIn(kBackends), BackendName);

}  // namespace
}  // namespace kensa::store::contract
