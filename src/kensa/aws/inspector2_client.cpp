#include "kensa/aws/inspector2_client.h"

#include <nlohmann/json.hpp>

#include "kensa/aws/inspector2_names.h"

namespace kensa::aws {

namespace {

using nlohmann::json;

constexpr int kFindingsPageSize = 100;  // ListFindings maxResults 1..100
constexpr int kCoveragePageSize = 200;  // ListCoverage maxResults 1..200

void AddFilters(json* criteria, const char* key, const std::vector<ports::StringFilter>& filters) {
    if (filters.empty()) {
        return;
    }
    json list = json::array();
    for (const auto& filter : filters) {
        list.push_back({{"comparison", WireName(filter.comparison)}, {"value", filter.value}});
    }
    (*criteria)[key] = std::move(list);
}

void AddFilters(json* criteria, const char* key, const std::vector<domain::ResourceType>& types) {
    std::vector<ports::StringFilter> filters;
    for (auto type : types) {
        if (type != domain::ResourceType::kOther) {
            filters.push_back(ports::Equals(std::string(WireName(type))));
        }
    }
    AddFilters(criteria, key, filters);
}

std::string Text(const json& object, const char* key) {
    if (!object.is_object()) {
        return {};
    }
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& Member(const json& object, const char* key) {
    static const json kNull;
    if (!object.is_object()) {
        return kNull;
    }
    auto it = object.find(key);
    return it == object.end() ? kNull : *it;
}

Result<json> ParseObject(const std::string& body, const std::string& action) {
    json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object()) {
        return Error(ErrorCode::kInternal, action + ": response is not a JSON object")
            .With("aws_action", action);
    }
    return parsed;
}

ports::AccountState ParseAccount(const json& item) {
    ports::AccountState state;
    state.account_id = Text(item, "accountId");
    const json& account_state = Member(item, "state");
    state.status = Text(account_state, "status");
    state.error_code = Text(account_state, "errorCode");
    state.error_message = Text(account_state, "errorMessage");
    const json& resources = Member(item, "resourceState");
    state.ec2_status = Text(Member(resources, "ec2"), "status");
    state.ecr_status = Text(Member(resources, "ecr"), "status");
    state.lambda_status = Text(Member(resources, "lambda"), "status");
    state.lambda_code_status = Text(Member(resources, "lambdaCode"), "status");
    return state;
}

Result<json> CriteriaFromText(const std::string& text) {
    if (text.empty()) {
        return json::object();
    }
    json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object()) {
        return Error(ErrorCode::kInvalidInput, "filter criteria must be a JSON object");
    }
    return parsed;
}

// Every filter criterion takes 1 to 10 values (StringFilterList and its kin in the model);
// AWS refuses 11 with a 400. Callers chunk their lists; a request that did not is a kensa bug,
// caught before it leaves. Checked on the request body as built, before it is serialised.
Status CheckCriteriaSizes(const std::string& operation, const json& parsed) {
    for (const char* key : {"filterCriteria", "resourceFilterCriteria"}) {
        const json& criteria = Member(parsed, key);
        if (!criteria.is_object()) {
            continue;
        }
        for (const auto& [name, values] : criteria.items()) {
            if (values.is_array() && values.size() > ports::kMaxFilterValues) {
                return Error(ErrorCode::kInternal,
                             operation + ": " + key + "." + name + " has " +
                                 std::to_string(values.size()) +
                                 " values; Inspector takes at most " +
                                 std::to_string(ports::kMaxFilterValues));
            }
        }
    }
    return Ok();
}

std::string RequestBody(const json& criteria) {
    json body = json::object();
    if (!criteria.empty()) {
        body["filterCriteria"] = criteria;
    }
    return body.dump();
}

}  // namespace

namespace inspector2 {

std::string FindingFilterJson(const ports::FindingFilter& filter) {
    json criteria = json::object();
    AddFilters(&criteria, "resourceId", filter.resource_id);
    AddFilters(&criteria, "resourceType", filter.resource_type);
    AddFilters(&criteria, "findingStatus", filter.finding_status);
    AddFilters(&criteria, "findingType", filter.finding_type);
    AddFilters(&criteria, "awsAccountId", filter.aws_account_id);
    AddFilters(&criteria, "ecrImageRepositoryName", filter.ecr_image_repository_name);
    AddFilters(&criteria, "ecrImageTags", filter.ecr_image_tags);
    AddFilters(&criteria, "lambdaFunctionName", filter.lambda_function_name);
    AddFilters(&criteria, "vulnerabilityId", filter.vulnerability_id);
    return criteria.dump();
}

std::string CoverageFilterJson(const ports::CoverageFilter& filter) {
    json criteria = json::object();
    AddFilters(&criteria, "resourceType", filter.resource_type);
    AddFilters(&criteria, "resourceId", filter.resource_id);
    AddFilters(&criteria, "accountId", filter.account_id);
    AddFilters(&criteria, "scanType", filter.scan_type);
    return criteria.dump();
}

}  // namespace inspector2

