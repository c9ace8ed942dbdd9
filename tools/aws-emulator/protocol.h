#pragma once
// Wire shapes shared by all services: responses, modelled errors per protocol
// (rest-json for inspector2/lambda, query-XML for sts, rest-xml for s3), XML helpers.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kensa::emulator {

enum class Service { kInspector2, kLambda, kSts, kS3, kControl, kUnknown };

std::string_view ServiceName(Service service);
Service ServiceFromSigningName(std::string_view name);

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string content_type = "application/json";
    bool reset_mid_body = false;  ///< fault: send half the body, then drop the connection
    int latency_ms = 0;           ///< fault: delay before answering
    void SetHeader(std::string name, std::string value);
    std::string Header(std::string_view name) const;
};

struct AwsError {
    int status = 400;
    std::string code;
    std::string message;
    /// Extra members: JSON fields (rest-json) or child elements (XML), already string values.
    std::vector<std::pair<std::string, std::string>> extra;
    std::string retry_after;  ///< Retry-After header when set
};

/// Renders an error in the protocol of `service`.
Response RenderError(Service service, const AwsError& error, const std::string& request_id);

Response JsonOk(std::string body);
Response XmlOk(std::string body);

/// <name>escaped value</name>
std::string XmlElement(std::string_view name, std::string_view value);

/// Common errors with the code each protocol uses.
AwsError ThrottlingError(Service service);
AwsError ServerError(Service service);
AwsError AccessDenied(Service service,
                      std::string_view principal_arn,
                      std::string_view action,
                      std::string_view resource);
AwsError ValidationError(Service service, std::string message);
/// inspector2's ServiceQuotaExceededException (402; body members message, resourceId).
AwsError QuotaExceededError(std::string message, const std::string& resource_id);
/// inspector2's ConflictException (409; body members message, resourceId, resourceType).
AwsError ConflictError(std::string message,
                       const std::string& resource_id,
                       const std::string& resource_type);

}  // namespace kensa::emulator
