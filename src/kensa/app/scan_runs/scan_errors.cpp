// AWS failures as the structured errors of scan runs (R2, R20).
#include "kensa/app/scan_runs/scan_errors.h"

namespace kensa::app {

domain::ScanError StepError(std::string code,
                            std::string step,
                            std::string message,
                            std::string hint) {
    domain::ScanError e;
    e.code = std::move(code);
    e.step = std::move(step);
    e.message = std::move(message);
    e.hint = std::move(hint);
    return e;
}

domain::ScanError CredentialsError(const Error& error) {
    return StepError("configuration",
                     "credentials",
                     error.message(),
                     "Configure and test the group's AWS integration.");
}

domain::ScanError StorageError(const Error& error, const std::string& what_happened) {
    return StepError("storage", "store", error.message(), what_happened + " See the server log.");
}

domain::ScanError BrokenJobError(const std::string& job, const std::string& cause) {
    return StepError(
        "internal",
        "",
        "the " + job + " stopped: " + cause + "; nothing it had not finished was stored",
        "Unexpected failure; see the server log.");
}

std::string IamPolicySnippet(const std::vector<std::string>& actions) {
    std::string list;
    for (const auto& a : actions) {
        list += (list.empty() ? "\"" : ", \"") + a + "\"";
    }
    return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [" +
           list + "], \"Resource\": \"*\"}]}";
}

domain::ScanError ClassifyAwsError(const Error& error, const std::string& step) {
    domain::ScanError e;
    e.step = step;
    e.message = error.message();
    // The AWS adapter reads AWS's error codes (aws/aws_error.cpp) and says what they mean in
    // details: aws_action, kms_action, throttling, credentials_expired; and what was not AWS at
    // all: an endpoint the address policy refused, an answer without an AWS error shape.
    if (error.Detail("transport_error") == "refused_address") {
        e.code = "endpoint_refused";
        e.hint =
            "The group's endpoint URL resolves to a private, loopback or link-local address, "
            "which kensa does not call for a group. Use an AWS endpoint, or ask the operator to "
            "name the host in [aws] endpoint_allowlist.";
        return e;
    }
    if (error.Detail("not_aws") == "true") {
        e.code = "not_aws";
        e.hint = "The endpoint answered HTTP " + error.Detail("http_status") +
                 " without an AWS error: it does not look like AWS. Check the group's endpoint "
                 "URL.";
        return e;
    }
    switch (error.code()) {
        case ErrorCode::kPermissionDenied: {
            std::string action = error.Detail("kms_action");
            if (action.empty()) {
                action = error.Detail("aws_action");
            }
            if (action.empty()) {
                action = step;
            }
            e.code = "access_denied";
            e.missing_permission = action;
            e.hint = "The AWS credentials of this group are not allowed to call " + action +
                     ". Add it to the IAM policy of the user or role kensa uses: " +
                     IamPolicySnippet({action});
            break;
        }
        case ErrorCode::kUnauthenticated:
            if (error.Detail("credentials_expired") == "true") {
                e.code = "expired_credentials";
                e.hint =
                    "The AWS credentials have expired. Rotate the access key, or check that the "
                    "role can "
                    "still be assumed, then test the connection in the group's AWS settings.";
            } else {
                e.code = "invalid_credentials";
                e.hint = "AWS rejected the credentials (" + error.message() +
                         "). Check the access key id and secret in the group's AWS settings.";
            }
            break;
        case ErrorCode::kUnavailable:
            if (error.Detail("throttling") == "true") {
                e.code = "throttled";
                e.hint = "AWS kept throttling " + step +
                         " after every retry. The scan changed nothing; run it again later, or "
                         "scan fewer servers "
                         "at once.";
            } else {
                e.code = "aws_unavailable";
                e.hint = "AWS did not answer " + step + " successfully after retries (" +
                         error.message() + "). The scan changed nothing; try again later.";
            }
            break;
        case ErrorCode::kNotFound:
            e.code = "not_found";
            e.hint = "AWS reports that the resource does not exist; check the registration.";
            break;
        case ErrorCode::kInvalidInput:
            e.code = "invalid_request";
            e.hint = "AWS rejected the request: " + error.message();
            break;
        case ErrorCode::kConflict:  // ConflictException, ServiceQuotaExceededException
            e.code = error.Detail("aws_code") == "ServiceQuotaExceededException" ? "quota_exceeded"
                                                                                 : "conflict";
            e.hint = "AWS refused " + step + " for now (" + error.message() +
                     "): Inspector runs one SBOM export at a time per account and has quotas. "
                     "The run changed nothing; try again when the other operation has ended.";
            break;
        default:
            e.code = "internal";
            e.hint = "Unexpected failure; see the server log.";
    }
    return e;
}

}  // namespace kensa::app
