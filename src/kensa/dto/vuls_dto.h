#pragma once
// JSON views of Vuls imports (R19), the group upload tokens, and the answer `vuls saas` reads
// from its handshake (Go's field names: Vuls decodes it into sts types.Credentials).

#include "kensa/app/vuls/import_result.h"
#include "kensa/app/vuls/upload_auth.h"
#include "kensa/dto/json.h"

namespace kensa::dto {

/// {run_id, server_id, server_name, created, identified_by, family, release, packages,
///  src_packages, library_scanners, software, cves, tasks_created, tasks_reopened,
///  tasks_patched, advisory_detections}.
Json ToJson(const app::VulsImportResult& result);
/// {id, group_id, label, created_by, created_at, expires_at, revoked_at, last_used_at}; never
/// the token.
Json ToJson(const domain::UploadToken& token);
/// {Credential: {AccessKeyId, SecretAccessKey, SessionToken, Expiration}, S3Bucket,
///  S3ResultsDir}, Expiration in RFC 3339.
Json SaasAnswer(const app::SaasCredentials& credentials);

}  // namespace kensa::dto
