#pragma once
// inspector2 over rest-json (every operation kensa uses is POST with a JSON body).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kensa/aws/client_core.h"
#include "kensa/ports/aws_api.h"

namespace kensa::aws {

/// Receives one raw response body of a paginated call; false stops paging.
using RawPageFn = std::function<bool(const std::string& body)>;

class Inspector2Client final : public ports::InspectorApi {
public:
    explicit Inspector2Client(ServiceContext context);

    Status ListFindings(const ports::FindingFilter& filter,
                        const ports::FindingPageFn& on_page) override;
    Status ListCoverage(const ports::CoverageFilter& filter,
                        const ports::CoveragePageFn& on_page) override;
    Result<std::vector<ports::AccountState>> BatchGetAccountStatus(
        const std::vector<std::string>& account_ids) override;
    Result<std::string> CreateSbomExport(const ports::SbomExportRequest& request) override;
    Result<ports::SbomExportStatus> GetSbomExport(const std::string& report_id) override;
    Status CancelSbomExport(const std::string& report_id) override;

    /// For `kensa aws`: pages ListFindings / ListCoverage with a raw filterCriteria JSON object
    /// ("" = none), handing each response body over unparsed. kInvalidInput for bad JSON.
    Status ListFindingsRaw(const std::string& filter_criteria_json, const RawPageFn& on_page);
    Status ListCoverageRaw(const std::string& filter_criteria_json, const RawPageFn& on_page);
    /// The raw BatchGetAccountStatus response body.
    Result<std::string> BatchGetAccountStatusRaw(const std::vector<std::string>& account_ids);

private:
    /// POSTs `body_json` to `path`, following nextToken; `handle` gets each body and must set
    /// *next_token ("" = last page) and return whether to continue.
    using PageHandler =
        std::function<Result<bool>(const std::string& body, std::string* next_token)>;
    Status Paginate(const std::string& operation,
                    const std::string& path,
                    const std::string& body_json,
                    int max_results,
                    const PageHandler& handle);
    Result<std::string> Post(const std::string& operation,
                             const std::string& path,
                             const std::string& body);

    AwsServiceClient client_;
};

namespace inspector2 {

/// Parses a ListFindings response (simdjson; the hot path). Findings that are not objects are
/// skipped; a body that is not a JSON object, or findings that are not an array, is kInternal.
Status ParseFindingsPage(std::string_view body,
                         std::vector<ports::Finding>* findings,
                         std::string* next_token);
/// Parses a ListCoverage response, same tolerance rules.
Status ParseCoveragePage(std::string_view body,
                         std::vector<ports::CoveredResource>* resources,
                         std::string* next_token);
/// Extracts only nextToken ("" when absent/null/not a string).
Status ParseNextToken(std::string_view body, std::string* next_token);

/// The JSON request bodies' filter objects (exposed for tests).
std::string FindingFilterJson(const ports::FindingFilter& filter);
std::string CoverageFilterJson(const ports::CoverageFilter& filter);

}  // namespace inspector2

}  // namespace kensa::aws
