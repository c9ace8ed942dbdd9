#pragma once
// The AWS operations kensa's use cases need, as typed ports. The AWS adapter
// (src/kensa/aws) implements them over the real wire protocols; tests may mock them.
//
// Errors: every method returns kensa::Error built by the adapter:
//   - kPermissionDenied with details aws_code (e.g. AccessDeniedException), aws_action
//     (e.g. "inspector2:ListFindings") and, for KMS, kms_action;
//   - kUnauthenticated for bad signatures / unknown keys / expired tokens (aws_code says which);
//   - kUnavailable for throttling (detail throttling=true) and 5xx after retries ran out;
//   - kInvalidInput for ValidationException; kNotFound for ResourceNotFound / NoSuchKey.
//   Every error also carries http_status and request_id details when AWS sent them.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/resource_match.h"

namespace kensa::ports {

// ---------------------------------------------------------------- inspector2

/// The comparison of an inspector2 StringFilter; the adapter writes its wire name.
enum class Comparison { kEquals, kPrefix, kNotEquals };

/// AWS: one filter criterion (StringFilterList and its kin) takes 1 to 10 values.
inline constexpr size_t kMaxFilterValues = 10;

/// One inspector2 StringFilter {comparison, value}.
struct StringFilter {
    Comparison comparison = Comparison::kEquals;
    std::string value;
    bool operator==(const StringFilter&) const = default;
};

inline StringFilter Equals(std::string value) {
    return {Comparison::kEquals, std::move(value)};
}

/// The subset of inspector2 FilterCriteria kensa sends (each list is OR-ed by AWS).
struct FindingFilter {
    std::vector<StringFilter> resource_id;
    std::vector<domain::ResourceType> resource_type;  ///< EQUALS each (kOther is never sent)
    std::vector<StringFilter> finding_status;
    std::vector<StringFilter> finding_type;
    std::vector<StringFilter> aws_account_id;
    std::vector<StringFilter> ecr_image_repository_name;
    std::vector<StringFilter> ecr_image_tags;
    std::vector<StringFilter> lambda_function_name;
    std::vector<StringFilter> vulnerability_id;
};

struct VulnerablePackage {
    std::string name;
    std::string version;
    int epoch = 0;
    std::string release;
    std::string arch;
    std::string package_manager;  ///< OS, PIP, NPM, JAR, ... (unknown values kept verbatim)
    std::string file_path;
    std::string fixed_in_version;
    std::string remediation;
    std::string source_layer_hash;
    std::string source_lambda_layer_arn;
};

struct FindingResource {
    domain::ResourceType type =
        domain::ResourceType::kOther;  ///< kOther for types kensa does not scan
    std::string id;                    ///< instance id, function ARN (may be qualified), image ARN
    std::string region;
    std::string partition;
    // awsEc2Instance
    std::string ec2_platform;
    std::string ec2_image_id;
    // awsLambdaFunction
    std::string lambda_function_name;
    std::string lambda_version;
    std::string lambda_runtime;
    std::string lambda_package_type;
    // awsEcrContainerImage
    std::string ecr_repository_name;
    std::vector<std::string> ecr_image_tags;
    std::string ecr_registry;
    std::string ecr_image_hash;
    std::string ecr_platform;
};

struct Cvss {
    double base_score = 0;
    std::string scoring_vector;
    std::string source;
    std::string version;
};

/// One element of ListFindings' findings[] (the fields kensa maps; see the inspector2 model).
struct Finding {
    std::string finding_arn;
    std::string aws_account_id;
    std::string type;    ///< PACKAGE_VULNERABILITY | CODE_VULNERABILITY | NETWORK_REACHABILITY
    std::string status;  ///< ACTIVE | SUPPRESSED | CLOSED
    std::string severity;
    std::string title;
    std::string description;
    double first_observed_at = 0;  ///< epoch seconds
    double last_observed_at = 0;
    double updated_at = 0;
    std::optional<double> inspector_score;
    std::string exploit_available;  ///< YES | NO | ""
    std::string fix_available;      ///< YES | NO | PARTIAL | ""
    std::optional<double> epss_score;
    std::string remediation_text;
    // packageVulnerabilityDetails
    std::string vulnerability_id;
    std::string vuln_source;
    std::string vuln_source_url;
    std::string vendor_severity;
    std::vector<Cvss> cvss;
    std::vector<std::string> reference_urls;
    std::vector<std::string> related_vulnerabilities;
    std::vector<VulnerablePackage> vulnerable_packages;
    // codeVulnerabilityDetails
    std::string code_detector_id;
    std::string code_detector_name;
    std::vector<std::string> code_cwes;
    std::string code_file_path;
    int code_start_line = 0;
    int code_end_line = 0;
    // networkReachabilityDetails
    std::string network_protocol;
    int network_port_begin = 0;
    int network_port_end = 0;
    std::vector<FindingResource> resources;
};

struct CoveredResource {
    std::string resource_id;
    domain::ResourceType resource_type = domain::ResourceType::kOther;
    std::string account_id;
    std::string scan_type;           ///< NETWORK | PACKAGE | CODE
    std::string scan_status_code;    ///< ACTIVE | INACTIVE
    std::string scan_status_reason;  ///< SUCCESSFUL, PENDING_INITIAL_SCAN, UNSUPPORTED_OS, ...
    std::string scan_mode;           ///< EC2_SSM_AGENT_BASED | EC2_AGENTLESS | ...
    double last_scanned_at = 0;
    // resourceMetadata
    std::string ec2_platform;
    std::string ec2_ami_id;
    std::vector<std::pair<std::string, std::string>> ec2_tags;  ///< includes Name
    std::string lambda_function_name;
    std::string lambda_runtime;
    std::string ecr_image_repository;
    std::vector<std::string> ecr_image_tags;
};

struct CoverageFilter {
    std::vector<domain::ResourceType> resource_type;  ///< EQUALS each
    std::vector<StringFilter> resource_id;
    std::vector<StringFilter> account_id;
    std::vector<StringFilter> scan_type;
};

/// One account of BatchGetAccountStatus: the statuses R15 judges (domain::InspectorDisabledFor),
/// and the per-account error.
struct AccountState : domain::InspectorAccountStatus {
    std::string error_code;
    std::string error_message;
    std::string lambda_code_status;
};

struct SbomExportRequest {
    std::string report_format = "CYCLONEDX_1_4";  ///< or SPDX_2_3
    std::string bucket_name;
    std::string key_prefix;
    std::string kms_key_arn;
    /// resourceFilterCriteria, each OR-ed: resourceId / ec2InstanceTags / lambdaFunctionName / ...
    std::vector<StringFilter> resource_id;
    std::vector<domain::ResourceType> resource_type;  ///< EQUALS each
    std::vector<StringFilter> ecr_repository_name;
    std::vector<StringFilter> ecr_image_tags;
    std::vector<StringFilter> lambda_function_name;
    std::vector<StringFilter> account_id;
};

/// Where an SBOM export is (GetSbomExport status).
enum class SbomExportState { kInProgress, kSucceeded, kFailed, kCancelled };

/// Why Inspector ended an export unsuccessfully (GetSbomExport errorCode); kOther for a code
/// kensa has no advice for.
enum class SbomExportFailure {
    kNone,
    kInvalidPermissions,
    kBucketNotFound,
    kIncompatibleBucketRegion,
    kMalformedKmsKey,
    kNoFindingsFound,
    kOther
};

struct SbomExportStatus {
    std::string report_id;
    std::string format;
    SbomExportState state = SbomExportState::kInProgress;
    SbomExportFailure failure = SbomExportFailure::kNone;
    std::string status;      ///< as AWS wrote it (IN_PROGRESS, ...), for messages only
    std::string error_code;  ///< as AWS wrote it: for messages, and the run code of unknown ones
    std::string error_message;
    std::string bucket_name;
    std::string key_prefix;
    std::string kms_key_arn;
};

/// A page callback returns false to stop paging early.
using FindingPageFn = std::function<bool(std::vector<Finding>&& page)>;
using CoveragePageFn = std::function<bool(std::vector<CoveredResource>&& page)>;

class InspectorApi {
public:
    virtual ~InspectorApi() = default;
    /// Follows nextToken over every page (100 per page), calling on_page for each.
    virtual Status ListFindings(const FindingFilter& filter, const FindingPageFn& on_page) = 0;
    /// Follows nextToken over every page (200 per page).
    virtual Status ListCoverage(const CoverageFilter& filter, const CoveragePageFn& on_page) = 0;
    /// accountIds may be empty (= caller's account).
    virtual Result<std::vector<AccountState>> BatchGetAccountStatus(
        const std::vector<std::string>& account_ids) = 0;
    virtual Result<std::string> CreateSbomExport(const SbomExportRequest& request) = 0;
    virtual Result<SbomExportStatus> GetSbomExport(const std::string& report_id) = 0;
    virtual Status CancelSbomExport(const std::string& report_id) = 0;
};
using InspectorApiPtr = std::unique_ptr<InspectorApi>;

// ---------------------------------------------------------------- lambda

struct LambdaFunctionInfo {
    std::string function_name;
    std::string function_arn;  ///< as AWS returns it (unqualified from ListFunctions)
    std::string runtime;       ///< empty for PackageType Image
    std::string package_type;  ///< Zip | Image
    std::string version;       ///< $LATEST or a number
    std::string last_modified;
    std::string code_sha256;
    std::vector<std::string> architectures;
    std::vector<std::string> layer_arns;
};

class LambdaApi {
public:
    virtual ~LambdaApi() = default;
    /// Follows Marker/NextMarker over every page, calling on_page for each (false stops).
    virtual Status ListFunctions(
        const std::function<bool(std::vector<LambdaFunctionInfo>&&)>& on_page) = 0;
    /// GetFunction; name_or_arn may be a name, a full or partial ARN, optionally qualified.
    virtual Result<LambdaFunctionInfo> GetFunction(const std::string& name_or_arn) = 0;
};
using LambdaApiPtr = std::unique_ptr<LambdaApi>;

// ---------------------------------------------------------------- sts

struct CallerIdentity {
    std::string account;
    std::string arn;
    std::string user_id;
};

class StsApi {
public:
    virtual ~StsApi() = default;
    virtual Result<CallerIdentity> GetCallerIdentity() = 0;
};
using StsApiPtr = std::unique_ptr<StsApi>;

// ---------------------------------------------------------------- s3

struct S3Object {
    std::string key;
    int64_t size = 0;
    std::string etag;
    std::string last_modified;
};

class S3Api {
public:
    virtual ~S3Api() = default;
    /// ListObjectsV2 over every page (ContinuationToken).
    virtual Status ListObjects(const std::string& bucket,
                               const std::string& prefix,
                               const std::function<bool(std::vector<S3Object>&&)>& on_page) = 0;
    /// GetObject, streaming the body to on_chunk as it arrives (never buffered whole).
    /// on_chunk returning false aborts the transfer with kInternal("aborted by caller").
    virtual Status GetObject(const std::string& bucket,
                             const std::string& key,
                             const std::function<bool(std::string_view chunk)>& on_chunk) = 0;
    virtual Status PutObject(const std::string& bucket,
                             const std::string& key,
                             const std::string& body) = 0;
    /// Returns the bucket's region ("us-east-1" for the empty LocationConstraint).
    virtual Result<std::string> GetBucketLocation(const std::string& bucket) = 0;
};
using S3ApiPtr = std::unique_ptr<S3Api>;

/// The clients for one set of credentials and one region.
struct AwsClients {
    InspectorApiPtr inspector;
    LambdaApiPtr lambda;
    StsApiPtr sts;
    S3ApiPtr s3;
};

}  // namespace kensa::ports
