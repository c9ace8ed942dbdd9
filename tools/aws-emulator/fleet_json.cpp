#include "fleet_json.h"

#include <fstream>
#include <map>
#include <sstream>

#include "kensa/common/clock.h"
#include "kensa/common/crypto.h"

namespace kensa::emulator {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key, std::string fallback = {}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return fallback;
    }
    if (it->is_string()) {
        return it->get<std::string>();
    }
    return it->dump();
}

std::vector<std::string> StrList(const json& j, const char* key) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) {
        return out;
    }
    for (const auto& item : *it) {
        out.push_back(item.is_string() ? item.get<std::string>() : item.dump());
    }
    return out;
}

std::map<std::string, std::string> StrMap(const json& j, const char* key) {
    std::map<std::string, std::string> out;
    auto it = j.find(key);
    if (it == j.end() || !it->is_object()) {
        return out;
    }
    for (const auto& [k, v] : it->items()) {
        out[k] = v.is_string() ? v.get<std::string>() : v.dump();
    }
    return out;
}

template <class T>
T Num(const json& j, const char* key, T fallback) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) {
        return fallback;
    }
    return it->get<T>();
}

bool Bool(const json& j, const char* key, bool fallback) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_boolean()) {
        return fallback;
    }
    return it->get<bool>();
}

Error Invalid(const std::string& msg) {
    return Error(ErrorCode::kInvalidInput, "fleet: " + msg);
}

Result<std::vector<Package>> Software(const json& j,
                                      const std::map<std::string, std::vector<Package>>& sets) {
    std::vector<Package> out;
    if (j.contains("softwareSet")) {
        auto set_names = j["softwareSet"].is_array()
                             ? StrList(j, "softwareSet")
                             : std::vector<std::string>{Str(j, "softwareSet")};
        for (const auto& set_name : set_names) {
            auto it = sets.find(set_name);
            if (it == sets.end()) {
                return Invalid("unknown softwareSet " + set_name);
            }
            out.insert(out.end(), it->second.begin(), it->second.end());
        }
    }
    if (j.contains("software")) {
        for (const auto& item : j["software"]) {
            KENSA_ASSIGN_OR_RETURN(Package pkg, PackageFromJson(item));
            std::erase_if(out, [&](const Package& p) { return p.name == pkg.name; });
            out.push_back(std::move(pkg));
        }
    }
    return out;
}

std::vector<AffectedRange> Ranges(const json& j) {
    std::vector<AffectedRange> out;
    if (j.contains("ranges") && j["ranges"].is_array()) {
        for (const auto& r : j["ranges"]) {
            out.push_back({Str(r, "introduced"), Str(r, "fixed")});
        }
    }
    return out;
}

// "alsoPackages": a name (same affected versions as the entry's package) or
// {"name", "ranges"|"fixedVersion"}; "unfixedPackages": names without any fix.
Result<std::vector<AlsoPackage>> AlsoPackages(const json& j) {
    std::vector<AlsoPackage> out;
    for (const auto& item : j.value("alsoPackages", json::array())) {
        AlsoPackage also;
        if (item.is_string()) {
            also.name = item.get<std::string>();
        } else if (item.is_object()) {
            also.name = Str(item, "name");
            also.ranges = Ranges(item);
            also.fixed_version = Str(item, "fixedVersion");
        }
        if (also.name.empty()) {
            return Invalid("alsoPackages entries are names or objects with a name");
        }
        out.push_back(std::move(also));
    }
    for (const auto& name : StrList(j, "unfixedPackages")) {
        AlsoPackage also;
        also.name = name;
        also.unfixed = true;
        out.push_back(std::move(also));
    }
    return out;
}

std::string Base62Id(std::string_view seed, size_t n) {
    std::string hex = crypto::Sha256Hex(seed);
    return hex.substr(0, n);
}

}  // namespace

