#pragma once
// The AWS resources kensa scans, and which registered server each one belongs to (R16), with
// the per-type "is Inspector enabled" verdict (R15). One rule each, used by the findings scan
// (app/inspector) and by the SBOM export import (app/sbom) alike.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kensa/domain/model.h"

namespace kensa::domain {

/// The Inspector resource types kensa registers servers for; kOther for every other type.
enum class ResourceType { kEc2Instance, kEcrImage, kLambdaFunction, kOther };

/// "EC2", "ECR", "Lambda" or "other": the names users read in messages.
std::string_view DisplayName(ResourceType type);
/// The resource type a server kind is scanned as; nullopt for Vuls servers (never scanned by AWS).
std::optional<ResourceType> ResourceTypeOf(ServerKind kind);

/// What a finding or an SBOM document says about the resource it describes.
struct ResourceRef {
    ResourceType type = ResourceType::kOther;
    /// EC2: instance id. Lambda: function ARN, qualified or not. ECR: image digest or ARN.
    std::string id;
    std::string ecr_repository;
    std::vector<std::string> ecr_tags;  ///< ECR: the tags the image carries
};

/// A resource matched to a registered server: which server (by index in the list the index was
/// built from) and, for a Lambda function on a pseudo server, which function.
struct ResourceMatch {
    size_t server = 0;
    std::optional<Id> lambda_function_id;
    bool operator==(const ResourceMatch&) const = default;
};

/// "arn:aws:lambda:r:a:function:name:$LATEST" -> "arn:aws:lambda:r:a:function:name".
std::string UnqualifiedLambdaArn(std::string_view arn);
/// The version part of a qualified function ARN ("$LATEST", "3"); empty when unqualified.
std::string LambdaQualifier(std::string_view arn);
/// R15: only the latest version of a function is imported from an export.
bool IsLatestLambdaVersion(std::string_view qualifier);

/// R16: EC2 by instance id, Lambda by unqualified function ARN, ECR by repository and a
/// registered tag. Built once over the servers of a scan; Match is pure and cheap.
class ResourceIndex {
public:
    /// `functions[i]` are the Lambda functions of `servers[i]` (empty for other kinds). Vuls
    /// servers are never matched.
    ResourceIndex(const std::vector<Server>& servers,
                  const std::vector<std::vector<LambdaFunction>>& functions);

    /// Every registered server the resource belongs to (an ECR image may carry the tags of
    /// several servers); empty when none.
    std::vector<ResourceMatch> Match(const ResourceRef& resource) const;

    /// The resource types of the indexed servers, for export filters.
    const std::vector<ResourceType>& types() const { return types_; }
    /// The registered ECR tags, for export filters.
    std::vector<std::string> ecr_tags() const;

private:
    std::map<std::string, size_t> ec2_;                    ///< instance id -> server
    std::map<std::string, std::pair<size_t, Id>> lambda_;  ///< function ARN -> server, fn
    std::map<std::pair<std::string, std::string>, std::vector<size_t>> ecr_;  ///< (repo, tag)
    std::vector<ResourceType> types_;
};

/// Amazon Inspector's status in one account, as BatchGetAccountStatus reports it. An empty
/// status means "not reported" and is not held against the account.
struct InspectorAccountStatus {
    std::string account_id;
    std::string status;  ///< account level: ENABLED, DISABLED, SUSPENDING, ...
    std::string ec2_status;
    std::string ecr_status;
    std::string lambda_status;
};

/// Why Inspector cannot scan a resource type in an account.
struct InspectorDisabled {
    std::string message;  ///< "Amazon Inspector Lambda scanning is DISABLED in account 1234..."
    std::string hint;     ///< how to enable it
};

/// R15: nullopt when Inspector scans `type` in the account; otherwise why not. The findings
/// scan and the SBOM export both ask this, so they cannot disagree.
std::optional<InspectorDisabled> InspectorDisabledFor(const InspectorAccountStatus& status,
                                                      ResourceType type,
                                                      std::string_view region);

}  // namespace kensa::domain
