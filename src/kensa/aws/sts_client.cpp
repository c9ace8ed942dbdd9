#include "kensa/aws/sts_client.h"

#include <pugixml.hpp>

#include "kensa/aws/wire.h"
#include "kensa/common/strings.h"

namespace kensa::aws {

namespace {

constexpr std::string_view kVersion = "2011-06-15";

ServiceContext WithoutCredentials(ServiceContext context) {
    context.credentials = nullptr;
    return context;
}

Result<pugi::xml_node> FindResult(pugi::xml_document& doc,
                                  const std::string& xml,
                                  const std::string& element) {
    if (!doc.load_buffer(xml.data(), xml.size())) {
        return Error(ErrorCode::kInternal, "STS response is not XML");
    }
    pugi::xml_node result = doc.document_element().child(element.c_str());
    if (!result) {
        return Error(ErrorCode::kInternal, "STS response lacks <" + element + ">");
    }
    return result;
}

}  // namespace

Result<Credentials> ParseStsCredentials(const std::string& xml, const std::string& result_element) {
    pugi::xml_document doc;
    KENSA_ASSIGN_OR_RETURN(pugi::xml_node result, FindResult(doc, xml, result_element));
    pugi::xml_node node = result.child("Credentials");
    Credentials creds;
    creds.access_key_id = Trim(node.child_value("AccessKeyId"));
    creds.secret_access_key = Trim(node.child_value("SecretAccessKey"));
    creds.session_token = Trim(node.child_value("SessionToken"));
    SystemTime expiration;
    if (creds.empty() || !ParseIso8601(Trim(node.child_value("Expiration")), &expiration)) {
        return Error(ErrorCode::kInternal,
                     "STS " + result_element + " lacks credentials or their expiration");
    }
    creds.expiration = expiration;
    return creds;
}

Result<ports::CallerIdentity> ParseCallerIdentity(const std::string& xml) {
    pugi::xml_document doc;
    KENSA_ASSIGN_OR_RETURN(pugi::xml_node result, FindResult(doc, xml, "GetCallerIdentityResult"));
    ports::CallerIdentity identity;
    identity.account = Trim(result.child_value("Account"));
    identity.arn = Trim(result.child_value("Arn"));
    identity.user_id = Trim(result.child_value("UserId"));
    if (identity.account.empty() || identity.arn.empty()) {
        return Error(ErrorCode::kInternal, "GetCallerIdentity response lacks Account or Arn");
    }
    return identity;
}

StsClient::StsClient(ServiceContext context)
    : client_(context), unsigned_client_(WithoutCredentials(context)) {}

Result<std::string> StsClient::Invoke(const std::string& action,
                                      const wire::Params& params,
                                      bool sign) {
    OperationRequest request;
    request.operation = action;
    request.http.method = "POST";
    request.http.path = "/";
    request.http.SetHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    request.http.body = wire::QueryProtocolBody(action, kVersion, params);
    KENSA_ASSIGN_OR_RETURN(HttpResponse response,
                           (sign ? client_ : unsigned_client_).Call(request));
    return std::move(response.body);
}

Result<ports::CallerIdentity> StsClient::GetCallerIdentity() {
    KENSA_ASSIGN_OR_RETURN(std::string body, Invoke("GetCallerIdentity", {}, true));
    auto identity = ParseCallerIdentity(body);
    if (!identity.ok()) {
        return Error(identity.error()).With("aws_action", "sts:GetCallerIdentity");
    }
    return identity;
}

Result<Credentials> StsClient::AssumeRole(const AssumeRoleRequest& request) {
    wire::Params params = {{"RoleArn", request.role_arn},
                           {"RoleSessionName", request.role_session_name}};
    if (!request.external_id.empty()) {
        params.emplace_back("ExternalId", request.external_id);
    }
    params.emplace_back("DurationSeconds", std::to_string(request.duration_seconds));
    KENSA_ASSIGN_OR_RETURN(std::string body, Invoke("AssumeRole", params, true));
    KENSA_ASSIGN_OR_RETURN(Credentials creds, ParseStsCredentials(body, "AssumeRoleResult"));
    creds.source = "assume-role:" + request.role_arn;
    return creds;
}

Result<Credentials> StsClient::AssumeRoleWithWebIdentity(const std::string& role_arn,
                                                         const std::string& session_name,
                                                         const std::string& web_identity_token) {
    wire::Params params = {{"RoleArn", role_arn},
                           {"RoleSessionName", session_name},
                           {"WebIdentityToken", web_identity_token}};
    KENSA_ASSIGN_OR_RETURN(std::string body, Invoke("AssumeRoleWithWebIdentity", params, false));
    KENSA_ASSIGN_OR_RETURN(Credentials creds,
                           ParseStsCredentials(body, "AssumeRoleWithWebIdentityResult"));
    creds.source = "web-identity:" + role_arn;
    return creds;
}

}  // namespace kensa::aws
