#include <gtest/gtest.h>

#include "kensa/aws/aws_clients.h"
#include "kensa/aws/lambda_client.h"
#include "kensa/aws/s3_client.h"
#include "kensa/aws/sts_client.h"
#include "kensa/aws/testing/fake_transport.h"
#include "kensa/common/strings.h"

namespace kensa::aws {
namespace {

using testing::FakeTransport;
using testing::MakeResponse;

class ServiceClientsTest : public ::testing::Test {
protected:
    ServiceContext Context(const std::string& service, Protocol protocol, bool overridden = false) {
        ServiceContext context;
        context.transport = transport_;
        context.credentials =
            MakeStaticProvider({"AKIDEXAMPLE", "secret", "", std::nullopt, "static"});
        context.clock = &clock_;
        context.region = "eu-west-1";
        context.signing_name = service;
        context.protocol = protocol;
        context.endpoint.base_url = overridden ? "http://127.0.0.1:4566"
                                               : "https://" + service + ".eu-west-1.amazonaws.com";
        context.endpoint.overridden = overridden;
        context.retry.max_attempts = 1;
        return context;
    }

    std::shared_ptr<FakeTransport> transport_ = std::make_shared<FakeTransport>();
    ManualClock clock_{1700000000};
};

TEST_F(ServiceClientsTest, LambdaListFunctionsFollowsMarkers) {
    transport_->Push(
        MakeResponse(200, R"({"Functions": [{"FunctionName": "a", "FunctionArn": "arn:a",
        "Runtime": "python3.12", "PackageType": "Zip", "Version": "$LATEST", "Architectures": ["arm64"],
        "Layers": [{"Arn": "arn:layer:1"}]}], "NextMarker": "m1"})"));
    transport_->Push(
        MakeResponse(200, R"({"Functions": [{"FunctionName": "b"}, 17], "NextMarker": null})"));
    LambdaClient client(Context("lambda", Protocol::kRestJson));
    std::vector<ports::LambdaFunctionInfo> all;
    ASSERT_TRUE(client
                    .ListFunctions([&](std::vector<ports::LambdaFunctionInfo>&& page) {
                        all.insert(all.end(), page.begin(), page.end());
                        return true;
                    })
                    .ok());
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].architectures, std::vector<std::string>{"arm64"});
    EXPECT_EQ(all[0].layer_arns, std::vector<std::string>{"arn:layer:1"});
    auto requests = transport_->requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].request.method, "GET");
    EXPECT_EQ(requests[0].request.path, "/2015-03-31/functions");
    EXPECT_EQ(requests[0].request.query, "MaxItems=50");
    EXPECT_EQ(requests[1].request.query, "MaxItems=50&Marker=m1");
}

TEST_F(ServiceClientsTest, LambdaGetFunctionEncodesArnLabel) {
    transport_->Push(MakeResponse(200, R"({"Configuration": {"FunctionName": "fn", "Version": "3",
        "CodeSha256": "abc"}, "Code": {}})"));
    LambdaClient client(Context("lambda", Protocol::kRestJson));
    auto info = client.GetFunction("arn:aws:lambda:eu-west-1:111122223333:function:fn:3");
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->version, "3");
    EXPECT_EQ(
        transport_->requests()[0].request.path,
        "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A111122223333%3Afunction%3Afn%3A3");
}

TEST_F(ServiceClientsTest, LambdaErrorsUseTheirShapes) {
    transport_->Push(MakeResponse(404,
                                  R"({"Type": "User", "Message": "Function not found: fn"})",
                                  {{"X-Amzn-ErrorType", "ResourceNotFoundException"}}));
    LambdaClient client(Context("lambda", Protocol::kRestJson));
    auto info = client.GetFunction("fn");
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(info.error().Detail("aws_action"), "lambda:GetFunction");
}

