#pragma once
// The group upload tokens and the temporary S3 credentials of `vuls saas` (R19). A token is
// stored as its hash only; a credential's secret encrypted. Contract: store.h.

#include <optional>
#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/upload_credentials.h"

namespace kensa::ports {

class UploadAuthStore {
public:
    virtual ~UploadAuthStore() = default;

    virtual Result<domain::Id> AddUploadToken(const domain::UploadToken& token,
                                              const std::string& token_hash) = 0;
    /// The token with this hash, revoked and expired ones included (the caller decides).
    virtual Result<std::optional<domain::UploadToken>> FindUploadToken(
        const std::string& token_hash) = 0;
    virtual Result<std::vector<domain::UploadToken>> ListUploadTokens(domain::Id group_id) = 0;
    /// kNotFound unless the group has this token. Revoking also ends its S3 credentials.
    virtual Status RevokeUploadToken(domain::Id group_id,
                                     domain::Id token_id,
                                     domain::EpochSeconds now) = 0;
    virtual Status TouchUploadToken(domain::Id token_id, domain::EpochSeconds now) = 0;
    /// Stores a credential, and forgets the ones that expired a day before `now`.
    virtual Status AddUploadCredential(const domain::UploadCredential& credential,
                                       domain::EpochSeconds now) = 0;
    virtual Result<std::optional<domain::UploadCredential>> FindUploadCredential(
        const std::string& access_key_id) = 0;
};

}  // namespace kensa::ports
