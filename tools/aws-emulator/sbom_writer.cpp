// Inspector SBOM export documents, modelled on the two AWS documentation examples in
// ../shared/reference/inspector-sbom/export-docs-examples (CycloneDX 1.4 of an ECR image, SPDX 2.3
// of an EC2 instance). Nothing else of the real format is public, so:
//
// DOCUMENTED (seen in those examples):
//  * CycloneDX: bomFormat/specVersion "1.4"/version 1; metadata {timestamp, component: null,
//    properties}; ECR properties exactly imageId, architecture, accountId, resourceType;
//    components {type application (OS) | library, name, purl, bom-ref 32 hex} with no version
//    and no licenses; vulnerabilities [{id, affects [{ref}]}].
//  * SPDX: no dataLicense; name <account>/EC2/<instance>/<ami>; documentNamespace
//    EC2://<instance>/<PLATFORM>/null/<arch>; creators Organization + "Tool: Amazon Inspector
//    SBOM Generator"; comment ""; packages {name, versionInfo, downloadLocation NOASSERTION,
//    sourceInfo /var/lib/rpm/Packages, filesAnalyzed false, externalRefs PACKAGE-MANAGER purl +
//    SECURITY vulnerability, SPDXID SPDXRef-Package-<type>-<name>-<32 hex>} and no
//    licenseDeclared; DESCRIBES relationships.
//  * OS purls: pkg:dpkg|rpm/<name>@<version>-<release>?arch=<UPPER>&epoch=<n>&upstream=
//    <name>-<version>-<release>.src.dpkg|.src.rpm: no namespace, no distro qualifier.
//    Language purls: pkg:pypi/<name>@<version>?path=<file>.
// INFERRED (by analogy; no public example):
//  * CycloneDX properties of EC2 (instanceId, imageId = AMI, architecture, accountId,
//    resourceType) and Lambda (functionArn, runtime as Inspector spells it in findings, e.g.
//    PYTHON_3_12 (no model enum applies to a document), architecture, accountId, resourceType).
//    instanceId comes before imageId: readers take the first id.
//  * apk purls (".src.apk" upstream), arch names of packages without an arch (X86_64/AARCH64
//    for rpm and apk, AMD64/ARM64 for dpkg), npm/golang/maven/... purl types.
//  * SPDX name/namespace of ECR images and Lambda functions; sourceInfo of dpkg and apk.
//  * Licenses: neither example has any, so none are written even when the fleet knows one.
//  * Which findings vulnerabilities[] / SECURITY refs list: ACTIVE and SUPPRESSED, not CLOSED.

#include "sbom_writer.h"

#include <nlohmann/json.hpp>

#include "inspector2_json.h"
#include "kensa/common/clock.h"
#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"

namespace kensa::emulator {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

std::string OsPurlType(const std::string& platform) {
    if (StartsWith(platform, "UBUNTU") || StartsWith(platform, "DEBIAN")) {
        return "dpkg";
    }
    if (StartsWith(platform, "ALPINE")) {
        return "apk";
    }
    return "rpm";
}

std::string Upper(std::string s) {
    for (auto& c : s) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return s;
}

// Upper case, as in the examples (X86_64, ARM64, NOARCH). A package without an arch takes the
// resource's in the naming of its package type: dpkg says amd64/arm64, rpm and apk
// x86_64/aarch64.
std::string PackageArch(const Resource& r, const Package& pkg, const std::string& type) {
    if (!pkg.arch.empty()) {
        return Upper(pkg.arch);
    }
    const std::string& a = r.architecture;
    bool arm = a == "arm64" || a == "aarch64";
    if (type == "dpkg") {
        return arm ? "ARM64" : "AMD64";
    }
    return arm ? "AARCH64" : "X86_64";
}

std::string Hex32(const std::string& seed) {
    return crypto::Sha256Hex(seed).substr(0, 32);
}

std::string Iso(int64_t t) {
    return FormatIso8601(std::chrono::system_clock::from_time_t(t));
}

std::string ResourceFileArn(const Resource& r) {
    return r.type == ResourceType::kLambdaFunction ? r.id : r.Arn();
}

}  // namespace

