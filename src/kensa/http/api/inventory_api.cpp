#include "kensa/http/api/inventory_api.h"

#include <optional>

#include "kensa/app/inventory/eol.h"
#include "kensa/app/inventory/software_list.h"
#include "kensa/app/inventory/supply_chain.h"
#include "kensa/app/sbom/import_file.h"
#include "kensa/common/clock.h"
#include "kensa/common/strings.h"
#include "kensa/common/version.h"
#include "kensa/dto/dto.h"
#include "kensa/dto/inventory_dto.h"
#include "kensa/formats/sbom/cyclonedx_writer.h"
#include "kensa/http/api/api_common.h"

namespace kensa::http::api::inventory {

namespace {

// The export is built in memory (the HTTP front does not stream yet): 200,000 rows are about
// 120 MiB of JSON. More is for `kensa software list`, which streams.
constexpr int64_t kMaxExportRows = 200000;

Result<app::GroupSoftwareQuery> Query(const Request& req, std::initializer_list<const char*> skip) {
    std::map<std::string, std::string> params = req.query;
    for (const char* key : skip) {
        params.erase(key);
    }
    return dto::ParseSoftwareQuery(params);
}

Response Document(std::string body, const std::string& filename) {
    Response r;
    r.content_type = "application/vnd.cyclonedx+json";
    r.body = std::move(body);
    r.SetHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    return r;
}

sbom::WriterClock Clock(const ApiDeps& deps) {
    return {FormatIso8601(deps.app.clock.SystemNow()), NewUuid(), kKensaVersion};
}

Json PolicyJson(const domain::LicensePolicy& p) {
    return {{"allow", p.allow},
            {"warn", p.warn},
            {"deny", p.deny},
            {"exempt_os_packages", p.exempt_os_packages}};
}

}  // namespace

Result<Response> Software(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(app::GroupSoftwareQuery q, Query(req, {}));
    KENSA_ASSIGN_OR_RETURN(auto page, app::ListGroupSoftware(deps.app, gid, q));
    Json rows = Json::array();
    for (const auto& row : page.rows) {
        rows.push_back(dto::ToJson(row));
    }
    Json body{{"software", std::move(rows)}};
    if (page.next_after) {
        body["next_after"] = *page.next_after;
    }
    return Render(body);
}

Result<Response> ExportSoftware(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    const std::string format = req.Query("format", "json");
    if (format != "json" && format != "csv") {
        return dto::InvalidField("format", "must be json or csv");
    }
    KENSA_ASSIGN_OR_RETURN(app::GroupSoftwareQuery q, Query(req, {"format", "after", "limit"}));
    Response r;
    r.content_type = format == "csv" ? "text/csv; charset=utf-8" : "application/json";
    r.body = format == "csv" ? dto::SoftwareCsvHeader() : "[";
    int64_t n = 0;
    KENSA_TRY(app::ForEachGroupSoftware(
        deps.app, gid, q, [&](const app::GroupSoftwareRow& row) -> Status {
            if (++n > kMaxExportRows) {
                return Error(ErrorCode::kInvalidInput,
                             "more than 200,000 rows match: narrow the filters, page "
                             "through GET .../software, or use `kensa software list`")
                    .With("field", "format");
            }
            r.body += format == "csv" ? dto::SoftwareCsvRow(row)
                                      : (n == 1 ? "\n" : ",\n") + dto::ToJson(row).dump();
            return Ok();
        }));
    if (format == "json") {
        r.body += n == 0 ? "]" : "\n]";
    }
    r.SetHeader("Content-Disposition",
                std::string("attachment; filename=\"software.") + format + "\"");
    return r;
}

Result<Response> UploadSbom(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kMember));
    KENSA_ASSIGN_OR_RETURN(domain::Id sid, IdParam(req, "server"));
    app::AdvisoryIndexOnce advisories(deps.app.store);
    app::SbomFileImport import(deps.app,
                               gid,
                               sid,
                               domain::ScanTrigger::kApi,
                               "the API upload of " + caller.user.name,
                               advisories);
    (void)import.Feed(req.body);  // Finish reports a failed Feed
    KENSA_ASSIGN_OR_RETURN(auto result, import.Finish());
    return Render(dto::ToJson(result));
}

