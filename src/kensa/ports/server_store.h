#pragma once
// Servers and the Lambda functions of pseudo servers. Contract: see store.h.

#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::ports {

class ServerStore {
public:
    virtual ~ServerStore() = default;

    virtual Result<domain::Id> CreateServer(const domain::Server& server) = 0;
    virtual Result<domain::Server> GetServer(domain::Id server_id) = 0;
    virtual Result<std::vector<domain::Server>> ListServers(domain::Id group_id) = 0;
    virtual Status SetScanMode(domain::Id server_id, domain::ScanMode mode) = 0;
    /// Deletes the server with its software, detections and tasks, and writes `audit` in the
    /// same transaction.
    virtual Status DeleteServer(domain::Id server_id, const domain::AuditEvent& audit) = 0;
    /// Adds a function to a pseudo server; kConflict if the ARN is already there.
    virtual Result<domain::Id> AddLambdaFunction(const domain::LambdaFunction& fn) = 0;
    virtual Result<std::vector<domain::LambdaFunction>> ListLambdaFunctions(
        domain::Id server_id) = 0;
    /// Records what the last SBOM import read for a server (diagnostics, R20).
    virtual Status RecordSbomImport(domain::Id server_id,
                                    const std::string& object_keys,
                                    int64_t components,
                                    domain::EpochSeconds now) = 0;
};

}  // namespace kensa::ports
