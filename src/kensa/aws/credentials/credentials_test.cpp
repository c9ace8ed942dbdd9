#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kensa/aws/credentials/credentials_provider.h"
#include "kensa/aws/credentials/providers.h"
#include "kensa/aws/testing/fake_transport.h"
#include "kensa/common/strings.h"

namespace kensa::aws {
namespace {

using testing::FakeTransport;
using testing::MakeResponse;

constexpr int64_t kNow = 1700000000;  // 2023-11-14T22:13:20Z

std::string AssumeRoleXml(const std::string& key_id, const std::string& expiration) {
    return "<AssumeRoleResponse "
           "xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
           "<Credentials><AccessKeyId>" +
           key_id +
           "</AccessKeyId><SecretAccessKey>s3cr3t</SecretAccessKey>"
           "<SessionToken>tok</SessionToken><Expiration>" +
           expiration +
           "</Expiration></Credentials>"
           "<AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/r/kensa</Arn></AssumedRoleUser>"
           "</AssumeRoleResult></AssumeRoleResponse>";
}

/// Form body → map.
std::map<std::string, std::string> Form(const std::string& body) {
    std::map<std::string, std::string> out;
    for (const auto& pair : Split(body, '&')) {
        size_t eq = pair.find('=');
        out[UriDecode(pair.substr(0, eq))] = UriDecode(pair.substr(eq + 1));
    }
    return out;
}

class CredentialsTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("kensa-creds-" + RandomHex(6));
        std::filesystem::create_directories(dir_ / ".aws");
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    void Write(const std::string& relative, const std::string& text) {
        std::ofstream(dir_ / relative) << text;
    }

    ProviderContext Context(std::map<std::string, std::string> env) {
        env.emplace("HOME", dir_.string());
        ProviderContext context;
        context.metadata_transport = transport_;
        context.clock = &clock_;
        context.env = MapEnv(env);
        context.make_sts = [this](CredentialsProviderPtr base) {
            ServiceContext sts;
            sts.transport = transport_;
            sts.credentials = std::move(base);
            sts.clock = &clock_;
            sts.region = "us-east-1";
            sts.signing_name = "sts";
            sts.protocol = Protocol::kQuery;
            sts.endpoint.base_url = "https://sts.us-east-1.amazonaws.com";
            sts.retry.max_attempts = 1;
            return std::make_shared<StsClient>(sts);
        };
        return context;
    }

    std::filesystem::path dir_;
    std::shared_ptr<FakeTransport> transport_ = std::make_shared<FakeTransport>();
    ManualClock clock_{kNow};
};

TEST_F(CredentialsTest, EnvironmentProviderReadsTheThreeVariables) {
    auto provider = MakeEnvironmentProvider(MapEnv({{"AWS_ACCESS_KEY_ID", "AKID"},
                                                    {"AWS_SECRET_ACCESS_KEY", "SECRET"},
                                                    {"AWS_SESSION_TOKEN", "TOKEN"}}));
    auto creds = provider->GetCredentials();
    ASSERT_TRUE(creds.ok());
    EXPECT_EQ(creds->access_key_id, "AKID");
    EXPECT_EQ(creds->session_token, "TOKEN");
    EXPECT_EQ(creds->source, "env");
    EXPECT_EQ(MakeEnvironmentProvider(EmptyEnv())->GetCredentials().error().code(),
              ErrorCode::kUnauthenticated);
}

TEST_F(CredentialsTest, StaticProviderRejectsEmptyKeys) {
    EXPECT_FALSE(MakeStaticProvider({"", "x", "", std::nullopt, ""})->GetCredentials().ok());
    EXPECT_EQ(MakeStaticProvider({"AK", "SK", "", std::nullopt, ""})->GetCredentials()->source,
              "static");
}

TEST_F(CredentialsTest, ChainSkipsUnconfiguredSourcesButStopsOnBrokenOnes) {
    auto chain =
        MakeChainProvider({MakeEnvironmentProvider(EmptyEnv()),
                           MakeStaticProvider({"AK2", "SK2", "", std::nullopt, "second"})});
    EXPECT_EQ(chain->GetCredentials()->access_key_id, "AK2");

    Write(".aws/credentials", "[broken]\nregion = x\n");
    auto broken = MakeChainProvider({MakeProfileProvider(Context({{"AWS_PROFILE", "broken"}})),
                                     MakeStaticProvider({"AK2", "SK2", "", std::nullopt, ""})});
    auto result = broken->GetCredentials();
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code(), ErrorCode::kInvalidInput);
}

