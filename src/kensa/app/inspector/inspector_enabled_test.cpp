// R15: the findings scan and the SBOM export judge BatchGetAccountStatus alike, for every
// resource type: one rule (domain::InspectorDisabledFor through app::InspectorNotEnabled).
#include "kensa/app/inspector/inspector_enabled.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "kensa/app/inspector/inspector_scan.h"
#include "kensa/app/sbom/export_job.h"
#include "tests/mocks/aws_mocks.h"
#include "tests/mocks/store_mocks.h"

namespace kensa::app {
namespace {

using ::testing::_;
using ::testing::NiceMock;
using ::testing::Return;

constexpr domain::Id kGroup = 7;
constexpr domain::Id kServer = 70;
constexpr const char* kAccount = "111122223333";

// The SBOM export stops at R15 in these tests, so its reader is never asked for anything.
class UnusedFormat final : public ports::SbomExportFormat {
public:
    std::unique_ptr<ports::SbomDocumentReader> OpenDocument(ports::SbomVisitor) const override {
        return nullptr;
    }
    std::optional<ports::SbomExportObject> ParseObjectKey(std::string_view) const override {
        return std::nullopt;
    }
};

struct Case {
    const char* name;
    domain::ServerKind kind;
    std::string ec2, ecr, lambda;  ///< per-type statuses BatchGetAccountStatus reports
    std::string account = "ENABLED";
};

class InspectorEnabledVerdict : public ::testing::TestWithParam<Case> {
protected:
    InspectorEnabledVerdict()
        : box_(*SecretBox::FromRawKey(std::string(32, 'k'))), clock_(1700000000) {
        ctx_ = std::make_unique<AppContext>(
            AppContext{store_, aws_.Factory(), box_, clock_, 1, &format_});
        group_.id = kGroup;
        group_.name = "blue";
        group_.aws.auth_type = domain::AwsAuthType::kAccessKey;
        group_.aws.region = "eu-west-1";
        group_.aws.account_id = kAccount;
        group_.aws.access_key_id = "AKIDEXAMPLE";
        group_.aws.secret_enc = *box_.Seal("secret");
        group_.sbom.enabled = true;
        group_.sbom.bucket = "kensa-sbom";
        group_.sbom.kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/k";
        server_.id = kServer;
        server_.group_id = kGroup;
        server_.name = "srv";
        server_.kind = GetParam().kind;
        server_.region = "eu-west-1";
        server_.account_id = kAccount;
        server_.registry = kAccount;
        server_.instance_id = "i-0abc";
        server_.repository = "web";
        server_.image_tag = "v1";
        domain::LambdaFunction fn;
        fn.id = 700;
        fn.server_id = kServer;
        fn.name = "pay";
        fn.arn = std::string("arn:aws:lambda:eu-west-1:") + kAccount + ":function:pay";
        ON_CALL(store_, GetGroup(kGroup)).WillByDefault(Return(Result<domain::Group>(group_)));
        ON_CALL(store_, ListLambdaFunctions(kServer))
            .WillByDefault(Return(Result<std::vector<domain::LambdaFunction>>(std::vector{fn})));
        ON_CALL(store_, CreateScanRun(_)).WillByDefault(Return(Result<domain::Id>(domain::Id{1})));
        ON_CALL(store_, FinishScanRun(_)).WillByDefault(Return(Ok()));
        ports::AccountState state;
        state.account_id = kAccount;
        state.status = GetParam().account;
        state.ec2_status = GetParam().ec2;
        state.ecr_status = GetParam().ecr;
        state.lambda_status = GetParam().lambda;
        ON_CALL(aws_.inspector, BatchGetAccountStatus(_))
            .WillByDefault(Return(Result<std::vector<ports::AccountState>>(std::vector{state})));
        // Past R15 each job stops at its next AWS call, so the test sees how far it got.
        ON_CALL(aws_.inspector, ListFindings(_, _))
            .WillByDefault(Return(Status(Error(ErrorCode::kUnavailable, "stop after R15"))));
        ON_CALL(aws_.inspector, CreateSbomExport(_))
            .WillByDefault(
                Return(Result<std::string>(Error(ErrorCode::kUnavailable, "stop after R15"))));
    }

