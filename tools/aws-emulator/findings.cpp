#include "findings.h"

#include <algorithm>
#include <string_view>

#include "kensa/common/crypto.h"
#include "versions.h"

namespace kensa::emulator {
namespace {

// What the findings of a vulnerability entry are while their cause is present.
const char* LiveStatus(const Vulnerability& vuln) {
    if (vuln.closed) {
        return "CLOSED";
    }
    return vuln.suppressed ? "SUPPRESSED" : "ACTIVE";
}

using PackagesByName = std::unordered_multimap<std::string_view, const Package*>;

// Every installed package the finding of `vuln` lists: the entry's own package first, then
// its also-packages in the order the fleet names them.
std::vector<Package> ListedPackages(const Vulnerability& vuln,
                                    const Resource& resource,
                                    const PackagesByName& by_name) {
    std::vector<Package> out;
    auto [first, last] = by_name.equal_range(vuln.package_name);
    for (auto it = first; it != last; ++it) {
        if (Affects(vuln, resource, *it->second)) {
            out.push_back(*it->second);
        }
    }
    for (const auto& also : vuln.also_packages) {
        auto [a, b] = by_name.equal_range(also.name);
        for (auto it = a; it != b; ++it) {
            if (AffectsAlso(vuln, also, resource, *it->second)) {
                out.push_back(*it->second);
            }
        }
    }
    return out;
}

bool SameVersions(const std::vector<Package>& a, const std::vector<Package>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.name == y.name && FullVersion(x) == FullVersion(y);
    });
}

bool ScopedTo(const Vulnerability& vuln, const Resource& resource) {
    return std::any_of(vuln.resource_ids.begin(), vuln.resource_ids.end(), [&](const auto& id) {
        return id == resource.id || id == resource.instance_id || id == resource.function_name ||
               id == resource.Arn();
    });
}

}  // namespace

std::string FindingArn(const std::string& account_id,
                       const std::string& region,
                       const std::string& resource_id,
                       const std::string& vuln_id,
                       const std::string& package_name) {
    std::string hash =
        crypto::Sha256Hex(account_id + "|" + resource_id + "|" + vuln_id + "|" + package_name);
    return "arn:aws:inspector2:" + region + ":" + account_id + ":finding/" + hash.substr(0, 32);
}

void FindingIndex::IndexVulnerabilities(const Fleet& fleet) {
    if (indexed_vulns_ == fleet.vulnerabilities.size()) {
        return;
    }
    vulns_by_package_.clear();
    non_package_vulns_.clear();
    for (size_t i = 0; i < fleet.vulnerabilities.size(); ++i) {
        const auto& v = fleet.vulnerabilities[i];
        if (v.package_name.empty()) {
            non_package_vulns_.push_back(i);
            continue;
        }
        vulns_by_package_[v.package_name].push_back(i);
        for (const auto& also : v.also_packages) {
            vulns_by_package_[also.name].push_back(i);
        }
    }
    indexed_vulns_ = fleet.vulnerabilities.size();
}

void FindingIndex::Upsert(const Fleet& fleet,
                          const Resource& resource,
                          size_t vuln_index,
                          std::vector<Package> packages,
                          int64_t now,
                          std::vector<bool>* seen) {
    const Vulnerability& vuln = fleet.vulnerabilities[vuln_index];
    const std::string status = LiveStatus(vuln);
    std::string arn =
        FindingArn(resource.account_id, resource.region, resource.id, vuln.id, vuln.package_name);
    auto it = by_arn_.find(arn);
    if (it == by_arn_.end()) {
        FindingRecord rec;
        rec.arn = arn;
        rec.account_id = resource.account_id;
        rec.region = resource.region;
        rec.resource_id = resource.id;
        rec.resource_type = resource.type;
        rec.vuln_index = vuln_index;
        rec.packages = std::move(packages);
        rec.status = status;
        rec.first_observed_at = now;
        rec.last_observed_at = now;
        rec.updated_at = now;
        size_t idx = records_.size();
        records_.push_back(std::move(rec));
        by_arn_.emplace(arn, idx);
        by_resource_[resource.id].push_back(idx);
        seen->push_back(true);
        return;
    }
    FindingRecord& rec = records_[it->second];
    (*seen)[it->second] = true;
    bool changed = rec.status != status || !SameVersions(rec.packages, packages);
    rec.packages = std::move(packages);
    if (changed) {
        // A withdrawn vulnerability is no longer observed; anything else was just seen.
        if (status != "CLOSED") {
            rec.last_observed_at = now;
        }
        rec.status = status;
        rec.updated_at = now;
    }
}

void FindingIndex::DerivePackageFindings(const Fleet& fleet,
                                         const Resource& resource,
                                         int64_t now,
                                         std::vector<bool>* seen) {
    PackagesByName by_name;
    std::vector<size_t> candidates;
    for (const auto& pkg : resource.packages) {
        by_name.emplace(pkg.name, &pkg);
        auto it = vulns_by_package_.find(pkg.name);
        if (it != vulns_by_package_.end()) {
            candidates.insert(candidates.end(), it->second.begin(), it->second.end());
        }
    }
    // One finding per entry, even when several of its packages are installed.
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (size_t vi : candidates) {
        auto listed = ListedPackages(fleet.vulnerabilities[vi], resource, by_name);
        if (!listed.empty()) {
            Upsert(fleet, resource, vi, std::move(listed), now, seen);
        }
    }
}

void FindingIndex::DeriveScopedFindings(const Fleet& fleet,
                                        const Resource& resource,
                                        int64_t now,
                                        std::vector<bool>* seen) {
    for (size_t vi : non_package_vulns_) {
        if (ScopedTo(fleet.vulnerabilities[vi], resource)) {
            Upsert(fleet, resource, vi, {}, now, seen);
        }
    }
}

void FindingIndex::RecomputeResource(const Fleet& fleet, const Resource& resource, int64_t now) {
    IndexVulnerabilities(fleet);
    std::vector<bool> seen(records_.size(), false);
    if (resource.Scanned()) {
        DerivePackageFindings(fleet, resource, now, &seen);
        DeriveScopedFindings(fleet, resource, now, &seen);
    }
    auto own = by_resource_.find(resource.id);
    if (own == by_resource_.end()) {
        return;
    }
    for (size_t idx : own->second) {
        FindingRecord& rec = records_[idx];
        if (!seen[idx] && rec.status != "CLOSED") {
            rec.status = "CLOSED";
            rec.updated_at = now;
        }
    }
}

void FindingIndex::RecomputeAll(const Fleet& fleet, int64_t now) {
    indexed_vulns_ = static_cast<size_t>(-1);
    IndexVulnerabilities(fleet);
    for (const auto& resource : fleet.resources) {
        RecomputeResource(fleet, resource, now);
    }
}

const std::vector<size_t>* FindingIndex::ForResource(const std::string& resource_id) const {
    auto it = by_resource_.find(resource_id);
    return it == by_resource_.end() ? nullptr : &it->second;
}

size_t FindingIndex::CountStatus(const std::string& status) const {
    size_t n = 0;
    for (const auto& rec : records_) {
        n += rec.status == status ? 1 : 0;
    }
    return n;
}

}  // namespace kensa::emulator
