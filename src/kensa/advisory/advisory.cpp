#include "kensa/advisory/advisory.h"

#include <algorithm>

namespace kensa::advisory {

std::vector<std::string> Advisory::VulnerabilityIds() const {
    std::vector<std::string> cves;
    auto add_cve = [&](const std::string& v) {
        if (v.rfind("CVE-", 0) == 0 && std::find(cves.begin(), cves.end(), v) == cves.end()) {
            cves.push_back(v);
        }
    };
    add_cve(id);
    for (const auto& a : aliases) {
        add_cve(a);
    }
    // `related` names other vulnerabilities; only a record with no CVE of its own (AlmaLinux,
    // Rocky: the advisory fixes the related CVEs) stands for them.
    if (cves.empty()) {
        for (const auto& r : related) {
            add_cve(r);
        }
    }
    if (!cves.empty()) {
        return cves;
    }
    for (const auto& a : aliases) {
        if (a.rfind("GHSA-", 0) == 0) {
            return {a};
        }
    }
    return {id};
}

}  // namespace kensa::advisory
