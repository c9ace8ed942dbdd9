#pragma once
// What lets a scanner upload into a group without a user's login (R19): the group's upload
// tokens (scope: upload only), and the short-lived S3 credentials that `vuls saas` gets for one
// results directory. Pure rules; the store keeps only a token's hash and a credential's secret
// encrypted.

#include <optional>
#include <string>
#include <string_view>

#include "kensa/domain/model.h"

namespace kensa::domain {

struct UploadToken {
    Id id = 0;
    Id group_id = 0;
    std::string label;
    std::string created_by;
    EpochSeconds created_at = 0;
    std::optional<EpochSeconds> expires_at;
    std::optional<EpochSeconds> revoked_at;
    std::optional<EpochSeconds> last_used_at;
};

/// A token may upload while it is neither revoked nor past its expiry.
bool UploadTokenUsable(const UploadToken& token, EpochSeconds now);

/// How long the S3 credentials of one `vuls saas` handshake live.
inline constexpr EpochSeconds kUploadCredentialSeconds = 3600;

struct UploadCredential {
    std::string access_key_id;
    Id group_id = 0;
    Id token_id = 0;
    std::string secret_enc;  ///< SecretBox ciphertext: the secret signs, so it cannot be hashed
    std::string session_token_hash;
    std::string results_dir;  ///< "vuls/<group>/<handshake>": PutObject only below it
    EpochSeconds expires_at = 0;
    EpochSeconds created_at = 0;
};

enum class UploadKeyVerdict { kAllowed, kExpired, kOutsideResultsDir };

/// Whether the credential may PutObject `key`: before its expiry, and only a file directly in
/// its results directory (`<dir>/<serverUUID>.json`, `<dir>/<containerUUID>@<serverUUID>.json`),
/// never a path that climbs out of it.
UploadKeyVerdict CheckUploadKey(const UploadCredential& credential,
                                std::string_view key,
                                EpochSeconds now);

}  // namespace kensa::domain
