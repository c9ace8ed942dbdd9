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

TEST(InspectorExportDocuments, PlatformFromTheOsComponentPropertiesOrSpdxNamespace) {
    InspectorSbomExport format;
    auto read = [&](const std::string& doc) {
        ports::SbomDocumentInfo info;
        auto reader = format.OpenDocument({});
        EXPECT_TRUE(reader->Feed(doc).ok());
        EXPECT_TRUE(reader->Finish(&info).ok());
        return info.platform;
    };
    // sbomgen writes an operating-system component; the export examples write none.
    EXPECT_EQ(read(R"({"bomFormat":"CycloneDX","specVersion":"1.5","components":[)"
                   R"({"bom-ref":"comp-1","type":"library","name":"x","version":"1"},)"
                   R"({"bom-ref":"comp-2","type":"operating-system","name":"Amazon Linux",)"
                   R"("version":"2023"}]})"),
              "Amazon Linux 2023");
    EXPECT_EQ(
        read(
            R"({"bomFormat":"CycloneDX","specVersion":"1.4","metadata":{"properties":[)"
            R"({"name":"imageId","value":"sha256:c8"},{"name":"architecture","value":"arm64"}]}})"),
        "");
    EXPECT_EQ(read(R"({"bomFormat":"CycloneDX","specVersion":"1.4","metadata":{"properties":[)"
                   R"({"name":"platform","value":"UBUNTU_22_04"}]}})"),
              "UBUNTU_22_04");
    // AWS's SPDX EC2 example.
    EXPECT_EQ(read(R"({"name":"409870544328/EC2/i-022fba820db137c64/ami-074ea14c08effb2d8",)"
                   R"("spdxVersion":"SPDX-2.3","documentNamespace":)"
                   R"("EC2://i-022fba820db137c64/AMAZON_LINUX_2/null/x86_64","packages":[]})"),
              "AMAZON_LINUX_2");
    EXPECT_EQ(read(R"({"spdxVersion":"SPDX-2.3","documentNamespace":"https://example.com/x"})"),
              "");
}

}  // namespace
}  // namespace kensa::sbom
