#pragma once
// The emulated AWS world: accounts, principals, resources, software, vulnerabilities, buckets.
// Plain value types; the fleet file (fleet_json.cpp) fills them, Emulator guards them.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kensa::emulator {

enum class ResourceType { kEc2Instance, kEcrImage, kLambdaFunction };

/// Inspector's enum spelling: AWS_EC2_INSTANCE, AWS_ECR_CONTAINER_IMAGE, AWS_LAMBDA_FUNCTION.
std::string_view ResourceTypeName(ResourceType type);
std::optional<ResourceType> ParseResourceType(std::string_view name);

struct Account {
    std::string id;
    std::string region;
    bool ec2_enabled = true;
    bool ecr_enabled = true;
    bool lambda_enabled = true;
    bool lambda_code_enabled = false;
    bool InspectorEnabled() const { return ec2_enabled || ecr_enabled || lambda_enabled; }
    bool Enabled(ResourceType type) const;
};

struct User {
    std::string name;
    std::string account_id;
    std::string access_key_id;
    std::string secret_access_key;
    std::vector<std::string> actions;  ///< "inspector2:*", "s3:GetObject", "*"
    std::string Arn() const { return "arn:aws:iam::" + account_id + ":user/" + name; }
};

struct Role {
    std::string arn;
    std::string name;
    std::string account_id;
    std::vector<std::string> trusted_principals;  ///< principal ARNs, account ids, or "*"
    std::string external_id;                      ///< required when non-empty
    std::vector<std::string> actions;
    int max_session_seconds = 3600;
};

/// Temporary credentials issued by AssumeRole.
struct Session {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;
    std::string role_arn;
    std::string role_name;
    std::string session_name;
    std::string account_id;
    std::string role_id;
    std::vector<std::string> actions;
    int64_t expiration = 0;  ///< epoch seconds, emulator clock
    std::string Arn() const {
        return "arn:aws:sts::" + account_id + ":assumed-role/" + role_name + "/" + session_name;
    }
};

/// The authenticated caller of one request.
struct Principal {
    std::string arn;
    std::string account_id;
    std::string user_id;
    std::vector<std::string> actions;
};

struct Package {
    std::string name;
    std::string version;
    int epoch = 0;
    std::string release;
    std::string arch;
    std::string package_manager = "OS";
    std::string purl;  ///< optional; built from the other fields when empty
    std::string license;
    std::string file_path;
    std::string source_layer_hash;
    std::string source_lambda_layer_arn;
};

struct Resource {
    ResourceType type = ResourceType::kEc2Instance;
    std::string id;  ///< Inspector resource id (instance id, image ARN, function ARN:$LATEST)
    std::string account_id;
    std::string region;
    std::map<std::string, std::string> tags;
    std::vector<Package> packages;
    std::string scan_status_code = "ACTIVE";
    std::string scan_status_reason = "SUCCESSFUL";
    int64_t last_scanned_at = 0;
    // EC2
    std::string instance_id;
    std::string name;
    std::string platform;  ///< Inspector platform, e.g. AMAZON_LINUX_2023, UBUNTU_22_04, RHEL_9
    std::string ami_id;
    std::string instance_type = "t3.medium";
    std::string architecture = "x86_64";
    std::string subnet_id;
    std::string vpc_id;
    std::string key_name;
    std::vector<std::string> ipv4_addresses;
    int64_t launched_at = 0;
    // Lambda
    std::string function_name;
    std::string runtime;  ///< Lambda spelling, e.g. python3.12
    std::string package_type = "Zip";
    std::string handler;
    std::string role_arn;
    std::string code_sha256;
    std::string image_uri;
    std::string description;
    std::vector<std::string> layers;
    std::vector<std::string> versions;  ///< published versions besides $LATEST
    int memory_size = 128;
    int timeout = 3;
    int64_t code_size = 0;
    int64_t last_modified = 0;
    // ECR image
    std::string repository;
    std::string digest;  ///< "sha256:..."
    std::vector<std::string> image_tags;
    std::string author;
    int64_t pushed_at = 0;

