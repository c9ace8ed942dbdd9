#pragma once
// How the application obtains AWS clients for one group's integration. The composition root
// binds this to the AWS adapter (aws::MakeAwsClients); tests may bind fakes.

#include <functional>
#include <string>

#include "kensa/ports/aws_api.h"

namespace kensa::ports {

/// Everything needed to talk to AWS on behalf of one group. Holds a decrypted secret: keep
/// it on the stack of the call that needs it, never log it, never store it.
struct AwsConnectSpec {
    std::string region;
    std::string access_key_id;      ///< IAM user key (or the base key for AssumeRole)
    std::string secret_access_key;  ///< decrypted for this call only
    std::string role_arn;           ///< AssumeRole on top when set
    std::string external_id;
    std::string endpoint_url;  ///< override for every service (emulator, VPC endpoint)
};

using AwsClientsFactory = std::function<Result<AwsClients>(const AwsConnectSpec&)>;

}  // namespace kensa::ports
