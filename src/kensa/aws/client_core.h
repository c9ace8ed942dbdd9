#pragma once
// The machinery every service client shares: endpoint + signing + transport + retries + error
// translation. One AwsServiceClient per service; service clients build OperationRequests.

#include <memory>
#include <string>

#include "kensa/aws/aws_error.h"
#include "kensa/aws/credentials/credentials_provider.h"
#include "kensa/aws/endpoints.h"
#include "kensa/aws/http_transport.h"
#include "kensa/aws/retry.h"
#include "kensa/common/clock.h"

namespace kensa::aws {

/// Everything a service client needs; shared pieces (transport, quota, credentials) are
/// shared_ptrs so the four clients of one AwsClients set share them.
struct ServiceContext {
    HttpTransportPtr transport;
    /// Null = send unsigned (only AssumeRoleWithWebIdentity does).
    CredentialsProviderPtr credentials;
    const Clock* clock = &RealClock::Instance();
    std::string region;
    std::string signing_name;  ///< inspector2 | lambda | sts | s3
    Protocol protocol = Protocol::kRestJson;
    Endpoint endpoint;
    RetryOptions retry;
    RetryQuotaPtr quota = std::make_shared<RetryQuota>();
    /// Pages one listing may fetch; a server handing out ever new next tokens stops here.
    int max_pages = kDefaultMaxPages;

    static constexpr int kDefaultMaxPages = 100000;
};

/// One operation call. `http.path` is relative to the endpoint and already percent-encoded.
struct OperationRequest {
    std::string operation;  ///< model name, e.g. "ListFindings"
    HttpRequest http;
    /// Prepended to the endpoint host (S3 virtual-hosted style: "bucket.").
    std::string host_prefix;
    /// Stream a 2xx body here instead of buffering it.
    const BodySink* sink = nullptr;
};

class AwsServiceClient {
public:
    explicit AwsServiceClient(ServiceContext context);

    /// Signs and sends with retries. Returns the 2xx response; any AWS error, transport failure
    /// or credentials failure comes back as kensa::Error per ports/aws_api.h, with detail
    /// aws_action = "<signing_name>:<operation>" and attempts = number of tries made.
    Result<HttpResponse> Call(const OperationRequest& request) const;

    const ServiceContext& context() const { return context_; }
    std::string Action(std::string_view operation) const;
    /// Called by a paginator before it asks for another page: Ok while pages_fetched is below
    /// context().max_pages, else kInternal "<action>: more than N pages ..." (detail page_cap).
    Status CheckPageCount(std::string_view operation, int pages_fetched) const;

private:
    ServiceContext context_;
};

}  // namespace kensa::aws
