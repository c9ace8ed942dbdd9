#pragma once
// Use case: import one Vuls result into a group (R19), however it arrives: `kensa import vuls`,
// the API upload, `vuls report -to-http`, a `vuls saas` PutObject or the watched directory.
//
// The result streams through the Vuls reader into one observation; the server it describes is
// found by its identity (domain::IdentifyVulsServer) or registered; one transaction reconciles
// its software, detections and tasks as a scan of source vuls does (a CVE gone sets
// PATCH_APPLIED, one back reopens its task); the host row records the OS, kernel, addresses and
// platform; and the packages are matched against the advisory database, which for a scan-stage
// result (no scannedCves) is what finds its vulnerabilities. Each import is one scan run of type
// vuls, failed ones included. A result that cannot be read changes nothing.

#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kensa/advisory/index.h"
#include "kensa/app/context.h"
#include "kensa/domain/vuls_host.h"
#include "kensa/ports/vuls_result.h"

namespace kensa::app {

struct VulsImportLimits {
    int64_t max_bytes = int64_t{256} << 20;  ///< a larger result is refused, not read
    int64_t max_components = 500000;         ///< packages plus libraries of one result
    ports::vuls::ReadLimits read;
};

struct VulsImportResult {
    domain::Id run_id = 0;
    domain::Id server_id = 0;
    std::string server_name;
    bool created = false;  ///< the result registered its server
    domain::VulsIdentity identified_by = domain::VulsIdentity::kServerName;
    std::string family;
    std::string release;
    int64_t packages = 0;
    int64_t src_packages = 0;
    int64_t library_scanners = 0;
    int64_t software = 0;                    ///< rows: packages plus libraries
    int64_t cves = 0;                        ///< scannedCves
    ports::ScanApplyStats applied;           ///< Vuls's own software and detections
    ports::ScanApplyStats advisory_applied;  ///< the advisory match that followed
};

/// Where the advisory index comes from: loaded on first need, at most once per importer.
class AdvisoryIndexOnce {
public:
    explicit AdvisoryIndexOnce(ports::Store& store) : store_(store) {}
    Result<const advisory::AdvisoryIndex*> Get();

private:
    ports::Store& store_;
    std::unique_ptr<advisory::AdvisoryIndex> index_;
};

/// One result, fed in chunks. `source` says where it came from in the scan history and errors
/// ("results/web1.json", "vuls report -to-http", an S3 key).
class VulsResultImport {
public:
    VulsResultImport(const AppContext& ctx,
                     domain::Id group_id,
                     domain::ScanTrigger trigger,
                     std::string source,
                     AdvisoryIndexOnce& advisories,
                     VulsImportLimits limits = {});
    ~VulsResultImport();
    VulsResultImport(const VulsResultImport&) = delete;
    VulsResultImport& operator=(const VulsResultImport&) = delete;

    /// Reads the next bytes. The first error (unreadable, too large) is kept and returned by
    /// Finish too; the caller may stop feeding.
    Status Feed(std::string_view chunk);
    /// Imports the result. kInvalidInput names what is wrong with an unusable result (recorded
    /// as a failed run, nothing else changed).
    Result<VulsImportResult> Finish();

private:
    struct State;
    Result<VulsImportResult> Import();
    Status RecordFailure(const Error& error);

    const AppContext& ctx_;
    domain::Id group_id_;
    domain::ScanTrigger trigger_;
    std::string source_;
    AdvisoryIndexOnce& advisories_;
    VulsImportLimits limits_;
    std::unique_ptr<State> state_;
};

/// A result read from `in` (a file), 1 MiB at a time; kInvalidInput when it cannot be read.
Result<VulsImportResult> ImportVulsStream(const AppContext& ctx,
                                          domain::Id group_id,
                                          domain::ScanTrigger trigger,
                                          const std::string& source,
                                          std::istream& in,
                                          AdvisoryIndexOnce& advisories);

/// The whole result at once.
Result<VulsImportResult> ImportVulsResult(const AppContext& ctx,
                                          domain::Id group_id,
                                          domain::ScanTrigger trigger,
                                          const std::string& source,
                                          std::string_view body,
                                          AdvisoryIndexOnce& advisories);

}  // namespace kensa::app
