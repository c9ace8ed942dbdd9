#include "kensa/http/console_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace kensa::http {
namespace {

class ConsoleFilesTest : public ::testing::Test {
protected:
    ConsoleFilesTest() {
        dir_ = std::filesystem::temp_directory_path() /
               ("kensa-console-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_ / "assets");
        Write("index.html", "<!doctype html><title>kensa</title>");
        Write("assets/index-3f2a.js", "console.log(1)");
        Write("favicon.svg", "<svg/>");
    }
    ~ConsoleFilesTest() override { std::filesystem::remove_all(dir_); }
    void Write(const std::string& rel, const std::string& body) {
        std::ofstream(dir_ / rel) << body;
    }
    Response Get(const std::string& path, const std::string& method = "GET") {
        auto files = ConsoleFiles::Load(dir_.string());
        EXPECT_TRUE(files.ok()) << files.error().ToString();
        Request req;
        req.method = method;
        req.path = path;
        return files->Serve(req);
    }
    std::filesystem::path dir_;
};

TEST_F(ConsoleFilesTest, ServesIndexAtTheRootAndForTheConsolesOwnRoutes) {
    auto root = Get("/");
    EXPECT_EQ(root.status, 200);
    EXPECT_EQ(root.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(root.Header("Cache-Control"), "no-cache");
    EXPECT_NE(root.Header("Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos);
    auto route = Get("/groups/1/tasks/42");
    EXPECT_EQ(route.status, 200);
    EXPECT_EQ(route.body, root.body);
}

TEST_F(ConsoleFilesTest, AssetsAreImmutableAndTyped) {
    auto js = Get("/assets/index-3f2a.js");
    EXPECT_EQ(js.status, 200);
    EXPECT_EQ(js.body, "console.log(1)");
    EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
    EXPECT_NE(js.Header("Cache-Control").find("immutable"), std::string::npos);
    EXPECT_EQ(Get("/favicon.svg").content_type, "image/svg+xml");
}

TEST_F(ConsoleFilesTest, UnknownFilesAndTheApiAre404NeverIndex) {
    EXPECT_EQ(Get("/assets/missing.js").status, 404);
    EXPECT_EQ(Get("/api/v1/nothing").status, 404);
    // A climb out of the root names no loaded file: never a file outside it.
    auto climb = Get("/../../etc/passwd");
    EXPECT_EQ(climb.body.find("root:"), std::string::npos);
}

TEST_F(ConsoleFilesTest, ETagsAnswer304AndHeadHasNoBody) {
    auto first = Get("/assets/index-3f2a.js");
    ASSERT_FALSE(first.Header("ETag").empty());
    auto files = ConsoleFiles::Load(dir_.string());
    Request again;
    again.method = "GET";
    again.path = "/assets/index-3f2a.js";
    again.headers.emplace_back("If-None-Match", first.Header("ETag"));
    auto cached = files->Serve(again);
    EXPECT_EQ(cached.status, 304);
    EXPECT_TRUE(cached.body.empty());
    auto head = Get("/", "HEAD");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
}

TEST_F(ConsoleFilesTest, ADirectoryWithoutIndexIsRefused) {
    std::filesystem::remove(dir_ / "index.html");
    auto files = ConsoleFiles::Load(dir_.string());
    ASSERT_FALSE(files.ok());
    EXPECT_EQ(files.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace kensa::http
