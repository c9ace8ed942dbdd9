#pragma once
// Credentials providers (Envoy's source/extensions/common/aws/credentials_provider.h split):
// an interface, simple providers here, and the remote/profile/assume-role ones in their own
// headers. Secrets are never logged; Credentials::source says where keys came from.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kensa/aws/credentials/credentials.h"
#include "kensa/aws/env.h"
#include "kensa/common/clock.h"
#include "kensa/common/error.h"

namespace kensa::aws {

/// Supplies credentials for signing. Thread-safety: GetCredentials may be called concurrently.
class CredentialsProvider {
public:
    virtual ~CredentialsProvider() = default;
    /// Current credentials. kUnauthenticated (detail provider=...) when this source has none;
    /// kUnavailable when a remote source could not be reached.
    virtual Result<Credentials> GetCredentials() = 0;
    /// Short name for diagnostics ("static", "env", "profile", "assume-role", ...).
    virtual std::string Name() const = 0;
};
using CredentialsProviderPtr = std::shared_ptr<CredentialsProvider>;

/// Fixed keys (a group's stored IAM user keys).
CredentialsProviderPtr MakeStaticProvider(Credentials credentials);

/// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (and the legacy AWS_ACCESS_KEY /
/// AWS_SECRET_KEY names), read from `env` on every call.
CredentialsProviderPtr MakeEnvironmentProvider(EnvLookup env);

/// Tries each provider in order and returns the first that yields credentials. A provider
/// answering kUnauthenticated means "not configured here" and the chain moves on; any other
/// error (e.g. a profile that exists but is broken) stops the chain so it is not masked.
/// The provider that answered is remembered and asked first next time.
CredentialsProviderPtr MakeChainProvider(std::vector<CredentialsProviderPtr> providers);

/// How a cached provider obtains fresh credentials (with an expiration).
using CredentialsFetcher = std::function<Result<Credentials>()>;

/// Caches the fetcher's credentials until `refresh_before` ahead of their expiration (5 minutes
/// by default, as the SDKs do), then fetches again. Credentials without expiration are cached
/// forever. Concurrent callers during a refresh wait for the one fetch.
CredentialsProviderPtr MakeCachingProvider(
    std::string name,
    CredentialsFetcher fetcher,
    const Clock& clock,
    std::chrono::seconds refresh_before = std::chrono::minutes(5));

/// kUnauthenticated "no credentials from <provider>: why" (the chain's "try next" signal).
Error NoCredentials(std::string_view provider, std::string_view why);

}  // namespace kensa::aws
