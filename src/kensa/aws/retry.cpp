#include "kensa/aws/retry.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace kensa::aws {

int RetryQuota::Acquire(bool timeout_error) {
    int cost = timeout_error ? kTimeoutRetryCost : kRetryCost;
    std::lock_guard<std::mutex> lock(mutex_);
    if (available_ < cost) {
        return 0;
    }
    available_ -= cost;
    return cost;
}

void RetryQuota::Release(int amount) {
    std::lock_guard<std::mutex> lock(mutex_);
    available_ = std::min(capacity_, available_ + (amount > 0 ? amount : kNoRetryIncrement));
}

int RetryQuota::available() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return available_;
}

namespace {

double DefaultRandom() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace

std::chrono::milliseconds RetryDelay(const RetryOptions& options,
                                     int retry,
                                     int retry_after_seconds) {
    auto cap = options.max_backoff;
    if (retry_after_seconds >= 0) {
        return std::min<std::chrono::milliseconds>(std::chrono::seconds(retry_after_seconds), cap);
    }
    double jitter = options.random ? options.random() : DefaultRandom();
    jitter = std::clamp(jitter, 0.0, 1.0);
    double exponent = std::min(retry - 1, 30);
    double ms = jitter * 1000.0 * std::pow(2.0, exponent);
    ms = std::min(ms, static_cast<double>(cap.count()));
    return std::chrono::milliseconds(static_cast<int64_t>(ms));
}

}  // namespace kensa::aws
