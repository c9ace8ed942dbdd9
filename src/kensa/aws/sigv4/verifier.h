#pragma once
// Verifying SigV4 on incoming requests (header and presigned-query forms) with the very
// canonicalisation code the client signs with (signer.h). kensa verifies the S3 PutObject
// uploads of `vuls saas` with it, and the AWS emulator every request it serves. The verdict is
// a Failure, which each caller turns into its own service's error codes.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "kensa/aws/sigv4/signer.h"
#include "kensa/common/clock.h"

namespace kensa::aws::sigv4 {

/// What the verifier knows of an access key id.
struct VerifyKey {
    std::string secret_access_key;
    /// Temporary credentials: the SHA-256 hex of the session token the request must carry in
    /// X-Amz-Security-Token (empty: a long-term key, which must carry none).
    std::string session_token_sha256;
    int64_t expiration = 0;  ///< epoch seconds on the expiry clock; 0 = never
};

using VerifyKeyLookup = std::function<std::optional<VerifyKey>(const std::string& access_key_id)>;

/// The credential scope of a request, from Authorization or X-Amz-Credential (no checks).
struct Scope {
    bool present = false;
    bool presigned = false;
    std::string access_key_id;
    std::string date8;
    std::string region;
    std::string service;
};
Scope ReadScope(const HttpRequest& req);

enum class Failure {
    kNone,
    kMissing,
    kMalformed,
    kUnknownKey,
    kInvalidToken,
    kExpiredToken,
    kSkewed,
    kWrongRegion,
    kBadSignature,
    kPresignExpired,
    kPayloadMismatch,
};

struct Verification {
    Failure failure = Failure::kNone;
    std::string detail;  ///< AWS's message for malformed, skewed and wrong-region requests
    Scope scope;
    bool ok() const { return failure == Failure::kNone; }
};

struct VerifyContext {
    /// The region the service answers for; empty accepts the region the request is scoped to.
    std::string region;
    SystemTime wall_now;     ///< for the 15-minute skew check (clients follow wall time)
    int64_t expiry_now = 0;  ///< for session expiry (an emulator's clock may be advanced)
    bool s3 = false;         ///< S3's canonical URI and payload rules
};

/// Verifies `req`. The payload: x-amz-content-sha256 when present (a literal hash must match
/// the body; UNSIGNED-PAYLOAD and STREAMING-* are taken as signed), else the body's hash.
Verification Verify(const HttpRequest& req,
                    const VerifyContext& ctx,
                    const VerifyKeyLookup& lookup);

/// How S3 answers a request that failed verification (codes and messages as S3 sends them).
struct S3Refusal {
    int status = 403;
    std::string code;
    std::string message;
    std::vector<std::pair<std::string, std::string>> extra;  ///< further <Error> elements
};
S3Refusal S3RefusalFor(const Verification& verification);

}  // namespace kensa::aws::sigv4
