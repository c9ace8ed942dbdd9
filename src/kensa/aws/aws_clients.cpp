#include "kensa/aws/aws_clients.h"

#include "kensa/aws/credentials/providers.h"
#include "kensa/aws/endpoints.h"
#include "kensa/aws/inspector2_client.h"
#include "kensa/aws/lambda_client.h"
#include "kensa/aws/s3_client.h"
#include "kensa/aws/sts_client.h"

namespace kensa::aws {

AwsServiceClients::AwsServiceClients() = default;
AwsServiceClients::AwsServiceClients(AwsServiceClients&&) noexcept = default;
AwsServiceClients& AwsServiceClients::operator=(AwsServiceClients&&) noexcept = default;
AwsServiceClients::~AwsServiceClients() = default;

namespace {

struct Shared {
    AwsAuthConfig auth;
    HttpTransportPtr transport;
    const Clock* clock;
    EnvLookup env;
    RetryOptions retry;
    RetryQuotaPtr quota;
    int max_pages = ServiceContext::kDefaultMaxPages;
};

Result<ServiceContext> ContextFor(const Shared& shared,
                                  const std::string& service,
                                  Protocol protocol,
                                  CredentialsProviderPtr credentials) {
    KENSA_ASSIGN_OR_RETURN(
        Endpoint endpoint,
        ResolveEndpoint(service, shared.auth.region, shared.auth.endpoint_urls, shared.env));
    ServiceContext context;
    context.transport = shared.transport;
    context.credentials = std::move(credentials);
    context.clock = shared.clock;
    context.region = shared.auth.region;
    context.signing_name = service;
    context.protocol = protocol;
    context.endpoint = std::move(endpoint);
    context.retry = shared.retry;
    context.quota = shared.quota;
    context.max_pages = shared.max_pages;
    return context;
}

HttpTransportPtr MetadataTransport(const AwsClientOptions& options) {
    if (options.metadata_transport) {
        return options.metadata_transport;
    }
    if (options.transport) {
        return options.transport;  // tests: one fake serves everything
    }
    TransportOptions metadata;
    metadata.connect_timeout = std::chrono::milliseconds(1000);
    metadata.total_timeout = std::chrono::milliseconds(2000);
    return MakeCurlTransport(metadata);
}

Result<CredentialsProviderPtr> BaseCredentials(const AwsAuthConfig& auth,
                                               const AwsClientOptions& options,
                                               ProviderContext provider_context) {
    if (auth.static_credentials) {
        if (auth.static_credentials->empty()) {
            return Error(ErrorCode::kInvalidInput,
                         "static AWS credentials need an access key id and a secret");
        }
        return MakeStaticProvider(*auth.static_credentials);
    }
    provider_context.metadata_transport = MetadataTransport(options);
    return MakeDefaultChain(std::move(provider_context));
}

}  // namespace

Result<AwsServiceClients> MakeAwsServiceClients(const AwsAuthConfig& auth,
                                                const AwsClientOptions& options) {
    if (auth.region.empty() || !IsValidRegion(auth.region)) {
        return Error(ErrorCode::kInvalidInput,
                     "a valid AWS region is required (got '" + auth.region + "')");
    }
    auto shared = std::make_shared<Shared>();
    shared->auth = auth;
    shared->transport =
        options.transport ? options.transport : MakeCurlTransport(options.transport_options);
    shared->clock = options.clock ? options.clock : &RealClock::Instance();
    shared->env = options.env ? options.env : ProcessEnv();
    shared->retry.max_attempts = std::max(1, options.max_attempts);
    shared->retry.random = options.random;
    shared->quota = std::make_shared<RetryQuota>();
    shared->max_pages = std::max(1, options.max_pages);
    // Validate every endpoint now so a typo fails at configuration time, not mid-scan.
    for (const char* service : {"inspector2", "lambda", "sts", "s3"}) {
        KENSA_TRY(ResolveEndpoint(service, auth.region, auth.endpoint_urls, shared->env));
    }

    ProviderContext provider_context;
    provider_context.clock = shared->clock;
    provider_context.env = shared->env;
    // Credential sources that call STS (assume-role profiles, web identity) use this group's
    // region and endpoint, so an emulator override applies to them too.
    provider_context.make_sts =
        [shared](CredentialsProviderPtr base) -> std::shared_ptr<StsClient> {
        auto context = ContextFor(*shared, "sts", Protocol::kQuery, std::move(base));
        return std::make_shared<StsClient>(
            std::move(context).value());  // endpoints validated above
    };
    KENSA_ASSIGN_OR_RETURN(CredentialsProviderPtr credentials,
                           BaseCredentials(auth, options, provider_context));
    if (!auth.role_arn.empty()) {
        AssumeRoleRequest request;
        request.role_arn = auth.role_arn;
        request.external_id = auth.external_id;
        request.role_session_name =
            auth.role_session_name.empty() ? "kensa" : auth.role_session_name;
        request.duration_seconds = auth.role_duration_seconds;
        credentials =
            MakeAssumeRoleProvider(provider_context.make_sts(credentials), request, *shared->clock);
    }

    AwsServiceClients clients;
    clients.credentials = credentials;
    KENSA_ASSIGN_OR_RETURN(auto inspector,
                           ContextFor(*shared, "inspector2", Protocol::kRestJson, credentials));
    KENSA_ASSIGN_OR_RETURN(auto lambda,
                           ContextFor(*shared, "lambda", Protocol::kRestJson, credentials));
    KENSA_ASSIGN_OR_RETURN(auto sts, ContextFor(*shared, "sts", Protocol::kQuery, credentials));
    KENSA_ASSIGN_OR_RETURN(auto s3, ContextFor(*shared, "s3", Protocol::kRestXml, credentials));
    clients.inspector = std::make_unique<Inspector2Client>(std::move(inspector));
    clients.lambda = std::make_unique<LambdaClient>(std::move(lambda));
    clients.sts = std::make_unique<StsClient>(std::move(sts));
    clients.s3 = std::make_unique<S3Client>(std::move(s3));
    return clients;
}

Result<ports::AwsClients> MakeAwsClients(const AwsAuthConfig& auth,
                                         const AwsClientOptions& options) {
    KENSA_ASSIGN_OR_RETURN(AwsServiceClients clients, MakeAwsServiceClients(auth, options));
    ports::AwsClients ports;
    ports.inspector = std::move(clients.inspector);
    ports.lambda = std::move(clients.lambda);
    ports.sts = std::move(clients.sts);
    ports.s3 = std::move(clients.s3);
    return ports;
}

}  // namespace kensa::aws