TEST_F(ServiceClientsTest, S3VirtualHostedOnAwsPathStyleOnOverride) {
    const std::string key = "SBOM/111122223333/arn:aws:lambda:fn=1/bom.json";
    transport_->Push(MakeResponse(200, "{}"));
    S3Client aws_client(Context("s3", Protocol::kRestXml));
    ASSERT_TRUE(
        aws_client.GetObject("kensa-exports", key, [](std::string_view) { return true; }).ok());
    auto first = transport_->requests()[0];
    EXPECT_EQ(first.base_url, "https://kensa-exports.s3.eu-west-1.amazonaws.com");
    EXPECT_EQ(first.request.Header("Host"), "kensa-exports.s3.eu-west-1.amazonaws.com");
    EXPECT_EQ(first.request.path, "/SBOM/111122223333/arn%3Aaws%3Alambda%3Afn%3D1/bom.json");
    EXPECT_FALSE(first.request.Header("x-amz-content-sha256").empty());

    transport_->Push(MakeResponse(200, "{}"));
    S3Client local(Context("s3", Protocol::kRestXml, /*overridden=*/true));
    ASSERT_TRUE(local.GetObject("kensa-exports", key, [](std::string_view) { return true; }).ok());
    auto second = transport_->requests()[1];
    EXPECT_EQ(second.base_url, "http://127.0.0.1:4566");
    EXPECT_EQ(second.request.Header("Host"), "127.0.0.1:4566");
    EXPECT_EQ(second.request.path,
              "/kensa-exports/SBOM/111122223333/arn%3Aaws%3Alambda%3Afn%3D1/bom.json");

    EXPECT_FALSE(s3::IsVirtualHostable("my.bucket"));
    EXPECT_FALSE(s3::IsVirtualHostable("Upper"));
    EXPECT_TRUE(s3::IsVirtualHostable("abc-123"));
}

TEST_F(ServiceClientsTest, S3GetObjectStreamsInChunksAndCanAbort) {
    std::string object(1000, 'x');
    transport_->Push(MakeResponse(200, object));
    S3Client client(Context("s3", Protocol::kRestXml));
    std::string received;
    int chunks = 0;
    ASSERT_TRUE(client
                    .GetObject("b-1",
                               "k",
                               [&](std::string_view chunk) {
                                   received.append(chunk);
                                   ++chunks;
                                   return true;
                               })
                    .ok());
    EXPECT_EQ(received, object);
    EXPECT_GT(chunks, 100);  // delivered piecewise, never as one buffer

    transport_->Push(MakeResponse(200, object));
    Status aborted = client.GetObject("b-1", "k", [](std::string_view) { return false; });
    ASSERT_FALSE(aborted.ok());
    EXPECT_EQ(aborted.error().code(), ErrorCode::kInternal);
    EXPECT_EQ(aborted.error().message(), "aborted by caller");
}

TEST_F(ServiceClientsTest, S3GetObjectErrorIsParsedNotStreamed) {
    transport_->Push(
        MakeResponse(403,
                     "<Error><Code>AccessDenied</Code><Message>The ciphertext refers to a customer "
                     "master key that does not exist... KMS</Message></Error>"));
    S3Client client(Context("s3", Protocol::kRestXml));
    std::string received;
    Status status = client.GetObject("b-1", "k", [&](std::string_view chunk) {
        received.append(chunk);
        return true;
    });
    ASSERT_FALSE(status.ok());
    EXPECT_TRUE(received.empty());
    EXPECT_EQ(status.error().Detail("aws_action"), "s3:GetObject");
    EXPECT_EQ(status.error().Detail("kms_action"), "kms:Decrypt");
}