Inspector2Client::Inspector2Client(ServiceContext context) : client_(std::move(context)) {}

Result<std::string> Inspector2Client::Post(const std::string& operation,
                                           const std::string& path,
                                           const std::string& body) {
    OperationRequest request;
    request.operation = operation;
    request.http.method = "POST";
    request.http.path = path;
    request.http.SetHeader("Content-Type", "application/json");
    request.http.body = body;
    KENSA_ASSIGN_OR_RETURN(HttpResponse response, client_.Call(request));
    return std::move(response.body);
}

Status Inspector2Client::Paginate(const std::string& operation,
                                  const std::string& path,
                                  const std::string& body_json,
                                  int max_results,
                                  const PageHandler& handle) {
    json body = json::parse(body_json, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object()) {
        return Error(ErrorCode::kInvalidInput, "request body must be a JSON object");
    }
    KENSA_TRY(CheckCriteriaSizes(operation, body));
    body["maxResults"] = max_results;
    std::string token;
    for (int pages = 0;; ++pages) {
        KENSA_TRY(client_.CheckPageCount(operation, pages));
        if (!token.empty()) {
            body["nextToken"] = token;
        }
        KENSA_ASSIGN_OR_RETURN(std::string page, Post(operation, path, body.dump()));
        std::string next;
        auto more = handle(page, &next);
        if (!more.ok()) {
            return Error(more.error()).With("aws_action", client_.Action(operation));
        }
        if (!*more || next.empty()) {
            return Ok();
        }
        if (next == token) {
            // A server that hands back the token it was given would page forever.
            return Error(ErrorCode::kInternal, operation + ": nextToken did not advance")
                .With("aws_action", client_.Action(operation));
        }
        token = std::move(next);
    }
}

Status Inspector2Client::ListFindings(const ports::FindingFilter& filter,
                                      const ports::FindingPageFn& on_page) {
    json criteria = json::parse(inspector2::FindingFilterJson(filter));
    return Paginate("ListFindings",
                    "/findings/list",
                    RequestBody(criteria),
                    kFindingsPageSize,
                    [&](const std::string& body, std::string* next) -> Result<bool> {
                        std::vector<ports::Finding> findings;
                        KENSA_TRY(inspector2::ParseFindingsPage(body, &findings, next));
                        return on_page(std::move(findings));
                    });
}

Status Inspector2Client::ListCoverage(const ports::CoverageFilter& filter,
                                      const ports::CoveragePageFn& on_page) {
    json criteria = json::parse(inspector2::CoverageFilterJson(filter));
    return Paginate("ListCoverage",
                    "/coverage/list",
                    RequestBody(criteria),
                    kCoveragePageSize,
                    [&](const std::string& body, std::string* next) -> Result<bool> {
                        std::vector<ports::CoveredResource> resources;
                        KENSA_TRY(inspector2::ParseCoveragePage(body, &resources, next));
                        return on_page(std::move(resources));
                    });
}

Status Inspector2Client::ListFindingsRaw(const std::string& filter_criteria_json,
                                         const RawPageFn& on_page) {
    KENSA_ASSIGN_OR_RETURN(json criteria, CriteriaFromText(filter_criteria_json));
    return Paginate("ListFindings",
                    "/findings/list",
                    RequestBody(criteria),
                    kFindingsPageSize,
                    [&](const std::string& body, std::string* next) -> Result<bool> {
                        KENSA_TRY(inspector2::ParseNextToken(body, next));
                        return on_page(body);
                    });
}

Status Inspector2Client::ListCoverageRaw(const std::string& filter_criteria_json,
                                         const RawPageFn& on_page) {
    KENSA_ASSIGN_OR_RETURN(json criteria, CriteriaFromText(filter_criteria_json));
    return Paginate("ListCoverage",
                    "/coverage/list",
                    RequestBody(criteria),
                    kCoveragePageSize,
                    [&](const std::string& body, std::string* next) -> Result<bool> {
                        KENSA_TRY(inspector2::ParseNextToken(body, next));
                        return on_page(body);
                    });
}

