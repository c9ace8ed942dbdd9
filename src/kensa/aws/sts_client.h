#pragma once
// STS over the query protocol (form-encoded POST /, XML responses), API version 2011-06-15.

#include <optional>
#include <string>

#include "kensa/aws/client_core.h"
#include "kensa/ports/aws_api.h"

namespace kensa::aws {

struct AssumeRoleRequest {
    std::string role_arn;
    std::string role_session_name = "kensa";
    std::string external_id;  ///< omitted when empty
    int duration_seconds = 3600;
};

class StsClient final : public ports::StsApi {
public:
    explicit StsClient(ServiceContext context);

    Result<ports::CallerIdentity> GetCallerIdentity() override;
    /// Temporary credentials (source "assume-role:<arn>", expiration set). AccessDenied (e.g. a
    /// wrong external id) → kPermissionDenied with aws_action sts:AssumeRole.
    Result<Credentials> AssumeRole(const AssumeRoleRequest& request);
    /// Unsigned call; the context's credentials provider is ignored.
    Result<Credentials> AssumeRoleWithWebIdentity(const std::string& role_arn,
                                                  const std::string& session_name,
                                                  const std::string& web_identity_token);

private:
    Result<std::string> Invoke(const std::string& action,
                               const std::vector<std::pair<std::string, std::string>>& params,
                               bool sign);

    AwsServiceClient client_;
    AwsServiceClient unsigned_client_;
};

/// Parses <XResponse><XResult><Credentials>... (AssumeRole*, exposed for tests).
Result<Credentials> ParseStsCredentials(const std::string& xml, const std::string& result_element);
/// Parses <GetCallerIdentityResponse> (exposed for tests).
Result<ports::CallerIdentity> ParseCallerIdentity(const std::string& xml);

}  // namespace kensa::aws
