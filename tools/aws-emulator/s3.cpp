// s3 (rest-xml, path-style /bucket/key or virtual-host bucket.localhost): ListBuckets,
// ListObjectsV2, GetObject (Range), HeadObject, PutObject, GetBucketLocation; bucket policies
// and the KMS decrypt check on SSE-KMS objects.

#include <algorithm>
#include <ctime>
#include <mutex>
#include <set>

#include "emulator.h"
#include "iam.h"
#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"

namespace kensa::emulator {
namespace {

constexpr const char* kS3Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

std::string QueryParam(const std::string& query, std::string_view name, bool* present = nullptr) {
    for (const auto& part : Split(query, '&')) {
        auto eq = part.find('=');
        if (UriDecode(part.substr(0, eq)) == name) {
            if (present != nullptr) {
                *present = true;
            }
            return eq == std::string::npos ? std::string() : UriDecode(part.substr(eq + 1));
        }
    }
    return {};
}

std::string HttpDate(int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[64];
    std::strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return buf;
}

std::string IsoMillis(int64_t t) {
    std::string iso = FormatIso8601(std::chrono::system_clock::from_time_t(t));
    if (!iso.empty() && iso.back() == 'Z') {
        iso.pop_back();
    }
    return iso + ".000Z";
}

// Strips aws-chunked framing ("<hex>;chunk-signature=...\r\n<data>\r\n ... 0;...\r\n").
std::string DecodeAwsChunked(const std::string& body) {
    std::string out;
    size_t pos = 0;
    while (pos < body.size()) {
        size_t eol = body.find("\r\n", pos);
        if (eol == std::string::npos) {
            break;
        }
        std::string header = body.substr(pos, eol - pos);
        size_t size = std::stoul(header.substr(0, header.find(';')), nullptr, 16);
        if (size == 0) {
            break;
        }
        out += body.substr(eol + 2, size);
        pos = eol + 2 + size + 2;
    }
    return out;
}

}  // namespace

std::string Emulator::BucketFromRequest(const aws::HttpRequest& req, std::string* key) const {
    std::string host = ToLower(req.Header("Host"));
    host = host.substr(0, host.find(':'));
    for (const char* suffix : {".localhost", ".s3.amazonaws.com"}) {
        if (EndsWith(host, suffix) && host.size() > std::string(suffix).size()) {
            *key = req.path.size() > 1 ? UriDecode(req.path.substr(1)) : std::string();
            return host.substr(0, host.size() - std::string(suffix).size());
        }
    }
    if (auto s3 = host.find(".s3."); s3 != std::string::npos && s3 > 0) {
        *key = req.path.size() > 1 ? UriDecode(req.path.substr(1)) : std::string();
        return host.substr(0, s3);
    }
    std::string path = req.path.size() > 1 ? req.path.substr(1) : std::string();
    auto slash = path.find('/');
    if (slash == std::string::npos) {
        key->clear();
        return UriDecode(path);
    }
    *key = UriDecode(path.substr(slash + 1));
    return UriDecode(path.substr(0, slash));
}

Response Emulator::HandleS3(const std::string& op,
                            const aws::HttpRequest& req,
                            const Principal& caller) {
    std::string rid = NewUuid();
    std::string key;
    std::string bucket_name = BucketFromRequest(req, &key);
    if (op == "ListBuckets") {
        if (!ActionAllowed(caller.actions, "s3:ListAllMyBuckets")) {
            return RenderError(
                Service::kS3,
                AccessDenied(Service::kS3, caller.arn, "s3:ListAllMyBuckets", "arn:aws:s3:::*"),
                rid);
        }
        std::shared_lock lock(mu_);
        std::string xml = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") +
                          "<ListAllMyBucketsResult xmlns=\"" + kS3Ns + "\"><Owner>" +
                          XmlElement("ID", crypto::Sha256Hex(caller.account_id)) +
                          "</Owner><Buckets>";
        for (const auto& b : fleet_.buckets) {
            if (b.account_id == caller.account_id) {
                xml += "<Bucket>" + XmlElement("Name", b.name) +
                       XmlElement("CreationDate", IsoMillis(Now() - 86400 * 30)) + "</Bucket>";
            }
        }
        xml += "</Buckets></ListAllMyBucketsResult>";
        return XmlOk(xml);
    }
    static const std::map<std::string, std::string> kActions = {
        {"ListObjectsV2", "s3:ListBucket"},
        {"HeadBucket", "s3:ListBucket"},
        {"GetBucketLocation", "s3:GetBucketLocation"},
        {"GetBucketPolicy", "s3:GetBucketPolicy"},
        {"GetObject", "s3:GetObject"},
        {"HeadObject", "s3:GetObject"},
        {"PutObject", "s3:PutObject"}};
    std::string action = kActions.at(op);

    std::unique_lock write_lock(mu_, std::defer_lock);
    std::shared_lock read_lock(mu_, std::defer_lock);
    if (op == "PutObject") {
        write_lock.lock();
    } else {
        read_lock.lock();
    }
    const Bucket* bucket = fleet_.FindBucket(bucket_name);
    if (bucket == nullptr) {
        return RenderError(Service::kS3,
                           {404,
                            "NoSuchBucket",
                            "The specified bucket does not exist",
                            {{"BucketName", bucket_name}},
                            {}},
                           rid);
    }
    PolicyDecision policy =
        EvaluateBucketPolicy(*bucket, caller.arn, caller.account_id, action, key);
    bool identity =
        caller.account_id == bucket->account_id && ActionAllowed(caller.actions, action);
    if (policy == PolicyDecision::kDeny || (!identity && policy != PolicyDecision::kAllow)) {
        std::string resource = "arn:aws:s3:::" + bucket_name + (key.empty() ? "" : "/" + key);
        return RenderError(
            Service::kS3, AccessDenied(Service::kS3, caller.arn, action, resource), rid);
    }
    if (op == "HeadBucket") {
        Response r = XmlOk("");
        r.SetHeader("x-amz-bucket-region", bucket->region);
        return r;
    }
    if (op == "GetBucketLocation") {
        std::string loc = bucket->region == "us-east-1" ? "" : bucket->region;
        return XmlOk(std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") +
                     "<LocationConstraint xmlns=\"" + kS3Ns + "\">" + XmlEscape(loc) +
                     "</LocationConstraint>");
    }
    if (op == "GetBucketPolicy") {
        return RenderError(Service::kS3,
                           {404,
                            "NoSuchBucketPolicy",
                            "The bucket policy does not exist",
                            {{"BucketName", bucket_name}},
                            {}},
                           rid);
    }
    auto& objects = objects_[bucket_name];
    if (op == "PutObject") {
        S3Object obj;
        std::string payload = req.Header("x-amz-content-sha256");
        obj.data = StartsWith(payload, "STREAMING-") ||
                           req.Header("Content-Encoding").find("aws-chunked") != std::string::npos
                       ? DecodeAwsChunked(req.body)
                       : req.body;
        std::string ct = req.Header("Content-Type");
        obj.content_type = ct.empty() ? "binary/octet-stream" : ct;
        obj.etag = "\"" + crypto::Sha256Hex(obj.data).substr(0, 32) + "\"";
        obj.last_modified = Now();
        std::string sse = req.Header("x-amz-server-side-encryption");
        if (sse == "aws:kms") {
            obj.kms_key_arn = req.Header("x-amz-server-side-encryption-aws-kms-key-id");
            if (obj.kms_key_arn.empty()) {
                obj.kms_key_arn = bucket->kms_key_arn;
            }
        } else if (sse.empty()) {
            obj.kms_key_arn = bucket->kms_key_arn;
        }
        Response r = XmlOk("");
        r.SetHeader("ETag", obj.etag);
        if (!obj.kms_key_arn.empty()) {
            r.SetHeader("x-amz-server-side-encryption", "aws:kms");
            r.SetHeader("x-amz-server-side-encryption-aws-kms-key-id", obj.kms_key_arn);
        }
        objects[key] = std::move(obj);
        return r;
    }
    if (op == "ListObjectsV2") {
        std::string prefix = QueryParam(req.query, "prefix");
        std::string delimiter = QueryParam(req.query, "delimiter");
        std::string token = QueryParam(req.query, "continuation-token");
        std::string start_after = QueryParam(req.query, "start-after");
        bool url_encode = QueryParam(req.query, "encoding-type") == "url";
        std::string max_param = QueryParam(req.query, "max-keys");
        int max_keys = max_param.empty() ? 1000 : std::atoi(max_param.c_str());
        max_keys = std::clamp(max_keys, 0, 1000);
        std::string after = start_after;
        if (!token.empty()) {
            std::string decoded;
            if (!crypto::Base64Decode(token, &decoded)) {
                return RenderError(Service::kS3,
                                   {400,
                                    "InvalidArgument",
                                    "The continuation token provided is incorrect",
                                    {{"ArgumentName", "continuation-token"}},
                                    {}},
                                   rid);
            }
            after = decoded;
        }
        auto enc = [&](const std::string& s) { return url_encode ? UriEncode(s, false) : s; };
        std::string contents;
        std::string prefixes;
        std::set<std::string> seen_prefixes;
        int count = 0;
        bool truncated = false;
        std::string last;
        for (auto it = after.empty() ? objects.lower_bound(prefix) : objects.upper_bound(after);
             it != objects.end();
             ++it) {
            const std::string& k = it->first;
            if (!StartsWith(k, prefix)) {
                if (k > prefix) {
                    break;
                }
                continue;
            }
            std::string common;
            if (!delimiter.empty()) {
                auto d = k.find(delimiter, prefix.size());
                if (d != std::string::npos) {
                    common = k.substr(0, d + delimiter.size());
                }
            }
            if (!common.empty() && seen_prefixes.contains(common)) {
                continue;
            }
            if (count == max_keys) {
                truncated = true;
                break;
            }
            if (!common.empty()) {
                seen_prefixes.insert(common);
                prefixes +=
                    "<CommonPrefixes>" + XmlElement("Prefix", enc(common)) + "</CommonPrefixes>";
                // Skip past the whole group so the token resumes after it.
                last = common + "\xff";
            } else {
                contents += "<Contents>" + XmlElement("Key", enc(k)) +
                            XmlElement("LastModified", IsoMillis(it->second.last_modified)) +
                            XmlElement("ETag", it->second.etag) +
                            XmlElement("Size", std::to_string(it->second.data.size())) +
                            XmlElement("StorageClass", "STANDARD") + "</Contents>";
                last = k;
            }
            ++count;
        }
        std::string xml = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") +
                          "<ListBucketResult xmlns=\"" + kS3Ns + "\">" +
                          XmlElement("Name", bucket_name) + XmlElement("Prefix", enc(prefix)) +
                          XmlElement("KeyCount", std::to_string(count)) +
                          XmlElement("MaxKeys", std::to_string(max_keys)) +
                          (delimiter.empty() ? "" : XmlElement("Delimiter", enc(delimiter))) +
                          XmlElement("IsTruncated", truncated ? "true" : "false");
        if (url_encode) {
            xml += XmlElement("EncodingType", "url");
        }
        if (!token.empty()) {
            xml += XmlElement("ContinuationToken", token);
        }
        if (!start_after.empty()) {
            xml += XmlElement("StartAfter", enc(start_after));
        }
        if (truncated) {
            xml += XmlElement("NextContinuationToken", crypto::Base64Encode(last));
        }
        xml += contents + prefixes + "</ListBucketResult>";
        return XmlOk(xml);
    }
    // GetObject / HeadObject
    auto it = objects.find(key);
    if (it == objects.end()) {
        return RenderError(
            Service::kS3,
            {404, "NoSuchKey", "The specified key does not exist.", {{"Key", key}}, {}},
            rid);
    }
    const S3Object& obj = it->second;
    if (!obj.kms_key_arn.empty() && !ActionAllowed(caller.actions, "kms:Decrypt")) {
        return RenderError(Service::kS3,
                           AccessDenied(Service::kS3, caller.arn, "kms:Decrypt", obj.kms_key_arn),
                           rid);
    }
    Response r;
    r.content_type = obj.content_type;
    r.SetHeader("ETag", obj.etag);
    r.SetHeader("Last-Modified", HttpDate(obj.last_modified));
    r.SetHeader("Accept-Ranges", "bytes");
    if (!obj.kms_key_arn.empty()) {
        r.SetHeader("x-amz-server-side-encryption", "aws:kms");
        r.SetHeader("x-amz-server-side-encryption-aws-kms-key-id", obj.kms_key_arn);
    }
    std::string range = req.Header("Range");
    size_t size = obj.data.size();
    if (!range.empty() && StartsWith(range, "bytes=")) {
        std::string spec = range.substr(6);
        auto dash = spec.find('-');
        size_t first = 0;
        size_t last = size == 0 ? 0 : size - 1;
        bool ok = dash != std::string::npos;
        try {
            if (ok && dash == 0) {
                size_t n = std::stoul(spec.substr(1));
                first = n >= size ? 0 : size - n;
            } else if (ok) {
                first = std::stoul(spec.substr(0, dash));
                if (dash + 1 < spec.size()) {
                    last = std::min(last, static_cast<size_t>(std::stoul(spec.substr(dash + 1))));
                }
            }
        } catch (const std::exception&) {
            ok = false;
        }
        if (!ok || first >= size || first > last) {
            return RenderError(
                Service::kS3,
                {416,
                 "InvalidRange",
                 "The requested range is not satisfiable",
                 {{"RangeRequested", range}, {"ActualObjectSize", std::to_string(size)}},
                 {}},
                rid);
        }
        r.status = 206;
        r.SetHeader("Content-Range",
                    "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" +
                        std::to_string(size));
        r.body = obj.data.substr(first, last - first + 1);
        return r;
    }
    r.body = obj.data;
    return r;
}

}  // namespace kensa::emulator
