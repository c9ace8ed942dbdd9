#pragma once
// Use case: import the SBOM documents of one resource (R16, R17). The documents stream from S3
// through the SBOM reader (ports/sbom_reader.h) straight into one observation, which the store
// reconciles in one transaction: the server's software and detections then say what the
// documents say, and nothing else. A document that cannot be used leaves the resource as the
// previous import stored it.

#include <optional>
#include <string>
#include <vector>

#include "kensa/app/inventory/software_facts.h"
#include "kensa/app/sbom/component_software.h"
#include "kensa/domain/model.h"
#include "kensa/ports/aws_api.h"
#include "kensa/ports/sbom_reader.h"
#include "kensa/ports/scan_store.h"

namespace kensa::app {

/// One export object to import, and the Lambda function it describes on a pseudo server.
struct SbomObject {
    std::string key;
    std::optional<domain::Id> lambda_function_id;
};

struct SbomImportLimits {
    int64_t max_object_bytes = int64_t{256} << 20;  ///< a larger document is skipped, not read
    /// A resource's software is reconciled in one transaction, so it is held in memory; a
    /// resource listing more components is skipped with the reason (its previous SBOM is kept).
    int64_t max_components_per_resource = 500000;
};

struct SbomImportResult {
    bool imported = false;  ///< false: skipped (see `skipped`), nothing changed
    std::vector<domain::SkippedResource> skipped;  ///< every document not imported, with why
    int64_t components = 0;
    std::vector<std::string> keys;  ///< the documents imported
    ports::ScanApplyStats applied;
};

/// The comment a task gets when its server moves under SBOM management (R13).
extern const char* const kSbomTakeoverComment;

class SbomResourceImport {
public:
    SbomResourceImport(ports::ScanStore& store,
                       ports::S3Api& s3,
                       const ports::SbomExportFormat& format,
                       SbomImportLimits limits,
                       ClassifyCache& classes,
                       const EolKnowledge* knowledge = nullptr)
        : store_(store),
          s3_(s3),
          format_(format),
          limits_(limits),
          classes_(classes),
          knowledge_(knowledge) {}

    /// Imports `objects` of `settings.bucket` as the SBOM of `server` (scoped to one Lambda
    /// function when `lambda_scope` is set), observed at `observed_at`. Returns the run's
    /// error when the job cannot go on (S3 refuses kensa, the store fails); a document that is
    /// unreadable, too large or about another resource skips the resource instead.
    std::optional<domain::ScanError> Import(const domain::Server& server,
                                            const domain::SbomExportSettings& settings,
                                            const std::vector<SbomObject>& objects,
                                            std::optional<domain::Id> lambda_scope,
                                            domain::EpochSeconds observed_at,
                                            SbomImportResult* result);

private:
    struct Document;
    /// Reads one document into the observation; the reason it cannot be used otherwise.
    std::optional<std::string> Read(const std::string& bucket,
                                    const SbomObject& object,
                                    Document& doc,
                                    std::optional<domain::ScanError>* fatal,
                                    const domain::SbomExportSettings& settings);

    ports::ScanStore& store_;
    ports::S3Api& s3_;
    const ports::SbomExportFormat& format_;
    SbomImportLimits limits_;
    ClassifyCache& classes_;
    const EolKnowledge* knowledge_;  ///< describes the rows (licenses, EOL) when set
};

}  // namespace kensa::app
