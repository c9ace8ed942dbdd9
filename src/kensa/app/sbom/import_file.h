#pragma once
// Use case: import an SBOM file from any tool into one server of a group (R18): `kensa import
// sbom --server ID FILE...` and the API upload. CycloneDX 1.2-1.6 (JSON or XML) and SPDX
// 2.2-2.3 (JSON or tag-value) stream through the file reader (ports/sbom_file.h) into one
// observation of source sbom_file: the files of one import together (an OS SBOM and an
// application's, say) replace what the server's previous SBOM files said, and nothing of its
// other sources. The vulnerabilities a CycloneDX file
// lists become detections, and the advisory database matches the packages after. Each import
// is one scan run of type sbom_file, failed ones included; a file that cannot be read changes
// nothing.

#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kensa/app/context.h"
#include "kensa/app/vuls/import_result.h"

namespace kensa::app {

struct SbomFileLimits {
    int64_t max_bytes = int64_t{256} << 20;  ///< the export reader's limit for one document
    int64_t max_components = 500000;         ///< held for the one transaction
};

/// One document of an import.
struct SbomDocumentSummary {
    std::string source;        ///< the file, or "the API upload of ..."
    std::string format;        ///< cyclonedx | spdx
    std::string spec_version;  ///< "1.5", "SPDX-2.3"
    std::string name;          ///< the document's subject
    int64_t components = 0;    ///< components (CycloneDX, nested ones too) or packages (SPDX)
};

struct SbomFileImportResult {
    domain::Id run_id = 0;
    domain::Id server_id = 0;
    std::string format;        ///< of the first document
    std::string spec_version;  ///< of the first document
    std::string name;          ///< of the first document
    int64_t components = 0;    ///< in all the documents
    std::vector<SbomDocumentSummary> documents;
    int64_t software = 0;  ///< distinct software rows they made
    int64_t vulnerabilities = 0;
    ports::ScanApplyStats applied;
    ports::ScanApplyStats advisory_applied;
};

class SbomFileImport {
public:
    /// `server_id` must be a server of the group (kNotFound otherwise, as for an unknown one).
    SbomFileImport(const AppContext& ctx,
                   domain::Id group_id,
                   domain::Id server_id,
                   domain::ScanTrigger trigger,
                   std::string source,
                   AdvisoryIndexOnce& advisories,
                   SbomFileLimits limits = {});
    ~SbomFileImport();
    SbomFileImport(const SbomFileImport&) = delete;
    SbomFileImport& operator=(const SbomFileImport&) = delete;

    /// Reads the next bytes of the current document; the first error is kept and returned by
    /// Finish too.
    Status Feed(std::string_view chunk);
    /// Ends the current document and starts the next, from `source`, of the same import.
    Status NextDocument(std::string source);
    /// Imports the file. kInvalidInput names what is wrong with an unusable file (recorded as
    /// a failed run, nothing else changed).
    Result<SbomFileImportResult> Finish();

private:
    struct State;
    Result<SbomFileImportResult> Import();

    const AppContext& ctx_;
    domain::Id group_id_;
    domain::Id server_id_;
    domain::ScanTrigger trigger_;
    std::string source_;
    AdvisoryIndexOnce& advisories_;
    SbomFileLimits limits_;
    std::unique_ptr<State> state_;
};

/// Files read from streams (the CLI), each in chunks of 1 MiB, as one import: (source, stream)
/// pairs, at least one.
Result<SbomFileImportResult> ImportSbomStreams(
    const AppContext& ctx,
    domain::Id group_id,
    domain::Id server_id,
    domain::ScanTrigger trigger,
    const std::vector<std::pair<std::string, std::istream*>>& files,
    AdvisoryIndexOnce& advisories);

}  // namespace kensa::app
