// The use cases of app/ end to end over the real SQLite store, with AWS faked at its ports:
// registration and the Inspector scan lifecycle, Lambda registration, tokens and roles, the
// sealed AWS secret, and the manual SBOM export's rate limit.
#include <gtest/gtest.h>

#include <filesystem>

#include "kensa/app/accounts/accounts.h"
#include "kensa/app/inspector/finding_mapper.h"
#include "kensa/app/inspector/inspector_scan.h"
#include "kensa/app/integration/aws_settings.h"
#include "kensa/app/registration/registration.h"
#include "kensa/app/sbom/settings.h"
#include "kensa/common/strings.h"
#include "kensa/store/sql_store.h"
#include "tests/mocks/inspector_findings.h"

namespace kensa::app {
namespace {

namespace fs = std::filesystem;

using testing::PackageFinding;

class FakeInspector final : public ports::InspectorApi {
public:
    std::vector<ports::Finding> findings;
    std::optional<Error> fail;
    std::string account_status = "ENABLED";
    int list_calls = 0;
    Status ListFindings(const ports::FindingFilter& filter,
                        const ports::FindingPageFn& on_page) override {
        ++list_calls;
        if (fail) {
            return *fail;
        }
        std::vector<ports::Finding> page;
        for (const auto& f : findings) {
            bool match = filter.resource_id.empty();
            for (const auto& rid : filter.resource_id) {
                match = match || f.resources[0].id == rid.value;
            }
            if (match) {
                page.push_back(f);
            }
            if (page.size() == 2) {  // small pages exercise the streaming
                if (!on_page(std::move(page))) {
                    return Ok();
                }
                page.clear();
            }
        }
        if (!page.empty()) {
            on_page(std::move(page));
        }
        return Ok();
    }
    Status ListCoverage(const ports::CoverageFilter&,
                        const ports::CoveragePageFn& on_page) override {
        ports::CoveredResource r;
        r.resource_id = "i-0aaaaaaaaaaaaaaa1";
        r.resource_type = domain::ResourceType::kEc2Instance;
        r.account_id = "123456789012";
        r.scan_status_code = "ACTIVE";
        r.scan_status_reason = "SUCCESSFUL";
        r.ec2_tags = {{"Name", "web-1"}};
        on_page({r});
        return Ok();
    }
    Result<std::vector<ports::AccountState>> BatchGetAccountStatus(
        const std::vector<std::string>& ids) override {
        ports::AccountState s;
        s.account_id = ids.empty() ? "123456789012" : ids[0];
        s.status = account_status;
        s.ec2_status = account_status;
        return std::vector<ports::AccountState>{s};
    }
    Result<std::string> CreateSbomExport(const ports::SbomExportRequest&) override {
        return std::string("r");
    }
    Result<ports::SbomExportStatus> GetSbomExport(const std::string&) override {
        return ports::SbomExportStatus{};
    }
    Status CancelSbomExport(const std::string&) override { return Ok(); }
};

class FakeLambda final : public ports::LambdaApi {
public:
    std::vector<ports::LambdaFunctionInfo> functions;
    Status ListFunctions(
        const std::function<bool(std::vector<ports::LambdaFunctionInfo>&&)>& on_page) override {
        on_page(std::vector<ports::LambdaFunctionInfo>(functions));
        return Ok();
    }
    Result<ports::LambdaFunctionInfo> GetFunction(const std::string& name) override {
        for (const auto& f : functions) {
            if (f.function_name == name || f.function_arn == name) {
                return f;
            }
        }
        return Error(ErrorCode::kNotFound, "Function not found: " + name)
            .With("aws_code", "ResourceNotFoundException");  // as the AWS adapter reads it
    }
};

class FakeSts final : public ports::StsApi {
public:
    Result<ports::CallerIdentity> GetCallerIdentity() override {
        return ports::CallerIdentity{
            "123456789012", "arn:aws:iam::123456789012:user/kensa", "AIDA"};
    }
};

class AppTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("kensa-app-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        store_ = std::move(store::MakeStore({"sqlite:" + (dir_ / "k.db").string()})).value();
        ASSERT_TRUE(store_->Migrate().ok());
        box_ = std::make_unique<SecretBox>(
            std::move(SecretBox::FromRawKey(std::string(32, 'k'))).value());
        ctx_ = std::make_unique<AppContext>(AppContext{*store_,
                                                       [this](const ports::AwsConnectSpec& spec) {
                                                           last_spec_ = spec;
                                                           return MakeClients();
                                                       },
                                                       *box_,
                                                       clock_});
        group_ = *CreateGroup(*ctx_, "blue", "UTC", "test");
        AwsSettingsInput in;
        in.auth_type = domain::AwsAuthType::kAccessKey;
        in.region = "us-east-1";
        in.access_key_id = "AKIAIOSFODNN7EXAMPLE";
        in.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        ASSERT_TRUE(SetAwsSettings(*ctx_, group_, in, "test").ok());
    }
    void TearDown() override {
        store_.reset();
        fs::remove_all(dir_);
    }
    Result<ports::AwsClients> MakeClients() {
        ports::AwsClients c;
        auto insp = std::make_unique<FakeInspector>();
        insp->findings = findings_;
        insp->fail = fail_;
        insp->account_status = account_status_;
        c.inspector = std::move(insp);
        auto lambda = std::make_unique<FakeLambda>();
        lambda->functions = functions_;
        c.lambda = std::move(lambda);
        c.sts = std::make_unique<FakeSts>();
        return c;
    }

