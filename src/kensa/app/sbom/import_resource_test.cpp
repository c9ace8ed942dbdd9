// The SBOM import of one resource against its ports: S3 and the scan store are mocks, and the
// document reader is a small scripted fake, so each rule of the use case is seen alone.
#include "kensa/app/sbom/import_resource.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "tests/mocks/aws_mocks.h"
#include "tests/mocks/store_mocks.h"

namespace kensa::app {
namespace {

using ::testing::_;
using ::testing::DoAll;
using ::testing::Invoke;
using ::testing::NiceMock;
using ::testing::Return;
using ::testing::SaveArg;

// A document, one line per item, handed over as the lines complete (like the real reader):
//   C <ref> <name> <purl>   a component ("-" for an empty ref or purl)
//   V <id> <ref,ref,...>    a CycloneDX vulnerability and the refs it affects
//   S <id>                  the resource the document says it describes
//   P <platform>            the OS the document says it runs
//   BAD                     the document is broken here
class ScriptedReader final : public ports::SbomDocumentReader {
public:
    explicit ScriptedReader(ports::SbomVisitor visitor) : visitor_(std::move(visitor)) {}
    Status Feed(std::string_view chunk) override {
        pending_.append(chunk);
        for (size_t nl; (nl = pending_.find('\n')) != std::string::npos;) {
            std::string line = pending_.substr(0, nl);
            pending_.erase(0, nl + 1);
            KENSA_TRY(Line(line));
        }
        return Ok();
    }
    Result<ports::SbomReadStats> Finish(ports::SbomDocumentInfo* info) override {
        if (!pending_.empty()) {
            return Error(ErrorCode::kInvalidInput, "SBOM document: ends inside a line");
        }
        info->format = "cyclonedx";
        info->subject_id = subject_;
        info->platform = platform_;
        return ports::SbomReadStats{};
    }

private:
    Status Line(const std::string& line) {
        std::istringstream in(line);
        std::string kind, a, b, c;
        in >> kind >> a >> b >> c;
        auto dash = [](std::string s) { return s == "-" ? std::string() : s; };
        if (kind == "C") {
            ports::SbomComponent comp;
            comp.ref = dash(a);
            comp.name = b;
            comp.purl = dash(c);
            visitor_.component(std::move(comp));
        } else if (kind == "V") {
            std::vector<std::string> refs;
            std::stringstream list(b);
            for (std::string r; std::getline(list, r, ',');) {
                refs.push_back(r);
            }
            visitor_.vulnerability(a, refs);
        } else if (kind == "S") {
            subject_ = a;
        } else if (kind == "P") {
            platform_ = a;
        } else {
            return Error(ErrorCode::kInvalidInput, "SBOM document: not valid JSON (at byte 3)");
        }
        return Ok();
    }

    ports::SbomVisitor visitor_;
    std::string pending_;
    std::string subject_;
    std::string platform_;
};

class ScriptedFormat final : public ports::SbomExportFormat {
public:
    std::unique_ptr<ports::SbomDocumentReader> OpenDocument(
        ports::SbomVisitor visitor) const override {
        return std::make_unique<ScriptedReader>(std::move(visitor));
    }
    std::optional<ports::SbomExportObject> ParseObjectKey(std::string_view key) const override {
        ports::SbomExportObject o;
        o.type = domain::ResourceType::kEc2Instance;
        o.id = std::string(key.substr(key.rfind('/') + 1));
        return o;
    }
};

class SbomImportTest : public ::testing::Test {
protected:
    SbomImportTest() : classes_([](std::string_view, std::string_view) { return false; }) {
        server_.id = 5;
        server_.name = "web-1";
        server_.kind = domain::ServerKind::kEc2;
        settings_.bucket = "kensa-sbom";
        settings_.kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/k";
    }

    // Serves `body` for `key`, in chunks of 7 bytes so that lines split across chunks.
    void Serve(const std::string& key, std::string body) {
        ON_CALL(s3_, GetObject("kensa-sbom", key, _))
            .WillByDefault(
                Invoke([body](const std::string&,
                              const std::string&,
                              const std::function<bool(std::string_view)>& on_chunk) -> Status {
                    for (size_t i = 0; i < body.size(); i += 7) {
                        if (!on_chunk(std::string_view(body).substr(i, 7))) {
                            return Error(ErrorCode::kInternal, "aborted by caller");
                        }
                    }
                    return Ok();
                }));
    }

