#pragma once
// Findings are derived: software x vulnerabilities. Each (account, resource, vulnerability entry)
// gets a stable ARN; the finding lists every installed package the entry affects (its package
// and its also-packages). A finding whose cause disappears is kept as CLOSED; when the cause
// comes back the same ARN turns ACTIVE (or SUPPRESSED) again.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "model.h"

namespace kensa::emulator {

struct FindingRecord {
    std::string arn;
    std::string account_id;
    std::string region;
    std::string resource_id;
    ResourceType resource_type = ResourceType::kEc2Instance;
    size_t vuln_index = 0;  ///< into Fleet::vulnerabilities (append-only)
    /// vulnerablePackages as last observed (the entry's own package first); empty for
    /// CODE/NETWORK findings.
    std::vector<Package> packages;
    std::string status = "ACTIVE";  ///< ACTIVE | SUPPRESSED | CLOSED
    int64_t first_observed_at = 0;
    int64_t last_observed_at = 0;
    int64_t updated_at = 0;
};

/// "arn:aws:inspector2:REGION:ACCOUNT:finding/<32 hex of sha256(account|resource|vuln|pkg)>",
/// pkg being the vulnerability entry's own package (so the ARN survives its removal).
std::string FindingArn(const std::string& account_id,
                       const std::string& region,
                       const std::string& resource_id,
                       const std::string& vuln_id,
                       const std::string& package_name);

class FindingIndex {
public:
    /// Re-derives every finding (after a vulnerability changed).
    void RecomputeAll(const Fleet& fleet, int64_t now);
    /// Re-derives one resource's findings (after its software changed).
    void RecomputeResource(const Fleet& fleet, const Resource& resource, int64_t now);

    const std::vector<FindingRecord>& records() const { return records_; }
    /// Indexes into records() for one resource id, or nullptr.
    const std::vector<size_t>* ForResource(const std::string& resource_id) const;
    size_t CountStatus(const std::string& status) const;

private:
    void Upsert(const Fleet& fleet,
                const Resource& resource,
                size_t vuln_index,
                std::vector<Package> packages,
                int64_t now,
                std::vector<bool>* seen);
    void DerivePackageFindings(const Fleet& fleet,
                               const Resource& resource,
                               int64_t now,
                               std::vector<bool>* seen);
    void DeriveScopedFindings(const Fleet& fleet,
                              const Resource& resource,
                              int64_t now,
                              std::vector<bool>* seen);
    void IndexVulnerabilities(const Fleet& fleet);

    std::vector<FindingRecord> records_;
    std::unordered_map<std::string, size_t> by_arn_;
    std::unordered_map<std::string, std::vector<size_t>> by_resource_;
    /// Vulnerability entries by the name of their package and of each also-package.
    std::unordered_map<std::string, std::vector<size_t>> vulns_by_package_;
    std::vector<size_t> non_package_vulns_;
    size_t indexed_vulns_ = 0;
};

}  // namespace kensa::emulator
