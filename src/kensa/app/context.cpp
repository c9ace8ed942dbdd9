#include "kensa/app/context.h"

#include "kensa/common/strings.h"

namespace kensa::app {

Result<ports::AwsClients> ClientsForGroup(const AppContext& ctx, const domain::Group& group) {
    const auto& aws = group.aws;
    if (aws.auth_type == domain::AwsAuthType::kNone) {
        return Error(ErrorCode::kInvalidInput, "group '" + group.name +
                                                   "' has no AWS integration; configure it under group settings "
                                                   "(kensa group aws-set)");
    }
    ports::AwsConnectSpec spec;
    spec.region = aws.region;
    spec.access_key_id = aws.access_key_id;
    if (!aws.secret_enc.empty()) {
        KENSA_ASSIGN_OR_RETURN(spec.secret_access_key, ctx.secrets.Open(aws.secret_enc));
    }
    if (aws.auth_type == domain::AwsAuthType::kAssumeRole) {
        spec.role_arn = aws.role_arn;
        spec.external_id = aws.external_id;
    }
    spec.endpoint_url = aws.endpoint_url;
    return ctx.aws_factory(spec);
}

std::string IamPolicySnippet(const std::vector<std::string>& actions) {
    std::string list;
    for (const auto& a : actions) {
        list += (list.empty() ? "\"" : ", \"") + a + "\"";
    }
    return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [" + list +
           "], \"Resource\": \"*\"}]}";
}

domain::ScanError ClassifyAwsError(const Error& error, const std::string& step) {
    domain::ScanError e;
    e.step = step;
    e.message = error.message();
    const std::string aws_code = error.Detail("aws_code");
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
                     ". Add it to the IAM policy of the user or role kensa uses: " + IamPolicySnippet({action});
            break;
        }
        case ErrorCode::kUnauthenticated:
            if (aws_code.find("Expired") != std::string::npos) {
                e.code = "expired_credentials";
                e.hint = "The AWS credentials have expired. Rotate the access key, or check that the role can "
                         "still be assumed, then test the connection in the group's AWS settings.";
            } else {
                e.code = "invalid_credentials";
                e.hint = "AWS rejected the credentials (" + (aws_code.empty() ? std::string("unknown") : aws_code) +
                         "). Check the access key id and secret in the group's AWS settings.";
            }
            break;
        case ErrorCode::kUnavailable:
            if (error.Detail("throttling") == "true" || aws_code.find("Throttl") != std::string::npos ||
                aws_code == "TooManyRequestsException") {
                e.code = "throttled";
                e.hint = "AWS kept throttling " + step +
                         " after every retry. The scan changed nothing; run it again later, or scan fewer servers "
                         "at once.";
            } else {
                e.code = "aws_unavailable";
                e.hint = "AWS did not answer " + step + " successfully after retries (" + error.message() +
                         "). The scan changed nothing; try again later.";
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
        default:
            e.code = "internal";
            e.hint = "Unexpected failure; see the server log.";
    }
    return e;
}

}  // namespace kensa::app
