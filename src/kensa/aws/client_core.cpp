#include "kensa/aws/client_core.h"

#include "kensa/common/log.h"
#include "kensa/common/strings.h"

namespace kensa::aws {

namespace {

/// "https://host:443" → "host"; keeps non-default ports (they are part of the signed Host).
std::string HostHeader(const std::string& base_url) {
    size_t scheme_end = base_url.find("://");
    std::string scheme = base_url.substr(0, scheme_end);
    std::string authority = base_url.substr(scheme_end + 3);
    if ((scheme == "https" && EndsWith(authority, ":443")) ||
        (scheme == "http" && EndsWith(authority, ":80"))) {
        authority.resize(authority.rfind(':'));
    }
    return authority;
}

std::string WithHostPrefix(const std::string& base_url, const std::string& prefix) {
    if (prefix.empty()) {
        return base_url;
    }
    size_t scheme_end = base_url.find("://");
    return base_url.substr(0, scheme_end + 3) + prefix + base_url.substr(scheme_end + 3);
}

Error Annotate(Error error, const std::string& action, int attempts) {
    if (error.Detail("response_too_large") == "true") {
        // The transport does not know the operation; name it, as for any other AWS failure.
        Error named(error.code(), error.message() + " from " + action);
        for (const auto& [key, value] : error.details()) {
            named.With(key, value);
        }
        error = std::move(named);
    }
    if (error.Detail("aws_action").empty()) {
        error.With("aws_action", action);
    }
    error.With("attempts", std::to_string(attempts));
    return error;
}

}  // namespace

AwsServiceClient::AwsServiceClient(ServiceContext context) : context_(std::move(context)) {
    if (context_.clock == nullptr) {
        context_.clock = &RealClock::Instance();
    }
    if (!context_.quota) {
        context_.quota = std::make_shared<RetryQuota>();
    }
}

std::string AwsServiceClient::Action(std::string_view operation) const {
    return context_.signing_name + ":" + std::string(operation);
}

Status AwsServiceClient::CheckPageCount(std::string_view operation, int pages_fetched) const {
    if (pages_fetched < context_.max_pages) {
        return Ok();
    }
    std::string action = Action(operation);
    return Error(ErrorCode::kInternal,
                 action + ": more than " + std::to_string(context_.max_pages) +
                     " pages (the next token kept changing); the listing stopped at the cap")
        .With("aws_action", action)
        .With("page_cap", std::to_string(context_.max_pages));
}

Result<HttpResponse> AwsServiceClient::Call(const OperationRequest& request) const {
    const std::string action = Action(request.operation);
    const std::string base_url = WithHostPrefix(context_.endpoint.base_url, request.host_prefix);
    const bool s3 = context_.signing_name == "s3";
    const int max_attempts = std::max(1, context_.retry.max_attempts);

    // Count streamed bytes: once the caller has seen part of a body, a retry would duplicate it.
    size_t streamed = 0;
    BodySink counting_sink;
    if (request.sink != nullptr) {
        counting_sink = [&](std::string_view chunk) {
            streamed += chunk.size();
            return (*request.sink)(chunk);
        };
    }
    int acquired_tokens = 0;
    for (int attempt = 1;; ++attempt) {
        HttpRequest http = request.http;
        http.path = context_.endpoint.base_path + http.path;
        http.SetHeader("Host", HostHeader(base_url));
        if (context_.credentials) {
            auto creds = context_.credentials->GetCredentials();
            if (!creds.ok()) {
                return Annotate(std::move(creds).error(), action, attempt);
            }
            SigningParams params{
                context_.signing_name, context_.region, context_.clock->SystemNow(), s3, false};
            SigV4Signer::Sign(http, *creds, params);
        }
        auto response =
            context_.transport->Send(base_url, http, request.sink ? &counting_sink : nullptr);

        bool timeout = false;
        std::optional<AwsError> aws_error;
        if (!response.ok()) {
            const Error& error = response.error();
            bool transient = error.code() == ErrorCode::kUnavailable;
            if (!transient || attempt >= max_attempts || streamed > 0) {
                return Annotate(std::move(response).error(), action, attempt);
            }
            timeout = error.Detail("timeout") == "true";
        } else if (response->status >= 200 && response->status < 300) {
            context_.quota->Release(acquired_tokens);
            return response;
        } else {
            aws_error = ParseAwsError(context_.protocol, *response);
            if (!aws_error->retryable || attempt >= max_attempts) {
                return Annotate(ToKensaError(*aws_error, action), action, attempt);
            }
        }

        int cost = context_.quota->Acquire(timeout);
        if (cost == 0) {
            Error error =
                aws_error ? ToKensaError(*aws_error, action) : std::move(response).error();
            return Annotate(std::move(error), action, attempt)
                .With("retry_quota_exhausted", "true");
        }
        acquired_tokens += cost;
        int retry_after =
            aws_error && aws_error->retry_after_seconds ? *aws_error->retry_after_seconds : -1;
        auto delay = RetryDelay(context_.retry, attempt, retry_after);
        log::Debug("aws retry",
                   {{"action", action},
                    {"attempt", std::to_string(attempt)},
                    {"code", aws_error ? aws_error->code : std::string("transport")},
                    {"delay_ms", std::to_string(delay.count())}});
        context_.clock->SleepFor(delay);
    }
}

}  // namespace kensa::aws