    std::optional<domain::ScanError> Import(const std::vector<std::string>& keys,
                                            SbomImportLimits limits = {}) {
        std::vector<SbomObject> objects;
        for (const auto& k : keys) {
            objects.push_back({k, std::nullopt});
        }
        SbomResourceImport importer(store_, s3_, format_, limits, classes_);
        return importer.Import(server_, settings_, objects, std::nullopt, 1700000000, &result_);
    }

    NiceMock<testing::MockScanStore> store_;
    NiceMock<testing::MockS3Api> s3_;
    ScriptedFormat format_;
    ClassifyCache classes_;
    domain::Server server_;
    domain::SbomExportSettings settings_;
    SbomImportResult result_;
};

TEST_F(SbomImportTest, OneObservationFromEveryDocumentWithVulnerabilitiesLinkedByRef) {
    Serve("x/i-0abc",
          "S i-0abc\nV CVE-2024-1 a,b,missing\nC a openssl "
          "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64\n"
          "C b lodash pkg:npm/lodash@4.17.20\nV CVE-2024-1 a\nV CVE-2024-2 b\n");
    Serve("y/i-0abc", "C - bash pkg:deb/debian/bash@5.2.15-2%2Bb2\n");
    domain::ScanObservation seen;
    ports::ScanApplyStats stats;
    stats.tasks_created = 3;
    EXPECT_CALL(store_, ApplyScan(5, _, _, 1700000000))
        .WillOnce(DoAll(SaveArg<1>(&seen), Return(Result<ports::ScanApplyStats>(stats))));
    ASSERT_FALSE(Import({"x/i-0abc", "y/i-0abc"}));
    EXPECT_TRUE(result_.imported);
    EXPECT_TRUE(result_.skipped.empty());
    EXPECT_EQ(result_.components, 3);
    EXPECT_EQ(result_.keys, (std::vector<std::string>{"x/i-0abc", "y/i-0abc"}));
    EXPECT_EQ(result_.applied.tasks_created, 3);
    EXPECT_EQ(seen.source, domain::DetectionSource::kSbom);
    EXPECT_EQ(seen.takeover_comment, kSbomTakeoverComment);
    ASSERT_EQ(seen.software.size(), 3u);
    EXPECT_EQ(seen.software[0].ecosystem, "deb");  // R17: the purl gives the ecosystem ...
    EXPECT_EQ(seen.software[0].key.name, "openssl");
    EXPECT_EQ(seen.software[0].key.version, "3.0.11");  // ... and Debian's version-release
    EXPECT_EQ(seen.software[0].key.release, "1~deb12u2");
    EXPECT_EQ(seen.software[0].key.arch, "amd64");
    EXPECT_EQ(seen.software[1].type, domain::SoftwareType::kLibrary);
    // CVE-2024-1 names a and b before they come, and a again after: one detection each.
    ASSERT_EQ(seen.detections.size(), 3u);
    std::multiset<std::pair<std::string, std::string>> detections;
    for (const auto& d : seen.detections) {
        detections.insert({d.vulnerability_id, d.software ? d.software->name : ""});
        EXPECT_EQ(d.source_ref, "inspector-sbom");
    }
    EXPECT_EQ(detections,
              (std::multiset<std::pair<std::string, std::string>>{
                  {"CVE-2024-1", "openssl"}, {"CVE-2024-1", "lodash"}, {"CVE-2024-2", "lodash"}}));
    ASSERT_EQ(seen.vulnerabilities.size(), 2u);
}

TEST_F(SbomImportTest, TheDocumentsPlatformIsTheServersDistro) {
    // Inspector's purls name no distro (pkg:rpm/...?arch=X86_64&epoch=0&upstream=...src.rpm).
    Serve("x/i-0abc",
          "P ALMA_LINUX_9\nC a xz "
          "pkg:rpm/xz@5.2.5-7.el9?arch=X86_64&epoch=0&upstream=xz-5.2.5-7.el9.src.rpm\n");
    Serve("y/i-0abc", "P LINUX\nC - bash pkg:rpm/bash@5.1.8-6.el9?arch=X86_64\n");
    domain::ScanObservation seen;
    EXPECT_CALL(store_, ApplyScan(5, _, _, 1700000000))
        .WillRepeatedly(DoAll(SaveArg<1>(&seen),
                              Return(Result<ports::ScanApplyStats>(ports::ScanApplyStats{}))));
    ASSERT_FALSE(Import({"x/i-0abc", "y/i-0abc"}));
    EXPECT_EQ(seen.distro, "almalinux-9");  // the first that names a distro; LINUX names none
    ASSERT_FALSE(Import({"y/i-0abc"}));
    EXPECT_EQ(seen.distro, "");  // says nothing: the stored distro stays
}

TEST_F(SbomImportTest, ABrokenDocumentKeepsTheWholeResourceAsItWas) {
    Serve("x/i-0abc", "C a openssl pkg:deb/debian/openssl@3\n");
    Serve("y/i-0abc", "C b curl -\nBAD\n");
    EXPECT_CALL(store_, ApplyScan(_, _, _, _)).Times(0);
    ASSERT_FALSE(Import({"x/i-0abc", "y/i-0abc"}));
    EXPECT_FALSE(result_.imported);
    ASSERT_EQ(result_.skipped.size(), 2u);
    EXPECT_EQ(result_.skipped[1].resource, "y/i-0abc");
    EXPECT_NE(result_.skipped[1].reason.find("unreadable SBOM document"), std::string::npos);
    EXPECT_NE(result_.skipped[0].reason.find("another document of server 'web-1' failed"),
              std::string::npos);
}

TEST_F(SbomImportTest, ADocumentAboutAnotherResourceIsSkipped) {
    Serve("x/i-0abc", "S i-0other\nC a openssl -\n");
    EXPECT_CALL(store_, ApplyScan(_, _, _, _)).Times(0);
    ASSERT_FALSE(Import({"x/i-0abc"}));
    ASSERT_EQ(result_.skipped.size(), 1u);
    EXPECT_EQ(result_.skipped[0].reason, "document describes i-0other, not i-0abc as its key says");
}

TEST_F(SbomImportTest, TheComponentCapAndTheSizeCapSkipInsteadOfImportingPart) {
    Serve("x/i-0abc", "C a one -\nC b two -\nC c three -\n");
    EXPECT_CALL(store_, ApplyScan(_, _, _, _)).Times(0);
    SbomImportLimits two;
    two.max_components_per_resource = 2;
    ASSERT_FALSE(Import({"x/i-0abc"}, two));
    ASSERT_EQ(result_.skipped.size(), 1u);
    EXPECT_EQ(result_.skipped[0].reason,
              "document not imported: more than 2 components for one resource");

    result_ = {};
    SbomImportLimits tiny;
    tiny.max_object_bytes = 10;
    ASSERT_FALSE(Import({"x/i-0abc"}, tiny));
    ASSERT_EQ(result_.skipped.size(), 1u);
    EXPECT_NE(result_.skipped[0].reason.find("document larger than"), std::string::npos);
}

TEST_F(SbomImportTest, S3RefusingKensaEndsTheRunWithTheSbomHint) {
    ON_CALL(s3_, GetObject(_, _, _))
        .WillByDefault(Return(Status(
            Error(ErrorCode::kPermissionDenied, "denied").With("aws_action", "s3:GetObject"))));
    EXPECT_CALL(store_, ApplyScan(_, _, _, _)).Times(0);
    auto err = Import({"x/i-0abc"});
    ASSERT_TRUE(err);
    EXPECT_EQ(err->code, "access_denied");
    EXPECT_EQ(err->step, "s3:GetObject");
    EXPECT_NE(err->hint.find("S3BucketName=kensa-sbom"), std::string::npos);
}

TEST_F(SbomImportTest, AStoreFailureChangesNothingAndSaysSo) {
    Serve("x/i-0abc", "C a openssl -\n");
    EXPECT_CALL(store_, ApplyScan(_, _, _, _))
        .WillOnce(Return(
            Result<ports::ScanApplyStats>(Error(ErrorCode::kUnavailable, "database is locked"))));
    auto err = Import({"x/i-0abc"});
    ASSERT_TRUE(err);
    EXPECT_EQ(err->code, "storage");
    EXPECT_NE(err->hint.find("nothing was changed for it"), std::string::npos);
    EXPECT_FALSE(result_.imported);
}

}  // namespace
}  // namespace kensa::app
