#pragma once
// The audit log: one event per change a person or job makes. Contract: see store.h.

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::ports {

class AuditLog {
public:
    virtual ~AuditLog() = default;

    virtual Status AppendAudit(const domain::AuditEvent& event) = 0;
};

}  // namespace kensa::ports
