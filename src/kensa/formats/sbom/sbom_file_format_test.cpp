// SBOM files of the four encodings (R18): real CycloneDX XML and SPDX tag-value documents from
// other projects (tests/data/sbom-formats, see its README), the same document as CycloneDX JSON
// and XML read alike, chunking, hostile input, bounded memory, and the encoding sniffer.
#include "kensa/formats/sbom/sbom_file_format.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <pugixml.hpp>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "kensa/formats/sbom/cyclonedx_xml_reader.h"
#include "kensa/formats/sbom/sbom_stream_reader.h"
#include "kensa/formats/sbom/spdx_tag_value_reader.h"

namespace kensa::sbom {
namespace {

namespace fs = std::filesystem;
using Kind = ports::SbomLicense::Kind;

fs::path Fixtures() {
    return fs::path(KENSA_SOURCE_DIR) / "tests" / "data" / "sbom-formats";
}

std::string ReadFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const char* KindName(Kind k) {
    switch (k) {
        case Kind::kId:
            return "id";
        case Kind::kName:
            return "name";
        default:
            return "expression";
    }
}

// Every field of a component, for comparisons that show what differs.
std::string Dump(const Component& c) {
    std::ostringstream out;
    out << "ref=" << c.ref << " type=" << c.type << " group=" << c.group << " name=" << c.name
        << " version=" << c.version << " purl=" << c.purl << " license=" << c.license
        << " licenses=[";
    for (const auto& l : c.licenses) {
        out << KindName(l.kind) << ":" << l.text << ";";
    }
    out << "] properties=[";
    for (const auto& [k, v] : c.properties) {
        out << k << "=" << v << ";";
    }
    out << "] vulnerabilities=[";
    for (const auto& v : c.vulnerabilities) {
        out << v << ";";
    }
    out << "]";
    return out.str();
}

struct Outcome {
    Status status;  // the first failure of Feed or Finish
    bool failed_at_finish = false;
    DocumentInfo info;
    ReadStats stats;
    std::vector<Component> components;
    std::vector<std::string> vulnerabilities;  // "id -> ref,ref"

    std::vector<std::string> Dumps() const {
        std::vector<std::string> out;
        for (const auto& c : components) {
            out.push_back(Dump(c));
        }
        return out;
    }
};

using Factory = std::function<std::unique_ptr<ports::SbomDocumentReader>(ports::SbomVisitor)>;

Factory Files(StreamLimits limits = {}) {
    return [limits](ports::SbomVisitor v) { return SbomFiles(limits).OpenFile(std::move(v)); };
}
Factory Xml(StreamLimits limits = {}) {
    return [limits](ports::SbomVisitor v) {
        return std::make_unique<CycloneDxXmlReader>(std::move(v), limits);
    };
}
// Expat given the document `slice` bytes at a time.
Factory XmlSliced(size_t slice) {
    return [slice](ports::SbomVisitor v) {
        return std::make_unique<CycloneDxXmlReader>(std::move(v), StreamLimits{}, 1, slice);
    };
}
Factory TagValue(StreamLimits limits = {}) {
    return [limits](ports::SbomVisitor v) {
        return std::make_unique<SpdxTagValueReader>(std::move(v), limits);
    };
}

ports::SbomVisitor Collect(Outcome& o) {
    ports::SbomVisitor v;
    v.component = [&o](Component&& c) { o.components.push_back(std::move(c)); };
    v.vulnerability = [&o](const std::string& id, const std::vector<std::string>& refs) {
        std::string s = id + " ->";
        for (const auto& r : refs) {
            s += " " + r;
        }
        o.vulnerabilities.push_back(s);
    };
    return v;
}

// Reads `doc` in chunks of `chunk` bytes (the whole at once when 0).
Outcome ReadDoc(const Factory& open, std::string_view doc, size_t chunk = 0) {
    Outcome o;
    auto reader = open(Collect(o));
    size_t step = chunk == 0 ? doc.size() + 1 : chunk;
    for (size_t i = 0; i < doc.size(); i += step) {
        Status fed = reader->Feed(doc.substr(i, step));
        if (!fed.ok()) {
            o.status = fed;
            return o;
        }
    }
    auto done = reader->Finish(&o.info);
    if (!done.ok()) {
        o.status = done.error();
        o.failed_at_finish = true;
    } else {
        o.stats = *done;
    }
    return o;
}

Outcome MustRead(const Factory& open, std::string_view doc, const std::string& what) {
    Outcome o = ReadDoc(open, doc);
    EXPECT_TRUE(o.status.ok()) << what << ": " << (o.status.ok() ? "" : o.status.error().message());
    return o;
}

// Refused as hostile input: kInvalidInput, "<prefix>...<reason>...".
void ExpectRefused(const Outcome& o,
                   const std::string& reason,
                   const std::string& what,
                   const std::string& prefix = "SBOM document: ") {
    ASSERT_FALSE(o.status.ok()) << what << " was read";
    EXPECT_EQ(o.status.error().code(), ErrorCode::kInvalidInput) << what;
    EXPECT_EQ(o.status.error().message().rfind(prefix, 0), 0u) << o.status.error().message();
    EXPECT_NE(o.status.error().message().find(reason), std::string::npos)
        << what << " -> " << o.status.error().message();
}

const Component* Find(const Outcome& o, const std::string& name) {
    for (const auto& c : o.components) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

// --- the counts an independent parser gives --------------------------------------------------

// Components of a <components> element, nested ones too (pugixml, no namespaces: the fixtures
// use the default namespace).
size_t CountComponents(const pugi::xml_node& components) {
    size_t n = 0;
    for (pugi::xml_node c : components.children("component")) {
        n += 1 + CountComponents(c.child("components"));
    }
    return n;
}

// "<component " and "<component>" between the top-level <components> and its end tag.
size_t NaiveCount(const std::string& xml) {
    size_t begin = xml.find("<components>", xml.find("</metadata>"));
    size_t end = xml.rfind("</components>");
    std::string section = xml.substr(begin, end - begin);
    size_t n = 0;
    for (std::string_view needle : {"<component ", "<component>"}) {
        for (size_t at = section.find(needle); at != std::string::npos;
             at = section.find(needle, at + 1)) {
            ++n;
        }
    }
    return n;
}

size_t CountLinesStarting(const std::string& text, std::string_view prefix) {
    size_t n = 0;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        n += line.rfind(prefix, 0) == 0 ? 1 : 0;
    }
    return n;
}

// --- one document in two encodings -----------------------------------------------------------

const std::string kCdxJson = R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
 "metadata":{"timestamp":"2024-05-01T00:00:00Z",
  "tools":{"components":[{"type":"application","name":"a-tool","version":"9"}]},
  "component":{"type":"application","bom-ref":"app","name":"shop \u2603","version":"2.0",
               "components":[{"type":"library","name":"not-visited"}]},
  "properties":[{"name":"imageId","value":"sha256:abc"},{"name":"note","value":"a & b"}]},
 "components":[
  {"type":"operating-system","bom-ref":"os","name":"amzn","version":"2023"},
  {"type":"library","bom-ref":"pkg:npm/%40acme/a@1.0.0","group":"@acme","name":"a",
   "version":"1.0.0","purl":"pkg:npm/%40acme/a@1.0.0",
   "licenses":[{"license":{"id":"MIT","name":"ignored: the id wins"}},
               {"license":{"name":"Acme Proprietary"}},
               {"expression":"Apache-2.0 OR GPL-2.0-only"},
               {"license":{"url":"https://example.com/no-id-no-name"}}],
   "pedigree":{"ancestors":[{"type":"library","name":"not-visited-either"}]},
   "properties":[{"name":"k","value":"v"},{"name":"k2","value":"<2> & \"3\""}],
   "components":[
    {"type":"library","bom-ref":"b","name":"b","version":"0.1",
     "components":[{"type":"file","bom-ref":"c","name":"c"}]},
    {"type":"library","bom-ref":"b2","name":"b2"}]},
  {"type":"library","bom-ref":"d","name":"d \u00e9","version":"4",
   "licenses":[{"expression":"MIT AND BSD-3-Clause"}]}
 ],
 "dependencies":[{"ref":"pkg:npm/%40acme/a@1.0.0","dependsOn":["b"]}],
 "vulnerabilities":[
  {"bom-ref":"v1","id":"CVE-2024-1","source":{"name":"NVD"},
   "affects":[{"ref":"pkg:npm/%40acme/a@1.0.0"},{"ref":"c"}]},
  {"id":"CVE-2024-2"},
  {"id":"GHSA-xxxx","affects":[{"ref":"nope"},{"versions":[]}]},
  {"affects":[{"ref":"b"}]}
 ]
})";

