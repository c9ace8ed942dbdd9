#pragma once
// Use cases: registering EC2 instances (R3), pseudo servers with Lambda functions (R5–R7)
// and ECR images (R9).

#include <string>
#include <vector>

#include "kensa/app/context.h"

namespace kensa::app {

/// An EC2 instance Inspector covers, as the "Add EC2 instance" picker shows it.
struct Ec2Candidate {
    std::string instance_id;
    std::string name;  ///< Name tag
    std::string platform;
    std::string account_id;
    std::string scan_status;  ///< ACTIVE | INACTIVE
    std::string scan_reason;  ///< SUCCESSFUL, PENDING_INITIAL_SCAN, ...
    std::string scan_mode;    ///< EC2_SSM_AGENT_BASED | EC2_AGENTLESS
    bool registered = false;
};

struct LambdaCandidate {
    std::string arn;  ///< unqualified
    std::string name;
    std::string runtime;
    std::string package_type;
    bool registrable = true;        ///< false for PackageType Image (R7)
    bool runtime_supported = true;  ///< Inspector scans this runtime
    std::string note;
};

/// Result of adding one function.
struct LambdaAddResult {
    std::string arn;
    bool added = false;
    bool runtime_supported = true;
    std::string message;
};

Result<std::vector<Ec2Candidate>> ListEc2Candidates(const AppContext& ctx, domain::Id group_id);
/// Registers the chosen instances (ids must be covered by Inspector). Returns new server ids.
Result<std::vector<domain::Id>> RegisterEc2Instances(const AppContext& ctx,
                                                     domain::Id group_id,
                                                     const std::vector<std::string>& instance_ids);

Result<domain::Id> CreatePseudoServer(const AppContext& ctx,
                                      domain::Id group_id,
                                      const std::string& name);
/// An SBOM-file server (R18): its software comes from the SBOM files imported into it, with no
/// AWS resource behind it. kInvalidInput without a name.
Result<domain::Id> CreateSbomServer(const AppContext& ctx,
                                    domain::Id group_id,
                                    const std::string& name);
Result<std::vector<LambdaCandidate>> ListLambdaCandidates(const AppContext& ctx,
                                                          domain::Id group_id);
/// Adds functions (names or ARNs) to a pseudo server, each checked with GetFunction. A
/// container-image function is refused with a clear message; an unsupported runtime is
/// added and flagged. Returns one result per requested function.
Result<std::vector<LambdaAddResult>> AddLambdaFunctions(
    const AppContext& ctx,
    domain::Id pseudo_server_id,
    const std::vector<std::string>& names_or_arns);

Result<domain::Id> RegisterEcrImage(const AppContext& ctx,
                                    domain::Id group_id,
                                    const std::string& registry,
                                    const std::string& region,
                                    const std::string& repository,
                                    const std::string& tag);

/// A Lambda runtime in Lambda's spelling (python3.12, nodejs18.x, java8.al2) from Inspector's
/// (PYTHON_3_12, NODEJS_18_X, JAVA_8_AL2); Lambda's spelling is returned as it is.
std::string LambdaRuntimeSpelling(std::string_view runtime);

/// Whether Amazon Inspector scans functions of `runtime`, in either spelling
/// (data/inspector/lambda-supported-runtimes.txt).
bool IsInspectorSupportedRuntime(const std::string& runtime);

/// Inspector's coverage of what the server stands for (ListCoverage): the EC2 instance, each
/// Lambda function of a pseudo server, or the ECR image tag. It answers "why are there no
/// findings?" (scan status INACTIVE with UNSUPPORTED_OS, STALE_INVENTORY, ...). A Vuls server
/// has none. An empty list: Inspector does not cover the resource at all.
Result<std::vector<ports::CoveredResource>> ServerCoverage(const AppContext& ctx,
                                                           domain::Id group_id,
                                                           domain::Id server_id);

}  // namespace kensa::app
