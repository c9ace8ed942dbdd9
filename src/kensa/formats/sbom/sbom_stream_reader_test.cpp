// The same reader parses Amazon Inspector's documented SBOM-export samples, real CycloneDX and
// SPDX SBOMs from other tools, and every document kensa-aws-emulator exports (issue 4).
#include "kensa/formats/sbom/sbom_stream_reader.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "fleet_json.h"
#include "sbom_writer.h"

namespace kensa::sbom {
namespace {

namespace fs = std::filesystem;

fs::path Shared() {
    return fs::path(KENSA_SOURCE_DIR) / ".." / "shared";
}

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
        has_resource_type =
            has_resource_type || (k == "resourceType" && v == "AWS_ECR_CONTAINER_IMAGE");
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
            EXPECT_EQ(c.purl.rfind("pkg:rpm/libcurl@7.79.1-1.amzn2.0.1?arch=X86_64", 0), 0u)
                << c.purl;
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
            std::string doc = format == "SPDX_2_3"
                                  ? emulator::SpdxDocument(resource, vulns, 1700000000)
                                  : emulator::CycloneDxDocument(resource, vulns, 1700000000);
            Parsed p = MustParse(doc, resource.id + " " + format);
            EXPECT_EQ(p.components.size(), resource.packages.size())
                << resource.id << " " << format;
            std::set<std::string> names;
            for (const auto& c : p.components) {
                names.insert(c.name);
                bool vulnerable =
                    !resource.packages.empty() && c.name == resource.packages.front().name;
                EXPECT_EQ(c.vulnerabilities.size(), vulnerable ? 1u : 0u)
                    << resource.id << " " << c.name;
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
    EXPECT_NE(ReadSbom("{", &info, noop).error().message().find("not valid JSON"),
              std::string::npos);
    EXPECT_NE(ReadSbom("[]", &info, noop).error().message().find("top level"), std::string::npos);
    EXPECT_NE(ReadSbom("{\"a\":1}", &info, noop).error().message().find("neither CycloneDX"),
              std::string::npos);
    EXPECT_FALSE(ReadSbom(R"({"bomFormat":"CycloneDX","components":{}})", &info, noop).ok());
    EXPECT_FALSE(
        ReadSbom(R"({"bomFormat":"CycloneDX","components":[{"version":"1"}]})", &info, noop).ok());
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

// ---- StreamReader (issue 6): the same documents read in chunks, in bounded memory ----
//
// The oracle is the whole-document reader kensa had before StreamReader: simdjson's DOM over
// the entire document. It shares no code with StreamReader's scanner.

namespace oracle {

using simdjson::dom::array;
using simdjson::dom::element;

std::string Str(const element& e, const char* key) {
    std::string_view v;
    if (e[key].get_string().get(v) == simdjson::SUCCESS) {
        return std::string(v);
    }
    return {};
}

std::string CdxLicense(const element& c) {
    array licenses;
    if (c["licenses"].get_array().get(licenses) != simdjson::SUCCESS) {
        return {};
    }
    std::string out;
    for (element l : licenses) {
        std::string one = Str(l, "expression");
        element lic;
        if (one.empty() && l["license"].get(lic) == simdjson::SUCCESS) {
            one = Str(lic, "id").empty() ? Str(lic, "name") : Str(lic, "id");
        }
        if (!one.empty()) {
            out += (out.empty() ? "" : " AND ") + one;
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> Properties(const element& e) {
    std::vector<std::pair<std::string, std::string>> out;
    array props;
    if (e["properties"].get_array().get(props) == simdjson::SUCCESS) {
        for (element p : props) {
            out.emplace_back(Str(p, "name"), Str(p, "value"));
        }
    }
    return out;
}

// What a reader reports: components as visited (CycloneDX ones carry the vulnerabilities that
// name their bom-ref only when `attach`), CycloneDX vulnerabilities, document info, counts.
struct Events {
    DocumentInfo info;
    std::vector<Component> components;
    std::vector<std::pair<std::string, std::vector<std::string>>> vulnerabilities;
    ReadStats stats;
};

Error Bad(const std::string& what) {
    return Error(ErrorCode::kInvalidInput, what);
}

Status CdxComponents(const array& components,
                     int depth,
                     bool attach,
                     std::map<std::string, std::vector<std::string>>& by_ref,
                     Events& ev) {
    if (depth > 16) {
        return Bad("nested deeper");
    }
    for (element c : components) {
        if (!c.is_object()) {
            return Bad("a component is not an object");
        }
        Component out{Str(c, "bom-ref"),
                      Str(c, "type"),
                      Str(c, "group"),
                      Str(c, "name"),
                      Str(c, "version"),
                      Str(c, "purl"),
                      CdxLicense(c),
                      {},
                      Properties(c),
                      {}};
        if (out.name.empty()) {
            return Bad("a component has no name");
        }
        auto it = by_ref.find(out.ref);
        if (attach && it != by_ref.end()) {
            out.vulnerabilities = std::move(it->second);
            by_ref.erase(it);
        }
        ev.components.push_back(std::move(out));
        ++ev.stats.components;
        array nested;
        if (c["components"].get_array().get(nested) == simdjson::SUCCESS) {
            KENSA_TRY(CdxComponents(nested, depth + 1, attach, by_ref, ev));
        }
    }
    return Ok();
}

Result<Events> Read(std::string_view json, bool attach) {
    simdjson::dom::parser parser;
    simdjson::padded_string padded(json);
    element doc;
    if (parser.parse(padded).get(doc) != simdjson::SUCCESS) {
        return Bad("not valid JSON");
    }
    if (!doc.is_object()) {
        return Bad("top level");
    }
    Events ev;
    if (Str(doc, "bomFormat") == "CycloneDX") {
        ev.info.format = "cyclonedx";
        ev.info.spec_version = Str(doc, "specVersion");
        element meta, subject;
        if (doc["metadata"].get(meta) == simdjson::SUCCESS && meta.is_object()) {
            ev.info.properties = Properties(meta);
            if (meta["component"].get(subject) == simdjson::SUCCESS && subject.is_object()) {
                ev.info.name = Str(subject, "name");
            }
        }
        std::map<std::string, std::vector<std::string>> by_ref;
        array vulns, affects, components;
        if (doc["vulnerabilities"].get_array().get(vulns) == simdjson::SUCCESS) {
            for (element v : vulns) {
                std::string id = Str(v, "id");
                if (id.empty() || v["affects"].get_array().get(affects) != simdjson::SUCCESS) {
                    continue;
                }
                ++ev.stats.vulnerabilities;
                ev.vulnerabilities.emplace_back(id, std::vector<std::string>{});
                for (element a : affects) {
                    ev.vulnerabilities.back().second.push_back(Str(a, "ref"));
                    if (!Str(a, "ref").empty()) {  // an entry without a ref names no component
                        by_ref[Str(a, "ref")].push_back(id);
                    }
                }
            }
        }
        auto err = doc["components"].get_array().get(components);
        if (err == simdjson::NO_SUCH_FIELD) {
            return ev;
        }
        if (err != simdjson::SUCCESS) {
            return Bad("'components' is not a list");
        }
        KENSA_TRY(CdxComponents(components, 0, attach, by_ref, ev));
        for (const auto& [ref, ids] : by_ref) {
            ev.stats.dangling_refs += attach ? ids.size() : 0;
        }
        return ev;
    }
    if (Str(doc, "spdxVersion").empty()) {
        return Bad("neither");
    }
    ev.info.format = "spdx";
    ev.info.spec_version = Str(doc, "spdxVersion");
    ev.info.name = Str(doc, "name");
    array packages, refs;
    auto err = doc["packages"].get_array().get(packages);
    if (err == simdjson::NO_SUCH_FIELD) {
        return ev;
    }
    if (err != simdjson::SUCCESS) {
        return Bad("'packages' is not a list");
    }
    for (element p : packages) {
        if (!p.is_object()) {
            return Bad("a package is not an object");
        }
        Component out;
        out.ref = Str(p, "SPDXID");
        out.type = "package";
        out.name = Str(p, "name");
        out.version = Str(p, "versionInfo");
        if (out.name.empty()) {
            return Bad("a package has no name");
        }
        for (const char* key : {"licenseConcluded", "licenseDeclared"}) {
            std::string l = Str(p, key);
            if (out.license.empty() && !l.empty() && l != "NOASSERTION" && l != "NONE") {
                out.license = l;
            }
        }
        if (p["externalRefs"].get_array().get(refs) == simdjson::SUCCESS) {
            for (element r : refs) {
                std::string type = Str(r, "referenceType");
                if (type == "purl" && out.purl.empty()) {
                    out.purl = Str(r, "referenceLocator");
                } else if (type == "vulnerability" || type == "advisory") {
                    out.vulnerabilities.push_back(Str(r, "referenceLocator"));
                    ++ev.stats.vulnerabilities;
                }
            }
        }
        ev.components.push_back(std::move(out));
        ++ev.stats.components;
    }
    return ev;
}

}  // namespace oracle

using oracle::Events;

std::string Dump(const Component& c) {
    std::string out = "ref=" + c.ref + " type=" + c.type + " group=" + c.group + " name=" + c.name +
                      " version=" + c.version + " purl=" + c.purl + " license=" + c.license +
                      " props=[";
    for (const auto& [k, v] : c.properties) {
        out += k + "=" + v + ";";
    }
    out += "] vulns=[";
    for (const auto& v : c.vulnerabilities) {
        out += v + ";";
    }
    return out + "]";
}

bool Same(const Component& a, const Component& b) {
    return a.ref == b.ref && a.type == b.type && a.group == b.group && a.name == b.name &&
           a.version == b.version && a.purl == b.purl && a.license == b.license &&
           a.properties == b.properties && a.vulnerabilities == b.vulnerabilities;
}

void ExpectSameInfo(const DocumentInfo& want, const DocumentInfo& got, const std::string& what) {
    EXPECT_EQ(got.format, want.format) << what;
    EXPECT_EQ(got.spec_version, want.spec_version) << what;
    EXPECT_EQ(got.name, want.name) << what;
    EXPECT_EQ(got.properties, want.properties) << what;
}

void ExpectSameComponents(const std::vector<Component>& want,
                          const std::vector<Component>& got,
                          const std::string& what) {
    ASSERT_EQ(got.size(), want.size()) << what;
    size_t differences = 0;
    for (size_t idx = 0; idx < want.size() && differences < 5; ++idx) {
        if (!Same(want[idx], got[idx])) {
            ++differences;
            ADD_FAILURE() << what << " component " << idx << "\n want " << Dump(want[idx])
                          << "\n got  " << Dump(got[idx]);
        }
    }
}

void ExpectSameEvents(const Events& want, const Events& got, const std::string& what) {
    ExpectSameInfo(want.info, got.info, what);
    ExpectSameComponents(want.components, got.components, what);
    EXPECT_EQ(got.vulnerabilities, want.vulnerabilities) << what;
    EXPECT_EQ(got.stats.components, want.stats.components) << what;
    EXPECT_EQ(got.stats.vulnerabilities, want.stats.vulnerabilities) << what;
    EXPECT_EQ(got.stats.dangling_refs, 0u) << what;
}

/// Size of the next chunk, given how much was fed.
using Chunker = std::function<size_t(size_t fed)>;

Chunker Fixed(size_t size) {
    return [size](size_t) { return size; };
}

// Mostly tiny chunks, some large ones: every boundary lands somewhere new.
Chunker Random(uint32_t seed) {
    return [rng = std::mt19937(seed)](size_t) mutable {
        return rng() % 2 == 0 ? 1 + rng() % 16 : 1 + rng() % 9000;
    };
}

Result<Events> StreamRead(std::string_view json,
                          const Chunker& next,
                          StreamLimits limits = {},
                          size_t* peak = nullptr) {
    Events ev;
    StreamReader::Visitor visitor;
    visitor.component = [&](Component&& c) { ev.components.push_back(std::move(c)); };
    visitor.vulnerability = [&](const std::string& id, const std::vector<std::string>& refs) {
        ev.vulnerabilities.emplace_back(id, refs);
    };
    StreamReader reader(std::move(visitor), limits);
    for (size_t fed = 0; fed < json.size();) {
        size_t n = std::max<size_t>(1, std::min(next(fed), json.size() - fed));
        Status status = reader.Feed(json.substr(fed, n));
        if (!status.ok()) {
            if (peak != nullptr) {
                *peak = reader.peak_buffer_bytes();
            }
            return status.error();
        }
        fed += n;
    }
    auto done = reader.Finish(&ev.info);
    if (peak != nullptr) {
        *peak = reader.peak_buffer_bytes();
    }
    if (!done.ok()) {
        return done.error();
    }
    ev.stats = *done;
    return ev;
}

// Small documents with every construct the reader meets: escapes, surrogate pairs, UTF-8,
// numbers, literals, nested components, vulnerabilities that are partial, skipped members.
const std::string kSmallCdx = R"({"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
 "metadata":{"timestamp":"2024-01-01T00:00:00Z","component":{"name":"app\u00e9 \ud83d\ude00 caf)"
                              "\xc3\xa9"
                              R"(","type":"application"},
  "properties":[{"name":"resourceType","value":"v\"q"},{"name":"n","value":"1"},{"value":"no name"}]},
 "components":[
  {"type":"library","bom-ref":"pkg:npm/a@1","group":"g","name":"a","version":"1.0.0","purl":"pkg:npm/a@1",
   "licenses":[{"license":{"id":"MIT"}},{"expression":"Apache-2.0 OR MIT"},{"license":{"name":"Custom"}}],
   "properties":[{"name":"p","value":"x\\y\/z\b\f\n\r\t"}],
   "components":[{"name":"a-child","bom-ref":"child","version":"0.1",
                  "components":[{"name":"grandchild","licenses":[{"license":{"name":"Custom"}}]}]}]},
  {"type":"library","bom-ref":"b","name":"b\u0000\t","version":"2","hashes":[{"alg":"SHA-256","content":"00"}],
   "x":[1,-2.5e-3,0,1E+2,true,false,null,{},[]]},
  {"name":"c","bom-ref":"c","components":"not a list"}
 ],
 "dependencies":[{"ref":"pkg:npm/a@1","dependsOn":["b"]}],
 "vulnerabilities":[
  {"id":"CVE-2024-0001","ratings":[{"score":9.8,"severity":"critical"}],
   "affects":[{"ref":"pkg:npm/a@1"},{"ref":"child"},{"ref":"missing"}]},
  {"id":"CVE-2024-0002","affects":[{"ref":"b"}]},
  {"id":"","affects":[{"ref":"b"}]},
  {"id":"NOAFFECTS"},
  "not an object",
  {"id":"CVE-2024-0003","affects":[{"ref":"c"},{"noref":1},"x"]}
 ],
 "x-big":12345678901234567890,"x-max":1.7976931348623157e308,"x-min":-9223372036854775808,"x-tiny":1e-400
})";

const std::string kSmallSpdx =
    R"({"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT",
 "name":"doc \u2603","documentNamespace":"https://example.com/x",
 "creationInfo":{"created":"2024-01-01T00:00:00Z","creators":["Tool: t"]},
 "packages":[
  {"SPDXID":"SPDXRef-1","name":"libcurl","versionInfo":"7.79.1",
   "licenseConcluded":"NOASSERTION","licenseDeclared":"MIT",
   "externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl",
                    "referenceLocator":"pkg:rpm/libcurl@7.79.1"},
                   {"referenceType":"purl","referenceLocator":"pkg:rpm/second"},
                   {"referenceType":"vulnerability","referenceLocator":"CVE-2022-1"},
                   {"referenceType":"advisory","referenceLocator":"https://adv"}]},
  {"SPDXID":"SPDXRef-2","name":"zlib","licenseConcluded":"Zlib"}
 ],
 "relationships":[{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"SPDXRef-1"}]
})";

