#pragma once
// SigV4 verification of incoming requests (header and presigned-query forms), with the same
// canonicalisation code the kensa client signs with.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "kensa/aws/sigv4/verifier.h"
#include "kensa/common/clock.h"
#include "model.h"
#include "protocol.h"

namespace kensa::emulator {

/// What the emulator knows about an access key id.
struct KeyInfo {
    std::string secret_access_key;
    std::string session_token;  ///< required X-Amz-Security-Token (sessions only)
    int64_t expiration = 0;     ///< epoch seconds (emulator clock); 0 = never
    Principal principal;
};

using KeyLookup = std::function<std::optional<KeyInfo>(const std::string& access_key_id)>;

/// The credential scope of a request, from Authorization or X-Amz-Credential (no checks).
using ScopeInfo = aws::sigv4::Scope;
using aws::sigv4::ReadScope;

struct AuthOutcome {
    bool ok = false;
    Principal principal;
    AwsError error;
};

struct AuthContext {
    Service service = Service::kUnknown;
    std::string region;        ///< the region the service runs in
    SystemTime wall_now;       ///< for the 15-minute skew check (clients follow wall time)
    int64_t emulator_now = 0;  ///< for session-token expiry (the emulator clock can be advanced)
};

/// Verifies req. On failure `error` carries the code AWS uses for this service.
AuthOutcome VerifyRequest(const aws::HttpRequest& req,
                          const AuthContext& ctx,
                          const KeyLookup& lookup);

}  // namespace kensa::emulator
