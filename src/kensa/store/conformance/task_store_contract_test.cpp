// TaskStore: a user's change through ChangeTask (status, priority, assignee, deadline,
// comment, history and audit in one transaction), and the task lists.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class TaskStoreContract : public StoreContract {};

// The plan a user's change hands ChangeTask: `edit` applied to the task as stored, with its
// history and one audit event.
Result<ports::TaskWrite> EditWrite(const domain::Task& current,
                                   const domain::TaskEdit& edit,
                                   const std::string& actor,
                                   int64_t at) {
    KENSA_ASSIGN_OR_RETURN(auto result, domain::ApplyTaskEdit(current, edit, actor, at));
    ports::TaskWrite write;
    write.task = result.task;
    write.history = result.history;
    write.audit.group_id = current.group_id;
    write.audit.actor = actor;
    write.audit.action = "task.update";
    return write;
}

TEST_P(TaskStoreContract, UsersCannotSetPatchAppliedAndHistoryIsKept) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    ASSERT_TRUE(store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}}), {}, 1000).ok());
    Id t = (*store_->ListTasks(Filter(g)))[0].task.id;
    const int64_t audits = Count("audit_events");
    auto st = Edit(*store_, t, StatusEdit(domain::TaskStatus::kPatchApplied), "alice", 1001);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(Count("audit_events"), audits);  // a refused plan writes nothing
    domain::TaskEdit both;
    both.status = domain::TaskStatus::kRiskAccepted;
    both.priority = domain::TaskPriority::kLow;
    both.assignee = "bob";
    both.deadline = 5000;
    auto edited = Edit(*store_, t, both, "alice", 1002);
    ASSERT_TRUE(edited.ok()) << edited.error().ToString();
    EXPECT_EQ(Count("audit_events"), audits + 1);  // one change, one audit event
    auto stored = store_->GetTask(t);
    EXPECT_EQ(stored->status, domain::TaskStatus::kRiskAccepted);
    EXPECT_EQ(stored->priority, domain::TaskPriority::kLow);
    EXPECT_EQ(stored->assignee, "bob");
    EXPECT_EQ(stored->deadline, std::optional<int64_t>(5000));
    EXPECT_TRUE(stored->user_status);
    EXPECT_EQ(stored->updated_at, 1002);
    auto history = store_->ListHistory(t);
    ASSERT_EQ(history->size(), 5u);  // created, status, priority, assignee, deadline
    EXPECT_EQ((*history)[1].new_value, "RISK_ACCEPTED");
    EXPECT_EQ((*history)[2].field, "priority");
    EXPECT_EQ((*history)[3].field, "assignee");
    EXPECT_EQ((*history)[4].field, "deadline");
    // The same edit again changes nothing and writes nothing.
    ASSERT_TRUE(Edit(*store_, t, both, "alice", 1003).ok());
    EXPECT_EQ(store_->ListHistory(t)->size(), 5u);
    EXPECT_EQ(Count("audit_events"), audits + 1);
    domain::TaskEdit comment;
    comment.comment = "looking";
    Id comment_id = 0;
    auto commented = store_->ChangeTask(
        t,
        [&](const domain::Task& current) -> Result<ports::TaskWrite> {
            KENSA_ASSIGN_OR_RETURN(auto result,
                                   domain::ApplyTaskEdit(current, comment, "alice", 1004));
            ports::TaskWrite write;
            write.task = result.task;
            write.comment = result.comment;
            write.audit.actor = "alice";
            return write;
        },
        &comment_id);
    ASSERT_TRUE(commented.ok()) << commented.error().ToString();
    EXPECT_GT(comment_id, 0);
    ASSERT_EQ(store_->ListComments(t)->size(), 1u);
    EXPECT_EQ((*store_->ListComments(t))[0].body, "looking");
    EXPECT_EQ(Edit(*store_, t + 1000, comment, "alice", 1005).error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(Edit(*store_, t + 1000, StatusEdit(domain::TaskStatus::kNew), "a", 1).error().code(),
              ErrorCode::kNotFound);
}