// Every document the reader tests use: crafted, AWS's samples, other tools', the emulator's.
std::vector<std::pair<std::string, std::string>> Corpus() {
    std::vector<std::pair<std::string, std::string>> docs = {{"small cdx", kSmallCdx},
                                                             {"small spdx", kSmallSpdx}};
    fs::path samples = Shared() / "reference" / "inspector-sbom" / "export-docs-examples";
    fs::path real = Shared() / "data" / "sboms";
    for (const fs::path& root : {samples, real}) {
        if (!fs::exists(root)) {
            continue;
        }
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            if (entry.path().extension() == ".json") {
                docs.emplace_back(entry.path().filename().string(), Read(entry.path()));
            }
        }
    }
    auto fleet = emulator::DemoFleet(1700000000);
    EXPECT_TRUE(fleet.ok());
    if (fleet.ok()) {
        for (const auto& resource : fleet->resources) {
            emulator::PackageVulns vulns;
            if (!resource.packages.empty()) {
                vulns[resource.packages.front().name] = {"CVE-2099-0001"};
            }
            docs.emplace_back(resource.id + " cdx",
                              emulator::CycloneDxDocument(resource, vulns, 1700000000));
            docs.emplace_back(resource.id + " spdx",
                              emulator::SpdxDocument(resource, vulns, 1700000000));
        }
    }
    return docs;
}