    std::string Arn() const;  ///< instance / image / function ARN (without qualifier)
    const Package* FindPackage(std::string_view name) const;
    /// Whether Inspector scans it at all. Lambda scanning covers .zip functions only, so a
    /// container-image function has no coverage entry, no findings and no SBOM document.
    bool Scanned() const {
        return type != ResourceType::kLambdaFunction || package_type != "Image";
    }
};

struct AffectedRange {
    std::string introduced;  ///< inclusive; empty = from the beginning
    std::string fixed;       ///< exclusive; empty = not fixed
};

/// A further package one finding lists. Inspector emits one finding per (resource,
/// vulnerability) with every affected package (e.g. libxml2 and libxml2-python).
struct AlsoPackage {
    std::string name;
    std::vector<AffectedRange> ranges;  ///< own affected versions; empty with no fixed_version
    std::string fixed_version;          ///< ... means the vulnerability's own version rule
    bool unfixed = false;  ///< no fix: every version is affected, fixedInVersion "NotAvailable"
};

struct Vulnerability {
    std::string id;
    std::string type = "PACKAGE_VULNERABILITY";
    std::string package_name;
    std::string package_manager;  ///< optional restriction
    std::vector<std::string> affected_versions;
    std::vector<AffectedRange> ranges;
    std::string fixed_version;
    std::string severity = "MEDIUM";
    std::string title;
    std::string description;
    std::string source = "NVD";
    std::string source_url;
    std::string vendor_severity;
    double cvss_score = 0;
    std::string cvss_vector;
    std::string cvss_version = "3.1";
    double epss = 0;
    bool exploit_available = false;
    std::vector<std::string> reference_urls;
    std::vector<std::string> related;
    /// Packages listed in the same finding as `package_name` (when installed and affected).
    /// Without any, every affected package has a finding of its own.
    std::vector<AlsoPackage> also_packages;
    std::vector<std::string>
        resource_ids;          ///< restrict to these resources (required for CODE/NETWORK)
    std::string details_json;  ///< codeVulnerabilityDetails / networkReachabilityDetails object
    std::string remediation;
    int64_t vendor_created_at = 0;
    bool closed = false;      ///< withdrawn: every finding of it is CLOSED
    bool suppressed = false;  ///< a suppression rule matches it: its findings are SUPPRESSED
};

struct BucketStatement {
    std::string effect = "Allow";
    std::vector<std::string> principals;  ///< ARNs, account ids, "*", or "inspector2.amazonaws.com"
    std::vector<std::string> actions;     ///< "s3:GetObject", "s3:*"
    std::string resource_prefix;          ///< key prefix; empty = whole bucket
};

struct Bucket {
    std::string name;
    std::string account_id;
    std::string region;
    std::string kms_key_arn;  ///< default SSE-KMS key; empty = SSE-S3
    bool has_policy = false;
    std::vector<BucketStatement> policy;
};

struct KmsKey {
    std::string arn;
    std::string account_id;
    std::string region;
};

struct Settings {
    std::string region = "us-east-1";
    int sbom_export_seconds = 2;  ///< how long an export stays IN_PROGRESS
    int64_t start_time = 0;  ///< epoch seconds for firstObservedAt of initial findings; 0 = now
    /// Test knob: also write one SBOM document per published Lambda version. Real Inspector
    /// exports $LATEST only; this lets tests prove a client ignores the other versions.
    bool sbom_export_lambda_versions = false;
    /// IN_PROGRESS SBOM exports one account may have; a further CreateSbomExport is refused
    /// (ConflictException). Inspector runs one at a time; 0 = no limit, for tests that need more.
    int sbom_exports_at_once = 1;
};

struct Fleet {
    Settings settings;
    std::vector<Account> accounts;
    std::vector<User> users;
    std::vector<Role> roles;
    std::vector<Resource> resources;
    std::vector<Vulnerability> vulnerabilities;
    std::vector<Bucket> buckets;
    std::vector<KmsKey> kms_keys;
    std::string faults_json;  ///< the fleet file's "faults" object, applied at start

    const Account* FindAccount(std::string_view id) const;
    Resource* FindResource(std::string_view id_or_name);
    const Resource* FindResource(std::string_view id_or_name) const;
    const Bucket* FindBucket(std::string_view name) const;
};

}  // namespace kensa::emulator