int64_t TimestampFromJson(const json& j, int64_t fallback) {
    if (j.is_number()) {
        return j.get<int64_t>();
    }
    if (j.is_string()) {
        SystemTime t;
        if (ParseIso8601(j.get<std::string>(), &t)) {
            return ToEpochSeconds(t);
        }
    }
    return fallback;
}

Result<Package> PackageFromJson(const json& j) {
    if (!j.is_object() || Str(j, "name").empty() || Str(j, "version").empty()) {
        return Invalid("software entries need name and version");
    }
    Package pkg;
    pkg.name = Str(j, "name");
    pkg.version = Str(j, "version");
    pkg.epoch = Num<int>(j, "epoch", 0);
    pkg.release = Str(j, "release");
    pkg.arch = Str(j, "arch");
    pkg.package_manager = Str(j, "packageManager", "OS");
    pkg.purl = Str(j, "purl");
    pkg.license = Str(j, "license");
    pkg.file_path = Str(j, "filePath");
    pkg.source_layer_hash = Str(j, "sourceLayerHash");
    pkg.source_lambda_layer_arn = Str(j, "sourceLambdaLayerArn");
    return pkg;
}

Result<Vulnerability> VulnerabilityFromJson(const json& j, int64_t now) {
    if (!j.is_object() || Str(j, "id").empty()) {
        return Invalid("vulnerabilities need an id");
    }
    Vulnerability v;
    v.id = Str(j, "id");
    v.type = Str(j, "type", "PACKAGE_VULNERABILITY");
    v.package_name = Str(j, "package");
    v.package_manager = Str(j, "packageManager");
    v.affected_versions = StrList(j, "affectedVersions");
    v.ranges = Ranges(j);
    KENSA_ASSIGN_OR_RETURN(v.also_packages, AlsoPackages(j));
    v.fixed_version = Str(j, "fixedVersion");
    v.severity = Str(j, "severity", "MEDIUM");
    v.title = Str(j, "title");
    v.description = Str(j, "description", v.id + " affects " + v.package_name + ".");
    v.source = Str(j, "source", "NVD");
    v.source_url = Str(j, "sourceUrl", "https://nvd.nist.gov/vuln/detail/" + v.id);
    v.vendor_severity = Str(j, "vendorSeverity", v.severity);
    if (j.contains("cvss") && j["cvss"].is_object()) {
        v.cvss_score = Num<double>(j["cvss"], "score", 0);
        v.cvss_vector = Str(j["cvss"], "vector");
        v.cvss_version = Str(j["cvss"], "version", "3.1");
    }
    v.epss = Num<double>(j, "epss", 0);
    v.exploit_available = Bool(j, "exploitAvailable", false);
    v.reference_urls = StrList(j, "referenceUrls");
    v.related = StrList(j, "relatedVulnerabilities");
    v.resource_ids = StrList(j, "resources");
    if (j.contains("details") && j["details"].is_object()) {
        v.details_json = j["details"].dump();
    }
    v.remediation = Str(j, "remediation");
    v.vendor_created_at = j.contains("vendorCreatedAt")
                              ? TimestampFromJson(j["vendorCreatedAt"], now)
                              : now - 86400 * 30;
    v.closed = Bool(j, "closed", false);
    v.suppressed = Bool(j, "suppressed", false);
    if (v.type == "PACKAGE_VULNERABILITY" && v.package_name.empty()) {
        return Invalid("package vulnerability " + v.id + " needs a package");
    }
    if (v.type != "PACKAGE_VULNERABILITY" && v.resource_ids.empty()) {
        return Invalid(v.type + " " + v.id + " needs a resources list");
    }
    if (v.title.empty()) {
        v.title = v.package_name.empty() ? v.id : v.id + " - " + v.package_name;
    }
    return v;
}