    fs::path dir_;
    ports::StorePtr store_;
    std::unique_ptr<SecretBox> box_;
    ManualClock clock_{1700000000};
    std::unique_ptr<AppContext> ctx_;
    domain::Id group_ = 0;
    std::vector<ports::Finding> findings_;
    std::vector<ports::LambdaFunctionInfo> functions_;
    std::optional<Error> fail_;
    std::string account_status_ = "ENABLED";
    ports::AwsConnectSpec last_spec_;
};

TEST_F(AppTest, SecretIsEncryptedAtRestAndDecryptedForCalls) {
    auto g = *store_->GetGroup(group_);
    EXPECT_EQ(g.aws.secret_enc.find("wJalr"), std::string::npos);
    EXPECT_TRUE(StartsWith(g.aws.external_id, "kensa-"));
    auto report = TestConnection(*ctx_, group_);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->ok);
    EXPECT_EQ(report->account, "123456789012");
    EXPECT_EQ(last_spec_.secret_access_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
}

TEST_F(AppTest, Ec2RegistrationAndScanLifecycle) {
    auto candidates = ListEc2Candidates(*ctx_, group_);
    ASSERT_TRUE(candidates.ok());
    ASSERT_EQ(candidates->size(), 1u);
    EXPECT_EQ((*candidates)[0].name, "web-1");
    EXPECT_FALSE(RegisterEc2Instances(*ctx_, group_, {"i-0bbbbbbbbbbbbbbb2"}).ok());  // not covered
    EXPECT_EQ(RegisterEc2Instances(*ctx_, group_, {"bogus"}).error().code(),
              ErrorCode::kInvalidInput);
    auto ids = RegisterEc2Instances(*ctx_, group_, {"i-0aaaaaaaaaaaaaaa1"});
    ASSERT_TRUE(ids.ok()) << ids.error().ToString();
    domain::Id server = (*ids)[0];

    findings_ = {PackageFinding("arn:f1", "CVE-2024-1", "openssl", "i-0aaaaaaaaaaaaaaa1"),
                 PackageFinding("arn:f2", "CVE-2024-2", "curl", "i-0aaaaaaaaaaaaaaa1"),
                 PackageFinding("arn:f3", "CVE-2024-3", "bash", "i-0aaaaaaaaaaaaaaa1")};
    InspectorScan scan(*ctx_);
    auto run = scan.ScanServer(server, domain::ScanTrigger::kManual);
    ASSERT_TRUE(run.ok()) << run.error().ToString();
    EXPECT_EQ(run->status, domain::ScanStatus::kSucceeded);
    EXPECT_EQ(run->tasks_created, 3);
    EXPECT_EQ(run->findings_seen, 3);

    // AccessDenied: the run fails, names the action, and no task changes.
    fail_ = Error(ErrorCode::kPermissionDenied, "not authorized")
                .With("aws_action", "inspector2:ListFindings");
    auto denied = scan.ScanServer(server, domain::ScanTrigger::kManual);
    ASSERT_TRUE(denied.ok());
    EXPECT_EQ(denied->status, domain::ScanStatus::kFailed);
    EXPECT_EQ(denied->error->missing_permission, "inspector2:ListFindings");
    ports::TaskFilter all;
    all.group_id = group_;
    auto tasks = store_->ListTasks(all);
    ASSERT_EQ(tasks->size(), 3u);
    for (const auto& t : *tasks) {
        EXPECT_EQ(t.task.status, domain::TaskStatus::kNew);
    }
    fail_.reset();

    // Inspector disabled gets its own message.
    account_status_ = "DISABLED";
    auto disabled = scan.ScanServer(server, domain::ScanTrigger::kManual);
    EXPECT_EQ(disabled->error->code, "inspector_disabled");
    account_status_ = "ENABLED";

    // Patch: curl gone.
    findings_.erase(findings_.begin() + 1);
    auto patched = scan.ScanServer(server, domain::ScanTrigger::kScheduled);
    EXPECT_EQ(patched->tasks_patched, 1);
    auto again = scan.ScanServer(server, domain::ScanTrigger::kScheduled);
    EXPECT_EQ(again->rows_written, 0);
    EXPECT_EQ(store_->ListScanRuns(group_, 10)->size(), 5u);

    // SBOM mode: the normal scan refuses to run.
    ASSERT_TRUE(store_->SetScanMode(server, domain::ScanMode::kInspectorSbom).ok());
    EXPECT_EQ(scan.ScanServer(server, domain::ScanTrigger::kManual).error().code(),
              ErrorCode::kConflict);
}

TEST_F(AppTest, LambdaRegistrationRefusesImagesAndFlagsRuntimes) {
    ports::LambdaFunctionInfo zip{"api",
                                  "arn:aws:lambda:us-east-1:123456789012:function:api",
                                  "python3.12",
                                  "Zip",
                                  "$LATEST",
                                  "",
                                  "",
                                  {},
                                  {}};
    ports::LambdaFunctionInfo old = zip;
    old.function_name = "legacy";
    old.function_arn = "arn:aws:lambda:us-east-1:123456789012:function:legacy";
    old.runtime = "python3.7";
    ports::LambdaFunctionInfo image = zip;
    image.function_name = "container";
    image.function_arn = "arn:aws:lambda:us-east-1:123456789012:function:container";
    image.runtime = "";
    image.package_type = "Image";
    functions_ = {zip, old, image};
    auto candidates = ListLambdaCandidates(*ctx_, group_);
    ASSERT_EQ(candidates->size(), 3u);
    EXPECT_FALSE((*candidates)[1].runtime_supported);
    EXPECT_FALSE((*candidates)[2].registrable);

    domain::Id pseudo = *CreatePseudoServer(*ctx_, group_, "lambdas");
    auto results = AddLambdaFunctions(*ctx_, pseudo, {"api", "legacy", "container", "missing"});
    ASSERT_TRUE(results.ok());
    ASSERT_EQ(results->size(), 4u);
    EXPECT_TRUE((*results)[0].added);
    EXPECT_TRUE((*results)[1].added);
    EXPECT_FALSE((*results)[1].runtime_supported);
    EXPECT_FALSE((*results)[2].added);
    EXPECT_NE((*results)[2].message.find("container-image"), std::string::npos);
    EXPECT_FALSE((*results)[3].added);
    auto stored = *store_->ListLambdaFunctions(pseudo);
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(stored[0].arn, "arn:aws:lambda:us-east-1:123456789012:function:api");
}

TEST_F(AppTest, TokensAndRoles) {
    auto issued =
        IssueTokenForName(*ctx_, "bob", false, TokenRequest{"cli", {domain::Scope::kRead}, {}});
    ASSERT_TRUE(issued.ok());
    auto identity = AuthenticateToken(*ctx_, issued->secret);
    ASSERT_TRUE(identity.ok());
    const domain::User* user = &identity->user;
    EXPECT_EQ(AuthenticateToken(*ctx_, "kensa_wrong").error().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(RequireRole(*ctx_, *user, group_, domain::Role::kViewer).error().code(),
              ErrorCode::kNotFound);
    ASSERT_TRUE(store_->SetMembership(user->id, group_, domain::Role::kMember).ok());
    EXPECT_TRUE(RequireRole(*ctx_, *user, group_, domain::Role::kMember).ok());
    EXPECT_EQ(RequireRole(*ctx_, *user, group_, domain::Role::kAdmin).error().code(),
              ErrorCode::kPermissionDenied);
}

TEST_F(AppTest, ManualSbomExportIsRateLimitedPerGroupForAnHour) {
    EXPECT_EQ(QueueManualSbomExport(*ctx_, group_).error().code(),
              ErrorCode::kConflict);  // not enabled yet
    SbomSettingsInput in;
    in.enabled = true;
    in.kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    EXPECT_EQ(SetSbomSettings(*ctx_, group_, in, "t").error().Detail("field"),
              "bucket");  // no account id learned yet
    in.bucket = "kensa-inspector-sbom-123456789012-1-us-east-1";
    ASSERT_TRUE(SetSbomSettings(*ctx_, group_, in, "t").ok());

    auto first = QueueManualSbomExport(*ctx_, group_);
    ASSERT_TRUE(first.ok()) << first.error().ToString();
    EXPECT_EQ(first->type, domain::ScanType::kSbom);
    EXPECT_EQ(first->status, domain::ScanStatus::kQueued);

    clock_.Advance(std::chrono::minutes(59));
    auto second = QueueManualSbomExport(*ctx_, group_);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code(), ErrorCode::kRateLimited);
    EXPECT_EQ(second.error().Detail("retry_after"), "60");
    EXPECT_NE(second.error().message().find("at most once an hour"), std::string::npos);

    // Another group has its own hour.
    domain::Id other = *CreateGroup(*ctx_, "red", "UTC", "test");
    in.bucket = "kensa-inspector-sbom-123456789012-2-us-east-1";
    ASSERT_TRUE(SetSbomSettings(*ctx_, other, in, "t").ok());
    EXPECT_TRUE(QueueManualSbomExport(*ctx_, other).ok());

    clock_.Advance(std::chrono::minutes(1));
    EXPECT_TRUE(QueueManualSbomExport(*ctx_, group_).ok());
    EXPECT_EQ(store_->ListScanRuns(group_, 10)->size(), 2u);
}

}  // namespace
}  // namespace kensa::app
