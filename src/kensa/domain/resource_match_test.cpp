#include "kensa/domain/resource_match.h"

#include <gtest/gtest.h>

namespace kensa::domain {
namespace {

Server Make(ServerKind kind, std::string a, std::string b = "") {
    Server s;
    s.kind = kind;
    if (kind == ServerKind::kEc2) {
        s.instance_id = std::move(a);
    } else if (kind == ServerKind::kEcrImage) {
        s.repository = std::move(a);
        s.image_tag = std::move(b);
    }
    return s;
}

TEST(ResourceIndex, MatchesEc2ByInstanceLambdaByUnqualifiedArnAndEcrByRegisteredTag) {
    const std::string fn = "arn:aws:lambda:us-east-1:111122223333:function:pay";
    LambdaFunction f;
    f.id = 42;
    f.arn = fn;
    std::vector<Server> servers = {Make(ServerKind::kEc2, "i-0abc"),
                                   Make(ServerKind::kPseudo, ""),
                                   Make(ServerKind::kEcrImage, "web", "v1"),
                                   Make(ServerKind::kEcrImage, "web", "v2"),
                                   Make(ServerKind::kVuls, "")};
    ResourceIndex index(servers, {{}, {f}, {}, {}, {}});

    EXPECT_EQ(index.Match({ResourceType::kEc2Instance, "i-0abc", "", {}}),
              (std::vector<ResourceMatch>{{0, {}}}));
    EXPECT_TRUE(index.Match({ResourceType::kEc2Instance, "i-other", "", {}}).empty());
    EXPECT_EQ(index.Match({ResourceType::kLambdaFunction, fn + ":$LATEST", "", {}}),
              (std::vector<ResourceMatch>{{1, Id{42}}}));
    EXPECT_EQ(index.Match({ResourceType::kLambdaFunction, fn, "", {}}),
              (std::vector<ResourceMatch>{{1, Id{42}}}));
    // An image carrying both registered tags belongs to both servers; an unregistered tag to none.
    EXPECT_EQ(index.Match({ResourceType::kEcrImage, "sha256:1", "web", {"v2", "v1", "latest"}}),
              (std::vector<ResourceMatch>{{3, {}}, {2, {}}}));
    EXPECT_TRUE(index.Match({ResourceType::kEcrImage, "sha256:1", "web", {"latest"}}).empty());
    EXPECT_TRUE(index.Match({ResourceType::kEcrImage, "sha256:1", "api", {"v1"}}).empty());
    EXPECT_TRUE(index.Match({ResourceType::kOther, "i-0abc", "", {}}).empty());
    EXPECT_EQ(
        index.types(),
        (std::vector<ResourceType>{
            ResourceType::kEc2Instance, ResourceType::kLambdaFunction, ResourceType::kEcrImage}));
    EXPECT_EQ(index.ecr_tags(), (std::vector<std::string>{"v1", "v2"}));
}

TEST(LambdaArns, QualifierIsSplitOffOnlyForFunctionArns) {
    EXPECT_EQ(UnqualifiedLambdaArn("arn:aws:lambda:us-east-1:1:function:f:$LATEST"),
              "arn:aws:lambda:us-east-1:1:function:f");
    EXPECT_EQ(LambdaQualifier("arn:aws:lambda:us-east-1:1:function:f:7"), "7");
    EXPECT_EQ(UnqualifiedLambdaArn("arn:aws:lambda:us-east-1:1:function:f"),
              "arn:aws:lambda:us-east-1:1:function:f");
    EXPECT_EQ(UnqualifiedLambdaArn("arn:aws:ec2:us-east-1:1:instance:i:x"),
              "arn:aws:ec2:us-east-1:1:instance:i:x");
    EXPECT_TRUE(IsLatestLambdaVersion("$LATEST"));
    EXPECT_TRUE(IsLatestLambdaVersion(""));
    EXPECT_FALSE(IsLatestLambdaVersion("3"));
}

TEST(InspectorDisabledFor, JudgesTheAccountAndTheResourceType) {
    InspectorAccountStatus s;
    s.account_id = "111122223333";
    s.status = "ENABLED";
    s.ec2_status = "ENABLED";
    s.lambda_status = "DISABLED";
    EXPECT_FALSE(InspectorDisabledFor(s, ResourceType::kEc2Instance, "us-east-1"));
    EXPECT_FALSE(InspectorDisabledFor(
        s, ResourceType::kEcrImage, "us-east-1"));  // not reported: not held against it
    auto lambda = InspectorDisabledFor(s, ResourceType::kLambdaFunction, "us-east-1");
    ASSERT_TRUE(lambda);
    EXPECT_EQ(lambda->message,
              "Amazon Inspector Lambda scanning is DISABLED in account 111122223333");
    s.status = "SUSPENDED";
    auto account = InspectorDisabledFor(s, ResourceType::kEc2Instance, "eu-west-1");
    ASSERT_TRUE(account);
    EXPECT_NE(account->message.find("SUSPENDED"), std::string::npos);
    EXPECT_NE(account->hint.find("eu-west-1"), std::string::npos);
}

}  // namespace
}  // namespace kensa::domain
