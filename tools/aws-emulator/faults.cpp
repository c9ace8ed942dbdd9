#include "faults.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

namespace kensa::emulator {
namespace {

using nlohmann::json;

FaultAction KindAction(const std::string& kind) {
    if (kind == "5xx") {
        return FaultAction::kServerError;
    }
    if (kind == "reset") {
        return FaultAction::kReset;
    }
    if (kind == "quota") {
        return FaultAction::kQuota;
    }
    if (kind == "conflict") {
        return FaultAction::kConflict;
    }
    return FaultAction::kThrottle;
}

// ServiceQuotaExceededException and ConflictException are inspector2 errors; lambda, sts and
// s3 have no such error for the operations emulated, so those calls are left alone.
bool InspectorOnly(FaultAction action) {
    return action == FaultAction::kQuota || action == FaultAction::kConflict;
}

Result<FaultSpec> SpecFromJson(const json& j) {
    FaultSpec spec;
    spec.throttle_rate = j.value("throttleRate", 0.0);
    spec.server_error_rate = j.value("serverErrorRate", 0.0);
    spec.reset_rate = j.value("connectionResetRate", 0.0);
    spec.quota_rate = j.value("quotaRate", 0.0);
    spec.conflict_rate = j.value("conflictRate", 0.0);
    spec.latency_ms = j.value("latencyMs", 0);
    spec.export_failure_code = j.value("exportFailureCode", std::string());
    if (j.contains("failNext")) {
        const json& n = j["failNext"];
        spec.fail_next = n.value("count", 0);
        spec.fail_next_kind = n.value("kind", std::string("throttle"));
        static const std::vector<std::string> kKinds = {
            "throttle", "5xx", "reset", "quota", "conflict"};
        if (std::find(kKinds.begin(), kKinds.end(), spec.fail_next_kind) == kKinds.end()) {
            return Error(ErrorCode::kInvalidInput,
                         "failNext.kind must be throttle, 5xx, reset, quota or conflict");
        }
    }
    double total = 0;
    for (double rate : {spec.throttle_rate,
                        spec.server_error_rate,
                        spec.reset_rate,
                        spec.quota_rate,
                        spec.conflict_rate}) {
        if (rate < 0 || rate > 1) {
            return Error(ErrorCode::kInvalidInput, "fault rates are between 0 and 1");
        }
        total += rate;
    }
    if (total > 1) {
        return Error(ErrorCode::kInvalidInput, "fault rates add up to more than 1");
    }
    return spec;
}

}  // namespace

Status FaultTable::ApplyJson(std::string_view json_text) {
    json root = json::parse(json_text, nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        return Error(ErrorCode::kInvalidInput, "faults must be a JSON object");
    }
    std::map<std::string, FaultSpec> parsed;
    if (root.contains("operation")) {
        KENSA_ASSIGN_OR_RETURN(FaultSpec spec, SpecFromJson(root));
        parsed[root["operation"].get<std::string>()] = spec;
    } else {
        for (const auto& [op, value] : root.items()) {
            if (!value.is_object()) {
                return Error(ErrorCode::kInvalidInput,
                             "fault spec for " + op + " is not an object");
            }
            KENSA_ASSIGN_OR_RETURN(FaultSpec spec, SpecFromJson(value));
            parsed[op] = spec;
        }
    }
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [op, spec] : parsed) {
        specs_[op] = spec;
    }
    return Ok();
}

void FaultTable::Set(const std::string& op, const FaultSpec& spec) {
    std::lock_guard<std::mutex> lock(mu_);
    specs_[op] = spec;
}

void FaultTable::Reset() {
    std::lock_guard<std::mutex> lock(mu_);
    specs_.clear();
}

FaultSpec* FaultTable::Find(const std::string& op) {
    auto it = specs_.find(op);
    if (it != specs_.end()) {
        return &it->second;
    }
    auto colon = op.find(':');
    if (colon != std::string::npos) {
        it = specs_.find(op.substr(colon + 1));
        if (it != specs_.end()) {
            return &it->second;
        }
        it = specs_.find(op.substr(0, colon) + ":*");
        if (it != specs_.end()) {
            return &it->second;
        }
    }
    it = specs_.find("*");
    return it == specs_.end() ? nullptr : &it->second;
}

FaultAction FaultTable::Roll(const FaultSpec& spec, bool inspector2) {
    std::uniform_real_distribution<double> dist(0.0, 1.0);
    double roll = dist(rng_);
    // One draw, laid out over consecutive bands, so the rates stay independent of each other.
    const std::pair<double, FaultAction> bands[] = {
        {spec.throttle_rate, FaultAction::kThrottle},
        {spec.server_error_rate, FaultAction::kServerError},
        {spec.reset_rate, FaultAction::kReset},
        {inspector2 ? spec.quota_rate : 0.0, FaultAction::kQuota},
        {inspector2 ? spec.conflict_rate : 0.0, FaultAction::kConflict}};
    double edge = 0;
    for (const auto& [rate, action] : bands) {
        edge += rate;
        if (roll < edge) {
            return action;
        }
    }
    return FaultAction::kNone;
}

FaultDecision FaultTable::Decide(const std::string& op) {
    std::lock_guard<std::mutex> lock(mu_);
    FaultDecision decision;
    FaultSpec* spec = Find(op);
    if (spec == nullptr) {
        return decision;
    }
    decision.latency_ms = spec->latency_ms;
    const bool inspector2 = op.rfind("inspector2:", 0) == 0;
    FaultAction queued = KindAction(spec->fail_next_kind);
    if (spec->fail_next > 0 && (inspector2 || !InspectorOnly(queued))) {
        --spec->fail_next;
        decision.action = queued;
        ++spec->injected;
        return decision;
    }
    decision.action = Roll(*spec, inspector2);
    if (decision.action != FaultAction::kNone) {
        ++spec->injected;
    }
    return decision;
}

std::string FaultTable::ExportFailureCode() {
    std::lock_guard<std::mutex> lock(mu_);
    FaultSpec* spec = Find("inspector2:CreateSbomExport");
    return spec == nullptr ? std::string() : spec->export_failure_code;
}

std::string FaultTable::ToJson() {
    std::lock_guard<std::mutex> lock(mu_);
    json out = json::object();
    for (const auto& [op, s] : specs_) {
        out[op] = {{"throttleRate", s.throttle_rate},
                   {"serverErrorRate", s.server_error_rate},
                   {"connectionResetRate", s.reset_rate},
                   {"quotaRate", s.quota_rate},
                   {"conflictRate", s.conflict_rate},
                   {"latencyMs", s.latency_ms},
                   {"exportFailureCode", s.export_failure_code},
                   {"failNext", {{"count", s.fail_next}, {"kind", s.fail_next_kind}}},
                   {"injected", s.injected}};
    }
    return out.dump();
}

}  // namespace kensa::emulator
