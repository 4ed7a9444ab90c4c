// The one way ringd and ringctl open a deployment's store: which secret, which store, which
// consortium keys, bound in which order.
#include "graph/deployment/keyed_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "graph/common/temp_dir.h"

namespace ringgraph::deployment {
namespace {

constexpr char kSecretA[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
constexpr char kSecretB[] = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

class KeyedStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ClearEnvironment(); }
  void TearDown() override { ClearEnvironment(); }
  static void ClearEnvironment() {
    unsetenv("RINGGRAPH_SECRET");
    unsetenv("RINGGRAPH_SECRET_FILE");
    unsetenv("RINGGRAPH_SHARE_KEYS");
  }
  // A 0600 secret file holding `hex`.
  std::string WriteSecret(const std::string& name, const char* hex) {
    const std::string path = dir_.Sub(name);
    std::ofstream(path) << hex << "\n";
    EXPECT_EQ(::chmod(path.c_str(), 0600), 0);
    return path;
  }
  static std::string KeyIdOf(const char* hex) { return KeyedHasher(*Secret::FromHex(hex)).KeyId(); }

  TempDir dir_{"keyed_store"};
};

TEST_F(KeyedStoreTest, OpensTheStoreUnderTheSecretAndRefusesAnotherLater) {
  KeyedStoreOptions options;
  options.data_dir = dir_.Sub("data");
  options.secret_file = WriteSecret("a.secret", kSecretA);
  options.create_if_missing = true;
  {
    auto opened = KeyedStore::Open(options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    EXPECT_EQ((*opened)->hasher().KeyId(), KeyIdOf(kSecretA));
    EXPECT_EQ((*opened)->secret().ToHex(), kSecretA);
  }
  options.secret_file = WriteSecret("b.secret", kSecretB);
  auto other = KeyedStore::Open(options);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(other.status().message().find(KeyIdOf(kSecretA)), std::string::npos)
      << other.status().message();
}

TEST_F(KeyedStoreTest, WithoutASecretNothingIsCreated) {
  KeyedStoreOptions options;
  options.data_dir = dir_.Sub("data");
  options.create_if_missing = true;
  auto opened = KeyedStore::Open(options);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Status::Code::kNotFound);
  // The secret is looked for first, so a mistyped path leaves no empty store behind.
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("data")));
}

TEST_F(KeyedStoreTest, CreatesTheSecretBesideTheDataDirectoryWhenAsked) {
  KeyedStoreOptions options;
  options.data_dir = (dir_.path() / "deploy" / "data").string();
  options.create_if_missing = true;
  options.create_secret = true;
  std::string key_id;
  {
    auto opened = KeyedStore::Open(options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    key_id = (*opened)->hasher().KeyId();
  }
  const std::string secret_path = (dir_.path() / "deploy" / "ringgraph.secret").string();
  struct stat info;
  ASSERT_EQ(::stat(secret_path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  options.create_secret = false;
  auto again = KeyedStore::Open(options);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->hasher().KeyId(), key_id);
}

TEST_F(KeyedStoreTest, SecretFileFromTheEnvironmentIsUsedWithoutAFlag) {
  setenv("RINGGRAPH_SECRET_FILE", WriteSecret("env.secret", kSecretB).c_str(), 1);
  KeyedStoreOptions options;
  options.data_dir = dir_.Sub("data");
  options.create_if_missing = true;
  auto opened = KeyedStore::Open(options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ((*opened)->hasher().KeyId(), KeyIdOf(kSecretB));
}

TEST_F(KeyedStoreTest, OnlyIngestCreatesAStore) {
  KeyedStoreOptions options;
  options.data_dir = dir_.Sub("data");
  options.secret_file = WriteSecret("a.secret", kSecretA);
  auto opened = KeyedStore::Open(options);  // create_if_missing is off by default
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Status::Code::kNotFound) << opened.status().ToString();
}

TEST_F(KeyedStoreTest, MapStartsNoLargerThanItsCeiling) {
  KeyedStoreOptions options;
  options.data_dir = dir_.Sub("data");
  options.secret_file = WriteSecret("a.secret", kSecretA);
  options.create_if_missing = true;
  options.max_map_bytes = std::uint64_t{8} << 20;
  auto opened = KeyedStore::Open(options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto stats = (*opened)->store().Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_LE(stats->map_bytes, options.max_map_bytes);
}

TEST_F(KeyedStoreTest, ConsortiumKeysAreBoundInTheOrderTheyAreListed) {
  KeyedStoreOptions options;
  options.data_dir = dir_.Sub("data");
  options.secret_file = WriteSecret("local.secret", kSecretA);
  options.create_if_missing = true;
  options.share_keys = {"second=" + WriteSecret("second.key", kSecretB)};
  // The environment's keys come after the configured ones.
  setenv(
      "RINGGRAPH_SHARE_KEYS",
      ("first=" +
       WriteSecret("first.key", "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"))
          .c_str(),
      1);
  auto opened = KeyedStore::Open(options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  const auto& keys = (*opened)->share_keys();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].name(), "second");
  EXPECT_EQ(keys[1].name(), "first");

  // Ingest hashes under share_keys() in that order; the store must file each hash under the
  // matching key's tag, or a partner's indicator would never find the value.
  const ValueHash shared[2] = {keys[0].Hash(kDeviceKind, "device-1"),
                               keys[1].Hash(kDeviceKind, "device-1")};
  store::StoreRecord record;
  record.account = "acct-1";
  record.kind = kDeviceKind;
  record.value = (*opened)->hasher().Hash(kDeviceKind, "device-1");
  record.ts = 1000;
  record.shared = shared;
  ASSERT_TRUE((*opened)->store().IngestBatch({&record, 1}).ok());
  auto snapshot = (*opened)->store().Snapshot();
  ASSERT_TRUE(snapshot.ok());
  for (const sharing::ConsortiumKey& key : keys) {
    auto found =
        (*snapshot)->FindSharedSignal(key.tag(), kDeviceKind, key.Hash(kDeviceKind, "device-1"));
    ASSERT_TRUE(found.ok());
    EXPECT_TRUE(found->has_value()) << key.name();
  }
}

TEST_F(KeyedStoreTest, ABadConsortiumKeyIsNamedInTheError) {
  KeyedStoreOptions options;
  options.data_dir = dir_.Sub("data");
  options.secret_file = WriteSecret("a.secret", kSecretA);
  options.create_if_missing = true;
  options.share_keys = {"labs=" + dir_.Sub("missing.key")};
  auto opened = KeyedStore::Open(options);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find("consortium key 'labs'"), std::string::npos)
      << opened.status().message();
}

}  // namespace
}  // namespace ringgraph::deployment
