#include "kensa/formats/sbom/inspector_export.h"

#include <string>
#include <vector>

#include "kensa/common/strings.h"

namespace kensa::sbom {
namespace {

// Key names of the resource types, as the export writes them.
constexpr std::string_view kEc2 = "AWS_EC2_INSTANCE";
constexpr std::string_view kLambda = "AWS_LAMBDA_FUNCTION";
constexpr std::string_view kEcr = "AWS_ECR_CONTAINER_IMAGE";

std::string JoinFirst(const std::vector<std::string>& parts, size_t n, char sep) {
    std::string out;
    for (size_t i = 0; i < n && i < parts.size(); ++i) {
        out += (i == 0 ? "" : std::string(1, sep)) + parts[i];
    }
    return out;
}

std::string DigestOf(const std::string& text) {
    auto pos = text.find("sha256:");
    return pos == std::string::npos ? "" : text.substr(pos);
}

class Reader final : public ports::SbomDocumentReader {
public:
    Reader(ports::SbomVisitor visitor, StreamLimits limits) : reader_(std::move(visitor), limits) {}
    Status Feed(std::string_view chunk) override { return reader_.Feed(chunk); }
    Result<ports::SbomReadStats> Finish(ports::SbomDocumentInfo* info) override {
        KENSA_ASSIGN_OR_RETURN(auto stats, reader_.Finish(info));
        if (info != nullptr) {
            info->subject_id = DocumentSubject(*info);
            if (info->platform.empty()) {
                info->platform = DocumentPlatform(*info);
            }
        }
        return stats;
    }

private:
    StreamReader reader_;
};

}  // namespace

std::unique_ptr<ports::SbomDocumentReader> InspectorSbomExport::OpenDocument(
    ports::SbomVisitor visitor) const {
    return std::make_unique<Reader>(std::move(visitor), limits_);
}

std::optional<ports::SbomExportObject> InspectorSbomExport::ParseObjectKey(
    std::string_view key) const {
    return ParseExportKey(key);
}

std::optional<ports::SbomExportObject> ParseExportKey(std::string_view key_view) {
    std::string key(key_view);
    auto marker = key.find("/resource=");
    if (marker == std::string::npos) {
        return std::nullopt;
    }
    auto slash = key.find('/', marker + 10);
    if (slash == std::string::npos) {
        return std::nullopt;
    }
    ports::SbomExportObject r;
    r.type_name = key.substr(marker + 10, slash - marker - 10);
    std::string file = key.substr(slash + 1);
    for (std::string_view fmt : {"_CYCLONEDX_1_4.json", "_SPDX_2_3.json"}) {
        if (EndsWith(file, fmt)) {
            file.erase(file.size() - fmt.size());
        }
    }
    if (r.type_name == kEc2) {
        r.type = domain::ResourceType::kEc2Instance;
        auto pos = file.find("instance_");
        r.id = pos != std::string::npos ? file.substr(pos + 9) : file;
        return r.id.rfind("i-", 0) == 0 ? std::optional(r) : std::nullopt;
    }
    if (r.type_name == kLambda) {
        r.type = domain::ResourceType::kLambdaFunction;
        auto parts = Split(file, ':');
        if (parts.size() < 7 || parts[5] != "function") {
            return std::nullopt;
        }
        r.id = JoinFirst(parts, 7, ':');
        r.qualifier = parts.size() > 7 ? parts[7] : "";
        return r;
    }
    if (r.type_name == kEcr) {
        r.type = domain::ResourceType::kEcrImage;
        r.id = DigestOf(file);
        auto repo = file.find(":repository_");
        auto digest = file.rfind("_sha256:");
        if (repo != std::string::npos && digest != std::string::npos && digest > repo + 12) {
            r.repository = file.substr(repo + 12, digest - repo - 12);
        }
        return r.id.empty() ? std::nullopt : std::optional(r);
    }
    return r;  // a resource type kensa does not import: the caller says so
}

std::string DocumentPlatform(const DocumentInfo& info) {
    for (const auto& [name, value] : info.properties) {
        if (name == "platform" || name == "os") {
            return value;
        }
    }
    // "EC2://<instance-id>/<PLATFORM>/null/<arch>", as in AWS's SPDX example; the namespaces
    // of the other resource types are not documented.
    constexpr std::string_view kEc2Scheme = "EC2://";
    const std::string& ns = info.document_namespace;
    if (StartsWith(ns, kEc2Scheme)) {
        auto parts = Split(ns.substr(kEc2Scheme.size()), '/');
        return parts.size() >= 2 ? parts[1] : "";
    }
    return "";
}

std::string DocumentSubject(const DocumentInfo& info) {
    for (const auto& [name, value] : info.properties) {
        if (name == "instanceId" || name == "imageId") {
            return value;
        }
        if (name == "functionArn") {
            auto parts = Split(value, ':');
            return parts.size() > 7 ? JoinFirst(parts, 7, ':') : value;
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

}  // namespace kensa::sbom
