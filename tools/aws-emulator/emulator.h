#pragma once
// The emulated AWS endpoint: authenticates every request, applies faults, routes to the service
// handlers (one .cpp per service) and owns all state behind one shared_mutex.
// No HTTP library here: server.cpp adapts cpp-httplib to Handle().

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth.h"
#include "faults.h"
#include "findings.h"
#include "kensa/aws/sigv4/signer.h"
#include "kensa/common/clock.h"
#include "model.h"
#include "protocol.h"

namespace kensa::emulator {

struct S3Object {
    std::string data;
    std::string content_type = "application/octet-stream";
    std::string etag;  ///< quoted MD5-like hex
    int64_t last_modified = 0;
    std::string kms_key_arn;  ///< SSE-KMS key, empty for SSE-S3
};

struct SbomExport {
    std::string report_id;
    std::string account_id;
    std::string format;  ///< CYCLONEDX_1_4 | SPDX_2_3
    std::string bucket;
    std::string key_prefix;
    std::string kms_key_arn;
    std::string filter_json;  ///< resourceFilterCriteria as sent
    std::string status = "IN_PROGRESS";
    std::string error_code;
    std::string error_message;
    int64_t created_at = 0;
    int64_t complete_at = 0;
    std::string forced_failure;  ///< fault-injected errorCode
};

class Emulator {
public:
    /// `wall_clock` is what clients sign with; the emulator clock is wall time plus an offset
    /// that /_emulator/clock can advance (session expiry, export progress, finding times).
    Emulator(Fleet fleet, const Clock& wall_clock, uint64_t seed);

    /// Serves one request. req.path and req.query are raw (still percent-encoded).
    Response Handle(const aws::HttpRequest& req);

    int64_t Now() const;
    void AdvanceClock(int64_t seconds) { clock_offset_ += seconds; }
    const std::string& region() const { return region_; }
    FaultTable& faults() { return faults_; }

private:
    Service Route(const aws::HttpRequest& req, const ScopeInfo& scope) const;
    std::string OperationName(Service service, const aws::HttpRequest& req) const;
    std::optional<KeyInfo> LookupKey(const std::string& access_key_id) const;
    void AdvanceExports();

    // One file each.
    Response HandleInspector2(const std::string& op,
                              const aws::HttpRequest& req,
                              const Principal& caller);
    Response HandleLambda(const std::string& op,
                          const aws::HttpRequest& req,
                          const Principal& caller);
    Response HandleSts(const std::string& op, const aws::HttpRequest& req, const Principal& caller);
    Response HandleS3(const std::string& op, const aws::HttpRequest& req, const Principal& caller);
    Response HandleControl(const aws::HttpRequest& req);

    // inspector2 operations (inspector2.cpp / sbom_export.cpp)
    Response ListFindings(const std::string& body, const Principal& caller);
    Response ListCoverage(const std::string& body, const Principal& caller);
    Response BatchGetAccountStatus(const std::string& body, const Principal& caller);
    Response CreateSbomExport(const std::string& body, const Principal& caller);
    Response GetSbomExport(const std::string& body, const Principal& caller);
    Response CancelSbomExport(const std::string& body, const Principal& caller);
    void RunExport(SbomExport* job);  ///< writes the documents (mu_ held exclusively)
    /// The ConflictException for a CreateSbomExport while the account already runs as many
    /// exports as settings.sbomExportsAtOnce allows (mu_ held).
    std::optional<AwsError> RunningExport(const std::string& account_id) const;

    const Resource* ResourceById(const std::string& id) const;
    void ReindexResources();
    /// Emulator-side mutation helpers for the control API (mu_ held exclusively).
    void AfterSoftwareChange(const Resource& resource);

    // s3 helpers (s3.cpp)
    std::string BucketFromRequest(const aws::HttpRequest& req, std::string* key) const;

    const Clock& wall_clock_;
    std::atomic<int64_t> clock_offset_{0};
    std::string region_;
    FaultTable faults_;
    std::atomic<uint64_t> request_counter_{0};

    mutable std::shared_mutex mu_;  // guards everything below
    Fleet fleet_;
    FindingIndex findings_;
    std::unordered_map<std::string, size_t> resource_by_id_;
    std::map<std::string, Session> sessions_;                         ///< by access key id
    std::map<std::string, std::map<std::string, S3Object>> objects_;  ///< bucket -> key -> obj
    std::map<std::string, SbomExport> exports_;
    std::atomic<int> pending_exports_{0};
};

}  // namespace kensa::emulator
