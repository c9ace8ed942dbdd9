// inspector2 (rest-json): ListFindings, ListCoverage, BatchGetAccountStatus and dispatch.
// SBOM export operations live in sbom_export.cpp.

#include <algorithm>
#include <mutex>
#include <set>

#include "emulator.h"
#include "iam.h"
#include "inspector2_json.h"
#include "kensa/common/strings.h"
#include "model_validation.h"

namespace kensa::emulator {
namespace {

using nlohmann::json;

// maxResults takes 1..100, but the model's FindingList holds at most 25 findings: a page
// never has more than 25, whatever was asked.
constexpr int kMaxFindingsPage = 100;
constexpr size_t kFindingsPerPage = 25;
constexpr int kMaxCoveragePage = 200;

int SeverityRank(const std::string& s) {
    static const std::vector<std::string> kOrder = {
        "INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL", "UNTRIAGED"};
    auto it = std::find(kOrder.begin(), kOrder.end(), s);
    return static_cast<int>(it - kOrder.begin());
}

AwsError CannotParse(const std::string& what) {
    return {
        400, "ValidationException", what, {{"reason", "\"CANNOT_PARSE\""}, {"fields", "[]"}}, {}};
}

struct PageParams {
    size_t offset = 0;
    int max_results = 0;
};

Result<PageParams> ReadPaging(const json& req, int max_allowed, int default_size) {
    PageParams p;
    p.max_results = default_size;
    if (req.contains("maxResults")) {
        if (!req["maxResults"].is_number_integer()) {
            return Error(ErrorCode::kInvalidInput, "maxResults must be an integer");
        }
        p.max_results = req["maxResults"].get<int>();
        if (p.max_results < 1 || p.max_results > max_allowed) {
            return Error(
                ErrorCode::kInvalidInput,
                "1 validation error detected: Value '" + std::to_string(p.max_results) +
                    "' at 'maxResults' failed to satisfy constraint: Member must have "
                    "value " +
                    (p.max_results < 1 ? std::string("greater than or equal to 1")
                                       : "less than or equal to " + std::to_string(max_allowed)));
        }
    }
    if (req.contains("nextToken") && req["nextToken"].is_string()) {
        if (!DecodeToken(req["nextToken"].get<std::string>(), &p.offset)) {
            return Error(ErrorCode::kInvalidInput, "The nextToken is invalid.");
        }
    }
    return p;
}

// Inspector reports what it scans: the resource type must be enabled in the account, and a
// code finding also needs Lambda code scanning (the account's lambdaCode state).
bool Reported(const Account& account, const Resource& res, const Vulnerability& vuln) {
    return account.Enabled(res.type) &&
           (vuln.type != "CODE_VULNERABILITY" || account.lambda_code_enabled);
}

bool VisibleAccount(const Fleet& fleet, const Principal& caller, const std::string& account) {
    // The first account plays the delegated administrator and sees every member account.
    return account == caller.account_id ||
           (!fleet.accounts.empty() && fleet.accounts.front().id == caller.account_id);
}

struct Covered {
    const Resource* res = nullptr;
    std::string resource_type;
    std::string resource_id;
    std::string scan_type;
    std::string repository;  ///< for AWS_ECR_REPOSITORY entries
    std::string account_id;
};

json CoveredJson(const Covered& c) {
    json out = {{"accountId", c.account_id},
                {"resourceId", c.resource_id},
                {"resourceType", c.resource_type},
                {"scanType", c.scan_type}};
    if (c.res == nullptr) {
        out["scanStatus"] = {{"statusCode", "ACTIVE"}, {"reason", "SUCCESSFUL"}};
        out["resourceMetadata"] = {
            {"ecrRepository", {{"name", c.repository}, {"scanFrequency", "CONTINUOUS_SCAN"}}}};
        return out;
    }
    const Resource& r = *c.res;
    out["scanStatus"] = {{"statusCode", r.scan_status_code}, {"reason", r.scan_status_reason}};
    out["lastScannedAt"] = r.last_scanned_at;
    json tags = json::object();
    for (const auto& [k, v] : r.tags) {
        tags[k] = v;
    }
    switch (r.type) {
        case ResourceType::kEc2Instance:
            out["scanMode"] = "EC2_SSM_AGENT_BASED";
            out["resourceMetadata"] = {{"ec2",
                                        {{"amiId", r.ami_id},
                                         {"platform", Ec2PlatformFamily(r.platform)},
                                         {"tags", tags}}}};
            break;
        case ResourceType::kEcrImage:
            out["resourceMetadata"] = {{"ecrImage", {{"tags", r.image_tags}, {"inUseCount", 0}}}};
            break;
        case ResourceType::kLambdaFunction:
            out["resourceMetadata"] = {{"lambdaFunction",
                                        {{"functionName", r.function_name},
                                         {"functionTags", tags},
                                         {"layers", r.layers},
                                         {"runtime", InspectorRuntime(r.runtime)}}}};
            break;
    }
    return out;
}

std::vector<std::string> CoverageField(const std::string& field, const Covered& c) {
    if (field == "accountId") {
        return {c.account_id};
    }
    if (field == "resourceId") {
        return {c.resource_id};
    }
    if (field == "resourceType") {
        return {c.resource_type};
    }
    if (field == "scanType") {
        return {c.scan_type};
    }
    if (field == "ecrRepositoryName") {
        if (c.res == nullptr) {
            return {c.repository};
        }
        return c.res->type == ResourceType::kEcrImage ? std::vector<std::string>{c.res->repository}
                                                      : std::vector<std::string>{};
    }
    if (c.res == nullptr) {
        return field == "scanStatusCode"     ? std::vector<std::string>{"ACTIVE"}
               : field == "scanStatusReason" ? std::vector<std::string>{"SUCCESSFUL"}
                                             : std::vector<std::string>{};
    }
    const Resource& r = *c.res;
    if (field == "scanStatusCode") {
        return {r.scan_status_code};
    }
    if (field == "scanStatusReason") {
        return {r.scan_status_reason};
    }
    if (field == "ecrImageTags") {
        return r.image_tags;
    }
    if (field == "lambdaFunctionName") {
        return r.type == ResourceType::kLambdaFunction ? std::vector<std::string>{r.function_name}
                                                       : std::vector<std::string>{};
    }
    if (field == "lambdaFunctionRuntime") {
        return RuntimeFilterValues(r);
    }
    if (field == "scanMode") {
        return r.type == ResourceType::kEc2Instance
                   ? std::vector<std::string>{"EC2_SSM_AGENT_BASED"}
                   : std::vector<std::string>{};
    }
    return {};
}

}  // namespace

Response Emulator::HandleInspector2(const std::string& op,
                                    const aws::HttpRequest& req,
                                    const Principal& caller) {
    std::string action = "inspector2:" + op;
    if (!ActionAllowed(caller.actions, action)) {
        static const std::map<std::string, std::string> kPaths = {
            {"ListFindings", "/findings/list"},
            {"ListCoverage", "/coverage/list"},
            {"BatchGetAccountStatus", "/status/batch/get"},
            {"CreateSbomExport", "/sbomexport/create"},
            {"GetSbomExport", "/sbomexport/get"},
            {"CancelSbomExport", "/sbomexport/cancel"}};
        std::string resource =
            "arn:aws:inspector2:" + region_ + ":" + caller.account_id + ":" + kPaths.at(op);
        return RenderError(Service::kInspector2,
                           AccessDenied(Service::kInspector2, caller.arn, action, resource),
                           NewUuid());
    }
    if (json body = req.body.empty() ? json::object() : json::parse(req.body, nullptr, false);
        !body.is_discarded()) {
        if (auto invalid = Inspector2Model().ValidateInput(op, body)) {
            return RenderError(Service::kInspector2,
                               ValidationError(Service::kInspector2, std::move(*invalid)),
                               NewUuid());
        }
    }
    if (op == "ListFindings") {
        return ListFindings(req.body, caller);
    }
    if (op == "ListCoverage") {
        return ListCoverage(req.body, caller);
    }
    if (op == "BatchGetAccountStatus") {
        return BatchGetAccountStatus(req.body, caller);
    }
    if (op == "CreateSbomExport") {
        return CreateSbomExport(req.body, caller);
    }
    if (op == "GetSbomExport") {
        return GetSbomExport(req.body, caller);
    }
    return CancelSbomExport(req.body, caller);
}

Response Emulator::ListFindings(const std::string& body, const Principal& caller) {
    json req = body.empty() ? json::object() : json::parse(body, nullptr, false);
    if (req.is_discarded() || !req.is_object()) {
        return RenderError(
            Service::kInspector2, CannotParse("Request body is not valid JSON"), NewUuid());
    }
    auto paging = ReadPaging(req, kMaxFindingsPage, 50);
    if (!paging.ok()) {
        return RenderError(Service::kInspector2,
                           ValidationError(Service::kInspector2, paging.error().message()),
                           NewUuid());
    }
    json criteria = req.value("filterCriteria", json::object());
    json sort = req.value("sortCriteria", json::object());
    std::string sort_field = sort.value("field", "");
    std::string sort_order = sort.value("sortOrder", "ASC");
    if (!criteria.is_object() || (!sort.empty() && sort_field.empty()) ||
        (sort_order != "ASC" && sort_order != "DESC")) {
        return RenderError(
            Service::kInspector2,
            ValidationError(Service::kInspector2, "filterCriteria/sortCriteria are malformed"),
            NewUuid());
    }

    std::shared_lock lock(mu_);
    // Candidate set: use the per-resource index when the filter pins resources by id, Lambda
    // function name or ECR repository (EQUALS only). It only narrows the candidates; every
    // candidate still goes through the whole filter below.
    std::vector<size_t> candidates;
    bool indexed = false;
    auto pinned = [&](const char* field) -> const json* {
        if (!criteria.contains(field) || !criteria[field].is_array() || criteria[field].empty()) {
            return nullptr;
        }
        const json& rf = criteria[field];
        bool equals = std::all_of(rf.begin(), rf.end(), [](const json& f) {
            return f.is_object() && f.value("comparison", "") == "EQUALS" && f.contains("value") &&
                   f["value"].is_string();
        });
        return equals ? &rf : nullptr;
    };
    auto add_resource = [&](const std::string& id) {
        if (const auto* idx = findings_.ForResource(id)) {
            candidates.insert(candidates.end(), idx->begin(), idx->end());
        }
    };
    // Every resource of `type` whose field (by `field_of`) equals one of the filter's values.
    auto add_resources_by =
        [&](const json& values, ResourceType type, const std::string Resource::*field_of) {
            for (const auto& res : fleet_.resources) {
                for (const auto& f : values) {
                    if (res.type == type && res.*field_of == f["value"].get<std::string>()) {
                        add_resource(res.id);
                    }
                }
            }
        };
    if (const json* ids = pinned("resourceId")) {
        indexed = true;
        for (const auto& f : *ids) {
            add_resource(f["value"].get<std::string>());
        }
    } else if (const json* names = pinned("lambdaFunctionName")) {
        indexed = true;
        add_resources_by(*names, ResourceType::kLambdaFunction, &Resource::function_name);
    } else if (const json* repos = pinned("ecrImageRepositoryName")) {
        indexed = true;
        add_resources_by(*repos, ResourceType::kEcrImage, &Resource::repository);
    }
    if (indexed) {
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    }
    const auto& records = findings_.records();
    if (!indexed) {
        candidates.resize(records.size());
        for (size_t i = 0; i < records.size(); ++i) {
            candidates[i] = i;
        }
    }
    std::vector<size_t> matched;
    for (size_t idx : candidates) {
        const FindingRecord& rec = records[idx];
        const Resource* res = ResourceById(rec.resource_id);
        const Account* account = fleet_.FindAccount(rec.account_id);
        const Vulnerability& vuln = fleet_.vulnerabilities[rec.vuln_index];
        if (res == nullptr || account == nullptr || !Reported(*account, *res, vuln) ||
            !VisibleAccount(fleet_, caller, rec.account_id)) {
            continue;
        }
        auto ok = FindingMatches(criteria, rec, *res, vuln);
        if (!ok.ok()) {
            return RenderError(Service::kInspector2,
                               ValidationError(Service::kInspector2, ok.error().message()),
                               NewUuid());
        }
        if (*ok) {
            matched.push_back(idx);
        }
    }
    if (!sort_field.empty()) {
        auto key = [&](size_t idx) -> std::pair<double, std::string> {
            const FindingRecord& rec = records[idx];
            const Vulnerability& v = fleet_.vulnerabilities[rec.vuln_index];
            const Resource* res = ResourceById(rec.resource_id);
            if (sort_field == "SEVERITY") {
                return {SeverityRank(v.severity), ""};
            }
            if (sort_field == "FIRST_OBSERVED_AT") {
                return {static_cast<double>(rec.first_observed_at), ""};
            }
            if (sort_field == "LAST_OBSERVED_AT") {
                return {static_cast<double>(rec.last_observed_at), ""};
            }
            if (sort_field == "INSPECTOR_SCORE") {
                return {v.cvss_score, ""};
            }
            if (sort_field == "EPSS_SCORE") {
                return {v.epss, ""};
            }
            if (sort_field == "ECR_IMAGE_PUSHED_AT") {
                return {static_cast<double>(res->pushed_at), ""};
            }
            if (sort_field == "AWS_ACCOUNT_ID" || sort_field == "ECR_IMAGE_REGISTRY") {
                return {0, rec.account_id};
            }
            if (sort_field == "FINDING_TYPE") {
                return {0, v.type};
            }
            if (sort_field == "FINDING_STATUS") {
                return {0, rec.status};
            }
            if (sort_field == "RESOURCE_TYPE") {
                return {0, std::string(ResourceTypeName(rec.resource_type))};
            }
            if (sort_field == "ECR_IMAGE_REPOSITORY_NAME") {
                return {0, res->repository};
            }
            if (sort_field == "VULNERABILITY_ID") {
                return {0, v.id};
            }
            if (sort_field == "VULNERABILITY_SOURCE") {
                return {0, v.source};
            }
            if (sort_field == "VENDOR_SEVERITY") {
                return {0, v.vendor_severity};
            }
            return {0, rec.packages.empty() ? std::string() : rec.packages.front().name};
        };
        bool desc = sort_order == "DESC";
        std::stable_sort(matched.begin(), matched.end(), [&](size_t a, size_t b) {
            auto ka = key(a);
            auto kb = key(b);
            return desc ? kb < ka : ka < kb;
        });
    }
    json out = {{"findings", json::array()}};
    size_t end = std::min(
        matched.size(),
        paging->offset + std::min(kFindingsPerPage, static_cast<size_t>(paging->max_results)));
    for (size_t i = paging->offset; i < end; ++i) {
        const FindingRecord& rec = records[matched[i]];
        out["findings"].push_back(FindingJson(
            rec, *ResourceById(rec.resource_id), fleet_.vulnerabilities[rec.vuln_index]));
    }
    if (end < matched.size()) {
        out["nextToken"] = EncodeToken(end);
    }
    return JsonOk(out.dump());
}

Response Emulator::ListCoverage(const std::string& body, const Principal& caller) {
    json req = body.empty() ? json::object() : json::parse(body, nullptr, false);
    if (req.is_discarded() || !req.is_object()) {
        return RenderError(
            Service::kInspector2, CannotParse("Request body is not valid JSON"), NewUuid());
    }
    auto paging = ReadPaging(req, kMaxCoveragePage, 200);
    if (!paging.ok()) {
        return RenderError(Service::kInspector2,
                           ValidationError(Service::kInspector2, paging.error().message()),
                           NewUuid());
    }
    json criteria = req.value("filterCriteria", json::object());
    static const std::vector<std::string> kOps = {"EQUALS", "NOT_EQUALS", "PREFIX"};

    std::shared_lock lock(mu_);
    std::vector<Covered> entries;
    std::set<std::string> repos;
    for (const auto& r : fleet_.resources) {
        const Account* account = fleet_.FindAccount(r.account_id);
        if (account == nullptr || !account->Enabled(r.type) || !r.Scanned() ||
            !VisibleAccount(fleet_, caller, r.account_id)) {
            continue;
        }
        Covered c;
        c.res = &r;
        c.resource_type = std::string(ResourceTypeName(r.type));
        c.resource_id = r.id;
        c.scan_type = "PACKAGE";
        c.account_id = r.account_id;
        entries.push_back(c);
        if (r.type == ResourceType::kLambdaFunction && account->lambda_code_enabled) {
            c.scan_type = "CODE";
            entries.push_back(c);
        }
        if (r.type == ResourceType::kEcrImage &&
            repos.insert(r.account_id + "/" + r.repository).second) {
            Covered repo;
            repo.resource_type = "AWS_ECR_REPOSITORY";
            repo.resource_id =
                "arn:aws:ecr:" + r.region + ":" + r.account_id + ":repository/" + r.repository;
            repo.scan_type = "PACKAGE";
            repo.repository = r.repository;
            repo.account_id = r.account_id;
            entries.push_back(repo);
        }
    }
    json out = {{"coveredResources", json::array()}};
    size_t seen = 0;
    size_t emitted = 0;
    for (const auto& c : entries) {
        bool keep = true;
        for (const auto& [field, filters] : criteria.items()) {
            if (field == "ec2InstanceTags" || field == "lambdaFunctionTags") {
                keep = c.res != nullptr && MatchMapFilters(filters, c.res->tags);
            } else if (field == "lastScannedAt") {
                keep = c.res != nullptr &&
                       MatchDateFilters(filters, static_cast<double>(c.res->last_scanned_at));
            } else if (FilterElementShape("CoverageFilterCriteria", field) !=
                       "CoverageStringFilter") {
                keep = false;  // a number, date or map the emulator does not model
            } else {
                auto ok = MatchStringFilters(filters, CoverageField(field, c), kOps);
                if (!ok.ok()) {
                    return RenderError(Service::kInspector2,
                                       ValidationError(Service::kInspector2, ok.error().message()),
                                       NewUuid());
                }
                keep = *ok;
            }
            if (!keep) {
                break;
            }
        }
        if (!keep) {
            continue;
        }
        if (seen++ < paging->offset) {
            continue;
        }
        if (emitted == static_cast<size_t>(paging->max_results)) {
            out["nextToken"] = EncodeToken(paging->offset + emitted);
            break;
        }
        out["coveredResources"].push_back(CoveredJson(c));
        ++emitted;
    }
    return JsonOk(out.dump());
}

Response Emulator::BatchGetAccountStatus(const std::string& body, const Principal& caller) {
    json req = body.empty() ? json::object() : json::parse(body, nullptr, false);
    if (req.is_discarded() || !req.is_object()) {
        return RenderError(
            Service::kInspector2, CannotParse("Request body is not valid JSON"), NewUuid());
    }
    std::vector<std::string> ids;
    for (const auto& id : req.value("accountIds", json::array())) {
        std::string s = id.is_string() ? id.get<std::string>() : std::string();
        if (s.size() != 12 || !std::all_of(s.begin(), s.end(), ::isdigit)) {
            return RenderError(
                Service::kInspector2,
                ValidationError(Service::kInspector2, "accountIds must be 12-digit account ids"),
                NewUuid());
        }
        ids.push_back(s);
    }
    if (ids.size() > 100) {
        return RenderError(Service::kInspector2,
                           ValidationError(Service::kInspector2, "at most 100 accountIds"),
                           NewUuid());
    }
    if (ids.empty()) {
        ids.push_back(caller.account_id);
    }
    std::shared_lock lock(mu_);
    json out = {{"accounts", json::array()}, {"failedAccounts", json::array()}};
    // The model requires errorCode and errorMessage in every State. AWS documents no values
    // for a plain enabled or disabled state; these are inferred from the ErrorCode enum.
    auto st = [](bool enabled) {
        return enabled ? json{{"status", "ENABLED"},
                              {"errorCode", "ALREADY_ENABLED"},
                              {"errorMessage", "Amazon Inspector scanning is enabled."}}
                       : json{{"status", "DISABLED"},
                              {"errorCode", "RESOURCE_NOT_FOUND"},
                              {"errorMessage", "Amazon Inspector scanning is not enabled."}};
    };
    for (const auto& id : ids) {
        const Account* a = fleet_.FindAccount(id);
        if (a == nullptr || !VisibleAccount(fleet_, caller, id)) {
            out["failedAccounts"].push_back(
                {{"accountId", id},
                 {"errorCode", "ACCESS_DENIED"},
                 {"errorMessage", "The account is not a member of your organization."}});
            continue;
        }
        out["accounts"].push_back({{"accountId", id},
                                   {"state", st(a->InspectorEnabled())},
                                   {"resourceState",
                                    {{"ec2", st(a->ec2_enabled)},
                                     {"ecr", st(a->ecr_enabled)},
                                     {"lambda", st(a->lambda_enabled)},
                                     {"lambdaCode", st(a->lambda_code_enabled)},
                                     {"codeRepository", st(false)}}}});
    }
    return JsonOk(out.dump());
}

}  // namespace kensa::emulator
