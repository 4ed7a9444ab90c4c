// The secret file: where it is looked for, how it is created and when it is refused.
#include "graph/signals/secret_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace ringgraph {
namespace {

class SecretFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("RINGGRAPH_SECRET");
    unsetenv("RINGGRAPH_SECRET_FILE");
    dir_ = std::filesystem::temp_directory_path() /
           ("ringgraph_secret_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    unsetenv("RINGGRAPH_SECRET_FILE");
    std::filesystem::remove_all(dir_);
  }
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

TEST_F(SecretFileTest, PathIsBesideTheDataDirectoryByDefault) {
  const std::string data = (dir_ / "deploy" / "data").string();
  const std::string expected = (dir_ / "deploy" / "ringgraph.secret").string();
  EXPECT_EQ(ResolveSecretPath(/*secret_file=*/"", data), expected);
  // A trailing slash names the same directory, not a file inside it.
  EXPECT_EQ(ResolveSecretPath(/*secret_file=*/"", data + "/"), expected);
}

TEST_F(SecretFileTest, PathFromTheEnvironmentWinsOverTheDefault) {
  setenv("RINGGRAPH_SECRET_FILE", "/etc/ringgraph/from-env.secret", 1);
  EXPECT_EQ(ResolveSecretPath(/*secret_file=*/"", (dir_ / "data").string()),
            "/etc/ringgraph/from-env.secret");
  // Set but empty counts as unset.
  setenv("RINGGRAPH_SECRET_FILE", "", 1);
  EXPECT_EQ(ResolveSecretPath(/*secret_file=*/"", (dir_ / "data").string()),
            (dir_ / "ringgraph.secret").string());
}

TEST_F(SecretFileTest, PathFromTheFlagWinsOverTheEnvironment) {
  setenv("RINGGRAPH_SECRET_FILE", "/etc/ringgraph/from-env.secret", 1);
  EXPECT_EQ(ResolveSecretPath("/etc/ringgraph/from-flag.secret", (dir_ / "data").string()),
            "/etc/ringgraph/from-flag.secret");
}

}  // namespace
}  // namespace ringgraph
