#include "kensa/domain/task_trend.h"

#include <algorithm>
#include <map>

namespace kensa::domain {

std::vector<TrendPoint> OpenTaskTrend(int64_t open_now,
                                      const std::vector<TaskDayCounts>& counts,
                                      int64_t today,
                                      int days) {
    std::map<int64_t, TaskDayCounts> by_day;
    for (const auto& c : counts) {
        auto& d = by_day[c.day];
        d.created += c.created;
        d.closed_net += c.closed_net;
    }
    std::vector<TrendPoint> out(static_cast<size_t>(std::max(days, 0)));
    int64_t open = open_now;
    for (int i = days - 1; i >= 0; --i) {
        const int64_t day = today - (days - 1 - i);
        out[static_cast<size_t>(i)] = {day, open};
        // The end of the day before: undo this day's new tasks, redo its closures.
        if (auto it = by_day.find(day); it != by_day.end()) {
            open = open - it->second.created + it->second.closed_net;
        }
    }
    return out;
}

}  // namespace kensa::domain
