#pragma once
// Fault injection per operation ("inspector2:ListFindings", "s3:GetObject", "*"): random rates
// (seeded, so runs repeat), added latency, and a deterministic "fail the next N calls" queue.

#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

#include "kensa/common/error.h"

namespace kensa::emulator {

struct FaultSpec {
    double throttle_rate = 0;         ///< 0..1: answer with the service's throttling error
    double server_error_rate = 0;     ///< 0..1: answer with the service's 5xx error
    double reset_rate = 0;            ///< 0..1: send half the body, then drop the connection
    double quota_rate = 0;            ///< 0..1 (inspector2 only): 402 ServiceQuotaExceededException
    double conflict_rate = 0;         ///< 0..1 (inspector2 only): 409 ConflictException
    int latency_ms = 0;               ///< added before answering
    std::string export_failure_code;  ///< CreateSbomExport only: the export ends FAILED with it
    int fail_next = 0;                ///< deterministic: fail the next N calls...
    /// ...with "throttle" | "5xx" | "reset" | "quota" | "conflict" (the last two: inspector2)
    std::string fail_next_kind = "throttle";
    int64_t injected = 0;  ///< faults injected so far (reported, not configured)
};

enum class FaultAction { kNone, kThrottle, kServerError, kReset, kQuota, kConflict };

struct FaultDecision {
    FaultAction action = FaultAction::kNone;
    int latency_ms = 0;
};

class FaultTable {
public:
    explicit FaultTable(uint64_t seed) : rng_(seed) {}

    /// Applies a JSON object {"<op>": {spec}, ...}; each spec replaces the previous one for op.
    /// A single spec may also be given as {"operation": "<op>", ...}.
    Status ApplyJson(std::string_view json_text);
    void Set(const std::string& op, const FaultSpec& spec);
    void Reset();

    /// Decides the fate of one call of `op` (e.g. "inspector2:ListFindings").
    FaultDecision Decide(const std::string& op);
    /// The export failure code configured for CreateSbomExport (or "*"), empty if none.
    std::string ExportFailureCode();
    /// Current table as JSON.
    std::string ToJson();

private:
    FaultSpec* Find(const std::string& op);
    FaultAction Roll(const FaultSpec& spec, bool inspector2);

    std::mutex mu_;
    std::map<std::string, FaultSpec> specs_;
    std::mt19937_64 rng_;
};

}  // namespace kensa::emulator
