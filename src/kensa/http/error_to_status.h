#pragma once
// The one place that maps kensa::ErrorCode onto HTTP (style 3.3). Handlers return
// ErrorResponse(error) and never choose status numbers for failures themselves.

#include <string>
#include <string_view>

#include "kensa/common/error.h"
#include "kensa/http/message.h"

namespace kensa::http {

/// kInvalidInput 400, kUnauthenticated 401, kPermissionDenied 403, kNotFound 404,
/// kConflict 409, kRateLimited 429, kInternal 500, kUnavailable 503.
int HttpStatusFor(ErrorCode code);

/// Reason phrase of a status ("Not Found"); "Error" for codes it does not know.
std::string_view StatusTitle(int status);

/// An RFC 7807-style problem response (Content-Type application/problem+json):
///   {"type": "urn:kensa:problem:<code>", "title": <reason phrase>, "status": <status>,
///    "detail": <error message>, "code": <ErrorCodeName>, "details": {<error details>}}
/// kRateLimited adds Retry-After from the detail "retry_after" when it is a whole number of
/// seconds.
Response ErrorResponse(const Error& error);

/// A problem response for conditions the HTTP layer detects itself (404 unknown path,
/// 405, 413); `code` is a stable snake_case name such as "method_not_allowed".
Response ProblemResponse(int status, std::string_view code, std::string detail);

/// A response with Content-Type application/json and the given (already serialised) body.
Response JsonResponse(int status, std::string json);

}  // namespace kensa::http
