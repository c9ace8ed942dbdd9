#include "kensa/common/local_time.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <mutex>

namespace kensa {
namespace {

std::mutex g_tz_mutex;

bool ParseOffset(const std::string& tz, int* seconds) {
    int h = 0;
    int m = 0;
    char sign = 0;
    if (tz.size() == 6 && std::sscanf(tz.c_str(), "%c%2d:%2d", &sign, &h, &m) == 3 &&
        (sign == '+' || sign == '-') && h <= 14 && m < 60) {
        *seconds = (h * 3600 + m * 60) * (sign == '+' ? 1 : -1);
        return true;
    }
    return false;
}

LocalTime FromTm(const std::tm& tm) {
    char date[48];
    std::snprintf(
        date, sizeof(date), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return {date, tm.tm_hour * 60 + tm.tm_min};
}

}  // namespace

Result<LocalTime> ToLocal(int64_t epoch_seconds, const std::string& timezone) {
    int offset = 0;
    std::tm tm{};
    if (timezone.empty() || timezone == "UTC" || timezone == "Etc/UTC") {
        std::time_t t = static_cast<std::time_t>(epoch_seconds);
        gmtime_r(&t, &tm);
        return FromTm(tm);
    }
    if (ParseOffset(timezone, &offset)) {
        std::time_t t = static_cast<std::time_t>(epoch_seconds + offset);
        gmtime_r(&t, &tm);
        return FromTm(tm);
    }
    if (timezone.find("..") != std::string::npos || timezone[0] == '/' ||
        !std::filesystem::exists(std::filesystem::path("/usr/share/zoneinfo") / timezone)) {
        return Error(ErrorCode::kInvalidInput,
                     "unknown timezone '" + timezone +
                         "': use an IANA name such as Asia/Tokyo, UTC, or an offset like "
                         "+09:00")
            .With("field", "timezone");
    }
    std::lock_guard<std::mutex> lock(g_tz_mutex);
    const char* old = std::getenv("TZ");
    std::string saved = old != nullptr ? old : "";
    setenv("TZ", timezone.c_str(), 1);
    tzset();
    std::time_t t = static_cast<std::time_t>(epoch_seconds);
    localtime_r(&t, &tm);
    if (old != nullptr) {
        setenv("TZ", saved.c_str(), 1);
    } else {
        unsetenv("TZ");
    }
    tzset();
    return FromTm(tm);
}

}  // namespace kensa
