#include "kensa/http/api/groups_api.h"

#include "kensa/app/accounts/accounts.h"
#include "kensa/app/accounts/groups.h"
#include "kensa/app/integration/aws_settings.h"
#include "kensa/dto/group_dto.h"
#include "kensa/dto/request.h"
#include "kensa/http/api/api_common.h"

namespace kensa::http::api::groups {

namespace {

constexpr std::string_view kAuthTypes = "access_key or assume_role";

const dto::Members kAwsSettingsMembers = {
    "auth_type", "region", "access_key_id", "secret_access_key", "role_arn", "endpoint_url"};

Result<app::AwsSettingsInput> ParseAwsSettings(const Json& body) {
    app::AwsSettingsInput in;
    KENSA_ASSIGN_OR_RETURN(auto auth_type,
                           dto::RequiredEnum<domain::AwsAuthType>(body, "auth_type", kAuthTypes));
    if (auth_type == domain::AwsAuthType::kNone) {
        return dto::InvalidField("auth_type", "must be " + std::string(kAuthTypes));
    }
    in.auth_type = auth_type;
    KENSA_ASSIGN_OR_RETURN(in.region, dto::StringOr(body, "region", ""));
    KENSA_ASSIGN_OR_RETURN(in.access_key_id, dto::StringOr(body, "access_key_id", ""));
    KENSA_ASSIGN_OR_RETURN(in.secret_access_key, dto::StringOr(body, "secret_access_key", ""));
    KENSA_ASSIGN_OR_RETURN(in.role_arn, dto::StringOr(body, "role_arn", ""));
    KENSA_ASSIGN_OR_RETURN(in.endpoint_url, dto::StringOr(body, "endpoint_url", ""));
    return in;
}

const dto::Members kScheduleMembers = {"timezone", "daily_scan_time", "enabled"};

Result<app::ScheduleInput> ParseSchedule(const Json& body) {
    app::ScheduleInput in;
    KENSA_ASSIGN_OR_RETURN(in.timezone, dto::OptionalString(body, "timezone"));
    KENSA_ASSIGN_OR_RETURN(auto time, dto::OptionalString(body, "daily_scan_time"));
    if (time) {
        KENSA_ASSIGN_OR_RETURN(in.daily_minute, dto::ParseDailyScanTime(*time));
    }
    KENSA_ASSIGN_OR_RETURN(in.enabled, dto::OptionalBool(body, "enabled"));
    return in;
}

}  // namespace

Result<Response> List(const ApiDeps& deps, const Request&, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(auto visible, app::ListVisibleGroups(deps.app, caller.user));
    Json out = Json::array();
    for (const auto& group : visible) {
        out.push_back(dto::ToJson(group));
    }
    return Render(Json{{"groups", out}});
}

Result<Response> Create(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_TRY(app::RequireSiteAdmin(caller.user));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"name", "timezone"}));
    KENSA_ASSIGN_OR_RETURN(std::string name, dto::RequiredString(body, "name"));
    KENSA_ASSIGN_OR_RETURN(std::string timezone, dto::StringOr(body, "timezone", ""));
    KENSA_ASSIGN_OR_RETURN(domain::Id id,
                           app::CreateGroup(deps.app, name, timezone, caller.user.name));
    KENSA_ASSIGN_OR_RETURN(domain::Group group, app::GetGroup(deps.app, id));
    return Render(dto::ToJson(group), 201);
}

Result<Response> Get(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(domain::Group group, app::GetGroup(deps.app, gid));
    return Render(dto::ToJson(group));
}

Result<Response> PutAws(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, kAwsSettingsMembers));
    KENSA_ASSIGN_OR_RETURN(app::AwsSettingsInput in, ParseAwsSettings(body));
    KENSA_TRY(app::SetAwsSettings(deps.app, gid, in, caller.user.name));
    KENSA_ASSIGN_OR_RETURN(domain::Group group, app::GetGroup(deps.app, gid));
    return Render(dto::ToJson(group));
}

Result<Response> TestAws(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(auto report, app::TestConnection(deps.app, gid));
    return Render(dto::ToJson(report));
}

Result<Response> PutSchedule(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, kScheduleMembers));
    KENSA_ASSIGN_OR_RETURN(app::ScheduleInput in, ParseSchedule(body));
    KENSA_ASSIGN_OR_RETURN(domain::Group group, app::SetSchedule(deps.app, gid, in));
    return Render(dto::ToJson(group));
}

}  // namespace kensa::http::api::groups
