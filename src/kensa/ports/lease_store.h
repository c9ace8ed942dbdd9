#pragma once
// Named leases, so that a job shared by several kensa processes runs once. Contract: store.h.

#include <string>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::ports {

class LeaseStore {
public:
    virtual ~LeaseStore() = default;

    /// Takes or renews a named lease until now+ttl; false if another holder has it.
    virtual Result<bool> TryAcquireLease(const std::string& name,
                                         const std::string& holder,
                                         domain::EpochSeconds now,
                                         int ttl_seconds) = 0;
};

}  // namespace kensa::ports
