#include "kensa/app/integration/aws_settings.h"

#include "kensa/app/audit.h"
#include "kensa/common/log.h"
#include "kensa/common/strings.h"

namespace kensa::app {
namespace {

bool ValidRegion(const std::string& r) {
    if (r.size() < 9 || r.size() > 25) {
        return false;
    }
    for (char c : r) {
        if (!(std::islower(static_cast<unsigned char>(c)) ||
              std::isdigit(static_cast<unsigned char>(c)) || c == '-')) {
            return false;
        }
    }
    return std::count(r.begin(), r.end(), '-') >= 2;
}

bool ValidRoleArn(const std::string& arn) {
    auto parts = Split(arn, ':');
    return parts.size() == 6 && parts[0] == "arn" && StartsWith(parts[1], "aws") &&
           parts[2] == "iam" && parts[4].size() == 12 && StartsWith(parts[5], "role/");
}

bool ValidAccessKeyId(const std::string& id) {
    if (id.size() < 16 || id.size() > 128) {
        return false;
    }
    return std::all_of(
        id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

// Probes one permission: success, or the one AWS error that AWS sends only after authorising
// the call (ResourceNotFoundException for the probe's made-up function name), means granted.
// An answer without an AWS error shape (a proxy's HTML 404) proves nothing and fails.
PermissionCheck Probe(const std::string& action, const Status& st) {
    PermissionCheck c;
    c.action = action;
    if (st.ok()) {
        c.granted = true;
        return c;
    }
    const Error& e = st.error();
    if (e.Detail("not_aws") == "true") {
        c.not_aws = true;
        c.detail = "this endpoint does not look like AWS: it answered HTTP " +
                   e.Detail("http_status") + " without an AWS error";
        return c;
    }
    c.granted = e.Detail("aws_code") == "ResourceNotFoundException";
    if (!c.granted) {
        c.detail = e.message();
    }
    return c;
}

}  // namespace

std::string NewExternalId() {
    return "kensa-" + RandomHex(16);
}

Status SetAwsSettings(const AppContext& ctx,
                      domain::Id group_id,
                      const AwsSettingsInput& in,
                      const std::string& actor) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    if (!ValidRegion(in.region)) {
        return Error(ErrorCode::kInvalidInput,
                     "region '" + in.region + "' is not an AWS region such as us-east-1")
            .With("field", "region");
    }
    domain::AwsIntegration aws = group.aws;
    aws.auth_type = in.auth_type;
    aws.region = in.region;
    aws.endpoint_url = in.endpoint_url;
    if (!in.endpoint_url.empty()) {
        if (!ctx.check_endpoint_url) {
            return Error(ErrorCode::kInvalidInput,
                         "this kensa accepts no custom endpoint URL: AWS's own endpoints only")
                .With("field", "endpoint_url");
        }
        KENSA_TRY(ctx.check_endpoint_url(in.endpoint_url));
    }
    // The endpoint receives signed requests: moving them elsewhere takes the secret again, so
    // a stolen console session cannot point the stored keys at its own server.
    if (in.endpoint_url != group.aws.endpoint_url && !group.aws.secret_enc.empty() &&
        in.secret_access_key.empty()) {
        return Error(ErrorCode::kInvalidInput,
                     "changing the endpoint URL needs the secret access key again")
            .With("field", "secret_access_key");
    }
    if (in.auth_type == domain::AwsAuthType::kNone) {
        return Error(ErrorCode::kInvalidInput, "auth type must be access_key or assume_role")
            .With("field", "auth_type");
    }
    if (in.auth_type == domain::AwsAuthType::kAssumeRole) {
        if (!ValidRoleArn(in.role_arn)) {
            return Error(ErrorCode::kInvalidInput,
                         "role ARN '" + in.role_arn +
                             "' is not of the form arn:aws:iam::123456789012:role/NAME")
                .With("field", "role_arn");
        }
        aws.role_arn = in.role_arn;
    } else {
        aws.role_arn.clear();
    }
    // Keys: required for access_key; for assume_role they are the base credentials kensa
    // assumes the role with (kensa's own IAM user).
    if (!in.access_key_id.empty()) {
        if (!ValidAccessKeyId(in.access_key_id)) {
            return Error(ErrorCode::kInvalidInput,
                         "access key id must be 16-128 letters and digits")
                .With("field", "access_key_id");
        }
        if (in.access_key_id != aws.access_key_id && in.secret_access_key.empty()) {
            return Error(ErrorCode::kInvalidInput,
                         "a new access key id needs its secret access key")
                .With("field", "secret_access_key");
        }
        aws.access_key_id = in.access_key_id;
    }
    if (!in.secret_access_key.empty()) {
        KENSA_ASSIGN_OR_RETURN(aws.secret_enc, ctx.secrets.Seal(in.secret_access_key));
    }
    if (aws.access_key_id.empty() || aws.secret_enc.empty()) {
        return Error(ErrorCode::kInvalidInput,
                     "an access key id and secret access key are required")
            .With("field", "access_key_id");
    }
    if (aws.external_id.empty()) {
        aws.external_id = NewExternalId();
    }
    aws.account_id.clear();  // re-learned by the next connection test
    KENSA_TRY(ctx.store.UpdateGroupAws(group_id, aws));
    return RecordAudit(ctx,
                       group_id,
                       actor,
                       "group.aws.update",
                       "group:" + std::to_string(group_id),
                       std::string(domain::ToString(aws.auth_type)) + " " + aws.region + " key " +
                           log::Redact(aws.access_key_id));
}

Result<ConnectionReport> TestConnection(const AppContext& ctx, domain::Id group_id) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    KENSA_ASSIGN_OR_RETURN(auto clients, ClientsForGroup(ctx, group));
    ConnectionReport report;
    auto identity = clients.sts->GetCallerIdentity();
    if (!identity.ok()) {
        report.error = identity.error().ToString();
        return report;
    }
    report.account = identity->account;
    report.arn = identity->arn;

    ports::CoverageFilter coverage;
    report.permissions.push_back(
        Probe("inspector2:ListCoverage",
              clients.inspector->ListCoverage(coverage, [](auto&&) { return false; })));
    ports::FindingFilter findings;
    report.permissions.push_back(
        Probe("inspector2:ListFindings",
              clients.inspector->ListFindings(findings, [](auto&&) { return false; })));
    report.permissions.push_back(
        Probe("lambda:ListFunctions", clients.lambda->ListFunctions([](auto&&) { return false; })));
    auto get = clients.lambda->GetFunction("kensa-permission-probe");
    report.permissions.push_back(
        Probe("lambda:GetFunction", get.ok() ? Ok() : Status(get.error())));
    for (const auto& p : report.permissions) {
        if (p.not_aws) {
            report.error = p.detail;  // no IAM statement can mend that
        } else if (!p.granted) {
            report.missing.push_back(p.action);
        }
    }
    report.ok = report.missing.empty() && report.error.empty();
    if (!report.missing.empty()) {
        report.policy_snippet = IamPolicySnippet(report.missing);
    }
    if (group.aws.account_id != report.account) {
        domain::AwsIntegration aws = group.aws;
        aws.account_id = report.account;
        KENSA_TRY(ctx.store.UpdateGroupAws(group_id, aws));
    }
    return report;
}

}  // namespace kensa::app
