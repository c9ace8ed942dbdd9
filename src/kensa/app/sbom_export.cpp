#include "kensa/domain/scan_mode.h"
#include "kensa/app/sbom_export.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "kensa/advisory/type_rules.h"
#include "kensa/app/advisories/match.h"
#include "kensa/common/log.h"
#include "kensa/common/strings.h"
#include "kensa/knowledge/purl.h"
#include "kensa/sbom/sbom_reader.h"

namespace kensa::app {
namespace {

constexpr const char* kEc2 = "AWS_EC2_INSTANCE";
constexpr const char* kLambda = "AWS_LAMBDA_FUNCTION";
constexpr const char* kEcr = "AWS_ECR_CONTAINER_IMAGE";
constexpr const char* kSbomRef = "inspector-sbom";
constexpr const char* kTakeoverComment =
    "Moved under SBOM management: this server is now scanned through the group's Inspector SBOM "
    "export (scan mode inspector_sbom) and has left the normal Inspector scan. The software and "
    "detections that the normal scan found are now managed by the SBOM import. The task itself is "
    "unchanged.";

ports::StringFilter Eq(std::string v) {
    return {"EQUALS", std::move(v)};
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        out += i == 0 ? "" : std::string(sep);
        out += parts[i];
    }
    return out;
}

domain::ScanRun Fail(domain::ScanRun run, domain::ScanError e, domain::EpochSeconds now) {
    run.status = domain::ScanStatus::kFailed;
    run.finished_at = now;
    run.error = std::move(e);
    return run;
}

domain::ScanError StepError(std::string code,
                            std::string step,
                            std::string message,
                            std::string hint) {
    domain::ScanError e;
    e.code = std::move(code);
    e.step = std::move(step);
    e.message = std::move(message);
    e.hint = std::move(hint);
    return e;
}

// An AWS error at a step, with the fix the SBOM set-up needs (R20): S3 and KMS permissions come
// from the kensa CloudFormation stack and the key policy, not from a hand-written statement.
domain::ScanError SbomAwsError(const Error& error,
                               const std::string& step,
                               const domain::SbomExportSettings& s) {
    domain::ScanError e = ClassifyAwsError(error, step);
    const std::string& perm = e.missing_permission;
    if (perm.rfind("kms:", 0) == 0) {
        e.hint = "kensa may not use the KMS key " + s.kms_key_arn + " (" + perm +
                 "). Re-run the kensa CloudFormation stack with KmsKeyArn=" + s.kms_key_arn +
                 ", or update the key policy to allow " + perm + " for kensa's IAM user or role.";
    } else if (perm.rfind("s3:", 0) == 0) {
        e.hint = "kensa may not read the SBOM bucket " + s.bucket + " (" + perm +
                 "). Re-run the kensa CloudFormation stack with S3BucketName=" + s.bucket + ".";
    } else if (perm.rfind("inspector2:", 0) == 0 && e.code == "access_denied") {
        e.hint +=
            " The kensa CloudFormation stack grants every inspector2 action the SBOM export needs.";
    }
    return e;
}

std::string ExportFailureHint(const std::string& code,
                              const domain::SbomExportSettings& s,
                              const std::string& region) {
    if (code == "INVALID_PERMISSIONS") {
        return "Amazon Inspector could not write to s3://" + s.bucket +
               " or use the KMS key: the bucket policy must "
               "allow inspector2.amazonaws.com s3:PutObject and s3:PutObjectAcl, and the key "
               "policy must allow it "
               "kms:GenerateDataKey. Re-run the kensa CloudFormation stack and apply the bucket "
               "and key policy "
               "statements shown in its outputs.";
    }
    if (code == "BUCKET_NOT_FOUND") {
        return "Create the bucket " + s.bucket + " in " + region +
               ", or correct the bucket name in the group's SBOM "
               "export settings.";
    }
    if (code == "INCOMPATIBLE_BUCKET_REGION") {
        return "The bucket and the KMS key must both be in " + region +
               ", the region of the group's AWS integration.";
    }
    if (code == "MALFORMED_KMS_KEY") {
        return "Correct the KMS key ARN in the group's SBOM export settings "
               "(arn:aws:kms:REGION:ACCOUNT:key/ID).";
    }
    if (code == "NO_FINDINGS_FOUND") {
        return "Inspector has no active resources to export for the registered servers; check "
               "Inspector coverage.";
    }
    return "Amazon Inspector failed the export; run the bulk export again later.";
}

// ---- documents to software

std::string ComponentName(const knowledge::Purl& purl,
                          const sbom::Component& c,
                          const std::string& ecosystem) {
    if (purl.name.empty()) {
        return c.group.empty() ? c.name : c.group + (ecosystem == "maven" ? ":" : "/") + c.name;
    }
    if (purl.ns.empty()) {
        return purl.name;
    }
    if (ecosystem == "maven") {
        return purl.ns + ":" + purl.name;
    }
    if (ecosystem == "npm" || ecosystem == "golang" || ecosystem == "composer" ||
        ecosystem == "swift") {
        return purl.ns + "/" + purl.name;
    }
    return purl.name;
}

// An epoch is 1-9 ASCII digits; anything else leaves *out unchanged.
bool ParseEpoch(std::string_view s, int* out) {
    if (s.empty() || s.size() > 9 ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
    }
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    *out = v;
    return true;
}

// Vulnerability ids from a document: short printable tokens only (CVE-..., GHSA-..., ALAS...).
bool PlausibleVulnId(const std::string& id) {
    return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
        return c > ' ' && c < 0x7f;
    });
}

