#include "kensa/http/api/testing/api_harness.h"

#include <gtest/gtest.h>

#include "kensa/app/accounts/accounts.h"
#include "kensa/app/integration/aws_settings.h"
#include "kensa/common/strings.h"
#include "kensa/http/api/endpoints.h"
#include "kensa/http/error_to_status.h"
#include "kensa/store/sql_store.h"

namespace kensa::http::api::testing {

using ::testing::_;
using ::testing::Return;

namespace {

constexpr std::string_view kAccount = "123456789012";

constexpr int64_t kStartEpoch = 1'700'000'000;  // 2023-11-14, any fixed instant will do
constexpr std::string_view kMasterKey = "0123456789abcdef0123456789abcdef";  // 32 bytes

// "a=1&b=%3E2" as a map, decoded; the first value of a repeated key wins, as in the server.
std::map<std::string, std::string> ParseQuery(std::string_view query) {
    std::map<std::string, std::string> out;
    while (!query.empty()) {
        size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        size_t eq = pair.find('=');
        std::string key = UriDecode(pair.substr(0, eq), true);
        std::string value =
            eq == std::string_view::npos ? "" : UriDecode(pair.substr(eq + 1), true);
        out.emplace(std::move(key), std::move(value));
        query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    }
    return out;
}

}  // namespace

ApiHarness::ApiHarness(const std::string& store_url) : clock_(kStartEpoch) {
    FakeAwsDefaults();
    const int pool = store_url.find(":memory:") != std::string::npos ? 1 : 2;  // one in-memory db
    store_ = std::move(store::MakeStore({store_url, pool})).value();
    EXPECT_TRUE(store_->Migrate().ok());
    secrets_ = std::make_unique<app::SecretBox>(
        std::move(app::SecretBox::FromRawKey(std::string(kMasterKey))).value());
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{
        *store_, aws_.Factory(), *secrets_, clock_, /*scan_workers=*/1, &sbom_format_});
    ctx_->vuls_format = &vuls_format_;
    ctx_->sbom_files = &sbom_files_;
    app::SbomJobOptions options;
    options.poll_initial = std::chrono::milliseconds(1);
    options.poll_max = std::chrono::milliseconds(1);
    sbom_jobs_ = std::make_unique<app::SbomJobRunner>(*ctx_, options);
    ApiDeps deps{*ctx_, *sbom_jobs_};
    ForEachRoute(deps, [this](std::string method, std::string pattern, Handler handler) {
        EXPECT_TRUE(router_.Add(std::move(method), pattern, std::move(handler)).ok()) << pattern;
    });
}

ApiHarness::~ApiHarness() {
    sbom_jobs_->Stop();  // background exports finish before the store goes away
}

Response ApiHarness::Call(std::string_view method,
                          std::string_view target,
                          const std::string& token,
                          std::string body) {
    size_t question = target.find('?');
    std::string_view path = target.substr(0, question);
    Request req;
    req.method = std::string(method);
    req.path = std::string(path);
    if (question != std::string_view::npos) {
        req.query = ParseQuery(target.substr(question + 1));
    }
    if (!token.empty()) {
        req.headers.emplace_back("Authorization", "Bearer " + token);
    }
    req.body = std::move(body);
    return Send(std::move(req));
}

Response ApiHarness::Send(Request req) {
    req.request_id = "test";
    RouteMatch match = router_.Match(req.method, req.path);
    if (match.kind == RouteMatch::Kind::kNotFound) {
        return ProblemResponse(404, "not_found", "no route for " + req.path);
    }
    if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
        return ProblemResponse(405, "method_not_allowed", "method not allowed");
    }
    req.path_params = std::move(match.params);
    return (*match.handler)(req);
}

