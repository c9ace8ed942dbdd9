// A Vuls result as an observation: software rows through the SBOM purl rules, the installed
// version from packages, and each scanned CVE's CVSS, severity and fix state. The elements are
// handed to the builder as the reader hands them (the reader itself: formats/vuls).
#include "kensa/app/vuls/result_observation.h"

#include <gtest/gtest.h>

#include <map>

namespace kensa::app {
namespace {

namespace vuls = ports::vuls;

struct VulsResult {
    vuls::ResultInfo info;
    std::vector<vuls::Package> packages;
    std::vector<vuls::SrcPackage> src;
    std::vector<vuls::LibraryScanner> libraries;
    std::vector<vuls::ScannedCve> cves;
};

Result<domain::ScanObservation> Build(VulsResult r, int64_t max_components = 1000) {
    ClassifyCache classes([](std::string_view, std::string_view) { return false; });
    VulsObservationBuilder builder(classes, max_components);
    vuls::Visitor v = builder.Visitor();
    for (auto& p : r.packages) {
        v.package(std::move(p));
    }
    for (auto& s : r.src) {
        v.src_package(std::move(s));
    }
    for (auto& l : r.libraries) {
        v.library_scanner(std::move(l));
    }
    for (auto& c : r.cves) {
        v.cve(std::move(c));
    }
    return builder.Finish(r.info);
}

domain::ScanObservation Observe(VulsResult r) {
    auto obs = Build(std::move(r));
    EXPECT_TRUE(obs.ok()) << obs.error().message();
    return obs.ok() ? *obs : domain::ScanObservation();
}

vuls::ResultInfo Os(const std::string& family, const std::string& release) {
    vuls::ResultInfo info;
    info.json_version = vuls::kJsonVersion;
    info.server_name = "host";
    info.family = family;
    info.release = release;
    return info;
}

const domain::Software* Find(const domain::ScanObservation& obs, const std::string& name) {
    for (const auto& sw : obs.software) {
        if (sw.key.name == name) {
            return &sw;
        }
    }
    return nullptr;
}

TEST(VulsObservation, DebianPackagesGetTheirDistroAndSourcePackageAsAnSbomWouldSay) {
    auto obs = Observe({Os("debian", "12.5"),
                        {{"libssl3", "3.0.11-1~deb12u2", "", "amd64", ""},
                         {"bash", "5.2.15-2+b2", "", "amd64", ""},
                         {"tzdata", "1:2024a-0+deb12u1", "", "all", ""}},
                        {{"openssl", "3.0.11-1~deb12u2", "", {"libssl3", "openssl"}}},
                        {},
                        {}});
    EXPECT_EQ(obs.source, domain::DetectionSource::kVuls);
    EXPECT_EQ(obs.software_source, domain::SoftwareSource::kVuls);
    EXPECT_EQ(obs.distro, "debian-12.5");
    ASSERT_EQ(obs.software.size(), 3u);
    const auto* ssl = Find(obs, "libssl3");
    ASSERT_NE(ssl, nullptr);
    EXPECT_EQ(ssl->ecosystem, "deb");
    EXPECT_EQ(ssl->type, domain::SoftwareType::kOsPkg);
    EXPECT_EQ(ssl->key.version, "3.0.11");
    EXPECT_EQ(ssl->key.release, "1~deb12u2");
    EXPECT_EQ(ssl->key.arch, "amd64");
    EXPECT_EQ(ssl->source, domain::SoftwareSource::kVuls);
    EXPECT_EQ(ssl->purl,
              "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5&upstream="
              "openssl");
    const auto* tz = Find(obs, "tzdata");
    ASSERT_NE(tz, nullptr);
    EXPECT_EQ(tz->key.epoch, 1);
    EXPECT_EQ(tz->key.version, "2024a");
}

TEST(VulsObservation, RpmEpochsInTheVersionAndWindowsApplications) {
    auto rpm = Observe({Os("amazon", "2023.3.20240312"),
                        {{"bind-libs", "32:9.16.23", "1.amzn2023.0.1", "x86_64", ""}},
                        {},
                        {},
                        {}});
    EXPECT_EQ(rpm.distro, "amzn-2023.3.20240312");
    ASSERT_EQ(rpm.software.size(), 1u);
    EXPECT_EQ(rpm.software[0].ecosystem, "rpm");
    EXPECT_EQ(rpm.software[0].key.epoch, 32);
    EXPECT_EQ(rpm.software[0].key.version, "9.16.23");
    EXPECT_EQ(rpm.software[0].key.release, "1.amzn2023.0.1");

    auto win = Observe({Os("windows", "Windows Server 2022"),
                        {{"Microsoft Edge", "146.0.3856.109", "", "", ""}},
                        {},
                        {},
                        {}});
    EXPECT_EQ(win.distro, "");
    ASSERT_EQ(win.software.size(), 1u);
    EXPECT_EQ(win.software[0].key.name, "Microsoft Edge");
    EXPECT_EQ(win.software[0].key.version, "146.0.3856.109");
    EXPECT_EQ(win.software[0].type, domain::SoftwareType::kApplication);
    EXPECT_EQ(win.software[0].purl, "");
}

VulsResult Reported() {
    vuls::ScannedCve ssl;
    ssl.cve_id = "CVE-2023-0286";
    ssl.affected_packages = {{"libssl3", false, "", "3.0.2-0ubuntu1.8"}, {"openssl", true, "", ""}};
    vuls::CveContent ubuntu;
    ubuntu.type = "ubuntu";
    ubuntu.cvss3_severity = "medium";
    ubuntu.summary = "ubuntu words";
    vuls::CveContent nvd;
    nvd.type = "nvd";
    nvd.cvss3_score = 7.4;
    nvd.cvss3_vector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H";
    nvd.cvss3_severity = "HIGH";
    nvd.cvss40_score = 8.7;
    nvd.cvss40_vector = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:H/SC:N/SI:N/SA:N";
    nvd.summary = "X.400 type confusion";
    nvd.references = {"https://a.example/1", "https://a.example/1"};
    ssl.contents = {ubuntu, nvd};
    ssl.exploit_available = true;
    vuls::ScannedCve log4j;
    log4j.cve_id = "CVE-2021-44228";
    log4j.library_fixed_ins = {
        {"jar", "org.apache.logging.log4j:log4j-core", "2.14.1", "2.15.0", "/opt/app/app.jar"}};
    log4j.kev = true;
    vuls::ScannedCve cpe;
    cpe.cve_id = "CVE-2019-0001";
    cpe.cpe_uris = {"cpe:/a:vendor:product:1.0"};
    vuls::LibraryScanner jar{"jar",
                             "/opt/app/app.jar",
                             {{"org.apache.logging.log4j:log4j-core",
                               "2.14.1",
                               "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
                               ""}}};
    return {Os("ubuntu", "22.04"),
            {{"libssl3", "3.0.2-0ubuntu1.7", "", "amd64", ""},
             {"openssl", "3.0.2-0ubuntu1.7", "", "amd64", ""}},
            {},
            {jar},
            {ssl, log4j, cpe}};
}

TEST(VulsObservation, ScannedCvesDetectOnTheInstalledPackageAndLibrary) {
    auto obs = Observe(Reported());
    ASSERT_EQ(obs.vulnerabilities.size(), 3u);
    std::map<std::string, std::vector<domain::ObservedDetection>> by_vuln;
    for (const auto& d : obs.detections) {
        by_vuln[d.vulnerability_id].push_back(d);
        EXPECT_EQ(d.source_ref, kVulsSourceRef);
    }
    ASSERT_EQ(by_vuln["CVE-2023-0286"].size(), 2u);
    const auto& ssl = by_vuln["CVE-2023-0286"][0];
    ASSERT_TRUE(ssl.software.has_value());
    EXPECT_EQ(ssl.software->name, "libssl3");
    EXPECT_EQ(ssl.software->version, "3.0.2");  // installed, from packages
    EXPECT_EQ(ssl.software->release, "0ubuntu1.7");
    EXPECT_EQ(ssl.fixed_in, "3.0.2-0ubuntu1.8");
    ASSERT_EQ(by_vuln["CVE-2021-44228"].size(), 1u);
    ASSERT_TRUE(by_vuln["CVE-2021-44228"][0].software.has_value());
    EXPECT_EQ(by_vuln["CVE-2021-44228"][0].software->path, "/opt/app/app.jar");
    EXPECT_EQ(by_vuln["CVE-2021-44228"][0].fixed_in, "2.15.0");
    ASSERT_EQ(by_vuln["CVE-2019-0001"].size(), 1u);  // by CPE: the server, without a row
    EXPECT_FALSE(by_vuln["CVE-2019-0001"][0].software.has_value());
    const auto* log4j = Find(obs, "org.apache.logging.log4j:log4j-core");
    ASSERT_NE(log4j, nullptr);
    EXPECT_EQ(log4j->ecosystem, "maven");
    EXPECT_EQ(log4j->type, domain::SoftwareType::kLibrary);
}

TEST(VulsObservation, TheVulnerabilityTakesNvdsCvssFirstAndItsFixStateFromThePackages) {
    auto obs = Observe(Reported());
    std::map<std::string, domain::Vulnerability> v;
    for (const auto& x : obs.vulnerabilities) {
        v[x.id] = x;
    }
    const auto& ssl = v["CVE-2023-0286"];
    EXPECT_DOUBLE_EQ(ssl.cvss3_score, 7.4);
    EXPECT_DOUBLE_EQ(ssl.cvss4_score, 8.7);
    EXPECT_EQ(ssl.cvss4_vector.rfind("CVSS:4.0/", 0), 0u);
    EXPECT_EQ(ssl.severity, domain::Severity::kHigh);  // nvd's, ranked before ubuntu's
    EXPECT_EQ(ssl.description, "X.400 type confusion");
    EXPECT_EQ(ssl.references, std::vector<std::string>{"https://a.example/1"});
    EXPECT_EQ(ssl.fix_available, "PARTIAL");
    EXPECT_TRUE(ssl.exploit_available);
    EXPECT_TRUE(v["CVE-2021-44228"].kev);
    EXPECT_EQ(v["CVE-2021-44228"].fix_available, "YES");
}

TEST(VulsObservation, MoreComponentsThanTheLimitImportNothing) {
    auto obs =
        Build({Os("debian", "12"), {{"a", "1", "", "", ""}, {"b", "1", "", "", ""}}, {}, {}, {}},
              /*max_components=*/1);
    ASSERT_FALSE(obs.ok());
    EXPECT_NE(obs.error().message().find("more than 1 packages and libraries"), std::string::npos);
}

}  // namespace
}  // namespace kensa::app
