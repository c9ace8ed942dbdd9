#pragma once
// Use case: the normal Inspector scan of a server (R1, R3, R4, R8, R20; design flow 1).
//
// ListFindings is filtered to the server's resources and followed over every page; findings
// stream through the FindingMapper, and the store reconciles the result in one transaction.
// Every run is recorded as a ScanRun. An AWS failure (AccessDenied, throttling after retries,
// expired credentials, Inspector disabled) ends the run as failed with a structured error and
// changes no task: it never reads as "0 vulnerabilities".

#include <vector>

#include "kensa/app/context.h"
#include "kensa/app/inspector/inspector_enabled.h"

namespace kensa::app {

class InspectorScan {
public:
    explicit InspectorScan(const AppContext& ctx) : ctx_(ctx) {}

    /// Scans one server and returns its finished run (succeeded or failed). Returns an error
    /// only when no run could be recorded: unknown server, a Vuls server, or a server in
    /// inspector_sbom mode (kConflict, R13).
    Result<domain::ScanRun> ScanServer(domain::Id server_id, domain::ScanTrigger trigger);

    /// Scans every normal-mode EC2, pseudo and ECR server of the group, ctx.scan_workers at a
    /// time. Each worker has its own AWS clients (connections are reused from one server to the
    /// next), and whether Inspector is enabled is asked once per account. Runs come back in the
    /// order of the group's servers.
    Result<std::vector<domain::ScanRun>> ScanGroup(domain::Id group_id,
                                                   domain::ScanTrigger trigger);

private:
    Result<domain::ScanRun> Scan(const domain::Server& server,
                                 const domain::Group& group,
                                 domain::ScanTrigger trigger,
                                 Result<ports::AwsClients>& clients,
                                 AccountStatusCache& accounts);
    std::optional<domain::ScanError> Observe(const domain::Server& server,
                                             const domain::Group& group,
                                             const std::vector<domain::LambdaFunction>& functions,
                                             Result<ports::AwsClients>& clients,
                                             AccountStatusCache& accounts,
                                             domain::ScanRun* run);

    const AppContext& ctx_;
};

/// The inspector2 filters that select one server's findings (more than one for pseudo
/// servers with more than 10 functions: AWS allows 10 values per filter).
std::vector<ports::FindingFilter> FindingFiltersFor(
    const domain::Server& server, const std::vector<domain::LambdaFunction>& functions);

}  // namespace kensa::app
