#pragma once
// S3 over rest-xml. Virtual-hosted addressing (bucket.s3.region.amazonaws.com) for
// DNS-compatible bucket names on real AWS; path-style (/bucket/key) when an endpoint override is
// set or the name is not DNS-compatible. Keys are URI-encoded once and signed un-normalised.

#include <string>
#include <vector>

#include "kensa/aws/client_core.h"
#include "kensa/ports/aws_api.h"

namespace kensa::aws {

class S3Client final : public ports::S3Api {
public:
    explicit S3Client(ServiceContext context);

    Status ListObjects(const std::string& bucket,
                       const std::string& prefix,
                       const std::function<bool(std::vector<ports::S3Object>&&)>& on_page) override;
    Status GetObject(const std::string& bucket,
                     const std::string& key,
                     const std::function<bool(std::string_view chunk)>& on_chunk) override;
    Status PutObject(const std::string& bucket,
                     const std::string& key,
                     const std::string& body) override;
    Result<std::string> GetBucketLocation(const std::string& bucket) override;

private:
    /// Fills path / host prefix for bucket (+ key when non-empty).
    Result<OperationRequest> Prepare(const std::string& operation,
                                     const std::string& bucket,
                                     const std::string& key,
                                     bool has_key) const;

    AwsServiceClient client_;
};

namespace s3 {
/// True when the bucket can be a host label ([a-z0-9-], 3..63, no leading/trailing '-').
bool IsVirtualHostable(const std::string& bucket);
/// Parses one ListObjectsV2 page; *next_token is "" unless IsTruncated.
Status ParseListObjectsV2(const std::string& xml,
                          std::vector<ports::S3Object>* objects,
                          std::string* next_token);
/// "" and "EU" are legacy spellings of us-east-1 and eu-west-1.
Result<std::string> ParseBucketLocation(const std::string& xml);
}  // namespace s3

}  // namespace kensa::aws
