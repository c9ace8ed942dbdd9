#include "kensa/domain/task_edit.h"

#include <gtest/gtest.h>

namespace kensa::domain {
namespace {

Task Open() {
    Task t;
    t.id = 7;
    t.vulnerability_id = "CVE-1";
    t.priority = TaskPriority::kMedium;
    t.updated_at = 1;
    return t;
}

TEST(TaskEdit, EachChangedFieldGetsOneHistoryRow) {
    TaskEdit edit;
    edit.status = TaskStatus::kOngoing;
    edit.priority = TaskPriority::kMedium;  // unchanged: no row
    edit.assignee = "alice";
    edit.deadline = EpochSeconds{2000};
    auto r = ApplyTaskEdit(Open(), edit, "bob", 100);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->task.status, TaskStatus::kOngoing);
    EXPECT_TRUE(r->task.user_status);
    EXPECT_EQ(r->task.assignee, "alice");
    EXPECT_EQ(r->task.deadline, std::optional<EpochSeconds>(2000));
    EXPECT_EQ(r->task.updated_at, 100);
    ASSERT_EQ(r->history.size(), 3u);
    EXPECT_EQ(r->history[0].field, "status");
    EXPECT_EQ(r->history[0].old_value, "NEW");
    EXPECT_EQ(r->history[0].new_value, "ONGOING");
    EXPECT_EQ(r->history[1].field, "assignee");
    EXPECT_EQ(r->history[2].field, "deadline");
    EXPECT_EQ(r->history[2].new_value, "2000");
    EXPECT_EQ(r->history[2].actor, "bob");
}

TEST(TaskEdit, ClearingTheDeadlineAndAssignee) {
    Task t = Open();
    t.assignee = "alice";
    t.deadline = 2000;
    TaskEdit edit;
    edit.assignee = "";
    edit.deadline = std::optional<EpochSeconds>();
    auto r = ApplyTaskEdit(t, edit, "bob", 100);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->task.assignee, "");
    EXPECT_FALSE(r->task.deadline.has_value());
    ASSERT_EQ(r->history.size(), 2u);
    EXPECT_EQ(r->history[1].old_value, "2000");
    EXPECT_EQ(r->history[1].new_value, "");
}

TEST(TaskEdit, RefusesPatchAppliedEmptyCommentsAndEmptyEdits) {
    TaskEdit patch;
    patch.status = TaskStatus::kPatchApplied;
    auto r = ApplyTaskEdit(Open(), patch, "bob", 100);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().Detail("field"), "status");

    TaskEdit blank;
    blank.comment = "  \n";
    auto c = ApplyTaskEdit(Open(), blank, "bob", 100);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().Detail("field"), "body");

    EXPECT_FALSE(ApplyTaskEdit(Open(), TaskEdit{}, "bob", 100).ok());
}

TEST(TaskEdit, AnUnchangedEditChangesNothing) {
    Task t = Open();
    t.user_status = true;  // a user already chose NEW
    TaskEdit same;
    same.status = TaskStatus::kNew;
    same.priority = TaskPriority::kMedium;
    auto r = ApplyTaskEdit(t, same, "bob", 100);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->changed());
    EXPECT_EQ(r->task.updated_at, 1);
}

TEST(TaskEdit, ACommentIsWrittenByTheActor) {
    TaskEdit edit;
    edit.comment = "looking into it";
    auto r = ApplyTaskEdit(Open(), edit, "bob", 100);
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(r->comment.has_value());
    EXPECT_EQ(r->comment->author, "bob");
    EXPECT_EQ(r->comment->task_id, 7);
    EXPECT_FALSE(r->comment->system);
    EXPECT_TRUE(r->changed());
}

}  // namespace
}  // namespace kensa::domain
