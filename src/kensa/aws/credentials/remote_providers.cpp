// AssumeRole, web identity, ECS container endpoint, EC2 IMDSv2 and the default chain.

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kensa/aws/credentials/providers.h"
#include "kensa/aws/endpoints.h"
#include "kensa/common/strings.h"

namespace kensa::aws {

namespace {

Result<std::string> ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error(ErrorCode::kInvalidInput, "cannot read " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The ECS / IMDS JSON document {AccessKeyId, SecretAccessKey, Token, Expiration}.
Result<Credentials> ParseMetadataCredentials(const std::string& body, const std::string& source) {
    auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) {
        return Error(ErrorCode::kUnavailable,
                     source + ": credentials response is not a JSON object");
    }
    auto text = [&](const char* key) {
        auto it = json.find(key);
        return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (std::string code = text("Code"); !code.empty() && code != "Success") {
        return Error(ErrorCode::kUnavailable,
                     source + ": credentials not available (" + code + ")");
    }
    Credentials creds;
    creds.access_key_id = text("AccessKeyId");
    creds.secret_access_key = text("SecretAccessKey");
    creds.session_token = text("Token");
    creds.source = source;
    if (creds.empty()) {
        return Error(ErrorCode::kUnavailable, source + ": credentials response lacks keys");
    }
    SystemTime expiration;
    if (ParseIso8601(text("Expiration"), &expiration)) {
        creds.expiration = expiration;
    }
    return creds;
}

Result<HttpResponse> MetadataGet(const HttpTransportPtr& transport,
                                 const std::string& base_url,
                                 HttpRequest request,
                                 const std::string& source) {
    auto response = transport->Send(base_url, request, nullptr);
    if (!response.ok()) {
        return Error(response.error()).With("provider", source);
    }
    if (response->status != 200) {
        return Error(ErrorCode::kUnavailable,
                     source + ": HTTP " + std::to_string(response->status) + " from " + base_url +
                         request.path)
            .With("provider", source);
    }
    return response;
}

/// Splits "http://host:port/path?q" into base URL and path+query.
void SplitUrl(const std::string& url, std::string* base, std::string* path, std::string* query) {
    size_t scheme_end = url.find("://");
    size_t slash = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    *base = url.substr(0, slash);
    std::string rest = slash == std::string::npos ? "/" : url.substr(slash);
    size_t q = rest.find('?');
    *path = rest.substr(0, q);
    *query = q == std::string::npos ? "" : rest.substr(q + 1);
}

/// FULL_URI hosts the SDKs allow over plain http: loopback and the ECS / EKS agent addresses.
bool AllowedContainerHost(const std::string& base_url) {
    if (StartsWith(base_url, "https://")) {
        return true;
    }
    std::string host = base_url.substr(base_url.find("://") + 3);
    if (StartsWith(host, "[")) {
        host = host.substr(0, host.find(']') + 1);
    } else {
        host = host.substr(0, host.find(':'));
    }
    return host == "localhost" || StartsWith(host, "127.") || host == "[::1]" ||
           host == "169.254.170.2" || host == "169.254.170.23" || host == "[fd00:ec2::23]";
}

}  // namespace

CredentialsProviderPtr MakeAssumeRoleProvider(std::shared_ptr<StsClient> sts,
                                              AssumeRoleRequest request,
                                              const Clock& clock) {
    std::string name = "assume-role";
    auto fetch = [sts = std::move(sts), request = std::move(request)]() {
        return sts->AssumeRole(request);
    };
    return MakeCachingProvider(std::move(name), std::move(fetch), clock);
}

CredentialsProviderPtr MakeWebIdentityProvider(ProviderContext context) {
    auto fetch = [context]() -> Result<Credentials> {
        auto token_file = NonEmpty(context.env, "AWS_WEB_IDENTITY_TOKEN_FILE");
        auto role_arn = NonEmpty(context.env, "AWS_ROLE_ARN");
        if (!token_file || !role_arn) {
            return NoCredentials("web-identity",
                                 "AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN not set");
        }
        KENSA_ASSIGN_OR_RETURN(std::string token, ReadFile(*token_file));
        std::string session = NonEmpty(context.env, "AWS_ROLE_SESSION_NAME").value_or("kensa");
        return context.make_sts(nullptr)->AssumeRoleWithWebIdentity(
            *role_arn, session, Trim(token));
    };
    return MakeCachingProvider("web-identity", std::move(fetch), *context.clock);
}

CredentialsProviderPtr MakeContainerProvider(ProviderContext context) {
    auto fetch = [context]() -> Result<Credentials> {
        std::string url;
        if (auto relative = NonEmpty(context.env, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
            url = "http://169.254.170.2" + *relative;
        } else if (auto full = NonEmpty(context.env, "AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            url = *full;
        } else {
            return NoCredentials("container",
                                 "AWS_CONTAINER_CREDENTIALS_{RELATIVE,FULL}_URI not set");
        }
        HttpRequest request;
        std::string base;
        SplitUrl(url, &base, &request.path, &request.query);
        if (!AllowedContainerHost(base)) {
            return Error(ErrorCode::kInvalidInput,
                         "container credentials URI host not allowed: " + base);
        }
        std::string token = NonEmpty(context.env, "AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or("");
        if (auto token_file = NonEmpty(context.env, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
            KENSA_ASSIGN_OR_RETURN(std::string file_token, ReadFile(*token_file));
            token = Trim(file_token);
        }
        if (!token.empty()) {
            request.SetHeader("Authorization", token);
        }
        KENSA_ASSIGN_OR_RETURN(HttpResponse response,
                               MetadataGet(context.metadata_transport, base, request, "container"));
        return ParseMetadataCredentials(response.body, "container");
    };
    return MakeCachingProvider("container", std::move(fetch), *context.clock);
}

CredentialsProviderPtr MakeImdsProvider(ProviderContext context) {
    auto fetch = [context]() -> Result<Credentials> {
        auto disabled = NonEmpty(context.env, "AWS_EC2_METADATA_DISABLED");
        if (disabled && ToLower(*disabled) == "true") {
            return NoCredentials("imds", "AWS_EC2_METADATA_DISABLED=true");
        }
        std::string base = NonEmpty(context.env, "AWS_EC2_METADATA_SERVICE_ENDPOINT")
                               .value_or("http://169.254.169.254");
        while (!base.empty() && base.back() == '/') {
            base.pop_back();
        }
        HttpRequest token_request;
        token_request.method = "PUT";
        token_request.path = "/latest/api/token";
        token_request.SetHeader("X-aws-ec2-metadata-token-ttl-seconds", "21600");
        auto token = MetadataGet(context.metadata_transport, base, token_request, "imds");
        if (!token.ok()) {
            // Not on EC2 (or IMDS blocked): this source simply has nothing, let the chain go on.
            return NoCredentials("imds", token.error().message());
        }
        HttpRequest request;
        request.path = "/latest/meta-data/iam/security-credentials/";
        request.SetHeader("X-aws-ec2-metadata-token", Trim(token->body));
        KENSA_ASSIGN_OR_RETURN(HttpResponse roles,
                               MetadataGet(context.metadata_transport, base, request, "imds"));
        std::string role =
            Trim(Split(Trim(roles.body), '\n').empty() ? "" : Split(Trim(roles.body), '\n')[0]);
        if (role.empty()) {
            return NoCredentials("imds", "no IAM role attached to this instance");
        }
        request.path += UriEncode(role);
        KENSA_ASSIGN_OR_RETURN(HttpResponse creds,
                               MetadataGet(context.metadata_transport, base, request, "imds"));
        return ParseMetadataCredentials(creds.body, "imds");
    };
    return MakeCachingProvider("imds", std::move(fetch), *context.clock);
}

CredentialsProviderPtr MakeDefaultChain(ProviderContext context) {
    return MakeChainProvider({
        MakeEnvironmentProvider(context.env),
        MakeWebIdentityProvider(context),
        MakeProfileProvider(context),
        MakeContainerProvider(context),
        MakeImdsProvider(context),
    });
}

}  // namespace kensa::aws