TEST_F(CredentialsTest, ParseIniHandlesCommentsSectionsAndSpaces) {
    IniFile ini = ParseIni(
        "# c\n[default]\naws_access_key_id = A \n; x\n[profile dev]\nRole_Arn=arn\n  nested = y\n");
    EXPECT_EQ(ini["default"]["aws_access_key_id"], "A");
    EXPECT_EQ(ini["profile dev"]["role_arn"], "arn");
}

TEST_F(CredentialsTest, ProfileFromHomeDirectoryAndAwsProfile) {
    Write(".aws/credentials",
          "[default]\naws_access_key_id=DEFAULTKEY\naws_secret_access_key=ds\n"
          "[dev]\naws_access_key_id=DEVKEY\naws_secret_access_key=dev-secret\n"
          "aws_session_token=devtok\n");
    EXPECT_EQ(MakeProfileProvider(Context({}))->GetCredentials()->access_key_id, "DEFAULTKEY");
    auto dev = MakeProfileProvider(Context({{"AWS_PROFILE", "dev"}}))->GetCredentials();
    ASSERT_TRUE(dev.ok());
    EXPECT_EQ(dev->access_key_id, "DEVKEY");
    EXPECT_EQ(dev->session_token, "devtok");
    EXPECT_EQ(dev->source, "profile:dev");
    auto missing = MakeProfileProvider(Context({{"AWS_PROFILE", "nope"}}))->GetCredentials();
    EXPECT_EQ(missing.error().code(), ErrorCode::kInvalidInput);
}

TEST_F(CredentialsTest, ProfileFilesFromEnvironmentOverrides) {
    Write("creds.ini", "[x]\naws_access_key_id=FROMFILE\naws_secret_access_key=s\n");
    auto provider = MakeProfileProvider(Context(
        {{"AWS_SHARED_CREDENTIALS_FILE", (dir_ / "creds.ini").string()}, {"AWS_PROFILE", "x"}}));
    EXPECT_EQ(provider->GetCredentials()->access_key_id, "FROMFILE");
    // No default profile anywhere: the chain may move on.
    EXPECT_EQ(MakeProfileProvider(Context({}))->GetCredentials().error().code(),
              ErrorCode::kUnauthenticated);
}

TEST_F(CredentialsTest, ProfileRoleArnWithSourceProfileAndExternalId) {
    Write(".aws/credentials", "[base]\naws_access_key_id=BASEKEY\naws_secret_access_key=bs\n");
    Write(".aws/config",
          "[profile auditor]\nrole_arn = arn:aws:iam::111122223333:role/Audit\n"
          "source_profile = base\nexternal_id = ext-42\nrole_session_name = kensa-test\n");
    transport_->Push(MakeResponse(200, AssumeRoleXml("ASIAROLE", "2023-11-14T23:13:20Z")));
    auto creds = MakeProfileProvider(Context({{"AWS_PROFILE", "auditor"}}))->GetCredentials();
    ASSERT_TRUE(creds.ok()) << creds.error().ToString();
    EXPECT_EQ(creds->access_key_id, "ASIAROLE");
    auto requests = transport_->requests();
    ASSERT_EQ(requests.size(), 1u);
    auto form = Form(requests[0].request.body);
    EXPECT_EQ(form["Action"], "AssumeRole");
    EXPECT_EQ(form["RoleArn"], "arn:aws:iam::111122223333:role/Audit");
    EXPECT_EQ(form["ExternalId"], "ext-42");
    EXPECT_EQ(form["RoleSessionName"], "kensa-test");
    // The STS call was signed with the source profile's keys.
    EXPECT_NE(requests[0].request.Header("Authorization").find("Credential=BASEKEY/"),
              std::string::npos);
}

TEST_F(CredentialsTest, ProfileSourceCycleIsDetected) {
    Write(".aws/config",
          "[profile a]\nrole_arn=arn:aws:iam::1:role/a\nsource_profile=b\n"
          "[profile b]\nrole_arn=arn:aws:iam::1:role/b\nsource_profile=a\n");
    auto result = MakeProfileProvider(Context({{"AWS_PROFILE", "a"}}))->GetCredentials();
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message().find("cycle"), std::string::npos);
}

