#pragma once
// R15 for the jobs that read from Inspector: the findings scan and the SBOM export both ask
// BatchGetAccountStatus, and both judge its answer here with domain::InspectorDisabledFor.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kensa/domain/resource_match.h"
#include "kensa/domain/scan_reconcile.h"
#include "kensa/ports/aws_api.h"

namespace kensa::app {

/// The failed run's error when Inspector does not scan one of `types` in the accounts
/// answered (code inspector_disabled), or when BatchGetAccountStatus failed. A caller without
/// the BatchGetAccountStatus permission cannot check: that is logged, and the job goes on (what
/// Inspector then returns or refuses says the rest).
std::optional<domain::ScanError> InspectorNotEnabled(
    const Result<std::vector<ports::AccountState>>& states,
    const std::vector<domain::ResourceType>& types,
    const std::string& account,
    std::string_view region);

/// BatchGetAccountStatus answers, one per account for the length of a job. Successes and
/// AccessDenied are kept; any other failure is asked again by the next caller. Thread-safe.
class AccountStatusCache {
public:
    Result<std::vector<ports::AccountState>> Get(ports::InspectorApi& inspector,
                                                 const std::string& account);

private:
    std::mutex mutex_;
    std::map<std::string, Result<std::vector<ports::AccountState>>> states_;
};

}  // namespace kensa::app