Result<std::string> Inspector2Client::BatchGetAccountStatusRaw(
    const std::vector<std::string>& account_ids) {
    json body = json::object();
    if (!account_ids.empty()) {
        body["accountIds"] = account_ids;
    }
    return Post("BatchGetAccountStatus", "/status/batch/get", body.dump());
}

Result<std::vector<ports::AccountState>> Inspector2Client::BatchGetAccountStatus(
    const std::vector<std::string>& account_ids) {
    KENSA_ASSIGN_OR_RETURN(std::string body, BatchGetAccountStatusRaw(account_ids));
    KENSA_ASSIGN_OR_RETURN(json parsed, ParseObject(body, client_.Action("BatchGetAccountStatus")));
    std::vector<ports::AccountState> states;
    const json& accounts = Member(parsed, "accounts");
    if (accounts.is_array()) {
        for (const json& item : accounts) {
            if (item.is_object()) {
                states.push_back(ParseAccount(item));
            }
        }
    }
    const json& failed = Member(parsed, "failedAccounts");
    if (failed.is_array()) {
        for (const json& item : failed) {
            if (!item.is_object()) {
                continue;
            }
            ports::AccountState state;
            state.account_id = Text(item, "accountId");
            state.status = Text(item, "status");
            state.error_code = Text(item, "errorCode");
            state.error_message = Text(item, "errorMessage");
            states.push_back(std::move(state));
        }
    }
    return states;
}

Result<std::string> Inspector2Client::CreateSbomExport(const ports::SbomExportRequest& request) {
    json destination = {{"bucketName", request.bucket_name}, {"kmsKeyArn", request.kms_key_arn}};
    if (!request.key_prefix.empty()) {
        destination["keyPrefix"] = request.key_prefix;
    }
    json criteria = json::object();
    AddFilters(&criteria, "resourceId", request.resource_id);
    AddFilters(&criteria, "resourceType", request.resource_type);
    AddFilters(&criteria, "ecrRepositoryName", request.ecr_repository_name);
    AddFilters(&criteria, "ecrImageTags", request.ecr_image_tags);
    AddFilters(&criteria, "lambdaFunctionName", request.lambda_function_name);
    AddFilters(&criteria, "accountId", request.account_id);
    json body = {{"reportFormat", request.report_format}, {"s3Destination", destination}};
    if (!criteria.empty()) {
        body["resourceFilterCriteria"] = criteria;
    }
    KENSA_TRY(CheckCriteriaSizes("CreateSbomExport", body));
    KENSA_ASSIGN_OR_RETURN(std::string response,
                           Post("CreateSbomExport", "/sbomexport/create", body.dump()));
    KENSA_ASSIGN_OR_RETURN(json parsed, ParseObject(response, client_.Action("CreateSbomExport")));
    std::string report_id = Text(parsed, "reportId");
    if (report_id.empty()) {
        return Error(ErrorCode::kInternal, "CreateSbomExport response lacks reportId")
            .With("aws_action", client_.Action("CreateSbomExport"));
    }
    return report_id;
}

Result<ports::SbomExportStatus> Inspector2Client::GetSbomExport(const std::string& report_id) {
    json body = {{"reportId", report_id}};
    KENSA_ASSIGN_OR_RETURN(std::string response,
                           Post("GetSbomExport", "/sbomexport/get", body.dump()));
    KENSA_ASSIGN_OR_RETURN(json parsed, ParseObject(response, client_.Action("GetSbomExport")));
    ports::SbomExportStatus status;
    status.report_id = Text(parsed, "reportId");
    status.format = Text(parsed, "format");
    status.status = Text(parsed, "status");
    status.error_code = Text(parsed, "errorCode");
    status.error_message = Text(parsed, "errorMessage");
    status.state = SbomExportStateFromWire(status.status);
    status.failure = SbomExportFailureFromWire(status.error_code);
    const json& destination = Member(parsed, "s3Destination");
    status.bucket_name = Text(destination, "bucketName");
    status.key_prefix = Text(destination, "keyPrefix");
    status.kms_key_arn = Text(destination, "kmsKeyArn");
    if (status.status.empty()) {
        return Error(ErrorCode::kInternal, "GetSbomExport response lacks status")
            .With("aws_action", client_.Action("GetSbomExport"));
    }
    return status;
}

Status Inspector2Client::CancelSbomExport(const std::string& report_id) {
    json body = {{"reportId", report_id}};
    KENSA_ASSIGN_OR_RETURN(std::string response,
                           Post("CancelSbomExport", "/sbomexport/cancel", body.dump()));
    (void)response;
    return Ok();
}

}  // namespace kensa::aws
