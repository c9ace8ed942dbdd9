// simdjson (DOM) parsing of ListFindings / ListCoverage pages. Every response is treated as
// hostile: each accessor tolerates a missing member or a wrong type by leaving the default.
// Timestamps are epoch-second numbers on the wire (no timestampFormat in the model); ISO-8601
// strings are accepted too, defensively (the CLI and DefectDojo samples re-render them).

#include <simdjson.h>

#include <cstdint>

#include "kensa/aws/inspector2_client.h"
#include "kensa/aws/inspector2_names.h"

namespace kensa::aws::inspector2 {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
/// A lookup result that may carry an error; chained lookups on it fail softly (a default
/// dom::element has no tape and must never be dereferenced, so we never create one).
using Node = simdjson::simdjson_result<element>;

Node AsNode(const element& value) {
    element copy = value;
    return Node(std::move(copy));
}

std::string Str(const Node& parent, const char* key) {
    std::string_view value;
    if (parent[key].get_string().get(value) != simdjson::SUCCESS) {
        return {};
    }
    return std::string(value);
}

Node Child(const Node& parent, const char* key) {
    return parent[key];
}

bool Number(const Node& parent, const char* key, double* out) {
    return parent[key].get_double().get(*out) == simdjson::SUCCESS;
}

int Int(const Node& parent, const char* key) {
    int64_t value = 0;
    if (parent[key].get_int64().get(value) != simdjson::SUCCESS) {
        double as_double = 0;
        if (!Number(parent, key, &as_double) ||
            !(as_double >= INT32_MIN && as_double <= INT32_MAX)) {
            return 0;  // also rejects NaN; casting an out-of-range double would be UB
        }
        value = static_cast<int64_t>(as_double);
    }
    if (value > INT32_MAX || value < INT32_MIN) {
        return 0;
    }
    return static_cast<int>(value);
}

double Timestamp(const Node& parent, const char* key) {
    double seconds = 0;
    if (Number(parent, key, &seconds)) {
        return seconds;
    }
    std::string text = Str(parent, key);
    SystemTime parsed;
    if (!text.empty() && ParseIso8601(text, &parsed)) {
        return std::chrono::duration<double>(parsed.time_since_epoch()).count();
    }
    return 0;
}

template <class Fn>
void ForEach(const Node& parent, const char* key, Fn&& fn) {
    array items;
    if (parent[key].get_array().get(items) != simdjson::SUCCESS) {
        return;
    }
    for (element item : items) {
        fn(AsNode(item));
    }
}

std::vector<std::string> Strings(const Node& parent, const char* key) {
    std::vector<std::string> out;
    ForEach(parent, key, [&](const Node& item) {
        std::string_view value;
        if (item.get_string().get(value) == simdjson::SUCCESS) {
            out.emplace_back(value);
        }
    });
    return out;
}

bool IsObject(const Node& node) {
    return node.is_object();
}

void ParsePackageDetails(const Node& details, ports::Finding* finding) {
    finding->vulnerability_id = Str(details, "vulnerabilityId");
    finding->vuln_source = Str(details, "source");
    finding->vuln_source_url = Str(details, "sourceUrl");
    finding->vendor_severity = Str(details, "vendorSeverity");
    finding->reference_urls = Strings(details, "referenceUrls");
    finding->related_vulnerabilities = Strings(details, "relatedVulnerabilities");
    ForEach(details, "cvss", [&](const Node& item) {
        ports::Cvss cvss;
        Number(item, "baseScore", &cvss.base_score);
        cvss.scoring_vector = Str(item, "scoringVector");
        cvss.source = Str(item, "source");
        cvss.version = Str(item, "version");
        finding->cvss.push_back(std::move(cvss));
    });
    ForEach(details, "vulnerablePackages", [&](const Node& item) {
        if (!IsObject(item)) {
            return;
        }
        ports::VulnerablePackage pkg;
        pkg.name = Str(item, "name");
        pkg.version = Str(item, "version");
        pkg.epoch = Int(item, "epoch");
        pkg.release = Str(item, "release");
        pkg.arch = Str(item, "arch");
        pkg.package_manager = Str(item, "packageManager");
        pkg.file_path = Str(item, "filePath");
        pkg.fixed_in_version = Str(item, "fixedInVersion");
        pkg.remediation = Str(item, "remediation");
        pkg.source_layer_hash = Str(item, "sourceLayerHash");
        pkg.source_lambda_layer_arn = Str(item, "sourceLambdaLayerArn");
        finding->vulnerable_packages.push_back(std::move(pkg));
    });
}

void ParseResource(const Node& item, ports::Finding* finding) {
    if (!IsObject(item)) {
        return;
    }
    ports::FindingResource res;
    res.type = ResourceTypeFromWire(Str(item, "type"));
    res.id = Str(item, "id");
    res.region = Str(item, "region");
    res.partition = Str(item, "partition");
    Node details = Child(item, "details");
    Node ec2 = Child(details, "awsEc2Instance");
    res.ec2_platform = Str(ec2, "platform");
    res.ec2_image_id = Str(ec2, "imageId");
    Node lambda = Child(details, "awsLambdaFunction");
    res.lambda_function_name = Str(lambda, "functionName");
    res.lambda_version = Str(lambda, "version");
    res.lambda_runtime = Str(lambda, "runtime");
    res.lambda_package_type = Str(lambda, "packageType");
    Node ecr = Child(details, "awsEcrContainerImage");
    res.ecr_repository_name = Str(ecr, "repositoryName");
    res.ecr_image_tags = Strings(ecr, "imageTags");
    res.ecr_registry = Str(ecr, "registry");
    res.ecr_image_hash = Str(ecr, "imageHash");
    res.ecr_platform = Str(ecr, "platform");
    finding->resources.push_back(std::move(res));
}

ports::Finding ParseFinding(const Node& item) {
    ports::Finding finding;
    finding.finding_arn = Str(item, "findingArn");
    finding.aws_account_id = Str(item, "awsAccountId");
    finding.type = Str(item, "type");
    finding.status = Str(item, "status");
    finding.severity = Str(item, "severity");
    finding.title = Str(item, "title");
    finding.description = Str(item, "description");
    finding.first_observed_at = Timestamp(item, "firstObservedAt");
    finding.last_observed_at = Timestamp(item, "lastObservedAt");
    finding.updated_at = Timestamp(item, "updatedAt");
    if (double score = 0; Number(item, "inspectorScore", &score)) {
        finding.inspector_score = score;
    }
    finding.exploit_available = Str(item, "exploitAvailable");
    finding.fix_available = Str(item, "fixAvailable");
    if (double epss = 0; Number(Child(item, "epss"), "score", &epss)) {
        finding.epss_score = epss;
    }
    finding.remediation_text = Str(Child(Child(item, "remediation"), "recommendation"), "text");
    ParsePackageDetails(Child(item, "packageVulnerabilityDetails"), &finding);
    Node code = Child(item, "codeVulnerabilityDetails");
    finding.code_detector_id = Str(code, "detectorId");
    finding.code_detector_name = Str(code, "detectorName");
    finding.code_cwes = Strings(code, "cwes");
    Node file = Child(code, "filePath");
    finding.code_file_path = Str(file, "filePath");
    finding.code_start_line = Int(file, "startLine");
    finding.code_end_line = Int(file, "endLine");
    Node network = Child(item, "networkReachabilityDetails");
    finding.network_protocol = Str(network, "protocol");
    Node ports_range = Child(network, "openPortRange");
    finding.network_port_begin = Int(ports_range, "begin");
    finding.network_port_end = Int(ports_range, "end");
    ForEach(item, "resources", [&](const Node& res) { ParseResource(res, &finding); });
    return finding;
}

ports::CoveredResource ParseCovered(const Node& item) {
    ports::CoveredResource res;
    res.resource_id = Str(item, "resourceId");
    res.resource_type = ResourceTypeFromWire(Str(item, "resourceType"));
    res.account_id = Str(item, "accountId");
    res.scan_type = Str(item, "scanType");
    Node status = Child(item, "scanStatus");
    res.scan_status_code = Str(status, "statusCode");
    res.scan_status_reason = Str(status, "reason");
    res.scan_mode = Str(item, "scanMode");
    res.last_scanned_at = Timestamp(item, "lastScannedAt");
    Node meta = Child(item, "resourceMetadata");
    Node ec2 = Child(meta, "ec2");
    res.ec2_platform = Str(ec2, "platform");
    res.ec2_ami_id = Str(ec2, "amiId");
    object tags;
    if (ec2["tags"].get_object().get(tags) == simdjson::SUCCESS) {
        for (auto field : tags) {
            std::string_view value;
            if (field.value.get_string().get(value) == simdjson::SUCCESS) {
                res.ec2_tags.emplace_back(std::string(field.key), std::string(value));
            }
        }
    }
    Node lambda = Child(meta, "lambdaFunction");
    res.lambda_function_name = Str(lambda, "functionName");
    res.lambda_runtime = Str(lambda, "runtime");
    res.ecr_image_repository = Str(Child(meta, "ecrRepository"), "name");
    res.ecr_image_tags = Strings(Child(meta, "ecrImage"), "tags");
    return res;
}

/// Parses the body and checks it is an object; `list_key` must be absent or an array.
Status ParseRoot(simdjson::dom::parser& parser,
                 std::string_view body,
                 const char* list_key,
                 element* root,
                 std::string* next_token) {
    if (parser.parse(body.data(), body.size(), true).get(*root) != simdjson::SUCCESS ||
        !root->is<object>()) {
        return Error(ErrorCode::kInternal, "inspector2 response is not a JSON object");
    }
    element list;
    if ((*root)[list_key].get(list) == simdjson::SUCCESS &&
        list.type() != simdjson::dom::element_type::ARRAY &&
        list.type() != simdjson::dom::element_type::NULL_VALUE) {
        return Error(ErrorCode::kInternal,
                     std::string("inspector2 response member ") + list_key + " is not a list");
    }
    *next_token = Str(AsNode(*root), "nextToken");
    return Ok();
}

thread_local simdjson::dom::parser tls_parser;

}  // namespace

