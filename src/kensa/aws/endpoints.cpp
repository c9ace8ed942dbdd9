#include "kensa/aws/endpoints.h"

#include <cctype>
#include <regex>

#include "kensa/common/strings.h"

namespace kensa::aws {

namespace {

struct Partition {
    const char* region_regex;
    const char* dns_suffix;
};

// From partitions.json (regionRegex → outputs.dnsSuffix). Order matters: the generic "aws"
// pattern would not match the others, but us-iso* / us-gov must be tested before falling back.
const Partition kPartitions[] = {
    {R"(^cn\-\w+\-\d+$)", "amazonaws.com.cn"},
    {R"(^eusc\-(de)\-\w+\-\d+$)", "amazonaws.eu"},
    {R"(^us\-iso\-\w+\-\d+$)", "c2s.ic.gov"},
    {R"(^us\-isob\-\w+\-\d+$)", "sc2s.sgov.gov"},
    {R"(^eu\-isoe\-\w+\-\d+$)", "cloud.adc-e.uk"},
    {R"(^us\-isof\-\w+\-\d+$)", "csp.hci.ic.gov"},
    {R"(^us\-gov\-\w+\-\d+$)", "amazonaws.com"},
    {R"(^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$)", "amazonaws.com"},
};

std::string EnvServiceId(std::string_view service) {
    std::string upper;
    for (char c : service) {
        upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return upper;
}

}  // namespace

std::string PartitionDnsSuffix(std::string_view region) {
    std::string name(region);
    for (const auto& partition : kPartitions) {
        if (std::regex_match(name, std::regex(partition.region_regex))) {
            return partition.dns_suffix;
        }
    }
    return "amazonaws.com";  // unknown regions resolve in the default partition, like the SDKs
}

bool IsValidRegion(std::string_view region) {
    if (region.empty() || region.size() > 64) {
        return false;
    }
    for (char c : region) {
        if (!(std::islower(static_cast<unsigned char>(c)) ||
              std::isdigit(static_cast<unsigned char>(c)) || c == '-')) {
            return false;
        }
    }
    return region.front() != '-' && region.back() != '-';
}

Result<Endpoint> ParseEndpointUrl(std::string_view url) {
    std::string text = Trim(url);
    size_t scheme_end = text.find("://");
    if (scheme_end == std::string::npos) {
        return Error(ErrorCode::kInvalidInput, "endpoint URL needs a scheme: " + text);
    }
    std::string scheme = ToLower(text.substr(0, scheme_end));
    if (scheme != "http" && scheme != "https") {
        return Error(ErrorCode::kInvalidInput,
                     "endpoint URL scheme must be http or https: " + text);
    }
    std::string rest = text.substr(scheme_end + 3);
    size_t slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    if (authority.empty() || authority.find_first_of("?#@ ") != std::string::npos) {
        return Error(ErrorCode::kInvalidInput, "endpoint URL has no valid host: " + text);
    }
    Endpoint endpoint;
    endpoint.base_url = scheme + "://" + authority;
    endpoint.overridden = true;
    if (slash != std::string::npos) {
        std::string path = rest.substr(slash);
        if (path.find_first_of("?#") != std::string::npos) {
            return Error(ErrorCode::kInvalidInput, "endpoint URL must not carry a query: " + text);
        }
        while (!path.empty() && path.back() == '/') {
            path.pop_back();
        }
        endpoint.base_path = path;
    }
    return endpoint;
}

Result<Endpoint> ResolveEndpoint(std::string_view service,
                                 std::string_view region,
                                 const std::map<std::string, std::string>& explicit_urls,
                                 const EnvLookup& env) {
    if (!IsValidRegion(region)) {
        return Error(ErrorCode::kInvalidInput, "invalid AWS region: '" + std::string(region) + "'");
    }
    if (!explicit_urls.empty()) {
        for (const std::string& key : {std::string(service), std::string()}) {
            auto it = explicit_urls.find(key);
            if (it != explicit_urls.end() && !it->second.empty()) {
                return ParseEndpointUrl(it->second);
            }
        }
    } else {
        auto ignore = NonEmpty(env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
        if (!ignore || ToLower(*ignore) != "true") {
            for (const std::string& name :
                 {"AWS_ENDPOINT_URL_" + EnvServiceId(service), std::string("AWS_ENDPOINT_URL")}) {
                if (auto url = NonEmpty(env, name)) {
                    return ParseEndpointUrl(*url);
                }
            }
        }
    }
    Endpoint endpoint;
    endpoint.base_url = "https://" + std::string(service) + "." + std::string(region) + "." +
                        PartitionDnsSuffix(region);
    return endpoint;
}

}  // namespace kensa::aws
