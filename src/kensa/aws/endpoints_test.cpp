#include "kensa/aws/endpoints.h"

#include <gtest/gtest.h>

namespace kensa::aws {
namespace {

TEST(EndpointsTest, RegionalHostsPerPartition) {
    EXPECT_EQ(ResolveEndpoint("inspector2", "eu-west-1", {}, EmptyEnv())->base_url,
              "https://inspector2.eu-west-1.amazonaws.com");
    EXPECT_EQ(ResolveEndpoint("lambda", "cn-north-1", {}, EmptyEnv())->base_url,
              "https://lambda.cn-north-1.amazonaws.com.cn");
    EXPECT_EQ(ResolveEndpoint("sts", "us-gov-west-1", {}, EmptyEnv())->base_url,
              "https://sts.us-gov-west-1.amazonaws.com");
    EXPECT_EQ(ResolveEndpoint("s3", "us-iso-east-1", {}, EmptyEnv())->base_url,
              "https://s3.us-iso-east-1.c2s.ic.gov");
    EXPECT_FALSE(ResolveEndpoint("s3", "eu-west-1", {}, EmptyEnv())->overridden);
}

TEST(EndpointsTest, RejectsRegionsThatCouldInjectIntoTheHost) {
    EXPECT_FALSE(ResolveEndpoint("sts", "", {}, EmptyEnv()).ok());
    EXPECT_FALSE(ResolveEndpoint("sts", "evil.com/x", {}, EmptyEnv()).ok());
    EXPECT_FALSE(ResolveEndpoint("sts", "US-EAST-1", {}, EmptyEnv()).ok());
}

TEST(EndpointsTest, ServiceSpecificEnvBeatsGlobalEnv) {
    auto env = MapEnv(
        {{"AWS_ENDPOINT_URL", "http://global:1"}, {"AWS_ENDPOINT_URL_STS", "http://sts-only:2/"}});
    auto sts = ResolveEndpoint("sts", "us-east-1", {}, env);
    ASSERT_TRUE(sts.ok());
    EXPECT_EQ(sts->base_url, "http://sts-only:2");
    EXPECT_TRUE(sts->overridden);
    EXPECT_EQ(ResolveEndpoint("inspector2", "us-east-1", {}, env)->base_url, "http://global:1");
}

TEST(EndpointsTest, IgnoreConfiguredEndpointUrls) {
    auto env = MapEnv(
        {{"AWS_ENDPOINT_URL", "http://global:1"}, {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}});
    EXPECT_EQ(ResolveEndpoint("s3", "us-east-1", {}, env)->base_url,
              "https://s3.us-east-1.amazonaws.com");
}

TEST(EndpointsTest, ExplicitUrlsWinAndEnvironmentIsNotConsulted) {
    bool env_read = false;
    EnvLookup spy = [&](const std::string&) -> std::optional<std::string> {
        env_read = true;
        return "http://from-env:9";
    };
    std::map<std::string, std::string> urls = {{"", "http://127.0.0.1:4566/base/"},
                                               {"s3", "http://s3.local:9000"}};
    auto inspector = ResolveEndpoint("inspector2", "us-east-1", urls, spy);
    ASSERT_TRUE(inspector.ok());
    EXPECT_EQ(inspector->base_url, "http://127.0.0.1:4566");
    EXPECT_EQ(inspector->base_path, "/base");
    EXPECT_EQ(ResolveEndpoint("s3", "us-east-1", urls, spy)->base_url, "http://s3.local:9000");
    EXPECT_FALSE(env_read);
}

TEST(EndpointsTest, MalformedOverrideIsInvalidInput) {
    EXPECT_EQ(ParseEndpointUrl("localhost:4566").error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(ParseEndpointUrl("ftp://x").error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(ParseEndpointUrl("http://x/?a=b").error().code(), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace kensa::aws