TEST(StreamReader, ReadsEveryDocumentLikeTheWholeDocumentDomInAnyChunks) {
    auto corpus = Corpus();
    size_t vulnerabilities = 0;
    size_t affected = 0;
    for (const auto& [name, json] : corpus) {
        auto want = oracle::Read(json, /*attach=*/false);
        ASSERT_TRUE(want.ok()) << name << ": " << want.error().message();
        const std::vector<std::pair<std::string, Chunker>> chunkings = {
            {"1", Fixed(1)}, {"7", Fixed(7)}, {"4096", Fixed(4096)}, {"random", Random(0x5b0a)}};
        for (const auto& [label, chunker] : chunkings) {
            auto got = StreamRead(json, chunker);
            ASSERT_TRUE(got.ok()) << name << " in chunks of " << label << ": "
                                  << got.error().message();
            ExpectSameEvents(*want, *got, name + " in chunks of " + label);
        }
        // ReadSbom keeps the old reader's results: vulnerabilities attached by bom-ref, dangling
        // refs.
        auto legacy = oracle::Read(json, /*attach=*/true);
        ASSERT_TRUE(legacy.ok());
        Parsed p = MustParse(json, name);
        ExpectSameInfo(legacy->info, p.info, name + " ReadSbom");
        ExpectSameComponents(legacy->components, p.components, name + " ReadSbom");
        EXPECT_EQ(p.stats.components, legacy->stats.components) << name;
        EXPECT_EQ(p.stats.vulnerabilities, legacy->stats.vulnerabilities) << name;
        EXPECT_EQ(p.stats.dangling_refs, legacy->stats.dangling_refs) << name;
        vulnerabilities += want->vulnerabilities.size();
        for (const auto& c : p.components) {
            affected += c.vulnerabilities.size();
        }
    }
    EXPECT_GE(corpus.size(), 22u);
    EXPECT_GT(vulnerabilities, 0u);  // the CycloneDX vulnerability path was exercised
    EXPECT_GT(affected, 0u);
}

