// lambda (rest-json, PascalCase members): ListFunctions (50 a page, Marker/NextMarker) and
// GetFunction (name, ARN, partial ARN, Qualifier).

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>

#include "emulator.h"
#include "iam.h"
#include "inspector2_json.h"
#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"

namespace kensa::emulator {
namespace {

using nlohmann::json;

constexpr int kLambdaPage = 50;

std::string LambdaTime(int64_t epoch) {
    std::string iso = FormatIso8601(std::chrono::system_clock::from_time_t(epoch));
    if (!iso.empty() && iso.back() == 'Z') {
        iso.pop_back();
    }
    return iso + ".000+0000";
}

std::string QueryParam(const std::string& query, std::string_view name) {
    for (const auto& part : Split(query, '&')) {
        auto eq = part.find('=');
        if (UriDecode(part.substr(0, eq), true) == name) {
            return eq == std::string::npos ? std::string() : UriDecode(part.substr(eq + 1), true);
        }
    }
    return {};
}

json Configuration(const Resource& f, const std::string& version, bool detailed) {
    std::string arn = f.Arn();
    json c = {
        {"FunctionName", f.function_name},
        {"FunctionArn", version == "$LATEST" ? arn : arn + ":" + version},
        {"Role", f.role_arn},
        {"CodeSize", f.code_size},
        {"Description", f.description},
        {"Timeout", f.timeout},
        {"MemorySize", f.memory_size},
        {"LastModified", LambdaTime(f.last_modified)},
        {"CodeSha256", f.code_sha256},
        {"Version", version},
        {"TracingConfig", {{"Mode", "PassThrough"}}},
        {"RevisionId", NewUuid()},
        {"PackageType", f.package_type},
        {"Architectures", {f.architecture == "arm64" ? "arm64" : "x86_64"}},
        {"EphemeralStorage", {{"Size", 512}}},
        {"SnapStart", {{"ApplyOn", "None"}, {"OptimizationStatus", "Off"}}},
        {"LoggingConfig", {{"LogFormat", "Text"}, {"LogGroup", "/aws/lambda/" + f.function_name}}}};
    if (f.package_type == "Zip") {
        c["Runtime"] = f.runtime;
        c["Handler"] = f.handler;
    }
    if (!f.layers.empty()) {
        c["Layers"] = json::array();
        for (const auto& layer : f.layers) {
            c["Layers"].push_back({{"Arn", layer}, {"CodeSize", 524288}});
        }
    }
    if (detailed) {
        c["State"] = "Active";
        c["LastUpdateStatus"] = "Successful";
    }
    return c;
}

}  // namespace

Response Emulator::HandleLambda(const std::string& op,
                                const aws::HttpRequest& req,
                                const Principal& caller) {
    std::string prefix = "arn:aws:lambda:" + region_ + ":" + caller.account_id + ":function:";
    if (op == "ListFunctions") {
        if (!ActionAllowed(caller.actions, "lambda:ListFunctions")) {
            return RenderError(
                Service::kLambda,
                AccessDenied(Service::kLambda, caller.arn, "lambda:ListFunctions", prefix + "*"),
                NewUuid());
        }
        int max_items = kLambdaPage;
        std::string max_param = QueryParam(req.query, "MaxItems");
        if (!max_param.empty()) {
            max_items = std::atoi(max_param.c_str());
            if (max_items < 1 || max_items > 10000) {
                return RenderError(
                    Service::kLambda,
                    ValidationError(Service::kLambda,
                                    "1 validation error detected: Value '" + max_param +
                                        "' at 'maxItems' failed to satisfy "
                                        "constraint: Member must have value less "
                                        "than or equal to 10000"),
                    NewUuid());
            }
            max_items = std::min(max_items, kLambdaPage);
        }
        size_t offset = 0;
        std::string marker = QueryParam(req.query, "Marker");
        if (!marker.empty() && !DecodeToken(marker, &offset)) {
            return RenderError(Service::kLambda,
                               ValidationError(Service::kLambda, "Invalid marker: " + marker),
                               NewUuid());
        }
        bool all_versions = QueryParam(req.query, "FunctionVersion") == "ALL";
        std::shared_lock lock(mu_);
        std::vector<json> entries;
        std::vector<const Resource*> fns;
        for (const auto& r : fleet_.resources) {
            if (r.type == ResourceType::kLambdaFunction && r.account_id == caller.account_id &&
                r.region == region_) {
                fns.push_back(&r);
            }
        }
        std::sort(fns.begin(), fns.end(), [](const Resource* a, const Resource* b) {
            return a->function_name < b->function_name;
        });
        for (const Resource* f : fns) {
            entries.push_back(Configuration(*f, "$LATEST", false));
            if (all_versions) {
                for (const auto& v : f->versions) {
                    entries.push_back(Configuration(*f, v, false));
                }
            }
        }
        json out = {{"Functions", json::array()}};
        size_t end = std::min(entries.size(), offset + static_cast<size_t>(max_items));
        for (size_t i = offset; i < end; ++i) {
            out["Functions"].push_back(entries[i]);
        }
        if (end < entries.size()) {
            out["NextMarker"] = EncodeToken(end);
        }
        return JsonOk(out.dump());
    }
    // GetFunction
    std::string name = UriDecode(req.path.substr(std::string("/2015-03-31/functions/").size()));
    std::string qualifier = QueryParam(req.query, "Qualifier");
    std::string bare = name;
    if (StartsWith(bare, "arn:aws:lambda:")) {
        auto parts = Split(bare, ':');  // arn aws lambda region acct function name [qualifier]
        if (parts.size() < 7 || parts[5] != "function") {
            return RenderError(Service::kLambda,
                               ValidationError(Service::kLambda, "Invalid function ARN " + name),
                               NewUuid());
        }
        bare = parts[6];
        if (parts.size() > 7 && qualifier.empty()) {
            qualifier = parts[7];
        }
    } else if (bare.find(":function:") != std::string::npos) {
        auto parts = Split(bare, ':');  // acct function name [qualifier]
        bare = parts.size() > 2 ? parts[2] : bare;
        if (parts.size() > 3 && qualifier.empty()) {
            qualifier = parts[3];
        }
    } else if (auto colon = bare.find(':'); colon != std::string::npos) {
        if (qualifier.empty()) {
            qualifier = bare.substr(colon + 1);
        }
        bare = bare.substr(0, colon);
    }
    std::string arn = prefix + bare;
    if (!ActionAllowed(caller.actions, "lambda:GetFunction")) {
        return RenderError(Service::kLambda,
                           AccessDenied(Service::kLambda, caller.arn, "lambda:GetFunction", arn),
                           NewUuid());
    }
    std::shared_lock lock(mu_);
    const Resource* fn = nullptr;
    for (const auto& r : fleet_.resources) {
        if (r.type == ResourceType::kLambdaFunction && r.function_name == bare &&
            r.account_id == caller.account_id && r.region == region_) {
            fn = &r;
        }
    }
    std::string version = qualifier.empty() ? "$LATEST" : qualifier;
    bool version_ok =
        fn != nullptr &&
        (version == "$LATEST" ||
         std::find(fn->versions.begin(), fn->versions.end(), version) != fn->versions.end());
    if (!version_ok) {
        AwsError err{404,
                     "ResourceNotFoundException",
                     "Function not found: " + arn + (qualifier.empty() ? "" : ":" + qualifier),
                     {},
                     {}};
        return RenderError(Service::kLambda, err, NewUuid());
    }
    json out = {{"Configuration", Configuration(*fn, version, true)}};
    if (fn->package_type == "Image") {
        std::string uri = fn->image_uri.empty()
                              ? fn->account_id + ".dkr.ecr." + region_ + ".amazonaws.com/" +
                                    fn->function_name + ":latest"
                              : fn->image_uri;
        std::string repo = uri.substr(0, uri.find_last_of(':'));
        out["Code"] = {
            {"RepositoryType", "ECR"},
            {"ImageUri", uri},
            {"ResolvedImageUri", repo + "@sha256:" + crypto::Sha256Hex(fn->function_name + uri)}};
        out["Configuration"]["ImageConfigResponse"] = json::object();
    } else {
        out["Code"] = {{"RepositoryType", "S3"},
                       {"Location",
                        "https://awslambda-" + region_ + "-tasks.s3." + region_ +
                            ".amazonaws.com/snapshots/" + fn->account_id + "/" + fn->function_name +
                            "-" + NewUuid() + "?X-Amz-Expires=600"}};
    }
    json tags = json::object();
    for (const auto& [k, v] : fn->tags) {
        tags[k] = v;
    }
    out["Tags"] = tags;
    return JsonOk(out.dump());
}

}  // namespace kensa::emulator
