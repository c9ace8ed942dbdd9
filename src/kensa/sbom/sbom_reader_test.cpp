// The same reader parses Amazon Inspector's documented SBOM-export samples, real CycloneDX and
// SPDX SBOMs from other tools, and every document kensa-aws-emulator exports (issue 4).
#include "kensa/sbom/sbom_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "fleet_json.h"
#include "sbom_writer.h"

namespace kensa::sbom {
namespace {

namespace fs = std::filesystem;

fs::path Shared() { return fs::path(KENSA_SOURCE_DIR) / ".." / "shared"; }

std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Parsed {
    DocumentInfo info;
    std::vector<Component> components;
    ReadStats stats;
};

Parsed MustParse(const std::string& json, const std::string& what) {
    Parsed p;
    auto r = ReadSbom(json, &p.info, [&](Component&& c) { p.components.push_back(std::move(c)); });
    EXPECT_TRUE(r.ok()) << what << ": " << (r.ok() ? "" : r.error().ToString());
    if (r.ok()) {
        p.stats = *r;
    }
    return p;
}

TEST(SbomReader, AwsDocumentedExportSamples) {
    fs::path dir = Shared() / "reference" / "inspector-sbom" / "export-docs-examples";
    if (!fs::exists(dir)) {
        GTEST_SKIP() << "shared reference not beside the checkout";
    }
    Parsed cdx = MustParse(Read(dir / "aws-docs_cyclonedx_1_4_ecr_example.json"), "cdx");
    EXPECT_EQ(cdx.info.format, "cyclonedx");
    EXPECT_EQ(cdx.info.spec_version, "1.4");
    EXPECT_EQ(cdx.components.size(), 6u);
    bool has_resource_type = false;
    for (const auto& [k, v] : cdx.info.properties) {
        has_resource_type = has_resource_type || (k == "resourceType" && v == "AWS_ECR_CONTAINER_IMAGE");
    }
    EXPECT_TRUE(has_resource_type);
    size_t affected = 0;
    for (const auto& c : cdx.components) {
        affected += c.vulnerabilities.size();
    }
    // The AWS guide's example is abridged: CVE-2022-40897's two "affects" refs name components
    // that were cut from the listing. The reader reports them instead of inventing matches.
    EXPECT_EQ(affected, 0u);
    EXPECT_EQ(cdx.stats.vulnerabilities, 1u);
    EXPECT_EQ(cdx.stats.dangling_refs, 2u);

    Parsed spdx = MustParse(Read(dir / "aws-docs_spdx_2_3_ec2_example.json"), "spdx");
    EXPECT_EQ(spdx.info.spec_version, "SPDX-2.3");
    EXPECT_EQ(spdx.components.size(), 5u);
    bool libcurl = false;
    for (const auto& c : spdx.components) {
        if (c.name == "libcurl") {
            libcurl = true;
            EXPECT_EQ(c.purl.rfind("pkg:rpm/libcurl@7.79.1-1.amzn2.0.1?arch=X86_64", 0), 0u) << c.purl;
            EXPECT_FALSE(c.vulnerabilities.empty());
        }
    }
    EXPECT_TRUE(libcurl);
}

TEST(SbomReader, RealSbomsFromOtherTools) {
    fs::path root = Shared() / "data" / "sboms";
    if (!fs::exists(root)) {
        GTEST_SKIP() << "shared data not beside the checkout";
    }
    size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.path().extension() != ".json") {
            continue;
        }
        Parsed p = MustParse(Read(entry.path()), entry.path().filename().string());
        EXPECT_GT(p.components.size(), 0u) << entry.path().filename();
        ++files;
    }
    EXPECT_GE(files, 15u);
}

TEST(SbomReader, EveryEmulatorExportDocument) {
    auto fleet = emulator::DemoFleet(1700000000);
    ASSERT_TRUE(fleet.ok()) << fleet.error().ToString();
    size_t documents = 0;
    for (const auto& resource : fleet->resources) {
        emulator::PackageVulns vulns;
        if (!resource.packages.empty()) {
            vulns[resource.packages.front().name] = {"CVE-2099-0001"};
        }
        for (const std::string format : {"CYCLONEDX_1_4", "SPDX_2_3"}) {
            std::string doc = format == "SPDX_2_3" ? emulator::SpdxDocument(resource, vulns, 1700000000)
                                                   : emulator::CycloneDxDocument(resource, vulns, 1700000000);
            Parsed p = MustParse(doc, resource.id + " " + format);
            EXPECT_EQ(p.components.size(), resource.packages.size()) << resource.id << " " << format;
            std::set<std::string> names;
            for (const auto& c : p.components) {
                names.insert(c.name);
                bool vulnerable = !resource.packages.empty() && c.name == resource.packages.front().name;
                EXPECT_EQ(c.vulnerabilities.size(), vulnerable ? 1u : 0u) << resource.id << " " << c.name;
                EXPECT_EQ(c.purl.rfind("pkg:", 0), 0u) << c.purl;
            }
            for (const auto& pkg : resource.packages) {
                EXPECT_EQ(names.count(pkg.name), 1u) << resource.id << " lost " << pkg.name;
            }
            ++documents;
        }
    }
    EXPECT_GE(documents, 20u);
}

TEST(SbomReader, HostileInputIsRefusedWithAReason) {
    DocumentInfo info;
    auto noop = [](Component&&) {};
    EXPECT_NE(ReadSbom("{", &info, noop).error().message().find("not valid JSON"), std::string::npos);
    EXPECT_NE(ReadSbom("[]", &info, noop).error().message().find("top level"), std::string::npos);
    EXPECT_NE(ReadSbom("{\"a\":1}", &info, noop).error().message().find("neither CycloneDX"), std::string::npos);
    EXPECT_FALSE(ReadSbom(R"({"bomFormat":"CycloneDX","components":{}})", &info, noop).ok());
    EXPECT_FALSE(ReadSbom(R"({"bomFormat":"CycloneDX","components":[{"version":"1"}]})", &info, noop).ok());
    std::string deep = R"({"bomFormat":"CycloneDX","components":[)";
    for (int level = 0; level < 40; ++level) {
        deep += R"({"name":"n","components":[)";
    }
    for (int level = 0; level < 40; ++level) {
        deep += "]}";
    }
    deep += "]}";
    auto r = ReadSbom(deep, &info, noop);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message().find("nested deeper"), std::string::npos) << r.error().message();
    auto empty = ReadSbom(R"({"bomFormat":"CycloneDX","specVersion":"1.4"})", &info, noop);
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ(empty->components, 0u);
}

}  // namespace
}  // namespace kensa::sbom
