#include "kensa/app/context.h"

#include "kensa/common/strings.h"

namespace kensa::app {

Result<ports::AwsClients> ClientsForGroup(const AppContext& ctx, const domain::Group& group) {
    const auto& aws = group.aws;
    if (aws.auth_type == domain::AwsAuthType::kNone) {
        return Error(ErrorCode::kInvalidInput,
                     "group '" + group.name +
                         "' has no AWS integration; configure it under group settings "
                         "(kensa group aws-set)");
    }
    // Fail closed: a group without keys never falls back to the host's own credentials.
    if (aws.access_key_id.empty() || aws.secret_enc.empty()) {
        return Error(ErrorCode::kInvalidInput,
                     "group '" + group.name +
                         "' has no AWS access key and secret; kensa never acts for a group "
                         "with the host's own credentials")
            .With("field", "access_key_id");
    }
    ports::AwsConnectSpec spec;
    spec.region = aws.region;
    spec.access_key_id = aws.access_key_id;
    KENSA_ASSIGN_OR_RETURN(spec.secret_access_key, ctx.secrets.Open(aws.secret_enc));
    if (aws.auth_type == domain::AwsAuthType::kAssumeRole) {
        spec.role_arn = aws.role_arn;
        spec.external_id = aws.external_id;
    }
    spec.endpoint_url = aws.endpoint_url;
    return ctx.aws_factory(spec);
}

}  // namespace kensa::app