TEST_P(TaskStoreContract, ListsFilterPageAndKeepGroupsApart) {
    Id blue = MakeGroup("blue");
    Id red = MakeGroup("red");
    Id a = MakeServer(blue, "i-0aaaaaaaaaaaaaaa1");
    Id b = MakeServer(blue, "i-0bbbbbbbbbbbbbbb2");
    Id c = MakeServer(red, "i-0ccccccccccccccc3");
    ASSERT_TRUE(
        store_->ApplyScan(a, Scan({{"CVE-1", "openssl"}, {"CVE-2", "curl"}}), {}, 1000).ok());
    ASSERT_TRUE(store_->ApplyScan(b, Scan({{"CVE-1", "openssl"}}), {}, 1000).ok());
    ASSERT_TRUE(store_->ApplyScan(c, Scan({{"CVE-1", "openssl"}}), {}, 1000).ok());

    auto all = *store_->ListTasks(Filter(blue));
    ASSERT_EQ(all.size(), 3u);
    for (size_t task_idx = 0; task_idx < all.size(); ++task_idx) {
        EXPECT_EQ(all[task_idx].task.group_id, blue);
        if (task_idx > 0) {
            EXPECT_LT(all[task_idx - 1].task.id, all[task_idx].task.id);
        }
    }
    EXPECT_EQ(all[0].server_name, "i-0aaaaaaaaaaaaaaa1");
    EXPECT_EQ(all[0].title,
              all[0].task.vulnerability_id + " in " +
                  (all[0].task.vulnerability_id == "CVE-1" ? "openssl" : "curl"));
    EXPECT_EQ(all[0].cvss3_score, 7.5);

    auto on_b = Filter(blue);
    on_b.server_id = b;
    auto listed = *store_->ListTasks(on_b);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].task.server_id, b);
    auto foreign = Filter(blue);
    foreign.server_id = c;  // red's server through blue's group
    EXPECT_TRUE(store_->ListTasks(foreign)->empty());
    EXPECT_EQ(store_->ListTasks(Filter(blue, "CVE-1"))->size(), 2u);
    auto red_tasks = *store_->ListTasks(Filter(red));
    ASSERT_EQ(red_tasks.size(), 1u);
    EXPECT_EQ(red_tasks[0].task.server_id, c);

    ASSERT_TRUE(
        Edit(*store_, listed[0].task.id, StatusEdit(domain::TaskStatus::kOngoing), "alice", 1001)
            .ok());
    auto ongoing = Filter(blue);
    ongoing.status = domain::TaskStatus::kOngoing;
    auto by_status = *store_->ListTasks(ongoing);
    ASSERT_EQ(by_status.size(), 1u);
    EXPECT_EQ(by_status[0].task.id, listed[0].task.id);

    // Keyset pages: ids above after_id, in id order, at most `limit`.
    auto page = Filter(blue);
    page.limit = 2;
    auto first = *store_->ListTasks(page);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].task.id, all[0].task.id);
    EXPECT_EQ(first[1].task.id, all[1].task.id);
    page.after_id = first[1].task.id;
    auto second = *store_->ListTasks(page);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].task.id, all[2].task.id);
    page.after_id = second[0].task.id;
    EXPECT_TRUE(store_->ListTasks(page)->empty());
}