TEST_F(CredentialsTest, ProfileCredentialSourceEnvironment) {
    Write(".aws/config",
          "[profile r]\nrole_arn=arn:aws:iam::1:role/r\ncredential_source=Environment\n");
    transport_->Push(MakeResponse(200, AssumeRoleXml("ASIAENV", "2023-11-14T23:13:20Z")));
    auto creds = MakeProfileProvider(Context({{"AWS_PROFILE", "r"},
                                              {"AWS_ACCESS_KEY_ID", "ENVKEY"},
                                              {"AWS_SECRET_ACCESS_KEY", "es"}}))
                     ->GetCredentials();
    ASSERT_TRUE(creds.ok()) << creds.error().ToString();
    EXPECT_NE(transport_->requests()[0].request.Header("Authorization").find("Credential=ENVKEY/"),
              std::string::npos);
}

TEST_F(CredentialsTest, AssumeRoleIsCachedUntilFiveMinutesBeforeExpiry) {
    int calls = 0;
    transport_->SetHandler([&](const std::string&, const HttpRequest&) -> Result<HttpResponse> {
        ++calls;
        // Each fresh set expires one hour after "now".
        return MakeResponse(
            200,
            AssumeRoleXml("ASIA" + std::to_string(calls),
                          FormatIso8601(clock_.SystemNow() + std::chrono::hours(1))));
    });
    auto context = Context({});
    AssumeRoleRequest request;
    request.role_arn = "arn:aws:iam::1:role/r";
    auto provider = MakeAssumeRoleProvider(
        context.make_sts(MakeStaticProvider({"AK", "SK", "", std::nullopt, ""})), request, clock_);
    EXPECT_EQ(provider->GetCredentials()->access_key_id, "ASIA1");
    clock_.Advance(std::chrono::minutes(54));  // 6 minutes left: still cached
    EXPECT_EQ(provider->GetCredentials()->access_key_id, "ASIA1");
    EXPECT_EQ(calls, 1);
    clock_.Advance(std::chrono::minutes(1) +
                   std::chrono::seconds(1));  // inside the 5-minute window
    EXPECT_EQ(provider->GetCredentials()->access_key_id, "ASIA2");
    EXPECT_EQ(calls, 2);
}

TEST_F(CredentialsTest, FailedRefreshIsNotCached) {
    transport_->Push(MakeResponse(
        403, "<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>"));
    transport_->Push(MakeResponse(200, AssumeRoleXml("ASIAOK", "2023-11-15T00:00:00Z")));
    AssumeRoleRequest request;
    request.role_arn = "arn:aws:iam::1:role/r";
    auto provider = MakeAssumeRoleProvider(
        Context({}).make_sts(MakeStaticProvider({"AK", "SK", "", {}, ""})), request, clock_);
    auto denied = provider->GetCredentials();
    EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(denied.error().Detail("aws_action"), "sts:AssumeRole");
    EXPECT_EQ(provider->GetCredentials()->access_key_id, "ASIAOK");
}

TEST_F(CredentialsTest, WebIdentityTokenFileIsSentUnsigned) {
    Write("token", "eyJ.token.sig\n");
    transport_->Push(MakeResponse(
        200,
        "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>"
        "<AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</"
        "SessionToken>"
        "<Expiration>2023-11-15T00:00:00Z</Expiration></Credentials></"
        "AssumeRoleWithWebIdentityResult>"
        "</AssumeRoleWithWebIdentityResponse>"));
    auto provider =
        MakeWebIdentityProvider(Context({{"AWS_WEB_IDENTITY_TOKEN_FILE", (dir_ / "token").string()},
                                         {"AWS_ROLE_ARN", "arn:aws:iam::1:role/web"}}));
    auto creds = provider->GetCredentials();
    ASSERT_TRUE(creds.ok()) << creds.error().ToString();
    EXPECT_EQ(creds->access_key_id, "ASIAWEB");
    auto request = transport_->requests()[0].request;
    EXPECT_FALSE(request.HasHeader("Authorization"));
    EXPECT_EQ(Form(request.body)["WebIdentityToken"], "eyJ.token.sig");
    EXPECT_EQ(Form(request.body)["Action"], "AssumeRoleWithWebIdentity");
}