Result<Response> ServerSbom(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(domain::Id sid, IdParam(req, "server"));
    KENSA_ASSIGN_OR_RETURN(auto inv, app::GetServerInventory(deps.app, gid, sid));
    return Document(sbom::WriteCycloneDxSbom(inv.server, inv.software, Clock(deps)),
                    "server-" + std::to_string(sid) + ".cdx.json");
}

Result<Response> ServerVex(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(domain::Id sid, IdParam(req, "server"));
    KENSA_ASSIGN_OR_RETURN(auto inv, app::GetServerInventory(deps.app, gid, sid));
    return Document(sbom::WriteCycloneDxVex(inv.server, inv.software, inv.tasks, Clock(deps)),
                    "server-" + std::to_string(sid) + ".vex.cdx.json");
}

Result<Response> EolItems(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    app::EolQuery q;
    std::string state = req.Query("state");
    if (!state.empty()) {
        domain::EolState st;
        if (!domain::Parse(state, &st)) {
            return dto::InvalidField("state", "must be SUPPORTED, NEAR_EOL or EOL");
        }
        q.state = st;
    }
    KENSA_ASSIGN_OR_RETURN(int64_t server_id, IntQuery(req, "server_id", 0));
    if (server_id != 0) {
        q.server_id = server_id;
    }
    q.product = req.Query("product");
    q.include_closed = req.Query("closed") == "true";
    // The counts are of every open item the other filters select, whatever the state asked:
    // the overview's cards stay the same while the list is filtered by one of them.
    const std::optional<domain::EolState> wanted = q.state;
    q.state.reset();
    KENSA_ASSIGN_OR_RETURN(auto items, app::ListGroupEol(deps.app, gid, q));
    KENSA_ASSIGN_OR_RETURN(domain::Group group, deps.app.store.GetGroup(gid));
    Json list = Json::array();
    Json counts = {{"EOL", 0}, {"NEAR_EOL", 0}, {"SUPPORTED", 0}};
    for (const auto& v : items) {
        const std::string state_name(domain::ToString(v.state));
        if (!v.item.closed_at) {
            counts[state_name] = counts[state_name].get<int64_t>() + 1;
        }
        if (!wanted || v.state == *wanted) {
            list.push_back(dto::ToJson(v));
        }
    }
    return Render(Json{
        {"items", std::move(list)}, {"counts", counts}, {"eol_near_days", group.eol_near_days}});
}

Result<Response> EditEolItem(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kMember));
    KENSA_ASSIGN_OR_RETURN(domain::Id item_id, IdParam(req, "item"));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"status", "deadline", "assignee"}));
    app::EolItemEdit edit;
    KENSA_ASSIGN_OR_RETURN(edit.status,
                           dto::OptionalEnum<domain::TaskStatus>(
                               body,
                               "status",
                               "NEW, INVESTIGATING, ONGOING, DEFER, WORKAROUND, NOT_AFFECTED or "
                               "RISK_ACCEPTED"));
    KENSA_ASSIGN_OR_RETURN(edit.deadline, dto::TimeMember(body, "deadline"));
    KENSA_ASSIGN_OR_RETURN(edit.assignee, dto::OptionalString(body, "assignee"));
    if (edit.assignee && edit.assignee->size() > 100) {
        return dto::InvalidField("assignee", "may have at most 100 characters");
    }
    KENSA_ASSIGN_OR_RETURN(auto view,
                           app::ChangeEolItem(deps.app, gid, item_id, edit, caller.user.name));
    return Render(dto::ToJson(view));
}

Result<Response> Licenses(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(auto overview, app::GetLicenseOverview(deps.app, gid));
    Json licenses = Json::array();
    for (const auto& u : overview.licenses) {
        licenses.push_back({{"license", u.license},
                            {"category", u.category},
                            {"rows", u.rows},
                            {"server_ids", u.server_ids}});
    }
    return Render(Json{{"licenses", std::move(licenses)},
                       {"by_category", overview.by_category},
                       {"rows", overview.rows},
                       {"without_license", overview.without_license}});
}

