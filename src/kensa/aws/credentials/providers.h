#pragma once
// The credential sources of the standard chain that need files, HTTP or STS: AssumeRole (with
// its refresh cache), shared profile files, web identity, the ECS container endpoint and EC2
// IMDSv2, plus the default chain assembling them. Each reads configuration only from the
// ProviderContext it is given, never from the process directly, so a group's explicit settings
// cannot pick up the server's own environment.

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "kensa/aws/credentials/credentials_provider.h"
#include "kensa/aws/http_transport.h"
#include "kensa/aws/sts_client.h"

namespace kensa::aws {

/// Shared inputs of the providers below.
struct ProviderContext {
    /// For the ECS endpoint and IMDS (link-local; use short timeouts).
    HttpTransportPtr metadata_transport;
    const Clock* clock = &RealClock::Instance();
    EnvLookup env = EmptyEnv();
    /// Builds an STS client that signs with `base` (null = unsigned, for web identity).
    std::function<std::shared_ptr<StsClient>(CredentialsProviderPtr base)> make_sts;
};

/// AssumeRole on top of `base`, cached until 5 minutes before expiry (clock from sts context).
CredentialsProviderPtr MakeAssumeRoleProvider(std::shared_ptr<StsClient> sts,
                                              AssumeRoleRequest request,
                                              const Clock& clock);

/// One INI file: section name → key → value (keys lower-cased, values trimmed).
using IniFile = std::map<std::string, std::map<std::string, std::string>>;
/// Parses the ~/.aws/{credentials,config} INI dialect ('#'/';' comments, [section], k = v).
IniFile ParseIni(std::string_view text);

/// The named profile (empty = AWS_PROFILE, else "default") from AWS_SHARED_CREDENTIALS_FILE /
/// AWS_CONFIG_FILE (default ~/.aws/credentials and ~/.aws/config, HOME from the context env).
/// Supports static keys, role_arn + source_profile | credential_source (Environment,
/// Ec2InstanceMetadata, EcsContainer) + external_id + role_session_name + duration_seconds,
/// and role_arn + web_identity_token_file. A missing default profile is kUnauthenticated (the
/// chain moves on); an explicitly named missing or broken profile is kInvalidInput.
CredentialsProviderPtr MakeProfileProvider(ProviderContext context, std::string profile = {});

/// AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (+ AWS_ROLE_SESSION_NAME): AssumeRoleWithWebIdentity.
CredentialsProviderPtr MakeWebIdentityProvider(ProviderContext context);

/// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (http://169.254.170.2) or _FULL_URI (loopback, the
/// ECS/EKS link-local hosts, or https), with AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE).
CredentialsProviderPtr MakeContainerProvider(ProviderContext context);

/// EC2 IMDSv2: PUT /latest/api/token, then GET the role's credentials with that token.
/// AWS_EC2_METADATA_DISABLED=true disables it; AWS_EC2_METADATA_SERVICE_ENDPOINT overrides the
/// host.
CredentialsProviderPtr MakeImdsProvider(ProviderContext context);

/// env → web identity → profile → container → IMDS.
CredentialsProviderPtr MakeDefaultChain(ProviderContext context);

}  // namespace kensa::aws
