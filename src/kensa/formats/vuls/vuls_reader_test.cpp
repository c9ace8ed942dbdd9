// The Vuls reader against the real results in ../shared/data/vuls (read from there, never
// copied: their license is unclear), each checked against an independent whole-document parse
// (nlohmann::json), and against hostile documents.
#include "kensa/formats/vuls/vuls_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kensa::vuls {
namespace {

namespace fs = std::filesystem;

fs::path SamplesDir() {
    return fs::path(KENSA_SOURCE_DIR) / ".." / "shared" / "data" / "vuls";
}

std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Outcome {
    Result<ResultInfo> info = Error(ErrorCode::kInternal, "not read");
    std::vector<Package> packages;
    std::vector<SrcPackage> src_packages;
    std::vector<LibraryScanner> libraries;
    std::vector<ScannedCve> cves;
};

Outcome ReadInChunks(std::string_view doc, size_t chunk, ReadLimits limits = {}) {
    Outcome out;
    Visitor v;
    v.package = [&](Package&& p) { out.packages.push_back(std::move(p)); };
    v.src_package = [&](SrcPackage&& p) { out.src_packages.push_back(std::move(p)); };
    v.library_scanner = [&](LibraryScanner&& l) { out.libraries.push_back(std::move(l)); };
    v.cve = [&](ScannedCve&& c) { out.cves.push_back(std::move(c)); };
    ResultReader reader(std::move(v), limits);
    for (size_t at = 0; at < doc.size(); at += chunk) {
        Status fed = reader.Feed(doc.substr(at, chunk));
        if (!fed.ok()) {
            out.info = fed.error();
            return out;
        }
    }
    out.info = reader.Finish();
    return out;
}

std::string ErrorOf(const Outcome& r) {
    return r.info.ok() ? std::string("(no error)") : r.info.error().message();
}

TEST(VulsReader, EveryRealResultReadsAsAWholeDocumentParseSaysInChunksOfAnySize) {
    ASSERT_TRUE(fs::is_directory(SamplesDir())) << SamplesDir();
    int files = 0;
    for (const auto& entry : fs::directory_iterator(SamplesDir())) {
        if (entry.path().extension() != ".json") {
            continue;
        }
        ++files;
        std::string doc = Read(entry.path());
        auto want = nlohmann::json::parse(doc);
        for (size_t chunk : {size_t{7}, size_t{4096}, doc.size()}) {
            SCOPED_TRACE(entry.path().filename().string() + " in chunks of " +
                         std::to_string(chunk));
            Outcome got = ReadInChunks(doc, chunk);
            ASSERT_TRUE(got.info.ok()) << ErrorOf(got);
            EXPECT_EQ(got.info->family, want.value("family", ""));
            EXPECT_EQ(got.info->release, want.value("release", ""));
            EXPECT_EQ(got.info->server_name, want.value("serverName", ""));
            EXPECT_EQ(got.info->server_uuid, want.value("serverUUID", ""));
            EXPECT_EQ(got.packages.size(), want.value("packages", nlohmann::json::object()).size());
            size_t src = want.contains("SrcPackages") && want["SrcPackages"].is_object()
                             ? want["SrcPackages"].size()
                             : 0;
            EXPECT_EQ(got.src_packages.size(), src);
            EXPECT_TRUE(got.cves.empty());  // scan-stage results
            if (want.contains("runningKernel")) {
                EXPECT_EQ(got.info->kernel_release, want["runningKernel"].value("release", ""));
                EXPECT_EQ(got.info->kernel_version, want["runningKernel"].value("version", ""));
            }
            if (want.contains("platform")) {
                EXPECT_EQ(got.info->instance_id, want["platform"].value("instanceID", ""));
                EXPECT_EQ(got.info->platform_name, want["platform"].value("name", ""));
            }
            EXPECT_EQ(got.info->ipv4_addrs.size(),
                      want.value("ipv4Addrs", nlohmann::json::array()).size());
            // Every package's fields, in the document's order.
            size_t i = 0;
            const nlohmann::json packages = want.value("packages", nlohmann::json::object());
            for (const auto& [key, p] : packages.items()) {
                ASSERT_LT(i, got.packages.size());
                EXPECT_EQ(got.packages[i].name, p.value("name", ""));
                EXPECT_EQ(got.packages[i].version, p.value("version", ""));
                EXPECT_EQ(got.packages[i].release, p.value("release", ""));
                EXPECT_EQ(got.packages[i].arch, p.value("arch", ""));
                ++i;
            }
        }
    }
    EXPECT_EQ(files, 14);
}

TEST(VulsReader, KnowsTheSourcePackagesOfADebianResult) {
    Outcome got = ReadInChunks(Read(SamplesDir() / "debian_11.json"), 1000);
    ASSERT_TRUE(got.info.ok()) << ErrorOf(got);
    auto acl = std::find_if(got.src_packages.begin(), got.src_packages.end(), [](const auto& s) {
        return s.name == "acl";
    });
    ASSERT_NE(acl, got.src_packages.end());
    EXPECT_EQ(acl->version, "2.2.53-10");
    EXPECT_EQ(acl->binary_names, std::vector<std::string>{"libacl1"});
}

// A report-stage result, written from Vuls's models (VulnInfo, CveContent, LibraryScanner).
constexpr const char* kReported = R"({
  "jsonVersion": 4,
  "serverUUID": "1f4e0a5c-7d3b-4b0e-9a57-2f1c9b8e6d40",
  "serverName": "web1",
  "family": "ubuntu",
  "release": "22.04",
  "container": {"containerID": "", "name": "", "image": "", "type": "", "uuid": ""},
  "platform": {"name": "aws", "instanceID": "i-0123456789abcdef0"},
  "ipv4Addrs": ["10.0.0.5"],
  "scannedCves": {
    "CVE-2023-0286": {
      "cveID": "CVE-2023-0286",
      "confidences": [{"score": 100, "detectionMethod": "OvalMatch"}],
      "affectedPackages": [{"name": "openssl", "fixedIn": "3.0.2-0ubuntu1.8"},
                           {"name": "libssl3", "notFixedYet": true, "fixState": "deferred"}],
      "cveContents": {
        "nvd": [{"type": "nvd", "cveID": "CVE-2023-0286", "title": "", "summary": "X.400 type confusion",
                 "cvss3Score": 7.4, "cvss3Vector": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H",
                 "cvss3Severity": "HIGH", "references": [{"link": "https://www.openssl.org/news/secadv/20230207.txt", "source": "nvd"}]}],
        "ubuntu": [{"type": "ubuntu", "cveID": "CVE-2023-0286", "cvss3Severity": "high"}]
      },
      "exploits": [{"exploitType": "exploitdb", "id": "1", "url": "https://example.invalid/1"}],
      "kevs": []
    },
    "CVE-2021-44228": {
      "cveID": "CVE-2021-44228",
      "libraryFixedIns": [{"key": "jar", "name": "org.apache.logging.log4j:log4j-core",
                           "version": "2.14.1", "fixedIn": "2.15.0", "path": "/opt/app/app.jar"}],
      "kevs": [{"type": "cisa"}]
    }
  },
  "runningKernel": {"release": "5.15.0-69-generic", "version": "", "rebootRequired": true},
  "packages": {"openssl": {"name": "openssl", "version": "3.0.2-0ubuntu1.7", "release": "", "arch": "amd64"}},
  "SrcPackages": {"openssl": {"name": "openssl", "version": "3.0.2-0ubuntu1.7", "binaryNames": ["openssl", "libssl3"]}},
  "libraries": [{"Type": "jar", "Libs": [{"Name": "org.apache.logging.log4j:log4j-core", "Version": "2.14.1",
                 "PURL": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "FilePath": "/opt/app/app.jar"}],
                 "path": "/opt/app/app.jar"}]
})";

