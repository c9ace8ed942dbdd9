#include "kensa/common/clock.h"

#include <cstdio>
#include <ctime>
#include <thread>

namespace kensa {

void RealClock::SleepFor(std::chrono::milliseconds d) const {
    std::this_thread::sleep_for(d);
}

const RealClock& RealClock::Instance() {
    static const RealClock clock;
    return clock;
}

int64_t ToEpochSeconds(SystemTime t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

namespace {
std::string Format(SystemTime t, const char* fmt) {
    std::time_t tt = static_cast<std::time_t>(ToEpochSeconds(t));
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof(buf), fmt, &tm);
    return buf;
}
}  // namespace

std::string FormatIso8601(SystemTime t) {
    return Format(t, "%Y-%m-%dT%H:%M:%SZ");
}
std::string FormatAmzDate(SystemTime t) {
    return Format(t, "%Y%m%dT%H%M%SZ");
}

bool ParseIso8601(const std::string& s, SystemTime* out) {
    int year = 0, mon = 0, day = 0, hour = 0, min = 0, sec = 0;
    int consumed = 0;
    if (std::sscanf(s.c_str(),
                    "%4d-%2d-%2dT%2d:%2d:%2d%n",
                    &year,
                    &mon,
                    &day,
                    &hour,
                    &min,
                    &sec,
                    &consumed) != 6) {
        return false;
    }
    if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60) {
        return false;
    }
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = mon - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = min;
    tm.tm_sec = sec;
    std::time_t tt = timegm(&tm);
    size_t pos = static_cast<size_t>(consumed);
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            ++pos;
        }
    }
    std::string zone = s.substr(pos);
    if (zone == "+00:00" || zone == "Z" || zone.empty()) {
        *out = SystemTime(std::chrono::seconds(tt));
        return true;
    }
    int zh = 0, zm = 0;
    char sign = 0;
    if (std::sscanf(zone.c_str(), "%c%2d:%2d", &sign, &zh, &zm) == 3 &&
        (sign == '+' || sign == '-')) {
        int64_t offset = (zh * 3600 + zm * 60) * (sign == '+' ? 1 : -1);
        *out = SystemTime(std::chrono::seconds(tt - offset));
        return true;
    }
    return false;
}

}  // namespace kensa
