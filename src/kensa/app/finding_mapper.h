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

#include "kensa/domain/scan_reconcile.h"
#include "kensa/ports/aws_api.h"
#include "kensa/ports/store.h"

namespace kensa::app {

/// Which finding resources belong to the server being scanned. Returns nullopt to skip the
/// resource; for Lambda, the registered function's id.
struct ResourceMatch {
    std::optional<domain::Id> lambda_function_id;
};
using ResourceMatcher = std::function<std::optional<ResourceMatch>(const ports::FindingResource&)>;

class FindingMapper {
public:
    explicit FindingMapper(ResourceMatcher matcher) : matcher_(std::move(matcher)) {}

    void Add(const ports::Finding& finding);

    int64_t findings_seen() const { return findings_seen_; }
    int64_t findings_ignored() const { return findings_ignored_; }
    /// Moves the accumulated observation out.
    domain::ScanObservation TakeObservation();
    std::vector<ports::NetworkFinding> TakeNetworkFindings() { return std::move(network_); }

private:
    void AddVulnerability(const ports::Finding& f, const std::string& id);

    ResourceMatcher matcher_;
    domain::ScanObservation observation_;
    std::vector<ports::NetworkFinding> network_;
    std::unordered_set<std::string> vulnerability_ids_;
    int64_t findings_seen_ = 0;
    int64_t findings_ignored_ = 0;
};

/// Software type and purl ecosystem for an Inspector packageManager value.
domain::SoftwareType SoftwareTypeFor(const std::string& package_manager);
std::string EcosystemFor(const std::string& package_manager, const std::string& platform);
/// "arn:aws:lambda:r:a:function:name:$LATEST" -> "arn:aws:lambda:r:a:function:name".
std::string UnqualifiedLambdaArn(const std::string& arn);

}  // namespace kensa::app
