#include "kensa/app/vuls/result_observation.h"

#include <algorithm>
#include <set>

#include "kensa/advisory/ecosystem.h"
#include "kensa/common/strings.h"

namespace kensa::app {
namespace {

constexpr size_t kMaxReferences = 64;

// The purl namespace of an OS family's packages (purl-spec: deb/debian, rpm/fedora, apk/alpine).
std::string PurlNamespace(const std::string& family, const std::string& distro) {
    if (family == "raspbian") {
        return "raspbian";
    }
    auto dash = distro.find('-');
    return dash == std::string::npos ? distro : distro.substr(0, dash);
}

// The purl of an installed OS package, in the form SBOM tools write (syft, trivy): the
// version with its release, the arch and distro qualifiers, and the source package.
std::string OsPackagePurl(const ports::vuls::Package& p,
                          const std::string& type,
                          const std::string& ns,
                          const std::string& distro,
                          const std::string& source) {
    std::string version = p.version;
    if (!p.release.empty()) {
        version += "-" + p.release;
    }
    std::string purl =
        "pkg:" + type + "/" + UriEncode(ns) + "/" + UriEncode(p.name) + "@" + UriEncode(version);
    std::vector<std::pair<std::string, std::string>> q;
    if (!p.arch.empty()) {
        q.emplace_back("arch", p.arch);
    }
    if (!distro.empty()) {
        q.emplace_back("distro", distro);
    }
    if (!source.empty() && source != p.name) {
        q.emplace_back("upstream", source);
    }
    char sep = '?';
    for (const auto& [k, v] : q) {
        purl += sep + k + "=" + UriEncode(v);
        sep = '&';
    }
    return purl;
}

// trivy's language types (Vuls LibraryScanner.Type) as purl types, for libraries without one.
std::string LibraryEcosystem(const std::string& type) {
    static const std::pair<const char*, const char*> kTypes[] = {
        {"npm", "npm"},
        {"yarn", "npm"},
        {"pnpm", "npm"},
        {"node-pkg", "npm"},
        {"pip", "pypi"},
        {"pipenv", "pypi"},
        {"poetry", "pypi"},
        {"uv", "pypi"},
        {"python-pkg", "pypi"},
        {"jar", "maven"},
        {"pom", "maven"},
        {"gradle", "maven"},
        {"sbt", "maven"},
        {"gomod", "golang"},
        {"gobinary", "golang"},
        {"cargo", "cargo"},
        {"rustbinary", "cargo"},
        {"composer", "composer"},
        {"bundler", "gem"},
        {"gemspec", "gem"},
        {"nuget", "nuget"},
        {"dotnet-core", "nuget"},
        {"packages-props", "nuget"},
        {"conan", "conan"},
        {"pub", "pub"},
        {"hex", "hex"},
        {"swift", "swift"},
        {"cocoapods", "cocoapods"},
    };
    for (const auto& [from, to] : kTypes) {
        if (type == from) {
            return to;
        }
    }
    return "generic";
}

// Sources in the order their CVSS and severity are taken.
int SourceRank(const std::string& type) {
    if (type == "nvd") {
        return 0;
    }
    static const std::set<std::string> kDistro = {"redhat",
                                                  "redhat_api",
                                                  "ubuntu",
                                                  "ubuntu_api",
                                                  "debian",
                                                  "debian_security_tracker",
                                                  "amazon",
                                                  "alma",
                                                  "rocky",
                                                  "oracle",
                                                  "suse",
                                                  "alpine",
                                                  "fedora",
                                                  "microsoft"};
    if (kDistro.count(type) > 0) {
        return 1;
    }
    return StartsWith(type, "trivy") ? 2 : 3;
}

}  // namespace

domain::Vulnerability VulnerabilityOf(const ports::vuls::ScannedCve& cve) {
    domain::Vulnerability v;
    v.id = cve.cve_id;
    std::vector<const ports::vuls::CveContent*> ranked;
    for (const auto& c : cve.contents) {
        ranked.push_back(&c);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto* a, const auto* b) {
        return SourceRank(a->type) < SourceRank(b->type);
    });
    std::string severity;
    std::set<std::string> seen_refs;
    for (const auto* c : ranked) {
        if (v.cvss3_score == 0 && c->cvss3_score > 0) {
            v.cvss3_score = c->cvss3_score;
            v.cvss3_vector = c->cvss3_vector;
        }
        if (v.cvss4_score == 0 && c->cvss40_score > 0) {
            v.cvss4_score = c->cvss40_score;
            v.cvss4_vector = c->cvss40_vector;
        }
        if (severity.empty()) {
            severity = !c->cvss3_severity.empty() ? c->cvss3_severity : c->cvss2_severity;
        }
        if (v.title.empty() && !c->title.empty()) {
            v.title = c->title;
        }
        if (v.description.empty() && !c->summary.empty()) {
            v.description = c->summary;
        }
        for (const auto& ref : c->references) {
            if (v.references.size() < kMaxReferences && seen_refs.insert(ref).second) {
                v.references.push_back(ref);
            }
        }
    }
    v.severity = domain::SeverityFrom(severity);
    v.exploit_available = cve.exploit_available;
    v.kev = cve.kev;
    size_t unfixed = 0;
    for (const auto& p : cve.affected_packages) {
        unfixed += p.not_fixed_yet ? 1 : 0;
    }
    if (!cve.affected_packages.empty() && unfixed == cve.affected_packages.size()) {
        v.fix_available = "NO";
    } else if (unfixed > 0) {
        v.fix_available = "PARTIAL";
    } else {
        v.fix_available = "YES";
    }
    return v;
}

