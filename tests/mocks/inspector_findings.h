#pragma once
// Inspector findings shaped like ListFindings' answers, for tests of the use cases and handlers.

#include <string>

#include "kensa/ports/aws_api.h"

namespace kensa::testing {

/// An ACTIVE, HIGH PACKAGE_VULNERABILITY finding of `vuln` in OS package `pkg` 1.0 (fixed in
/// 1.1) on EC2 instance `instance` (Amazon Linux 2023), with CVSS v2 5.0 and v3.1 7.5 scores.
inline ports::Finding PackageFinding(std::string arn,
                                     std::string vuln,
                                     std::string pkg,
                                     std::string instance) {
    ports::Finding f;
    f.finding_arn = std::move(arn);
    f.type = "PACKAGE_VULNERABILITY";
    f.status = "ACTIVE";
    f.severity = "HIGH";
    f.title = vuln + " - " + pkg;
    f.vulnerability_id = std::move(vuln);
    f.cvss = {{5.0, "CVSS:2.0/x", "NVD", "2.0"}, {7.5, "CVSS:3.1/AV:N", "NVD", "3.1"}};
    f.epss_score = 0.25;
    f.exploit_available = "YES";
    f.vuln_source_url = "https://nvd.nist.gov/x";
    ports::VulnerablePackage p;
    p.name = std::move(pkg);
    p.version = "1.0";
    p.package_manager = "OS";
    p.fixed_in_version = "1.1";
    f.vulnerable_packages = {p};
    ports::FindingResource r;
    r.type = domain::ResourceType::kEc2Instance;
    r.id = std::move(instance);
    r.ec2_platform = "AMAZON_LINUX_2023";
    f.resources = {r};
    return f;
}

}  // namespace kensa::testing