std::string Purl(const Resource& r, const Package& pkg) {
    if (!pkg.purl.empty()) {
        return pkg.purl;
    }
    const std::string& pm = pkg.package_manager;
    if (pm == "OS") {
        std::string type = OsPurlType(r.platform);
        std::string full = pkg.version + (pkg.release.empty() ? "" : "-" + pkg.release);
        return "pkg:" + type + "/" + pkg.name + "@" + full + "?arch=" + PackageArch(r, pkg, type) +
               "&epoch=" + std::to_string(pkg.epoch) + "&upstream=" + pkg.name + "-" + full +
               ".src." + type;
    }
    std::string type = "generic";
    std::string name = pkg.name;
    std::string version = pkg.version;
    if (pm == "PIP" || pm == "PIPENV" || pm == "POETRY" || pm == "PYTHONPKG") {
        type = "pypi";
    } else if (pm == "NPM" || pm == "YARN" || pm == "NODEPKG") {
        type = "npm";
        if (StartsWith(name, "@")) {
            name = "%40" + name.substr(1);
        }
    } else if (pm == "GOBINARY" || pm == "GOMOD") {
        type = "golang";
        if (!StartsWith(version, "v")) {
            version = "v" + version;
        }
    } else if (pm == "JAR" || pm == "POM") {
        type = "maven";
        auto colon = name.find(':');
        if (colon != std::string::npos) {
            name = name.substr(0, colon) + "/" + name.substr(colon + 1);
        }
    } else if (pm == "GEMSPEC" || pm == "BUNDLER") {
        type = "gem";
    } else if (pm == "CARGO") {
        type = "cargo";
    } else if (pm == "NUGET" || pm == "DOTNET_CORE") {
        type = "nuget";
    } else if (pm == "COMPOSER") {
        type = "composer";
    }
    std::string purl = "pkg:" + type + "/" + name + "@" + version;
    if (!pkg.file_path.empty()) {
        purl += "?path=" + pkg.file_path;
    }
    return purl;
}

std::string CycloneDxDocument(const Resource& r, const PackageVulns& vulns, int64_t now) {
    ordered_json props = ordered_json::array();
    auto prop = [&](const std::string& n, const std::string& v) {
        props.push_back({{"name", n}, {"value", v}});
    };
    switch (r.type) {
        case ResourceType::kEcrImage:
            prop("imageId", r.digest);
            break;
        case ResourceType::kEc2Instance:
            prop("instanceId", r.instance_id);
            prop("imageId", r.ami_id);
            break;
        case ResourceType::kLambdaFunction:
            prop("functionArn", r.id);
            prop("runtime", InspectorRuntimeName(r.runtime));
            break;
    }
    prop("architecture", r.architecture);
    prop("accountId", r.account_id);
    prop("resourceType", std::string(ResourceTypeName(r.type)));
    ordered_json doc;
    doc["bomFormat"] = "CycloneDX";
    doc["specVersion"] = "1.4";
    doc["version"] = 1;
    doc["metadata"] = {{"timestamp", Iso(now)}, {"component", nullptr}, {"properties", props}};
    doc["components"] = ordered_json::array();
    std::map<std::string, std::vector<std::string>> refs_by_vuln;
    for (const auto& pkg : r.packages) {
        std::string purl = Purl(r, pkg);
        std::string ref = Hex32(r.id + "|" + purl);
        ordered_json c = {{"type", pkg.package_manager == "OS" ? "application" : "library"},
                          {"name", pkg.name},
                          {"purl", purl},
                          {"bom-ref", ref}};
        doc["components"].push_back(c);
        auto it = vulns.find(pkg.name);
        if (it != vulns.end()) {
            for (const auto& id : it->second) {
                refs_by_vuln[id].push_back(ref);
            }
        }
    }
    doc["vulnerabilities"] = ordered_json::array();
    for (const auto& [id, refs] : refs_by_vuln) {
        ordered_json affects = ordered_json::array();
        for (const auto& ref : refs) {
            affects.push_back({{"ref", ref}});
        }
        doc["vulnerabilities"].push_back({{"id", id}, {"affects", affects}});
    }
    return doc.dump(2);
}

