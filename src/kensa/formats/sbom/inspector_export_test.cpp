#include "kensa/formats/sbom/inspector_export.h"

#include <gtest/gtest.h>

namespace kensa::sbom {
namespace {

TEST(InspectorExportKeys, ResourcesFromInspectorExportKeys) {
    auto ecr = ParseExportKey(
        "p/CYCLONEDX_1_4_outputs_75fe89e2-aad1-4a7e-8240-44d70e687eeb/account=187940674018/"
        "resource=AWS_ECR_CONTAINER_IMAGE/"
        "arn:aws:ecr:us-east-1:187940674018:repository_webapp-legacyassets_sha256:"
        "1ffd88db3d0754bceaa663a63a789c6b57bce154af36c8a2f7210bfaed943660_CYCLONEDX_1_4.json");
    ASSERT_TRUE(ecr.has_value());
    EXPECT_EQ(ecr->type, domain::ResourceType::kEcrImage);
    EXPECT_EQ(ecr->id, "sha256:1ffd88db3d0754bceaa663a63a789c6b57bce154af36c8a2f7210bfaed943660");
    EXPECT_EQ(ecr->repository, "webapp-legacyassets");
    auto fn = ParseExportKey(
        "SPDX_2_3_outputs_x/account=1/resource=AWS_LAMBDA_FUNCTION/"
        "arn:aws:lambda:us-east-1:123456789012:function:orders-api:2_SPDX_2_3.json");
    ASSERT_TRUE(fn.has_value());
    EXPECT_EQ(fn->type, domain::ResourceType::kLambdaFunction);
    EXPECT_EQ(fn->id, "arn:aws:lambda:us-east-1:123456789012:function:orders-api");
    EXPECT_EQ(fn->qualifier, "2");
    auto ec2 = ParseExportKey(
        "x/account=1/resource=AWS_EC2_INSTANCE/"
        "arn:aws:ec2:us-east-1:1:instance_i-0abc_CYCLONEDX_1_4.json");
    ASSERT_TRUE(ec2.has_value());
    EXPECT_EQ(ec2->type, domain::ResourceType::kEc2Instance);
    EXPECT_EQ(ec2->id, "i-0abc");
    auto other = ParseExportKey("x/account=1/resource=AWS_ECR_REPOSITORY/whatever.json");
    ASSERT_TRUE(other.has_value());
    EXPECT_EQ(other->type, domain::ResourceType::kOther);
    EXPECT_EQ(other->type_name, "AWS_ECR_REPOSITORY");
    EXPECT_FALSE(ParseExportKey("x/account=1/resource=AWS_EC2_INSTANCE/garbage.json").has_value());
    EXPECT_FALSE(ParseExportKey("no-resource-segment.json").has_value());
    EXPECT_FALSE(
        ParseExportKey("x/resource=AWS_LAMBDA_FUNCTION/arn:aws:lambda:short_CYCLONEDX_1_4.json")
            .has_value());
}

TEST(InspectorExportDocuments, SubjectFromCycloneDxPropertiesOrTheSpdxName) {
    InspectorSbomExport format;
    ports::SbomDocumentInfo info;
    auto reader = format.OpenDocument({});
    ASSERT_TRUE(
        reader
            ->Feed(
                R"({"bomFormat":"CycloneDX","specVersion":"1.4","metadata":{"properties":[)"
                R"({"name":"functionArn","value":"arn:aws:lambda:us-east-1:1:function:f:$LATEST"}]}})")
            .ok());
    ASSERT_TRUE(reader->Finish(&info).ok());
    EXPECT_EQ(info.subject_id, "arn:aws:lambda:us-east-1:1:function:f");

    ports::SbomDocumentInfo spdx;
    spdx.name = "111122223333/EC2/i-0abc/ami-1";
    EXPECT_EQ(DocumentSubject(spdx), "i-0abc");
    spdx.name = "111122223333/ECR/web/sha256:ab";
    EXPECT_EQ(DocumentSubject(spdx), "sha256:ab");
    spdx.name = "something else";
    EXPECT_EQ(DocumentSubject(spdx), "");
}

}  // namespace
}  // namespace kensa::sbom
