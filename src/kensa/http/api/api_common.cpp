#include "kensa/http/api/api_common.h"

#include <algorithm>

#include "kensa/app/accounts/accounts.h"
#include "kensa/common/strings.h"

namespace kensa::http::api {

Result<Caller> Authenticate(const app::AppContext& ctx, const Request& req) {
    std::string auth = req.Header("Authorization");
    std::string token;
    if (StartsWith(auth, "Bearer ")) {
        token = Trim(auth.substr(7));
    }
    KENSA_ASSIGN_OR_RETURN(domain::User user, app::Authenticate(ctx, token));
    return Caller{user};
}

Result<domain::Id> IdParam(const Request& req, const std::string& name) {
    std::string v = req.PathParam(name);
    if (v.empty() || v.size() > 18 || !std::all_of(v.begin(), v.end(), ::isdigit)) {
        return Error(ErrorCode::kInvalidInput, "'" + v + "' is not a valid " + name + " id").With("field", name);
    }
    return static_cast<domain::Id>(std::stoll(v));
}

Result<domain::Id> GroupAccess(const app::AppContext& ctx, const Caller& caller, const Request& req,
                               domain::Role at_least) {
    KENSA_ASSIGN_OR_RETURN(domain::Id group_id, IdParam(req, "group"));
    KENSA_TRY(app::RequireRole(ctx, caller.user, group_id, at_least));
    return group_id;
}

Result<int64_t> IntQuery(const Request& req, const std::string& key, int64_t fallback) {
    std::string v = req.Query(key);
    if (v.empty()) {
        return fallback;
    }
    if (v.size() > 18 || !std::all_of(v.begin(), v.end(), ::isdigit)) {
        return Error(ErrorCode::kInvalidInput, "query parameter '" + key + "' must be a non-negative integer")
            .With("field", key);
    }
    return std::stoll(v);
}

Result<Json> JsonBody(const Request& req) {
    Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded()) {
        return Error(ErrorCode::kInvalidInput, "the request body is not valid JSON");
    }
    if (!body.is_object()) {
        return Error(ErrorCode::kInvalidInput, "the request body must be a JSON object");
    }
    return body;
}

Result<std::string> RequiredString(const Json& body, const std::string& key) {
    auto it = body.find(key);
    if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
        return Error(ErrorCode::kInvalidInput, "'" + key + "' is required and must be a non-empty string")
            .With("field", key);
    }
    return it->get<std::string>();
}

std::string OptionalString(const Json& body, const std::string& key) {
    auto it = body.find(key);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Response Ok(const Json& body, int status) {
    Response r;
    r.status = status;
    r.body = body.dump();
    return r;
}

Handler Wrap(std::function<Result<Response>(const Request&)> fn) {
    return [fn = std::move(fn)](const Request& req) {
        auto r = fn(req);
        if (!r.ok()) {
            return ErrorResponse(r.error());
        }
        return std::move(r).value();
    };
}

Json ToJson(const domain::Server& s) {
    Json j = {{"id", s.id},
              {"group_id", s.group_id},
              {"kind", domain::ToString(s.kind)},
              {"name", s.name},
              {"scan_mode", domain::ToString(s.scan_mode)},
              {"account_id", s.account_id},
              {"region", s.region},
              {"created_at", s.created_at}};
    if (s.kind == domain::ServerKind::kEc2) {
        j["instance_id"] = s.instance_id;
        j["platform"] = s.platform;
    } else if (s.kind == domain::ServerKind::kEcrImage) {
        j["registry"] = s.registry;
        j["repository"] = s.repository;
        j["image_tag"] = s.image_tag;
    } else if (s.kind == domain::ServerKind::kVuls) {
        j["vuls_uuid"] = s.vuls_uuid;
    }
    return j;
}

Json ToJson(const domain::ScanRun& r) {
    Json j = {{"id", r.id},
              {"group_id", r.group_id},
              {"server_id", r.server_id ? Json(*r.server_id) : Json(nullptr)},
              {"type", domain::ToString(r.type)},
              {"trigger", domain::ToString(r.trigger)},
              {"status", domain::ToString(r.status)},
              {"started_at", r.started_at},
              {"finished_at", r.finished_at},
              {"findings_seen", r.findings_seen},
              {"vulnerabilities", r.vulnerabilities},
              {"tasks_created", r.tasks_created},
              {"tasks_reopened", r.tasks_reopened},
              {"tasks_patched", r.tasks_patched},
              {"rows_written", r.rows_written}};
    if (r.type == domain::ScanType::kSbom) {
        j["resources_imported"] = r.resources_imported;
        j["resources_skipped"] = r.resources_skipped;
        j["components_imported"] = r.components_imported;
    }
    if (r.error) {
        j["error"] = {{"code", r.error->code},
                      {"step", r.error->step},
                      {"missing_permission", r.error->missing_permission},
                      {"message", r.error->message},
                      {"hint", r.error->hint}};
    }
    Json skipped = Json::array();
    for (const auto& s : r.skipped) {
        skipped.push_back({{"resource", s.resource}, {"reason", s.reason}});
    }
    j["skipped"] = skipped;
    return j;
}

Json ToJson(const domain::Group& g) {
    char time[8];
    std::snprintf(time, sizeof(time), "%02d:%02d", g.daily_scan_minute / 60 % 24, g.daily_scan_minute % 60);
    return {{"id", g.id},
            {"name", g.name},
            {"timezone", g.timezone},
            {"daily_scan_time", time},
            {"daily_scan_enabled", g.daily_scan_enabled},
            {"aws",
             {{"auth_type", domain::ToString(g.aws.auth_type)},
              {"region", g.aws.region},
              {"access_key_id", g.aws.access_key_id},
              {"secret_access_key_set", !g.aws.secret_enc.empty()},
              {"role_arn", g.aws.role_arn},
              {"external_id", g.aws.external_id},
              {"account_id", g.aws.account_id},
              {"endpoint_url", g.aws.endpoint_url}}},
            {"sbom_export",
             {{"enabled", g.sbom.enabled},
              {"bucket", g.sbom.bucket},
              {"key_prefix", g.sbom.key_prefix},
              {"kms_key_arn", g.sbom.kms_key_arn},
              {"format", g.sbom.format}}}};
}

Json ToJson(const app::SbomDiagnostics& d) {
    Json servers = Json::array();
    for (const auto& s : d.servers) {
        servers.push_back({{"server_id", s.server_id},     {"server", s.server},         {"kind", s.kind},
                           {"scan_mode", s.scan_mode},     {"identifiers", s.identifiers}, {"object_keys", s.object_keys},
                           {"components", s.components},   {"imported_at", s.imported_at}, {"verdict", s.verdict}});
    }
    Json unmatched = Json::array();
    for (const auto& u : d.unmatched) {
        unmatched.push_back({{"resource", u.resource}, {"reason", u.reason}});
    }
    return {{"enabled", d.enabled},
            {"bucket", d.bucket},
            {"kms_key_arn", d.kms_key_arn},
            {"last_run", d.last_run ? ToJson(*d.last_run) : Json(nullptr)},
            {"servers", servers},
            {"unmatched", unmatched}};
}


}  // namespace kensa::http::api