// The same document as XML, with what XML adds: CDATA, character references, comments, an
// extension in another namespace (whose content is not read), an <affects> target without a
// ref.
const std::string kCdxXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" xmlns:ext="urn:example:ext" version="1">
  <metadata>
    <timestamp>2024-05-01T00:00:00Z</timestamp>
    <tools><components><component type="application"><name>a-tool</name><version>9</version></component></components></tools>
    <component type="application" bom-ref="app">
      <name><![CDATA[shop ]]>&#x2603;</name>
      <version>2.0</version>
      <components><component type="library"><name>not-visited</name></component></components>
    </component>
    <properties>
      <property name="imageId">sha256:abc</property>
      <property name="note">a &amp; b</property>
    </properties>
  </metadata>
  <components>
    <component type="operating-system" bom-ref="os"><name>amzn</name><version>2023</version></component>
    <component type="library" bom-ref="pkg:npm/%40acme/a@1.0.0">
      <group>@acme</group>
      <name>a</name>
      <version>1.0.0</version>
      <licenses>
        <license><id>MIT</id><name>ignored: the id wins</name></license>
        <license acknowledgement="declared"><name>Acme Proprietary</name></license>
        <expression>Apache-2.0 OR GPL-2.0-only</expression>
        <license><url>https://example.com/no-id-no-name</url></license>
      </licenses>
      <purl>pkg:npm/%40acme/a@1.0.0</purl>
      <pedigree><ancestors><component type="library"><name>not-visited-either</name></component></ancestors></pedigree>
      <properties>
        <property name="k">v</property>
        <property name="k2"><![CDATA[<2> & "3"]]></property>
      </properties>
      <components>
        <component type="library" bom-ref="b">
          <name>b</name><version>0.1</version>
          <components><component type="file" bom-ref="c"><name>c</name></component></components>
        </component>
        <ext:note><component type="library"><name>inside an extension</name></component></ext:note>
        <component type="library" bom-ref="b2"><name>b2</name></component>
      </components>
    </component>
    <component type="library" bom-ref="d">
      <name>d &#233;</name>
      <version>4</version>
      <licenses><expression>MIT AND BSD-3-Clause</expression></licenses>
    </component>
  </components>
  <dependencies><dependency ref="pkg:npm/%40acme/a@1.0.0"><dependency ref="b"/></dependency></dependencies>
  <vulnerabilities>
    <vulnerability bom-ref="v1">
      <id>CVE-2024-1</id>
      <source><name>NVD</name></source>
      <affects>
        <target><ref>pkg:npm/%40acme/a@1.0.0</ref></target>
        <target><ref>c</ref></target>
      </affects>
    </vulnerability>
    <vulnerability><id>CVE-2024-2</id></vulnerability>
    <vulnerability><id>GHSA-xxxx</id><affects><target><ref>nope</ref></target><target><versions/></target></affects></vulnerability>
    <vulnerability><affects><target><ref>b</ref></target></affects></vulnerability>
  </vulnerabilities>
</bom>
)";

const std::string kSpdxJson = R"({"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0",
 "SPDXID":"SPDXRef-DOCUMENT","name":"image \u2603","documentNamespace":"https://example.com/image-1",
 "creationInfo":{"created":"2024-01-01T00:00:00Z","creators":["Tool: t"]},
 "packages":[
  {"SPDXID":"SPDXRef-p1","name":"openssl","versionInfo":"3.0.7",
   "licenseConcluded":"NOASSERTION","licenseDeclared":"Apache-2.0",
   "externalRefs":[
    {"referenceCategory":"SECURITY","referenceType":"cpe23Type",
     "referenceLocator":"cpe:2.3:a:openssl:openssl:3.0.7:*:*:*:*:*:*:*"},
    {"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl",
     "referenceLocator":"pkg:rpm/amzn/openssl@3.0.7?arch=x86_64"},
    {"referenceCategory":"PACKAGE_MANAGER","referenceType":"purl","referenceLocator":"pkg:rpm/second"},
    {"referenceCategory":"SECURITY","referenceType":"url","referenceLocator":"https://example.com/u"},
    {"referenceCategory":"SECURITY","referenceType":"advisory",
     "referenceLocator":"https://alas.aws.amazon.com/AL2023/ALAS-2023-001.html"},
    {"referenceCategory":"SECURITY","referenceType":"vulnerability","referenceLocator":"CVE-2023-0286"}]},
  {"SPDXID":"SPDXRef-p2","name":"zlib","versionInfo":"1.2.13",
   "licenseConcluded":"Zlib","licenseDeclared":"NONE"},
  {"SPDXID":"SPDXRef-p3","name":"tzdata","licenseConcluded":"NONE","licenseDeclared":"NOASSERTION",
   "externalRefs":[{"referenceCategory":"PACKAGE_MANAGER","referenceType":"purl",
                    "referenceLocator":"pkg:rpm/amzn/tzdata@2024a"}]}
 ]
})";

