// AuditLog: one event per change a person or job makes, and a group's events read back newest
// first.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class AuditLogContract : public StoreContract {};

TEST_P(AuditLogContract, AppendWritesOneEvent) {
    Id g = MakeGroup();
    domain::AuditEvent e;
    e.group_id = g;
    e.actor = "alice";
    e.action = "task.status";
    e.at = 5;
    ASSERT_TRUE(store_->AppendAudit(e).ok());
    EXPECT_EQ(Count("audit_events"), 1);
}

TEST_P(AuditLogContract, EveryFieldIsKeptAndAGrouplessEventIsAccepted) {
    Id g = MakeGroup();
    domain::AuditEvent e;
    e.group_id = g;
    e.actor = "alice";
    e.action = "group.aws.update";
    e.target = "group/" + std::to_string(g);
    e.detail = "role arn changed";
    e.at = 1700000000;
    ASSERT_TRUE(store_->AppendAudit(e).ok());
    domain::AuditEvent job;  // a job's event outside any group
    job.actor = "scheduler";
    job.action = "advisories.import";
    job.at = 1700000001;
    ASSERT_TRUE(store_->AppendAudit(job).ok());

    auto conn = OpenRaw();
    ASSERT_TRUE(conn.ok());
    std::vector<domain::AuditEvent> rows;
    ASSERT_TRUE((*conn)
                    ->Query("SELECT group_id, actor, action, target, detail, at FROM audit_events "
                            "ORDER BY id",
                            {},
                            [&](const SqlRow& row) {
                                domain::AuditEvent r;
                                r.group_id = row.OptInt(0);
                                r.actor = row.Text(1);
                                r.action = row.Text(2);
                                r.target = row.Text(3);
                                r.detail = row.Text(4);
                                r.at = row.Int(5);
                                rows.push_back(std::move(r));
                            })
                    .ok());
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].group_id, std::optional<Id>(g));
    EXPECT_EQ(rows[0].actor, "alice");
    EXPECT_EQ(rows[0].action, "group.aws.update");
    EXPECT_EQ(rows[0].target, e.target);
    EXPECT_EQ(rows[0].detail, "role arn changed");
    EXPECT_EQ(rows[0].at, 1700000000);
    EXPECT_FALSE(rows[1].group_id.has_value());
    EXPECT_EQ(rows[1].actor, "scheduler");
    EXPECT_EQ(rows[1].at, 1700000001);
}

TEST_P(AuditLogContract, ConcurrentAppendsAreAllKept) {
    Id g = MakeGroup();
    constexpr int kStores = 4;
    constexpr int kThreads = 8;
    constexpr int kEventsPerThread = 10;
    std::vector<ports::StorePtr> stores;
    for (int store_idx = 0; store_idx < kStores; ++store_idx) {
        stores.push_back(Open());
    }
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
        threads.emplace_back([&, thread_idx] {
            auto& st = stores[static_cast<size_t>(thread_idx) % stores.size()];
            for (int event_idx = 0; event_idx < kEventsPerThread; ++event_idx) {
                domain::AuditEvent e;
                e.group_id = g;
                e.actor = "worker-" + std::to_string(thread_idx);
                e.action = "task.update";
                e.at = event_idx;
                if (!st->AppendAudit(e).ok()) {
                    ++failures;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(Count("audit_events"), kThreads * kEventsPerThread);
}

TEST_P(AuditLogContract, AGroupsEventsAreListedNewestFirstInPages) {
    Id blue = MakeGroup("blue");
    Id red = MakeGroup("red");
    for (int i = 0; i < 5; ++i) {
        domain::AuditEvent e;
        e.group_id = i == 2 ? red : blue;
        e.actor = "alice";
        e.action = "task.status";
        e.target = std::to_string(i);
        e.at = 100 + i;
        ASSERT_TRUE(store_->AppendAudit(e).ok());
    }
    auto page = store_->ListAudit(blue, std::nullopt, 2);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->size(), 2u);
    EXPECT_EQ((*page)[0].target, "4");
    EXPECT_EQ((*page)[1].target, "3");
    auto rest = store_->ListAudit(blue, (*page)[1].id, 10);
    ASSERT_TRUE(rest.ok());
    ASSERT_EQ(rest->size(), 2u);  // red's event is not blue's
    EXPECT_EQ((*rest)[0].target, "1");
    EXPECT_EQ((*rest)[1].target, "0");
    EXPECT_EQ((*rest)[1].at, 100);
    EXPECT_EQ(store_->ListAudit(red, std::nullopt, 10)->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditLogContract, ::testing::ValuesIn(kBackends), BackendName);

}  // namespace
}  // namespace kensa::store::contract
