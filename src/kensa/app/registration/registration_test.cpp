#include "kensa/app/registration/registration.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/mocks/aws_mocks.h"
#include "tests/mocks/groups.h"
#include "tests/mocks/store_mocks.h"

namespace kensa::app {
namespace {

using ::testing::_;
using ::testing::AllOf;
using ::testing::DoAll;
using ::testing::Field;
using ::testing::Invoke;
using ::testing::NiceMock;
using ::testing::Return;
using ::testing::SaveArg;

constexpr domain::Id kGroup = 1;
constexpr domain::Id kPseudo = 10;

ports::LambdaFunctionInfo Function(std::string name,
                                   std::string runtime,
                                   std::string package_type = "Zip") {
    ports::LambdaFunctionInfo f;
    f.function_name = name;
    f.function_arn = "arn:aws:lambda:us-east-1:123456789012:function:" + name;
    f.runtime = std::move(runtime);
    f.package_type = std::move(package_type);
    f.version = "$LATEST";
    return f;
}

class RegistrationTest : public ::testing::Test {
protected:
    RegistrationTest()
        : box_(*SecretBox::FromRawKey(std::string(32, 'k'))),
          clock_(1700000000),
          ctx_{store_, aws_.Factory(), box_, clock_} {
        group_ = testing::GroupWithAccessKey(box_, kGroup, "blue");
        ON_CALL(store_, GetGroup(kGroup)).WillByDefault(Return(Result<domain::Group>(group_)));
        ON_CALL(store_, AppendAudit(_)).WillByDefault(Return(Ok()));
        domain::Server pseudo;
        pseudo.id = kPseudo;
        pseudo.group_id = kGroup;
        pseudo.kind = domain::ServerKind::kPseudo;
        ON_CALL(store_, GetServer(kPseudo)).WillByDefault(Return(Result<domain::Server>(pseudo)));
    }