// The same as tag-value, with a file and a snippet between packages, comments, <text> values,
// CRLF line ends and a tab after a colon.
const std::string kSpdxTagValue =
    "SPDXVersion: SPDX-2.3\n"
    "DataLicense: CC0-1.0\n"
    "SPDXID: SPDXRef-DOCUMENT\n"
    "DocumentName: image \xe2\x98\x83\r\n"
    "DocumentNamespace: https://example.com/image-1\n"
    "DocumentComment: <text>one\n"
    "PackageName: not a package, inside a text value\n"
    "</text>\n"
    "Creator: Tool: t\n"
    "Created: 2024-01-01T00:00:00Z\n"
    "\n"
    "## Package\n"
    "PackageName: openssl\n"
    "SPDXID: SPDXRef-p1\n"
    "PackageVersion:\t3.0.7\n"
    "PackageDownloadLocation: NOASSERTION\n"
    "PackageLicenseConcluded: NOASSERTION\n"
    "PackageLicenseDeclared: Apache-2.0\n"
    "PackageComment: <text>a comment\n"
    "SPDXID: SPDXRef-not-this-one\n"
    "</text>\n"
    "ExternalRef: SECURITY cpe23Type cpe:2.3:a:openssl:openssl:3.0.7:*:*:*:*:*:*:*\n"
    "ExternalRef: PACKAGE-MANAGER purl pkg:rpm/amzn/openssl@3.0.7?arch=x86_64\r\n"
    "ExternalRefComment: <text>the first purl is the one</text>\n"
    "ExternalRef: PACKAGE_MANAGER purl pkg:rpm/second\n"
    "ExternalRef: SECURITY url https://example.com/u\n"
    "ExternalRef: SECURITY advisory https://alas.aws.amazon.com/AL2023/ALAS-2023-001.html\n"
    "ExternalRef:  SECURITY   vulnerability   CVE-2023-0286  \n"
    "\n"
    "FileName: ./etc/ssl/openssl.cnf\n"
    "SPDXID: SPDXRef-file1\n"
    "LicenseConcluded: GPL-2.0-only\n"
    "FileCopyrightText: <text>Copyright\n"
    "  the authors</text>\n"
    "\n"
    "# another package\n"
    "PackageName: zlib\n"
    "SPDXID: SPDXRef-p2\n"
    "PackageVersion: 1.2.13\n"
    "PackageLicenseConcluded: Zlib\n"
    "PackageLicenseDeclared: NONE\n"
    "SnippetSPDXID: SPDXRef-snippet\n"
    "SnippetFromFileSPDXID: SPDXRef-file1\n"
    "PackageName: tzdata\n"
    "SPDXID: SPDXRef-p3\n"
    "PackageLicenseConcluded: NONE\n"
    "PackageLicenseDeclared: NOASSERTION\n"
    "ExternalRef: PACKAGE_MANAGER purl pkg:rpm/amzn/tzdata@2024a\n"
    "Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-p1\n"
    "LicenseID: LicenseRef-1\n"
    "ExtractedText: <text>PackageVersion: 9 is not the version\n"
    "of anything</text>\n"
    "LicenseName: one";  // no line break at the end

std::string BillionLaughs() {
    std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [\n<!ENTITY lol \"lol\">\n";
    for (int i = 1; i <= 9; ++i) {
        doc += "<!ENTITY lol" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) {
            doc += i == 1 ? "&lol;" : "&lol" + std::to_string(i - 1) + ";";
        }
        doc += "\">\n";
    }
    doc +=
        "]>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><components><component "
        "type=\"library\"><name>&lol9;</name></component></components></bom>\n";
    return doc;
}

const std::string kBomOpen = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\">";

// ============================================================================================
// CycloneDX XML

TEST(CycloneDxXml, RealDocumentsGiveEveryComponent) {
    struct Fixture {
        std::string file;
        std::string spec;
        std::string name;
    };
    for (const Fixture& f :
         {Fixture{"cyclonedx-1.2-dropwizard.xml", "1.2", "dropwizard-parent"},
          Fixture{"cyclonedx-1.4-laravel.xml", "1.4", "cyclonedx-php-composer-demo"}}) {
        std::string xml = ReadFile(Fixtures() / f.file);
        ASSERT_FALSE(xml.empty()) << f.file;
        pugi::xml_document dom;
        ASSERT_TRUE(dom.load_string(xml.c_str())) << f.file;
        size_t expected = CountComponents(dom.child("bom").child("components"));
        EXPECT_GT(expected, 50u) << f.file;
        EXPECT_EQ(NaiveCount(xml), expected) << f.file;

        Outcome o = MustRead(Files(), xml, f.file);
        EXPECT_EQ(o.components.size(), expected) << f.file;
        EXPECT_EQ(o.stats.components, expected) << f.file;
        EXPECT_EQ(o.info.format, "cyclonedx");
        EXPECT_EQ(o.info.spec_version, f.spec);
        EXPECT_EQ(o.info.name, f.name);
        for (const auto& c : o.components) {
            EXPECT_FALSE(c.name.empty()) << f.file;
            EXPECT_EQ(c.type, "library") << f.file << " " << c.name;
            EXPECT_EQ(c.purl.rfind("pkg:", 0), 0u) << f.file << " " << c.purl;
        }
    }
}

TEST(CycloneDxXml, RealDocumentFields) {
    Outcome d =
        MustRead(Xml(), ReadFile(Fixtures() / "cyclonedx-1.2-dropwizard.xml"), "dropwizard");
    const Component* checker = Find(d, "checker-compat-qual");
    ASSERT_NE(checker, nullptr);
    EXPECT_EQ(checker->ref, "pkg:maven/org.checkerframework/checker-compat-qual@2.0.0?type=jar");
    EXPECT_EQ(checker->group, "org.checkerframework");
    EXPECT_EQ(checker->version, "2.0.0");
    EXPECT_EQ(checker->purl, "pkg:maven/org.checkerframework/checker-compat-qual@2.0.0?type=jar");
    ASSERT_EQ(checker->licenses.size(), 2u);
    EXPECT_EQ(checker->licenses[0].kind, Kind::kName);
    EXPECT_EQ(checker->licenses[0].text,
              "GNU General Public License, version 2 (GPL2), with the classpath exception");
    EXPECT_EQ(checker->licenses[1].kind, Kind::kId);
    EXPECT_EQ(checker->licenses[1].text, "MIT");
    EXPECT_EQ(checker->license,
              "GNU General Public License, version 2 (GPL2), with the classpath exception AND MIT");

    Outcome l = MustRead(Xml(), ReadFile(Fixtures() / "cyclonedx-1.4-laravel.xml"), "laravel");
    const Component* framework = Find(l, "framework");
    ASSERT_NE(framework, nullptr);
    EXPECT_EQ(framework->ref, "laravel/framework-7.30.6.0");
    EXPECT_EQ(framework->group, "laravel");
    EXPECT_EQ(framework->version, "v7.30.6");
    EXPECT_EQ(framework->purl, "pkg:composer/laravel/framework@v7.30.6");  // from CDATA
    ASSERT_EQ(framework->licenses.size(), 1u);
    EXPECT_EQ(framework->licenses[0].kind, Kind::kId);
    EXPECT_EQ(framework->license, "MIT");
    ASSERT_EQ(framework->properties.size(), 3u);
    EXPECT_EQ(framework->properties[2],
              (std::pair<std::string, std::string>{"cdx:composer:package:type", "library"}));
}