TEST_P(TaskStoreContract, ConcurrentChangesEachSeeThePreviousOne) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    ASSERT_TRUE(store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}}), {}, 1000).ok());
    Id t = (*store_->ListTasks(Filter(g)))[0].task.id;
    const int64_t audits = Count("audit_events");
    const size_t history = store_->ListHistory(t)->size();
    // Each change appends one letter to the assignee it reads; a plan that saw a stale task
    // (the change not made inside the transaction that writes it) would lose a letter.
    constexpr int kStores = 4;
    constexpr int kThreads = 8;
    constexpr int kRounds = 5;
    std::vector<ports::StorePtr> stores;
    for (int store_idx = 0; store_idx < kStores; ++store_idx) {
        stores.push_back(Open());
    }
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
        threads.emplace_back([&, thread_idx] {
            auto& st = stores[static_cast<size_t>(thread_idx) % stores.size()];
            for (int round = 0; round < kRounds; ++round) {
                domain::TaskEdit edit;
                auto r = st->ChangeTask(
                    t,
                    [&](const domain::Task& current) -> Result<ports::TaskWrite> {
                        edit.assignee = current.assignee + "x";
                        return EditWrite(current, edit, "bot", 2000 + round);
                    },
                    nullptr);
                if (!r.ok()) {
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0);
    constexpr size_t kChanges = static_cast<size_t>(kThreads) * kRounds;
    EXPECT_EQ(store_->GetTask(t)->assignee, std::string(kChanges, 'x'));
    auto entries = *store_->ListHistory(t);
    ASSERT_EQ(entries.size(), history + kChanges);
    for (size_t entry_idx = history; entry_idx < entries.size(); ++entry_idx) {
        // Each row's old value is the previous row's new value: no change was lost.
        const size_t letters = entry_idx - history;
        EXPECT_EQ(entries[entry_idx].field, "assignee");
        EXPECT_EQ(entries[entry_idx].old_value, std::string(letters, 'x'));
        EXPECT_EQ(entries[entry_idx].new_value, std::string(letters + 1, 'x'));
    }
    EXPECT_EQ(Count("audit_events"), audits + static_cast<int64_t>(kChanges));
}

TEST_P(TaskStoreContract, ScansAndUsersChangingOneTaskSeeEachOther) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    ASSERT_TRUE(store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}}), {}, 1000).ok());
    Id t = (*store_->ListTasks(Filter(g)))[0].task.id;
    const size_t history = store_->ListHistory(t)->size();
    // Scans close (PATCH_APPLIED) and reopen (NEW) the task while users set INVESTIGATING or
    // ONGOING. A scan or a user that planned from a stale status would break the history
    // chain: some row's old value would not be the previous row's new value.
    constexpr int kRounds = 12;
    std::atomic<int> failures{0};
    std::thread scanner([&] {
        auto st = Open();
        for (int round = 0; round < kRounds; ++round) {
            auto obs = round % 2 == 0 ? Scan({}) : Scan({{"CVE-1", "openssl"}});
            if (!st->ApplyScan(s, obs, {}, 2000 + round).ok()) {
                ++failures;
            }
        }
    });
    std::vector<std::thread> users;
    for (int user_idx = 0; user_idx < 2; ++user_idx) {
        users.emplace_back([&, user_idx] {
            auto st = Open();
            for (int round = 0; round < kRounds; ++round) {
                domain::TaskEdit edit;
                edit.status = (round + user_idx) % 2 == 0 ? domain::TaskStatus::kInvestigating
                                                          : domain::TaskStatus::kOngoing;
                auto r = st->ChangeTask(
                    t,
                    [&](const domain::Task& current) -> Result<ports::TaskWrite> {
                        return EditWrite(current, edit, "user", 3000 + round);
                    },
                    nullptr);
                if (!r.ok()) {
                    ++failures;
                }
            }
        });
    }
    scanner.join();
    for (auto& user : users) {
        user.join();
    }
    EXPECT_EQ(failures.load(), 0);
    auto entries = *store_->ListHistory(t);
    ASSERT_GT(entries.size(), history);
    std::string status = entries[history - 1].new_value;
    for (size_t entry_idx = history; entry_idx < entries.size(); ++entry_idx) {
        if (entries[entry_idx].field != "status") {
            continue;
        }
        EXPECT_EQ(entries[entry_idx].old_value, status) << "history row " << entry_idx;
        status = entries[entry_idx].new_value;
    }
    EXPECT_EQ(std::string(domain::ToString(store_->GetTask(t)->status)), status);
}

INSTANTIATE_TEST_SUITE_P(Backends, TaskStoreContract, ::testing::ValuesIn(kBackends), BackendName);

}  // namespace
}  // namespace kensa::store::contract
