// Error parsing follows the wire facts in ../shared/reference/README.md and botocore's parsers:
//  rest-json: X-Amzn-ErrorType header, else body "code" / "__type"; message in message/Message.
//  query:     <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>.
//  rest-xml:  <Error><Code/><Message/><RequestId/></Error> (S3) or the query-style wrapper.

#include "kensa/aws/aws_error.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "kensa/common/strings.h"

namespace kensa::aws {

namespace {

// AWS "standard" retry mode: throttling and transient error codes (botocore retries/standard.py).
constexpr std::array<std::string_view, 14> kThrottlingCodes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
};
constexpr std::array<std::string_view, 5> kTransientCodes = {
    "RequestTimeout",
    "RequestTimeoutException",
    "InternalError",
    "InternalServerException",
    "ServiceException",
};
// Never retried, whatever the status (AccessDenied must surface at once; validation won't heal).
constexpr std::array<std::string_view, 8> kNeverRetryCodes = {
    "AccessDenied",
    "AccessDeniedException",
    "ValidationException",
    "ValidationError",
    "InvalidParameterValueException",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& list, std::string_view code) {
    return std::find(list.begin(), list.end(), code) != list.end();
}

std::string RequestIdFromHeaders(const HttpResponse& response) {
    for (const char* name : {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-requestid"}) {
        std::string value = response.Header(name);
        if (!value.empty()) {
            return value;
        }
    }
    return {};
}

std::string JsonString(const nlohmann::json& object, std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
        auto it = object.find(key);
        if (it != object.end() && it->is_string()) {
            return it->get<std::string>();
        }
    }
    return {};
}

void ParseRestJson(const HttpResponse& response, AwsError* error) {
    std::string header_type = response.Header("X-Amzn-ErrorType");
    if (!header_type.empty()) {
        error->code = SanitizeErrorCode(header_type);
    }
    auto body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object()) {
        return;
    }
    if (error->code.empty()) {
        error->code = SanitizeErrorCode(JsonString(body, {"code", "__type", "Code"}));
    }
    error->message = JsonString(body, {"message", "Message", "errorMessage"});
}

/// Finds <Error> as the root, inside <ErrorResponse> (query and some rest-xml services), or one
/// level further inside <Errors> (<ErrorResponse><Errors><Error>, <Response><Errors><Error>),
/// which botocore's query parser also accepts.
void ParseXml(const HttpResponse& response, AwsError* error) {
    pugi::xml_document doc;
    if (!doc.load_buffer(response.body.data(), response.body.size())) {
        return;
    }
    pugi::xml_node root = doc.document_element();
    pugi::xml_node error_node =
        std::string_view(root.name()) == "Error" ? root : root.child("Error");
    if (!error_node) {
        error_node = root.child("Errors").child("Error");
    }
    if (!error_node) {
        return;
    }
    error->code = SanitizeErrorCode(Trim(error_node.child_value("Code")));
    error->message = error_node.child_value("Message");
    std::string request_id = Trim(root.child_value("RequestId"));
    if (request_id.empty()) {
        request_id = Trim(error_node.child_value("RequestId"));
    }
    if (!request_id.empty()) {
        error->request_id = request_id;
    }
}

std::optional<int> ParseRetryAfter(const std::string& value) {
    std::string text = Trim(value);
    if (text.empty() || text.size() > 6 || !std::all_of(text.begin(), text.end(), ::isdigit)) {
        return std::nullopt;  // HTTP-date forms are not used by AWS APIs; ignore them
    }
    return std::stoi(text);
}

std::string StatusCode(int status) {
    switch (status) {
        case 400:
            return "BadRequest";
        case 403:
            return "Forbidden";
        case 404:
            return "NotFound";
        case 429:
            return "TooManyRequestsException";
        case 503:
            return "ServiceUnavailable";
        default:
            return "Http" + std::to_string(status);
    }
}

bool IsAny(std::string_view code, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), code) != names.end();
}