// The project publishes the laravel SBOM as JSON and as XML: both read alike.
TEST(CycloneDxXml, RealDocumentReadsAsItsJson) {
    Outcome xml = MustRead(Files(), ReadFile(Fixtures() / "cyclonedx-1.4-laravel.xml"), "xml");
    Outcome json = MustRead(Files(), ReadFile(Fixtures() / "cyclonedx-1.4-laravel.json"), "json");
    EXPECT_EQ(xml.Dumps(), json.Dumps());
    EXPECT_EQ(xml.info.name, json.info.name);
    EXPECT_EQ(xml.info.spec_version, json.info.spec_version);
    EXPECT_EQ(xml.info.properties, json.info.properties);
}

TEST(CycloneDxXml, SameDocumentAsJsonGivesTheSameComponents) {
    Outcome json = MustRead(Files(), kCdxJson, "json");
    Outcome xml = MustRead(Xml(), kCdxXml, "xml");
    ASSERT_EQ(json.components.size(), 6u);
    ASSERT_EQ(xml.components.size(), json.components.size());
    for (size_t i = 0; i < json.components.size(); ++i) {
        const Component& j = json.components[i];
        const Component& x = xml.components[i];
        EXPECT_EQ(x.ref, j.ref) << i;
        EXPECT_EQ(x.type, j.type) << i;
        EXPECT_EQ(x.group, j.group) << i;
        EXPECT_EQ(x.name, j.name) << i;
        EXPECT_EQ(x.version, j.version) << i;
        EXPECT_EQ(x.purl, j.purl) << i;
        EXPECT_EQ(x.license, j.license) << i;
        ASSERT_EQ(x.licenses.size(), j.licenses.size()) << i;
        for (size_t k = 0; k < j.licenses.size(); ++k) {
            EXPECT_EQ(x.licenses[k].kind, j.licenses[k].kind) << i << "/" << k;
            EXPECT_EQ(x.licenses[k].text, j.licenses[k].text) << i << "/" << k;
        }
        EXPECT_EQ(x.properties, j.properties) << i;
        EXPECT_EQ(x.vulnerabilities, j.vulnerabilities) << i;
    }
    EXPECT_EQ(xml.Dumps(), json.Dumps());
    EXPECT_EQ(xml.vulnerabilities, json.vulnerabilities);
    EXPECT_EQ(xml.vulnerabilities,
              (std::vector<std::string>{"CVE-2024-1 -> pkg:npm/%40acme/a@1.0.0 c",
                                        "GHSA-xxxx -> nope "}));
    EXPECT_EQ(xml.stats.components, json.stats.components);
    EXPECT_EQ(xml.stats.vulnerabilities, 2u);
    EXPECT_EQ(json.stats.vulnerabilities, 2u);

    // Parents first, in document order; what is where the reader does not look is not visited.
    std::vector<std::string> names;
    for (const auto& c : xml.components) {
        names.push_back(c.name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"amzn", "a", "b", "c", "b2", "d \xc3\xa9"}));
    const Component& a = xml.components[1];
    EXPECT_EQ(a.license, "MIT AND Acme Proprietary AND Apache-2.0 OR GPL-2.0-only");
    ASSERT_EQ(a.licenses.size(), 3u);
    EXPECT_EQ(a.licenses[0].kind, Kind::kId);
    EXPECT_EQ(a.licenses[1].kind, Kind::kName);
    EXPECT_EQ(a.licenses[2].kind, Kind::kExpression);
    EXPECT_EQ(a.properties[1].second, "<2> & \"3\"");

    EXPECT_EQ(xml.info.format, "cyclonedx");
    EXPECT_EQ(xml.info.spec_version, "1.6");
    EXPECT_EQ(xml.info.name, json.info.name);
    EXPECT_EQ(xml.info.name, "shop \xe2\x98\x83");
    EXPECT_EQ(xml.info.properties, json.info.properties);
    EXPECT_EQ(xml.info.platform, "amzn 2023");
    EXPECT_EQ(json.info.platform, "amzn 2023");
    EXPECT_EQ(json.info.subject_id, "sha256:abc");  // SbomFiles fills what the export would

    Outcome files = MustRead(Files(), kCdxXml, "xml as a file");
    EXPECT_EQ(files.Dumps(), json.Dumps());
    EXPECT_EQ(files.info.subject_id, json.info.subject_id);
    EXPECT_EQ(files.info.platform, json.info.platform);
}

TEST(CycloneDxXml, OneByteAtATimeReadsAsTheWhole) {
    std::vector<std::string> docs = {kCdxXml,
                                     ReadFile(Fixtures() / "cyclonedx-1.2-dropwizard.xml"),
                                     ReadFile(Fixtures() / "cyclonedx-1.4-laravel.xml")};
    for (const std::string& doc : docs) {
        Outcome whole = MustRead(Xml(), doc, "whole");
        for (size_t chunk : {size_t{1}, size_t{7}, size_t{4096}}) {
            // The reader gathers what it is fed into slices: have expat see small ones too.
            Outcome pieces = ReadDoc(XmlSliced(chunk), doc, chunk);
            ASSERT_TRUE(pieces.status.ok()) << pieces.status.error().message();
            EXPECT_EQ(pieces.Dumps(), whole.Dumps()) << chunk;
            EXPECT_EQ(pieces.vulnerabilities, whole.vulnerabilities);
            EXPECT_EQ(pieces.info.name, whole.info.name);
            EXPECT_EQ(pieces.info.properties, whole.info.properties);
            EXPECT_EQ(pieces.info.platform, whole.info.platform);
        }
    }
}

