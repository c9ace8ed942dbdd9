#include "protocol.h"

#include <nlohmann/json.hpp>

#include "iam.h"
#include "kensa/common/strings.h"

namespace kensa::emulator {

std::string_view ServiceName(Service service) {
    switch (service) {
        case Service::kInspector2:
            return "inspector2";
        case Service::kLambda:
            return "lambda";
        case Service::kSts:
            return "sts";
        case Service::kS3:
            return "s3";
        case Service::kControl:
            return "control";
        case Service::kUnknown:
            break;
    }
    return "unknown";
}

Service ServiceFromSigningName(std::string_view name) {
    if (name == "inspector2") {
        return Service::kInspector2;
    }
    if (name == "lambda") {
        return Service::kLambda;
    }
    if (name == "sts") {
        return Service::kSts;
    }
    if (name == "s3") {
        return Service::kS3;
    }
    return Service::kUnknown;
}

void Response::SetHeader(std::string name, std::string value) {
    for (auto& [k, v] : headers) {
        if (ToLower(k) == ToLower(name)) {
            v = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

std::string Response::Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (ToLower(k) == ToLower(name)) {
            return v;
        }
    }
    return {};
}

std::string XmlElement(std::string_view name, std::string_view value) {
    std::string out = "<";
    out += name;
    out += ">";
    out += XmlEscape(value);
    out += "</";
    out += name;
    out += ">";
    return out;
}

Response JsonOk(std::string body) {
    Response r;
    r.body = std::move(body);
    r.content_type = "application/json";
    return r;
}

Response XmlOk(std::string body) {
    Response r;
    r.body = std::move(body);
    r.content_type = "text/xml";
    return r;
}

Response RenderError(Service service, const AwsError& error, const std::string& request_id) {
    Response r;
    r.status = error.status;
    if (!error.retry_after.empty()) {
        r.SetHeader("Retry-After", error.retry_after);
    }
    switch (service) {
        case Service::kInspector2:
        case Service::kLambda:
        case Service::kControl:
        case Service::kUnknown: {
            nlohmann::json body = nlohmann::json::object();
            if (service == Service::kLambda) {
                body["Type"] = error.status >= 500 ? "Service" : "User";
            }
            body["message"] = error.message;
            for (const auto& [k, v] : error.extra) {
                auto parsed = nlohmann::json::parse(v, nullptr, false);
                body[k] = parsed.is_discarded() ? nlohmann::json(v) : parsed;
            }
            r.body = body.dump();
            r.content_type = "application/json";
            r.SetHeader("x-amzn-ErrorType", error.code);
            r.SetHeader("x-amzn-RequestId", request_id);
            break;
        }
        case Service::kSts: {
            std::string type = error.status >= 500 ? "Receiver" : "Sender";
            r.body =
                "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                "  <Error>\n    " +
                XmlElement("Type", type) + "\n    " + XmlElement("Code", error.code) + "\n    " +
                XmlElement("Message", error.message) + "\n  </Error>\n  " +
                XmlElement("RequestId", request_id) + "\n</ErrorResponse>\n";
            r.content_type = "text/xml";
            r.SetHeader("x-amzn-RequestId", request_id);
            break;
        }
        case Service::kS3: {
            std::string extra;
            for (const auto& [k, v] : error.extra) {
                extra += XmlElement(k, v);
            }
            r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>" +
                     XmlElement("Code", error.code) + XmlElement("Message", error.message) + extra +
                     XmlElement("RequestId", request_id) +
                     XmlElement("HostId", "kensa-aws-emulator") + "</Error>";
            r.content_type = "application/xml";
            r.SetHeader("x-amz-request-id", request_id);
            break;
        }
    }
    return r;
}

AwsError ThrottlingError(Service service) {
    switch (service) {
        case Service::kLambda:
            return {429,
                    "TooManyRequestsException",
                    "Rate exceeded",
                    {{"Reason", "\"CallerRateLimitExceeded\""}},
                    "1"};
        case Service::kSts:
            return {400, "Throttling", "Rate exceeded", {}, {}};
        case Service::kS3:
            return {503, "SlowDown", "Please reduce your request rate.", {}, {}};
        default:
            return {429, "ThrottlingException", "Rate exceeded", {}, "1"};
    }
}

AwsError ServerError(Service service) {
    switch (service) {
        case Service::kLambda:
            return {500, "ServiceException", "An internal error occurred.", {}, {}};
        case Service::kSts:
            return {500, "InternalFailure", "An internal error occurred.", {}, {}};
        case Service::kS3:
            return {500,
                    "InternalError",
                    "We encountered an internal error. Please try again.",
                    {},
                    {}};
        default:
            return {500, "InternalServerException", "Internal server error", {}, {}};
    }
}

AwsError AccessDenied(Service service,
                      std::string_view principal_arn,
                      std::string_view action,
                      std::string_view resource) {
    std::string msg = NotAuthorizedMessage(principal_arn, action, resource);
    switch (service) {
        case Service::kSts:
        case Service::kS3:
            return {403, "AccessDenied", msg, {}, {}};
        default:
            return {403, "AccessDeniedException", msg, {}, {}};
    }
}

AwsError ValidationError(Service service, std::string message) {
    switch (service) {
        case Service::kLambda:
            return {400, "InvalidParameterValueException", std::move(message), {}, {}};
        case Service::kSts:
            return {400, "ValidationError", std::move(message), {}, {}};
        case Service::kS3:
            return {400, "InvalidArgument", std::move(message), {}, {}};
        default:
            return {400,
                    "ValidationException",
                    std::move(message),
                    {{"reason", "\"FIELD_VALIDATION_FAILED\""}, {"fields", "[]"}},
                    {}};
    }
}

// Extra members are JSON text: quote strings, so an account id does not turn into a number.
AwsError QuotaExceededError(std::string message, const std::string& resource_id) {
    return {402,
            "ServiceQuotaExceededException",
            std::move(message),
            {{"resourceId", nlohmann::json(resource_id).dump()}},
            {}};
}

AwsError ConflictError(std::string message,
                       const std::string& resource_id,
                       const std::string& resource_type) {
    return {409,
            "ConflictException",
            std::move(message),
            {{"resourceId", nlohmann::json(resource_id).dump()},
             {"resourceType", nlohmann::json(resource_type).dump()}},
            {}};
}

}  // namespace kensa::emulator
