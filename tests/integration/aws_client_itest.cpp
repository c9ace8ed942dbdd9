// The AWS wire layer against kensa-aws-emulator: real HTTP, real SigV4 verification, real
// paging and fault injection. Each test suite starts its own emulator on a free port.
//
// The emulator binary comes from KENSA_AWS_EMULATOR_BIN (set by CMake when the target exists)
// or the KENSA_AWS_EMULATOR environment variable; without either the tests are skipped.

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "kensa/aws/aws_clients.h"
#include "kensa/aws/http_transport.h"
#include "kensa/aws/inspector2_client.h"
#include "kensa/aws/sts_client.h"
#include "kensa/cli/aws_cmd.h"
#include "kensa/common/strings.h"

extern char** environ;

namespace kensa::aws {
namespace {

using nlohmann::json;

// The demo fleet's principals (data/fleets/demo-fleet.json).
constexpr const char* kAccount = "123456789012";
const Credentials kDemoUser{
    "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "", std::nullopt, "it"};
const Credentials kAuditor{
    "AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "", std::nullopt, "it"};
constexpr const char* kRoleArn = "arn:aws:iam::123456789012:role/kensa-inspector";
constexpr const char* kExternalId = "kensa-demo-external-id";

std::string EmulatorBinary() {
    if (const char* env = std::getenv("KENSA_AWS_EMULATOR"); env != nullptr && *env != '\0') {
        return env;
    }
#ifdef KENSA_AWS_EMULATOR_BIN
    return KENSA_AWS_EMULATOR_BIN;
#else
    return {};
#endif
}

/// A running emulator child process, stopped with SIGTERM on destruction.
class Emulator {
public:
    ~Emulator() { Stop(); }

    /// Starts `binary args...` and waits for "listening on HOST:PORT".
    bool Start(const std::vector<std::string>& args) {
        int fds[2];
        if (pipe(fds) != 0) {
            return false;
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        std::vector<char*> argv;
        for (const auto& arg : args) {
            argv.push_back(const_cast<char*>(arg.c_str()));
        }
        argv.push_back(nullptr);
        int rc = posix_spawn(&pid_, args[0].c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        if (rc != 0) {
            close(fds[0]);
            pid_ = -1;
            return false;
        }
        out_ = fdopen(fds[0], "r");
        char line[256] = {};
        if (out_ == nullptr || std::fgets(line, sizeof(line), out_) == nullptr) {
            return false;
        }
        std::string text = Trim(line);
        const std::string prefix = "listening on ";
        if (!StartsWith(text, prefix)) {
            return false;
        }
        url_ = "http://" + text.substr(prefix.size());
        return true;
    }

    void Stop() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            int status = 0;
            waitpid(pid_, &status, 0);
            pid_ = -1;
        }
        if (out_ != nullptr) {
            std::fclose(out_);
            out_ = nullptr;
        }
    }

    const std::string& url() const { return url_; }

private:
    pid_t pid_ = -1;
    FILE* out_ = nullptr;
    std::string url_;
};

class AwsClientIntegrationTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::string binary = EmulatorBinary();
        if (binary.empty() || !std::filesystem::exists(binary)) {
            return;
        }
        emulator_ = new Emulator();
        if (!emulator_->Start({binary, "--listen", "127.0.0.1:0", "--demo-fleet", "--seed", "7"})) {
            delete emulator_;
            emulator_ = nullptr;
        }
    }
    static void TearDownTestSuite() {
        delete emulator_;
        emulator_ = nullptr;
    }

    void SetUp() override {
        if (emulator_ == nullptr) {
            GTEST_SKIP() << "kensa-aws-emulator not available (set KENSA_AWS_EMULATOR)";
        }
        Control("DELETE", "/_emulator/faults", "");
    }

    /// Clients for the given keys (optionally assuming the demo role); never reads process env.
    Result<AwsServiceClients> Clients(const Credentials& creds,
                                      const std::string& role_arn = "",
                                      const std::string& external_id = "") {
        AwsAuthConfig auth;
        auth.region = "us-east-1";
        auth.static_credentials = creds;
        auth.role_arn = role_arn;
        auth.external_id = external_id;
        auth.endpoint_urls[""] = emulator_->url();
        AwsClientOptions options;
        options.env = EmptyEnv();
        options.clock = &clock_;  // retry sleeps advance it instead of blocking
        return MakeAwsServiceClients(auth, options);
    }

    static HttpResponse Control(const std::string& method,
                                const std::string& path,
                                const std::string& body) {
        static HttpTransportPtr transport = MakeCurlTransport();
        HttpRequest request;
        request.method = method;
        request.path = path;
        request.body = body;
        request.SetHeader("Content-Type", "application/json");
        auto response = transport->Send(emulator_->url(), request, nullptr);
        EXPECT_TRUE(response.ok()) << response.error().ToString();
        return response.ok() ? *response : HttpResponse{};
    }

    static Emulator* emulator_;
    ManualClock clock_{ToEpochSeconds(RealClock::Instance().SystemNow())};
};

Emulator* AwsClientIntegrationTest::emulator_ = nullptr;

TEST_F(AwsClientIntegrationTest, GetCallerIdentity) {
    auto clients = Clients(kDemoUser);
    ASSERT_TRUE(clients.ok()) << clients.error().ToString();
    auto identity = clients->sts->GetCallerIdentity();
    ASSERT_TRUE(identity.ok()) << identity.error().ToString();
    EXPECT_EQ(identity->account, kAccount);
    EXPECT_NE(identity->arn.find("user/kensa-demo"), std::string::npos) << identity->arn;
}

TEST_F(AwsClientIntegrationTest, AssumeRoleWithTheRightExternalId) {
    auto clients = Clients(kDemoUser, kRoleArn, kExternalId);
    ASSERT_TRUE(clients.ok());
    auto identity = clients->sts->GetCallerIdentity();
    ASSERT_TRUE(identity.ok()) << identity.error().ToString();
    EXPECT_NE(identity->arn.find("assumed-role/kensa-inspector/kensa"), std::string::npos)
        << identity->arn;
    auto creds = clients->credentials->GetCredentials();
    ASSERT_TRUE(creds.ok());
    EXPECT_FALSE(creds->session_token.empty());
    EXPECT_TRUE(creds->expiration.has_value());
}

TEST_F(AwsClientIntegrationTest, AssumeRoleWithAWrongExternalIdIsDenied) {
    auto clients = Clients(kDemoUser, kRoleArn, "not-the-external-id");
    ASSERT_TRUE(clients.ok());
    auto identity = clients->sts->GetCallerIdentity();
    ASSERT_FALSE(identity.ok());
    EXPECT_EQ(identity.error().code(), ErrorCode::kPermissionDenied) << identity.error().ToString();
    EXPECT_EQ(identity.error().Detail("aws_action"), "sts:AssumeRole");
    EXPECT_EQ(identity.error().Detail("http_status"), "403");
}

TEST_F(AwsClientIntegrationTest, AccessDeniedNamesTheAction) {
    auto clients = Clients(kAuditor);  // may ListCoverage but not ListFindings
    ASSERT_TRUE(clients.ok());
    Status status =
        clients->inspector->ListFindings({}, [](std::vector<ports::Finding>&&) { return true; });
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code(), ErrorCode::kPermissionDenied) << status.error().ToString();
    EXPECT_EQ(status.error().Detail("aws_action"), "inspector2:ListFindings");
    EXPECT_EQ(status.error().Detail("attempts"), "1");  // never retried
}

TEST_F(AwsClientIntegrationTest, ThrottlingIsRetriedThenSurfacedWhenRetriesRunOut) {
    auto clients = Clients(kDemoUser);
    ASSERT_TRUE(clients.ok());
    auto list_one_page = [&] {
        return clients->inspector->ListFindings(
            {}, [](std::vector<ports::Finding>&&) { return false; });
    };
    // Two throttles, then success: within the 3 default attempts.
    Control("POST",
            "/_emulator/faults",
            R"({"inspector2:ListFindings": {"failNext": {"count": 2, "kind": "throttle"}}})");
    auto before = clock_.SystemNow();
    Status recovered = list_one_page();
    EXPECT_TRUE(recovered.ok()) << recovered.error().ToString();
    EXPECT_GE(clock_.SystemNow(), before);  // backoff went through the injected clock
    // Three throttles: retries run out and the throttling error surfaces.
    Control("POST",
            "/_emulator/faults",
            R"({"inspector2:ListFindings": {"failNext": {"count": 3, "kind": "throttle"}}})");
    Status exhausted = list_one_page();
    ASSERT_FALSE(exhausted.ok());
    EXPECT_EQ(exhausted.error().code(), ErrorCode::kUnavailable);
    EXPECT_EQ(exhausted.error().Detail("throttling"), "true");
    EXPECT_EQ(exhausted.error().Detail("attempts"), "3");
    EXPECT_EQ(exhausted.error().Detail("aws_action"), "inspector2:ListFindings");
}

TEST_F(AwsClientIntegrationTest, CliGetCallerIdentityPrintsAccountAndArn) {
    std::ostringstream out;
    std::ostringstream err;
    cli::AwsCommandIo io;
    io.out = &out;
    io.err = &err;
    io.client_options.env = MapEnv({{"AWS_ACCESS_KEY_ID", kDemoUser.access_key_id},
                                    {"AWS_SECRET_ACCESS_KEY", kDemoUser.secret_access_key}});
    CLI::App app{"kensa"};
    cli::AddAwsCommand(app, nullptr, io);
    std::vector<std::string> args = {"kensa",
                                     "aws",
                                     "--region",
                                     "us-east-1",
                                     "--endpoint-url",
                                     emulator_->url(),
                                     "sts",
                                     "get-caller-identity"};
    std::vector<const char*> argv;
    for (const auto& arg : args) {
        argv.push_back(arg.c_str());
    }
    ASSERT_NO_THROW(app.parse(static_cast<int>(argv.size()), argv.data())) << err.str();
    json printed = json::parse(out.str());
    EXPECT_EQ(printed["Account"], kAccount);
    EXPECT_NE(printed["Arn"].get<std::string>().find("user/kensa-demo"), std::string::npos);
}

/// A generated fleet big enough for >= 1,000 findings, carrying the demo fleet's principals.
class LargeFleetIntegrationTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string binary = EmulatorBinary();
        if (binary.empty() || !std::filesystem::exists(binary)) {
            GTEST_SKIP() << "kensa-aws-emulator not available (set KENSA_AWS_EMULATOR)";
        }
        dir_ = std::filesystem::temp_directory_path() / ("kensa-itest-" + RandomHex(6));
        std::filesystem::create_directories(dir_);
        std::string generated = (dir_ / "generated.json").string();
        std::string command = "'" + binary +
                              "' generate --instances 60 --lambdas 60 --images 60 --seed 3 > '" +
                              generated + "'";
        ASSERT_EQ(std::system(command.c_str()), 0)
            << command;  // NOLINT(cert-env33-c): test-only, fixed args
        json fleet = json::parse(std::ifstream(generated), nullptr, false);
        json demo = json::parse(
            std::ifstream(std::filesystem::path(KENSA_SOURCE_DIR) / "data/fleets/demo-fleet.json"),
            nullptr,
            false);
        ASSERT_TRUE(fleet.is_object() && demo.is_object());
        for (const char* key : {"users", "roles", "accounts", "settings"}) {
            if (demo.contains(key)) {
                fleet[key] = demo[key];
            }
        }
        std::ofstream(dir_ / "fleet.json") << fleet.dump();
        ASSERT_TRUE(emulator_.Start(
            {binary, "--listen", "127.0.0.1:0", "--fleet", (dir_ / "fleet.json").string()}));
    }
    void TearDown() override {
        emulator_.Stop();
        if (!dir_.empty()) {
            std::filesystem::remove_all(dir_);
        }
    }

    Emulator emulator_;
    std::filesystem::path dir_;
};

TEST_F(LargeFleetIntegrationTest, PagesThroughMoreThanAThousandFindings) {
    AwsAuthConfig auth;
    auth.region = "us-east-1";
    auth.static_credentials = kDemoUser;
    auth.endpoint_urls[""] = emulator_.url();
    AwsClientOptions options;
    options.env = EmptyEnv();
    auto clients = MakeAwsClients(auth, options);
    ASSERT_TRUE(clients.ok());
    size_t pages = 0;
    std::set<std::string> arns;
    Status status = clients->inspector->ListFindings({}, [&](std::vector<ports::Finding>&& page) {
        ++pages;
        EXPECT_LE(page.size(), 100u);
        for (const auto& finding : page) {
            EXPECT_FALSE(finding.finding_arn.empty());
            EXPECT_GT(finding.first_observed_at, 0);
            arns.insert(finding.finding_arn);
        }
        return true;
    });
    ASSERT_TRUE(status.ok()) << status.error().ToString();
    EXPECT_GE(arns.size(), 1000u);
    EXPECT_GE(pages, 10u);
}

}  // namespace
}  // namespace kensa::aws
