#include "kensa/http/error_to_status.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace kensa::http {
namespace {

constexpr std::string_view kProblemContentType = "application/problem+json";
constexpr size_t kMaxRetryAfterDigits = 9;

Response BuildProblem(int status,
                      std::string_view code,
                      const std::string& detail,
                      const std::map<std::string, std::string>& details) {
    nlohmann::json body = {
        {"type", "urn:kensa:problem:" + std::string(code)},
        {"title", StatusTitle(status)},
        {"status", status},
        {"detail", detail},
        {"code", code},
        {"details", nlohmann::json::object()},
    };
    for (const auto& [key, value] : details) {
        body["details"][key] = value;
    }
    Response response;
    response.status = status;
    response.content_type = std::string(kProblemContentType);
    // Replace invalid UTF-8 rather than throw: messages may quote untrusted input.
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

bool IsWholeSeconds(std::string_view s) {
    return !s.empty() && s.size() <= kMaxRetryAfterDigits &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

int HttpStatusFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidInput:
            return 400;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kPermissionDenied:
            return 403;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kConflict:
            return 409;
        case ErrorCode::kRateLimited:
            return 429;
        case ErrorCode::kUnavailable:
            return 503;
        case ErrorCode::kInternal:
            return 500;
    }
    return 500;
}

std::string_view StatusTitle(int status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 416:
            return "Range Not Satisfiable";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 503:
            return "Service Unavailable";
        default:
            return "Error";
    }
}

Response ErrorResponse(const Error& error) {
    int status = HttpStatusFor(error.code());
    Response response =
        BuildProblem(status, ErrorCodeName(error.code()), error.message(), error.details());
    if (error.code() == ErrorCode::kRateLimited) {
        std::string retry_after = error.Detail("retry_after");
        if (IsWholeSeconds(retry_after)) {
            response.SetHeader("Retry-After", retry_after);
        }
    }
    return response;
}

Response ProblemResponse(int status, std::string_view code, std::string detail) {
    return BuildProblem(status, code, detail, {});
}

Response JsonResponse(int status, std::string json) {
    Response response;
    response.status = status;
    response.content_type = "application/json";
    response.body = std::move(json);
    return response;
}

}  // namespace kensa::http
