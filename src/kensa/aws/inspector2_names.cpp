#include "kensa/aws/inspector2_names.h"

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
    for (auto type : {domain::ResourceType::kEc2Instance, domain::ResourceType::kEcrImage,
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

}  // namespace kensa::aws