struct Converted {
    domain::Software software;
    std::vector<std::string> vulnerabilities;
};

// Type classification runs regular expressions; the same (ecosystem, name, path) recurs on
// many resources of an export, so each answer is computed once per run.
class ClassifyCache {
public:
    explicit ClassifyCache(advisory::KnownFn known) : known_(std::move(known)) {}
    const advisory::Classified& Classify(const std::string& ecosystem, const std::string& name,
                                         const std::string& path) {
        std::string key = ecosystem + '\0' + name + '\0' + path;
        auto it = cache_.find(key);
        if (it == cache_.end()) {
            if (cache_.size() >= kMaxEntries) {
                cache_.clear();  // bounded memory whatever the export (~10 MiB)
            }
            it = cache_.emplace(std::move(key), advisory::TypeRules::Builtin().Classify(ecosystem, name, path, known_))
                     .first;
        }
        return it->second;
    }

private:
    static constexpr size_t kMaxEntries = 50000;
    advisory::KnownFn known_;
    std::unordered_map<std::string, advisory::Classified> cache_;
};

Converted ToSoftware(const sbom::Component& c, std::optional<domain::Id> lambda_fn, ClassifyCache& classes) {
    knowledge::Purl purl;
    if (!c.purl.empty()) {
        auto parsed = knowledge::ParsePurl(c.purl);
        if (parsed.ok()) {
            purl = std::move(parsed).value();
        }
    }
    std::string ecosystem = purl.type.empty() ? "generic" : purl.type == "dpkg" ? "deb" : purl.type;
    Converted out;
    domain::Software& sw = out.software;
    sw.key.lambda_function_id = lambda_fn;
    std::string version = purl.version.empty() ? c.version : purl.version;
    if (ecosystem == "deb" || ecosystem == "rpm") {
        // Inspector writes version-release in the purl and the epoch as a qualifier.
        auto colon = version.find(':');
        if (colon != std::string::npos && ParseEpoch(version.substr(0, colon), &sw.key.epoch)) {
            version.erase(0, colon + 1);
        }
        auto dash = version.rfind('-');
        if (dash != std::string::npos) {
            sw.key.release = version.substr(dash + 1);
            version.erase(dash);
        }
        ParseEpoch(purl.Qualifier("epoch"), &sw.key.epoch);
    }
    sw.key.version = version;
    sw.key.arch = purl.Qualifier("arch");
    sw.key.path = purl.Qualifier("path");
    for (const auto& [name, value] : c.properties) {
        if (sw.key.path.empty() && (name == "path" || EndsWith(name, ":file_path"))) {
            sw.key.path = value;
        }
    }
    const advisory::Classified& cls = classes.Classify(ecosystem, ComponentName(purl, c, ecosystem), sw.key.path);
    sw.key.name = cls.name;
    sw.type = cls.type;
    sw.ecosystem = cls.ecosystem;
    sw.purl = c.purl;
    sw.license = c.license;
    sw.source = domain::SoftwareSource::kSbom;
    sw.managed_by = domain::ManagedBy::kSbom;
    for (const auto& v : c.vulnerabilities) {
        if (PlausibleVulnId(v)) {
            out.vulnerabilities.push_back(v);
        }
    }
    return out;
}

// What a document says about itself, to cross-check against its key.
std::string DocumentResourceId(const sbom::DocumentInfo& info) {
    for (const auto& [name, value] : info.properties) {
        if (name == "instanceId" || name == "imageId") {
            return value;
        }
        if (name == "functionArn") {
            auto parts = Split(value, ':');
            return parts.size() > 7
                       ? Join(std::vector<std::string>(parts.begin(), parts.begin() + 7), ":")
                       : value;
        }
    }
    // SPDX: "<account>/EC2/<instance>/<ami>", "<account>/ECR/<repo>/<digest>",
    // "<account>/LAMBDA/<fn>/$LATEST".
    auto parts = Split(info.name, '/');
    if (parts.size() >= 4 && parts[1] == "EC2") {
        return parts[2];
    }
    if (parts.size() >= 4 && parts[1] == "ECR") {
        return parts.back();
    }
    return "";
}

// ---- matching exported resources to servers

struct Target {
    domain::Server server;
    std::vector<std::pair<std::string, std::optional<domain::Id>>>
        objects;  ///< key, lambda function id
};

struct ServerIndex {
    std::map<std::string, size_t> ec2;                            ///< instance id -> target
    std::map<std::string, std::pair<size_t, domain::Id>> lambda;  ///< function ARN -> target, fn id
    std::map<std::string, std::vector<size_t>> ecr;               ///< "repo\ntag" -> targets
    std::vector<Target> targets;
    std::set<std::string> ecr_tags;
    std::set<std::string> types;
};

Result<ServerIndex> IndexServers(const AppContext& ctx, domain::Id group_id) {
    ServerIndex idx;
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    for (auto& s : servers) {
        if (s.kind == domain::ServerKind::kVuls ||
            s.scan_mode != domain::ScanMode::kInspectorSbom) {
            continue;  // R19: Vuls servers are never touched
        }
        size_t t = idx.targets.size();
        switch (s.kind) {
            case domain::ServerKind::kEc2:
                idx.ec2[s.instance_id] = t;
                idx.types.insert(kEc2);
                break;
            case domain::ServerKind::kPseudo: {
                KENSA_ASSIGN_OR_RETURN(auto fns, ctx.store.ListLambdaFunctions(s.id));
                for (const auto& fn : fns) {
                    idx.lambda[fn.arn] = {t, fn.id};
                }
                idx.types.insert(kLambda);
                break;
            }
            case domain::ServerKind::kEcrImage:
                idx.ecr[s.repository + "\n" + s.image_tag].push_back(t);
                idx.ecr_tags.insert(s.image_tag);
                idx.types.insert(kEcr);
                break;
            case domain::ServerKind::kVuls:
                break;
        }
        idx.targets.push_back({std::move(s), {}});
    }
    return idx;
}

