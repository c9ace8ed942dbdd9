#pragma once
// AWS error responses: parsing per protocol, classification (retryable / throttling), and the
// translation into kensa::Error described at the top of kensa/ports/aws_api.h.

#include <optional>
#include <string>
#include <string_view>

#include "kensa/aws/http_transport.h"
#include "kensa/common/error.h"

namespace kensa::aws {

enum class Protocol { kRestJson, kQuery, kRestXml };

/// One AWS error response, protocol-independent.
struct AwsError {
    std::string code;  ///< "ThrottlingException", "AccessDenied", ... ("" if unparseable)
    std::string message;
    int http_status = 0;
    std::string request_id;
    bool retryable = false;
    bool throttling = false;
    /// From the Retry-After header (seconds), when present and sane.
    std::optional<int> retry_after_seconds;
    /// False when the response carried no AWS error (an HTML 404 of a proxy, a bare status):
    /// `code` is then only derived from the status.
    bool aws_shaped = true;
};

/// Parses a non-2xx response of the given protocol. Never fails: an unparseable body yields an
/// error whose code is derived from the HTTP status (e.g. "Http403").
AwsError ParseAwsError(Protocol protocol, const HttpResponse& response);

/// Sets retryable/throttling from the code and status (AWS "standard" retry mode's lists).
void ClassifyAwsError(AwsError* error);

/// kensa::Error per the ports contract. `action` is "<service>:<Operation>", e.g.
/// "inspector2:ListFindings". Details: aws_code, aws_action, http_status, request_id,
/// throttling, retryable (and kms_action for S3 AccessDenied on a KMS-encrypted object).
Error ToKensaError(const AwsError& error, std::string_view action);

/// Strips "namespace#" prefixes and ":suffix" tails from error type names.
std::string SanitizeErrorCode(std::string_view raw);

}  // namespace kensa::aws