void ApiHarness::FakeAwsDefaults() {
    ports::AccountState account;
    account.account_id = std::string(kAccount);
    account.status = "ENABLED";
    account.ec2_status = "ENABLED";
    account.ecr_status = "ENABLED";
    account.lambda_status = "ENABLED";
    account.lambda_code_status = "ENABLED";
    Error unavailable(ErrorCode::kUnavailable, "not faked by this test");
    ON_CALL(aws_.inspector, ListFindings(_, _)).WillByDefault(Return(Ok()));
    ON_CALL(aws_.inspector, ListCoverage(_, _)).WillByDefault(Return(Ok()));
    ON_CALL(aws_.inspector, BatchGetAccountStatus(_))
        .WillByDefault(Return(Result<std::vector<ports::AccountState>>({account})));
    ON_CALL(aws_.inspector, CreateSbomExport(_))
        .WillByDefault(Return(Result<std::string>(unavailable)));
    ON_CALL(aws_.inspector, GetSbomExport(_))
        .WillByDefault(Return(Result<ports::SbomExportStatus>(unavailable)));
    ON_CALL(aws_.inspector, CancelSbomExport(_)).WillByDefault(Return(Ok()));
    ON_CALL(aws_.lambda, ListFunctions(_)).WillByDefault(Return(Ok()));
    ON_CALL(aws_.lambda, GetFunction(_))
        .WillByDefault(Return(
            Result<ports::LambdaFunctionInfo>(Error(ErrorCode::kNotFound, "Function not found")
                                                  .With("aws_code", "ResourceNotFoundException"))));
    ports::CallerIdentity identity{
        std::string(kAccount), "arn:aws:iam::123456789012:user/kensa", "AIDAEXAMPLE"};
    ON_CALL(aws_.sts, GetCallerIdentity())
        .WillByDefault(Return(Result<ports::CallerIdentity>(identity)));
    ON_CALL(aws_.s3, ListObjects(_, _, _)).WillByDefault(Return(Ok()));
    ON_CALL(aws_.s3, GetObject(_, _, _)).WillByDefault(Return(Ok()));
    ON_CALL(aws_.s3, PutObject(_, _, _)).WillByDefault(Return(Ok()));
    ON_CALL(aws_.s3, GetBucketLocation(_)).WillByDefault(Return(Result<std::string>("us-east-1")));
}

std::string ApiHarness::AdminToken() {
    return TokenWithScopes("root", /*site_admin=*/true, kAllScopes);
}

std::string ApiHarness::TokenFor(const std::string& user, domain::Id group, domain::Role role) {
    std::string token = TokenWithScopes(user, /*site_admin=*/false, kAllScopes);
    auto found = store_->FindUserByName(user);
    EXPECT_TRUE(found.ok() && found->has_value());
    if (found.ok() && found->has_value()) {
        EXPECT_TRUE(store_->SetMembership((*found)->id, group, role).ok());
    }
    return token;
}

std::string ApiHarness::TokenWithScopes(const std::string& user,
                                        bool site_admin,
                                        const std::vector<domain::Scope>& scopes,
                                        std::optional<int> expires_in_days) {
    app::TokenRequest request;
    request.label = "test";
    request.scopes = scopes;
    request.expires_in_days = expires_in_days;
    auto issued = app::IssueTokenForName(*ctx_, user, site_admin, request);
    EXPECT_TRUE(issued.ok()) << (issued.ok() ? "" : issued.error().ToString());
    return issued.ok() ? issued->secret : std::string();
}

domain::Id ApiHarness::CreateGroup(const std::string& name) {
    auto id = app::CreateGroup(*ctx_, name, "UTC", "test");
    EXPECT_TRUE(id.ok()) << name;
    return id.ok() ? *id : 0;
}

void ApiHarness::ConfigureAws(domain::Id group) {
    app::AwsSettingsInput in;
    in.auth_type = domain::AwsAuthType::kAccessKey;
    in.region = "us-east-1";
    in.access_key_id = "AKIAIOSFODNN7EXAMPLE";
    in.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    EXPECT_TRUE(app::SetAwsSettings(*ctx_, group, in, "test").ok());
}

