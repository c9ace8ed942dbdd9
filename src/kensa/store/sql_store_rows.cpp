#include "kensa/store/sql_store_rows.h"

#include "kensa/common/strings.h"

namespace kensa::store {

using domain::Id;

namespace {

constexpr std::string_view kSoftwareInsert =
    "INSERT INTO software (server_id, lambda_function_id, name, version, release, epoch, arch, "
    "path, type, ecosystem, "
    "package_manager, purl, license, source, managed_by, first_seen, last_seen, "
    "license_expression, "
    "license_category, eol_product, eol_cycle) VALUES ";
constexpr std::string_view kSoftwareRow =
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

}  // namespace

domain::Software ReadSoftware(const SqlRow& row) {
    domain::Software s;
    s.id = row.Int(0);
    s.server_id = row.Int(1);
    s.key.lambda_function_id = row.OptInt(2);
    s.key.name = row.Text(3);
    s.key.version = row.Text(4);
    s.key.release = row.Text(5);
    s.key.epoch = static_cast<int>(row.Int(6));
    s.key.arch = row.Text(7);
    s.key.path = row.Text(8);
    domain::Parse(row.Text(9), &s.type);
    s.ecosystem = row.Text(10);
    s.package_manager = row.Text(11);
    s.purl = row.Text(12);
    s.license = row.Text(13);
    domain::Parse(row.Text(14), &s.source);
    domain::Parse(row.Text(15), &s.managed_by);
    s.first_seen = row.Int(16);
    s.last_seen = row.Int(17);
    s.removed_at = row.OptInt(18);
    s.license_expression = row.Text(19);
    s.license_category = row.Text(20);
    s.eol_product = row.Text(21);
    s.eol_cycle = row.Text(22);
    return s;
}

domain::Detection ReadDetection(const SqlRow& row) {
    domain::Detection d;
    d.id = row.Int(0);
    d.server_id = row.Int(1);
    d.vulnerability_id = row.Text(2);
    d.software_id = row.OptInt(3);
    domain::Parse(row.Text(4), &d.source);
    d.source_ref = row.Text(5);
    d.fixed_in = row.Text(6);
    d.kind = row.Text(7);
    d.active = row.Int(8) != 0;
    d.first_seen = row.Int(9);
    d.last_seen = row.Int(10);
    return d;
}

std::vector<SqlValue> SoftwareParams(Id server_id,
                                     const domain::Software& s,
                                     domain::SoftwareSource source,
                                     int64_t now) {
    return {server_id,
            Opt(s.key.lambda_function_id),
            s.key.name,
            s.key.version,
            s.key.release,
            int64_t{s.key.epoch},
            s.key.arch,
            s.key.path,
            std::string(domain::ToString(s.type)),
            s.ecosystem,
            s.package_manager,
            s.purl,
            s.license,
            std::string(domain::ToString(source)),
            std::string(domain::ToString(s.managed_by)),
            now,
            now,
            s.license_expression,
            s.license_category,
            s.eol_product,
            s.eol_cycle};
}

// One multi-row INSERT of `rows` (ApplyScan's new rows, BulkInsertSoftware). `source`, when
// set, replaces each row's source. 21 parameters a row: keep batches far below SQLite's 32,766.
std::pair<std::string, std::vector<SqlValue>> SoftwareInsert(
    Id server_id,
    std::span<const domain::Software> rows,
    int64_t now,
    std::optional<domain::SoftwareSource> source) {
    std::string sql(kSoftwareInsert);
    std::vector<SqlValue> params;
    params.reserve(rows.size() * 21);
    for (size_t i = 0; i < rows.size(); ++i) {
        if (i > 0) {
            sql += ", ";
        }
        sql += kSoftwareRow;
        auto p = SoftwareParams(server_id, rows[i], source.value_or(rows[i].source), now);
        params.insert(
            params.end(), std::make_move_iterator(p.begin()), std::make_move_iterator(p.end()));
    }
    return {std::move(sql), std::move(params)};
}

// A server's software rows, active only unless include_removed; callers append conditions.
std::string SelectServerSoftware(bool include_removed) {
    std::string sql =
        "SELECT " + std::string(kSoftwareColumns) + " FROM software WHERE server_id = ?";
    if (!include_removed) {
        sql += " AND removed_at IS NULL";
    }
    return sql;
}

std::string JoinRefs(const std::vector<std::string>& refs) {
    std::string out;
    for (const auto& r : refs) {
        if (!out.empty()) {
            out += "\n";
        }
        out += r;
    }
    return out;
}

domain::Vulnerability ReadVulnerability(const SqlRow& row) {
    domain::Vulnerability v;
    v.id = row.Text(0);
    v.title = row.Text(1);
    v.description = row.Text(2);
    v.cvss3_score = row.Real(3);
    v.cvss3_vector = row.Text(4);
    v.severity = domain::SeverityFrom(row.Text(5));
    v.epss = row.OptReal(6);
    v.kev = row.Int(7) != 0;
    v.exploit_available = row.Int(8) != 0;
    v.fix_available = row.Text(9);
    for (auto& r : Split(row.Text(10), '\n')) {
        if (!r.empty()) {
            v.references.push_back(std::move(r));
        }
    }
    v.cvss4_score = row.Real(11);
    v.cvss4_vector = row.Text(12);
    return v;
}

// Loads the stored records of `ids`; ids not stored map to nullopt.

}  // namespace kensa::store