bool VulsObservationBuilder::Room() {
    if (components_ >= max_components_) {
        too_many_ = true;
        return false;
    }
    ++components_;
    return true;
}

ports::vuls::Visitor VulsObservationBuilder::Visitor() {
    ports::vuls::Visitor v;
    v.package = [this](ports::vuls::Package&& p) {
        if (Room()) {
            ++packages_read_;
            packages_.push_back(std::move(p));
        }
    };
    v.src_package = [this](ports::vuls::SrcPackage&& s) {
        ++src_packages_;
        for (auto& bin : s.binary_names) {
            source_of_.emplace(std::move(bin), s.name);
        }
    };
    v.library_scanner = [this](ports::vuls::LibraryScanner&& scanner) {
        ++libraries_;
        for (const auto& lib : scanner.libs) {
            if (!Room()) {
                return;
            }
            ports::SbomComponent c;
            c.type = "library";
            c.name = lib.name;
            c.version = lib.version;
            c.purl = lib.purl.empty() ? "pkg:" + LibraryEcosystem(scanner.type) + "/" +
                                            UriEncode(lib.name) + "@" + UriEncode(lib.version)
                                      : lib.purl;
            std::string path = !lib.file_path.empty() ? lib.file_path : scanner.lockfile_path;
            c.properties.emplace_back("path", path);
            library_rows_.push_back(ToSoftware(c, std::nullopt, classes_).software);
        }
    };
    v.cve = [this](ports::vuls::ScannedCve&& cve) { cves_.push_back(std::move(cve)); };
    return v;
}

