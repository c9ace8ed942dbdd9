#include "kensa/app/accounts/passwords.h"

#include <sodium.h>

#include <semaphore>

namespace kensa::app {

namespace {

bool SodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

/// Each hash or check takes 64 MiB for about 0.1 s: at most four at once, so that a flood of
/// logins queues instead of taking the server's memory (256 of them would want 16 GiB).
constexpr std::ptrdiff_t kConcurrentHashes = 4;
std::counting_semaphore<kConcurrentHashes>& HashSlots() {
    static std::counting_semaphore<kConcurrentHashes> slots(kConcurrentHashes);
    return slots;
}

class HashSlot {
public:
    HashSlot() { HashSlots().acquire(); }
    ~HashSlot() { HashSlots().release(); }
    HashSlot(const HashSlot&) = delete;
    HashSlot& operator=(const HashSlot&) = delete;
};

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    HashSlot slot;
    if (!SodiumReady() || crypto_pwhash_str_alg(out,
                                                password.data(),
                                                password.size(),
                                                crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                                crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return Error(ErrorCode::kInternal, "hashing the password failed (out of memory)");
    }
    return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || !SodiumReady()) {
        return false;
    }
    HashSlot slot;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool VerifyAgainstDummy(std::string_view password) {
    static const std::string dummy = [] {
        auto hash = HashPassword("kensa dummy password for unknown users");
        return hash.ok() ? *hash : std::string();
    }();
    VerifyPassword(dummy, password);
    return false;
}

}  // namespace kensa::app
