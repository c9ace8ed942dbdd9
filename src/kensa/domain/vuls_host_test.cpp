#include "kensa/domain/vuls_host.h"

#include <gtest/gtest.h>

namespace kensa::domain {
namespace {

TEST(VulsIdentityRule, AHostIsItsServerUuidAndAContainerIsContainerUuidAtServerUuid) {
    auto host = IdentifyVulsServer("u-1", "web1", "", "", "");
    EXPECT_EQ(host.by, VulsIdentity::kServerUuid);
    EXPECT_EQ(host.vuls_uuid, "u-1");
    EXPECT_EQ(host.name, "web1");

    auto box = IdentifyVulsServer("u-1", "web1", "3f2a", "c-9", "nginx");
    EXPECT_EQ(box.by, VulsIdentity::kContainerUuid);
    EXPECT_EQ(box.vuls_uuid, "c-9@u-1");
    EXPECT_EQ(box.name, "nginx@web1");
}

TEST(VulsIdentityRule, WithoutAServerUuidTheNameIdentifies) {
    auto host = IdentifyVulsServer("", "debian_11", "", "", "");
    EXPECT_EQ(host.by, VulsIdentity::kServerName);
    EXPECT_EQ(host.vuls_uuid, "");
    EXPECT_EQ(host.name, "debian_11");
    // A container of a host without a serverUUID: by its name on that host.
    auto box = IdentifyVulsServer("", "web1", "3f2a", "", "");
    EXPECT_EQ(box.by, VulsIdentity::kServerName);
    EXPECT_EQ(box.name, "3f2a@web1");
}

TEST(VulsIdentityRule, SpellingsRoundTrip) {
    for (auto v :
         {VulsIdentity::kServerUuid, VulsIdentity::kContainerUuid, VulsIdentity::kServerName}) {
        VulsIdentity back = VulsIdentity::kServerName;
        ASSERT_TRUE(Parse(ToString(v), &back));
        EXPECT_EQ(back, v);
    }
    VulsIdentity x;
    EXPECT_FALSE(Parse("uuid", &x));
}

TEST(LinkHostsRule, AVulsHostAndAnEc2ServerWithTheSameInstanceIdListEachOther) {
    Server ec2;
    ec2.id = 1;
    ec2.kind = ServerKind::kEc2;
    ec2.name = "web1";
    ec2.instance_id = "i-0abc";
    Server vuls;
    vuls.id = 2;
    vuls.kind = ServerKind::kVuls;
    vuls.name = "web1-vuls";
    Server other;
    other.id = 3;
    other.kind = ServerKind::kVuls;
    other.name = "db";
    VulsHost h;
    h.server_id = 2;
    h.instance_id = "i-0abc";
    VulsHost unlinked;
    unlinked.server_id = 3;
    unlinked.instance_id = "i-0def";  // no EC2 server has it
    auto links = LinkHosts({ec2, vuls, other}, {h, unlinked});
    ASSERT_EQ(links.size(), 2u);
    ASSERT_EQ(links[1].size(), 1u);
    EXPECT_EQ(links[1][0].server_id, 2);
    EXPECT_EQ(links[1][0].kind, ServerKind::kVuls);
    EXPECT_EQ(links[1][0].reason, "instance id i-0abc");
    ASSERT_EQ(links[2].size(), 1u);
    EXPECT_EQ(links[2][0].server_id, 1);
    EXPECT_EQ(links[2][0].name, "web1");
    EXPECT_EQ(links.count(3), 0u);
}

TEST(LinkHostsRule, AnEmptyInstanceIdLinksNothing) {
    Server ec2;
    ec2.id = 1;
    ec2.kind = ServerKind::kEc2;
    VulsHost h;
    h.server_id = 2;
    EXPECT_TRUE(LinkHosts({ec2}, {h}).empty());
}

}  // namespace
}  // namespace kensa::domain
