#pragma once
// Wall-clock time in a group's timezone. GCC 12's libstdc++ has no std::chrono::zoned_time,
// so this reads the system tz database through localtime_r under a process-wide lock.

#include <string>

#include "kensa/common/error.h"

namespace kensa {

struct LocalTime {
    std::string date;   ///< YYYY-MM-DD in the zone
    int minute_of_day;  ///< 0..1439
};

/// kInvalidInput for a zone the system does not know. Accepts IANA names ("Asia/Tokyo"),
/// "UTC", and fixed offsets "+09:00" / "-05:30".
Result<LocalTime> ToLocal(int64_t epoch_seconds, const std::string& timezone);

}  // namespace kensa