Status ParseFindingsPage(std::string_view body,
                         std::vector<ports::Finding>* findings,
                         std::string* next_token) {
    element root;
    KENSA_TRY(ParseRoot(tls_parser, body, "findings", &root, next_token));
    ForEach(AsNode(root), "findings", [&](const Node& item) {
        if (IsObject(item)) {
            findings->push_back(ParseFinding(item));
        }
    });
    return Ok();
}

Status ParseCoveragePage(std::string_view body,
                         std::vector<ports::CoveredResource>* resources,
                         std::string* next_token) {
    element root;
    KENSA_TRY(ParseRoot(tls_parser, body, "coveredResources", &root, next_token));
    ForEach(AsNode(root), "coveredResources", [&](const Node& item) {
        if (IsObject(item)) {
            resources->push_back(ParseCovered(item));
        }
    });
    return Ok();
}

Status ParseNextToken(std::string_view body, std::string* next_token) {
    element root;
    if (tls_parser.parse(body.data(), body.size(), true).get(root) != simdjson::SUCCESS ||
        !root.is<object>()) {
        return Error(ErrorCode::kInternal, "inspector2 response is not a JSON object");
    }
    *next_token = Str(AsNode(root), "nextToken");
    return Ok();
}

}  // namespace kensa::aws::inspector2
