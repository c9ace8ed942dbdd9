#include "kensa/cli/aws_cmd.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kensa/aws/testing/fake_transport.h"

namespace kensa::cli {
namespace {

using aws::testing::FakeTransport;
using aws::testing::MakeResponse;
using nlohmann::json;

class AwsCommandTest : public ::testing::Test {
protected:
    /// Runs `kensa aws <args>`; returns the exit code as main() would.
    int Run(std::vector<std::string> args, GroupAuthResolver resolver = nullptr) {
        AwsCommandIo io;
        io.out = &out_;
        io.err = &err_;
        io.client_options.transport = transport_;
        io.client_options.env = aws::MapEnv({{"AWS_ACCESS_KEY_ID", "AKIDENV"},
                                             {"AWS_SECRET_ACCESS_KEY", "s"},
                                             {"AWS_REGION", "eu-west-1"}});
        CLI::App app{"kensa"};
        AddAwsCommand(app, std::move(resolver), io);
        args.insert(args.begin(), {"kensa", "aws"});
        std::vector<const char*> argv;
        for (const auto& arg : args) {
            argv.push_back(arg.c_str());
        }
        try {
            app.parse(static_cast<int>(argv.size()), argv.data());
        } catch (const CLI::ParseError& e) {
            return app.exit(e, out_, err_);
        }
        return 0;
    }

    std::shared_ptr<FakeTransport> transport_ = std::make_shared<FakeTransport>();
    std::ostringstream out_;
    std::ostringstream err_;
};

TEST_F(AwsCommandTest, GetCallerIdentityPrintsJson) {
    transport_->Push(MakeResponse(
        200,
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/u"
        "</Arn><UserId>U</UserId><Account>111122223333</Account>"
        "</GetCallerIdentityResult></GetCallerIdentityResponse>"));
    ASSERT_EQ(Run({"sts", "get-caller-identity"}), 0) << err_.str();
    json printed = json::parse(out_.str());
    EXPECT_EQ(printed["Account"], "111122223333");
    EXPECT_EQ(printed["Arn"], "arn:aws:iam::1:user/u");
    EXPECT_EQ(transport_->requests()[0].base_url, "https://sts.eu-west-1.amazonaws.com");
}

TEST_F(AwsCommandTest, ListFindingsFollowsPagesUpToMaxItems) {
    transport_->Push(MakeResponse(
        200, R"({"findings": [{"findingArn": "a"}, {"findingArn": "b"}], "nextToken": "t"})"));
    transport_->Push(MakeResponse(
        200, R"({"findings": [{"findingArn": "c"}, {"findingArn": "d"}], "nextToken": "u"})"));
    ASSERT_EQ(Run({"--endpoint-url",
                   "http://127.0.0.1:1",
                   "inspector2",
                   "list-findings",
                   "--max-items",
                   "3",
                   "--filter-json",
                   R"({"severity": [{"comparison": "EQUALS", "value": "CRITICAL"}]})"}),
              0)
        << err_.str();
    json printed = json::parse(out_.str());
    ASSERT_EQ(printed["findings"].size(), 3u);
    EXPECT_EQ(printed["findings"][2]["findingArn"], "c");
    EXPECT_EQ(transport_->request_count(), 2u);
    EXPECT_EQ(transport_->requests()[0].base_url, "http://127.0.0.1:1");
    json sent = json::parse(transport_->requests()[0].request.body);
    EXPECT_EQ(sent["filterCriteria"]["severity"][0]["value"], "CRITICAL");
}

TEST_F(AwsCommandTest, AccessDeniedGoesToStderrWithExitCode3) {
    transport_->Push(MakeResponse(
        403, R"({"message": "nope"})", {{"X-Amzn-ErrorType", "AccessDeniedException"}}));
    EXPECT_EQ(Run({"inspector2", "batch-get-account-status"}), 3);
    EXPECT_TRUE(out_.str().empty());
    EXPECT_NE(err_.str().find("inspector2:BatchGetAccountStatus"), std::string::npos) << err_.str();
}

TEST_F(AwsCommandTest, GroupResolverSuppliesCredentials) {
    transport_->Push(MakeResponse(200, R"({"Functions": [{"FunctionName": "f"}]})"));
    std::string asked;
    auto resolver = [&](const std::string& group) -> Result<aws::AwsAuthConfig> {
        asked = group;
        aws::AwsAuthConfig auth;
        auth.region = "ap-southeast-2";
        auth.static_credentials = aws::Credentials{"AKIDGROUP", "gs", "", std::nullopt, "group"};
        return auth;
    };
    ASSERT_EQ(Run({"--group", "payments", "lambda", "list-functions"}, resolver), 0) << err_.str();
    EXPECT_EQ(asked, "payments");
    auto sent = transport_->requests()[0];
    EXPECT_EQ(sent.base_url, "https://lambda.ap-southeast-2.amazonaws.com");
    EXPECT_NE(sent.request.Header("Authorization").find("Credential=AKIDGROUP/"),
              std::string::npos);
    EXPECT_EQ(json::parse(out_.str())["Functions"][0]["FunctionName"], "f");
}

TEST_F(AwsCommandTest, S3CpStreamsTheObjectToStdout) {
    transport_->Push(MakeResponse(200, "line one\nline two\n"));
    ASSERT_EQ(Run({"s3", "cp", "s3://bucket-1/dir/file.json", "-"}), 0) << err_.str();
    EXPECT_EQ(out_.str(), "line one\nline two\n");
    EXPECT_EQ(transport_->requests()[0].request.path, "/dir/file.json");
    EXPECT_EQ(Run({"s3", "cp", "not-an-s3-uri", "-"}), 2);
}

}  // namespace
}  // namespace kensa::cli
