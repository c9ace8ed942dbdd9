#include "kensa/domain/task_trend.h"

#include <gtest/gtest.h>

namespace kensa::domain {
namespace {

TEST(OpenTaskTrend, WalksBackFromTodayUndoingNewTasksAndRedoingClosures) {
    // Today (day 100) 7 are open. Day 100: 3 new; day 99: 2 closed; day 98: 4 new, 1 reopened.
    std::vector<TaskDayCounts> counts = {{100, 3, 0}, {99, 0, 2}, {98, 4, -1}};
    auto trend = OpenTaskTrend(7, counts, 100, 4);
    ASSERT_EQ(trend.size(), 4u);
    EXPECT_EQ(trend[3].day, 100);
    EXPECT_EQ(trend[3].open, 7);
    EXPECT_EQ(trend[2].open, 4);  // before day 100's 3 new
    EXPECT_EQ(trend[1].open, 6);  // before day 99's 2 closures
    EXPECT_EQ(trend[0].day, 97);
    EXPECT_EQ(trend[0].open, 1);  // before day 98: 4 new less, the reopened one still closed
}

TEST(OpenTaskTrend, FlatWithoutChangesAndEmptyForNoDays) {
    EXPECT_TRUE(OpenTaskTrend(3, {}, 10, 0).empty());
    auto flat = OpenTaskTrend(3, {}, 10, 3);
    EXPECT_EQ(flat[0].open, 3);
    EXPECT_EQ(flat[2].open, 3);
}

}  // namespace
}  // namespace kensa::domain
