#pragma once
// Hashes and MACs over OpenSSL. Outputs are raw bytes unless the name says Hex.

#include <string>
#include <string_view>

namespace kensa::crypto {

std::string Sha256(std::string_view data);
std::string Sha256Hex(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);

/// Incremental SHA-256 for streamed bodies.
class Sha256Stream {
public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;
    void Update(std::string_view data);
    std::string FinishHex();

private:
    void* ctx_;
};

/// Constant-time comparison.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

std::string Base64Encode(std::string_view data);
/// Returns false on malformed input.
bool Base64Decode(std::string_view data, std::string* out);

}  // namespace kensa::crypto
