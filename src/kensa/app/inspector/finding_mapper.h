#pragma once
// Maps Inspector findings (ports::Finding) of one server into a domain::ScanObservation
// (R4, R8): vulnerabilities, software from vulnerablePackages, and detections keyed by
// findingArn. NETWORK_REACHABILITY findings are kept apart; CLOSED findings are vanished.
// Pure: no I/O. Pages are added as they stream in, so memory is bounded by the server's
// active findings, not by the account's.

#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "kensa/domain/resource_match.h"
#include "kensa/domain/scan_reconcile.h"
#include "kensa/ports/aws_api.h"
#include "kensa/ports/store.h"

namespace kensa::app {

class FindingMapper {
public:
    /// `server` is the server being scanned, the only one in the index: a finding whose
    /// resources it does not match (R16) is ignored.
    explicit FindingMapper(domain::ResourceIndex server) : servers_(std::move(server)) {}

    void Add(const ports::Finding& finding);

    int64_t findings_seen() const { return findings_seen_; }
    int64_t findings_ignored() const { return findings_ignored_; }
    /// Moves the accumulated observation out.
    domain::ScanObservation TakeObservation();
    std::vector<ports::NetworkFinding> TakeNetworkFindings() { return std::move(network_); }

private:
    void AddVulnerability(const ports::Finding& f, const std::string& id);

    domain::ResourceIndex servers_;
    domain::ScanObservation observation_;
    std::vector<ports::NetworkFinding> network_;
    std::unordered_set<std::string> vulnerability_ids_;
    int64_t findings_seen_ = 0;
    int64_t findings_ignored_ = 0;
};

/// Software type and purl ecosystem for an Inspector packageManager value.
domain::SoftwareType SoftwareTypeFor(const std::string& package_manager);
std::string EcosystemFor(const std::string& package_manager, const std::string& platform);

}  // namespace kensa::app
