#include "kensa/dto/inventory_dto.h"

#include <array>
#include <charconv>
#include <cstdio>

#include "kensa/dto/server_dto.h"

namespace kensa::dto {
namespace {

std::string Csv(const std::string& cell) {
    std::string v = cell;
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) {
        v.insert(v.begin(), '\'');
    }
    if (v.find_first_of(",\"\r\n") == std::string::npos) {
        return v;
    }
    std::string out = "\"";
    for (char c : v) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

Json DateOrNull(const std::optional<domain::EpochSeconds>& at) {
    return at ? Json(CivilDate(*at)) : Json(nullptr);
}

Result<int64_t> Integer(const std::string& field, const std::string& v) {
    int64_t out = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || ptr != v.data() + v.size() || out < 0) {
        return Error(ErrorCode::kInvalidInput, field + " must be a non-negative integer")
            .With("field", field);
    }
    return out;
}

Result<bool> Boolean(const std::string& field, const std::string& v) {
    if (v == "true" || v == "1" || v == "yes") {
        return true;
    }
    if (v == "false" || v == "0" || v == "no") {
        return false;
    }
    return Error(ErrorCode::kInvalidInput, field + " must be true or false").With("field", field);
}

}  // namespace

Result<app::GroupSoftwareQuery> ParseSoftwareQuery(
    const std::map<std::string, std::string>& params) {
    app::GroupSoftwareQuery q;
    ports::GroupSoftwareFilter& f = q.filter;
    for (const auto& [key, value] : params) {
        if (value.size() > 512) {
            return Error(ErrorCode::kInvalidInput, key + " is longer than 512 bytes")
                .With("field", key);
        }
        if (key == "server_id") {
            KENSA_ASSIGN_OR_RETURN(int64_t id, Integer(key, value));
            f.server_id = id;
        } else if (key == "type") {
            domain::SoftwareType t;
            if (!domain::Parse(value, &t)) {
                return Error(ErrorCode::kInvalidInput,
                             "type must be os_pkg, library, runtime or application")
                    .With("field", key);
            }
            f.type = t;
        } else if (key == "ecosystem") {
            f.ecosystem = value;
        } else if (key == "name") {
            f.name = value;
        } else if (key == "name_prefix") {
            f.name_prefix = value;
        } else if (key == "version") {
            f.version = value;
        } else if (key == "version_range") {
            q.version_range = value;
        } else if (key == "license") {
            f.license = value;
        } else if (key == "license_category") {
            if (!app::IsLicenseCategory(value)) {
                return Error(ErrorCode::kInvalidInput,
                             "license_category must be permissive, weak_copyleft, "
                             "strong_copyleft, network_copyleft, proprietary, public_domain or "
                             "unknown")
                    .With("field", key);
            }
            f.license_category = value;
        } else if (key == "eol_state") {
            domain::EolState st;
            if (value == "any") {
                f.eol_any_cycle = true;
            } else if (domain::Parse(value, &st)) {
                q.eol_state = st;
            } else {
                return Error(ErrorCode::kInvalidInput,
                             "eol_state must be SUPPORTED, NEAR_EOL, EOL or any")
                    .With("field", key);
            }
        } else if (key == "vulnerable") {
            KENSA_ASSIGN_OR_RETURN(bool b, Boolean(key, value));
            f.vulnerable = b;
        } else if (key == "include_removed") {
            KENSA_ASSIGN_OR_RETURN(f.include_removed, Boolean(key, value));
        } else if (key == "after") {
            KENSA_ASSIGN_OR_RETURN(q.after_id, Integer(key, value));
        } else if (key == "limit") {
            KENSA_ASSIGN_OR_RETURN(q.limit, Integer(key, value));
        } else {
            return Error(ErrorCode::kInvalidInput, "unknown parameter '" + key + "'")
                .With("field", key);
        }
    }
    return q;
}

