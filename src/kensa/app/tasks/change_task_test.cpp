#include "kensa/app/tasks/change_task.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/mocks/store_mocks.h"

namespace kensa::app {
namespace {

using ::testing::_;
using ::testing::Invoke;
using ::testing::StrictMock;

domain::Task StoredTask() {
    domain::Task t;
    t.id = 5;
    t.group_id = 2;
    t.vulnerability_id = "CVE-1";
    return t;
}

// Runs the plan the use case hands the store against `stored`, as the store does in its
// transaction, and keeps what it would write.
struct PlanRunner {
    domain::Task stored = StoredTask();
    std::optional<ports::TaskWrite> written;
    Result<domain::Task> operator()(domain::Id,
                                    const ports::TaskChangePlan& plan,
                                    domain::Id* comment_id) {
        KENSA_ASSIGN_OR_RETURN(auto write, plan(stored));
        if (comment_id != nullptr && write.comment) {
            *comment_id = 99;
        }
        written = write;
        return write.task;
    }
};

TEST(ChangeTask, OneChangeIsOneStoreCallWithHistoryAndAudit) {
    StrictMock<testing::MockTaskStore> tasks;
    ManualClock clock(1000);
    PlanRunner runner;
    EXPECT_CALL(tasks, ChangeTask(5, _, _)).WillOnce(Invoke(std::ref(runner)));

    domain::TaskEdit edit;
    edit.status = domain::TaskStatus::kOngoing;
    edit.priority = domain::TaskPriority::kHigh;
    edit.assignee = "alice";
    auto out = ChangeTask(tasks, clock, 5, edit, "bob");
    ASSERT_TRUE(out.ok()) << out.error().ToString();
    EXPECT_EQ(out->task.status, domain::TaskStatus::kOngoing);
    ASSERT_TRUE(runner.written.has_value());
    EXPECT_EQ(runner.written->history.size(), 3u);
    EXPECT_EQ(runner.written->audit.action, "task.update");
    EXPECT_EQ(runner.written->audit.actor, "bob");
    EXPECT_EQ(runner.written->audit.group_id, std::optional<domain::Id>(2));
    EXPECT_EQ(runner.written->audit.target, "task:5");
    EXPECT_EQ(runner.written->audit.detail, "status,priority,assignee");
    EXPECT_EQ(runner.written->audit.at, 1000);
    EXPECT_EQ(runner.written->task.updated_at, 1000);
}

TEST(ChangeTask, ACommentComesBackWithItsId) {
    StrictMock<testing::MockTaskStore> tasks;
    ManualClock clock(1000);
    PlanRunner runner;
    EXPECT_CALL(tasks, ChangeTask(5, _, _)).WillOnce(Invoke(std::ref(runner)));
    domain::TaskEdit edit;
    edit.comment = "patched on Friday";
    auto out = ChangeTask(tasks, clock, 5, edit, "bob");
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out->comment_id, 99);
    EXPECT_EQ(runner.written->audit.detail, "comment");
}

TEST(ChangeTask, ARefusedEditReachesTheStoreAsAnErrorAndWritesNothing) {
    StrictMock<testing::MockTaskStore> tasks;
    ManualClock clock(1000);
    PlanRunner runner;
    EXPECT_CALL(tasks, ChangeTask(5, _, _)).WillOnce(Invoke(std::ref(runner)));
    domain::TaskEdit edit;
    edit.status = domain::TaskStatus::kPatchApplied;
    auto out = ChangeTask(tasks, clock, 5, edit, "bob");
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().code(), ErrorCode::kInvalidInput);
    EXPECT_FALSE(runner.written.has_value());
}

TEST(ChangeTask, AnUnknownTaskIsNotFound) {
    StrictMock<testing::MockTaskStore> tasks;
    ManualClock clock(1000);
    EXPECT_CALL(tasks, ChangeTask(8, _, _))
        .WillOnce(Invoke([](domain::Id, const ports::TaskChangePlan&, domain::Id*) {
            return Result<domain::Task>(Error(ErrorCode::kNotFound, "task 8 not found"));
        }));
    domain::TaskEdit edit;
    edit.priority = domain::TaskPriority::kLow;
    EXPECT_EQ(ChangeTask(tasks, clock, 8, edit, "bob").error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace kensa::app
