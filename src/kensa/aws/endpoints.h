#pragma once
// Endpoint resolution for the four services kensa calls.
// Hosts follow the services' endpoint-rule-set-1.json and partitions.json
// (../shared/reference/aws-models); overrides follow the AWS SDKs' "service-specific endpoints"
// rules: AWS_ENDPOINT_URL_<SERVICE_ID> beats AWS_ENDPOINT_URL, and
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true disables both.

#include <map>
#include <string>
#include <string_view>

#include "kensa/aws/env.h"
#include "kensa/common/error.h"

namespace kensa::aws {

/// A resolved service endpoint.
struct Endpoint {
    /// "scheme://host[:port]", no trailing slash, no path.
    std::string base_url;
    /// A path prefix from an override URL such as "http://localhost:4566/aws" ("" or "/aws").
    std::string base_path;
    /// True when the URL came from an override; S3 then uses path-style addressing.
    bool overridden = false;
};

/// The DNS suffix of the partition a region belongs to ("amazonaws.com", "amazonaws.com.cn", ...).
std::string PartitionDnsSuffix(std::string_view region);

/// Checks a region name looks like one ("us-east-1", "cn-north-1", "us-gov-west-1"); rejects
/// anything that could smuggle characters into a host name.
bool IsValidRegion(std::string_view region);

/// Resolves the endpoint of `service` ("inspector2", "lambda", "sts", "s3") in `region`.
/// Precedence: explicit[service], explicit[""], env AWS_ENDPOINT_URL_<SERVICE>, env
/// AWS_ENDPOINT_URL, then the regional AWS host. When `explicit_urls` is non-empty the
/// environment is not consulted at all (a group's explicit settings are self-contained).
/// @return kInvalidInput for a malformed region or override URL.
Result<Endpoint> ResolveEndpoint(std::string_view service,
                                 std::string_view region,
                                 const std::map<std::string, std::string>& explicit_urls,
                                 const EnvLookup& env);

/// Parses an override URL "http(s)://host[:port][/path]" into an Endpoint.
Result<Endpoint> ParseEndpointUrl(std::string_view url);

}  // namespace kensa::aws
