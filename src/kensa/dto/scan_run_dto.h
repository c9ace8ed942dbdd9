#pragma once
// JSON views of what jobs report: scan runs (the scan history, R20), the SBOM diagnostics and
// the advisory import report.

#include "kensa/app/advisories/import.h"
#include "kensa/app/sbom/diagnostics.h"
#include "kensa/app/sbom/export_job.h"
#include "kensa/app/sbom/settings.h"
#include "kensa/domain/model.h"
#include "kensa/dto/json.h"

namespace kensa::dto {

/// {id, group_id, server_id|null, type, trigger, status, started_at, finished_at, the counters,
/// skipped[{resource, reason}]}, plus the sbom counters for sbom runs and error{code, step,
/// missing_permission, message, hint} for failed ones.
Json ToJson(const domain::ScanRun& run);
/// {enabled, bucket, kms_key_arn, last_run|null, servers[...], unmatched[...]}.
Json ToJson(const app::SbomDiagnostics& diagnostics);
/// {files, records, inserted, updated, unchanged, withdrawn, git_ranges_skipped,
/// unknown_ecosystems, errors}.
Json ToJson(const app::AdvisoryImportReport& report);

}  // namespace kensa::dto