TEST(CycloneDxXml, NamespacePrefixAndEncodingDeclaration) {
    std::string prefixed =
        "<?xml version=\"1.0\"?>\n<c:bom xmlns:c=\"http://cyclonedx.org/schema/bom/1.5\">"
        "<c:components><c:component type=\"library\"><c:name>x</c:name>"
        "<name>not in the namespace</name></c:component></c:components></c:bom>";
    Outcome p = MustRead(Xml(), prefixed, "prefixed");
    ASSERT_EQ(p.components.size(), 1u);
    EXPECT_EQ(p.components[0].name, "x");
    EXPECT_EQ(p.info.spec_version, "1.5");

    // Expat hands the text over as UTF-8 whatever the document's encoding.
    std::string latin1 =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + kBomOpen +
        "<components><component type=\"library\"><name>caf\xe9</name></component></components>"
        "</bom>";
    Outcome l = MustRead(Xml(), latin1, "latin1");
    ASSERT_EQ(l.components.size(), 1u);
    EXPECT_EQ(l.components[0].name, "caf\xc3\xa9");
}

TEST(CycloneDxXml, DocumentTypeDeclarationsAreRefused) {
    const std::vector<std::pair<std::string, std::string>> docs = {
        {"billion laughs", BillionLaughs()},
        {"external entity",
         "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" +
             kBomOpen + "<metadata><component><name>&xxe;</name></component></metadata></bom>"},
        {"external DTD",
         "<!DOCTYPE bom SYSTEM \"http://example.com/bom.dtd\">\n" + kBomOpen + "</bom>"},
        {"empty internal subset", "<!DOCTYPE bom []>" + kBomOpen + "</bom>"},
    };
    for (const auto& [what, doc] : docs) {
        for (size_t chunk : {size_t{0}, size_t{1}}) {
            Outcome o = ReadDoc(Files(), doc, chunk);
            ExpectRefused(o, "XML with a DTD is not accepted", what);
            EXPECT_TRUE(o.components.empty()) << what;
        }
    }
    EXPECT_NE(ReadDoc(Xml(), BillionLaughs()).status.error().message().find("line 2: "),
              std::string::npos);
}

struct HostileXml {
    std::string what;
    std::string doc;
    std::string reason;
};

TEST(CycloneDxXml, HostileInputIsRefusedWithAReason) {
    std::string deep = kBomOpen;
    for (int i = 0; i < 100000; ++i) {
        deep += "<a>";
    }
    std::string wide_component = kBomOpen + "<components><component><name>x</name><hashes>";
    while (wide_component.size() < (size_t{5} << 20)) {
        wide_component += "<hash alg=\"MD5\">00</hash>";
    }
    wide_component += "</hashes></component></components></bom>";
    std::string nested_components = kBomOpen + "<components>";
    for (int i = 0; i < 20; ++i) {
        nested_components += "<component><name>n</name><components>";
    }
    std::string distinct_names = kBomOpen;
    for (int i = 0; distinct_names.size() < (size_t{8} << 20); ++i) {
        distinct_names += "<e" + std::to_string(i) + "/>";
    }
    distinct_names += "</bom>";

    const std::vector<HostileXml> cases = {
        {"100k nested elements", deep, "XML nested deeper than 64 levels"},
        {"a 10 MB text node",
         kBomOpen + "<x xmlns=\"urn:other\">" + std::string(size_t{10} << 20, 'a') + "</x></bom>",
         "a text value longer than 1048576 bytes"},
        {"a 10 MB name",
         kBomOpen + "<components><component><name>" + std::string(size_t{10} << 20, 'a') +
             "</name></component></components></bom>",
         "a text value longer than 1048576 bytes"},
        {"a 5 MB component",
         wide_component,
         "components[0]: a component (with the components nested in it) larger than 4194304 "
         "bytes"},
        {"components nested 20 deep",
         nested_components,
         "components[0]: components nested deeper than 16 levels"},
        {"a 30 MB attribute",
         kBomOpen + "<x a=\"" + std::string(size_t{30} << 20, 'a') + "\"/></bom>",
         "the XML parser would need more than"},
        {"millions of distinct element names",
         distinct_names,
         "the XML parser would need more than"},
        {"a component without a name",
         kBomOpen + "<components><component bom-ref=\"r\"><version>1</version></component>"
                    "</components></bom>",
         "line 1: components[0]: a component has no name (bom-ref 'r')"},
        {"another root",
         "<html><body/></html>",
         "the root element is 'html' in no namespace, not a CycloneDX <bom>"},
        {"bom in no namespace", "<bom><components/></bom>", "not a CycloneDX <bom>"},
        {"bom in another namespace",
         "<bom xmlns=\"http://cyclonedx.org/schema/bom/2.0\"/>",
         "in namespace 'http://cyclonedx.org/schema/bom/2.0', not a CycloneDX <bom>"},
        {"bom in no version",
         "<bom xmlns=\"http://cyclonedx.org/schema/bom/\"/>",
         "not a CycloneDX <bom>"},
        {"mismatched tags",
         kBomOpen + "<components></metadata></bom>",
         "line 1: not well-formed XML: mismatched tag"},
        {"an undefined entity", kBomOpen + "&foo;</bom>", "undefined entity"},
        {"invalid UTF-8",
         kBomOpen + "<components><component><name>\xc0\x80</name>",
         "not well-formed"},
        {"a NUL byte", kBomOpen + std::string(1, '\0') + "</bom>", "not well-formed"},
        {"data after the root", kBomOpen + "</bom><bom/>", "junk after document element"},
        {"a second line",
         "<?xml version=\"1.0\"?>\n" + kBomOpen + "\n<a></b></bom>",
         "line 3: not well-formed XML: mismatched tag"},
    };
    for (const auto& c : cases) {
        Outcome o = ReadDoc(Xml(), c.doc, 1 << 16);
        ExpectRefused(o, c.reason, c.what);
        if (c.doc.size() < 4096) {
            Outcome bytes = ReadDoc(XmlSliced(1), c.doc, 1);
            ExpectRefused(bytes, c.reason, c.what + " byte by byte");
        }
    }
}

TEST(CycloneDxXml, TruncatedDocumentsFail) {
    std::string doc = kCdxXml;
    doc.erase(doc.find_last_not_of(" \r\n\t") + 1);
    std::mt19937 rng(7);
    for (size_t len = 0; len < doc.size(); ++len) {
        std::string_view prefix(doc.data(), len);
        Outcome whole = ReadDoc(Xml(), prefix);
        ASSERT_FALSE(whole.status.ok()) << "a prefix of " << len << " bytes was read";
        EXPECT_TRUE(whole.failed_at_finish) << len << ": " << whole.status.error().message();
        ExpectRefused(whole, "", "prefix " + std::to_string(len));
        size_t chunk = 1 + rng() % 64;
        Outcome pieces = ReadDoc(XmlSliced(chunk), prefix, chunk);
        ASSERT_FALSE(pieces.status.ok());
        EXPECT_EQ(pieces.status.error().message(), whole.status.error().message());
    }
    EXPECT_TRUE(ReadDoc(Xml(), doc, 1).status.ok());
}