TEST(StreamReader, SmallDocumentsReadAsExpected) {
    Parsed p = MustParse(kSmallCdx, "cdx");
    EXPECT_EQ(p.info.name, "app\xc3\xa9 \xf0\x9f\x98\x80 caf\xc3\xa9");
    ASSERT_EQ(p.components.size(), 5u);
    EXPECT_EQ(p.components[0].license, "MIT AND Apache-2.0 OR MIT AND Custom");
    EXPECT_EQ(p.components[0].properties.at(0).second, "x\\y/z\b\f\n\r\t");
    EXPECT_EQ(p.components[1].name, "a-child");
    EXPECT_EQ(p.components[2].name, "grandchild");
    EXPECT_EQ(p.components[3].name, std::string("b\0\t", 3));
    EXPECT_EQ(p.components[0].vulnerabilities, std::vector<std::string>{"CVE-2024-0001"});
    EXPECT_EQ(p.components[3].vulnerabilities, std::vector<std::string>{"CVE-2024-0002"});
    EXPECT_EQ(p.stats.vulnerabilities, 3u);
    // "missing" names no component. The two affects entries without a ref name none either: they
    // are not given to a component without a bom-ref (grandchild), as the import never did.
    EXPECT_EQ(p.stats.dangling_refs, 1u);
    EXPECT_TRUE(p.components[2].vulnerabilities.empty());
    EXPECT_EQ(p.components[4].vulnerabilities, std::vector<std::string>{"CVE-2024-0003"});

    Parsed s = MustParse(kSmallSpdx, "spdx");
    EXPECT_EQ(s.info.name, "doc \xe2\x98\x83");
    ASSERT_EQ(s.components.size(), 2u);
    EXPECT_EQ(s.components[0].purl, "pkg:rpm/libcurl@7.79.1");
    EXPECT_EQ(s.components[0].license, "MIT");
    EXPECT_EQ(s.components[0].vulnerabilities,
              (std::vector<std::string>{"CVE-2022-1", "https://adv"}));
    EXPECT_EQ(s.stats.vulnerabilities, 2u);
}

