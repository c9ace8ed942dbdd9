#pragma once
// The dashboard's trend of open tasks, rebuilt from what is stored: today's open count, the
// tasks created each day and each day's net closures (status changes from open to closed,
// less reopenings; domain::IsOpen decides). Pure.

#include <cstdint>
#include <vector>

namespace kensa::domain {

/// Day numbers are days since 1970-01-01 UTC (epoch seconds / 86400).
struct TaskDayCounts {
    int64_t day = 0;
    int64_t created = 0;
    int64_t closed_net = 0;  ///< closed minus reopened that day
};

struct TrendPoint {
    int64_t day = 0;
    int64_t open = 0;  ///< open at the end of the day
};

/// The last `days` days up to `today`, oldest first.
std::vector<TrendPoint> OpenTaskTrend(int64_t open_now,
                                      const std::vector<TaskDayCounts>& counts,
                                      int64_t today,
                                      int days);

}  // namespace kensa::domain