TEST(CycloneDxXml, GarbageAndMutationsNeverCrash) {
    std::mt19937 rng(42);
    for (int i = 0; i < 300; ++i) {
        std::string junk(rng() % 400, '\0');
        for (char& c : junk) {
            c = static_cast<char>(rng());
        }
        size_t chunk = 1 + rng() % 16;
        Outcome o = ReadDoc(XmlSliced(chunk), "<" + junk, chunk);
        ExpectRefused(o, "", "garbage " + std::to_string(i));
    }
    for (int i = 0; i < 500; ++i) {
        std::string doc = kCdxXml;
        for (int k = 0; k < 3; ++k) {
            doc[rng() % doc.size()] = static_cast<char>(rng());
        }
        size_t chunk = 1 + rng() % 100;
        Outcome o = ReadDoc(XmlSliced(chunk), doc, chunk);
        if (!o.status.ok()) {
            EXPECT_EQ(o.status.error().code(), ErrorCode::kInvalidInput)
                << o.status.error().message();
        }
    }
}

// 50 MB of components, generated as they are fed: the reader holds one component at a time,
// and expat a buffer of a few slices.
TEST(CycloneDxXml, FiftyMegabytesInBoundedMemory) {
    size_t seen = 0;
    ports::SbomVisitor v;
    v.component = [&](Component&& c) {
        EXPECT_EQ(c.name, "n" + std::to_string(seen));
        ++seen;
    };
    CycloneDxXmlReader reader(v);
    ASSERT_TRUE(reader.Feed("<?xml version=\"1.0\"?>\n" + kBomOpen + "<components>\n").ok());
    size_t fed = 0;
    size_t made = 0;
    while (fed < (size_t{50} << 20)) {
        std::string chunk;
        while (chunk.size() < (size_t{1} << 20)) {
            std::string n = std::to_string(made++);
            chunk += "<component type=\"library\" bom-ref=\"r" + n + "\"><name>n" + n +
                     "</name><version>1.0</version><purl>pkg:npm/n" + n +
                     "@1.0</purl><licenses><license><id>MIT</id></license></licenses>"
                     "</component>\n";
        }
        fed += chunk.size();
        ASSERT_TRUE(reader.Feed(chunk).ok());
    }
    ASSERT_TRUE(reader.Feed("</components></bom>\n").ok());
    DocumentInfo info;
    auto stats = reader.Finish(&info);
    ASSERT_TRUE(stats.ok()) << stats.error().message();
    EXPECT_EQ(stats->components, made);
    EXPECT_EQ(seen, made);
    EXPECT_GT(made, 250000u);
    EXPECT_LT(reader.peak_element_bytes(), 512u);
    EXPECT_LT(reader.peak_parser_bytes(), size_t{4} << 20);
}

TEST(CycloneDxXml, AVisitorsExceptionComesThrough) {
    ports::SbomVisitor v;
    v.component = [](Component&&) { throw std::runtime_error("visitor"); };
    CycloneDxXmlReader reader(v);
    ASSERT_TRUE(reader.Feed(kCdxXml).ok());  // less than a slice: parsed at Finish
    DocumentInfo info;
    EXPECT_THROW((void)reader.Finish(&info), std::runtime_error);
    Status again = reader.Feed("x");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code(), ErrorCode::kInternal);

    // From Feed, once a slice is full.
    CycloneDxXmlReader big(v);
    EXPECT_THROW((void)big.Feed(kCdxXml + std::string(size_t{2} << 20, ' ')), std::runtime_error);
    EXPECT_FALSE(big.Finish(&info).ok());
}

// ============================================================================================
// SPDX tag-value

TEST(SpdxTagValue, RealDocumentsGiveEveryPackage) {
    for (const std::string version : {"2.2", "2.3"}) {
        std::string file = "spdx-" + version + "-tag-example.spdx";
        std::string text = ReadFile(Fixtures() / file);
        ASSERT_FALSE(text.empty()) << file;
        Outcome o = MustRead(Files(), text, file);
        size_t expected = CountLinesStarting(text, "PackageName:");
        EXPECT_EQ(expected, 4u) << file;
        EXPECT_EQ(o.components.size(), expected) << file;
        EXPECT_EQ(o.stats.components, expected);
        EXPECT_EQ(o.stats.vulnerabilities, 0u);
        EXPECT_EQ(o.info.format, "spdx");
        EXPECT_EQ(o.info.spec_version, "SPDX-" + version);
        EXPECT_EQ(o.info.name, "SPDX-Tools-v2.0");
        EXPECT_EQ(o.info.document_namespace,
                  "http://spdx.org/spdxdocs/spdx-example-444504E0-4F89-41D3-9A0C-0305E82C3301");

        const Component* glibc = Find(o, "glibc");
        ASSERT_NE(glibc, nullptr) << file;
        EXPECT_EQ(glibc->ref, "SPDXRef-Package");
        EXPECT_EQ(glibc->type, "package");
        EXPECT_EQ(glibc->version, "2.11.1");
        EXPECT_EQ(glibc->purl, "");  // a cpe23Type and an OTHER reference only
        EXPECT_EQ(glibc->license, "(LGPL-2.0-only OR LicenseRef-3)");
        ASSERT_EQ(glibc->licenses.size(), 1u);
        EXPECT_EQ(glibc->licenses[0].kind, Kind::kExpression);

        const Component* jena = Find(o, "Jena");
        ASSERT_NE(jena, nullptr) << file;
        EXPECT_EQ(jena->ref, "SPDXRef-fromDoap-0");
        EXPECT_EQ(jena->version, "3.12.0");
        EXPECT_EQ(jena->purl, "pkg:maven/org.apache.jena/apache-jena@3.12.0");
        EXPECT_EQ(jena->license, "");  // NOASSERTION (2.2) or none (2.3)
        EXPECT_TRUE(jena->licenses.empty());

        const Component* commons = Find(o, "Apache Commons Lang");
        ASSERT_NE(commons, nullptr) << file;
        EXPECT_EQ(commons->ref, "SPDXRef-fromDoap-1");
        EXPECT_EQ(commons->version, "");

        const Component* saxon = Find(o, "Saxon");
        ASSERT_NE(saxon, nullptr) << file;
        EXPECT_EQ(saxon->ref, "SPDXRef-Saxon");
        EXPECT_EQ(saxon->license, "MPL-1.0");
    }
}