Result<Resource> ResourceFromJson(const json& j,
                                  ResourceType type,
                                  const Account& defaults,
                                  int64_t now) {
    static const std::map<std::string, std::vector<Package>> kNoSets;
    if (!j.is_object()) {
        return Invalid("resource must be an object");
    }
    Resource r;
    r.type = type;
    r.account_id = Str(j, "accountId", defaults.id);
    r.region = Str(j, "region", defaults.region);
    r.tags = StrMap(j, "tags");
    if (j.contains("scanStatus")) {
        r.scan_status_code = Str(j["scanStatus"], "code", "ACTIVE");
        r.scan_status_reason = Str(j["scanStatus"], "reason", "SUCCESSFUL");
    }
    r.last_scanned_at =
        j.contains("lastScannedAt") ? TimestampFromJson(j["lastScannedAt"], now) : now - 3600;
    KENSA_ASSIGN_OR_RETURN(r.packages, Software(j, kNoSets));
    switch (type) {
        case ResourceType::kEc2Instance: {
            r.instance_id = Str(j, "instanceId");
            if (r.instance_id.empty()) {
                return Invalid("ec2Instances need instanceId");
            }
            r.name = Str(j, "name");
            if (!r.name.empty() && !r.tags.contains("Name")) {
                r.tags["Name"] = r.name;
            }
            r.platform = Str(j, "platform", "AMAZON_LINUX_2023");
            r.ami_id = Str(j, "amiId", "ami-" + Base62Id(r.instance_id, 17));
            r.instance_type = Str(j, "instanceType", "t3.medium");
            r.architecture = Str(j, "architecture", "x86_64");
            r.subnet_id = Str(j, "subnetId", "subnet-" + Base62Id("s" + r.account_id, 17));
            r.vpc_id = Str(j, "vpcId", "vpc-" + Base62Id("v" + r.account_id, 17));
            r.key_name = Str(j, "keyName");
            r.ipv4_addresses = StrList(j, "ipV4Addresses");
            r.launched_at = j.contains("launchedAt") ? TimestampFromJson(j["launchedAt"], now)
                                                     : now - 86400 * 90;
            r.id = r.instance_id;
            break;
        }
        case ResourceType::kLambdaFunction: {
            r.function_name = Str(j, "name");
            if (r.function_name.empty()) {
                return Invalid("lambdaFunctions need name");
            }
            r.runtime = Str(j, "runtime");
            r.package_type = Str(j, "packageType", "Zip");
            if (r.package_type != "Zip" && r.package_type != "Image") {
                return Invalid("packageType must be Zip or Image");
            }
            r.handler = Str(j, "handler", r.package_type == "Zip" ? "index.handler" : "");
            r.role_arn = Str(
                j, "role", "arn:aws:iam::" + r.account_id + ":role/" + r.function_name + "-role");
            r.code_sha256 = Str(
                j, "codeSha256", crypto::Base64Encode(crypto::Sha256(r.function_name + "code")));
            r.image_uri = Str(j, "imageUri");
            r.description = Str(j, "description");
            r.layers = StrList(j, "layers");
            r.versions = StrList(j, "versions");
            r.architecture = Str(j, "architecture", "x86_64");
            r.memory_size = Num<int>(j, "memorySize", 128);
            r.timeout = Num<int>(j, "timeout", 3);
            r.code_size = Num<int64_t>(j, "codeSize", 1048576);
            r.last_modified = j.contains("lastModified") ? TimestampFromJson(j["lastModified"], now)
                                                         : now - 86400 * 7;
            r.id = r.Arn() + ":$LATEST";
            break;
        }
        case ResourceType::kEcrImage: {
            r.repository = Str(j, "repository");
            r.digest = Str(j, "digest");
            if (r.repository.empty() || r.digest.empty()) {
                return Invalid("ECR images need repository and digest");
            }
            if (r.digest.rfind("sha256:", 0) != 0) {
                r.digest = "sha256:" + r.digest;
            }
            r.image_tags = StrList(j, "tags");
            r.architecture = Str(j, "architecture", "amd64");
            r.platform = Str(j, "platform", "AMAZON_LINUX_2023");
            r.author = Str(j, "author");
            r.pushed_at =
                j.contains("pushedAt") ? TimestampFromJson(j["pushedAt"], now) : now - 86400 * 14;
            r.id = r.Arn();
            break;
        }
    }
    return r;
}