struct ImageTags {
    std::string repository;
    std::vector<std::string> tags;
};

std::string DigestOfImageArn(const std::string& arn) {
    auto pos = arn.find("sha256:");
    return pos == std::string::npos ? "" : arn.substr(pos);
}

std::string RepositoryOfImageArn(const std::string& arn) {
    auto start = arn.find(":repository/");
    auto end = arn.rfind("/sha256:");
    if (start == std::string::npos || end == std::string::npos || end <= start + 12) {
        return "";
    }
    return arn.substr(start + 12, end - start - 12);
}

}  // namespace

// ---------------------------------------------------------------- settings and trigger

Result<domain::SbomExportSettings> SetSbomSettings(const AppContext& ctx,
                                                   domain::Id group_id,
                                                   const SbomSettingsInput& in,
                                                   const std::string& actor) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    domain::SbomExportSettings s;
    s.enabled = in.enabled;
    s.key_prefix = in.key_prefix;
    s.kms_key_arn = in.kms_key_arn;
    s.format = in.format.empty() ? "CYCLONEDX_1_4" : in.format;
    s.bucket = in.bucket;
    if (s.bucket.empty()) {
        if (group.aws.account_id.empty() || group.aws.region.empty()) {
            return Error(ErrorCode::kInvalidInput,
                         "the default bucket name needs the group's AWS account id and region: "
                         "test the AWS "
                         "integration first, or give the bucket name")
                .With("field", "bucket");
        }
        s.bucket = domain::DefaultSbomBucket(group.aws.account_id, group.id, group.aws.region);
    }
    static const std::regex kBucket(R"(^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$)");
    if (s.bucket.size() > 63 || !std::regex_match(s.bucket, kBucket) || s.bucket.find("..") != std::string::npos) {
        return Error(ErrorCode::kInvalidInput, "'" + s.bucket + "' is not a valid S3 bucket name")
            .With("field", "bucket");
    }
    static const std::regex kKms(R"(^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$)");
    if (s.enabled && (s.kms_key_arn.size() > 2048 || !std::regex_match(s.kms_key_arn, kKms))) {
        return Error(ErrorCode::kInvalidInput,
                     "SBOM export needs a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID); "
                     "Inspector encrypts every "
                     "export with it")
            .With("field", "kms_key_arn");
    }
    if (s.key_prefix.size() > 512) {
        return Error(ErrorCode::kInvalidInput, "key prefix longer than 512 characters")
            .With("field", "key_prefix");
    }
    KENSA_TRY(domain::ValidateSbomSettings(s));
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    KENSA_ASSIGN_OR_RETURN(int64_t switched,
                           ctx.store.UpdateGroupSbom(group_id, s, domain::PlanScanModes(servers, s.enabled)));
    domain::AuditEvent ev;
    ev.group_id = group_id;
    ev.actor = actor;
    ev.action = "group.sbom.update";
    ev.target = s.bucket;
    ev.detail = std::string(s.enabled ? "enabled" : "disabled") +
                ", servers switched: " + std::to_string(switched);
    ev.at = Now(ctx);
    KENSA_TRY(ctx.store.AppendAudit(ev));
    return s;
}

Result<domain::ScanRun> QueueManualSbomExport(const AppContext& ctx, domain::Id group_id) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    if (!group.sbom.enabled) {
        return Error(ErrorCode::kConflict,
                     "SBOM export is not enabled for group '" + group.name +
                         "'; enable it in the group's SBOM export settings first");
    }
    domain::EpochSeconds now = Now(ctx);
    KENSA_ASSIGN_OR_RETURN(
        auto next, ctx.store.TryStartManualSbomExport(group_id, now, kManualSbomIntervalSeconds));
    if (next) {
        int64_t wait = std::max<int64_t>(1, *next - now);
        return Error(ErrorCode::kRateLimited,
                     "the SBOM bulk export runs at most once an hour per group (Amazon Inspector "
                     "limits concurrent "
                     "exports); the next one can start in " +
                         std::to_string((wait + 59) / 60) + " min")
            .With("retry_after", std::to_string(wait));
    }
    domain::ScanRun run;
    run.group_id = group_id;
    run.type = domain::ScanType::kSbom;
    run.trigger = domain::ScanTrigger::kManual;
    run.status = domain::ScanStatus::kQueued;
    run.started_at = now;
    KENSA_ASSIGN_OR_RETURN(run.id, ctx.store.CreateScanRun(run));
    return run;
}

// ---------------------------------------------------------------- keys

