#include "kensa/aws/s3_client.h"

#include <cctype>
#include <pugixml.hpp>

#include "kensa/aws/wire.h"
#include "kensa/common/strings.h"

namespace kensa::aws {

namespace s3 {

bool IsVirtualHostable(const std::string& bucket) {
    if (bucket.size() < 3 || bucket.size() > 63 || bucket.front() == '-' || bucket.back() == '-') {
        return false;
    }
    for (char c : bucket) {
        bool ok = std::islower(static_cast<unsigned char>(c)) ||
                  std::isdigit(static_cast<unsigned char>(c)) || c == '-';
        if (!ok) {
            return false;  // dots would break the *.s3 wildcard certificate
        }
    }
    return true;
}

Status ParseListObjectsV2(const std::string& xml,
                          std::vector<ports::S3Object>* objects,
                          std::string* next_token) {
    pugi::xml_document doc;
    if (!doc.load_buffer(xml.data(), xml.size())) {
        return Error(ErrorCode::kInternal, "ListObjectsV2 response is not XML");
    }
    pugi::xml_node root = doc.child("ListBucketResult");
    if (!root) {
        return Error(ErrorCode::kInternal, "ListObjectsV2 response lacks <ListBucketResult>");
    }
    for (pugi::xml_node node : root.children("Contents")) {
        ports::S3Object object;
        object.key = node.child_value("Key");
        object.size = std::strtoll(node.child_value("Size"), nullptr, 10);
        object.etag = node.child_value("ETag");
        object.last_modified = node.child_value("LastModified");
        if (!object.key.empty()) {
            objects->push_back(std::move(object));
        }
    }
    bool truncated = Trim(root.child_value("IsTruncated")) == "true";
    *next_token =
        truncated ? std::string(root.child_value("NextContinuationToken")) : std::string();
    if (truncated && next_token->empty()) {
        return Error(ErrorCode::kInternal,
                     "ListObjectsV2 is truncated but has no NextContinuationToken");
    }
    return Ok();
}

Result<std::string> ParseBucketLocation(const std::string& xml) {
    pugi::xml_document doc;
    if (!doc.load_buffer(xml.data(), xml.size()) || !doc.child("LocationConstraint")) {
        return Error(ErrorCode::kInternal, "GetBucketLocation response lacks <LocationConstraint>");
    }
    std::string region = Trim(doc.child("LocationConstraint").child_value());
    if (region.empty()) {
        return std::string("us-east-1");
    }
    if (region == "EU") {
        return std::string("eu-west-1");
    }
    return region;
}

}  // namespace s3

S3Client::S3Client(ServiceContext context) : client_(std::move(context)) {}

Result<OperationRequest> S3Client::Prepare(const std::string& operation,
                                           const std::string& bucket,
                                           const std::string& key,
                                           bool has_key) const {
    if (bucket.empty() || bucket.find('/') != std::string::npos) {
        return Error(ErrorCode::kInvalidInput, "invalid S3 bucket name: '" + bucket + "'");
    }
    if (has_key && key.empty()) {
        return Error(ErrorCode::kInvalidInput, "S3 object key must not be empty");
    }
    OperationRequest request;
    request.operation = operation;
    std::string encoded_key = has_key ? wire::EncodeUriLabel(key, /*greedy=*/true) : std::string();
    bool virtual_host = !client_.context().endpoint.overridden && s3::IsVirtualHostable(bucket);
    if (virtual_host) {
        request.host_prefix = bucket + ".";
        request.http.path = "/" + encoded_key;
    } else {
        request.http.path =
            "/" + wire::EncodeUriLabel(bucket, false) + (has_key ? "/" + encoded_key : "");
    }
    return request;
}

Status S3Client::ListObjects(const std::string& bucket,
                             const std::string& prefix,
                             const std::function<bool(std::vector<ports::S3Object>&&)>& on_page) {
    std::string token;
    for (int pages = 0;; ++pages) {
        KENSA_TRY(client_.CheckPageCount("ListObjectsV2", pages));
        KENSA_ASSIGN_OR_RETURN(OperationRequest request,
                               Prepare("ListObjectsV2", bucket, "", false));
        request.http.method = "GET";
        wire::Params params = {{"list-type", "2"}};
        if (!prefix.empty()) {
            params.emplace_back("prefix", prefix);
        }
        if (!token.empty()) {
            params.emplace_back("continuation-token", token);
        }
        request.http.query = wire::EncodeParams(params);
        KENSA_ASSIGN_OR_RETURN(HttpResponse response, client_.Call(request));
        std::vector<ports::S3Object> objects;
        std::string next;
        Status parsed = s3::ParseListObjectsV2(response.body, &objects, &next);
        if (!parsed.ok()) {
            return Error(parsed.error()).With("aws_action", "s3:ListObjectsV2");
        }
        if (!on_page(std::move(objects)) || next.empty()) {
            return Ok();
        }
        if (next == token) {
            return Error(ErrorCode::kInternal, "ListObjectsV2: continuation token did not advance")
                .With("aws_action", "s3:ListObjectsV2");
        }
        token = std::move(next);
    }
}

Status S3Client::GetObject(const std::string& bucket,
                           const std::string& key,
                           const std::function<bool(std::string_view chunk)>& on_chunk) {
    KENSA_ASSIGN_OR_RETURN(OperationRequest request, Prepare("GetObject", bucket, key, true));
    request.http.method = "GET";
    BodySink sink = on_chunk;
    request.sink = &sink;
    KENSA_ASSIGN_OR_RETURN(HttpResponse response, client_.Call(request));
    (void)response;
    return Ok();
}

Status S3Client::PutObject(const std::string& bucket,
                           const std::string& key,
                           const std::string& body) {
    KENSA_ASSIGN_OR_RETURN(OperationRequest request, Prepare("PutObject", bucket, key, true));
    request.http.method = "PUT";
    request.http.SetHeader("Content-Type", "application/octet-stream");
    request.http.body = body;
    KENSA_ASSIGN_OR_RETURN(HttpResponse response, client_.Call(request));
    (void)response;
    return Ok();
}

Result<std::string> S3Client::GetBucketLocation(const std::string& bucket) {
    KENSA_ASSIGN_OR_RETURN(OperationRequest request,
                           Prepare("GetBucketLocation", bucket, "", false));
    request.http.method = "GET";
    request.http.query = "location";
    KENSA_ASSIGN_OR_RETURN(HttpResponse response, client_.Call(request));
    auto region = s3::ParseBucketLocation(response.body);
    if (!region.ok()) {
        return Error(region.error()).With("aws_action", "s3:GetBucketLocation");
    }
    return region;
}

}  // namespace kensa::aws