Result<domain::ScanObservation> VulsObservationBuilder::Finish(
    const ports::vuls::ResultInfo& info) {
    if (too_many_) {
        return Error(ErrorCode::kInvalidInput,
                     "Vuls result: more than " + std::to_string(max_components_) +
                         " packages and libraries for one server; nothing was imported");
    }
    domain::ScanObservation obs;
    obs.source = domain::DetectionSource::kVuls;
    obs.software_source = domain::SoftwareSource::kVuls;
    obs.scan_label = "Vuls";
    obs.distro = advisory::DistroFromPlatform(info.family + " " + info.release);
    const std::string type(advisory::VulsFamilyEcosystem(info.family));
    const std::string ns = PurlNamespace(info.family, obs.distro);
    // Rows are found by index, and only when a scanned CVE names them: a scan-stage result of
    // hundreds of thousands of packages holds its rows once.
    const bool detects = !cves_.empty();
    std::unordered_map<std::string, size_t> package_row;       // name -> row
    std::unordered_multimap<std::string, size_t> library_row;  // path, name -> row
    auto library_index = [](const std::string& path, const std::string& name) {
        return path + '\0' + ToLower(name);
    };
    obs.software.reserve(packages_.size() + library_rows_.size());
    for (const auto& p : packages_) {
        ports::SbomComponent c;
        c.type = type.empty() ? "application" : "operating-system-package";
        c.name = p.name;
        c.version = p.release.empty() ? p.version : p.version + "-" + p.release;
        auto src = source_of_.find(p.name);
        if (!type.empty()) {
            c.purl = OsPackagePurl(
                p, type, ns, obs.distro, src == source_of_.end() ? std::string() : src->second);
        }
        domain::Software sw = ToSoftware(c, std::nullopt, classes_).software;
        if (type.empty()) {
            // Windows applications and the like: no ecosystem, the version as written.
            sw.key.name = p.name;
            sw.key.version = p.version;
            sw.key.release = p.release;
            sw.type = domain::SoftwareType::kApplication;
            sw.ecosystem = "";
        } else {
            sw.type = domain::SoftwareType::kOsPkg;
        }
        sw.package_manager = "vuls";
        sw.source = domain::SoftwareSource::kVuls;
        sw.managed_by = domain::ManagedBy::kNormal;
        if (detects) {
            package_row.emplace(p.name, obs.software.size());
        }
        obs.software.push_back(std::move(sw));  // unique: `packages` is keyed by name
    }
    std::vector<ports::vuls::Package>().swap(packages_);
    std::set<domain::SoftwareKey> library_keys;  // a lockfile may list a library twice
    for (auto& row : library_rows_) {
        if (!library_keys.insert(row.key).second) {
            continue;
        }
        row.package_manager = "vuls";
        row.source = domain::SoftwareSource::kVuls;
        row.managed_by = domain::ManagedBy::kNormal;
        if (detects) {
            library_row.emplace(library_index(row.key.path, row.key.name), obs.software.size());
        }
        obs.software.push_back(std::move(row));
    }
    std::vector<domain::Software>().swap(library_rows_);
    for (const auto& cve : cves_) {
        obs.vulnerabilities.push_back(VulnerabilityOf(cve));
        auto detect = [&](std::optional<domain::SoftwareKey> key, const std::string& fixed_in) {
            domain::ObservedDetection det;
            det.vulnerability_id = cve.cve_id;
            det.software = std::move(key);
            det.source_ref = kVulsSourceRef;
            det.fixed_in = fixed_in;
            obs.detections.push_back(std::move(det));
        };
        for (const auto& ap : cve.affected_packages) {
            auto it = package_row.find(ap.name);
            if (it != package_row.end()) {
                detect(obs.software[it->second].key, ap.fixed_in);
            }
        }
        for (const auto& lf : cve.library_fixed_ins) {
            auto [from, to] = library_row.equal_range(library_index(lf.path, lf.name));
            for (auto it = from; it != to; ++it) {
                const domain::SoftwareKey& key = obs.software[it->second].key;
                if (lf.version.empty() || key.version == lf.version) {
                    detect(key, lf.fixed_in);
                }
            }
        }
        if (obs.detections.empty() || obs.detections.back().vulnerability_id != cve.cve_id) {
            // Detected by CPE, WordPress or a GitHub alert, or on a package this result does
            // not list: the server has it, without a software row.
            detect(std::nullopt, "");
        }
    }
    return obs;
}

}  // namespace kensa::app
