#include "auth.h"

#include <cstdlib>

#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"

namespace kensa::emulator {
namespace {

using aws::sigv4::Failure;

bool IsJsonService(Service s) {
    return s == Service::kInspector2 || s == Service::kLambda;
}

const char* const kSignatureMismatch =
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details.";

AwsError MakeError(Service svc, const aws::sigv4::Verification& v) {
    if (svc == Service::kS3) {
        aws::sigv4::S3Refusal r = aws::sigv4::S3RefusalFor(v);
        return {r.status, r.code, r.message, r.extra, {}};
    }
    bool json = IsJsonService(svc);
    const char* invalid_signature = json ? "InvalidSignatureException" : "SignatureDoesNotMatch";
    const char* unknown_client = json ? "UnrecognizedClientException" : "InvalidClientTokenId";
    switch (v.failure) {
        case Failure::kMissing:
            if (svc == Service::kSts) {
                return {403,
                        "MissingAuthenticationToken",
                        "Request is missing Authentication Token",
                        {},
                        {}};
            }
            return {
                403, "MissingAuthenticationTokenException", "Missing Authentication Token", {}, {}};
        case Failure::kMalformed:
            return {400,
                    json ? "IncompleteSignatureException" : "IncompleteSignature",
                    v.detail,
                    {},
                    {}};
        case Failure::kUnknownKey:
        case Failure::kInvalidToken:
            return {403,
                    unknown_client,
                    "The security token included in the request is invalid.",
                    {},
                    {}};
        case Failure::kExpiredToken:
            return {403,
                    json ? "ExpiredTokenException" : "ExpiredToken",
                    "The security token included in the request is expired",
                    {},
                    {}};
        case Failure::kSkewed:
            return {403, invalid_signature, v.detail, {}, {}};
        case Failure::kWrongRegion:
            return {
                403, invalid_signature, "Credential should be scoped to a valid region. ", {}, {}};
        case Failure::kBadSignature:
            return {403, invalid_signature, kSignatureMismatch, {}, {}};
        case Failure::kPresignExpired:
            return {403, "AccessDenied", "Request has expired", {}, {}};
        case Failure::kNone:
            break;
        case Failure::kPayloadMismatch:
            return {400,
                    "XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.",
                    {},
                    {}};
    }
    return {403, "AccessDenied", v.detail, {}, {}};
}

}  // namespace

AuthOutcome VerifyRequest(const aws::HttpRequest& req,
                          const AuthContext& ctx,
                          const KeyLookup& lookup) {
    AuthOutcome out;
    aws::sigv4::VerifyContext verify;
    verify.region = ctx.region;
    verify.wall_now = ctx.wall_now;
    verify.expiry_now = ctx.emulator_now;
    verify.s3 = ctx.service == Service::kS3;
    auto checked = aws::sigv4::Verify(req, verify, [&](const std::string& akid) {
        std::optional<aws::sigv4::VerifyKey> key;
        if (auto info = lookup(akid)) {
            out.principal = info->principal;
            key = aws::sigv4::VerifyKey{info->secret_access_key,
                                        info->session_token.empty()
                                            ? std::string()
                                            : crypto::Sha256Hex(info->session_token),
                                        info->expiration};
        }
        return key;
    });
    out.ok = checked.ok();
    if (!out.ok) {
        out.principal = {};
        out.error = MakeError(ctx.service, checked);
    }
    return out;
}

}  // namespace kensa::emulator