    domain::ScanRun ScanServer() {
        domain::Server normal = server_;
        normal.scan_mode = domain::ScanMode::kNormal;
        ON_CALL(store_, GetServer(kServer)).WillByDefault(Return(Result<domain::Server>(normal)));
        auto run = InspectorScan(*ctx_).ScanServer(kServer, domain::ScanTrigger::kManual);
        EXPECT_TRUE(run.ok()) << run.error().ToString();
        return *run;
    }

    domain::ScanRun ExportSbom() {
        domain::Server sbom = server_;
        sbom.scan_mode = domain::ScanMode::kInspectorSbom;
        ON_CALL(store_, ListServers(kGroup))
            .WillByDefault(Return(Result<std::vector<domain::Server>>(std::vector{sbom})));
        SbomJobOptions options;
        auto run = SbomExportJob(*ctx_, options).Run(kGroup, domain::ScanTrigger::kScheduled);
        EXPECT_TRUE(run.ok()) << run.error().ToString();
        return *run;
    }

    NiceMock<testing::MockStore> store_;
    testing::MockAws aws_;
    SecretBox box_;
    ManualClock clock_;
    UnusedFormat format_;
    std::unique_ptr<AppContext> ctx_;
    domain::Group group_;
    domain::Server server_;
};

TEST_P(InspectorEnabledVerdict, TheFindingsScanAndTheSbomExportAgree) {
    domain::ScanRun scan = ScanServer();
    domain::ScanRun sbom = ExportSbom();
    ASSERT_EQ(scan.status, domain::ScanStatus::kFailed);
    ASSERT_EQ(sbom.status, domain::ScanStatus::kFailed);
    ASSERT_TRUE(scan.error && sbom.error);
    const bool disabled = std::string(GetParam().name).find("disabled") != std::string::npos;
    if (disabled) {
        EXPECT_EQ(scan.error->code, "inspector_disabled");
        EXPECT_EQ(scan.error->step, "inspector2:BatchGetAccountStatus");
    } else {
        // Inspector scans the type: both jobs went on to their next AWS call.
        EXPECT_EQ(scan.error->step, "inspector2:ListFindings");
        EXPECT_EQ(sbom.error->step, "inspector2:CreateSbomExport");
        return;
    }
    EXPECT_EQ(sbom.error->code, scan.error->code);
    EXPECT_EQ(sbom.error->step, scan.error->step);
    EXPECT_EQ(sbom.error->message, scan.error->message);
    EXPECT_EQ(sbom.error->hint, scan.error->hint);
}

INSTANTIATE_TEST_SUITE_P(
    R15,
    InspectorEnabledVerdict,
    ::testing::Values(
        Case{"ec2_disabled", domain::ServerKind::kEc2, "DISABLED", "ENABLED", "ENABLED"},
        Case{"ecr_disabled", domain::ServerKind::kEcrImage, "ENABLED", "DISABLED", "ENABLED"},
        Case{"lambda_disabled", domain::ServerKind::kPseudo, "ENABLED", "ENABLED", "DISABLED"},
        Case{"account_disabled",
             domain::ServerKind::kEc2,
             "ENABLED",
             "ENABLED",
             "ENABLED",
             "DISABLED"},
        Case{"lambda_on_while_ec2_off",
             domain::ServerKind::kPseudo,
             "DISABLED",
             "ENABLED",
             "ENABLED"},
        Case{"all_enabled", domain::ServerKind::kEcrImage, "ENABLED", "ENABLED", "ENABLED"},
        Case{"not_reported", domain::ServerKind::kEc2, "", "", ""}),
    [](const ::testing::TestParamInfo<Case>& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace kensa::app
