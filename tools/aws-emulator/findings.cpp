#include "findings.h"

#include "kensa/common/crypto.h"
#include "versions.h"

namespace kensa::emulator {

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
        } else {
            vulns_by_package_[v.package_name].push_back(i);
        }
    }
    indexed_vulns_ = fleet.vulnerabilities.size();
}

void FindingIndex::Upsert(const Fleet& fleet,
                          const Resource& resource,
                          size_t vuln_index,
                          const Package* pkg,
                          int64_t now,
                          std::vector<bool>* seen) {
    const Vulnerability& vuln = fleet.vulnerabilities[vuln_index];
    std::string pkg_name = pkg != nullptr ? pkg->name : std::string();
    std::string arn =
        FindingArn(resource.account_id, resource.region, resource.id, vuln.id, pkg_name);
    auto it = by_arn_.find(arn);
    if (it == by_arn_.end()) {
        FindingRecord rec;
        rec.arn = arn;
        rec.account_id = resource.account_id;
        rec.region = resource.region;
        rec.resource_id = resource.id;
        rec.resource_type = resource.type;
        rec.vuln_index = vuln_index;
        if (pkg != nullptr) {
            rec.package = *pkg;
        }
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
    bool changed =
        rec.status != "ACTIVE" || (pkg != nullptr && FullVersion(rec.package) != FullVersion(*pkg));
    if (pkg != nullptr) {
        rec.package = *pkg;
    }
    if (changed) {
        rec.status = "ACTIVE";
        rec.last_observed_at = now;
        rec.updated_at = now;
    }
}

void FindingIndex::RecomputeResource(const Fleet& fleet, const Resource& resource, int64_t now) {
    IndexVulnerabilities(fleet);
    std::vector<bool> seen(records_.size(), false);
    for (const auto& pkg : resource.packages) {
        auto it = vulns_by_package_.find(pkg.name);
        if (it == vulns_by_package_.end()) {
            continue;
        }
        for (size_t vi : it->second) {
            const Vulnerability& vuln = fleet.vulnerabilities[vi];
            if (!vuln.closed && Affects(vuln, resource, pkg)) {
                Upsert(fleet, resource, vi, &pkg, now, &seen);
            }
        }
    }
    for (size_t vi : non_package_vulns_) {
        const Vulnerability& vuln = fleet.vulnerabilities[vi];
        bool scoped = false;
        for (const auto& id : vuln.resource_ids) {
            scoped = scoped || id == resource.id || id == resource.instance_id ||
                     id == resource.function_name || id == resource.Arn();
        }
        if (!vuln.closed && scoped) {
            Upsert(fleet, resource, vi, nullptr, now, &seen);
        }
    }
    auto own = by_resource_.find(resource.id);
    if (own == by_resource_.end()) {
        return;
    }
    for (size_t idx : own->second) {
        FindingRecord& rec = records_[idx];
        if (!seen[idx] && rec.status == "ACTIVE") {
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