std::string SpdxDocument(const Resource& r, const PackageVulns& vulns, int64_t now) {
    std::string name;
    std::string ns;
    std::string arch = r.architecture;
    switch (r.type) {
        case ResourceType::kEc2Instance:
            name = r.account_id + "/EC2/" + r.instance_id + "/" + r.ami_id;
            ns = "EC2://" + r.instance_id + "/" + r.platform + "/null/" + arch;
            break;
        case ResourceType::kEcrImage:
            name = r.account_id + "/ECR/" + r.repository + "/" + r.digest;
            ns = "ECR://" + r.repository + "/" + r.digest + "/" + r.platform + "/" + arch;
            break;
        case ResourceType::kLambdaFunction:
            name = r.account_id + "/LAMBDA/" + r.function_name + "/$LATEST";
            ns = "LAMBDA://" + r.function_name + "/$LATEST/" + InspectorRuntimeName(r.runtime) +
                 "/" + arch;
            break;
    }
    ordered_json doc;
    doc["name"] = name;
    doc["spdxVersion"] = "SPDX-2.3";
    doc["creationInfo"] = {
        {"created", Iso(now)},
        {"creators", {"Organization: " + r.account_id, "Tool: Amazon Inspector SBOM Generator"}}};
    doc["documentNamespace"] = ns;
    doc["comment"] = "";
    doc["packages"] = ordered_json::array();
    doc["relationships"] = ordered_json::array();
    for (const auto& pkg : r.packages) {
        std::string purl = Purl(r, pkg);
        std::string type = purl.substr(4, purl.find('/') - 4);
        std::string safe_name;
        for (char c : pkg.name) {
            safe_name +=
                std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '-';
        }
        std::string spdx_id =
            "SPDXRef-Package-" + type + "-" + safe_name + "-" + Hex32(r.id + "|" + purl);
        std::string source_info = pkg.file_path;
        if (source_info.empty()) {
            source_info = type == "dpkg"  ? "/var/lib/dpkg/status"
                          : type == "apk" ? "/lib/apk/db/installed"
                                          : "/var/lib/rpm/Packages";
        }
        ordered_json refs = ordered_json::array({{{"referenceCategory", "PACKAGE-MANAGER"},
                                                  {"referenceType", "purl"},
                                                  {"referenceLocator", purl}}});
        auto it = vulns.find(pkg.name);
        if (it != vulns.end()) {
            for (const auto& id : it->second) {
                refs.push_back({{"referenceCategory", "SECURITY"},
                                {"referenceType", "vulnerability"},
                                {"referenceLocator", id}});
            }
        }
        ordered_json p = {
            {"name", pkg.name},
            {"versionInfo", pkg.version + (pkg.release.empty() ? "" : "-" + pkg.release)},
            {"downloadLocation", "NOASSERTION"},
            {"sourceInfo", source_info},
            {"filesAnalyzed", false}};
        p["externalRefs"] = refs;
        p["SPDXID"] = spdx_id;
        doc["packages"].push_back(p);
        doc["relationships"].push_back({{"spdxElementId", "SPDXRef-DOCUMENT"},
                                        {"relatedSpdxElement", spdx_id},
                                        {"relationshipType", "DESCRIBES"}});
    }
    doc["SPDXID"] = "SPDXRef-DOCUMENT";
    return doc.dump(2);
}

std::string SbomObjectKey(const std::string& key_prefix,
                          const std::string& format,
                          const std::string& report_id,
                          const Resource& resource) {
    std::string prefix = key_prefix;
    while (!prefix.empty() && prefix.back() == '/') {
        prefix.pop_back();
    }
    if (!prefix.empty()) {
        prefix += "/";
    }
    std::string file = ResourceFileArn(resource);
    for (auto& c : file) {
        if (c == '/') {
            c = '_';
        }
    }
    return prefix + format + "_outputs_" + report_id + "/account=" + resource.account_id +
           "/resource=" + std::string(ResourceTypeName(resource.type)) + "/" + file + "_" + format +
           ".json";
}

}  // namespace kensa::emulator
