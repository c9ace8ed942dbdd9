#include "kensa/app/secret_box.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace kensa::app {
namespace {

namespace fs = std::filesystem;

TEST(SecretBoxTest, SealsAndRefusesOtherKeys) {
    auto a = *SecretBox::FromRawKey(std::string(32, 'a'));
    auto b = *SecretBox::FromRawKey(std::string(32, 'b'));
    auto sealed = a.Seal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    ASSERT_TRUE(sealed.ok());
    EXPECT_EQ(sealed->find("wJalr"), std::string::npos);
    EXPECT_NE(*a.Seal("x"), *a.Seal("x"));  // random nonce
    EXPECT_EQ(*a.Open(*sealed), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    EXPECT_EQ(b.Open(*sealed).error().code(), ErrorCode::kInvalidInput);
    EXPECT_FALSE(a.Open("not base64!").ok());
}

TEST(SecretBoxTest, KeyFileIsCreatedWith0600AndReused) {
    fs::path file = fs::temp_directory_path() / ("kensa-key-" + std::to_string(::getpid()));
    fs::remove(file);
    auto first = SecretBox::Load("", file.string());
    ASSERT_TRUE(first.ok()) << first.error().ToString();
    EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    auto sealed = *first->Seal("s");
    auto second = SecretBox::Load("", file.string());
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(*second->Open(sealed), "s");
    fs::permissions(file, fs::perms::group_read, fs::perm_options::add);
    EXPECT_FALSE(SecretBox::Load("", file.string()).ok());
    fs::remove(file);
    EXPECT_FALSE(SecretBox::Load("tooshort", "").ok());
    EXPECT_TRUE(SecretBox::Load(std::string(64, 'a'), "").ok());
}

}  // namespace
}  // namespace kensa::app
