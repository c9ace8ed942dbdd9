#include "emulator.h"

#include <chrono>
#include <mutex>
#include <thread>

#include "kensa/common/log.h"
#include "kensa/common/strings.h"

namespace kensa::emulator {
namespace {

std::string FormParam(const std::string& body, std::string_view name) {
    for (const auto& part : Split(body, '&')) {
        auto eq = part.find('=');
        if (UriDecode(part.substr(0, eq), true) == name) {
            return eq == std::string::npos ? std::string() : UriDecode(part.substr(eq + 1), true);
        }
    }
    return {};
}

bool HasQueryKey(const std::string& query, std::string_view name) {
    for (const auto& part : Split(query, '&')) {
        if (UriDecode(part.substr(0, part.find('='))) == name) {
            return true;
        }
    }
    return false;
}

}  // namespace

Emulator::Emulator(Fleet fleet, const Clock& wall_clock, uint64_t seed)
    : wall_clock_(wall_clock),
      region_(fleet.settings.region),
      faults_(seed),
      fleet_(std::move(fleet)) {
    if (!fleet_.faults_json.empty()) {
        auto status = faults_.ApplyJson(fleet_.faults_json);
        if (!status.ok()) {
            log::Warn("ignoring fleet faults", {{"error", status.error().message()}});
        }
    }
    ReindexResources();
    findings_.RecomputeAll(
        fleet_, fleet_.settings.start_time != 0 ? fleet_.settings.start_time : Now() - 86400);
}

void Emulator::ReindexResources() {
    resource_by_id_.clear();
    for (size_t i = 0; i < fleet_.resources.size(); ++i) {
        resource_by_id_[fleet_.resources[i].id] = i;
    }
}

const Resource* Emulator::ResourceById(const std::string& id) const {
    auto it = resource_by_id_.find(id);
    return it == resource_by_id_.end() ? nullptr : &fleet_.resources[it->second];
}

void Emulator::AfterSoftwareChange(const Resource& resource) {
    findings_.RecomputeResource(fleet_, resource, Now());
}

int64_t Emulator::Now() const {
    return ToEpochSeconds(wall_clock_.SystemNow()) + clock_offset_;
}

std::optional<KeyInfo> Emulator::LookupKey(const std::string& access_key_id) const {
    std::shared_lock lock(mu_);
    for (const auto& user : fleet_.users) {
        if (user.access_key_id == access_key_id) {
            KeyInfo info;
            info.secret_access_key = user.secret_access_key;
            info.principal.arn = user.Arn();
            info.principal.account_id = user.account_id;
            info.principal.user_id =
                "AIDA" + access_key_id.substr(access_key_id.size() > 4 ? 4 : 0);
            info.principal.actions = user.actions;
            return info;
        }
    }
    auto it = sessions_.find(access_key_id);
    if (it == sessions_.end()) {
        return std::nullopt;
    }
    const Session& s = it->second;
    KeyInfo info;
    info.secret_access_key = s.secret_access_key;
    info.session_token = s.session_token;
    info.expiration = s.expiration;
    info.principal.arn = s.Arn();
    info.principal.account_id = s.account_id;
    info.principal.user_id = s.role_id + ":" + s.session_name;
    info.principal.actions = s.actions;
    return info;
}

Service Emulator::Route(const aws::HttpRequest& req, const ScopeInfo& scope) const {
    Service by_scope = ServiceFromSigningName(scope.service);
    if (by_scope != Service::kUnknown) {
        return by_scope;
    }
    std::string host = ToLower(req.Header("Host"));
    for (auto [prefix, svc] : {std::pair{"inspector2", Service::kInspector2},
                               std::pair{"lambda", Service::kLambda},
                               std::pair{"sts", Service::kSts}}) {
        if (StartsWith(host, std::string(prefix) + ".")) {
            return svc;
        }
    }
    const std::string& path = req.path;
    if (StartsWith(path, "/findings/") || StartsWith(path, "/coverage/") ||
        StartsWith(path, "/status/") || StartsWith(path, "/sbomexport/")) {
        return Service::kInspector2;
    }
    if (StartsWith(path, "/2015-03-31/")) {
        return Service::kLambda;
    }
    if (req.method == "POST" && path == "/" && !FormParam(req.body, "Action").empty()) {
        return Service::kSts;
    }
    return Service::kS3;
}

std::string Emulator::OperationName(Service service, const aws::HttpRequest& req) const {
    const std::string& path = req.path;
    switch (service) {
        case Service::kInspector2: {
            static const std::map<std::string, std::string> kOps = {
                {"/findings/list", "ListFindings"},
                {"/coverage/list", "ListCoverage"},
                {"/status/batch/get", "BatchGetAccountStatus"},
                {"/sbomexport/create", "CreateSbomExport"},
                {"/sbomexport/get", "GetSbomExport"},
                {"/sbomexport/cancel", "CancelSbomExport"},
            };
            auto it = kOps.find(path);
            return it == kOps.end() || req.method != "POST" ? std::string() : it->second;
        }
        case Service::kLambda: {
            if (req.method != "GET") {
                return {};
            }
            if (path == "/2015-03-31/functions" || path == "/2015-03-31/functions/") {
                return "ListFunctions";
            }
            if (StartsWith(path, "/2015-03-31/functions/")) {
                std::string rest = path.substr(22);
                return rest.find('/') == std::string::npos ? "GetFunction" : std::string();
            }
            return {};
        }
        case Service::kSts: {
            std::string action = FormParam(req.body, "Action");
            if (action.empty()) {
                action = FormParam(req.query, "Action");
            }
            return action;
        }
        case Service::kS3: {
            std::string key;
            std::string bucket = BucketFromRequest(req, &key);
            if (bucket.empty()) {
                return req.method == "GET" ? "ListBuckets" : std::string();
            }
            if (key.empty()) {
                if (req.method == "GET" && HasQueryKey(req.query, "location")) {
                    return "GetBucketLocation";
                }
                if (req.method == "GET" && HasQueryKey(req.query, "policy")) {
                    return "GetBucketPolicy";
                }
                if (req.method == "GET") {
                    return "ListObjectsV2";
                }
                return req.method == "HEAD" ? "HeadBucket" : std::string();
            }
            if (req.method == "GET") {
                return "GetObject";
            }
            if (req.method == "HEAD") {
                return "HeadObject";
            }
            return req.method == "PUT" ? "PutObject" : std::string();
        }
        default:
            return {};
    }
}

Response Emulator::Handle(const aws::HttpRequest& req) {
    std::string request_id = NewUuid();
    if (StartsWith(req.path, "/_emulator/")) {
        return HandleControl(req);
    }
    ScopeInfo scope = ReadScope(req);
    Service service = Route(req, scope);
    AuthContext ctx;
    ctx.service = service;
    ctx.region = region_;
    ctx.wall_now = wall_clock_.SystemNow();
    ctx.emulator_now = Now();
    AuthOutcome auth =
        VerifyRequest(req, ctx, [this](const std::string& akid) { return LookupKey(akid); });
    if (!auth.ok) {
        return RenderError(service, auth.error, request_id);
    }
    std::string op = OperationName(service, req);
    if (op.empty()) {
        AwsError err{404, "UnknownOperationException", "Unknown operation", {}, {}};
        if (service == Service::kSts) {
            err = {400,
                   "InvalidAction",
                   "Could not find operation " + FormParam(req.body, "Action") + " for version " +
                       "2011-06-15",
                   {},
                   {}};
        } else if (service == Service::kS3) {
            err = {405,
                   "MethodNotAllowed",
                   "The specified method is not allowed against this resource.",
                   {},
                   {}};
        }
        return RenderError(service, err, request_id);
    }
    std::string qualified = std::string(ServiceName(service)) + ":" + op;
    FaultDecision fault = faults_.Decide(qualified);
    if (fault.latency_ms > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(fault.latency_ms));
    }
    if (fault.action == FaultAction::kThrottle) {
        return RenderError(service, ThrottlingError(service), request_id);
    }
    if (fault.action == FaultAction::kServerError) {
        return RenderError(service, ServerError(service), request_id);
    }
    // Injected quota / conflict errors name the caller's account as the resource: there is no
    // documented value for an arbitrary operation.
    const std::string& account = auth.principal.account_id;
    if (fault.action == FaultAction::kQuota) {
        return RenderError(
            service,
            QuotaExceededError("You have exceeded your service quota for " + op + ".", account),
            request_id);
    }
    if (fault.action == FaultAction::kConflict) {
        return RenderError(
            service,
            ConflictError("A conflicting " + op + " request is in progress.", account, "ACCOUNT"),
            request_id);
    }
    if (pending_exports_.load() > 0) {
        AdvanceExports();
    }
    Response res;
    switch (service) {
        case Service::kInspector2:
            res = HandleInspector2(op, req, auth.principal);
            break;
        case Service::kLambda:
            res = HandleLambda(op, req, auth.principal);
            break;
        case Service::kSts:
            res = HandleSts(op, req, auth.principal);
            break;
        default:
            res = HandleS3(op, req, auth.principal);
            break;
    }
    if (res.Header("x-amzn-RequestId").empty() && service != Service::kS3) {
        res.SetHeader("x-amzn-RequestId", request_id);
    }
    if (service == Service::kS3 && res.Header("x-amz-request-id").empty()) {
        res.SetHeader("x-amz-request-id", request_id);
    }
    if (res.status >= 400 && res.Header("x-amzn-ErrorType").empty() && service != Service::kS3 &&
        service != Service::kSts) {
        log::Debug("error without error type", {{"op", qualified}});
    }
    res.reset_mid_body = fault.action == FaultAction::kReset;
    return res;
}

void Emulator::AdvanceExports() {
    std::unique_lock lock(mu_);
    int64_t now = Now();
    for (auto& [id, job] : exports_) {
        if (job.status == "IN_PROGRESS" && now >= job.complete_at) {
            RunExport(&job);
            --pending_exports_;
        }
    }
}

}  // namespace kensa::emulator
