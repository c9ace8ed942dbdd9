// inspector2 CreateSbomExport / GetSbomExport / CancelSbomExport: asynchronous exports that
// write one document per resource into the emulated S3 bucket.

#include <mutex>
#include <regex>

#include "emulator.h"
#include "iam.h"
#include "inspector2_json.h"
#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"
#include "sbom_writer.h"

namespace kensa::emulator {
namespace {

using nlohmann::json;

bool ResourceSelected(const json& criteria, const Resource& r) {
    static const std::vector<std::string> kOps = {"EQUALS", "NOT_EQUALS"};
    for (const auto& [field, filters] : criteria.items()) {
        std::vector<std::string> values;
        if (field == "accountId") {
            values = {r.account_id};
        } else if (field == "resourceId") {
            values = {r.id, r.Arn()};
        } else if (field == "resourceType") {
            values = {std::string(ResourceTypeName(r.type))};
        } else if (field == "ecrRepositoryName") {
            if (r.type == ResourceType::kEcrImage) {
                values = {r.repository};
            }
        } else if (field == "lambdaFunctionName") {
            if (r.type == ResourceType::kLambdaFunction) {
                values = {r.function_name};
            }
        } else if (field == "ecrImageTags") {
            // Inspector ANDs its criteria: a resource without image tags (an EC2 instance, a
            // Lambda function) fails a tag criterion and is not exported.
            if (r.type == ResourceType::kEcrImage) {
                values = r.image_tags;
            }
        } else if (field == "ec2InstanceTags" || field == "lambdaFunctionTags") {
            bool applies = field == "ec2InstanceTags" ? r.type == ResourceType::kEc2Instance
                                                      : r.type == ResourceType::kLambdaFunction;
            if (!applies || !MatchMapFilters(filters, r.tags)) {
                return false;
            }
            continue;
        } else {
            return false;  // a criterion the emulator does not model: no resource has it
        }
        auto ok = MatchStringFilters(filters, values, kOps);
        if (!ok.ok() || !*ok) {
            return false;
        }
    }
    return true;
}

json ExportJson(const SbomExport& job) {
    json out = {{"reportId", job.report_id},
                {"format", job.format},
                {"status", job.status},
                {"s3Destination",
                 {{"bucketName", job.bucket},
                  {"keyPrefix", job.key_prefix},
                  {"kmsKeyArn", job.kms_key_arn}}}};
    json filter = json::parse(job.filter_json, nullptr, false);
    if (!filter.is_discarded() && !filter.empty()) {
        out["filterCriteria"] = filter;
    }
    if (!job.error_code.empty()) {
        out["errorCode"] = job.error_code;
        out["errorMessage"] = job.error_message;
    }
    return out;
}

}  // namespace

Response Emulator::CreateSbomExport(const std::string& body, const Principal& caller) {
    json req = body.empty() ? json::object() : json::parse(body, nullptr, false);
    auto invalid = [](const std::string& msg) {
        return RenderError(
            Service::kInspector2, ValidationError(Service::kInspector2, msg), NewUuid());
    };
    if (req.is_discarded() || !req.is_object()) {
        return invalid("Request body is not valid JSON");
    }
    std::string format = req.value("reportFormat", "");
    if (format != "CYCLONEDX_1_4" && format != "SPDX_2_3") {
        return invalid("1 validation error detected: Value '" + format +
                       "' at 'reportFormat' failed to satisfy constraint: Member must satisfy "
                       "enum value set: [CYCLONEDX_1_4, SPDX_2_3]");
    }
    json dest = req.value("s3Destination", json::object());
    if (!dest.is_object() || dest.value("bucketName", "").empty()) {
        return invalid("s3Destination.bucketName is required");
    }
    if (dest.value("kmsKeyArn", "").empty()) {
        return invalid("s3Destination.kmsKeyArn is required");
    }
    SbomExport job;
    job.report_id = NewUuid();
    job.account_id = caller.account_id;
    job.format = format;
    job.bucket = dest.value("bucketName", "");
    job.key_prefix = dest.value("keyPrefix", "");
    job.kms_key_arn = dest.value("kmsKeyArn", "");
    job.filter_json = req.value("resourceFilterCriteria", json::object()).dump();
    job.forced_failure = faults_.ExportFailureCode();
    std::unique_lock lock(mu_);
    if (auto busy = RunningExport(caller.account_id)) {
        return RenderError(Service::kInspector2, *busy, NewUuid());
    }
    job.created_at = Now();
    job.complete_at = job.created_at + fleet_.settings.sbom_export_seconds;
    auto [it, inserted] = exports_.emplace(job.report_id, job);
    if (fleet_.settings.sbom_export_seconds <= 0) {
        RunExport(&it->second);
    } else {
        ++pending_exports_;
    }
    return JsonOk(json{{"reportId", job.report_id}}.dump());
}

std::optional<AwsError> Emulator::RunningExport(const std::string& account_id) const {
    int limit = fleet_.settings.sbom_exports_at_once;
    int running = 0;
    const SbomExport* first = nullptr;
    for (const auto& [id, job] : exports_) {
        if (job.account_id == account_id && job.status == "IN_PROGRESS") {
            ++running;
            first = first == nullptr || job.created_at < first->created_at ? &job : first;
        }
    }
    if (limit == 0 || running < limit) {
        return std::nullopt;
    }
    // The model lists no error for this on CreateSbomExport; ConflictException is the
    // service's error for "the same resource is being modified by concurrent requests".
    return ConflictError("An SBOM export is already in progress for account " + account_id +
                             " (report " + first->report_id + "). Wait until it ends.",
                         first->report_id,
                         "SBOM_EXPORT");
}

Response Emulator::GetSbomExport(const std::string& body, const Principal& caller) {
    json req = body.empty() ? json::object() : json::parse(body, nullptr, false);
    std::string id = req.is_object() ? req.value("reportId", "") : std::string();
    std::shared_lock lock(mu_);
    auto it = exports_.find(id);
    if (it == exports_.end() || it->second.account_id != caller.account_id) {
        return RenderError(Service::kInspector2,
                           {404,
                            "ResourceNotFoundException",
                            "The report with id " + id + " could not be found.",
                            {},
                            {}},
                           NewUuid());
    }
    return JsonOk(ExportJson(it->second).dump());
}

Response Emulator::CancelSbomExport(const std::string& body, const Principal& caller) {
    json req = body.empty() ? json::object() : json::parse(body, nullptr, false);
    std::string id = req.is_object() ? req.value("reportId", "") : std::string();
    std::unique_lock lock(mu_);
    auto it = exports_.find(id);
    if (it == exports_.end() || it->second.account_id != caller.account_id) {
        return RenderError(Service::kInspector2,
                           {404,
                            "ResourceNotFoundException",
                            "The report with id " + id + " could not be found.",
                            {},
                            {}},
                           NewUuid());
    }
    if (it->second.status == "IN_PROGRESS") {
        it->second.status = "CANCELLED";
        --pending_exports_;
    }
    return JsonOk(json{{"reportId", id}}.dump());
}

void Emulator::RunExport(SbomExport* job) {
    auto fail = [job](const std::string& code, const std::string& msg) {
        job->status = "FAILED";
        job->error_code = code;
        job->error_message = msg;
    };
    if (!job->forced_failure.empty()) {
        fail(job->forced_failure, "Injected failure (" + job->forced_failure + ").");
        return;
    }
    const Bucket* bucket = fleet_.FindBucket(job->bucket);
    if (bucket == nullptr) {
        fail("BUCKET_NOT_FOUND", "The specified bucket does not exist: " + job->bucket);
        return;
    }
    if (bucket->region != region_) {
        fail("INCOMPATIBLE_BUCKET_REGION",
             "The bucket " + job->bucket + " is in " + bucket->region + ", not " + region_ + ".");
        return;
    }
    static const std::regex kKmsArn(R"(^arn:aws:kms:([a-z0-9-]+):(\d{12}):key/[A-Za-z0-9-]+$)");
    std::smatch m;
    if (!std::regex_match(job->kms_key_arn, m, kKmsArn)) {
        fail("MALFORMED_KMS_KEY", "The KMS key ARN " + job->kms_key_arn + " is malformed.");
        return;
    }
    bool known = false;
    for (const auto& key : fleet_.kms_keys) {
        known = known || key.arn == job->kms_key_arn;
    }
    if (!known) {
        fail("MALFORMED_KMS_KEY", "The KMS key " + job->kms_key_arn + " does not exist.");
        return;
    }
    if (m[1].str() != bucket->region) {
        fail("INCOMPATIBLE_BUCKET_REGION", "The KMS key and the bucket are in different regions.");
        return;
    }
    if (!bucket->kms_key_arn.empty() && bucket->kms_key_arn != job->kms_key_arn) {
        fail("INVALID_PERMISSIONS",
             "Amazon Inspector cannot use KMS key " + job->kms_key_arn + " for bucket " +
                 job->bucket + ".");
        return;
    }
    if (bucket->has_policy &&
        EvaluateBucketPolicy(
            *bucket, "inspector2.amazonaws.com", "", "s3:PutObject", job->key_prefix) !=
            PolicyDecision::kAllow) {
        fail("INVALID_PERMISSIONS",
             "The bucket policy does not allow inspector2.amazonaws.com to s3:PutObject.");
        return;
    }
    json criteria = json::parse(job->filter_json, nullptr, false);
    if (criteria.is_discarded()) {
        criteria = json::object();
    }
    int64_t now = Now();
    size_t written = 0;
    for (const auto& r : fleet_.resources) {
        const Account* account = fleet_.FindAccount(r.account_id);
        if (account == nullptr || !account->Enabled(r.type) || !r.Scanned() ||
            r.account_id != job->account_id || r.scan_status_code != "ACTIVE" ||
            !ResourceSelected(criteria, r)) {
            continue;
        }
        PackageVulns vulns;
        if (const auto* idx = findings_.ForResource(r.id)) {
            for (size_t i : *idx) {
                const FindingRecord& rec = findings_.records()[i];
                // INFERRED: a suppression rule only hides a finding; the package is still
                // vulnerable, so the document lists it. CLOSED findings are not listed.
                if (rec.status == "CLOSED") {
                    continue;
                }
                for (const auto& pkg : rec.packages) {
                    vulns[pkg.name].push_back(fleet_.vulnerabilities[rec.vuln_index].id);
                }
            }
        }
        S3Object obj;
        obj.data = job->format == "SPDX_2_3" ? SpdxDocument(r, vulns, now)
                                             : CycloneDxDocument(r, vulns, now);
        obj.content_type = "application/json";
        obj.etag = "\"" + crypto::Sha256Hex(obj.data).substr(0, 32) + "\"";
        obj.last_modified = now;
        obj.kms_key_arn = job->kms_key_arn;
        if (fleet_.settings.sbom_export_lambda_versions &&
            r.type == ResourceType::kLambdaFunction) {
            for (const auto& version : r.versions) {
                Resource qualified = r;
                qualified.id = r.Arn() + ":" + version;
                objects_[job->bucket][SbomObjectKey(
                    job->key_prefix, job->format, job->report_id, qualified)] = obj;
            }
        }
        objects_[job->bucket][SbomObjectKey(job->key_prefix, job->format, job->report_id, r)] =
            std::move(obj);
        ++written;
    }
    if (written == 0) {
        fail("NO_FINDINGS_FOUND", "No resources matched the filter criteria.");
        return;
    }
    job->status = "SUCCEEDED";
}

}  // namespace kensa::emulator
