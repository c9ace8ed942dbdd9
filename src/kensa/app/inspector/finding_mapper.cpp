#include "kensa/app/inspector/finding_mapper.h"

#include <algorithm>

#include "kensa/advisory/ecosystem.h"
#include "kensa/common/strings.h"

namespace kensa::app {

domain::SoftwareType SoftwareTypeFor(const std::string& package_manager) {
    return package_manager == "OS" ? domain::SoftwareType::kOsPkg : domain::SoftwareType::kLibrary;
}

std::string EcosystemFor(const std::string& package_manager, const std::string& platform) {
    static const std::pair<std::string_view, std::string_view> kMap[] = {{"PIP", "pypi"},
                                                                         {"PIPENV", "pypi"},
                                                                         {"POETRY", "pypi"},
                                                                         {"PYTHONPKG", "pypi"},
                                                                         {"NPM", "npm"},
                                                                         {"YARN", "npm"},
                                                                         {"NODEPKG", "npm"},
                                                                         {"JAR", "maven"},
                                                                         {"POM", "maven"},
                                                                         {"GOBINARY", "golang"},
                                                                         {"GOMOD", "golang"},
                                                                         {"BUNDLER", "gem"},
                                                                         {"GEMSPEC", "gem"},
                                                                         {"NUGET", "nuget"},
                                                                         {"DOTNET_CORE", "nuget"},
                                                                         {"CARGO", "cargo"},
                                                                         {"COMPOSER", "composer"}};
    for (const auto& [pm, eco] : kMap) {
        if (package_manager == pm) {
            return std::string(eco);
        }
    }
    if (package_manager == "OS") {
        std::string p = ToLower(platform);
        if (p.find("debian") != std::string::npos || p.find("ubuntu") != std::string::npos) {
            return "deb";
        }
        if (p.find("alpine") != std::string::npos) {
            return "apk";
        }
        if (!p.empty()) {
            return "rpm";  // Amazon Linux, RHEL, CentOS, Rocky, Alma, Oracle, SUSE
        }
    }
    return "";
}

namespace {

/// The CVSS of one major version ("3", "4"), NVD's first.
const ports::Cvss* PickCvss(const std::vector<ports::Cvss>& all, std::string_view major) {
    const ports::Cvss* best = nullptr;
    for (const auto& c : all) {
        if (!StartsWith(c.version, major)) {
            continue;
        }
        if (best == nullptr || (c.source == "NVD" && best->source != "NVD")) {
            best = &c;
        }
    }
    return best;
}

}  // namespace

void FindingMapper::AddVulnerability(const ports::Finding& f, const std::string& id) {
    if (!vulnerability_ids_.insert(id).second) {
        return;
    }
    domain::Vulnerability v;
    v.id = id;
    v.title = f.title;
    v.description = f.description;
    v.severity = domain::SeverityFrom(f.severity);
    if (const auto* c = PickCvss(f.cvss, "3")) {
        v.cvss3_score = c->base_score;
        v.cvss3_vector = c->scoring_vector;
    } else if (f.inspector_score) {
        v.cvss3_score = *f.inspector_score;
    }
    if (const auto* c = PickCvss(f.cvss, "4")) {
        v.cvss4_score = c->base_score;
        v.cvss4_vector = c->scoring_vector;
    }
    v.epss = f.epss_score;
    v.exploit_available = f.exploit_available == "YES";
    v.fix_available = f.fix_available;
    if (!f.vuln_source_url.empty()) {
        v.references.push_back(f.vuln_source_url);
    }
    for (const auto& r : f.reference_urls) {
        if (std::find(v.references.begin(), v.references.end(), r) == v.references.end()) {
            v.references.push_back(r);
        }
    }
    observation_.vulnerabilities.push_back(std::move(v));
}

void FindingMapper::Add(const ports::Finding& f) {
    ++findings_seen_;
    if (f.status == "CLOSED") {
        ++findings_ignored_;  // closed: the vulnerability is gone; absence does the rest
        return;
    }
    std::optional<domain::ResourceMatch> match;
    std::string platform;
    for (const auto& r : f.resources) {
        auto matches = servers_.Match({r.type, r.id, r.ecr_repository_name, r.ecr_image_tags});
        if (!matches.empty()) {
            match = matches.front();
            platform = !r.ec2_platform.empty() ? r.ec2_platform : r.ecr_platform;
            break;
        }
    }
    if (!match) {
        ++findings_ignored_;
        return;
    }
    // A finding names the OS release (AMAZON_LINUX_2023) where coverage only says LINUX.
    if (observation_.distro.empty()) {
        observation_.distro = advisory::DistroFromPlatform(platform);
    }
    if (f.type == "NETWORK_REACHABILITY") {
        network_.push_back({f.finding_arn,
                            f.title,
                            f.severity,
                            f.network_protocol,
                            f.network_port_begin,
                            f.network_port_end});
        return;
    }
    if (f.type == "CODE_VULNERABILITY") {
        std::string id = !f.code_detector_id.empty() ? f.code_detector_id : f.title;
        if (id.empty()) {
            ++findings_ignored_;
            return;
        }
        AddVulnerability(f, id);
        observation_.detections.push_back({id, std::nullopt, f.finding_arn, "", "code"});
        return;
    }
    if (f.vulnerability_id.empty()) {
        ++findings_ignored_;
        return;
    }
    AddVulnerability(f, f.vulnerability_id);
    if (f.vulnerable_packages.empty()) {
        observation_.detections.push_back(
            {f.vulnerability_id, std::nullopt, f.finding_arn, "", "package"});
        return;
    }
    for (const auto& p : f.vulnerable_packages) {
        domain::Software sw;
        sw.key.lambda_function_id = match->lambda_function_id;
        sw.key.name = p.name;
        sw.key.version = p.version;
        sw.key.release = p.release;
        sw.key.epoch = p.epoch;
        sw.key.arch = p.arch;
        sw.key.path = p.file_path;
        sw.type = SoftwareTypeFor(p.package_manager);
        sw.package_manager = p.package_manager;
        sw.ecosystem = EcosystemFor(p.package_manager, platform);
        sw.source = domain::SoftwareSource::kInspector;
        // Inspector writes "NotAvailable" where a package of the finding has no fix yet.
        std::string fixed_in = p.fixed_in_version == "NotAvailable" ? "" : p.fixed_in_version;
        observation_.detections.push_back(
            {f.vulnerability_id, sw.key, f.finding_arn, std::move(fixed_in), "package"});
        observation_.software.push_back(std::move(sw));
    }
}

domain::ScanObservation FindingMapper::TakeObservation() {
    observation_.source = domain::DetectionSource::kInspector;
    observation_.software_source = domain::SoftwareSource::kInspector;
    observation_.scan_label = "Inspector";
    return std::move(observation_);
}

}  // namespace kensa::app
