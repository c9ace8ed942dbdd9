#pragma once
// JSON and CSV views of the software inventory (R18): the group software list, EOL items,
// SBOM file imports and EOL data imports.

#include <map>
#include <string>

#include "kensa/app/inventory/eol.h"
#include "kensa/app/inventory/software_list.h"
#include "kensa/app/sbom/import_file.h"
#include "kensa/dto/json.h"

namespace kensa::dto {

/// A software row (as a server's list shows it) with server_id, server_name, eol_state and
/// eol_date ("YYYY-MM-DD" or null).
Json ToJson(const app::GroupSoftwareRow& row);
/// The CSV header and one row of the same fields (RFC 4180 quoting; a cell that a spreadsheet
/// would read as a formula is prefixed with a quote).
std::string SoftwareCsvHeader();
std::string SoftwareCsvRow(const app::GroupSoftwareRow& row);

/// {id, server_id, server_name, product, product_label, cycle, cycle_label, state, eol_date,
///  eol_at, days_left, latest, evidence, status, deadline, assignee, first_seen, updated_at,
///  closed_at}.
Json ToJson(const app::EolItemView& view);
/// {run_id, server_id, format, spec_version, name (of the first document), components (of
///  all), documents: [{source, format, spec_version, name, components}], software,
///  vulnerabilities, tasks_created, tasks_reopened, tasks_patched, advisory_detections}.
Json ToJson(const app::SbomFileImportResult& result);
Json ToJson(const app::EolImportResult& result);

/// The group software list's query from named parameters, as the API's query string and the
/// CLI's flags spell them: server_id, type, ecosystem, name, name_prefix, version,
/// version_range, license, license_category, eol_state (SUPPORTED, NEAR_EOL, EOL, or any),
/// vulnerable (true|false), include_removed, after, limit. kInvalidInput names the field of a
/// bad value or an unknown parameter.
Result<app::GroupSoftwareQuery> ParseSoftwareQuery(
    const std::map<std::string, std::string>& params);

/// "YYYY-MM-DD" of an epoch (UTC).
std::string CivilDate(domain::EpochSeconds at);

}  // namespace kensa::dto