std::optional<ExportedResource> ResourceFromKey(const std::string& key) {
    auto marker = key.find("/resource=");
    if (marker == std::string::npos) {
        return std::nullopt;
    }
    auto slash = key.find('/', marker + 10);
    if (slash == std::string::npos) {
        return std::nullopt;
    }
    ExportedResource r;
    r.type = key.substr(marker + 10, slash - marker - 10);
    std::string file = key.substr(slash + 1);
    for (const char* fmt : {"_CYCLONEDX_1_4.json", "_SPDX_2_3.json"}) {
        if (EndsWith(file, fmt)) {
            file.erase(file.size() - std::string_view(fmt).size());
        }
    }
    if (r.type == kEc2) {
        auto pos = file.find("instance_");
        r.id = pos != std::string::npos ? file.substr(pos + 9) : file;
        return r.id.rfind("i-", 0) == 0 ? std::optional(r) : std::nullopt;
    }
    if (r.type == kLambda) {
        auto parts = Split(file, ':');
        if (parts.size() < 7 || parts[5] != "function") {
            return std::nullopt;
        }
        r.id = Join(std::vector<std::string>(parts.begin(), parts.begin() + 7), ":");
        r.qualifier = parts.size() > 7 ? parts[7] : "";
        return r;
    }
    if (r.type == kEcr) {
        r.id = DigestOfImageArn(file);
        auto repo = file.find(":repository_");
        auto digest = file.rfind("_sha256:");
        if (repo != std::string::npos && digest != std::string::npos && digest > repo + 12) {
            r.repository = file.substr(repo + 12, digest - repo - 12);
        }
        return r.id.empty() ? std::nullopt : std::optional(r);
    }
    return std::nullopt;
}

// ---------------------------------------------------------------- the job

Result<domain::ScanRun> SbomExportJob::Run(domain::Id group_id, domain::ScanTrigger trigger) {
    domain::ScanRun run;
    run.group_id = group_id;
    run.type = domain::ScanType::kSbom;
    run.trigger = trigger;
    run.status = domain::ScanStatus::kQueued;
    run.started_at = Now(ctx_);
    KENSA_ASSIGN_OR_RETURN(run.id, ctx_.store.CreateScanRun(run));
    return Execute(std::move(run));
}

namespace {

class JobRun {
public:
    JobRun(const AppContext& ctx, const SbomJobOptions& options, domain::ScanRun run)
        : ctx_(ctx), options_(options), run_(std::move(run)) {}

    domain::ScanRun Go();

private:
    std::optional<domain::ScanError> Prepare();
    std::optional<domain::ScanError> ExportAndWait(std::string* report_prefix);
    std::optional<domain::ScanError> ListAndMatch(const std::string& prefix);
    std::optional<domain::ScanError> ImportTargets();
    std::optional<domain::ScanError> ImportTarget(Target& target, ClassifyCache& classes);
    struct UnitResult {
        int64_t components = 0;
        std::vector<std::string> keys;
    };
    std::optional<domain::ScanError> ImportUnit(Target& target, const std::vector<size_t>& unit,
                                                std::optional<domain::Id> lambda_scope, ClassifyCache& classes,
                                                UnitResult* result);
    void Skip(std::string resource, std::string reason) {
        run_.skipped.push_back({std::move(resource), std::move(reason)});
    }

