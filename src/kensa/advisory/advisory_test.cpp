#include "kensa/advisory/advisory.h"

#include <gtest/gtest.h>

#include "kensa/advisory/advisory_doc.h"
#include "kensa/advisory/ecosystem.h"
#include "kensa/advisory/package_query.h"

namespace kensa::advisory {
namespace {

TEST(Advisory, VulnerabilityIdsPreferCveThenGhsa) {
    Advisory a;
    a.id = "GHSA-aaaa-bbbb-cccc";
    a.aliases = {"PYSEC-1"};
    EXPECT_EQ(a.VulnerabilityIds(), std::vector<std::string>{"GHSA-aaaa-bbbb-cccc"});
    a.id = "PYSEC-2";
    a.aliases = {"GHSA-x", "CVE-2020-1", "CVE-2020-2"};
    a.related = {"CVE-2023-9"};  // another vulnerability: not this record's
    EXPECT_EQ(a.VulnerabilityIds(), (std::vector<std::string>{"CVE-2020-1", "CVE-2020-2"}));
}

TEST(AdvisoryDoc, RoundTrip) {
    Advisory adv;
    adv.id = "GO-2022-0956";
    adv.modified = "0001-01-01T00:00:00Z";
    adv.summary = "Excessive resource consumption";
    adv.aliases = {"CVE-2022-3064", "GHSA-6q6q-88xp-6f2r"};
    Affected affected;
    affected.osv_ecosystem = "Go";
    affected.ecosystem = "golang";
    affected.package = "gopkg.in/yaml.v2";
    affected.normalized = "gopkg.in/yaml.v2";
    affected.ranges.push_back(
        {"SEMVER", {{Event::Kind::kIntroduced, "0"}, {Event::Kind::kFixed, "2.2.4"}}});
    adv.affected.push_back(affected);
    auto back = FromDoc(ToDoc(adv));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(ToDoc(*back), ToDoc(adv));
    EXPECT_EQ(back->aliases, adv.aliases);
    EXPECT_EQ(back->affected[0].ranges[0].events[1].kind, Event::Kind::kFixed);
    EXPECT_EQ(back->affected[0].ranges[0].events[1].version, "2.2.4");
}

TEST(AdvisoryDoc, RejectsWhatIsNotADoc) {
    EXPECT_FALSE(FromDoc("").ok());
    EXPECT_FALSE(FromDoc("[1]").ok());
    EXPECT_FALSE(FromDoc(R"({"id": "X", "affected": [7]})").ok());
}

TEST(Ecosystem, OsvEcosystemsAndDistros) {
    EXPECT_EQ(MapOsvEcosystem("PyPI")->ecosystem, "pypi");
    EXPECT_EQ(MapOsvEcosystem("crates.io")->ecosystem, "cargo");
    EXPECT_EQ(MapOsvEcosystem("Debian:12")->distro, "debian-12");
    EXPECT_EQ(MapOsvEcosystem("Alpine:v3.18")->distro, "alpine-3.18");
    EXPECT_EQ(MapOsvEcosystem("Alpine:v3.18")->ecosystem, "apk");
    EXPECT_EQ(MapOsvEcosystem("Ubuntu:Pro:22.04:LTS")->distro, "ubuntu-22.04");
    EXPECT_EQ(MapOsvEcosystem("Rocky Linux:9")->distro, "rocky-9");
    EXPECT_FALSE(MapOsvEcosystem("OSS-Fuzz").has_value());
    EXPECT_EQ(NormalizeDistro("AMAZON_LINUX_2023"), "amzn-2023");
    EXPECT_EQ(NormalizeDistro("UBUNTU_22_04"), "ubuntu-22.04");
    EXPECT_EQ(NormalizeDistro("ALPINE_LINUX_3_19"), "alpine-3.19");
    EXPECT_EQ(NormalizeDistro("alpine-v3.19"), "alpine-3.19");
    EXPECT_EQ(NormalizeDistro("debian-12"), "debian-12");
    EXPECT_TRUE(DistroCovers("almalinux-9", "almalinux-9.2"));
    EXPECT_TRUE(DistroCovers("debian", "debian-12"));
    EXPECT_FALSE(DistroCovers("alpine-3.1", "alpine-3.18"));
    EXPECT_FALSE(DistroCovers("alpine-3.18", "alpine-3.19"));
    EXPECT_FALSE(DistroCovers("debian-12", "ubuntu-12"));
}

TEST(PackageQuery, OsPackagesCarryDistroFullVersionAndSourceNames) {
    domain::Server server;
    server.platform = "AMAZON_LINUX_2023";
    domain::Software sw;
    sw.ecosystem = "rpm";
    sw.key.name = "openssl-libs";
    sw.key.version = "3.0.8";
    sw.key.release = "1.amzn2023.0.4";
    sw.key.epoch = 1;
    sw.purl =
        "pkg:rpm/amazon/"
        "openssl-libs@3.0.8-1.amzn2023.0.4?epoch=1&upstream=openssl-3.0.8-1.amzn2023.0.4.src.rpm";
    PackageQuery q = QueryFor(sw, server);
    EXPECT_EQ(q.ecosystem, "rpm");
    EXPECT_EQ(q.version, "1:3.0.8-1.amzn2023.0.4");
    EXPECT_EQ(q.distro, "amzn-2023");  // the server's platform: the purl has no distro
    EXPECT_EQ(q.source_names, std::vector<std::string>{"openssl"});

    sw.purl = "pkg:deb/debian/libssl3@3.0.11-1?distro=debian-12&srcpkg=openssl";
    sw.ecosystem.clear();
    sw.key.epoch = 0;
    sw.key.release.clear();
    sw.key.version = "3.0.11-1";
    q = QueryFor(sw, server);
    EXPECT_EQ(q.ecosystem, "deb");  // from the purl type
    EXPECT_EQ(q.distro, "debian-12");
    EXPECT_EQ(q.source_names, std::vector<std::string>{"openssl"});
}

TEST(PackageQuery, LanguagePackagesHaveNoDistroAndMavenUsesSlashes) {
    domain::Server server;
    server.platform = "UBUNTU_22_04";
    domain::Software sw;
    sw.ecosystem = "maven";
    sw.key.name = "org.apache.logging.log4j:log4j-core";
    sw.key.version = "2.14.1";
    sw.key.release = "ignored";
    PackageQuery q = QueryFor(sw, server);
    EXPECT_EQ(q.name, "org.apache.logging.log4j/log4j-core");
    EXPECT_EQ(q.version, "2.14.1");
    EXPECT_TRUE(q.distro.empty());
    EXPECT_TRUE(q.source_names.empty());
}

// The purls of a real Inspector export (inspector-sbom/export-docs-examples): type dpkg, no
// namespace, no distro qualifier, upper-case arch, upstream a source file name. The distro is
// the server's (learned from a finding or the document), never the coverage's bare LINUX.
TEST(PackageQuery, InspectorExportPurlsTakeTheServersDistro) {
    domain::Server server;
    server.platform = "LINUX";  // what ListCoverage says of an EC2 instance
    domain::Software sw;
    sw.key.name = "libss2";
    sw.key.version = "1.44.5-1+deb10u3";
    sw.purl =
        "pkg:dpkg/"
        "libss2@1.44.5-1+deb10u3?arch=ARM64&epoch=0&upstream=libss2-1.44.5-1+deb10u3.src.dpkg";
    PackageQuery q = QueryFor(sw, server);
    EXPECT_EQ(q.ecosystem, "deb");
    EXPECT_EQ(q.distro, "linux");         // nothing better known: no distro advisory will match
    EXPECT_TRUE(q.source_names.empty());  // the upstream file names the package itself

    server.distro = "debian-10";
    q = QueryFor(sw, server);
    EXPECT_EQ(q.distro, "debian-10");
    EXPECT_EQ(q.version, "1.44.5-1+deb10u3");

    sw.purl =
        "pkg:rpm/"
        "libxml2-python@2.9.1-6.el7.4?arch=X86_64&epoch=0&upstream=libxml2-2.9.1-6.el7.4.src.rpm";
    sw.key.name = "libxml2-python";
    sw.key.version = "2.9.1";
    sw.key.release = "6.el7.4";
    q = QueryFor(sw, server);
    EXPECT_EQ(q.ecosystem, "rpm");
    EXPECT_EQ(q.source_names, std::vector<std::string>{"libxml2"});
}

TEST(Distro, FromPlatformNamesOnlyDistrosWithAdvisories) {
    EXPECT_EQ(DistroFromPlatform("AMAZON_LINUX_2023"), "amzn-2023");
    EXPECT_EQ(DistroFromPlatform("AMAZON_LINUX_2"), "amzn-2");
    EXPECT_EQ(DistroFromPlatform("UBUNTU_22_04"), "ubuntu-22.04");
    EXPECT_EQ(DistroFromPlatform("DEBIAN_10"), "debian-10");
    EXPECT_EQ(DistroFromPlatform("ALMA_LINUX_9"), "almalinux-9");
    EXPECT_EQ(DistroFromPlatform("CENTOS_7"), "centos-7");
    EXPECT_EQ(DistroFromPlatform("Amazon Linux 2023"), "amzn-2023");  // sbomgen's OS component
    EXPECT_EQ(DistroFromPlatform(" alpine 3.18.2 "), "alpine-3.18.2");
    EXPECT_EQ(DistroFromPlatform("AlmaLinux 9.3"), "almalinux-9.3");
    EXPECT_EQ(DistroFromPlatform("LINUX"), "");  // coverage's Ec2Platform
    EXPECT_EQ(DistroFromPlatform("WINDOWS"), "");
    EXPECT_EQ(DistroFromPlatform("WINDOWS_SERVER_2019"), "");
    EXPECT_EQ(DistroFromPlatform("debian"), "");  // a family without its release
    EXPECT_EQ(DistroFromPlatform(""), "");
}

TEST(Distro, VulsFamiliesAndReleasesNameTheirDistroAndPackageEcosystem) {
    // Vuls writes its own family names (constant/constant.go) beside the release.
    EXPECT_EQ(DistroFromPlatform("alma 9.0"), "almalinux-9.0");
    EXPECT_EQ(DistroFromPlatform("amazon 2023.3.20240312"), "amzn-2023.3.20240312");
    EXPECT_EQ(DistroFromPlatform("redhat 9.0"), "rhel-9.0");
    EXPECT_EQ(DistroFromPlatform("oracle 8.10"), "ol-8.10");
    EXPECT_EQ(DistroFromPlatform("suse.linux.enterprise.server 15.3"), "sles-15.3");
    EXPECT_EQ(DistroFromPlatform("windows Windows Server 2022"), "");
    EXPECT_EQ(VulsFamilyEcosystem("ubuntu"), "deb");
    EXPECT_EQ(VulsFamilyEcosystem("amazon"), "rpm");
    EXPECT_EQ(VulsFamilyEcosystem("suse.linux.enterprise.server"), "rpm");
    EXPECT_EQ(VulsFamilyEcosystem("alpine"), "apk");
    EXPECT_EQ(VulsFamilyEcosystem("windows"), "");
    EXPECT_EQ(VulsFamilyEcosystem("pseudo"), "");
}

}  // namespace
}  // namespace kensa::advisory