TEST(StreamReader, TruncatedAtEveryByteIsRefused) {
    std::vector<std::string> docs = {kSmallCdx, kSmallSpdx};
    fs::path samples = Shared() / "reference" / "inspector-sbom" / "export-docs-examples";
    if (fs::exists(samples)) {
        docs.push_back(Read(samples / "aws-docs_cyclonedx_1_4_ecr_example.json"));
    }
    for (std::string doc : docs) {
        doc.erase(doc.find_last_not_of(" \r\n\t") + 1);
        for (size_t len = 0; len < doc.size(); ++len) {
            std::string_view prefix(doc.data(), len);
            auto whole = StreamRead(prefix, Fixed(prefix.size() + 1));
            ASSERT_FALSE(whole.ok()) << "prefix of " << len << " bytes read";
            EXPECT_EQ(whole.error().code(), ErrorCode::kInvalidInput);
            EXPECT_EQ(whole.error().message().rfind("SBOM document: ", 0), 0u)
                << whole.error().message();
            auto pieces = StreamRead(prefix, Random(static_cast<uint32_t>(len)));
            ASSERT_FALSE(pieces.ok()) << "prefix of " << len << " bytes read in pieces";
            EXPECT_EQ(pieces.error().message(), whole.error().message());
        }
        EXPECT_TRUE(StreamRead(doc, Fixed(1)).ok());
    }
}

struct HostileCase {
    std::string json;
    std::string reason;  // part of the error message
    bool policy =
        false;  // refused by this reader's limits or rules: the whole-document reader reads it
};

