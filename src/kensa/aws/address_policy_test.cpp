#include "kensa/aws/address_policy.h"

#include <gtest/gtest.h>

namespace kensa::aws {
namespace {

TEST(AddressPolicy, PrivateLoopbackAndLinkLocalAddressesAreRefused) {
    for (const char* ip : {"10.0.0.1",
                           "10.255.255.255",
                           "172.16.0.1",
                           "172.31.255.254",
                           "192.168.1.1",
                           "169.254.169.254",
                           "127.0.0.1",
                           "127.1.2.3",
                           "0.0.0.0",
                           "100.64.0.1",
                           "224.0.0.1",
                           "255.255.255.255",
                           "::1",
                           "::",
                           "fc00::1",
                           "fd12:3456::1",
                           "fe80::1",
                           "ff02::1",
                           "::ffff:10.0.0.1",
                           "::ffff:169.254.169.254",
                           "64:ff9b::7f00:1"}) {
        EXPECT_TRUE(IsPrivateAddress(std::string_view(ip))) << ip;
    }
    for (const char* ip : {"8.8.8.8",
                           "52.94.133.131",
                           "172.15.255.255",
                           "172.32.0.1",
                           "192.169.0.1",
                           "169.253.1.1",
                           "11.0.0.1",
                           "2600:1f18::1",
                           "::ffff:52.94.133.131"}) {
        EXPECT_FALSE(IsPrivateAddress(std::string_view(ip))) << ip;
    }
}

TEST(AddressPolicy, TheAllowlistNamesHostsAndPorts) {
    EndpointAllowlist list({"127.0.0.1", "Emulator.Internal:4566", "[::1]:9000", " "});
    EXPECT_EQ(list.entries().size(), 3u);
    EXPECT_TRUE(list.Names("http://127.0.0.1:1"));
    EXPECT_TRUE(list.Names("http://127.0.0.1"));
    EXPECT_TRUE(list.Names("https://emulator.internal:4566/prefix"));
    EXPECT_FALSE(list.Names("https://emulator.internal:4567"));
    EXPECT_TRUE(list.Names("http://[::1]:9000"));
    EXPECT_FALSE(list.Names("http://[::1]:1"));
    EXPECT_FALSE(list.Names("http://127.0.0.10:1"));
    EXPECT_FALSE(list.Names("http://user@127.0.0.1:1"));  // not a URL kensa accepts
}

TEST(AddressPolicy, AnEntryThatCouldMatchNothingIsRefused) {
    for (const char* ok :
         {"127.0.0.1", "127.0.0.1:4566", "emulator.internal", "[::1]", "[::1]:9000"}) {
        EXPECT_TRUE(EndpointAllowlist::CheckEntry(ok).ok()) << ok;
    }
    for (const char* bad : {"http://127.0.0.1:4566",
                            "::1",
                            "127.0.0.1:",
                            "127.0.0.1:99999",
                            "host/path",
                            "",
                            "[::1",
                            "[nothex]:1",
                            "a b"}) {
        EXPECT_FALSE(EndpointAllowlist::CheckEntry(bad).ok()) << bad;
    }
}

TEST(AddressPolicy, WithoutAnAllowlistOnlyAwsEndpointsPass) {
    EndpointAllowlist none;
    EXPECT_TRUE(none.Check("").ok());
    EXPECT_TRUE(none.Check("https://inspector2.us-east-1.amazonaws.com").ok());
    EXPECT_TRUE(none.Check("https://sts.cn-north-1.amazonaws.com.cn").ok());
    for (const char* url : {"http://127.0.0.1:1",
                            "http://localhost:1",
                            "http://[::1]:1",
                            "http://inspector2.us-east-1.amazonaws.com",  // not TLS
                            "https://amazonaws.com.evil.example",
                            "https://169.254.169.254",
                            "ftp://x",
                            "https://evilamazonaws.com"}) {
        auto st = none.Check(url);
        ASSERT_FALSE(st.ok()) << url;
        EXPECT_EQ(st.error().code(), ErrorCode::kInvalidInput) << url;
        EXPECT_EQ(st.error().Detail("field"), "endpoint_url") << url;
    }
    EndpointAllowlist emulator({"127.0.0.1"});
    EXPECT_TRUE(emulator.Check("http://127.0.0.1:4566").ok());
    EXPECT_FALSE(emulator.Check("http://localhost:4566").ok());  // names the host, not a DNS view
}

}  // namespace
}  // namespace kensa::aws