std::string CivilDate(domain::EpochSeconds at) {
    // civil_from_days (Howard Hinnant), for any epoch day.
    int64_t z = (at >= 0 ? at : at - 86399) / 86400 + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    std::array<char, 32> buf{};
    std::snprintf(buf.data(),
                  buf.size(),
                  "%04lld-%02u-%02u",
                  static_cast<long long>(y + (m <= 2 ? 1 : 0)),
                  m,
                  d);
    return buf.data();
}

Json ToJson(const app::GroupSoftwareRow& row) {
    Json j = ToJson(row.software);
    j["server_id"] = row.software.server_id;
    j["server_name"] = row.server_name;
    j["eol_state"] = row.eol_state ? Json(domain::ToString(*row.eol_state)) : Json(nullptr);
    j["eol_date"] = DateOrNull(row.eol_at);
    return j;
}

std::string SoftwareCsvHeader() {
    return "id,server_id,server_name,name,version,release,epoch,arch,type,ecosystem,purl,"
           "license,license_expression,license_category,eol_product,eol_cycle,eol_state,"
           "eol_date,path,source\r\n";
}

std::string SoftwareCsvRow(const app::GroupSoftwareRow& row) {
    const domain::Software& s = row.software;
    std::string out;
    for (const std::string& cell :
         {std::to_string(s.id),
          std::to_string(s.server_id),
          row.server_name,
          s.key.name,
          s.key.version,
          s.key.release,
          std::to_string(s.key.epoch),
          s.key.arch,
          std::string(domain::ToString(s.type)),
          s.ecosystem,
          s.purl,
          s.license,
          s.license_expression,
          s.license_category,
          s.eol_product,
          s.eol_cycle,
          row.eol_state ? std::string(domain::ToString(*row.eol_state)) : std::string(),
          row.eol_at ? CivilDate(*row.eol_at) : std::string(),
          s.key.path,
          std::string(domain::ToString(s.source))}) {
        out += (out.empty() ? "" : ",") + Csv(cell);
    }
    return out + "\r\n";
}

Json ToJson(const app::EolItemView& v) {
    const domain::EolItem& e = v.item;
    return {{"id", e.id},
            {"server_id", e.server_id},
            {"server_name", v.server_name},
            {"product", e.product},
            {"product_label", e.product_label},
            {"cycle", e.cycle},
            {"cycle_label", e.cycle_label},
            {"state", domain::ToString(v.state)},
            {"eol_date", DateOrNull(e.eol_at)},
            {"eol_at", Nullable(e.eol_at)},
            {"eol_undated", e.eol_undated},
            {"days_left", Nullable(v.days_left)},
            {"latest", e.latest},
            {"evidence", e.evidence},
            {"status", domain::ToString(e.status)},
            {"deadline", Nullable(e.deadline)},
            {"assignee", e.assignee},
            {"first_seen", e.first_seen},
            {"updated_at", e.updated_at},
            {"closed_at", Nullable(e.closed_at)}};
}

Json ToJson(const app::SbomFileImportResult& r) {
    Json documents = Json::array();
    for (const auto& d : r.documents) {
        documents.push_back({{"source", d.source},
                             {"format", d.format},
                             {"spec_version", d.spec_version},
                             {"name", d.name},
                             {"components", d.components}});
    }
    return {{"run_id", r.run_id},
            {"documents", std::move(documents)},
            {"server_id", r.server_id},
            {"format", r.format},
            {"spec_version", r.spec_version},
            {"name", r.name},
            {"components", r.components},
            {"software", r.software},
            {"vulnerabilities", r.vulnerabilities},
            {"tasks_created", r.applied.tasks_created + r.advisory_applied.tasks_created},
            {"tasks_reopened", r.applied.tasks_reopened + r.advisory_applied.tasks_reopened},
            {"tasks_patched", r.applied.tasks_patched},
            {"advisory_detections", r.advisory_applied.active_detections}};
}

Json ToJson(const app::EolImportResult& r) {
    return {{"products", r.products},
            {"cycles", r.cycles},
            {"servers_refreshed", r.servers_refreshed},
            {"source", r.source}};
}

}  // namespace kensa::dto