TEST(StreamReader, HostileInputIsRefusedWithAReason) {
    const std::string cdx = R"({"bomFormat":"CycloneDX",)";
    std::string deep_array =
        R"({"bomFormat":"CycloneDX","x":)" + std::string(70, '[') + std::string(70, ']') + "}";
    const std::vector<HostileCase> cases = {
        // strings
        {R"({"a":"\x"})", "invalid escape"},
        {R"({"a":"\u12G4"})", "invalid \\u escape"},
        {R"({"a":"\ud800"})", "unpaired UTF-16 surrogate"},
        {R"({"a":"\udc00"})", "unpaired UTF-16 surrogate"},
        {R"({"a":"\ud800\u0041"})", "unpaired UTF-16 surrogate"},
        {R"({"a":"\ud800\n"})", "unpaired UTF-16 surrogate"},
        {"{\"a\":\"x\ny\"}", "control character"},
        {"{\"a\":\"\x01\"}", "control character"},
        {"{\"a\":\"\xc0\x80\"}", "invalid UTF-8"},
        {"{\"a\":\"\xed\xa0\x80\"}", "invalid UTF-8"},
        {"{\"a\":\"\xf4\x90\x80\x80\"}", "invalid UTF-8"},
        {"{\"a\":\"\xe2\x82\"}", "invalid UTF-8"},
        {"{\"a\":\"\x80\"}", "invalid UTF-8"},
        {"{\"a\":\"\xff\"}", "invalid UTF-8"},
        {R"({"a":"abc)", "unterminated string"},
        {R"({"a)", "unterminated string"},
        // numbers
        {R"({"a":01})", "unexpected '1'"},
        {R"({"a":1.})", "malformed number"},
        {R"({"a":-})", "malformed number"},
        {R"({"a":1e})", "malformed number"},
        {R"({"a":1.5e+})", "malformed number"},
        {R"({"a":--1})", "malformed number"},
        {R"({"a":+1})", "unexpected '+'"},
        {R"({"a":.5})", "unexpected '.'"},
        {R"({"a":0x10})", "unexpected 'x'"},
        {R"({"a":1e400})", "out of range"},
        {R"({"a":18446744073709551616})", "out of range"},
        {R"({"a":-9223372036854775809})", "out of range"},
        {"{\"bomFormat\":\"CycloneDX\",\"a\":0." + std::string(1100, '0') + "1}",
         "a number longer than 1024",
         true},
        // literals
        {R"({"a":tru})", "invalid literal"},
        {R"({"a":True})", "unexpected 'T'"},
        {R"({"a":nulll})", "unexpected 'l'"},
        // structure
        {"", "empty"},
        {" \n\t ", "empty"},
        {"\xef\xbb\xbf{}", "unexpected byte 0xef"},
        {"[]", "top level"},
        {R"("text")", "top level"},
        {R"({"a" 1})", "where ':' should be"},
        {R"({"a":1,})", "where a key should be"},
        {R"({,})", "where a key should be"},
        {R"({1:1})", "where a key should be"},
        {R"({"a":[1,]})", "unexpected ']'"},
        {R"({"a":1])", "unexpected ']'"},
        {R"({"a":[1}})", "unexpected '}'"},
        {R"({"a":{"b":1})", "ends early"},
        {R"({"a":)", "ends early"},
        // trailing garbage
        {cdx + R"("components":[]} x)", "data after the end"},
        {cdx + R"("components":[]}{})", "data after the end"},
        {cdx + R"("components":[]})" + std::string(1, '\0'), "data after the end"},
        {cdx + R"("components":[]},)", "data after the end"},
        // depth
        {deep_array, "JSON nested deeper than 64 levels (at byte 92)", true},
        // the document
        {R"({"a":1})", "neither CycloneDX"},
        {R"({"bomFormat":"cyclonedx"})", "neither CycloneDX"},
        {cdx + R"("components":{}})", "'components' is not a list"},
        {cdx + R"("components":null})", "'components' is not a list"},
        {R"({"spdxVersion":"SPDX-2.3","packages":"x"})", "'packages' is not a list"},
        {cdx + R"("components":[{"name":"a"},1]})", "components[1]: a component is not an object"},
        {cdx + R"("components":[{"version":"1","bom-ref":"r"}]})",
         "components[0]: a component has no name (bom-ref 'r')"},
        {R"({"spdxVersion":"SPDX-2.3","packages":[[]]})",
         "packages[0]: a package is not an object"},
        {R"({"spdxVersion":"SPDX-2.3","packages":[{"SPDXID":"x"}]})",
         "a package has no name (SPDXID 'x')"},
        {cdx + R"("components":[{"name":"a","components":[1]}]})",
         "components[0]: a component is not an object"},
        // refused by policy, though valid JSON
        {cdx + R"("components":[],"components":[{"name":"a"}]})",
         "the top-level key 'components' appears twice",
         true},
        {cdx + R"("components":[],"comp\u006fnents":[]})",
         "the top-level key 'components' appears twice",
         true},
        {R"({"bomFormat":"CycloneDX","bomFormat":"CycloneDX"})", "'bomFormat' appears twice", true},
        {R"({"packages":[{"name":"p"}],"bomFormat":"CycloneDX"})",
         "SPDX 'packages' list before its bomFormat",
         true},
        {R"({"components":[{"name":"c"}],"spdxVersion":"SPDX-2.3"})",
         "CycloneDX 'components' list",
         true},
        {R"({"spdxVersion":"SPDX-2.3","vulnerabilities":[1]})",
         "CycloneDX 'vulnerabilities' list",
         true},
    };
    for (const auto& hostile : cases) {
        for (size_t chunk : {hostile.json.size() + 1, size_t{1}}) {
            auto r = StreamRead(hostile.json, Fixed(chunk));
            ASSERT_FALSE(r.ok()) << hostile.json;
            EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput) << hostile.json;
            EXPECT_NE(r.error().message().find(hostile.reason), std::string::npos)
                << hostile.json << "\n -> " << r.error().message();
            EXPECT_EQ(r.error().message().rfind("SBOM document: ", 0), 0u) << r.error().message();
        }
        // simdjson refuses exactly what is said to be bad JSON, and the whole-document reader
        // refuses the rest but for this reader's own limits and rules.
        simdjson::dom::parser parser;
        simdjson::dom::element ignored;
        bool dom_parses =
            parser.parse(simdjson::padded_string(hostile.json)).get(ignored) == simdjson::SUCCESS;
        std::string why = StreamRead(hostile.json, Fixed(1)).error().message();
        bool bad_json = why.find("not valid JSON") != std::string::npos;
        EXPECT_EQ(dom_parses, !bad_json) << hostile.json;
        EXPECT_EQ(oracle::Read(hostile.json, false).ok(), hostile.policy) << hostile.json;
    }
    // What a whole-document read accepts, streaming accepts too.
    for (const std::string& json :
         {cdx + R"("packages":[{"nothing":1}],"components":[]})",
          std::string(R"({"spdxVersion":"SPDX-2.3","bomFormat":"x","components":[1]})"),
          cdx + R"("vulnerabilities":[1,"x",{"id":"a"}],"components":[{"name":"a"}]})",
          cdx + R"("components":[{"name":"a","components":{"x":1}}]})",
          std::string(R"({"bomFormat":"CycloneDX","componentsX":7,"a":{"components":1}})")}) {
        auto want = oracle::Read(json, false);
        ASSERT_TRUE(want.ok()) << json;
        auto got = StreamRead(json, Fixed(1));
        ASSERT_TRUE(got.ok()) << json << ": " << got.error().message();
        ExpectSameEvents(*want, *got, json);
    }
}

TEST(StreamReader, ErrorsStickAndMisuseIsRefused) {
    StreamReader reader({});
    ASSERT_TRUE(reader.Feed(R"({"bomFormat":"Cyclo)").ok());
    Status bad = reader.Feed("\x01");
    ASSERT_FALSE(bad.ok());
    Status again = reader.Feed(R"(neDX"})");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().message(), bad.error().message());
    DocumentInfo info;
    auto finished = reader.Finish(&info);
    ASSERT_FALSE(finished.ok());
    EXPECT_EQ(finished.error().message(), bad.error().message());

    // No visitor at all is fine; Feed and Finish after Finish are refused.
    StreamReader quiet({});
    ASSERT_TRUE(quiet.Feed(kSmallCdx).ok());
    auto stats = quiet.Finish(&info);
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->components, 5u);
    EXPECT_EQ(info.format, "cyclonedx");
    EXPECT_FALSE(quiet.Feed("{}").ok());
    EXPECT_FALSE(quiet.Finish(&info).ok());
}

