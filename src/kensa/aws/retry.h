#pragma once
// AWS "standard" retry mode (the SDKs' retry behaviour guide):
//  - max_attempts (default 3) counts the first try;
//  - delay before retry i (1-based) = random[0,1) * 2^(i-1) s, capped at 20 s ("full jitter");
//  - a Retry-After header replaces the computed delay (still capped);
//  - a token bucket (500) pays 5 tokens per retry, 10 per retry after a timeout, and refunds
//    the request's cost on success (1 token when it succeeded first time); an empty bucket
//    means no more retries for anyone sharing it, which stops retry storms.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

namespace kensa::aws {

struct RetryOptions {
    /// Attempts including the first; 1 disables retries.
    int max_attempts = 3;
    std::chrono::milliseconds max_backoff{20000};
    /// Uniform [0,1) source for jitter; null = a thread-safe PRNG. Tests pin it.
    std::function<double()> random;
};

/// The shared retry-quota token bucket. Thread-safe.
class RetryQuota {
public:
    static constexpr int kInitialTokens = 500;
    static constexpr int kRetryCost = 5;
    static constexpr int kTimeoutRetryCost = 10;
    static constexpr int kNoRetryIncrement = 1;

    explicit RetryQuota(int capacity = kInitialTokens)
        : capacity_(capacity), available_(capacity) {}

    /// Takes the cost of one retry; returns the amount taken, or 0 when the bucket is too empty.
    int Acquire(bool timeout_error);
    /// Returns `amount` (the tokens a successful request had taken; 0 → kNoRetryIncrement).
    void Release(int amount);
    int available() const;

private:
    mutable std::mutex mutex_;
    int capacity_;
    int available_;
};
using RetryQuotaPtr = std::shared_ptr<RetryQuota>;

/// The delay before retry number `retry` (1 = first retry). `retry_after_seconds` < 0 = none.
std::chrono::milliseconds RetryDelay(const RetryOptions& options,
                                     int retry,
                                     int retry_after_seconds);

}  // namespace kensa::aws
