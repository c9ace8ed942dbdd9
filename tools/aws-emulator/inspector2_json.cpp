#include "inspector2_json.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"
#include "model_validation.h"

namespace kensa::emulator {
namespace {

using nlohmann::json;

bool IsDebianLike(const std::string& platform) {
    return StartsWith(platform, "UBUNTU") || StartsWith(platform, "DEBIAN");
}

std::string Remediation(const Resource& resource, const Package& pkg) {
    if (pkg.package_manager != "OS") {
        return "Upgrade your installed software packages to the proposed fixed in version and "
               "release.";
    }
    if (IsDebianLike(resource.platform)) {
        return "apt-get update && apt-get upgrade";
    }
    if (StartsWith(resource.platform, "ALPINE")) {
        return "apk upgrade " + pkg.name;
    }
    if (resource.platform == "AMAZON_LINUX_2023" || StartsWith(resource.platform, "RHEL")) {
        return "dnf update " + pkg.name;
    }
    return "yum update " + pkg.name;
}

std::string FixedBound(const std::vector<AffectedRange>& ranges, const std::string& fixed) {
    if (!fixed.empty()) {
        return fixed;
    }
    for (const auto& r : ranges) {
        if (!r.fixed.empty()) {
            return r.fixed;
        }
    }
    return {};
}

// The fix of one listed package: an also-package may have its own versions, or none.
std::string PackageFix(const Vulnerability& vuln, const Package& pkg) {
    if (pkg.name != vuln.package_name) {
        for (const auto& also : vuln.also_packages) {
            if (also.name != pkg.name) {
                continue;
            }
            if (also.unfixed) {
                return {};
            }
            if (!also.ranges.empty() || !also.fixed_version.empty()) {
                return FixedBound(also.ranges, also.fixed_version);
            }
        }
    }
    return FixedBound(vuln.ranges, vuln.fixed_version);
}

// The vulnerablePackages entry, as in the samples: empty optional members are left out, and a
// package without a fix has fixedInVersion and remediation "NotAvailable".
json VulnerablePackageJson(const Resource& res, const Vulnerability& vuln, const Package& pkg) {
    std::string fixed = FixedInVersion(vuln, pkg);
    json vp = {{"name", pkg.name},
               {"version", pkg.version},
               {"epoch", pkg.epoch},
               {"packageManager", pkg.package_manager},
               {"fixedInVersion", fixed},
               {"remediation", fixed == "NotAvailable" ? fixed : Remediation(res, pkg)}};
    if (!pkg.release.empty()) {
        vp["release"] = pkg.release;
    }
    if (!pkg.arch.empty()) {
        vp["arch"] = pkg.arch;
    }
    if (!pkg.file_path.empty()) {
        vp["filePath"] = pkg.file_path;
    }
    if (!pkg.source_layer_hash.empty()) {
        vp["sourceLayerHash"] = pkg.source_layer_hash;
    }
    if (!pkg.source_lambda_layer_arn.empty()) {
        vp["sourceLambdaLayerArn"] = pkg.source_lambda_layer_arn;
    }
    return vp;
}

std::vector<std::string> FindingField(const std::string& field,
                                      const FindingRecord& rec,
                                      const Resource& res,
                                      const Vulnerability& vuln) {
    if (field == "findingArn") {
        return {rec.arn};
    }
    if (field == "awsAccountId") {
        return {rec.account_id};
    }
    if (field == "findingType") {
        return {vuln.type};
    }
    if (field == "severity") {
        return {vuln.severity};
    }
    if (field == "findingStatus") {
        return {rec.status};
    }
    if (field == "title") {
        return {FindingTitle(vuln, rec)};
    }
    if (field == "resourceType") {
        return {std::string(ResourceTypeName(res.type))};
    }
    if (field == "resourceId") {
        return {res.id};
    }
    if (field == "ec2InstanceImageId") {
        return {res.ami_id};
    }
    if (field == "ec2InstanceVpcId") {
        return {res.vpc_id};
    }
    if (field == "ec2InstanceSubnetId") {
        return {res.subnet_id};
    }
    if (field == "ecrImageRepositoryName") {
        return res.type == ResourceType::kEcrImage ? std::vector<std::string>{res.repository}
                                                   : std::vector<std::string>{};
    }
    if (field == "ecrImageTags") {
        return res.image_tags;
    }
    if (field == "ecrImageHash") {
        return {res.digest};
    }
    if (field == "ecrImageRegistry") {
        return {res.account_id};
    }
    if (field == "ecrImageArchitecture") {
        return {res.architecture};
    }
    if (field == "lambdaFunctionName") {
        return res.type == ResourceType::kLambdaFunction
                   ? std::vector<std::string>{res.function_name}
                   : std::vector<std::string>{};
    }
    if (field == "lambdaFunctionRuntime") {
        return RuntimeFilterValues(res);
    }
    if (field == "lambdaFunctionLayers") {
        return res.layers;
    }
    if (field == "lambdaFunctionExecutionRoleArn") {
        return {res.role_arn};
    }
    if (field == "vulnerabilityId") {
        return {vuln.id};
    }
    if (field == "vulnerabilitySource") {
        return {vuln.source};
    }
    if (field == "vendorSeverity") {
        return {vuln.vendor_severity};
    }
    if (field == "fixAvailable") {
        return vuln.type == "PACKAGE_VULNERABILITY"
                   ? std::vector<std::string>{FixAvailable(vuln, rec.packages)}
                   : std::vector<std::string>{};
    }
    if (field == "exploitAvailable") {
        return {vuln.exploit_available ? "YES" : "NO"};
    }
    if (field == "relatedVulnerabilities") {
        return vuln.related;
    }
    return {};
}

}  // namespace

std::string InspectorRuntimeName(const std::string& lambda_runtime) {
    // '.' becomes '_', and one '_' separates the language from its first version digit (later
    // letter-digit pairs such as the "al2" of java8.al2 stay together).
    std::string out;
    bool versioned = false;
    for (char c : lambda_runtime) {
        bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
        if (digit && !versioned && !out.empty() && out.back() != '_') {
            out += '_';
        }
        versioned = versioned || digit;
        out += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string InspectorRuntime(const std::string& lambda_runtime) {
    static const std::set<std::string> kKnown = {
        "NODEJS",
        "NODEJS_12_X",
        "NODEJS_14_X",
        "NODEJS_16_X",
        "JAVA_8",
        "JAVA_8_AL2",
        "JAVA_11",
        "PYTHON_3_7",
        "PYTHON_3_8",
        "PYTHON_3_9",
        "NODEJS_18_X",
        "GO_1_X",
        "JAVA_17",
        "PYTHON_3_10",
        "PYTHON_3_11",
        "DOTNETCORE_3_1",
        "DOTNET_6",
        "DOTNET_7",
        "RUBY_2_7",
        "RUBY_3_2",
        "DOTNET_10",
        "NODEJS_24_X",
        "NODEJS_22_X",
        "JAVA_21",
        "JAVA_25",
        // Not in the reference model, but what real findings say (the DefectDojo samples).
        "PYTHON_3_12"};
    std::string name = InspectorRuntimeName(lambda_runtime);
    return kKnown.contains(name) ? name : "UNSUPPORTED";
}

std::vector<std::string> RuntimeFilterValues(const Resource& resource) {
    if (resource.type != ResourceType::kLambdaFunction) {
        return {};
    }
    std::string shown = InspectorRuntime(resource.runtime);
    std::string name = InspectorRuntimeName(resource.runtime);
    return shown == name ? std::vector<std::string>{shown} : std::vector<std::string>{shown, name};
}

std::string Ec2PlatformFamily(const std::string& platform) {
    if (StartsWith(platform, "WINDOWS")) {
        return "WINDOWS";
    }
    if (StartsWith(platform, "MAC")) {
        return "MACOS";
    }
    return platform.empty() ? "UNKNOWN" : "LINUX";
}

std::string FixAvailable(const Vulnerability& vuln, const std::vector<Package>& listed) {
    if (listed.empty()) {
        return FixedBound(vuln.ranges, vuln.fixed_version).empty() ? "NO" : "YES";
    }
    size_t fixed = 0;
    for (const auto& pkg : listed) {
        fixed += PackageFix(vuln, pkg).empty() ? 0 : 1;
    }
    return fixed == listed.size() ? "YES" : fixed == 0 ? "NO" : "PARTIAL";
}

std::string FindingTitle(const Vulnerability& vuln, const FindingRecord& rec) {
    // Only the default "<id> - <package>" title grows; a title the fleet spells out stays.
    if (rec.packages.size() < 2 || vuln.title != vuln.id + " - " + vuln.package_name) {
        return vuln.title;
    }
    std::string title = vuln.id + " - ";
    for (size_t i = 0; i < rec.packages.size(); ++i) {
        title += (i == 0 ? "" : ", ") + rec.packages[i].name;
    }
    return title;
}

std::string FixedInVersion(const Vulnerability& vuln, const Package& pkg) {
    std::string fixed = PackageFix(vuln, pkg);
    if (fixed.empty()) {
        return "NotAvailable";
    }
    if (pkg.package_manager == "OS" && fixed.find(':') == std::string::npos) {
        return std::to_string(pkg.epoch) + ":" + fixed;
    }
    return fixed;
}

json ResourceJson(const Resource& r) {
    json tags = json::object();
    for (const auto& [k, v] : r.tags) {
        tags[k] = v;
    }
    json details = json::object();
    switch (r.type) {
        case ResourceType::kEc2Instance:
            details["awsEc2Instance"] = {
                {"type", r.instance_type},
                {"imageId", r.ami_id},
                {"ipV4Addresses", r.ipv4_addresses},
                {"ipV6Addresses", json::array()},
                {"iamInstanceProfileArn",
                 "arn:aws:iam::" + r.account_id + ":instance-profile/AmazonSSMRoleForInstances"},
                {"vpcId", r.vpc_id},
                {"subnetId", r.subnet_id},
                {"launchedAt", r.launched_at},
                {"platform", r.platform}};
            // Empty optional members are left out, as AWS does (keyName is a NonEmptyString).
            if (!r.key_name.empty()) {
                details["awsEc2Instance"]["keyName"] = r.key_name;
            }
            break;
        case ResourceType::kEcrImage:
            details["awsEcrContainerImage"] = {{"repositoryName", r.repository},
                                               {"imageTags", r.image_tags},
                                               {"pushedAt", r.pushed_at},
                                               {"author", r.author},
                                               {"architecture", r.architecture},
                                               {"imageHash", r.digest},
                                               {"registry", r.account_id},
                                               {"platform", r.platform}};
            break;
        case ResourceType::kLambdaFunction:
            details["awsLambdaFunction"] = {
                {"functionName", r.function_name},
                {"runtime", InspectorRuntime(r.runtime)},
                {"codeSha256", r.code_sha256},
                {"version", "$LATEST"},
                {"executionRoleArn", r.role_arn},
                {"packageType", r.package_type == "Image" ? "IMAGE" : "ZIP"},
                {"architectures", {r.architecture == "arm64" ? "ARM64" : "X86_64"}},
                {"lastModifiedAt", r.last_modified}};
            if (!r.layers.empty()) {  // LayerList holds 1 to 5
                details["awsLambdaFunction"]["layers"] = r.layers;
            }
            break;
    }
    return {{"type", ResourceTypeName(r.type)},
            {"id", r.id},
            {"partition", "aws"},
            {"region", r.region},
            {"tags", tags},
            {"details", details}};
}

namespace {

// packageVulnerabilityDetails: the vulnerability, its CVSS (empty list when unscored) and every
// listed package.
json PackageDetailsJson(const FindingRecord& rec, const Resource& res, const Vulnerability& vuln) {
    json packages = json::array();
    for (const auto& pkg : rec.packages) {
        packages.push_back(VulnerablePackageJson(res, vuln, pkg));
    }
    json details = {{"vulnerabilityId", vuln.id},
                    {"source", vuln.source},
                    {"vendorCreatedAt", vuln.vendor_created_at},
                    {"vendorUpdatedAt", vuln.vendor_created_at},
                    {"referenceUrls", vuln.reference_urls},
                    {"relatedVulnerabilities", vuln.related},
                    {"vulnerablePackages", packages},
                    {"cvss", json::array()}};
    // NonEmptyStrings: left out when the source has none (an unscored CVE has no severity).
    if (!vuln.source_url.empty()) {
        details["sourceUrl"] = vuln.source_url;
    }
    if (!vuln.vendor_severity.empty()) {
        details["vendorSeverity"] = vuln.vendor_severity;
    }
    if (vuln.cvss_score > 0) {
        details["cvss"].push_back({{"baseScore", vuln.cvss_score},
                                   {"scoringVector", vuln.cvss_vector},
                                   {"source", vuln.source},
                                   {"version", vuln.cvss_version}});
    }
    return details;
}

}  // namespace

json FindingJson(const FindingRecord& rec, const Resource& res, const Vulnerability& vuln) {
    json f = {{"findingArn", rec.arn},
              {"awsAccountId", rec.account_id},
              {"type", vuln.type},
              {"title", FindingTitle(vuln, rec)},
              {"description", vuln.description},
              {"severity", vuln.severity},
              {"status", rec.status},
              {"firstObservedAt", rec.first_observed_at},
              {"lastObservedAt", rec.last_observed_at},
              {"updatedAt", rec.updated_at},
              {"remediation",
               {{"recommendation",
                 {{"text", vuln.remediation.empty() ? "None Provided" : vuln.remediation}}}}},
              {"resources", json::array({ResourceJson(res)})}};
    // An UNTRIAGED vulnerability has no score yet: no inspectorScore, and an empty cvss list.
    if (vuln.cvss_score > 0) {
        f["inspectorScore"] = vuln.cvss_score;
        f["inspectorScoreDetails"] = {{"adjustedCvss",
                                       {{"adjustments", json::array()},
                                        {"cvssSource", vuln.source},
                                        {"score", vuln.cvss_score},
                                        {"scoreSource", vuln.source},
                                        {"scoringVector", vuln.cvss_vector},
                                        {"version", vuln.cvss_version}}}};
    }
    if (vuln.type != "PACKAGE_VULNERABILITY") {
        // The code and network samples carry no epss, exploitAvailable or fixAvailable.
        if (!vuln.details_json.empty()) {
            f[vuln.type == "CODE_VULNERABILITY" ? "codeVulnerabilityDetails"
                                                : "networkReachabilityDetails"] =
                json::parse(vuln.details_json, nullptr, false);
        }
        return f;
    }
    f["exploitAvailable"] = vuln.exploit_available ? "YES" : "NO";
    f["epss"] = {{"score", vuln.epss}};
    if (vuln.exploit_available) {
        f["exploitabilityDetails"] = {{"lastKnownExploitAt", vuln.vendor_created_at + 86400}};
    }
    f["fixAvailable"] = FixAvailable(vuln, rec.packages);
    f["packageVulnerabilityDetails"] = PackageDetailsJson(rec, res, vuln);
    return f;
}

Result<bool> MatchStringFilters(const json& filters,
                                const std::vector<std::string>& values,
                                const std::vector<std::string>& allowed) {
    if (!filters.is_array()) {
        return Error(ErrorCode::kInvalidInput, "string filters must be a list");
    }
    bool have_positive = false;
    bool positive_hit = false;
    for (const auto& f : filters) {
        std::string cmp = f.value("comparison", "");
        std::string want = f.value("value", "");
        if (std::find(allowed.begin(), allowed.end(), cmp) == allowed.end()) {
            return Error(ErrorCode::kInvalidInput,
                         "1 validation error detected: Value '" + cmp +
                             "' at 'comparison' failed to satisfy constraint: Member must "
                             "satisfy enum value set");
        }
        if (cmp == "NOT_EQUALS") {
            if (std::find(values.begin(), values.end(), want) != values.end()) {
                return false;
            }
            continue;
        }
        have_positive = true;
        for (const auto& v : values) {
            if ((cmp == "EQUALS" && v == want) || (cmp == "PREFIX" && StartsWith(v, want))) {
                positive_hit = true;
            }
        }
    }
    return !have_positive || positive_hit;
}

bool MatchNumberFilters(const json& filters, double value) {
    for (const auto& f : filters) {
        if (f.contains("lowerInclusive") && value < f["lowerInclusive"].get<double>()) {
            return false;
        }
        if (f.contains("upperInclusive") && value > f["upperInclusive"].get<double>()) {
            return false;
        }
    }
    return true;
}

bool MatchDateFilters(const json& filters, double value) {
    for (const auto& f : filters) {
        if (f.contains("startInclusive") && f["startInclusive"].is_number() &&
            value < f["startInclusive"].get<double>()) {
            return false;
        }
        if (f.contains("endInclusive") && f["endInclusive"].is_number() &&
            value > f["endInclusive"].get<double>()) {
            return false;
        }
    }
    return true;
}

bool MatchMapFilters(const json& filters, const std::map<std::string, std::string>& tags) {
    for (const auto& f : filters) {
        auto it = tags.find(f.value("key", ""));
        bool hit = it != tags.end() && (!f.contains("value") || it->second == f.value("value", ""));
        if (f.value("comparison", "EQUALS") == "NOT_EQUALS" ? hit : !hit) {
            return false;
        }
    }
    return true;
}

// The element shape of a filter list in `criteria_shape` (StringFilter, NumberFilter, ...),
// read from the model: the filter kind of a criterion never depends on its name.
std::string FilterElementShape(std::string_view criteria_shape, std::string_view field) {
    const ServiceModel& model = Inspector2Model();
    const json& list = model.Shape(model.MemberShape(criteria_shape, field));
    return list.is_object() && list.contains("member") ? list["member"].value("shape", "") : "";
}

namespace {

// PortRangeFilter list: a network finding whose open port range overlaps every filter.
bool MatchPortRange(const json& filters, const Vulnerability& vuln) {
    if (vuln.type != "NETWORK_REACHABILITY" || vuln.details_json.empty()) {
        return false;
    }
    json details = json::parse(vuln.details_json, nullptr, false);
    const json* range = details.is_object() ? &details["openPortRange"] : nullptr;
    if (range == nullptr || !range->is_object()) {
        return false;
    }
    int begin = range->value("begin", 0);
    int end = range->value("end", begin);
    for (const auto& f : filters) {
        if (end < f.value("beginInclusive", 0) || begin > f.value("endInclusive", 65535)) {
            return false;
        }
    }
    return true;
}

// One PackageFilter: some listed package matches every member of it.
Result<bool> MatchPackageFilter(const json& pf, const std::vector<Package>& packages) {
    static const std::vector<std::string> kOps = {"EQUALS", "PREFIX", "NOT_EQUALS"};
    for (const auto& p : packages) {
        bool all = true;
        for (const auto& [sub, sf] : pf.items()) {
            if (sub == "epoch") {
                all = all && MatchNumberFilters(json::array({sf}), p.epoch);
                continue;
            }
            std::string v = sub == "name"                   ? p.name
                            : sub == "version"              ? p.version
                            : sub == "release"              ? p.release
                            : sub == "architecture"         ? p.arch
                            : sub == "filePath"             ? p.file_path
                            : sub == "sourceLayerHash"      ? p.source_layer_hash
                            : sub == "sourceLambdaLayerArn" ? p.source_lambda_layer_arn
                                                            : std::string();
            KENSA_ASSIGN_OR_RETURN(bool ok, MatchStringFilters(json::array({sf}), {v}, kOps));
            all = all && ok;
        }
        if (all) {
            return true;
        }
    }
    return false;
}

// Every PackageFilter of the list must be met (by the same or another listed package).
Result<bool> MatchPackageFilters(const json& filters, const std::vector<Package>& packages) {
    for (const auto& pf : filters) {
        KENSA_ASSIGN_OR_RETURN(bool ok, MatchPackageFilter(pf, packages));
        if (!ok) {
            return false;
        }
    }
    return true;
}

}  // namespace

Result<bool> FindingMatches(const json& criteria,
                            const FindingRecord& rec,
                            const Resource& res,
                            const Vulnerability& vuln) {
    static const std::vector<std::string> kOps = {"EQUALS", "PREFIX", "NOT_EQUALS"};
    for (const auto& [field, filters] : criteria.items()) {
        if (field == "inspectorScore") {
            // An unscored (UNTRIAGED) finding has no inspectorScore to fall in any range.
            if (vuln.cvss_score <= 0 || !MatchNumberFilters(filters, vuln.cvss_score)) {
                return false;
            }
        } else if (field == "epssScore") {
            if (!MatchNumberFilters(filters, vuln.epss)) {
                return false;
            }
        } else if (field == "firstObservedAt" || field == "lastObservedAt" ||
                   field == "updatedAt" || field == "ecrImagePushedAt" ||
                   field == "lambdaFunctionLastModifiedAt") {
            double v = field == "firstObservedAt"    ? static_cast<double>(rec.first_observed_at)
                       : field == "lastObservedAt"   ? static_cast<double>(rec.last_observed_at)
                       : field == "updatedAt"        ? static_cast<double>(rec.updated_at)
                       : field == "ecrImagePushedAt" ? static_cast<double>(res.pushed_at)
                                                     : static_cast<double>(res.last_modified);
            if (!MatchDateFilters(filters, v)) {
                return false;
            }
        } else if (field == "resourceTags") {
            if (!MatchMapFilters(filters, res.tags)) {
                return false;
            }
        } else if (field == "vulnerablePackages") {
            KENSA_ASSIGN_OR_RETURN(bool ok, MatchPackageFilters(filters, rec.packages));
            if (!ok) {
                return false;
            }
        } else if (field == "portRange") {
            if (!MatchPortRange(filters, vuln)) {
                return false;
            }
        } else if (FilterElementShape("FilterCriteria", field) == "StringFilter") {
            KENSA_ASSIGN_OR_RETURN(
                bool ok, MatchStringFilters(filters, FindingField(field, rec, res, vuln), kOps));
            if (!ok) {
                return false;
            }
        } else {
            return false;  // a number, date or map the emulator does not model: no finding has it
        }
    }
    return true;
}

std::string EncodeToken(size_t offset) {
    return crypto::Base64Encode("kensa-emu:" + std::to_string(offset));
}

bool DecodeToken(const std::string& token, size_t* offset) {
    std::string raw;
    if (!crypto::Base64Decode(token, &raw) || !StartsWith(raw, "kensa-emu:")) {
        return false;
    }
    try {
        *offset = std::stoul(raw.substr(10));
    } catch (...) {
        return false;
    }
    return true;
}

}  // namespace kensa::emulator
