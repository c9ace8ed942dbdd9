#include "kensa/server/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace kensa::server {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* v : {"KENSA_CONFIG",
                              "KENSA_DB",
                              "KENSA_LISTEN",
                              "KENSA_LOG_LEVEL",
                              "KENSA_AWS_MAX_ATTEMPTS"}) {
            unsetenv(v);
        }
        file_ =
            fs::temp_directory_path() / ("kensa-config-" + std::to_string(::getpid()) + ".toml");
    }
    void TearDown() override { fs::remove(file_); }
    void Write(const std::string& text) { std::ofstream(file_) << text; }
    fs::path file_;
};

TEST_F(ConfigTest, DefaultsFileThenEnvironment) {
    auto d = LoadConfig("");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->db, "sqlite:kensa.db");
    EXPECT_EQ(d->aws_max_attempts, 5);
    EXPECT_EQ(d->scan_workers, 4);
    EXPECT_EQ(d->http_threads, 256);

    Write(
        "db = \"postgresql://kensa@db/kensa\"\nlisten = \"0.0.0.0:9000\"\n[log]\nlevel = "
        "\"debug\"\n"
        "[aws]\nmax_attempts = 7\n[scheduler]\nenabled = false\n[scan]\nworkers = 2\n");
    auto f = LoadConfig(file_.string());
    ASSERT_TRUE(f.ok()) << f.error().ToString();
    EXPECT_EQ(f->db, "postgresql://kensa@db/kensa");
    EXPECT_EQ(f->listen, "0.0.0.0:9000");
    EXPECT_EQ(f->log_level, "debug");
    EXPECT_EQ(f->aws_max_attempts, 7);
    EXPECT_FALSE(f->scheduler_enabled);
    EXPECT_EQ(f->scan_workers, 2);

    setenv("KENSA_DB", "sqlite:/tmp/x.db", 1);
    setenv("KENSA_CONFIG", file_.c_str(), 1);
    auto e = LoadConfig("");
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->db, "sqlite:/tmp/x.db");  // the environment beats the file
    EXPECT_EQ(e->listen, "0.0.0.0:9000");  // the file still applies
    EXPECT_EQ(MasterKeyFile(*e), "/tmp/x.db.master.key");
    unsetenv("KENSA_DB");
    unsetenv("KENSA_CONFIG");
}

TEST_F(ConfigTest, BadFilesAndValuesNameTheProblem) {
    Write("db = \n");
    auto syntax = LoadConfig(file_.string());
    ASSERT_FALSE(syntax.ok());
    EXPECT_NE(syntax.error().message().find("line 1"), std::string::npos)
        << syntax.error().message();
    Write("dbb = \"sqlite:x\"\n");
    auto unknown = LoadConfig(file_.string());
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message().find("unknown key 'dbb'"), std::string::npos);
    setenv("KENSA_AWS_MAX_ATTEMPTS", "0", 1);
    EXPECT_FALSE(LoadConfig("").ok());
    unsetenv("KENSA_AWS_MAX_ATTEMPTS");
    setenv("KENSA_SCAN_WORKERS", "65", 1);
    auto workers = LoadConfig("");
    ASSERT_FALSE(workers.ok());
    EXPECT_NE(workers.error().message().find("scan workers"), std::string::npos);
    unsetenv("KENSA_SCAN_WORKERS");
    EXPECT_FALSE(ParseListen("8080").ok());
    EXPECT_FALSE(ParseListen("127.0.0.1:99999").ok());
    auto v6 = ParseListen("[::1]:8080");
    ASSERT_TRUE(v6.ok());
    EXPECT_EQ(v6->first, "::1");
    Config c;
    c.log_level = "loud";
    EXPECT_FALSE(ApplyLogging(c).ok());
}

TEST(Config, ConnectionPasswordsAreMasked) {
    EXPECT_EQ(RedactPassword("postgresql://kensa:s3cr%40t@db.internal:5432/kensa"),
              "postgresql://kensa:****@db.internal:5432/kensa");
    EXPECT_EQ(RedactPassword("postgres://u:p@ss@h/db"), "postgres://u:****@h/db");
    EXPECT_EQ(RedactPassword("postgresql://h/db?user=u&password=hunter2&sslmode=require"),
              "postgresql://h/db?user=u&password=****&sslmode=require");
    EXPECT_EQ(RedactPassword("host=db password=hunter2 dbname=k"),
              "host=db password=**** dbname=k");
    EXPECT_EQ(RedactPassword("postgresql://kensa@db/kensa"), "postgresql://kensa@db/kensa");
    EXPECT_EQ(RedactPassword("sqlite:kensa.db"), "sqlite:kensa.db");
    EXPECT_EQ(RedactPassword("host=db password = hunter2 dbname=k"),
              "host=db password = **** dbname=k");
    EXPECT_EQ(RedactPassword("host=db password='hunter 2' dbname=k"),
              "host=db password=**** dbname=k");
    EXPECT_EQ(RedactPassword(R"(password='it\'s secret' host=db)"), "password=**** host=db");
}

}  // namespace
}  // namespace kensa::server