TEST(VulsReader, ReadsTheScannedCvesTheirContentsAndTheLibraries) {
    Outcome got = ReadInChunks(kReported, 3);
    ASSERT_TRUE(got.info.ok()) << ErrorOf(got);
    EXPECT_EQ(got.info->instance_id, "i-0123456789abcdef0");
    EXPECT_TRUE(got.info->reboot_required);
    ASSERT_EQ(got.cves.size(), 2u);
    const ScannedCve& ssl = got.cves[0];
    EXPECT_EQ(ssl.cve_id, "CVE-2023-0286");
    ASSERT_EQ(ssl.affected_packages.size(), 2u);
    EXPECT_EQ(ssl.affected_packages[0].fixed_in, "3.0.2-0ubuntu1.8");
    EXPECT_TRUE(ssl.affected_packages[1].not_fixed_yet);
    EXPECT_EQ(ssl.affected_packages[1].fix_state, "deferred");
    ASSERT_EQ(ssl.contents.size(), 2u);
    EXPECT_EQ(ssl.contents[0].type, "nvd");
    EXPECT_DOUBLE_EQ(ssl.contents[0].cvss3_score, 7.4);
    EXPECT_EQ(ssl.contents[0].references,
              std::vector<std::string>{"https://www.openssl.org/news/secadv/20230207.txt"});
    EXPECT_TRUE(ssl.exploit_available);
    EXPECT_FALSE(ssl.kev);
    EXPECT_TRUE(got.cves[1].kev);
    ASSERT_EQ(got.cves[1].library_fixed_ins.size(), 1u);
    EXPECT_EQ(got.cves[1].library_fixed_ins[0].fixed_in, "2.15.0");
    ASSERT_EQ(got.libraries.size(), 1u);
    EXPECT_EQ(got.libraries[0].type, "jar");
    EXPECT_EQ(got.libraries[0].lockfile_path, "/opt/app/app.jar");
    ASSERT_EQ(got.libraries[0].libs.size(), 1u);
    EXPECT_EQ(got.libraries[0].libs[0].purl,
              "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    ASSERT_EQ(got.src_packages.size(), 1u);
    EXPECT_EQ(got.src_packages[0].binary_names.size(), 2u);
}

TEST(VulsReader, GoNullsReadAsEmpty) {
    Outcome got = ReadInChunks(
        R"({"jsonVersion":4,"serverName":"a","scannedCves":null,"packages":null,"libraries":null})",
        5);
    ASSERT_TRUE(got.info.ok()) << ErrorOf(got);
    EXPECT_TRUE(got.packages.empty());
}

TEST(VulsReader, RefusesWhatIsNotAVulsResultWithTheReason) {
    struct Case {
        std::string doc;
        std::string says;
    };
    const Case cases[] = {
        {R"([1,2])", "the top level is not an object"},
        {R"({"bomFormat":"CycloneDX"})", "no 'jsonVersion'"},
        {R"({"jsonVersion":3,"serverName":"a"})", "jsonVersion 3 is not supported"},
        {R"({"jsonVersion":4})", "names no server"},
        {R"({"jsonVersion":4,"serverName":"a","packages":[]})", "'packages' is not an object"},
        {R"({"jsonVersion":4,"serverName":"a","libraries":{}})", "'libraries' is not a list"},
        {R"({"jsonVersion":4,"serverName":"a","packages":{"x":1}})",
         "packages[0] is not an object"},
        {R"({"jsonVersion":4,"serverName":"a","serverName":"b"})", "'serverName' appears twice"},
        {R"({"jsonVersion":4,"serverName":7})", "'serverName' is not a string"},
        {R"({"jsonVersion":4,"serverName":"a","scannedCves":{"x":{"affectedPackages":[]}}})",
         "scannedCves[0] has no cveID"},
        {R"({"jsonVersion":4,"serverName":"a","packages":{)", "Vuls result: "},
    };
    for (const auto& c : cases) {
        Outcome got = ReadInChunks(c.doc, 2);
        ASSERT_FALSE(got.info.ok()) << c.doc;
        EXPECT_EQ(got.info.error().code(), ErrorCode::kInvalidInput);
        EXPECT_NE(got.info.error().message().find(c.says), std::string::npos)
            << c.doc << " -> " << got.info.error().message();
    }
}

TEST(VulsReader, HoldsOneElementAtATimeAndRefusesALargerOne) {
    // 20,000 packages: the buffer stays at the size of one.
    std::string doc = R"({"jsonVersion":4,"serverName":"big","packages":{)";
    for (int i = 0; i < 20000; ++i) {
        doc += (i ? "," : "") + std::string("\"p") + std::to_string(i) + R"(":{"name":"p)" +
               std::to_string(i) + R"(","version":"1.0","release":"1","arch":"x86_64"})";
    }
    doc += "}}";
    ResultReader reader({}, ReadLimits{});
    ASSERT_TRUE(reader.Feed(doc).ok());
    ASSERT_TRUE(reader.Finish().ok());
    EXPECT_LT(reader.peak_buffer_bytes(), 4096u);

    ReadLimits small;
    small.max_element_bytes = 64;
    std::string big = R"({"jsonVersion":4,"serverName":"a","packages":{"p":{"name":")" +
                      std::string(100, 'x') + R"("}}})";
    Outcome got = ReadInChunks(big, 10, small);
    ASSERT_FALSE(got.info.ok());
    EXPECT_NE(ErrorOf(got).find("packages[0] is larger than 64 bytes"), std::string::npos)
        << ErrorOf(got);

    std::string deep = R"({"jsonVersion":4,"serverName":"a","x":)" + std::string(100, '[');
    got = ReadInChunks(deep, 10);
    ASSERT_FALSE(got.info.ok());
    EXPECT_NE(ErrorOf(got).find("deep"), std::string::npos) << ErrorOf(got);
}

}  // namespace
}  // namespace kensa::vuls
