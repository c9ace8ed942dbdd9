#pragma once
// AWS Signature Version 4, header and presigned-query forms.
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
// The canonicalisation steps are free functions so the emulator can verify a signature with the
// exact code the client signs with, and the corpus test can check each intermediate string.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kensa/aws/credentials/credentials.h"
#include "kensa/common/clock.h"

namespace kensa::aws {

/// An HTTP request as it goes on the wire. `path` is the raw (already percent-encoded) path,
/// `query` the raw query string without '?'. Header order is preserved; names keep their case.
struct HttpRequest {
    std::string method = "GET";
    std::string path = "/";
    std::string query;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// First header value with this name (case-insensitive), or empty.
    std::string Header(std::string_view name) const;
    bool HasHeader(std::string_view name) const;
    /// Replaces every header of this name with one value.
    void SetHeader(std::string_view name, std::string value);
};

struct SigningParams {
    std::string service;  ///< signing name: inspector2, lambda, sts, s3
    std::string region;
    SystemTime time;
    /// S3 rules: the path is neither normalised nor encoded again, and x-amz-content-sha256 is
    /// sent.
    bool s3 = false;
    /// Sign the literal payload hash "UNSIGNED-PAYLOAD" (S3 only).
    bool unsigned_payload = false;
};

namespace sigv4 {

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

/// Removes "." and ".." segments and collapses repeated slashes (non-S3 services).
std::string NormalizePath(std::string_view path);
/// The canonical URI: for non-S3, NormalizePath then URI-encode each byte except '/'.
std::string CanonicalUri(std::string_view raw_path, bool s3);
/// Sorted, re-encoded query string. `exclude` drops one key (X-Amz-Signature when verifying).
std::string CanonicalQuery(std::string_view raw_query, std::string_view exclude = {});
/// Lower-cased, trimmed, space-collapsed header block for the given (lower-case) names, and
/// the signed-headers list "a;b;c". Names absent from the request are skipped.
std::pair<std::string, std::string> CanonicalHeaders(const HttpRequest& req,
                                                     const std::vector<std::string>& names);
/// Every header name of the request, lower-cased, sorted, unique.
std::vector<std::string> AllHeaderNames(const HttpRequest& req);
std::string CanonicalRequest(const HttpRequest& req,
                             const std::vector<std::string>& signed_header_names,
                             std::string_view payload_hash,
                             bool s3,
                             std::string_view exclude_query_key = {});
std::string CredentialScope(std::string_view date8,
                            std::string_view region,
                            std::string_view service);
std::string StringToSign(std::string_view amz_date,
                         std::string_view scope,
                         std::string_view canonical_request);
std::string SigningKey(std::string_view secret,
                       std::string_view date8,
                       std::string_view region,
                       std::string_view service);
/// Hex signature of a string to sign.
std::string Signature(std::string_view signing_key, std::string_view string_to_sign);

}  // namespace sigv4

/// Intermediate strings, for tests and for error messages that show the canonical request.
struct SignatureParts {
    std::string canonical_request;
    std::string string_to_sign;
    std::string signature;
    std::string authorization;
};

/// Signs requests. No I/O, no clock reads: the time comes in SigningParams.
class SigV4Signer {
public:
    /// Computes the signature over all headers already present (the suite's convention).
    static SignatureParts Compute(const HttpRequest& req,
                                  const Credentials& creds,
                                  const SigningParams& params);

    /// Adds X-Amz-Date, X-Amz-Security-Token, x-amz-content-sha256 (S3) and Authorization.
    /// The request must carry a Host header. Signs every header present except user-agent etc.
    static void Sign(HttpRequest& req, const Credentials& creds, const SigningParams& params);

    /// Adds the X-Amz-* query parameters of a presigned URL valid for expires_seconds.
    static void Presign(HttpRequest& req,
                        const Credentials& creds,
                        const SigningParams& params,
                        int expires_seconds);
};

/// The parsed Authorization header of a SigV4 request.
struct ParsedAuthorization {
    std::string access_key_id;
    std::string date8;
    std::string region;
    std::string service;
    std::vector<std::string> signed_headers;
    std::string signature;
};

/// Parses "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/svc/aws4_request, SignedHeaders=a;b,
/// Signature=hex". Returns false if malformed.
bool ParseAuthorization(std::string_view header, ParsedAuthorization* out);

}  // namespace kensa::aws
