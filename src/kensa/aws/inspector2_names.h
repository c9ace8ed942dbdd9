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

/// GetSbomExport's status; kInProgress for PENDING, IN_PROGRESS and any unknown value (it is
/// asked again).
ports::SbomExportState SbomExportStateFromWire(std::string_view status);
/// GetSbomExport's errorCode; kNone for "", kOther for a code without a kensa name.
ports::SbomExportFailure SbomExportFailureFromWire(std::string_view code);

}  // namespace kensa::aws