TEST(StreamReader, NestingIsBounded) {
    auto nested = [](int levels) {
        std::string doc = R"({"bomFormat":"CycloneDX","components":[)";
        for (int level = 0; level < levels; ++level) {
            doc += R"({"name":"n","components":[)";
        }
        doc += R"({"name":"leaf"})";
        for (int level = 0; level < levels; ++level) {
            doc += "]}";
        }
        return doc + "]}";
    };
    // Components may nest 16 levels below the top-level list, as in the whole-document reader.
    auto ok = StreamRead(nested(16), Fixed(3));
    ASSERT_TRUE(ok.ok()) << ok.error().message();
    EXPECT_EQ(ok->components.size(), 17u);
    ASSERT_TRUE(oracle::Read(nested(16), false).ok());
    auto too_deep = StreamRead(nested(17), Fixed(3));
    ASSERT_FALSE(too_deep.ok());
    EXPECT_NE(
        too_deep.error().message().find("components[0]: components nested deeper than 16 levels"),
        std::string::npos)
        << too_deep.error().message();
    EXPECT_FALSE(oracle::Read(nested(17), false).ok());

    // JSON nesting is bounded by StreamLimits::max_depth, wherever it is.
    StreamLimits limits;
    limits.max_depth = 8;
    std::string eight = R"({"bomFormat":"CycloneDX","x":[[[[[[[1]]]]]]]})";
    EXPECT_TRUE(StreamRead(eight, Fixed(1), limits).ok());
    std::string nine = R"({"bomFormat":"CycloneDX","x":[[[[[[[[1]]]]]]]]})";
    auto r = StreamRead(nine, Fixed(1), limits);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message().find("JSON nested deeper than 8 levels (at byte 36)"),
              std::string::npos)
        << r.error().message();
    std::string million = R"({"x":)" + std::string(1000000, '[');
    auto deep = StreamRead(million, Fixed(65536));
    ASSERT_FALSE(deep.ok());
    EXPECT_NE(deep.error().message().find("nested deeper than 64 levels"), std::string::npos);
}

TEST(StreamReader, AnElementAboveTheLimitIsRefusedByName) {
    StreamLimits limits;
    limits.max_element_bytes = 1024;
    const std::string big(2000, 'x');
    std::string doc = R"({"bomFormat":"CycloneDX","components":[{"name":"a"},{"name":"b"},)"
                      R"({"name":"c","description":")" +
                      big + R"("}]})";
    for (size_t chunk : {size_t{1}, size_t{7}, size_t{100000}}) {
        size_t peak = 0;
        auto r = StreamRead(doc, Fixed(chunk), limits, &peak);
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.error().message().find("components[2] is larger than 1024 bytes"),
                  std::string::npos)
            << r.error().message();
        EXPECT_LE(peak, limits.max_element_bytes + simdjson::SIMDJSON_PADDING);
    }
    std::string meta = R"({"bomFormat":"CycloneDX","metadata":{"x":")" + big + R"("}})";
    auto r = StreamRead(meta, Fixed(64), limits);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message().find("'metadata' is larger than 1024 bytes"), std::string::npos)
        << r.error().message();
    std::string vuln = R"({"bomFormat":"CycloneDX","vulnerabilities":[{"id":")" + big + R"("}]})";
    r = StreamRead(vuln, Fixed(64), limits);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message().find("vulnerabilities[0] is larger"), std::string::npos)
        << r.error().message();

    // Members that are not read are never buffered, whatever their size.
    std::string skipped = R"({"bomFormat":"CycloneDX","dependencies":[{"ref":")" + big +
                          R"("}],"x":")" + big + R"(","packages":[")" + big +
                          R"("],"components":[{"name":"a"}]})";
    size_t peak = 0;
    auto ok = StreamRead(skipped, Fixed(10), limits, &peak);
    ASSERT_TRUE(ok.ok()) << ok.error().message();
    EXPECT_EQ(ok->components.size(), 1u);
    EXPECT_LT(peak, 200u);
}

// Random damage to small documents: streamed in random pieces, the reader refuses exactly what
// the whole-document DOM refuses (but for its own limits), and reads the rest the same.
TEST(StreamReader, DamagedDocumentsReadLikeTheDom) {
    std::mt19937 rng(20240611);
    const std::string alphabet = "{}[]\":,\\/0123456789.eE+-tfnul \n\x01\x80\xc3\xa9\xed\xf4\xff";
    size_t refused = 0;
    size_t read = 0;
    for (int round = 0; round < 4000; ++round) {
        std::string doc = round % 2 == 0 ? kSmallCdx : kSmallSpdx;
        int edits = 1 + static_cast<int>(rng() % 3);
        for (int edit = 0; edit < edits; ++edit) {
            size_t at = rng() % doc.size();
            char c =
                rng() % 4 == 0 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
            switch (rng() % 4) {
                case 0:
                    doc[at] = c;
                    break;
                case 1:
                    doc.insert(doc.begin() + static_cast<std::ptrdiff_t>(at), c);
                    break;
                case 2:
                    doc.erase(at, 1 + rng() % 8);
                    break;
                default:
                    doc.insert(at, doc.substr(rng() % doc.size(), 1 + rng() % 40));
                    break;
            }
        }
        auto want = oracle::Read(doc, false);
        auto got = StreamRead(doc, Random(static_cast<uint32_t>(round)));
        if (!got.ok()) {
            const std::string& why = got.error().message();
            bool policy = why.find("appears twice") != std::string::npos ||
                          why.find(" list before") != std::string::npos;
            EXPECT_TRUE(!want.ok() || policy) << "refused what the DOM reads: " << why << "\n"
                                              << doc;
            ++refused;
            continue;
        }
        ASSERT_TRUE(want.ok()) << "read what the DOM refuses (" << want.error().message() << ")\n"
                               << doc;
        ExpectSameEvents(*want, *got, "damaged document " + std::to_string(round));
        ++read;
    }
    EXPECT_GT(refused, 1000u);
    EXPECT_GT(read, 100u);
}

