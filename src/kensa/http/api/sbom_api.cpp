#include "kensa/http/api/sbom_api.h"

#include "kensa/app/accounts/groups.h"
#include "kensa/app/sbom/diagnostics.h"
#include "kensa/app/sbom/export_job.h"
#include "kensa/app/sbom/settings.h"
#include "kensa/dto/group_dto.h"
#include "kensa/dto/request.h"
#include "kensa/dto/scan_run_dto.h"
#include "kensa/formats/cloudformation/sbom_template.h"
#include "kensa/http/api/api_common.h"

namespace kensa::http::api::sbom {

namespace {

constexpr int kAccepted = 202;

const dto::Members kSettingsMembers = {"enabled", "bucket", "key_prefix", "kms_key_arn", "format"};

// The stored settings with the members the body gives replaced.
Result<app::SbomSettingsInput> ParseSettings(const Json& body,
                                             const domain::SbomExportSettings& stored) {
    app::SbomSettingsInput in;
    KENSA_ASSIGN_OR_RETURN(auto enabled, dto::OptionalBool(body, "enabled"));
    in.enabled = enabled.value_or(stored.enabled);
    KENSA_ASSIGN_OR_RETURN(in.bucket, dto::StringOr(body, "bucket", stored.bucket));
    KENSA_ASSIGN_OR_RETURN(in.key_prefix, dto::StringOr(body, "key_prefix", stored.key_prefix));
    KENSA_ASSIGN_OR_RETURN(in.kms_key_arn, dto::StringOr(body, "kms_key_arn", stored.kms_key_arn));
    KENSA_ASSIGN_OR_RETURN(in.format, dto::StringOr(body, "format", stored.format));
    return in;
}

}  // namespace

Result<Response> GetSettings(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(domain::Group group, app::GetGroup(deps.app, gid));
    return Render(dto::ToJson(group.sbom));
}

Result<Response> PutSettings(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, kSettingsMembers));
    KENSA_ASSIGN_OR_RETURN(domain::Group group, app::GetGroup(deps.app, gid));
    KENSA_ASSIGN_OR_RETURN(app::SbomSettingsInput in, ParseSettings(body, group.sbom));
    KENSA_TRY(app::SetSbomSettings(deps.app, gid, in, caller.user.name));
    KENSA_ASSIGN_OR_RETURN(domain::Group updated, app::GetGroup(deps.app, gid));
    return Render(dto::ToJson(updated.sbom));
}

Result<Response> Template(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_TRY(GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    std::string format = req.Query("format");
    if (!format.empty() && format != "yaml" && format != "json") {
        return Error(ErrorCode::kInvalidInput, "format must be yaml or json")
            .With("field", "format");
    }
    bool json = format == "json";
    Response response;
    response.body = cloudformation::SbomExportTemplate(
        json ? cloudformation::TemplateFormat::kJson : cloudformation::TemplateFormat::kYaml);
    response.content_type = json ? "application/json" : "application/yaml";
    response.SetHeader("Content-Disposition",
                       std::string("attachment; filename=\"kensa-inspector-sbom.") +
                           (json ? "json" : "yaml") + "\"");
    return response;
}

Result<Response> StartExport(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kMember));
    KENSA_ASSIGN_OR_RETURN(domain::ScanRun queued, app::QueueManualSbomExport(deps.app, gid));
    deps.sbom_jobs.Submit(queued);
    return Render(dto::ToJson(queued), kAccepted);
}

Result<Response> Diagnose(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(auto diagnostics, app::DiagnoseSbom(deps.app, gid));
    return Render(dto::ToJson(diagnostics));
}

}  // namespace kensa::http::api::sbom
