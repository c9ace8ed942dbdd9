#include "kensa/formats/osv/osv_feed.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>

namespace kensa::formats::osv {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPypi = R"({"id": "PYSEC-1", "modified": "2024-01-01T00:00:00Z",
  "affected": [{"package": {"ecosystem": "PyPI", "name": "a"}, "versions": ["1.0"]}]})";
constexpr std::string_view kWithdrawnGit = R"({"id": "GO-2", "withdrawn": "2024-02-02T00:00:00Z",
  "affected": [{"package": {"ecosystem": "Go", "name": "m"}, "versions": ["v1.0.0"],
                "ranges": [{"type": "GIT", "repo": "https://example.invalid/m", "events": [{"introduced": "0"}]}]}]})";

// Records what the feed hands on, in order.
class RecordingSink final : public ports::AdvisoryFeedSink {
public:
    Status OnRecord(ports::AdvisoryRecord record) override {
        records.push_back(std::move(record));
        return fail_with ? Status(*fail_with) : Ok();
    }
    void OnError(std::string message) override { errors.push_back(std::move(message)); }

    std::vector<ports::AdvisoryRecord> records;
    std::vector<std::string> errors;
    std::optional<Error> fail_with;
};

class OsvFeedTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("kensa-osv-feed-" + std::to_string(std::random_device{}()));
        fs::create_directories(dir_ / "nested");
    }
    void TearDown() override { fs::remove_all(dir_); }

    void Write(const fs::path& path, std::string_view text) {
        std::ofstream(path, std::ios::binary) << text;
    }

    // A zip with the given (name, content) entries.
    void WriteZip(const fs::path& path,
                  const std::vector<std::pair<std::string, std::string>>& entries) {
        int err = 0;
        zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
        ASSERT_NE(archive, nullptr);
        for (const auto& [name, content] : entries) {
            zip_source_t* src = zip_source_buffer(archive, content.data(), content.size(), 0);
            ASSERT_GE(zip_file_add(archive, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
        }
        ASSERT_EQ(zip_close(archive), 0);  // copies the buffers, which outlive it here
    }

    fs::path dir_;
    OsvFeed feed_;
};

TEST_F(OsvFeedTest, ReadsADirectoryInSortedOrderWithZipsAndReportsBadRecords) {
    Write(dir_ / "b.json", kPypi);
    Write(dir_ / "a-bad.json", "{not json");
    Write(dir_ / "notes.txt", "not read");
    std::vector<std::pair<std::string, std::string>> entries = {
        {"GO-2.json", std::string(kWithdrawnGit)}, {"README", "skipped"}, {"broken.json", "[]"}};
    WriteZip(dir_ / "nested" / "go.zip", entries);
    RecordingSink sink;
    auto counts = feed_.Read(dir_.string(), sink);
    ASSERT_TRUE(counts.ok()) << counts.error().ToString();
    EXPECT_EQ(counts->files, 3);    // a-bad.json, b.json, nested/go.zip
    EXPECT_EQ(counts->records, 4);  // two files, two .json zip entries
    EXPECT_EQ(counts->git_ranges_skipped, 1);
    EXPECT_EQ(counts->unknown_ecosystems, 0);
    ASSERT_EQ(sink.records.size(), 2u);
    EXPECT_EQ(sink.records[0].id, "PYSEC-1");
    EXPECT_EQ(sink.records[0].modified, "2024-01-01T00:00:00Z");
    EXPECT_FALSE(sink.records[0].withdrawn);
    EXPECT_EQ(sink.records[1].id, "GO-2");
    EXPECT_TRUE(sink.records[1].withdrawn);
    EXPECT_NE(sink.records[1].doc.find("\"eco\":\"golang\""), std::string::npos);
    ASSERT_EQ(sink.errors.size(), 2u);
    EXPECT_EQ(sink.errors[0].rfind((dir_ / "a-bad.json").string() + ": not an OSV record", 0), 0u)
        << sink.errors[0];
    EXPECT_EQ(sink.errors[1].rfind((dir_ / "nested" / "go.zip").string() + ":broken.json: ", 0), 0u)
        << sink.errors[1];
}

TEST_F(OsvFeedTest, MissingPathIsNotFoundAndAnUnreadableZipIsAFileError) {
    RecordingSink sink;
    auto missing = feed_.Read((dir_ / "absent").string(), sink);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);

    Write(dir_ / "fake.zip", "PK not really");
    auto counts = feed_.Read((dir_ / "fake.zip").string(), sink);
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->files, 1);
    EXPECT_EQ(counts->records, 0);
    ASSERT_EQ(sink.errors.size(), 1u);
    EXPECT_NE(sink.errors[0].find("not a readable zip file"), std::string::npos) << sink.errors[0];
}

TEST_F(OsvFeedTest, OversizedRecordsAreRejectedAndASinkErrorStopsTheRead) {
    Write(dir_ / "big.json", std::string((16u << 20) + 1, ' '));
    RecordingSink sink;
    auto counts = feed_.Read((dir_ / "big.json").string(), sink);
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->records, 0);
    ASSERT_EQ(sink.errors.size(), 1u);
    EXPECT_NE(sink.errors[0].find("larger than 16 MiB"), std::string::npos);

    fs::remove(dir_ / "big.json");
    Write(dir_ / "1.json", kPypi);
    Write(dir_ / "2.json", kPypi);
    RecordingSink failing;
    failing.fail_with = Error(ErrorCode::kUnavailable, "database is down");
    auto stopped = feed_.Read(dir_.string(), failing);
    ASSERT_FALSE(stopped.ok());
    EXPECT_EQ(stopped.error().code(), ErrorCode::kUnavailable);
    EXPECT_EQ(failing.records.size(), 1u);  // the read stopped at the first failure
}

}  // namespace
}  // namespace kensa::formats::osv
