#include "kensa/aws/sigv4/verifier.h"

#include <cstdlib>

#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"

namespace kensa::aws::sigv4 {
namespace {

constexpr int64_t kMaxSkewSeconds = 15 * 60;

std::string QueryParam(const std::string& query, std::string_view name) {
    for (const auto& part : Split(query, '&')) {
        auto eq = part.find('=');
        std::string key = UriDecode(part.substr(0, eq));
        if (key == name) {
            return eq == std::string::npos ? std::string() : UriDecode(part.substr(eq + 1));
        }
    }
    return {};
}

bool ParseAmzDate(const std::string& s, SystemTime* out) {
    if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') {
        return false;
    }
    std::string iso = s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2) + "T" +
                      s.substr(9, 2) + ":" + s.substr(11, 2) + ":" + s.substr(13, 2) + "Z";
    return ParseIso8601(iso, out);
}

}  // namespace

Scope ReadScope(const HttpRequest& req) {
    Scope info;
    std::string authz = req.Header("Authorization");
    std::vector<std::string> scope;
    if (!authz.empty()) {
        auto pos = authz.find("Credential=");
        if (pos != std::string::npos) {
            auto end = authz.find_first_of(", ", pos);
            scope =
                Split(authz.substr(pos + 11,
                                   end == std::string::npos ? std::string::npos : end - pos - 11),
                      '/');
        }
        info.present = true;
    } else {
        std::string cred = QueryParam(req.query, "X-Amz-Credential");
        if (!cred.empty()) {
            scope = Split(cred, '/');
            info.present = true;
            info.presigned = true;
        }
    }
    if (scope.size() == 5) {
        info.access_key_id = scope[0];
        info.date8 = scope[1];
        info.region = scope[2];
        info.service = scope[3];
    }
    return info;
}

