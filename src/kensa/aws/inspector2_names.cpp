#include "kensa/aws/inspector2_names.h"

#include <utility>

namespace kensa::aws {

std::string_view WireName(domain::ResourceType type) {
    switch (type) {
        case domain::ResourceType::kEc2Instance:
            return "AWS_EC2_INSTANCE";
        case domain::ResourceType::kEcrImage:
            return "AWS_ECR_CONTAINER_IMAGE";
        case domain::ResourceType::kLambdaFunction:
            return "AWS_LAMBDA_FUNCTION";
        case domain::ResourceType::kOther:
            break;
    }
    return "";
}

domain::ResourceType ResourceTypeFromWire(std::string_view name) {
    for (auto type : {domain::ResourceType::kEc2Instance,
                      domain::ResourceType::kEcrImage,
                      domain::ResourceType::kLambdaFunction}) {
        if (WireName(type) == name) {
            return type;
        }
    }
    return domain::ResourceType::kOther;
}

std::string_view WireName(ports::Comparison comparison) {
    switch (comparison) {
        case ports::Comparison::kEquals:
            return "EQUALS";
        case ports::Comparison::kPrefix:
            return "PREFIX";
        case ports::Comparison::kNotEquals:
            return "NOT_EQUALS";
    }
    return "EQUALS";
}

ports::SbomExportState SbomExportStateFromWire(std::string_view status) {
    if (status == "SUCCEEDED") {
        return ports::SbomExportState::kSucceeded;
    }
    if (status == "FAILED") {
        return ports::SbomExportState::kFailed;
    }
    if (status == "CANCELLED") {
        return ports::SbomExportState::kCancelled;
    }
    return ports::SbomExportState::kInProgress;
}

ports::SbomExportFailure SbomExportFailureFromWire(std::string_view code) {
    using F = ports::SbomExportFailure;
    static constexpr std::pair<std::string_view, F> kCodes[] = {
        {"INVALID_PERMISSIONS", F::kInvalidPermissions},
        {"BUCKET_NOT_FOUND", F::kBucketNotFound},
        {"INCOMPATIBLE_BUCKET_REGION", F::kIncompatibleBucketRegion},
        {"MALFORMED_KMS_KEY", F::kMalformedKmsKey},
        {"NO_FINDINGS_FOUND", F::kNoFindingsFound},
    };
    if (code.empty()) {
        return F::kNone;
    }
    for (const auto& [name, failure] : kCodes) {
        if (name == code) {
            return failure;
        }
    }
    return F::kOther;
}

}  // namespace kensa::aws
