#pragma once
// Rows of the scan tables as SQL: the column lists, the readers and the software INSERT
// builder, shared by ApplyScan (sql_store_scan.cpp) and the read side (sql_store_inventory.cpp).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kensa/store/sql_store_internal.h"

namespace kensa::store {

inline constexpr std::string_view kSoftwareColumns =
    "id, server_id, lambda_function_id, name, version, release, epoch, arch, path, type, "
    "ecosystem, package_manager, "
    "purl, license, source, managed_by, first_seen, last_seen, removed_at, license_expression, "
    "license_category, eol_product, eol_cycle";
inline constexpr std::string_view kDetectionColumns =
    "id, server_id, vulnerability_id, software_id, source, source_ref, fixed_in, kind, active, "
    "first_seen, last_seen";
inline constexpr std::string_view kVulnerabilityColumns =
    "id, title, description, cvss3_score, cvss3_vector, severity, epss, kev, exploit_available, "
    "fix_available, refs, cvss4_score, cvss4_vector";

domain::Software ReadSoftware(const SqlRow& row);
domain::Detection ReadDetection(const SqlRow& row);
domain::Vulnerability ReadVulnerability(const SqlRow& row);

/// The 21 parameters of one software row.
std::vector<SqlValue> SoftwareParams(domain::Id server_id,
                                     const domain::Software& s,
                                     domain::SoftwareSource source,
                                     int64_t now);
/// One multi-row INSERT of `rows` (ApplyScan's new rows, BulkInsertSoftware). `source`, when
/// set, replaces each row's source. 21 parameters a row: keep batches far below SQLite's 32,766.
std::pair<std::string, std::vector<SqlValue>> SoftwareInsert(
    domain::Id server_id,
    std::span<const domain::Software> rows,
    int64_t now,
    std::optional<domain::SoftwareSource> source);
/// SELECT of a server's software rows (WHERE server_id = ?, and removed_at IS NULL unless
/// `include_removed`).
std::string SelectServerSoftware(bool include_removed);
/// A vulnerability's references as stored (one column).
std::string JoinRefs(const std::vector<std::string>& refs);

}  // namespace kensa::store