Result<Response> LicenseViolations(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(int64_t limit, IntQuery(req, "limit", 500));
    if (limit < 1 || limit > 5000) {
        return dto::InvalidField("limit", "must be between 1 and 5000");
    }
    KENSA_ASSIGN_OR_RETURN(auto violations,
                           app::ListLicenseViolations(deps.app, gid, static_cast<int>(limit)));
    Json out = Json::array();
    for (const auto& v : violations) {
        out.push_back({{"server_id", v.server_id},
                       {"server_name", v.server_name},
                       {"decision", domain::ToString(v.decision)},
                       {"software", dto::ToJson(v.software)}});
    }
    return Render(Json{{"violations", std::move(out)}});
}

Result<Response> SupplyChain(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(auto risks, app::GetSupplyChainSummary(deps.app, gid));
    Json out = Json::array();
    for (const auto& r : risks) {
        out.push_back({{"server_id", r.server.id},
                       {"server_name", r.server.name},
                       {"kind", domain::ToString(r.server.kind)},
                       {"open_tasks", r.open_tasks},
                       {"open_by_severity", r.open_by_severity},
                       {"exploitable", r.exploitable},
                       {"eol_items", r.eol_items},
                       {"near_eol_items", r.near_eol_items},
                       {"license_denied", r.license_denied},
                       {"license_warned", r.license_warned},
                       {"software", r.software},
                       {"sbom_age_days", dto::Nullable(r.sbom_age_days)}});
    }
    return Render(Json{{"servers", std::move(out)}});
}

Result<Response> GetSettings(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kViewer));
    KENSA_ASSIGN_OR_RETURN(domain::Group group, deps.app.store.GetGroup(gid));
    return Render(
        Json{{"eol_near_days", group.eol_near_days},
             {"license_policy", PolicyJson(domain::DecodeLicensePolicy(group.license_policy))}});
}

Result<Response> PutSettings(const ApiDeps& deps, const Request& req, const Caller& caller) {
    KENSA_ASSIGN_OR_RETURN(domain::Id gid,
                           GroupAccess(deps.app, caller, req, domain::Role::kAdmin));
    KENSA_ASSIGN_OR_RETURN(Json body, JsonBody(req, {"eol_near_days", "license_policy"}));
    app::InventorySettings settings;
    KENSA_ASSIGN_OR_RETURN(auto days, dto::OptionalInt(body, "eol_near_days"));
    if (days) {
        if (*days < 0 || *days > domain::kMaxEolNearDays) {
            return dto::InvalidField("eol_near_days", "must be between 0 and 3650");
        }
        settings.eol_near_days = static_cast<int>(*days);
    }
    if (body.contains("license_policy")) {
        const Json& p = body["license_policy"];
        if (!p.is_object()) {
            return dto::InvalidField("license_policy",
                                     "must be an object {allow, warn, deny, exempt_os_packages}");
        }
        for (const auto& [key, value] : p.items()) {
            if (key != "allow" && key != "warn" && key != "deny" && key != "exempt_os_packages") {
                return dto::InvalidField("license_policy", "has an unknown member '" + key + "'");
            }
        }
        domain::LicensePolicy policy;
        for (auto [key, list] : {std::pair{"allow", &policy.allow},
                                 std::pair{"warn", &policy.warn},
                                 std::pair{"deny", &policy.deny}}) {
            if (p.contains(key)) {
                KENSA_ASSIGN_OR_RETURN(*list, dto::StringList(p, key));
            }
        }
        KENSA_ASSIGN_OR_RETURN(auto exempt, dto::OptionalBool(p, "exempt_os_packages"));
        policy.exempt_os_packages = exempt.value_or(true);
        settings.license_policy = std::move(policy);
    }
    KENSA_TRY(app::UpdateInventorySettings(deps.app, gid, settings, caller.user.name));
    return GetSettings(deps, req, caller);
}

}  // namespace kensa::http::api::inventory
