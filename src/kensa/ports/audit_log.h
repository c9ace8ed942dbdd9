#pragma once
// The audit log: one event per change a person or job makes. Contract: see store.h.

#include <optional>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::ports {

class AuditLog {
public:
    virtual ~AuditLog() = default;

    virtual Status AppendAudit(const domain::AuditEvent& event) = 0;
    /// The group's events, newest first: at most `limit`, with ids below `before_id` when set.
    virtual Result<std::vector<domain::AuditEvent>> ListAudit(domain::Id group_id,
                                                              std::optional<domain::Id> before_id,
                                                              int limit) = 0;
};

}  // namespace kensa::ports