TEST(SpdxTagValue, SameDocumentAsJsonGivesTheSamePackages) {
    Outcome json = MustRead(Files(), kSpdxJson, "json");
    Outcome tv = MustRead(Files(), kSpdxTagValue, "tag-value");
    ASSERT_EQ(json.components.size(), 3u);
    EXPECT_EQ(tv.Dumps(), json.Dumps());
    EXPECT_EQ(tv.stats.components, json.stats.components);
    EXPECT_EQ(tv.stats.vulnerabilities, json.stats.vulnerabilities);
    EXPECT_EQ(tv.stats.vulnerabilities, 2u);
    EXPECT_EQ(tv.info.format, json.info.format);
    EXPECT_EQ(tv.info.spec_version, "SPDX-2.3");
    EXPECT_EQ(tv.info.name, json.info.name);
    EXPECT_EQ(tv.info.document_namespace, json.info.document_namespace);

    const Component& openssl = tv.components[0];
    EXPECT_EQ(openssl.ref, "SPDXRef-p1");
    EXPECT_EQ(openssl.version, "3.0.7");
    EXPECT_EQ(openssl.purl, "pkg:rpm/amzn/openssl@3.0.7?arch=x86_64");
    EXPECT_EQ(openssl.license, "Apache-2.0");
    EXPECT_EQ(openssl.vulnerabilities,
              (std::vector<std::string>{"https://alas.aws.amazon.com/AL2023/ALAS-2023-001.html",
                                        "CVE-2023-0286"}));
    EXPECT_EQ(tv.components[1].license, "Zlib");
    EXPECT_EQ(tv.components[2].purl, "pkg:rpm/amzn/tzdata@2024a");
    EXPECT_TRUE(tv.components[2].licenses.empty());
}

TEST(SpdxTagValue, OneByteAtATimeReadsAsTheWhole) {
    for (const std::string& doc : {kSpdxTagValue,
                                   ReadFile(Fixtures() / "spdx-2.3-tag-example.spdx"),
                                   ReadFile(Fixtures() / "spdx-2.2-tag-example.spdx")}) {
        Outcome whole = MustRead(TagValue(), doc, "whole");
        for (size_t chunk : {size_t{1}, size_t{3}, size_t{1000}}) {
            Outcome pieces = ReadDoc(TagValue(), doc, chunk);
            ASSERT_TRUE(pieces.status.ok()) << pieces.status.error().message();
            EXPECT_EQ(pieces.Dumps(), whole.Dumps()) << chunk;
            EXPECT_EQ(pieces.info.name, whole.info.name);
            EXPECT_EQ(pieces.info.spec_version, whole.info.spec_version);
        }
    }
}

TEST(SpdxTagValue, HostileInputIsRefusedWithAReason) {
    const std::string head = "SPDXVersion: SPDX-2.3\nDocumentName: d\n";
    std::string many_refs = head + "PackageName: p\n";
    while (many_refs.size() < (size_t{5} << 20)) {
        many_refs +=
            "ExternalRef: SECURITY advisory https://example.com/" + std::string(1000, 'a') + "\n";
    }
    std::string long_text = head + "PackageComment: <text>";
    while (long_text.size() < (size_t{3} << 20)) {
        long_text += std::string(1000, 'x') + "\n";
    }
    long_text += "</text>\n";
    const std::vector<HostileXml> cases = {
        {"a 2 MB line",
         head + "PackageName: " + std::string(size_t{2} << 20, 'a') + "\n",
         "line 3: a line longer than 1048576 bytes"},
        {"a 2 MB last line",
         head + "DocumentComment: " + std::string(size_t{2} << 20, 'a'),
         "a line longer than 1048576 bytes"},
        {"a 3 MB <text>", long_text, "a <text> value (PackageComment, from line 3) longer than"},
        {"an unclosed <text>",
         head + "PackageName: p\nPackageComment: <text>a\nb\n",
         "the <text> value of PackageComment (from line 4) is not closed with </text>"},
        {"a package over the element limit", many_refs, "the package 'p' (from line 3) is larger"},
        {"no SPDXVersion", "DocumentName: d\nPackageName: p\n", "no SPDXVersion"},
        {"SPDX 3", "SPDXVersion: SPDX-3.0\n", "line 1: SPDXVersion 'SPDX-3.0' is not SPDX 2.x"},
        {"SPDXVersion twice",
         head + "SPDXVersion: SPDX-2.2\n",
         "line 3: SPDXVersion appears twice"},
        {"a line with no tag", head + "just some words\n", "line 3: not a 'Tag: value' line"},
        {"a tag with a space", head + "Package Name: x\n", "not a 'Tag: value' line"},
        {"an empty tag", head + ": x\n", "not a 'Tag: value' line"},
        {"a package without a name", head + "PackageName:   \n", "a package has no name"},
        {"invalid UTF-8", head + "PackageName: \xc0\x80\n", "line 3: invalid UTF-8"},
        {"a surrogate", head + "PackageName: \xed\xa0\x80\n", "invalid UTF-8"},
        {"a cut sequence", head + "PackageName: \xe2\x98\n", "invalid UTF-8"},
        {"a NUL byte", head + "PackageName: a" + std::string(1, '\0') + "b\n", "a NUL byte"},
    };
    for (const auto& c : cases) {
        Outcome o = ReadDoc(TagValue(), c.doc, 1 << 16);
        ExpectRefused(o, c.reason, c.what);
        if (c.doc.size() < 4096) {
            ExpectRefused(ReadDoc(TagValue(), c.doc, 1), c.reason, c.what + " byte by byte");
        }
    }
}

TEST(SpdxTagValue, TruncatedDocumentsFailWhenTheyCanTell) {
    // A prefix of a tag-value document cut between packages is itself a document; one cut
    // inside a <text> value or before SPDXVersion is not.
    std::string doc = kSpdxTagValue;
    size_t text_at = doc.find("DocumentComment: <text>") + 25;
    for (size_t len : {size_t{0}, size_t{5}, size_t{20}, text_at}) {
        Outcome o = ReadDoc(TagValue(), std::string_view(doc).substr(0, len));
        ExpectRefused(o, "", "a prefix of " + std::to_string(len) + " bytes");
        EXPECT_TRUE(o.failed_at_finish);
    }
}

