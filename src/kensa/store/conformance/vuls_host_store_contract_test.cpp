// VulsHostStore: a Vuls server found by its identity within its group only, and the host row
// of its last result.
#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class VulsHostStoreContract : public StoreContract {
protected:
    Id MakeVuls(Id group, const domain::VulsServerKey& key) {
        domain::Server s;
        s.group_id = group;
        s.kind = domain::ServerKind::kVuls;
        s.name = key.name;
        s.vuls_uuid = key.vuls_uuid;
        return *store_->CreateServer(s);
    }
};

TEST_P(VulsHostStoreContract, AServerIsFoundByItsUuidOrByItsNameInItsOwnGroupOnly) {
    Id g = MakeGroup("blue");
    Id other = MakeGroup("red");
    auto by_uuid = domain::IdentifyVulsServer("u-1", "web1", "", "", "");
    auto by_name = domain::IdentifyVulsServer("", "debian_11", "", "", "");
    Id a = MakeVuls(g, by_uuid);
    Id b = MakeVuls(g, by_name);
    EXPECT_EQ((*store_->FindVulsServer(g, by_uuid))->id, a);
    EXPECT_EQ((*store_->FindVulsServer(g, by_name))->id, b);
    EXPECT_FALSE(store_->FindVulsServer(other, by_uuid)->has_value());
    // A host that gained a serverUUID is not its name-identified namesake.
    EXPECT_FALSE(
        store_->FindVulsServer(g, domain::IdentifyVulsServer("u-2", "debian_11", "", "", ""))
            ->has_value());
    // Renaming a uuid-identified host keeps its identity.
    EXPECT_EQ(
        (*store_->FindVulsServer(g, domain::IdentifyVulsServer("u-1", "renamed", "", "", "")))->id,
        a);
    // The same identity twice in one group is refused; in another group it is another server.
    domain::Server dup;
    dup.group_id = g;
    dup.kind = domain::ServerKind::kVuls;
    dup.name = "debian_11";
    EXPECT_EQ(store_->CreateServer(dup).error().code(), ErrorCode::kConflict);
    dup.name = "web1-again";
    dup.vuls_uuid = "u-1";
    EXPECT_EQ(store_->CreateServer(dup).error().code(), ErrorCode::kConflict);
    dup.group_id = other;
    EXPECT_TRUE(store_->CreateServer(dup).ok());
}

TEST_P(VulsHostStoreContract, TheHostRowIsReplacedByEachResultAndListedPerGroup) {
    Id g = MakeGroup("blue");
    Id other = MakeGroup("red");
    Id s = MakeVuls(g, domain::IdentifyVulsServer("u-1", "web1", "", "", ""));
    MakeVuls(other, domain::IdentifyVulsServer("u-9", "elsewhere", "", "", ""));
    domain::VulsHost h;
    h.server_id = s;
    h.identified_by = domain::VulsIdentity::kServerUuid;
    h.server_uuid = "u-1";
    h.family = "ubuntu";
    h.release = "22.04";
    h.kernel_release = "5.15.0-69-generic";
    h.reboot_required = true;
    h.ipv4_addrs = {"10.0.0.5", "192.168.0.2"};
    h.ipv6_addrs = {"fd00::1"};
    h.platform_name = "aws";
    h.instance_id = "i-0abc";
    h.scanned_at = "2026-12-07T10:00:00Z";
    h.imported_at = 1000;
    ASSERT_TRUE(store_->SaveVulsHost(h).ok());
    auto hosts = store_->ListVulsHosts(g);
    ASSERT_TRUE(hosts.ok());
    ASSERT_EQ(hosts->size(), 1u);
    const auto& got = hosts->front();
    EXPECT_EQ(got.identified_by, domain::VulsIdentity::kServerUuid);
    EXPECT_EQ(got.ipv4_addrs, h.ipv4_addrs);
    EXPECT_EQ(got.ipv6_addrs, h.ipv6_addrs);
    EXPECT_TRUE(got.reboot_required);
    EXPECT_EQ(got.instance_id, "i-0abc");
    h.release = "24.04";
    h.reboot_required = false;
    h.ipv4_addrs.clear();
    ASSERT_TRUE(store_->SaveVulsHost(h).ok());
    hosts = store_->ListVulsHosts(g);
    ASSERT_EQ(hosts->size(), 1u);
    EXPECT_EQ(hosts->front().release, "24.04");
    EXPECT_FALSE(hosts->front().reboot_required);
    EXPECT_TRUE(hosts->front().ipv4_addrs.empty());
    EXPECT_TRUE(store_->ListVulsHosts(other)->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         VulsHostStoreContract,
                         ::testing::ValuesIn(kBackends),
                         BackendName);

}  // namespace
}  // namespace kensa::store::contract
