#include "kensa/aws/sigv4/signer.h"

#include <algorithm>
#include <map>

#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"

namespace kensa::aws {

std::string HttpRequest::Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (ToLower(key) == ToLower(name)) {
            return value;
        }
    }
    return {};
}

bool HttpRequest::HasHeader(std::string_view name) const {
    return std::any_of(headers.begin(), headers.end(), [&](const auto& h) {
        return ToLower(h.first) == ToLower(name);
    });
}

void HttpRequest::SetHeader(std::string_view name, std::string value) {
    std::erase_if(headers, [&](const auto& h) { return ToLower(h.first) == ToLower(name); });
    headers.emplace_back(std::string(name), std::move(value));
}

namespace sigv4 {

std::string NormalizePath(std::string_view path) {
    std::vector<std::string> out;
    for (const auto& segment : Split(path, '/')) {
        if (segment.empty() || segment == ".") {
            continue;
        }
        if (segment == "..") {
            if (!out.empty()) {
                out.pop_back();
            }
            continue;
        }
        out.push_back(segment);
    }
    std::string result = "/";
    for (size_t seg_idx = 0; seg_idx < out.size(); ++seg_idx) {
        result += out[seg_idx];
        if (seg_idx + 1 < out.size()) {
            result += "/";
        }
    }
    bool trailing = path.size() > 1 && path.back() == '/' && !out.empty();
    if (trailing) {
        result += "/";
    }
    return result;
}

std::string CanonicalUri(std::string_view raw_path, bool s3) {
    if (raw_path.empty()) {
        return "/";
    }
    if (s3) {
        return std::string(raw_path);
    }
    return UriEncode(NormalizePath(raw_path), /*encode_slash=*/false);
}

std::string CanonicalQuery(std::string_view raw_query, std::string_view exclude) {
    if (raw_query.empty()) {
        return {};
    }
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& part : Split(raw_query, '&')) {
        if (part.empty()) {
            continue;
        }
        size_t eq = part.find('=');
        std::string key = UriDecode(part.substr(0, eq));
        std::string value = eq == std::string::npos ? "" : UriDecode(part.substr(eq + 1));
        if (!exclude.empty() && key == exclude) {
            continue;
        }
        pairs.emplace_back(UriEncode(key), UriEncode(value));
    }
    std::sort(pairs.begin(), pairs.end());
    std::string out;
    for (const auto& [key, value] : pairs) {
        if (!out.empty()) {
            out += "&";
        }
        out += key + "=" + value;
    }
    return out;
}

namespace {
std::string CollapseSpaces(std::string_view value) {
    std::string trimmed = Trim(value);
    std::string out;
    out.reserve(trimmed.size());
    bool in_space = false;
    for (char c : trimmed) {
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (space) {
            if (!in_space) {
                out.push_back(' ');
            }
            in_space = true;
        } else {
            out.push_back(c);
            in_space = false;
        }
    }
    return out;
}
}  // namespace

std::pair<std::string, std::string> CanonicalHeaders(const HttpRequest& req,
                                                     const std::vector<std::string>& names) {
    std::map<std::string, std::string> values;
    for (const auto& [key, value] : req.headers) {
        std::string lower = ToLower(key);
        if (std::find(names.begin(), names.end(), lower) == names.end()) {
            continue;
        }
        auto [it, inserted] = values.emplace(lower, CollapseSpaces(value));
        if (!inserted) {
            it->second += "," + CollapseSpaces(value);
        }
    }
    std::string block;
    std::string signed_list;
    for (const auto& [key, value] : values) {
        block += key + ":" + value + "\n";
        if (!signed_list.empty()) {
            signed_list += ";";
        }
        signed_list += key;
    }
    return {block, signed_list};
}

