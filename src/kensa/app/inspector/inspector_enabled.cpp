#include "kensa/app/inspector/inspector_enabled.h"

#include "kensa/app/scan_runs/scan_errors.h"
#include "kensa/common/log.h"

namespace kensa::app {

std::optional<domain::ScanError> InspectorNotEnabled(
    const Result<std::vector<ports::AccountState>>& states,
    const std::vector<domain::ResourceType>& types,
    const std::string& account,
    std::string_view region) {
    constexpr const char* kStep = "inspector2:BatchGetAccountStatus";
    if (!states.ok()) {
        if (states.error().code() == ErrorCode::kPermissionDenied) {
            log::Warn("cannot check whether Inspector is enabled",
                      {{"account", account}, {"reason", states.error().message()}});
            return std::nullopt;
        }
        return ClassifyAwsError(states.error(), kStep);
    }
    for (const auto& s : *states) {
        for (auto type : types) {
            if (auto disabled = domain::InspectorDisabledFor(s, type, region)) {
                domain::ScanError e;
                e.code = "inspector_disabled";
                e.step = kStep;
                e.message = std::move(disabled->message);
                e.hint = std::move(disabled->hint);
                return e;
            }
        }
    }
    return std::nullopt;
}

Result<std::vector<ports::AccountState>> AccountStatusCache::Get(ports::InspectorApi& inspector,
                                                                 const std::string& account) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = states_.find(account);
    if (it != states_.end()) {
        return it->second;
    }
    auto states = inspector.BatchGetAccountStatus(
        account.empty() ? std::vector<std::string>{} : std::vector<std::string>{account});
    if (states.ok() || states.error().code() == ErrorCode::kPermissionDenied) {
        states_.emplace(account, states);
    }
    return states;
}

}  // namespace kensa::app
