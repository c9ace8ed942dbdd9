#include "kensa/aws/inspector2_names.h"

#include <gtest/gtest.h>

namespace kensa::aws {
namespace {

TEST(Inspector2Names, ResourceTypesRoundTripAndUnknownTypesAreOther) {
    for (auto type : {domain::ResourceType::kEc2Instance,
                      domain::ResourceType::kEcrImage,
                      domain::ResourceType::kLambdaFunction}) {
        EXPECT_EQ(ResourceTypeFromWire(WireName(type)), type);
    }
    EXPECT_EQ(WireName(domain::ResourceType::kLambdaFunction), "AWS_LAMBDA_FUNCTION");
    EXPECT_EQ(ResourceTypeFromWire("AWS_ECR_REPOSITORY"), domain::ResourceType::kOther);
    EXPECT_EQ(ResourceTypeFromWire(""), domain::ResourceType::kOther);
    EXPECT_EQ(WireName(ports::Comparison::kNotEquals), "NOT_EQUALS");
}

TEST(Inspector2Names, SbomExportStatusAndErrorCodes) {
    EXPECT_EQ(SbomExportStateFromWire("SUCCEEDED"), ports::SbomExportState::kSucceeded);
    EXPECT_EQ(SbomExportStateFromWire("CANCELLED"), ports::SbomExportState::kCancelled);
    EXPECT_EQ(SbomExportStateFromWire("FAILED"), ports::SbomExportState::kFailed);
    EXPECT_EQ(SbomExportStateFromWire("PENDING"), ports::SbomExportState::kInProgress);
    EXPECT_EQ(SbomExportFailureFromWire("BUCKET_NOT_FOUND"),
              ports::SbomExportFailure::kBucketNotFound);
    EXPECT_EQ(SbomExportFailureFromWire("MALFORMED_KMS_KEY"),
              ports::SbomExportFailure::kMalformedKmsKey);
    EXPECT_EQ(SbomExportFailureFromWire("INTERNAL_ERROR"), ports::SbomExportFailure::kOther);
    EXPECT_EQ(SbomExportFailureFromWire(""), ports::SbomExportFailure::kNone);
}

}  // namespace
}  // namespace kensa::aws
