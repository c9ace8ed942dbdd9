#include "kensa/app/tasks/task_queries.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/mocks/store_mocks.h"

namespace kensa::app {
namespace {

using ::testing::Return;
using ::testing::StrictMock;

domain::Task TaskOfGroup(domain::Id group_id) {
    domain::Task t;
    t.id = 5;
    t.group_id = group_id;
    t.vulnerability_id = "CVE-1";
    return t;
}

TEST(TaskInGroup, AnotherGroupsTaskIsNotFound) {
    StrictMock<kensa::testing::MockTaskStore> tasks;
    EXPECT_CALL(tasks, GetTask(5)).WillOnce(Return(TaskOfGroup(3)));
    auto r = TaskInGroup(tasks, 2, 5);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
}

TEST(TaskInGroup, OwnGroupsTaskIsReturned) {
    StrictMock<kensa::testing::MockTaskStore> tasks;
    EXPECT_CALL(tasks, GetTask(5)).WillOnce(Return(TaskOfGroup(2)));
    auto r = TaskInGroup(tasks, 2, 5);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->id, 5);
}

TEST(TaskInGroup, AStorageFailureStaysAStorageFailure) {
    // A database that is down must not read as "no such task" (a 404 the client trusts).
    StrictMock<kensa::testing::MockTaskStore> tasks;
    EXPECT_CALL(tasks, GetTask(5))
        .WillOnce(Return(Result<domain::Task>(Error(ErrorCode::kUnavailable, "database down"))));
    auto r = TaskInGroup(tasks, 2, 5);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace kensa::app
