// /api/v1/groups/{group}/sbom: Inspector SBOM export settings (R11, R13), the CloudFormation
// template, the bulk export (R14) and diagnostics (R20).
#include "kensa/app/sbom/diagnostics.h"
#include "kensa/app/sbom/export_job.h"
#include "kensa/app/sbom/settings.h"
#include "kensa/formats/cloudformation/sbom_template.h"
#include "kensa/http/api/api_common.h"

namespace kensa::http::api {

void RegisterSbomRoutes(HttpServer& server, const app::AppContext& ctx, app::SbomJobRunner& jobs);

void RegisterSbomRoutes(HttpServer& server, const app::AppContext& ctx, app::SbomJobRunner& jobs) {
    server.Route("GET", "/api/v1/groups/{group}/sbom", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kViewer));
                     KENSA_ASSIGN_OR_RETURN(domain::Group g, ctx.store.GetGroup(gid));
                     return Ok(ToJson(g)["sbom_export"]);
                 }));

    server.Route("PUT", "/api/v1/groups/{group}/sbom", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kAdmin));
                     KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req));
                     KENSA_ASSIGN_OR_RETURN(domain::Group g, ctx.store.GetGroup(gid));
                     app::SbomSettingsInput in;
                     auto enabled = body.find("enabled");
                     if (enabled != body.end() && !enabled->is_boolean()) {
                         return Error(ErrorCode::kInvalidInput, "enabled must be true or false").With("field", "enabled");
                     }
                     in.enabled = enabled != body.end() ? enabled->get<bool>() : g.sbom.enabled;
                     in.bucket = body.contains("bucket") ? OptionalString(body, "bucket") : g.sbom.bucket;
                     in.key_prefix = body.contains("key_prefix") ? OptionalString(body, "key_prefix") : g.sbom.key_prefix;
                     in.kms_key_arn = body.contains("kms_key_arn") ? OptionalString(body, "kms_key_arn") : g.sbom.kms_key_arn;
                     in.format = body.contains("format") ? OptionalString(body, "format") : g.sbom.format;
                     KENSA_TRY(app::SetSbomSettings(ctx, gid, in, caller.user.name));
                     KENSA_ASSIGN_OR_RETURN(domain::Group updated, ctx.store.GetGroup(gid));
                     return Ok(ToJson(updated)["sbom_export"]);
                 }));

    server.Route("GET", "/api/v1/groups/{group}/sbom/template", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_TRY(GroupAccess(ctx, caller, req, domain::Role::kViewer));
                     std::string format = req.Query("format");
                     if (!format.empty() && format != "yaml" && format != "json") {
                         return Error(ErrorCode::kInvalidInput, "format must be yaml or json").With("field", "format");
                     }
                     bool json = format == "json";
                     Response r;
                     r.status = 200;
                     r.body = cloudformation::SbomExportTemplate(json ? cloudformation::TemplateFormat::kJson : cloudformation::TemplateFormat::kYaml);
                     r.content_type = json ? "application/json" : "application/yaml";
                     r.SetHeader("Content-Disposition", std::string("attachment; filename=\"kensa-inspector-sbom.") +
                                                            (json ? "json" : "yaml") + "\"");
                     return r;
                 }));

    server.Route("POST", "/api/v1/groups/{group}/sbom/exports",
                 Wrap([&ctx, &jobs](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kMember));
                     KENSA_ASSIGN_OR_RETURN(domain::ScanRun queued, app::QueueManualSbomExport(ctx, gid));
                     jobs.Submit(queued);
                     return Ok(ToJson(queued), 202);
                 }));

    server.Route("GET", "/api/v1/groups/{group}/sbom/diagnose", Wrap([&ctx](const Request& req) -> Result<Response> {
                     KENSA_ASSIGN_OR_RETURN(Caller caller, Authenticate(ctx, req));
                     KENSA_ASSIGN_OR_RETURN(domain::Id gid, GroupAccess(ctx, caller, req, domain::Role::kViewer));
                     KENSA_ASSIGN_OR_RETURN(auto d, app::DiagnoseSbom(ctx, gid));
                     return Ok(ToJson(d));
                 }));
}

}  // namespace kensa::http::api
