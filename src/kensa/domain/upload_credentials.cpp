#include "kensa/domain/upload_credentials.h"

namespace kensa::domain {

bool UploadTokenUsable(const UploadToken& token, EpochSeconds now) {
    return !token.revoked_at && (!token.expires_at || now < *token.expires_at);
}

UploadKeyVerdict CheckUploadKey(const UploadCredential& credential,
                                std::string_view key,
                                EpochSeconds now) {
    if (now >= credential.expires_at) {
        return UploadKeyVerdict::kExpired;
    }
    const std::string& dir = credential.results_dir;
    if (dir.empty() || key.size() <= dir.size() + 1 || key.substr(0, dir.size()) != dir ||
        key[dir.size()] != '/') {
        return UploadKeyVerdict::kOutsideResultsDir;
    }
    std::string_view file = key.substr(dir.size() + 1);
    if (file.find('/') != std::string_view::npos || file == "." || file == "..") {
        return UploadKeyVerdict::kOutsideResultsDir;
    }
    return UploadKeyVerdict::kAllowed;
}

}  // namespace kensa::domain