std::vector<std::string> AllHeaderNames(const HttpRequest& req) {
    std::vector<std::string> names;
    for (const auto& header : req.headers) {
        names.push_back(ToLower(header.first));
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

std::string CanonicalRequest(const HttpRequest& req,
                             const std::vector<std::string>& signed_header_names,
                             std::string_view payload_hash,
                             bool s3,
                             std::string_view exclude_query_key) {
    auto [header_block, signed_list] = CanonicalHeaders(req, signed_header_names);
    std::string out = req.method + "\n";
    out += CanonicalUri(req.path, s3) + "\n";
    out += CanonicalQuery(req.query, exclude_query_key) + "\n";
    out += header_block + "\n";
    out += signed_list + "\n";
    out += payload_hash;
    return out;
}

std::string CredentialScope(std::string_view date8,
                            std::string_view region,
                            std::string_view service) {
    return std::string(date8) + "/" + std::string(region) + "/" + std::string(service) +
           "/aws4_request";
}

std::string StringToSign(std::string_view amz_date,
                         std::string_view scope,
                         std::string_view canonical_request) {
    return std::string(kAlgorithm) + "\n" + std::string(amz_date) + "\n" + std::string(scope) +
           "\n" + crypto::Sha256Hex(canonical_request);
}

std::string SigningKey(std::string_view secret,
                       std::string_view date8,
                       std::string_view region,
                       std::string_view service) {
    std::string k_date = crypto::HmacSha256("AWS4" + std::string(secret), date8);
    std::string k_region = crypto::HmacSha256(k_date, region);
    std::string k_service = crypto::HmacSha256(k_region, service);
    return crypto::HmacSha256(k_service, "aws4_request");
}

std::string Signature(std::string_view signing_key, std::string_view string_to_sign) {
    return HexEncode(crypto::HmacSha256(signing_key, string_to_sign));
}

}  // namespace sigv4

namespace {

std::string PayloadHash(const HttpRequest& req, const SigningParams& params) {
    if (params.unsigned_payload) {
        return std::string(sigv4::kUnsignedPayload);
    }
    std::string declared = req.Header("x-amz-content-sha256");
    if (!declared.empty()) {
        return declared;
    }
    return crypto::Sha256Hex(req.body);
}

SignatureParts ComputeFor(const HttpRequest& req,
                          const std::vector<std::string>& names,
                          const Credentials& creds,
                          const SigningParams& params) {
    std::string amz_date = FormatAmzDate(params.time);
    std::string date8 = amz_date.substr(0, 8);
    std::string scope = sigv4::CredentialScope(date8, params.region, params.service);
    SignatureParts parts;
    parts.canonical_request =
        sigv4::CanonicalRequest(req, names, PayloadHash(req, params), params.s3);
    parts.string_to_sign = sigv4::StringToSign(amz_date, scope, parts.canonical_request);
    parts.signature = sigv4::Signature(
        sigv4::SigningKey(creds.secret_access_key, date8, params.region, params.service),
        parts.string_to_sign);
    auto signed_list = sigv4::CanonicalHeaders(req, names).second;
    parts.authorization = std::string(sigv4::kAlgorithm) + " Credential=" + creds.access_key_id +
                          "/" + scope + ", SignedHeaders=" + signed_list +
                          ", Signature=" + parts.signature;
    return parts;
}

// Headers that proxies may rewrite; AWS SDKs leave them unsigned.
bool Unsignable(const std::string& lower) {
    return lower == "user-agent" || lower == "expect" || lower == "authorization" ||
           lower == "connection" || lower == "x-amzn-trace-id" || lower == "accept-encoding" ||
           lower == "transfer-encoding";
}

}  // namespace

SignatureParts SigV4Signer::Compute(const HttpRequest& req,
                                    const Credentials& creds,
                                    const SigningParams& params) {
    return ComputeFor(req, sigv4::AllHeaderNames(req), creds, params);
}

void SigV4Signer::Sign(HttpRequest& req, const Credentials& creds, const SigningParams& params) {
    req.SetHeader("X-Amz-Date", FormatAmzDate(params.time));
    if (!creds.session_token.empty()) {
        req.SetHeader("X-Amz-Security-Token", creds.session_token);
    }
    if (params.s3) {
        req.SetHeader("x-amz-content-sha256",
                      params.unsigned_payload ? std::string(sigv4::kUnsignedPayload)
                                              : crypto::Sha256Hex(req.body));
    }
    std::vector<std::string> names;
    for (const auto& name : sigv4::AllHeaderNames(req)) {
        if (!Unsignable(name)) {
            names.push_back(name);
        }
    }
    req.SetHeader("Authorization", ComputeFor(req, names, creds, params).authorization);
}

void SigV4Signer::Presign(HttpRequest& req,
                          const Credentials& creds,
                          const SigningParams& params,
                          int expires_seconds) {
    std::string amz_date = FormatAmzDate(params.time);
    std::string date8 = amz_date.substr(0, 8);
    std::string scope = sigv4::CredentialScope(date8, params.region, params.service);
    std::vector<std::string> names = {"host"};
    std::string q = req.query;
    auto add = [&q](std::string_view key, std::string_view value) {
        if (!q.empty()) {
            q += "&";
        }
        q += UriEncode(key) + "=" + UriEncode(value);
    };
    add("X-Amz-Algorithm", sigv4::kAlgorithm);
    add("X-Amz-Credential", creds.access_key_id + "/" + scope);
    add("X-Amz-Date", amz_date);
    add("X-Amz-Expires", std::to_string(expires_seconds));
    if (!creds.session_token.empty()) {
        add("X-Amz-Security-Token", creds.session_token);
    }
    add("X-Amz-SignedHeaders", "host");
    req.query = q;
    std::string payload =
        params.s3 ? std::string(sigv4::kUnsignedPayload) : crypto::Sha256Hex(req.body);
    std::string creq = sigv4::CanonicalRequest(req, names, payload, params.s3);
    std::string sts = sigv4::StringToSign(amz_date, scope, creq);
    std::string sig = sigv4::Signature(
        sigv4::SigningKey(creds.secret_access_key, date8, params.region, params.service), sts);
    add("X-Amz-Signature", sig);
    req.query = q;
}

bool ParseAuthorization(std::string_view header, ParsedAuthorization* out) {
    std::string h = Trim(header);
    if (!StartsWith(h, sigv4::kAlgorithm)) {
        return false;
    }
    std::string rest = h.substr(sigv4::kAlgorithm.size());
    ParsedAuthorization parsed;
    bool have_credential = false;
    bool have_signed = false;
    bool have_signature = false;
    for (const auto& raw_part : Split(rest, ',')) {
        std::string part = Trim(raw_part);
        size_t eq = part.find('=');
        if (eq == std::string::npos) {
            return false;
        }
        std::string key = part.substr(0, eq);
        std::string value = part.substr(eq + 1);
        if (key == "Credential") {
            auto scope = Split(value, '/');
            if (scope.size() != 5 || scope[4] != "aws4_request") {
                return false;
            }
            parsed.access_key_id = scope[0];
            parsed.date8 = scope[1];
            parsed.region = scope[2];
            parsed.service = scope[3];
            have_credential = true;
        } else if (key == "SignedHeaders") {
            parsed.signed_headers = Split(value, ';');
            have_signed = true;
        } else if (key == "Signature") {
            parsed.signature = value;
            have_signature = true;
        }
    }
    if (!have_credential || !have_signed || !have_signature) {
        return false;
    }
    *out = std::move(parsed);
    return true;
}

}  // namespace kensa::aws
