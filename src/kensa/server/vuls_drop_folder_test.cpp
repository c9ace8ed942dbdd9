// The watched directory: results dropped per group are imported and moved, broken ones moved
// aside with the reason, and files still being written, hidden files and unknown groups wait.
#include "kensa/server/vuls_drop_folder.h"

#include <gtest/gtest.h>

#include <fstream>

#include "kensa/formats/vuls/vuls_reader.h"
#include "kensa/store/sql_store.h"

namespace kensa::server {
namespace {

namespace fs = std::filesystem;

class VulsDropFolderTest : public ::testing::Test {
protected:
    VulsDropFolderTest() : clock_(1796000000) {
        store_ = std::move(store::MakeStore({"sqlite::memory:", 1})).value();
        EXPECT_TRUE(store_->Migrate().ok());
        secrets_ = std::make_unique<app::SecretBox>(
            std::move(app::SecretBox::FromRawKey(std::string(32, 'k'))).value());
        ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, {}, *secrets_, clock_});
        ctx_->vuls_format = &format_;
        domain::Group g;
        g.name = "blue";
        blue_ = *store_->CreateGroup(g);
        root_ = fs::temp_directory_path() /
                ("kensa-drop-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(root_);
        fs::create_directories(root_ / "blue");
    }
    ~VulsDropFolderTest() override { fs::remove_all(root_); }

    // Writes a file and dates it `age` in the past.
    fs::path Drop(const fs::path& rel, const std::string& text, std::chrono::seconds age) {
        fs::path p = root_ / rel;
        std::ofstream(p) << text;
        fs::last_write_time(p, fs::file_time_type::clock::now() - age);
        return p;
    }

    ManualClock clock_;
    vuls::VulsResultFormat format_;
    ports::StorePtr store_;
    std::unique_ptr<app::SecretBox> secrets_;
    std::unique_ptr<app::AppContext> ctx_;
    domain::Id blue_ = 0;
    fs::path root_;
};

constexpr const char* kResult =
    R"({"jsonVersion":4,"serverName":"web1","family":"debian","release":"12",)"
    R"("packages":{"bash":{"name":"bash","version":"5.2.15-2+b2","arch":"amd64"}}})";

TEST_F(VulsDropFolderTest, ImportsSettledResultsAndMovesEachWhereItsOutcomeSays) {
    Drop("blue/web1.json", kResult, std::chrono::seconds(10));
    Drop("blue/broken.json", R"({"jsonVersion":3,"serverName":"x"})", std::chrono::seconds(10));
    Drop("blue/writing.json", kResult, std::chrono::seconds(0));
    Drop("blue/.web1.json.tmp", kResult, std::chrono::seconds(10));
    fs::create_directories(root_ / "nogroup");
    Drop("nogroup/web2.json", kResult, std::chrono::seconds(10));

    VulsDropFolder folder(*ctx_, root_);
    auto outcomes = folder.Poll();
    ASSERT_EQ(outcomes.size(), 2u);
    auto servers = store_->ListServers(blue_);
    ASSERT_TRUE(servers.ok());
    ASSERT_EQ(servers->size(), 1u);
    EXPECT_EQ(servers->front().name, "web1");
    EXPECT_EQ(servers->front().kind, domain::ServerKind::kVuls);
    EXPECT_EQ(store_->ListSoftware(servers->front().id, false)->size(), 1u);

    EXPECT_TRUE(fs::exists(root_ / "blue/imported/web1.json"));
    EXPECT_FALSE(fs::exists(root_ / "blue/web1.json"));
    EXPECT_TRUE(fs::exists(root_ / "blue/failed/broken.json"));
    std::ifstream why(root_ / "blue/failed/broken.json.error.txt");
    std::string reason((std::istreambuf_iterator<char>(why)), std::istreambuf_iterator<char>());
    EXPECT_NE(reason.find("jsonVersion 3 is not supported"), std::string::npos) << reason;
    EXPECT_TRUE(fs::exists(root_ / "blue/writing.json"));  // not settled yet
    EXPECT_TRUE(fs::exists(root_ / "blue/.web1.json.tmp"));
    EXPECT_TRUE(fs::exists(root_ / "nogroup/web2.json"));

    // The same result again: the same server, and the first file is kept beside it.
    Drop("blue/web1.json", kResult, std::chrono::seconds(10));
    ASSERT_EQ(folder.Poll().size(), 1u);
    EXPECT_EQ(store_->ListServers(blue_)->size(), 1u);
    EXPECT_TRUE(fs::exists(root_ / "blue/imported/web1.1.json"));
}

}  // namespace
}  // namespace kensa::server