// 50 MiB streamed in 64 KiB chunks, with an 8 MiB string and large lists the reader skips: the
// reader's buffer stays within a few elements.
TEST(StreamReader, FiftyMebibytesInBoundedMemory) {
    constexpr size_t kChunk = 64 << 10;
    constexpr size_t kTarget = size_t{50} << 20;
    StreamLimits limits;  // the defaults
    size_t components = 0;
    size_t vulnerabilities = 0;
    Component last;
    Component nested;
    StreamReader::Visitor visitor;
    visitor.component = [&](Component&& c) {
        ++components;
        if (c.name.rfind("nested-", 0) == 0) {
            nested = c;
        }
        last = std::move(c);
    };
    visitor.vulnerability = [&](const std::string&, const std::vector<std::string>& refs) {
        vulnerabilities += refs.size();
    };
    StreamReader reader(std::move(visitor), limits);

    std::string pending;
    size_t total = 0;
    size_t largest_element = 0;
    auto emit = [&](std::string_view text) {
        pending.append(text);
        while (pending.size() >= kChunk) {
            ASSERT_TRUE(reader.Feed(std::string_view(pending).substr(0, kChunk)).ok());
            pending.erase(0, kChunk);
            total += kChunk;
        }
    };
    auto element = [&](const std::string& text) {
        largest_element = std::max(largest_element, text.size());
        emit(text);
    };
    emit(
        R"({"bomFormat":"CycloneDX","specVersion":"1.4","metadata":{"component":{"name":"huge"}},"x-blob":")");
    for (int mib = 0; mib < 8; ++mib) {
        emit(std::string(size_t{1} << 20, 'a'));
    }
    emit(R"(","components":[)");
    size_t written = 0;
    size_t expected = 0;
    for (size_t idx = 0; total + pending.size() < kTarget * 6 / 10; ++idx) {
        std::string id = std::to_string(idx);
        std::string c =
            std::string(idx == 0 ? "" : ",") + R"({"type":"library","bom-ref":"c-)" + id +
            R"(","name":"pkg-)" + id + R"(","version":"1.)" + id + R"(.0","purl":"pkg:npm/pkg-)" +
            id +
            R"(@1.0","licenses":[{"license":{"id":"MIT"}}],"properties":[{"name":"k","value":"caf\u00e9 )" +
            id + R"("}])";
        if (idx % 100 == 0) {
            c += R"(,"components":[{"name":"nested-)" + id + R"(","version":"2"}])";
            ++expected;
        }
        element(c + "}");
        ++expected;
        written = idx + 1;
    }
    emit(R"(],"dependencies":[)");
    for (size_t idx = 0; total + pending.size() < kTarget * 8 / 10; ++idx) {
        emit(std::string(idx == 0 ? "" : ",") + R"({"ref":"c-)" + std::to_string(idx) +
             R"(","dependsOn":["c-0"]})");
    }
    emit(R"(],"vulnerabilities":[)");
    size_t affects = 0;
    for (size_t idx = 0; total + pending.size() < kTarget; ++idx) {
        element(std::string(idx == 0 ? "" : ",") + R"({"id":"CVE-2099-)" + std::to_string(idx) +
                R"(","ratings":[{"score":7.5}],"affects":[{"ref":"c-)" +
                std::to_string(idx % written) + R"("},{"ref":"c-0"}]})");
        affects += 2;
    }
    emit("]}");
    ASSERT_TRUE(reader.Feed(pending).ok());
    total += pending.size();
    DocumentInfo info;
    auto stats = reader.Finish(&info);
    ASSERT_TRUE(stats.ok()) << stats.error().message();

    EXPECT_GE(total, kTarget);
    EXPECT_EQ(info.name, "huge");
    EXPECT_EQ(components, expected);
    EXPECT_EQ(stats->components, expected);
    EXPECT_EQ(vulnerabilities, affects);
    EXPECT_EQ(last.name, "pkg-" + std::to_string(written - 1));
    EXPECT_EQ(last.properties.at(0).second, "caf\xc3\xa9 " + std::to_string(written - 1));
    EXPECT_EQ(nested.version, "2");
    EXPECT_EQ(last.license, "MIT");
    EXPECT_LE(reader.peak_buffer_bytes(), 4 * largest_element)
        << "largest element " << largest_element;
    EXPECT_GT(reader.peak_buffer_bytes(), largest_element / 2);
}

}  // namespace
}  // namespace kensa::sbom
