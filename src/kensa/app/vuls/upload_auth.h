#pragma once
// Use cases of scanner uploads (R19): a group's upload tokens (scope: upload only, shown once,
// stored hashed, listed and revoked like API tokens), their use by `vuls report -to-http`, and
// the `vuls saas` handshake that trades one for short-lived S3 credentials allowed to
// PutObject under one results directory of kensa's upload bucket.

#include <optional>
#include <string>
#include <vector>

#include "kensa/app/context.h"
#include "kensa/domain/upload_credentials.h"

namespace kensa::app {

/// The bucket of kensa's S3-compatible upload target. A scanner reaches it by path style
/// (AWS_ENDPOINT_URL_S3=http://<kensa address>), so the name is only a path segment.
inline constexpr const char* kVulsUploadBucket = "kensa-vuls-results";

struct IssuedUploadToken {
    domain::UploadToken token;
    std::string secret;  ///< shown once; only its SHA-256 is stored
};

/// kInvalidInput for a label over 200 characters or a non-positive lifetime.
Result<IssuedUploadToken> CreateUploadToken(const AppContext& ctx,
                                            domain::Id group_id,
                                            const std::string& label,
                                            std::optional<int64_t> expires_in_days,
                                            const std::string& actor);
Result<std::vector<domain::UploadToken>> ListUploadTokens(const AppContext& ctx,
                                                          domain::Id group_id);
/// Revokes the token and the S3 credentials it obtained; kNotFound if the group has no such
/// token.
Status RevokeUploadToken(const AppContext& ctx,
                         domain::Id group_id,
                         domain::Id token_id,
                         const std::string& actor);

/// The group an upload token lets its bearer upload into. kUnauthenticated for an unknown,
/// revoked or expired token, and for a token of another group than `group_id` when given.
Result<domain::UploadToken> AuthenticateUploadToken(const AppContext& ctx,
                                                    const std::string& secret,
                                                    std::optional<domain::Id> group_id);

/// What `vuls saas` expects back from its handshake.
struct SaasCredentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;
    domain::EpochSeconds expiration = 0;
    std::string bucket;
    std::string results_dir;
};

/// The handshake: `token` must be an upload token of group `group_id` (Vuls's [saas] GroupID).
Result<SaasCredentials> StartSaasUpload(const AppContext& ctx,
                                        domain::Id group_id,
                                        const std::string& token);

/// A credential for the S3 target, its secret decrypted for the signature check only; nullopt
/// for an unknown access key id.
struct UploadSigningKey {
    domain::UploadCredential credential;
    std::string secret_access_key;
};
Result<std::optional<UploadSigningKey>> FindUploadSigningKey(const AppContext& ctx,
                                                             const std::string& access_key_id);

}  // namespace kensa::app