    const AppContext& ctx_;
    const SbomJobOptions& options_;
    domain::ScanRun run_;
    domain::Group group_;
    ports::AwsClients clients_;
    ServerIndex servers_;
    std::string account_;
    std::unique_ptr<advisory::AdvisoryIndex> advisories_;
    bool partial_ = false;
};

std::optional<domain::ScanError> JobRun::Prepare() {
    auto group = ctx_.store.GetGroup(run_.group_id);
    if (!group.ok()) {
        return StepError("storage", "store", group.error().message(), "See the server log.");
    }
    group_ = std::move(group).value();
    if (!group_.sbom.enabled) {
        return StepError(
            "configuration",
            "settings",
            "SBOM export is not enabled for the group",
            "Enable SBOM export in the group's settings (bucket, KMS key), then run it again.");
    }
    auto clients = ClientsForGroup(ctx_, group_);
    if (!clients.ok()) {
        return StepError("configuration",
                         "credentials",
                         clients.error().message(),
                         "Configure and test the group's AWS integration.");
    }
    clients_ = std::move(clients).value();
    auto servers = IndexServers(ctx_, group_.id);
    if (!servers.ok()) {
        return StepError("storage", "store", servers.error().message(), "See the server log.");
    }
    servers_ = std::move(servers).value();
    if (servers_.targets.empty()) {
        return StepError("no_servers",
                         "settings",
                         "the group has no EC2, Lambda or ECR server to export",
                         "Register EC2 instances, Lambda functions or ECR images first.");
    }
    account_ = group_.aws.account_id;
    if (account_.empty()) {
        auto who = clients_.sts->GetCallerIdentity();
        if (!who.ok()) {
            return SbomAwsError(who.error(), "sts:GetCallerIdentity", group_.sbom);
        }
        account_ = who->account;
    }
    // R15: Inspector must be enabled in the account.
    auto states = clients_.inspector->BatchGetAccountStatus({account_});
    if (!states.ok()) {
        return SbomAwsError(states.error(), "inspector2:BatchGetAccountStatus", group_.sbom);
    }
    for (const auto& s : *states) {
        if (!s.status.empty() && s.status != "ENABLED") {
            return StepError("inspector_disabled",
                             "inspector2:BatchGetAccountStatus",
                             "Amazon Inspector is " + s.status + " in account " + s.account_id,
                             "Enable Amazon Inspector in account " + s.account_id + " (region " +
                                 group_.aws.region + "), then run the export again.");
        }
    }
    auto index = LoadAdvisoryIndex(ctx_.store);
    if (!index.ok()) {
        return StepError("storage", "store", index.error().message(), "See the server log.");
    }
    advisories_ = std::move(index).value();
    return std::nullopt;
}

std::optional<domain::ScanError> JobRun::ExportAndWait(std::string* report_prefix) {
    ports::SbomExportRequest req;
    req.report_format = group_.sbom.format;
    req.bucket_name = group_.sbom.bucket;
    req.key_prefix = group_.sbom.key_prefix;
    req.kms_key_arn = group_.sbom.kms_key_arn;
    // Restricted to the group's account, the resource types it registered, and (for images)
    // its registered tags; servers of other groups or unregistered resources that still come
    // back are skipped and listed.
    req.account_id = {Eq(account_)};
    for (const auto& t : servers_.types) {
        req.resource_type.push_back(Eq(t));
    }
    for (const auto& tag : servers_.ecr_tags) {
        req.ecr_image_tags.push_back(Eq(tag));
    }
    auto id = clients_.inspector->CreateSbomExport(req);
    if (!id.ok()) {
        return SbomAwsError(id.error(), "inspector2:CreateSbomExport", group_.sbom);
    }
    auto waited = std::chrono::milliseconds(0);
    auto delay = options_.poll_initial;
    while (true) {
        auto status = clients_.inspector->GetSbomExport(*id);
        if (!status.ok()) {
            return SbomAwsError(status.error(), "inspector2:GetSbomExport", group_.sbom);
        }
        if (status->status == "SUCCEEDED") {
            break;
        }
        if (status->status == "FAILED" || status->status == "CANCELLED") {
            std::string code = status->error_code.empty() ? status->status : status->error_code;
            return StepError(
                "export_" + ToLower(code),
                "inspector2:GetSbomExport",
                "Inspector's SBOM export " + *id + " ended " + status->status + ": " + code +
                    (status->error_message.empty() ? "" : " (" + status->error_message + ")"),
                ExportFailureHint(code, group_.sbom, group_.aws.region));
        }
        bool stopping = options_.stop != nullptr && options_.stop->load();
        if (waited >= options_.timeout || stopping) {
            auto cancelled = clients_.inspector->CancelSbomExport(*id);
            return StepError(
                stopping ? "export_cancelled" : "export_timeout",
                "inspector2:GetSbomExport",
                "Inspector's SBOM export " + *id + " was still " + status->status + " after " +
                    std::to_string(waited.count() / 1000) + " s" +
                    (stopping ? " when kensa shut down" : "") +
                    (cancelled.ok() ? "; it was cancelled" : "; cancelling it failed too"),
                stopping ? "Run the bulk export again once kensa is back."
                         : "Large accounts take longer: raise the export timeout ([sbom] "
                           "timeout_seconds), or export fewer resources.");
        }
        // Sleep in slices of at most a second, so a shutdown is not held up by a long backoff.
        for (auto slept = std::chrono::milliseconds(0); slept < delay;) {
            auto slice = std::min(delay - slept, std::chrono::milliseconds(1000));
            ctx_.clock.SleepFor(slice);
            slept += slice;
            if (options_.stop != nullptr && options_.stop->load()) {
                break;
            }
        }
        waited += delay;
        delay = std::min(options_.poll_max, delay * 2);
    }
    std::string prefix = group_.sbom.key_prefix;
    while (!prefix.empty() && prefix.back() == '/') {
        prefix.pop_back();
    }
    *report_prefix =
        (prefix.empty() ? "" : prefix + "/") + group_.sbom.format + "_outputs_" + *id + "/";
    return std::nullopt;
}

std::optional<domain::ScanError> JobRun::ListAndMatch(const std::string& prefix) {
    std::vector<std::string> keys;
    Status listed = clients_.s3->ListObjects(
        group_.sbom.bucket, prefix, [&](std::vector<ports::S3Object>&& page) {
            for (auto& o : page) {
                keys.push_back(std::move(o.key));
            }
            return true;
        });
    if (!listed.ok()) {
        return SbomAwsError(listed.error(), "s3:ListBucket", group_.sbom);
    }
    // Image digests to repository and tags: the export names images by digest, servers by tag.
    std::map<std::string, std::vector<ImageTags>> images;  ///< digest -> every repository holding it
    if (servers_.types.count(kEcr) != 0) {
        ports::CoverageFilter filter;
        filter.resource_type = {Eq(kEcr)};
        Status st = clients_.inspector->ListCoverage(
            filter, [&](std::vector<ports::CoveredResource>&& page) {
                for (const auto& r : page) {
                    auto digest = DigestOfImageArn(r.resource_id);
                    if (!digest.empty()) {
                        std::string repo = r.ecr_image_repository.empty()
                                               ? RepositoryOfImageArn(r.resource_id)
                                               : r.ecr_image_repository;
                        images[digest].push_back({repo, r.ecr_image_tags});
                    }
                }
                return true;
            });
        if (!st.ok()) {
            return SbomAwsError(st.error(), "inspector2:ListCoverage", group_.sbom);
        }
    }
    for (const auto& key : keys) {
        auto res = ResourceFromKey(key);
        if (!res) {
            Skip(key, "not an SBOM document of a known resource type");
            continue;
        }
        if (res->type == kEc2) {
            auto it = servers_.ec2.find(res->id);
            if (it == servers_.ec2.end()) {
                Skip(res->id,
                     "EC2 instance is not registered in this group (or its server is not in "
                     "inspector_sbom mode)");
                continue;
            }
            servers_.targets[it->second].objects.push_back({key, std::nullopt});
        } else if (res->type == kLambda) {
            if (!res->qualifier.empty() && res->qualifier != "$LATEST") {
                Skip(res->id + ":" + res->qualifier,
                     "Lambda version " + res->qualifier +
                         " is not the latest; only $LATEST is imported (R15)");
                continue;
            }
            auto it = servers_.lambda.find(res->id);
            if (it == servers_.lambda.end()) {
                Skip(res->id,
                     "Lambda function is not registered on any pseudo server of this group (ARNs "
                     "must match "
                     "exactly, including account and region)");
                continue;
            }
            servers_.targets[it->second.first].objects.push_back({key, it->second.second});
        } else if (res->type == kEcr) {
            auto img = images.find(res->id);
            std::vector<ImageTags> holders =
                img != images.end() ? img->second : std::vector<ImageTags>{{res->repository, {}}};
            std::string repo = holders.front().repository;
            std::vector<std::string> tags;
            std::set<size_t> targets;
            for (const auto& holder : holders) {
                // The key names the repository (ambiguous only when a name contains '_'); an
                // image pushed to two repositories goes to each one's registered tags.
                if (!res->repository.empty() && holders.size() > 1 && holder.repository != res->repository) {
                    continue;
                }
                for (const auto& tag : holder.tags) {
                    tags.push_back(tag);
                    auto it = servers_.ecr.find(holder.repository + "\n" + tag);
                    if (it != servers_.ecr.end()) {
                        targets.insert(it->second.begin(), it->second.end());
                    }
                }
            }
            for (size_t t : targets) {
                servers_.targets[t].objects.push_back({key, std::nullopt});
            }
            bool matched = !targets.empty();
            if (!matched) {
                Skip(repo + "@" + res->id,
                     tags.empty() ? "image has no tag known to Inspector's coverage"
                                  : "no registered server for tags " + Join(tags, ", ") +
                                        " of this image (only registered tags are imported)");
            }
        } else {
            Skip(key, "resource type " + res->type + " is not imported");
        }
    }
    return std::nullopt;
}

// One unit of import: every document of an EC2 instance or an ECR image tag, or one Lambda
// function's document on a pseudo server (its reconcile is scoped to that function, so memory
// follows one function and functions missing from an export keep what they had).
std::optional<domain::ScanError> JobRun::ImportUnit(Target& target, const std::vector<size_t>& unit,
                                                    std::optional<domain::Id> lambda_scope, ClassifyCache& classes,
                                                    UnitResult* result) {
    domain::ScanObservation obs;
    obs.source = domain::DetectionSource::kSbom;
    obs.software_source = domain::SoftwareSource::kSbom;
    obs.scan_label = "Inspector SBOM export";
    obs.takeover_comment = kTakeoverComment;
    obs.lambda_scope = lambda_scope;
    std::set<std::string> vuln_ids;
    // A document that cannot be used leaves its unit as the previous import stored it (a
    // partial observation would remove the other documents' software); every document of the
    // unit is listed as skipped with the reason.
    auto abandon = [&](size_t failed, const std::string& reason) -> std::optional<domain::ScanError> {
        for (size_t i : unit) {
            const std::string& key = target.objects[i].first;
            Skip(key, i == failed ? reason
                                  : "not imported: another document of server '" + target.server.name +
                                        "' failed (" + reason + "); its previous SBOM is kept");
        }
        partial_ = true;
        return std::nullopt;
    };
    int64_t components = 0;
    std::vector<std::string> keys;
    for (size_t index : unit) {
        const auto& [key, lambda_fn] = target.objects[index];
        // The object streams from S3 into the reader: only the element being read is buffered,
        // whatever the document's size. Components go straight into the observation.
        std::unordered_map<std::string, size_t> by_ref;  // bom-ref -> index in obs.software
        // CycloneDX "affects" that came before their component: (bom-ref, vulnerability id).
        std::vector<std::pair<std::string, const std::string*>> pending;
        std::set<std::string> pending_ids;
        std::unordered_set<uint64_t> detected;  // (software index, vulnerability) pairs already added
        std::unordered_map<std::string, uint32_t> vuln_index;
        std::optional<std::string> too_many;
        int64_t doc_components = 0;
        auto add_detection = [&](size_t software, const std::string& vuln) {
            auto [it, added] = vuln_index.emplace(vuln, static_cast<uint32_t>(vuln_index.size()));
            if (!detected.insert(uint64_t{it->second} << 32 | software).second) {
                return;  // listed twice for the same component
            }
            domain::ObservedDetection det;
            det.vulnerability_id = vuln;
            det.software = obs.software[software].key;
            det.source_ref = kSbomRef;
            obs.detections.push_back(std::move(det));
            vuln_ids.insert(vuln);
        };
        sbom::StreamReader::Visitor visitor;
        // A unit's software is held until its one transaction, so a unit has a component cap.
        auto over_cap = [&] {
            if (static_cast<int64_t>(obs.software.size()) >= options_.max_components_per_resource && !too_many) {
                too_many = "more than " + std::to_string(options_.max_components_per_resource) +
                           " components for one resource";
            }
            return too_many.has_value();
        };
        visitor.component = [&](sbom::Component&& c) {
            if (over_cap()) {
                return;
            }
            Converted cv = ToSoftware(c, lambda_fn, classes);
            size_t row = obs.software.size();
            obs.software.push_back(std::move(cv.software));
            for (const auto& v : cv.vulnerabilities) {  // SPDX: listed on the package itself
                add_detection(row, v);
            }
            if (!c.ref.empty()) {
                by_ref.emplace(c.ref, row);  // the first component with a ref takes it
            }
            ++doc_components;
        };
        visitor.vulnerability = [&](const std::string& vuln, const std::vector<std::string>& refs) {
            if (!PlausibleVulnId(vuln)) {
                return;
            }
            const std::string* id = nullptr;
            for (const auto& ref : refs) {
                if (ref.empty()) {
                    continue;
                }
                if (auto it = by_ref.find(ref); it != by_ref.end()) {
                    add_detection(it->second, vuln);
                    continue;
                }
                if (pending.size() >= static_cast<size_t>(options_.max_components_per_resource)) {
                    too_many = "more than " + std::to_string(options_.max_components_per_resource) +
                               " vulnerability references ahead of their components";
                    return;
                }
                if (id == nullptr) {
                    id = &*pending_ids.insert(vuln).first;  // one copy of the id, however many refs
                }
                pending.emplace_back(ref, id);
            }
        };
        sbom::StreamReader reader(std::move(visitor));
        int64_t bytes = 0;
        bool too_big = false;
        Status fed = Ok();
        Status got = clients_.s3->GetObject(group_.sbom.bucket, key, [&](std::string_view chunk) {
            bytes += static_cast<int64_t>(chunk.size());
            if (bytes > options_.max_object_bytes) {
                too_big = true;
                return false;
            }
            fed = reader.Feed(chunk);
            return fed.ok();  // a broken document stops the download
        });
        if (too_big) {
            return abandon(index, "document larger than " + std::to_string(options_.max_object_bytes >> 20) + " MiB");
        }
        if (!fed.ok()) {
            return abandon(index, "unreadable SBOM document: " + fed.error().message());
        }
        if (too_many) {
            return abandon(index, "document not imported: " + *too_many);
        }
        if (!got.ok()) {
            if (got.error().code() == ErrorCode::kPermissionDenied ||
                got.error().code() == ErrorCode::kUnauthenticated) {
                return SbomAwsError(got.error(), "s3:GetObject", group_.sbom);
            }
            return abandon(index, "GetObject failed: " + got.error().message());
        }
        sbom::DocumentInfo info;
        auto read = reader.Finish(&info);
        if (!read.ok()) {
            return abandon(index, "unreadable SBOM document: " + read.error().message());
        }
        auto res = ResourceFromKey(key);
        std::string claimed = DocumentResourceId(info);
        if (res && !claimed.empty() && claimed != res->id) {
            return abandon(index, "document describes " + claimed + ", not " + res->id + " as its key says");
        }
        // CycloneDX vulnerabilities that named their components before them.
        for (const auto& [ref, vuln] : pending) {
            auto it = by_ref.find(ref);
            if (it != by_ref.end()) {
                add_detection(it->second, *vuln);
            }
        }
        components += doc_components;
        keys.push_back(key);
    }
    for (const auto& id : vuln_ids) {
        domain::Vulnerability v;
        v.id = id;
        obs.vulnerabilities.push_back(std::move(v));
    }
    // Every unit of a run is stamped with the run's start, so a pseudo server's functions are
    // one import (see the R13 rule in ApplyScan).
    auto applied = ctx_.store.ApplyScan(target.server.id, obs, {}, run_.started_at);
    if (!applied.ok()) {
        return StepError("storage", "store", applied.error().message(),
                         "The database refused the SBOM of server '" + target.server.name +
                             "'; nothing was changed for it. See the server log.");
    }
    run_.rows_written += applied->rows_written;
    run_.tasks_created += applied->tasks_created;
    run_.tasks_reopened += applied->tasks_reopened;
    run_.tasks_patched += applied->tasks_patched;
    run_.vulnerabilities += applied->vulnerabilities;
    run_.components_imported += components;
    run_.resources_imported += static_cast<int64_t>(keys.size());
    result->components += components;
    result->keys.insert(result->keys.end(), keys.begin(), keys.end());
    return std::nullopt;
}

std::optional<domain::ScanError> JobRun::ImportTarget(Target& target, ClassifyCache& classes) {
    std::vector<std::pair<std::vector<size_t>, std::optional<domain::Id>>> units;
    if (target.server.kind == domain::ServerKind::kPseudo) {
        for (size_t i = 0; i < target.objects.size(); ++i) {
            units.push_back({{i}, target.objects[i].second});
        }
    } else {
        std::vector<size_t> all(target.objects.size());
        for (size_t i = 0; i < all.size(); ++i) {
            all[i] = i;
        }
        units.push_back({all, std::nullopt});
    }
    UnitResult result;
    for (const auto& [unit, scope] : units) {
        if (auto err = ImportUnit(target, unit, scope, classes, &result)) {
            return err;
        }
    }
    if (result.keys.empty()) {
        return std::nullopt;
    }
    if (auto st = ctx_.store.RecordSbomImport(target.server.id, Join(result.keys, "\n"), result.components, Now(ctx_));
        !st.ok()) {
        log::Warn("could not record SBOM import", {{"server_id", std::to_string(target.server.id)}});
    }
    auto matched = MatchServer(ctx_, *advisories_, target.server);
    if (!matched.ok()) {
        log::Warn("advisory matching failed after SBOM import",
                  {{"server_id", std::to_string(target.server.id)}, {"error", matched.error().ToString()}});
        partial_ = true;
    } else {
        run_.rows_written += matched->rows_written;
        run_.tasks_created += matched->tasks_created;
    }
    return std::nullopt;
}

std::optional<domain::ScanError> JobRun::ImportTargets() {
    ClassifyCache classes([this](std::string_view eco, std::string_view name) {
        return advisories_->Knows(eco, name);
    });
    for (auto& target : servers_.targets) {
        if (target.objects.empty()) {
            continue;
        }
        if (auto err = ImportTarget(target, classes)) {
            return err;
        }
    }
    return std::nullopt;
}

domain::ScanRun JobRun::Go() {
    if (auto err = Prepare()) {
        return Fail(run_, *err, Now(ctx_));
    }
    std::string prefix;
    if (auto err = ExportAndWait(&prefix)) {
        return Fail(run_, *err, Now(ctx_));
    }
    if (auto err = ListAndMatch(prefix)) {
        return Fail(run_, *err, Now(ctx_));
    }
    if (auto err = ImportTargets()) {
        run_.resources_skipped = static_cast<int64_t>(run_.skipped.size());
        return Fail(run_, *err, Now(ctx_));
    }
    run_.resources_skipped = static_cast<int64_t>(run_.skipped.size());
    run_.findings_seen = run_.components_imported;
    run_.status = partial_ ? domain::ScanStatus::kPartial : domain::ScanStatus::kSucceeded;
    run_.finished_at = Now(ctx_);
    return run_;
}

}  // namespace