domain::Id ApiHarness::AddEc2Server(domain::Id group, const std::string& instance_id) {
    domain::Server server;
    server.group_id = group;
    server.kind = domain::ServerKind::kEc2;
    server.name = instance_id;
    server.instance_id = instance_id;
    server.account_id = "123456789012";
    server.region = "us-east-1";
    server.platform = "AMAZON_LINUX_2023";
    server.created_at = kStartEpoch;
    auto id = store_->CreateServer(server);
    EXPECT_TRUE(id.ok()) << instance_id;
    return id.ok() ? *id : 0;
}

domain::Id ApiHarness::AddPseudoServer(domain::Id group, const std::string& name) {
    domain::Server server;
    server.group_id = group;
    server.kind = domain::ServerKind::kPseudo;
    server.name = name;
    server.created_at = kStartEpoch;
    auto id = store_->CreateServer(server);
    EXPECT_TRUE(id.ok()) << name;
    return id.ok() ? *id : 0;
}

std::vector<domain::Id> ApiHarness::AddTasks(
    domain::Id server, const std::vector<std::pair<std::string, std::string>>& found) {
    domain::ScanObservation observation;
    for (const auto& [vulnerability_id, package] : found) {
        domain::Software software;
        software.key.name = package;
        software.key.version = "1.0";
        software.ecosystem = "rpm";
        software.package_manager = "OS";
        domain::Vulnerability vulnerability;
        vulnerability.id = vulnerability_id;
        vulnerability.title = vulnerability_id + " in " + package;
        vulnerability.severity = domain::Severity::kHigh;
        vulnerability.cvss3_score = 7.5;
        observation.vulnerabilities.push_back(vulnerability);
        observation.software.push_back(software);
        observation.detections.push_back(
            {vulnerability_id, software.key, "arn:finding/" + vulnerability_id, "1.1", "package"});
    }
    EXPECT_TRUE(store_->ApplyScan(server, observation, {}, kStartEpoch).ok());
    auto server_row = store_->GetServer(server);
    EXPECT_TRUE(server_row.ok());
    std::vector<domain::Id> ids;
    for (const auto& [vulnerability_id, package] : found) {
        ports::TaskFilter filter;
        filter.group_id = server_row.ok() ? server_row->group_id : 0;
        filter.vulnerability_id = vulnerability_id;
        filter.server_id = server;
        auto tasks = store_->ListTasks(filter);
        EXPECT_TRUE(tasks.ok() && tasks->size() == 1) << vulnerability_id;
        ids.push_back(tasks.ok() && !tasks->empty() ? tasks->front().task.id : 0);
    }
    return ids;
}

domain::Id ApiHarness::AddTask(domain::Id server,
                               const std::string& vulnerability_id,
                               const std::string& package) {
    return AddTasks(server, {{vulnerability_id, package}}).front();
}

ApiTest::ApiTest() {
    blue = api.CreateGroup("blue");
    red = api.CreateGroup("red");
    site_admin = api.AdminToken();
    blue_admin = api.TokenFor("blue-admin", blue, domain::Role::kAdmin);
    blue_member = api.TokenFor("blue-member", blue, domain::Role::kMember);
    blue_viewer = api.TokenFor("blue-viewer", blue, domain::Role::kViewer);
    red_admin = api.TokenFor("red-admin", red, domain::Role::kAdmin);
}

std::string ApiTest::GroupPath(domain::Id group, const std::string& suffix) {
    return "/api/v1/groups/" + std::to_string(group) + suffix;
}

dto::Json BodyJson(const Response& response) {
    dto::Json parsed = dto::Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(parsed.is_discarded()) << "not JSON: " << response.body;
    return parsed.is_discarded() ? dto::Json() : parsed;
}

std::string ProblemCode(const Response& response) {
    dto::Json body = BodyJson(response);
    return body.is_object() ? body.value("code", "") : "";
}

std::string ProblemField(const Response& response) {
    dto::Json body = BodyJson(response);
    if (!body.is_object() || !body.contains("details") || !body["details"].is_object()) {
        return "";
    }
    return body["details"].value("field", "");
}

}  // namespace kensa::http::api::testing
