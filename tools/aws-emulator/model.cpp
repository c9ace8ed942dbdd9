#include "model.h"

namespace kensa::emulator {

std::string_view ResourceTypeName(ResourceType type) {
    switch (type) {
        case ResourceType::kEc2Instance:
            return "AWS_EC2_INSTANCE";
        case ResourceType::kEcrImage:
            return "AWS_ECR_CONTAINER_IMAGE";
        case ResourceType::kLambdaFunction:
            return "AWS_LAMBDA_FUNCTION";
    }
    return "AWS_EC2_INSTANCE";
}

std::optional<ResourceType> ParseResourceType(std::string_view name) {
    if (name == "AWS_EC2_INSTANCE") {
        return ResourceType::kEc2Instance;
    }
    if (name == "AWS_ECR_CONTAINER_IMAGE") {
        return ResourceType::kEcrImage;
    }
    if (name == "AWS_LAMBDA_FUNCTION") {
        return ResourceType::kLambdaFunction;
    }
    return std::nullopt;
}

bool Account::Enabled(ResourceType type) const {
    switch (type) {
        case ResourceType::kEc2Instance:
            return ec2_enabled;
        case ResourceType::kEcrImage:
            return ecr_enabled;
        case ResourceType::kLambdaFunction:
            return lambda_enabled;
    }
    return false;
}

std::string Resource::Arn() const {
    switch (type) {
        case ResourceType::kEc2Instance:
            return "arn:aws:ec2:" + region + ":" + account_id + ":instance/" + instance_id;
        case ResourceType::kEcrImage:
            return "arn:aws:ecr:" + region + ":" + account_id + ":repository/" + repository + "/" +
                   digest;
        case ResourceType::kLambdaFunction:
            return "arn:aws:lambda:" + region + ":" + account_id + ":function:" + function_name;
    }
    return id;
}

const Package* Resource::FindPackage(std::string_view pkg_name) const {
    for (const auto& pkg : packages) {
        if (pkg.name == pkg_name) {
            return &pkg;
        }
    }
    return nullptr;
}

const Account* Fleet::FindAccount(std::string_view account_id) const {
    for (const auto& account : accounts) {
        if (account.id == account_id) {
            return &account;
        }
    }
    return nullptr;
}

Resource* Fleet::FindResource(std::string_view id_or_name) {
    for (auto& resource : resources) {
        if (resource.id == id_or_name || resource.Arn() == id_or_name ||
            (!resource.instance_id.empty() && resource.instance_id == id_or_name) ||
            (!resource.function_name.empty() && resource.function_name == id_or_name)) {
            return &resource;
        }
    }
    return nullptr;
}

const Resource* Fleet::FindResource(std::string_view id_or_name) const {
    return const_cast<Fleet*>(this)->FindResource(id_or_name);
}

const Bucket* Fleet::FindBucket(std::string_view bucket_name) const {
    for (const auto& bucket : buckets) {
        if (bucket.name == bucket_name) {
            return &bucket;
        }
    }
    return nullptr;
}

}  // namespace kensa::emulator
