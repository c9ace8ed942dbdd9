#pragma once
// inspector2's wire names for the enums of ports/aws_api.h: the one place they are spelled.

#include <string_view>

#include "kensa/ports/aws_api.h"

namespace kensa::aws {

/// AWS_EC2_INSTANCE, AWS_ECR_CONTAINER_IMAGE, AWS_LAMBDA_FUNCTION; "" for kOther.
std::string_view WireName(domain::ResourceType type);
/// The inverse; kOther for any other name (AWS_ECR_REPOSITORY, AWS_ACCOUNT, ...).
domain::ResourceType ResourceTypeFromWire(std::string_view name);
/// EQUALS, PREFIX, NOT_EQUALS.
std::string_view WireName(ports::Comparison comparison);

}  // namespace kensa::aws