ErrorCode KensaCode(const AwsError& error) {
    const std::string& code = error.code;
    if (IsAny(code,
              {"AccessDenied",
               "AccessDeniedException",
               "Forbidden",
               "UnauthorizedOperation",
               "AuthorizationError",
               "AllAccessDisabled",
               "RegionDisabledException"})) {
        return ErrorCode::kPermissionDenied;
    }
    if (IsAny(code,
              {"UnrecognizedClientException",
               "InvalidSignatureException",
               "SignatureDoesNotMatch",
               "ExpiredToken",
               "ExpiredTokenException",
               "InvalidClientTokenId",
               "InvalidAccessKeyId",
               "IncompleteSignature",
               "MissingAuthenticationToken",
               "InvalidToken",
               "TokenRefreshRequired",
               "RequestExpired",
               "InvalidIdentityToken",
               "IDPCommunicationError"})) {
        return ErrorCode::kUnauthenticated;
    }
    if (error.throttling || error.http_status >= 500) {
        return ErrorCode::kUnavailable;
    }
    if (IsAny(code,
              {"ResourceNotFoundException",
               "NoSuchKey",
               "NoSuchBucket",
               "NotFound",
               "NoSuchEntity"})) {
        return ErrorCode::kNotFound;
    }
    if (IsAny(code,
              {"ConflictException",
               "ServiceQuotaExceededException",
               "ResourceConflictException",
               "InvalidObjectState"})) {
        return ErrorCode::kConflict;
    }
    if (error.http_status == 404) {
        return ErrorCode::kNotFound;
    }
    if (error.http_status == 401) {
        return ErrorCode::kUnauthenticated;
    }
    if (error.http_status == 403) {
        return ErrorCode::kPermissionDenied;
    }
    if (error.retryable) {
        return ErrorCode::kUnavailable;
    }
    if (error.http_status >= 400 && error.http_status < 500) {
        return ErrorCode::kInvalidInput;
    }
    return ErrorCode::kInternal;
}

}  // namespace

std::string SanitizeErrorCode(std::string_view raw) {
    std::string code = Trim(raw);
    size_t colon = code.find(':');
    if (colon != std::string::npos) {
        code.resize(colon);
    }
    size_t hash = code.rfind('#');
    if (hash != std::string::npos) {
        code = code.substr(hash + 1);
    }
    return code;
}

void ClassifyAwsError(AwsError* error) {
    if (Contains(kNeverRetryCodes, error->code)) {
        error->retryable = false;
        error->throttling = false;
        return;
    }
    error->throttling = Contains(kThrottlingCodes, error->code) || error->http_status == 429;
    bool transient_status = error->http_status == 500 || error->http_status == 502 ||
                            error->http_status == 503 || error->http_status == 504;
    error->retryable =
        error->throttling || transient_status || Contains(kTransientCodes, error->code);
}

AwsError ParseAwsError(Protocol protocol, const HttpResponse& response) {
    AwsError error;
    error.http_status = response.status;
    error.request_id = RequestIdFromHeaders(response);
    if (protocol == Protocol::kRestJson) {
        ParseRestJson(response, &error);
    } else {
        ParseXml(response, &error);
    }
    if (error.code.empty()) {
        error.code = StatusCode(response.status);
        error.aws_shaped = false;
    }
    error.retry_after_seconds = ParseRetryAfter(response.Header("Retry-After"));
    ClassifyAwsError(&error);
    return error;
}

Error ToKensaError(const AwsError& error, std::string_view action) {
    std::string text = std::string(action) + ": " + error.code;
    if (!error.message.empty()) {
        text += ": " + error.message;
    }
    Error result(KensaCode(error), std::move(text));
    result.With("aws_code", error.code).With("aws_action", std::string(action));
    if (!error.aws_shaped) {
        result.With("not_aws", "true");  // nothing in the answer says AWS sent it
    }
    if (error.http_status != 0) {
        result.With("http_status", std::to_string(error.http_status));
    }
    if (!error.request_id.empty()) {
        result.With("request_id", error.request_id);
    }
    result.With("throttling", error.throttling ? "true" : "false");
    // The use cases read meanings, not AWS's codes: an expired token or request.
    if (IsAny(error.code, {"ExpiredToken", "ExpiredTokenException", "RequestExpired"})) {
        result.With("credentials_expired", "true");
    }
    result.With("retryable", error.retryable ? "true" : "false");
    if (error.retry_after_seconds) {
        result.With("retry_after", std::to_string(*error.retry_after_seconds));
    }
    // S3 answers AccessDenied on GetObject when the caller may read the object but not decrypt
    // it with its KMS key; the message says so. Name the missing permission for the operator.
    bool s3 = StartsWith(action, "s3:");
    if (s3 && error.code == "AccessDenied" &&
        ToLower(error.message).find("kms") != std::string::npos) {
        result.With("kms_action", "kms:Decrypt");
    }
    return result;
}

}  // namespace kensa::aws