Verification Verify(const HttpRequest& req,
                    const VerifyContext& ctx,
                    const VerifyKeyLookup& lookup) {
    Verification out;
    out.scope = ReadScope(req);
    const Scope& scope = out.scope;
    auto fail = [&](Failure f, std::string detail = {}) {
        out.failure = f;
        out.detail = std::move(detail);
        return out;
    };
    if (!scope.present) {
        return fail(Failure::kMissing);
    }
    ParsedAuthorization parsed;
    std::string amz_date;
    std::string token;
    int64_t expires = 0;
    if (scope.presigned) {
        parsed.access_key_id = scope.access_key_id;
        parsed.date8 = scope.date8;
        parsed.region = scope.region;
        parsed.service = scope.service;
        parsed.signed_headers = Split(QueryParam(req.query, "X-Amz-SignedHeaders"), ';');
        parsed.signature = QueryParam(req.query, "X-Amz-Signature");
        amz_date = QueryParam(req.query, "X-Amz-Date");
        token = QueryParam(req.query, "X-Amz-Security-Token");
        expires = std::atoll(QueryParam(req.query, "X-Amz-Expires").c_str());
        if (QueryParam(req.query, "X-Amz-Algorithm") != kAlgorithm || parsed.signature.empty() ||
            scope.access_key_id.empty()) {
            return fail(Failure::kMalformed,
                        "Query-string authentication requires the "
                        "X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, "
                        "X-Amz-Date and X-Amz-SignedHeaders parameters.");
        }
    } else {
        if (!ParseAuthorization(req.Header("Authorization"), &parsed)) {
            return fail(Failure::kMalformed,
                        "Authorization header requires 'Credential', 'SignedHeaders' and "
                        "'Signature' parameters. Authorization=" +
                            req.Header("Authorization"));
        }
        amz_date = req.Header("X-Amz-Date");
        token = req.Header("X-Amz-Security-Token");
    }
    if (!ctx.region.empty() && parsed.region != ctx.region) {
        return fail(Failure::kWrongRegion,
                    "The authorization header is malformed; the region '" + parsed.region +
                        "' is wrong; expecting '" + ctx.region + "'");
    }
    auto key = lookup(parsed.access_key_id);
    if (!key.has_value()) {
        return fail(Failure::kUnknownKey);
    }
    if (!key->session_token_sha256.empty()) {
        if (token.empty() ||
            !crypto::ConstantTimeEquals(crypto::Sha256Hex(token), key->session_token_sha256)) {
            return fail(Failure::kInvalidToken);
        }
        if (ctx.expiry_now >= key->expiration) {
            return fail(Failure::kExpiredToken);
        }
    } else if (!token.empty()) {
        return fail(Failure::kInvalidToken);
    }
    SystemTime signed_at;
    if (!ParseAmzDate(amz_date, &signed_at)) {
        return fail(Failure::kMalformed,
                    "Authorization header requires existence of either a "
                    "'X-Amz-Date' or a 'Date' header.");
    }
    int64_t signed_s = ToEpochSeconds(signed_at);
    int64_t wall_s = ToEpochSeconds(ctx.wall_now);
    if (scope.presigned) {
        if (wall_s > signed_s + expires) {
            return fail(Failure::kPresignExpired);
        }
    } else if (signed_s < wall_s - kMaxSkewSeconds) {
        auto limit = std::chrono::system_clock::from_time_t(wall_s - kMaxSkewSeconds);
        return fail(Failure::kSkewed,
                    "Signature expired: " + amz_date + " is now earlier than " +
                        FormatAmzDate(limit) + " (" + FormatAmzDate(ctx.wall_now) + " - 15 min.)");
    } else if (signed_s > wall_s + kMaxSkewSeconds) {
        auto limit = std::chrono::system_clock::from_time_t(wall_s + kMaxSkewSeconds);
        return fail(Failure::kSkewed,
                    "Signature not yet current: " + amz_date + " is still later than " +
                        FormatAmzDate(limit) + " (" + FormatAmzDate(ctx.wall_now) + " + 15 min.)");
    }
    std::string payload_hash;
    if (scope.presigned) {
        payload_hash = ctx.s3 ? std::string(kUnsignedPayload) : crypto::Sha256Hex(req.body);
    } else {
        payload_hash = req.Header("x-amz-content-sha256");
        if (payload_hash.empty()) {
            payload_hash = crypto::Sha256Hex(req.body);
        } else if (payload_hash != kUnsignedPayload && !StartsWith(payload_hash, "STREAMING-") &&
                   payload_hash != crypto::Sha256Hex(req.body)) {
            return fail(Failure::kPayloadMismatch);
        }
    }
    std::string creq = CanonicalRequest(
        req,
        parsed.signed_headers,
        payload_hash,
        ctx.s3,
        scope.presigned ? std::string_view("X-Amz-Signature") : std::string_view());
    std::string cscope = CredentialScope(parsed.date8, parsed.region, parsed.service);
    std::string sts = StringToSign(amz_date, cscope, creq);
    std::string expected = Signature(
        SigningKey(key->secret_access_key, parsed.date8, parsed.region, parsed.service), sts);
    if (parsed.date8 != amz_date.substr(0, 8) ||
        !crypto::ConstantTimeEquals(expected, parsed.signature)) {
        return fail(Failure::kBadSignature);
    }
    return out;
}

S3Refusal S3RefusalFor(const Verification& v) {
    const std::string& akid = v.scope.access_key_id;
    switch (v.failure) {
        case Failure::kNone:
        case Failure::kMissing:
            return {403, "AccessDenied", "Access Denied", {}};
        case Failure::kMalformed:
        case Failure::kWrongRegion:
            return {400, "AuthorizationHeaderMalformed", v.detail, {}};
        case Failure::kUnknownKey:
            return {403,
                    "InvalidAccessKeyId",
                    "The AWS Access Key Id you provided does not exist in our records.",
                    {{"AWSAccessKeyId", akid}}};
        case Failure::kInvalidToken:
            return {
                400, "InvalidToken", "The provided token is malformed or otherwise invalid.", {}};
        case Failure::kExpiredToken:
            return {400, "ExpiredToken", "The provided token has expired.", {}};
        case Failure::kSkewed:
            return {403,
                    "RequestTimeTooSkewed",
                    "The difference between the request time and the current time is too large.",
                    {{"MaxAllowedSkewMilliseconds", "900000"}}};
        case Failure::kBadSignature:
            return {403,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you "
                    "provided. Check your key and signing method.",
                    {{"AWSAccessKeyId", akid}}};
        case Failure::kPresignExpired:
            return {403, "AccessDenied", "Request has expired", {}};
        case Failure::kPayloadMismatch:
            return {400,
                    "XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.",
                    {}};
    }
    return {403, "AccessDenied", "Access Denied", {}};
}

}  // namespace kensa::aws::sigv4