TEST_F(CredentialsTest, ContainerEndpointWithAuthorizationToken) {
    transport_->Push(
        MakeResponse(200, R"({"AccessKeyId":"ASIAECS","SecretAccessKey":"s","Token":"t",
                                           "Expiration":"2023-11-15T00:00:00Z"})"));
    auto provider = MakeContainerProvider(
        Context({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"},
                 {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer xyz"}}));
    auto creds = provider->GetCredentials();
    ASSERT_TRUE(creds.ok()) << creds.error().ToString();
    EXPECT_EQ(creds->access_key_id, "ASIAECS");
    EXPECT_TRUE(creds->expiration.has_value());
    auto sent = transport_->requests()[0];
    EXPECT_EQ(sent.base_url, "http://169.254.170.2");
    EXPECT_EQ(sent.request.path, "/v2/credentials/abc");
    EXPECT_EQ(sent.request.Header("Authorization"), "Bearer xyz");
}

TEST_F(CredentialsTest, ContainerFullUriMustBeLocal) {
    auto provider = MakeContainerProvider(
        Context({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://evil.example/c"}}));
    EXPECT_EQ(provider->GetCredentials().error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(transport_->request_count(), 0u);
}

TEST_F(CredentialsTest, ImdsV2FetchesTokenThenRoleThenCredentials) {
    transport_->SetHandler(
        [](const std::string&, const HttpRequest& request) -> Result<HttpResponse> {
            if (request.method == "PUT" && request.path == "/latest/api/token") {
                return MakeResponse(200, "IMDSTOKEN");
            }
            if (request.Header("X-aws-ec2-metadata-token") != "IMDSTOKEN") {
                return MakeResponse(401, "");
            }
            if (request.path == "/latest/meta-data/iam/security-credentials/") {
                return MakeResponse(200, "kensa-role\n");
            }
            if (request.path == "/latest/meta-data/iam/security-credentials/kensa-role") {
                return MakeResponse(
                    200, R"({"Code":"Success","AccessKeyId":"ASIAEC2","SecretAccessKey":"s",
                                        "Token":"t","Expiration":"2023-11-15T00:00:00Z"})");
            }
            return MakeResponse(404, "");
        });
    auto creds = MakeImdsProvider(Context({}))->GetCredentials();
    ASSERT_TRUE(creds.ok()) << creds.error().ToString();
    EXPECT_EQ(creds->access_key_id, "ASIAEC2");
    EXPECT_EQ(transport_->requests()[0].request.Header("X-aws-ec2-metadata-token-ttl-seconds"),
              "21600");
}

TEST_F(CredentialsTest, ImdsUnreachableMeansNoCredentialsAndCanBeDisabled) {
    transport_->SetHandler([](const std::string&, const HttpRequest&) -> Result<HttpResponse> {
        return Error(ErrorCode::kUnavailable, "connect");
    });
    EXPECT_EQ(MakeImdsProvider(Context({}))->GetCredentials().error().code(),
              ErrorCode::kUnauthenticated);
    size_t before = transport_->request_count();
    EXPECT_FALSE(
        MakeImdsProvider(Context({{"AWS_EC2_METADATA_DISABLED", "true"}}))->GetCredentials().ok());
    EXPECT_EQ(transport_->request_count(), before);
}

TEST_F(CredentialsTest, DefaultChainPrefersEnvironmentOverProfile) {
    Write(".aws/credentials",
          "[default]\naws_access_key_id=PROFILEKEY\naws_secret_access_key=ps\n");
    auto with_env = MakeDefaultChain(
        Context({{"AWS_ACCESS_KEY_ID", "ENVKEY"}, {"AWS_SECRET_ACCESS_KEY", "s"}}));
    EXPECT_EQ(with_env->GetCredentials()->access_key_id, "ENVKEY");
    auto without_env = MakeDefaultChain(Context({}));
    EXPECT_EQ(without_env->GetCredentials()->access_key_id, "PROFILEKEY");
    EXPECT_EQ(transport_->request_count(), 0u);  // never reached container / IMDS
}

}  // namespace
}  // namespace kensa::aws