TEST(SpdxTagValue, GarbageNeverCrashes) {
    std::mt19937 rng(3);
    for (int i = 0; i < 300; ++i) {
        std::string junk(1 + rng() % 400, '\0');
        for (char& c : junk) {
            c = static_cast<char>(rng());
        }
        Outcome o = ReadDoc(TagValue(), "SPDXVersion: SPDX-2.3\n" + junk, 1 + rng() % 16);
        if (!o.status.ok()) {
            EXPECT_EQ(o.status.error().code(), ErrorCode::kInvalidInput);
        }
    }
}

TEST(SpdxTagValue, FiftyMegabytesInBoundedMemory) {
    size_t seen = 0;
    ports::SbomVisitor v;
    v.component = [&](Component&& c) {
        EXPECT_EQ(c.purl, "pkg:generic/p" + std::to_string(seen) + "@1");
        ++seen;
    };
    SpdxTagValueReader reader(v);
    ASSERT_TRUE(reader.Feed("SPDXVersion: SPDX-2.3\nDocumentName: big\n").ok());
    size_t fed = 0;
    size_t made = 0;
    while (fed < (size_t{50} << 20)) {
        std::string chunk;
        while (chunk.size() < (size_t{1} << 20)) {
            std::string n = std::to_string(made++);
            chunk += "PackageName: p" + n + "\nSPDXID: SPDXRef-" + n +
                     "\nPackageVersion: 1\nPackageLicenseConcluded: MIT\n"
                     "ExternalRef: PACKAGE-MANAGER purl pkg:generic/p" +
                     n + "@1\n";
        }
        fed += chunk.size();
        ASSERT_TRUE(reader.Feed(chunk).ok());
    }
    DocumentInfo info;
    auto stats = reader.Finish(&info);
    ASSERT_TRUE(stats.ok()) << stats.error().message();
    EXPECT_EQ(stats->components, made);
    EXPECT_EQ(seen, made);
    EXPECT_GT(made, 300000u);
    EXPECT_LT(reader.peak_line_bytes(), 1024u);
}

// ============================================================================================
// The sniffer

TEST(SbomFiles, TellsTheEncodingAfterAByteOrderMarkAndWhitespace) {
    const std::string bom = "\xef\xbb\xbf";
    struct Case {
        std::string doc;
        std::string format;
        std::string spec;
    };
    const std::vector<Case> cases = {
        {bom + " \r\n\t\n" + kCdxJson, "cyclonedx", "1.6"},
        {bom + "\n\n  " + kCdxXml, "cyclonedx", "1.6"},
        {bom + "SPDXVersion: SPDX-2.3\nDocumentName: d\nPackageName: p\n", "spdx", "SPDX-2.3"},
        {"\n\n# a comment first\nSPDXVersion: SPDX-2.2\n", "spdx", "SPDX-2.2"},
        {"DocumentName: d\nSPDXVersion: SPDX-2.3\n", "spdx", "SPDX-2.3"},
        {kSpdxJson, "spdx", "SPDX-2.3"},
        {bom + kSpdxTagValue, "spdx", "SPDX-2.3"},
    };
    for (const auto& c : cases) {
        for (size_t chunk : {size_t{0}, size_t{1}, size_t{2}}) {
            Outcome o = ReadDoc(Files(), c.doc, chunk);
            ASSERT_TRUE(o.status.ok()) << c.doc.substr(0, 40) << ": " << o.status.error().message();
            EXPECT_EQ(o.info.format, c.format) << c.doc.substr(0, 40);
            EXPECT_EQ(o.info.spec_version, c.spec) << c.doc.substr(0, 40);
        }
    }
    EXPECT_EQ(ReadDoc(Files(), bom + "\n" + kCdxXml).Dumps(), ReadDoc(Xml(), kCdxXml).Dumps());
}

TEST(SbomFiles, RefusesWhatIsNoneOfTheEncodings) {
    const std::string neither = "SBOM file: neither JSON, XML nor SPDX tag-value";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"%PDF-1.7\n", neither},
        {"[]", neither},
        {"null", neither},
        {"hello world\n", neither},
        {"SPDXVersion", neither},
        {std::string(100, 'A') + ": long tag", neither},
        {"\x89PNG\r\n\x1a\n", neither},
        {"\xef\xbb"
         "x",
         neither},
        {"\xef\xbb\xbf\xef\xbb\xbf{}", neither},
        {"\xef\xbb", neither},
        {"", "SBOM file: empty"},
        {"\xef\xbb\xbf \n\t", "SBOM file: empty"},
    };
    for (const auto& [doc, reason] : cases) {
        for (size_t chunk : {size_t{0}, size_t{1}}) {
            ExpectRefused(ReadDoc(Files(), doc, chunk), reason, doc, reason);
        }
    }
    // Once told, the encoding's own reader has its say.
    ExpectRefused(ReadDoc(Files(), "{\"a\":1}"), "neither CycloneDX", "json");
    ExpectRefused(ReadDoc(Files(), "<html/>"), "not a CycloneDX <bom>", "xml");
    ExpectRefused(ReadDoc(Files(), "Tag: x\n"), "no SPDXVersion", "tag-value");
}

TEST(SbomFiles, LineNumbersCountTheSkippedLines) {
    Outcome xml = ReadDoc(Files(), "\n\n" + kBomOpen + "\n<a></b></bom>");
    ExpectRefused(xml, "line 4: not well-formed XML: mismatched tag", "xml");
    Outcome tv = ReadDoc(Files(), "\n\n\nSPDXVersion: SPDX-2.3\nwords\n", 1);
    ExpectRefused(tv, "line 5: not a 'Tag: value' line", "tag-value");
}

TEST(SbomFiles, FillsThePlatformAndSubjectAsTheExportReaderDoes) {
    std::string xml = kBomOpen +
                      "<metadata><properties><property name=\"platform\">AMAZON_LINUX_2"
                      "</property><property name=\"instanceId\">i-0123456789abcdef0</property>"
                      "</properties></metadata><components/></bom>";
    Outcome o = MustRead(Files(), xml, "xml");
    EXPECT_EQ(o.info.platform, "AMAZON_LINUX_2");
    EXPECT_EQ(o.info.subject_id, "i-0123456789abcdef0");
    Outcome raw = MustRead(Xml(), xml, "raw xml");
    EXPECT_EQ(raw.info.platform, "");  // the XML reader alone says only what the document says

    Outcome tv = MustRead(Files(),
                          "SPDXVersion: SPDX-2.3\nDocumentName: 1/EC2/i-0abc/ami-1\n"
                          "DocumentNamespace: EC2://i-0abc/AMAZON_LINUX_2023/null/x86_64\n",
                          "tag-value");
    EXPECT_EQ(tv.info.platform, "AMAZON_LINUX_2023");
    EXPECT_EQ(tv.info.subject_id, "i-0abc");
}

}  // namespace
}  // namespace kensa::sbom
