#pragma once
// Encryption of secrets at rest (AWS secret keys) with libsodium's secretbox
// (XSalsa20-Poly1305). The 32-byte master key comes from KENSA_MASTER_KEY (64 hex chars or
// base64) or from a key file that is created with mode 0600 on first start.

#include <string>

#include "kensa/common/error.h"

namespace kensa::app {

class SecretBox {
public:
    /// KENSA_MASTER_KEY if set (env_value non-empty), else the key file (created if absent).
    static Result<SecretBox> Load(const std::string& env_value, const std::string& key_file);
    /// A box with a given raw 32-byte key (tests).
    static Result<SecretBox> FromRawKey(const std::string& raw_key);

    /// Returns base64(nonce || ciphertext). Never fails for valid keys.
    Result<std::string> Seal(const std::string& plaintext) const;
    /// kInvalidInput when the ciphertext is malformed or was sealed with another key.
    Result<std::string> Open(const std::string& sealed) const;

private:
    explicit SecretBox(std::string key) : key_(std::move(key)) {}
    std::string key_;
};

}  // namespace kensa::app