Result<domain::ScanRun> SbomExportJob::Execute(domain::ScanRun run) {
    run.status = domain::ScanStatus::kRunning;
    KENSA_TRY(ctx_.store.FinishScanRun(run));  // records "running"
    log::Info("sbom export starting",
              {{"group_id", std::to_string(run.group_id)}, {"run_id", std::to_string(run.id)}});
    domain::ScanRun done = JobRun(ctx_, options_, std::move(run)).Go();
    KENSA_TRY(ctx_.store.FinishScanRun(done));
    log::Info("sbom export finished",
              {{"group_id", std::to_string(done.group_id)},
               {"status", std::string(domain::ToString(done.status))},
               {"resources", std::to_string(done.resources_imported)},
               {"skipped", std::to_string(done.resources_skipped)},
               {"components", std::to_string(done.components_imported)},
               {"error", done.error ? done.error->code : ""}});
    return done;
}

void SbomJobRunner::Stop() {
    stop_ = true;
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mu_);
        threads.swap(threads_);
    }
    for (auto& t : threads) {
        t.join();
    }
}

void SbomJobRunner::Submit(domain::ScanRun queued) {
    std::lock_guard lock(mu_);
    threads_.emplace_back([this, queued = std::move(queued)]() mutable {
        SbomExportJob job(ctx_, options_);
        auto done = job.Execute(std::move(queued));
        if (!done.ok()) {
            log::Error("sbom export could not be recorded", {{"error", done.error().ToString()}});
        }
    });
}

