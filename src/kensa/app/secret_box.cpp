#include "kensa/app/secret_box.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"

namespace kensa::app {
namespace {

Result<std::string> DecodeKey(const std::string& text, const std::string& origin) {
    std::string t = Trim(text);
    std::string raw;
    if (t.size() == 2 * crypto_secretbox_KEYBYTES) {
        raw.resize(crypto_secretbox_KEYBYTES);
        size_t bin_len = 0;
        if (sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()),
                           raw.size(),
                           t.data(),
                           t.size(),
                           nullptr,
                           &bin_len,
                           nullptr) == 0 &&
            bin_len == crypto_secretbox_KEYBYTES) {
            return raw;
        }
    }
    if (crypto::Base64Decode(t, &raw) && raw.size() == crypto_secretbox_KEYBYTES) {
        return raw;
    }
    return Error(ErrorCode::kInvalidInput,
                 "the master key from " + origin +
                     " must be 32 bytes, given as 64 hex characters or base64");
}

}  // namespace

Result<SecretBox> SecretBox::FromRawKey(const std::string& raw_key) {
    if (sodium_init() < 0) {
        return Error(ErrorCode::kInternal, "libsodium failed to initialise");
    }
    if (raw_key.size() != crypto_secretbox_KEYBYTES) {
        return Error(ErrorCode::kInvalidInput, "master key must be 32 bytes");
    }
    return SecretBox(raw_key);
}

Result<SecretBox> SecretBox::Load(const std::string& env_value, const std::string& key_file) {
    if (sodium_init() < 0) {
        return Error(ErrorCode::kInternal, "libsodium failed to initialise");
    }
    if (!env_value.empty()) {
        KENSA_ASSIGN_OR_RETURN(std::string raw, DecodeKey(env_value, "KENSA_MASTER_KEY"));
        return SecretBox(raw);
    }
    if (key_file.empty()) {
        return Error(ErrorCode::kInvalidInput,
                     "no master key: set KENSA_MASTER_KEY or a master key file");
    }
    std::ifstream in(key_file);
    if (in) {
        struct stat st {};
        if (::stat(key_file.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
            return Error(ErrorCode::kInvalidInput,
                         "master key file " + key_file +
                             " is readable by group or others; run chmod 600 on it");
        }
        std::stringstream ss;
        ss << in.rdbuf();
        KENSA_ASSIGN_OR_RETURN(std::string raw, DecodeKey(ss.str(), "key file " + key_file));
        return SecretBox(raw);
    }
    // First start: create the key file with mode 0600 (O_EXCL: never overwrite a key).
    std::string raw(crypto_secretbox_KEYBYTES, '\0');
    randombytes_buf(raw.data(), raw.size());
    int fd = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        return Error(ErrorCode::kInvalidInput,
                     "cannot create master key file " + key_file + ": " + std::strerror(errno));
    }
    std::string hex = HexEncode(raw) + "\n";
    bool ok = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size());
    ::close(fd);
    if (!ok) {
        return Error(ErrorCode::kInternal, "cannot write master key file " + key_file);
    }
    return SecretBox(raw);
}

Result<std::string> SecretBox::Seal(const std::string& plaintext) const {
    std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(),
                    '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plaintext.data()),
                          plaintext.size(),
                          nonce,
                          reinterpret_cast<const unsigned char*>(key_.data()));
    return crypto::Base64Encode(out);
}

Result<std::string> SecretBox::Open(const std::string& sealed) const {
    std::string raw;
    if (!crypto::Base64Decode(sealed, &raw) ||
        raw.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
        return Error(ErrorCode::kInvalidInput, "stored secret is malformed");
    }
    std::string plain(raw.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    const auto* nonce = reinterpret_cast<const unsigned char*>(raw.data());
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   nonce + crypto_secretbox_NONCEBYTES,
                                   raw.size() - crypto_secretbox_NONCEBYTES,
                                   nonce,
                                   reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
        return Error(ErrorCode::kInvalidInput,
                     "stored secret cannot be decrypted with this master key (was KENSA_MASTER_KEY "
                     "changed?)");
    }
    return plain;
}

}  // namespace kensa::app
