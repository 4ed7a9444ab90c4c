#include "graph/signals/keyed_hash.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "graph/signals/secret_file.h"

namespace ringgraph {
namespace {

Secret SecretOf(char fill) {
  return *Secret::FromHex(std::string(64, fill));
}

TEST(KeyedHashTest, SameValueAndKeyGiveSameHash) {
  KeyedHasher a(SecretOf('1')), b(SecretOf('1'));
  EXPECT_EQ(a.Hash(kIpKind, "203.0.113.7"), b.Hash(kIpKind, "203.0.113.7"));
  EXPECT_EQ(a.KeyId(), b.KeyId());
}

TEST(KeyedHashTest, DifferentKeyGivesDifferentHash) {
  KeyedHasher a(SecretOf('1')), b(SecretOf('2'));
  EXPECT_NE(a.Hash(kIpKind, "203.0.113.7"), b.Hash(kIpKind, "203.0.113.7"));
  EXPECT_NE(a.KeyId(), b.KeyId());
}

TEST(KeyedHashTest, KindSeparatesEqualTexts) {
  KeyedHasher a(SecretOf('1'));
  EXPECT_NE(a.Hash(kIpKind, "abc"), a.Hash(kDeviceKind, "abc"));
  EXPECT_EQ(HashToHex(a.Hash(kIpKind, "abc")).size(), 32u);
}

TEST(SecretTest, RejectsWrongLengthAndNonHex) {
  EXPECT_FALSE(Secret::FromHex("abcd").ok());
  EXPECT_FALSE(Secret::FromHex(std::string(63, 'a') + "g").ok());
  EXPECT_TRUE(Secret::FromHex(std::string(64, 'A') + "\n").ok());
}

class SecretFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("RINGGRAPH_SECRET");
    dir_ = std::filesystem::temp_directory_path() /
           ("ringgraph_secret_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(SecretFileTest, CreatesWithMode0600AndReloadsTheSameSecret) {
  std::string path = (dir_ / "s.key").string();
  EXPECT_EQ(LoadSecret({path, /*create_if_missing=*/false}).status().code(),
            Status::Code::kNotFound);
  auto created = LoadSecret({path, /*create_if_missing=*/true});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  struct stat info;
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto loaded = LoadSecret({path, /*create_if_missing=*/false});
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->ToHex(), created->ToHex());
}

TEST_F(SecretFileTest, RefusesAFileOthersCanRead) {
  std::string path = (dir_ / "open.key").string();
  std::ofstream(path) << std::string(64, 'a') << "\n";
  ::chmod(path.c_str(), 0644);
  EXPECT_EQ(LoadSecret({path, false}).status().code(), Status::Code::kFailedPrecondition);
}

TEST_F(SecretFileTest, EnvironmentOverridesTheFile) {
  setenv("RINGGRAPH_SECRET", std::string(64, 'b').c_str(), 1);
  auto loaded = LoadSecret({(dir_ / "absent.key").string(), false});
  unsetenv("RINGGRAPH_SECRET");
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->ToHex(), std::string(64, 'b'));
}

}  // namespace
}  // namespace ringgraph
