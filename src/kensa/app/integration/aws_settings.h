#pragma once
// Use cases: a group's AWS integration (R2) — set it, show it without the secret, and test it.

#include <string>
#include <vector>

#include "kensa/app/context.h"

namespace kensa::app {

/// What a user submits. secret_access_key is plaintext here and encrypted before storing.
struct AwsSettingsInput {
    domain::AwsAuthType auth_type = domain::AwsAuthType::kAccessKey;
    std::string region;
    std::string access_key_id;
    std::string secret_access_key;  ///< empty on update = keep the stored secret
    std::string role_arn;
    std::string endpoint_url;
};

/// One permission kensa needs, and whether the test found it granted.
struct PermissionCheck {
    std::string action;
    bool granted = false;
    std::string detail;    ///< AWS's error when not granted
    bool not_aws = false;  ///< the answer had no AWS error shape: the endpoint is not AWS
};

struct ConnectionReport {
    bool ok = false;  ///< identity resolved and every permission granted
    std::string account;
    std::string arn;
    std::string error;  ///< set when the identity itself could not be resolved
    std::vector<PermissionCheck> permissions;
    std::vector<std::string> missing;  ///< actions not granted
    std::string policy_snippet;        ///< IAM statement adding exactly the missing actions
};

/// The external id kensa generates for a group (kensa-<32 hex>).
std::string NewExternalId();

/// Validates and stores the settings; the external id is kept (generated at group creation).
Status SetAwsSettings(const AppContext& ctx,
                      domain::Id group_id,
                      const AwsSettingsInput& input,
                      const std::string& actor);

/// GetCallerIdentity, then one probe per permission kensa needs for the normal scan
/// (inspector2:ListCoverage, inspector2:ListFindings, lambda:ListFunctions, lambda:GetFunction).
Result<ConnectionReport> TestConnection(const AppContext& ctx, domain::Id group_id);

}  // namespace kensa::app
