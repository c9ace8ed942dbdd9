#pragma once
// Time is passed in, never read directly (style 3.4). Tests inject a ManualClock.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace kensa {

using SystemTime = std::chrono::system_clock::time_point;

/// Source of wall-clock and monotonic time. Thread-safe.
class Clock {
public:
    virtual ~Clock() = default;
    virtual SystemTime SystemNow() const = 0;
    virtual std::chrono::steady_clock::time_point SteadyNow() const = 0;
    /// Blocks for d (a ManualClock advances instead of sleeping).
    virtual void SleepFor(std::chrono::milliseconds d) const = 0;
};

class RealClock final : public Clock {
public:
    SystemTime SystemNow() const override { return std::chrono::system_clock::now(); }
    std::chrono::steady_clock::time_point SteadyNow() const override {
        return std::chrono::steady_clock::now();
    }
    void SleepFor(std::chrono::milliseconds d) const override;
    /// Process-wide instance.
    static const RealClock& Instance();
};

/// A clock that only moves when told to; SleepFor advances it.
class ManualClock final : public Clock {
public:
    explicit ManualClock(int64_t epoch_seconds) : now_ms_(epoch_seconds * 1000) {}
    SystemTime SystemNow() const override {
        return SystemTime(std::chrono::milliseconds(now_ms_.load()));
    }
    std::chrono::steady_clock::time_point SteadyNow() const override {
        return std::chrono::steady_clock::time_point(std::chrono::milliseconds(now_ms_.load()));
    }
    void SleepFor(std::chrono::milliseconds d) const override { now_ms_ += d.count(); }
    void Advance(std::chrono::milliseconds d) { now_ms_ += d.count(); }
    void Set(int64_t epoch_seconds) { now_ms_ = epoch_seconds * 1000; }

private:
    mutable std::atomic<int64_t> now_ms_;
};

int64_t ToEpochSeconds(SystemTime t);
/// "2015-08-30T12:36:00Z"
std::string FormatIso8601(SystemTime t);
/// "20150830T123600Z" (SigV4 X-Amz-Date)
std::string FormatAmzDate(SystemTime t);
/// Parses "2015-08-30T12:36:00Z" / "...00.123Z" / "+00:00"; returns false on bad input.
bool ParseIso8601(const std::string& s, SystemTime* out);

}  // namespace kensa