// ---------------------------------------------------------------- diagnostics

Result<SbomDiagnostics> DiagnoseSbom(const AppContext& ctx, domain::Id group_id) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    SbomDiagnostics out;
    out.enabled = group.sbom.enabled;
    out.bucket = group.sbom.bucket;
    out.kms_key_arn = group.sbom.kms_key_arn;
    KENSA_ASSIGN_OR_RETURN(auto runs, ctx.store.ListScanRuns(group_id, 1000));
    for (const auto& r : runs) {
        if (r.type == domain::ScanType::kSbom) {
            out.last_run = r;
            out.unmatched = r.skipped;
            break;
        }
    }
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    for (const auto& s : servers) {
        SbomDiagnosis d;
        d.server_id = s.id;
        d.server = s.name;
        d.kind = std::string(domain::ToString(s.kind));
        d.scan_mode = std::string(domain::ToString(s.scan_mode));
        d.object_keys = s.sbom_object_key;
        d.components = s.sbom_components;
        d.imported_at = s.sbom_imported_at;
        switch (s.kind) {
            case domain::ServerKind::kEc2:
                d.identifiers = {s.instance_id};
                break;
            case domain::ServerKind::kEcrImage:
                d.identifiers = {s.repository + ":" + s.image_tag};
                break;
            case domain::ServerKind::kPseudo: {
                KENSA_ASSIGN_OR_RETURN(auto fns, ctx.store.ListLambdaFunctions(s.id));
                for (const auto& fn : fns) {
                    d.identifiers.push_back(fn.arn);
                }
                break;
            }
            case domain::ServerKind::kVuls:
                d.identifiers = {s.vuls_uuid};
                break;
        }
        if (s.kind == domain::ServerKind::kVuls) {
            d.verdict =
                "Vuls server: its software comes from Vuls results; the SBOM export never touches "
                "it.";
        } else if (!group.sbom.enabled) {
            d.verdict = "SBOM export is off for this group; only the normal Inspector scan runs.";
        } else if (s.scan_mode != domain::ScanMode::kInspectorSbom) {
            d.verdict =
                "Server is not in inspector_sbom mode; save the group's SBOM settings again to "
                "switch it.";
        } else if (!out.last_run) {
            d.verdict =
                "No SBOM export has run yet; start a bulk export or wait for the daily run.";
        } else if (s.sbom_imported_at == 0) {
            std::string status(domain::ToString(out.last_run->status));
            d.verdict =
                "No SBOM document matched this server in any export (last export: " + status +
                ")." +
                (out.last_run->error
                     ? " It failed at " + out.last_run->error->step + ": " +
                           out.last_run->error->message
                     : " Compare its identifiers with the unmatched resources below: the "
                       "instance id, function ARN or image tag must match exactly.");
        } else if (out.last_run->started_at > s.sbom_imported_at) {
            d.verdict = "Imported " + std::to_string(s.sbom_components) +
                        " components earlier, but the last export (" +
                        std::string(domain::ToString(out.last_run->status)) +
                        ") did not include it; the earlier software is kept.";
        } else {
            d.verdict = "Imported " + std::to_string(s.sbom_components) +
                        " components from the last export.";
        }
        out.servers.push_back(std::move(d));
    }
    return out;
}

}  // namespace kensa::app