    NiceMock<testing::MockStore> store_;
    testing::MockAws aws_;
    SecretBox box_;
    ManualClock clock_;
    domain::Group group_;
    AppContext ctx_;
};

TEST_F(RegistrationTest, LambdaCandidatesFlagImagesAndUnsupportedRuntimes) {
    EXPECT_CALL(aws_.lambda, ListFunctions(_)).WillOnce(Invoke([](const auto& on_page) {
        on_page({Function("api", "python3.12"),
                 Function("legacy", "python3.7"),
                 Function("container", "", "Image")});
        return Ok();
    }));
    auto candidates = ListLambdaCandidates(ctx_, kGroup);
    ASSERT_TRUE(candidates.ok()) << candidates.error().ToString();
    ASSERT_EQ(candidates->size(), 3u);
    EXPECT_TRUE((*candidates)[0].registrable);
    EXPECT_TRUE((*candidates)[0].runtime_supported);
    EXPECT_FALSE((*candidates)[1].runtime_supported);  // R7: flagged
    EXPECT_TRUE((*candidates)[1].registrable);
    EXPECT_FALSE((*candidates)[2].registrable);  // R7: container images cannot be registered
    EXPECT_EQ(aws_.last_spec.secret_access_key,
              "secret");  // the group's own, decrypted for the call
}

TEST_F(RegistrationTest, AddingFunctionsRefusesImagesAndAddsUnsupportedRuntimesFlagged) {
    ON_CALL(aws_.lambda, GetFunction(_)).WillByDefault(Invoke([](const std::string& name) {
        if (name == "api") {
            return Result<ports::LambdaFunctionInfo>(Function("api", "python3.12"));
        }
        if (name == "legacy") {
            return Result<ports::LambdaFunctionInfo>(Function("legacy", "nodejs14.x"));
        }
        if (name == "container") {
            return Result<ports::LambdaFunctionInfo>(Function("container", "", "Image"));
        }
        return Result<ports::LambdaFunctionInfo>(
            Error(ErrorCode::kNotFound, "Function not found: " + name));
    }));
    std::vector<domain::LambdaFunction> added;
    EXPECT_CALL(store_, AddLambdaFunction(_))
        .Times(2)
        .WillRepeatedly(Invoke([&](const domain::LambdaFunction& fn) {
            added.push_back(fn);
            return Result<domain::Id>(static_cast<domain::Id>(added.size()));
        }));
    auto results = AddLambdaFunctions(ctx_, kPseudo, {"api", "legacy", "container", "missing"});
    ASSERT_TRUE(results.ok()) << results.error().ToString();
    ASSERT_EQ(results->size(), 4u);
    EXPECT_TRUE((*results)[0].added);
    EXPECT_TRUE((*results)[1].added);
    EXPECT_FALSE((*results)[1].runtime_supported);
    EXPECT_FALSE((*results)[2].added);
    EXPECT_NE((*results)[2].message.find("container-image"), std::string::npos);
    EXPECT_FALSE((*results)[3].added);
    ASSERT_EQ(added.size(), 2u);
    EXPECT_EQ(added[0].arn, "arn:aws:lambda:us-east-1:123456789012:function:api");
    EXPECT_EQ(added[0].server_id, kPseudo);
    EXPECT_FALSE(added[1].runtime_supported);
}

TEST_F(RegistrationTest, FunctionsGoOnlyOnPseudoServers) {
    domain::Server ec2;
    ec2.id = 11;
    ec2.group_id = kGroup;
    ec2.kind = domain::ServerKind::kEc2;
    ON_CALL(store_, GetServer(11)).WillByDefault(Return(Result<domain::Server>(ec2)));
    EXPECT_CALL(store_, AddLambdaFunction(_)).Times(0);
    auto results = AddLambdaFunctions(ctx_, 11, {"api"});
    ASSERT_FALSE(results.ok());
    EXPECT_EQ(results.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(AddLambdaFunctions(ctx_, kPseudo, {}).error().Detail("field"), "functions");
}

TEST_F(RegistrationTest, EcrImagesAreCheckedAndTakeTheGroupsScanMode) {
    EXPECT_EQ(RegisterEcrImage(ctx_, kGroup, "1234", "", "web", "latest").error().Detail("field"),
              "registry");
    EXPECT_EQ(
        RegisterEcrImage(ctx_, kGroup, "123456789012", "", "", "latest").error().Detail("field"),
        "repository");
    EXPECT_EQ(RegisterEcrImage(ctx_, kGroup, "123456789012", "", "web", "").error().Detail("field"),
              "tag");

    group_.sbom.enabled =
        true;  // R13: a new server of a group in SBOM mode is scanned through the export
    ON_CALL(store_, GetGroup(kGroup)).WillByDefault(Return(Result<domain::Group>(group_)));
    domain::Server created;
    EXPECT_CALL(store_, CreateServer(_))
        .WillOnce(DoAll(SaveArg<0>(&created), Return(Result<domain::Id>(12))));
    EXPECT_CALL(
        store_,
        AppendAudit(Field(&domain::AuditEvent::group_id, std::optional<domain::Id>(kGroup))))
        .WillOnce(Return(Ok()));
    auto id = RegisterEcrImage(ctx_, kGroup, "123456789012", "", "web", "latest");
    ASSERT_TRUE(id.ok()) << id.error().ToString();
    EXPECT_EQ(*id, 12);
    EXPECT_EQ(created.kind, domain::ServerKind::kEcrImage);
    EXPECT_EQ(created.name, "web:latest");
    EXPECT_EQ(created.region, "us-east-1");  // the group's region by default
    EXPECT_EQ(created.scan_mode, domain::ScanMode::kInspectorSbom);
}

TEST_F(RegistrationTest, PseudoServersNeedANameAndAGroupWithoutAwsCannotListFunctions) {
    EXPECT_EQ(CreatePseudoServer(ctx_, kGroup, "  ").error().Detail("field"), "name");
    domain::Group bare = group_;
    bare.aws.auth_type = domain::AwsAuthType::kNone;
    ON_CALL(store_, GetGroup(kGroup)).WillByDefault(Return(Result<domain::Group>(bare)));
    EXPECT_CALL(aws_.lambda, ListFunctions(_)).Times(0);
    EXPECT_EQ(ListLambdaCandidates(ctx_, kGroup).error().code(), ErrorCode::kInvalidInput);
}

TEST_F(RegistrationTest, Ec2InstanceIdsAreCheckedBeforeAws) {
    EXPECT_CALL(aws_.inspector, ListCoverage(_, _)).Times(0);
    EXPECT_EQ(RegisterEc2Instances(ctx_, kGroup, {}).error().Detail("field"), "instance_ids");
    EXPECT_EQ(RegisterEc2Instances(ctx_, kGroup, {"i-12"}).error().Detail("field"), "instance_ids");
    EXPECT_EQ(RegisterEc2Instances(ctx_, kGroup, {"x-0123456789abcdef0"}).error().code(),
              ErrorCode::kInvalidInput);
}

TEST(Runtimes, SupportedListIsData) {
    EXPECT_TRUE(IsInspectorSupportedRuntime("python3.12"));
    EXPECT_FALSE(IsInspectorSupportedRuntime("python3.7"));
    EXPECT_FALSE(IsInspectorSupportedRuntime("# Lambda runtimes"));
    // Inspector's spelling (coverage and findings), as in the real samples.
    EXPECT_TRUE(IsInspectorSupportedRuntime("PYTHON_3_12"));
    EXPECT_TRUE(IsInspectorSupportedRuntime("NODEJS_18_X"));
    EXPECT_TRUE(IsInspectorSupportedRuntime("JAVA_8_AL2"));
    EXPECT_FALSE(IsInspectorSupportedRuntime("PYTHON_3_7"));
    EXPECT_FALSE(IsInspectorSupportedRuntime("UNSUPPORTED"));
    EXPECT_EQ(LambdaRuntimeSpelling("GO_1_X"), "go1.x");
    EXPECT_EQ(LambdaRuntimeSpelling("DOTNET_6"), "dotnet6");
    EXPECT_EQ(LambdaRuntimeSpelling("python3.11"), "python3.11");
}

}  // namespace
}  // namespace kensa::app
