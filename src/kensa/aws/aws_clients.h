#pragma once
// The factory the application layer calls to get the AWS ports for one group (one set of
// credentials, one region). Example:
//
//   kensa::aws::AwsAuthConfig auth;
//   auth.region = "eu-west-1";
//   auth.static_credentials = Credentials{key_id, secret};
//   auth.role_arn = "arn:aws:iam::123456789012:role/KensaReader";
//   auth.external_id = group.external_id;
//   KENSA_ASSIGN_OR_RETURN(auto clients, kensa::aws::MakeAwsClients(auth));
//   KENSA_TRY(clients.inspector->ListFindings(filter, on_page));

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "kensa/aws/credentials/credentials.h"
#include "kensa/aws/credentials/credentials_provider.h"
#include "kensa/aws/env.h"
#include "kensa/aws/http_transport.h"
#include "kensa/common/clock.h"
#include "kensa/common/error.h"
#include "kensa/ports/aws_api.h"

namespace kensa::aws {

class Inspector2Client;
class LambdaClient;
class StsClient;
class S3Client;

/// How one group (or the operator's CLI) authenticates and where it sends requests.
struct AwsAuthConfig {
    /// Required, e.g. "us-east-1"; also the signing region.
    std::string region;
    /// IAM user keys. If unset and role_arn is empty → the default chain (env, web identity,
    /// profile, container, IMDS). If unset and role_arn is set → AssumeRole on the default chain.
    std::optional<Credentials> static_credentials;
    /// Optional AssumeRole on top of the base credentials (cached, refreshed 5 min before expiry).
    std::string role_arn;
    /// Sent as ExternalId when non-empty (the confused-deputy guard of cross-account roles).
    std::string external_id;
    std::string role_session_name = "kensa";
    /// AssumeRole DurationSeconds (900..43200).
    int role_duration_seconds = 3600;
    /// Service ("inspector2", "lambda", "sts", "s3", or "" for all) → endpoint URL. When
    /// non-empty the environment is not consulted for endpoints. When empty →
    /// AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, then the real regional AWS hosts.
    std::map<std::string, std::string> endpoint_urls;
};

/// Client behaviour; the defaults suit production.
struct AwsClientOptions {
    /// Attempts per call including the first (AWS "standard" retry mode; 1 disables retries).
    int max_attempts = 3;
    /// Time source for signing, retry sleeps and credential expiry; null = RealClock. Must
    /// outlive the clients.
    const Clock* clock = nullptr;
    /// Timeouts, the buffered response cap (32 MiB) and TLS for the AWS API transport.
    TransportOptions transport_options;
    /// Pages one listing (ListFindings, ListCoverage, ListFunctions, ListObjectsV2) may fetch
    /// before it fails with "more than N pages"; at least 1.
    int max_pages = 100000;
    /// Use this transport instead of creating a libcurl one (tests inject a fake).
    HttpTransportPtr transport;
    /// Transport for the ECS/IMDS credential endpoints; null = libcurl with 1 s timeouts.
    HttpTransportPtr metadata_transport;
    /// The environment the default chain and endpoint variables read; null = the process's.
    /// Pass EmptyEnv() to forbid any environment influence.
    EnvLookup env;
    /// Jitter source in [0,1) for retry backoff; null = random.
    std::function<double()> random;
};

/// The concrete clients, for callers that need more than the ports (the `kensa aws` CLI).
struct AwsServiceClients {
    std::unique_ptr<Inspector2Client> inspector;
    std::unique_ptr<LambdaClient> lambda;
    std::unique_ptr<StsClient> sts;
    std::unique_ptr<S3Client> s3;
    /// The provider all four sign with (static / chain, possibly wrapped in AssumeRole).
    CredentialsProviderPtr credentials;

    AwsServiceClients();
    AwsServiceClients(AwsServiceClients&&) noexcept;
    AwsServiceClients& operator=(AwsServiceClients&&) noexcept;
    ~AwsServiceClients();
};

/// Builds the four clients sharing one transport, one retry quota and one credentials provider.
/// No network I/O happens here; credentials are fetched on the first call.
/// @return kInvalidInput for a missing/malformed region or endpoint URL, or empty static keys.
Result<AwsServiceClients> MakeAwsServiceClients(const AwsAuthConfig& auth,
                                                const AwsClientOptions& options = {});

/// The same, as the ports the application layer codes against.
Result<ports::AwsClients> MakeAwsClients(const AwsAuthConfig& auth,
                                         const AwsClientOptions& options = {});

}  // namespace kensa::aws