Result<Fleet> ParseFleet(std::string_view text, int64_t now) {
    json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded() || !root.is_object()) {
        return Invalid("not a JSON object");
    }
    Fleet fleet;
    if (root.contains("settings")) {
        const auto& s = root["settings"];
        fleet.settings.region = Str(s, "region", "us-east-1");
        fleet.settings.sbom_export_seconds = Num<int>(s, "sbomExportSeconds", 2);
        fleet.settings.sbom_export_lambda_versions = s.value("sbomExportLambdaVersions", false);
        fleet.settings.sbom_exports_at_once = Num<int>(s, "sbomExportsAtOnce", 1);
        if (fleet.settings.sbom_exports_at_once < 0) {
            return Invalid("settings.sbomExportsAtOnce is 0 (no limit) or more");
        }
    }
    for (const auto& a : root.value("accounts", json::array())) {
        Account account;
        account.id = Str(a, "id");
        account.region = Str(a, "region", fleet.settings.region);
        if (account.id.size() != 12) {
            return Invalid("account ids are 12 digits: " + account.id);
        }
        json insp = a.value("inspector", json::object());
        account.ec2_enabled = Bool(insp, "ec2", true);
        account.ecr_enabled = Bool(insp, "ecr", true);
        account.lambda_enabled = Bool(insp, "lambda", true);
        account.lambda_code_enabled = Bool(insp, "lambdaCode", false);
        fleet.accounts.push_back(account);
    }
    if (fleet.accounts.empty()) {
        return Invalid("at least one account is required");
    }
    if (!root.contains("settings") || !root["settings"].contains("region")) {
        fleet.settings.region = fleet.accounts.front().region;
    }
    const Account& first = fleet.accounts.front();
    for (const auto& u : root.value("users", json::array())) {
        User user;
        user.name = Str(u, "name");
        user.account_id = Str(u, "accountId", first.id);
        user.access_key_id = Str(u, "accessKeyId");
        user.secret_access_key = Str(u, "secretAccessKey");
        user.actions = StrList(u, "actions");
        if (user.name.empty() || user.access_key_id.empty() || user.secret_access_key.empty()) {
            return Invalid("users need name, accessKeyId and secretAccessKey");
        }
        fleet.users.push_back(user);
    }
    for (const auto& r : root.value("roles", json::array())) {
        Role role;
        role.arn = Str(r, "arn");
        auto slash = role.arn.rfind('/');
        if (role.arn.rfind("arn:aws:iam::", 0) != 0 || slash == std::string::npos) {
            return Invalid("role arn must look like arn:aws:iam::ACCOUNT:role/NAME");
        }
        role.name = role.arn.substr(slash + 1);
        role.account_id = role.arn.substr(13, 12);
        json trust = r.value("trust", json::object());
        role.trusted_principals = StrList(trust, "principals");
        role.external_id = Str(trust, "externalId");
        role.actions = StrList(r, "actions");
        role.max_session_seconds = Num<int>(r, "maxSessionDuration", 3600);
        fleet.roles.push_back(role);
    }
    std::map<std::string, std::vector<Package>> sets;
    const json software_sets = root.value("softwareSets", json::object());
    for (const auto& [set_name, items] : software_sets.items()) {
        for (const auto& item : items) {
            KENSA_ASSIGN_OR_RETURN(Package pkg, PackageFromJson(item));
            sets[set_name].push_back(std::move(pkg));
        }
    }
    auto add = [&](const json& item, ResourceType type) -> Status {
        std::string account_id = Str(item, "accountId", first.id);
        const Account* account = fleet.FindAccount(account_id);
        if (account == nullptr) {
            return Invalid("resource in unknown account " + account_id);
        }
        KENSA_ASSIGN_OR_RETURN(Resource res, ResourceFromJson(item, type, *account, now));
        KENSA_ASSIGN_OR_RETURN(auto from_sets, Software(item, sets));
        for (auto& pkg : from_sets) {
            if (res.FindPackage(pkg.name) == nullptr) {
                res.packages.push_back(std::move(pkg));
            }
        }
        fleet.resources.push_back(std::move(res));
        return Ok();
    };
    for (const auto& item : root.value("ec2Instances", json::array())) {
        KENSA_TRY(add(item, ResourceType::kEc2Instance));
    }
    for (const auto& item : root.value("lambdaFunctions", json::array())) {
        KENSA_TRY(add(item, ResourceType::kLambdaFunction));
    }
    for (const auto& repo : root.value("ecrRepositories", json::array())) {
        for (json image : repo.value("images", json::array())) {
            image["repository"] = Str(repo, "name");
            if (repo.contains("accountId") && !image.contains("accountId")) {
                image["accountId"] = repo["accountId"];
            }
            KENSA_TRY(add(image, ResourceType::kEcrImage));
        }
    }
    // A fleet lists a CVE once per affected package; EPSS, CVSS and exploit data belong to the
    // CVE itself (as in Inspector), so every entry of an id takes the first entry's values.
    std::map<std::string, const Vulnerability*> first_of_id;
    for (const auto& item : root.value("vulnerabilities", json::array())) {
        KENSA_ASSIGN_OR_RETURN(Vulnerability v, VulnerabilityFromJson(item, now));
        fleet.vulnerabilities.push_back(std::move(v));
    }
    for (auto& v : fleet.vulnerabilities) {
        auto [it, inserted] = first_of_id.emplace(v.id, &v);
        if (!inserted) {
            v.epss = it->second->epss;
            v.cvss_score = it->second->cvss_score;
            v.cvss_vector = it->second->cvss_vector;
            v.cvss_version = it->second->cvss_version;
            v.exploit_available = it->second->exploit_available;
        }
    }
    for (const auto& k : root.value("kmsKeys", json::array())) {
        KmsKey key;
        key.arn = Str(k, "arn");
        auto parts = key.arn.rfind("arn:aws:kms:", 0) == 0 ? key.arn.substr(12) : std::string();
        auto colon = parts.find(':');
        if (colon == std::string::npos) {
            return Invalid("kms key arn must look like arn:aws:kms:REGION:ACCOUNT:key/ID");
        }
        key.region = parts.substr(0, colon);
        key.account_id = parts.substr(colon + 1, 12);
        fleet.kms_keys.push_back(key);
    }
    for (const auto& b : root.value("buckets", json::array())) {
        Bucket bucket;
        bucket.name = Str(b, "name");
        bucket.account_id = Str(b, "accountId", first.id);
        bucket.region = Str(b, "region", fleet.settings.region);
        bucket.kms_key_arn = Str(b, "kmsKeyArn");
        if (b.contains("policy")) {
            bucket.has_policy = true;
            for (const auto& s : b["policy"]) {
                BucketStatement st;
                st.effect = Str(s, "effect", "Allow");
                st.principals = StrList(s, "principals");
                st.actions = StrList(s, "actions");
                st.resource_prefix = Str(s, "prefix");
                bucket.policy.push_back(st);
            }
        }
        fleet.buckets.push_back(bucket);
    }
    if (root.contains("faults")) {
        fleet.faults_json = root["faults"].dump();
    }
    return fleet;
}

Result<Fleet> LoadFleetFile(const std::string& path, int64_t now) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error(ErrorCode::kNotFound, "cannot open fleet file " + path);
    }
    std::stringstream buf;
    buf << in.rdbuf();
    return ParseFleet(buf.str(), now);
}

Result<Fleet> DemoFleet(int64_t now) {
    return ParseFleet(DemoFleetJson(), now);
}

}  // namespace kensa::emulator