TEST_F(ServiceClientsTest, S3ListObjectsV2ContinuationToken) {
    transport_->Push(MakeResponse(200, R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b-1</Name><IsTruncated>true</IsTruncated>
<Contents><Key>p/a.json</Key><Size>12</Size><ETag>"e1"</ETag><LastModified>2024-01-01T00:00:00.000Z</LastModified></Contents>
<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken></ListBucketResult>)"));
    transport_->Push(MakeResponse(200, R"(<ListBucketResult><IsTruncated>false</IsTruncated>
<Contents><Key>p/b.json</Key><Size>3</Size></Contents></ListBucketResult>)"));
    S3Client client(Context("s3", Protocol::kRestXml));
    std::vector<ports::S3Object> objects;
    ASSERT_TRUE(client
                    .ListObjects("b-1",
                                 "p/",
                                 [&](std::vector<ports::S3Object>&& page) {
                                     objects.insert(objects.end(), page.begin(), page.end());
                                     return true;
                                 })
                    .ok());
    ASSERT_EQ(objects.size(), 2u);
    EXPECT_EQ(objects[0].size, 12);
    EXPECT_EQ(objects[0].etag, "\"e1\"");
    auto requests = transport_->requests();
    EXPECT_EQ(requests[0].request.query, "list-type=2&prefix=p%2F");
    EXPECT_EQ(requests[1].request.query,
              "list-type=2&prefix=p%2F&continuation-token=1ueGcxLPRx1Tr%2FXYExHnhbYLgveDs2J%"
              "2Fwm36Hy4vbOwM%3D");
}

TEST_F(ServiceClientsTest, S3BucketLocationAndPutObject) {
    transport_->Push(MakeResponse(
        200, R"(<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>)"));
    transport_->Push(MakeResponse(200, R"(<LocationConstraint>eu-central-1</LocationConstraint>)"));
    transport_->Push(MakeResponse(200, ""));
    S3Client client(Context("s3", Protocol::kRestXml));
    EXPECT_EQ(*client.GetBucketLocation("b-1"), "us-east-1");
    EXPECT_EQ(*client.GetBucketLocation("b-1"), "eu-central-1");
    ASSERT_TRUE(client.PutObject("b-1", "dir/x y.txt", "hello").ok());
    auto put = transport_->requests()[2].request;
    EXPECT_EQ(put.method, "PUT");
    EXPECT_EQ(put.path, "/dir/x%20y.txt");
    EXPECT_EQ(put.body, "hello");
    EXPECT_EQ(put.Header("x-amz-content-sha256"),
              "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    EXPECT_EQ(transport_->requests()[0].request.query, "location");
}

TEST_F(ServiceClientsTest, StsGetCallerIdentityAndAssumeRole) {
    transport_->Push(MakeResponse(
        200, R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/kensa</Arn><UserId>AIDA</UserId>
  <Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId>
  </ResponseMetadata></GetCallerIdentityResponse>)"));
    StsClient client(Context("sts", Protocol::kQuery));
    auto identity = client.GetCallerIdentity();
    ASSERT_TRUE(identity.ok()) << identity.error().ToString();
    EXPECT_EQ(identity->account, "111122223333");
    EXPECT_EQ(identity->arn, "arn:aws:iam::111122223333:user/kensa");
    auto sent = transport_->requests()[0].request;
    EXPECT_EQ(sent.method, "POST");
    EXPECT_EQ(sent.body, "Action=GetCallerIdentity&Version=2011-06-15");
    EXPECT_EQ(sent.Header("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");

    transport_->Push(MakeResponse(200,
                                  "<GetCallerIdentityResponse><GetCallerIdentityResult/>"
                                  "</GetCallerIdentityResponse>"));
    EXPECT_FALSE(client.GetCallerIdentity().ok());

    transport_->Push(MakeResponse(
        403,
        "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
        "<Message>not authorized</Message></Error><RequestId>q</RequestId></ErrorResponse>"));
    AssumeRoleRequest request;
    request.role_arn = "arn:aws:iam::444455556666:role/Kensa";
    request.external_id = "wrong id";
    auto denied = client.AssumeRole(request);
    ASSERT_FALSE(denied.ok());
    EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(denied.error().Detail("aws_action"), "sts:AssumeRole");
    EXPECT_EQ(transport_->requests()[2].request.body,
              "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%"
              "3Arole%2FKensa"
              "&RoleSessionName=kensa&ExternalId=wrong%20id&DurationSeconds=3600");
}

TEST(AwsClientsFactoryTest, ExplicitConfigNeverReadsTheEnvironment) {
    auto transport = std::make_shared<FakeTransport>();
    transport->SetHandler([](const std::string&,
                             const HttpRequest& request) -> Result<HttpResponse> {
        if (request.body.find("Action=AssumeRole") != std::string::npos) {
            return MakeResponse(
                200,
                "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAROLE"
                "</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>"
                "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult>"
                "</AssumeRoleResponse>");
        }
        return MakeResponse(200,
                            "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:x</Arn>"
                            "<Account>444455556666</Account></GetCallerIdentityResult></"
                            "GetCallerIdentityResponse>");
    });
    bool env_read = false;
    AwsClientOptions options;
    options.transport = transport;
    options.env = [&](const std::string&) -> std::optional<std::string> {
        env_read = true;
        return std::nullopt;
    };
    AwsAuthConfig auth;
    auth.region = "eu-west-1";
    auth.static_credentials = Credentials{"AKIAGROUP", "group-secret", "", std::nullopt, "group"};
    auth.role_arn = "arn:aws:iam::444455556666:role/Kensa";
    auth.external_id = "ext";
    auth.endpoint_urls[""] = "http://127.0.0.1:9999";
    auto clients = MakeAwsClients(auth, options);
    ASSERT_TRUE(clients.ok()) << clients.error().ToString();
    auto identity = clients->sts->GetCallerIdentity();
    ASSERT_TRUE(identity.ok()) << identity.error().ToString();
    EXPECT_EQ(identity->account, "444455556666");
    EXPECT_FALSE(env_read);
    auto requests = transport->requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].base_url, "http://127.0.0.1:9999");
    EXPECT_NE(requests[0].request.Header("Authorization").find("Credential=AKIAGROUP/"),
              std::string::npos);
    EXPECT_NE(requests[0].request.body.find("ExternalId=ext"), std::string::npos);
    EXPECT_NE(requests[1].request.Header("Authorization").find("Credential=ASIAROLE/"),
              std::string::npos);
    EXPECT_EQ(requests[1].request.Header("X-Amz-Security-Token"), "t");
}

TEST(AwsClientsFactoryTest, RejectsBadConfiguration) {
    AwsClientOptions options;
    options.transport = std::make_shared<FakeTransport>();
    options.env = EmptyEnv();
    AwsAuthConfig auth;
    EXPECT_EQ(MakeAwsClients(auth, options).error().code(), ErrorCode::kInvalidInput);
    auth.region = "us-east-1";
    auth.endpoint_urls["inspector2"] = "not a url";
    EXPECT_EQ(MakeAwsClients(auth, options).error().code(), ErrorCode::kInvalidInput);
    auth.endpoint_urls.clear();
    auth.static_credentials = Credentials{};
    EXPECT_EQ(MakeAwsClients(auth, options).error().code(), ErrorCode::kInvalidInput);
}

TEST(AwsClientsFactoryTest, DefaultChainWithoutCredentialsIsUnauthenticated) {
    auto transport = std::make_shared<FakeTransport>();
    transport->SetHandler([](const std::string&, const HttpRequest&) -> Result<HttpResponse> {
        return Error(ErrorCode::kUnavailable, "no network in unit tests");
    });
    AwsClientOptions options;
    options.transport = transport;
    options.env = MapEnv({{"HOME", "/nonexistent-kensa-home"}});
    AwsAuthConfig auth;
    auth.region = "us-east-1";
    auto clients = MakeAwsClients(auth, options);
    ASSERT_TRUE(clients.ok());
    auto identity = clients->sts->GetCallerIdentity();
    ASSERT_FALSE(identity.ok());
    EXPECT_EQ(identity.error().code(), ErrorCode::kUnauthenticated);
    EXPECT_EQ(identity.error().Detail("aws_action"), "sts:GetCallerIdentity");
}

}  // namespace
}  // namespace kensa::aws
