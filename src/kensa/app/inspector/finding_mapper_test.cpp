#include "kensa/app/inspector/finding_mapper.h"

#include <gtest/gtest.h>

#include "kensa/app/inspector/inspector_scan.h"
#include "tests/mocks/inspector_findings.h"

namespace kensa::app {
namespace {

using testing::PackageFinding;

TEST(FindingMapperTest, MapsPackageCodeAndNetworkFindings) {
    domain::Server server;
    server.kind = domain::ServerKind::kEc2;
    server.instance_id = "i-1";
    FindingMapper mapper(domain::ResourceIndex({server}, {{}}));
    mapper.Add(PackageFinding("arn:f1", "CVE-2024-1", "openssl", "i-1"));
    mapper.Add(
        PackageFinding("arn:f2", "CVE-2024-1", "openssl-libs", "i-1"));     // same CVE, 2nd package
    mapper.Add(PackageFinding("arn:f3", "CVE-2024-2", "curl", "i-other"));  // another server
    auto closed = PackageFinding("arn:f4", "CVE-2024-3", "bash", "i-1");
    closed.status = "CLOSED";
    mapper.Add(closed);
    auto net = PackageFinding("arn:n1", "", "", "i-1");
    net.type = "NETWORK_REACHABILITY";
    net.network_protocol = "TCP";
    net.network_port_begin = 22;
    net.network_port_end = 22;
    mapper.Add(net);
    EXPECT_EQ(mapper.findings_seen(), 5);
    auto network = mapper.TakeNetworkFindings();
    ASSERT_EQ(network.size(), 1u);
    EXPECT_EQ(network[0].port_begin, 22);
    auto obs = mapper.TakeObservation();
    ASSERT_EQ(obs.vulnerabilities.size(), 1u);
    EXPECT_DOUBLE_EQ(obs.vulnerabilities[0].cvss3_score, 7.5);  // the v3 score, not v2
    EXPECT_TRUE(obs.vulnerabilities[0].exploit_available);
    ASSERT_EQ(obs.software.size(), 2u);
    EXPECT_EQ(obs.software[0].ecosystem, "rpm");
    EXPECT_EQ(obs.software[0].type, domain::SoftwareType::kOsPkg);
    ASSERT_EQ(obs.detections.size(), 2u);
    EXPECT_EQ(obs.detections[1].source_ref, "arn:f2");
    EXPECT_EQ(obs.detections[1].fixed_in, "1.1");
}

// Shapes from the real samples (inspector-findings/defectdojo): one finding lists several
// packages (libxml2 + libxml2-python, or one name at two paths), a PARTIAL fix, UNTRIAGED with
// no CVSS, SUPPRESSED. Each is stored, none rejected; the finding's platform names the distro.
TEST(FindingMapperTest, RealFindingShapesAreAllKept) {
    domain::Server server;
    server.kind = domain::ServerKind::kEc2;
    server.instance_id = "i-1";
    FindingMapper mapper(domain::ResourceIndex({server}, {{}}));
    auto multi = PackageFinding("arn:m", "CVE-2016-4658", "libxml2", "i-1");
    multi.fix_available = "PARTIAL";
    multi.resources[0].ec2_platform = "CENTOS_7";
    auto second = multi.vulnerable_packages[0];
    second.name = "libxml2-python";
    second.fixed_in_version = "NotAvailable";
    multi.vulnerable_packages.push_back(second);
    auto third = multi.vulnerable_packages[0];
    third.file_path = "opt/venv/lib/libxml2.so";  // the same name at another path
    multi.vulnerable_packages.push_back(third);
    mapper.Add(multi);
    auto untriaged = PackageFinding("arn:u", "CVE-2024-9", "bash", "i-1");
    untriaged.severity = "UNTRIAGED";
    untriaged.cvss.clear();
    untriaged.status = "SUPPRESSED";
    mapper.Add(untriaged);
    auto obs = mapper.TakeObservation();
    EXPECT_EQ(obs.distro, "centos-7");
    ASSERT_EQ(obs.vulnerabilities.size(), 2u);
    EXPECT_EQ(obs.vulnerabilities[0].fix_available, "PARTIAL");
    EXPECT_EQ(obs.vulnerabilities[1].severity, domain::Severity::kUntriaged);
    EXPECT_DOUBLE_EQ(obs.vulnerabilities[1].cvss3_score, 0);
    ASSERT_EQ(obs.detections.size(), 4u);  // three packages of one finding, and the suppressed
    EXPECT_EQ(obs.detections[1].software->name, "libxml2-python");
    EXPECT_EQ(obs.detections[1].fixed_in, "");  // "NotAvailable": no fix for this package
    EXPECT_EQ(obs.detections[2].software->path, "opt/venv/lib/libxml2.so");
    EXPECT_EQ(obs.detections[3].vulnerability_id, "CVE-2024-9");
}

// Real findings give CVSS 3.1 and 4.0 side by side (the DefectDojo sample of Inspector2):
// each lands in its own field.
TEST(FindingMapperTest, CvssVersion4IsKeptBesideVersion3) {
    domain::Server server;
    server.kind = domain::ServerKind::kEc2;
    server.instance_id = "i-1";
    FindingMapper mapper(domain::ResourceIndex({server}, {{}}));
    auto f = PackageFinding("arn:f1", "CVE-2025-1", "requests", "i-1");
    f.cvss = {
        {5.7, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N", "NVD", "3.1"},
        {8.2, "CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N", "NVD", "4.0"}};
    mapper.Add(f);
    auto obs = mapper.TakeObservation();
    ASSERT_EQ(obs.vulnerabilities.size(), 1u);
    EXPECT_DOUBLE_EQ(obs.vulnerabilities[0].cvss3_score, 5.7);
    EXPECT_DOUBLE_EQ(obs.vulnerabilities[0].cvss4_score, 8.2);
    EXPECT_EQ(obs.vulnerabilities[0].cvss4_vector.rfind("CVSS:4.0/", 0), 0u);
}

TEST(FindingMapperTest, Ecosystems) {
    EXPECT_EQ(EcosystemFor("PIP", ""), "pypi");
    EXPECT_EQ(EcosystemFor("GOBINARY", ""), "golang");
    EXPECT_EQ(EcosystemFor("OS", "DEBIAN_12"), "deb");
    EXPECT_EQ(EcosystemFor("OS", "ALPINE_LINUX_3_19"), "apk");
    EXPECT_EQ(EcosystemFor("GENERIC", ""), "");
    EXPECT_EQ(SoftwareTypeFor("NPM"), domain::SoftwareType::kLibrary);
}

TEST(Filters, PseudoServersChunkTenFunctionsPerFilter) {
    domain::Server s;
    s.kind = domain::ServerKind::kPseudo;
    std::vector<domain::LambdaFunction> fns(23);
    for (size_t fn_idx = 0; fn_idx < fns.size(); ++fn_idx) {
        fns[fn_idx].name = "f" + std::to_string(fn_idx);
    }
    auto filters = FindingFiltersFor(s, fns);
    ASSERT_EQ(filters.size(), 3u);
    EXPECT_EQ(filters[0].lambda_function_name.size(), 10u);
    EXPECT_EQ(filters[2].lambda_function_name.size(), 3u);
    EXPECT_EQ(filters[0].finding_status.size(), 2u);
}

}  // namespace
}  // namespace kensa::app
