#include "graph/sharing/consortium_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "graph/common/temp_dir.h"

namespace ringgraph::sharing {
namespace {

TEST(ConsortiumKeyTest, SameSecretSameHashesWhateverTheLocalSecret) {
  const Secret shared = *Secret::FromHex(std::string(64, 'a'));
  ConsortiumKey lab_a = ConsortiumKey::FromSecret("frontier", shared);
  ConsortiumKey lab_b = ConsortiumKey::FromSecret("frontier", shared);
  ConsortiumKey other =
      ConsortiumKey::FromSecret("frontier", *Secret::FromHex(std::string(64, 'b')));
  EXPECT_EQ(lab_a.key_id(), lab_b.key_id());
  EXPECT_EQ(lab_a.tag(), lab_b.tag());
  EXPECT_EQ(lab_a.Hash(kPaymentKind, "card-1"), lab_b.Hash(kPaymentKind, "card-1"));
  EXPECT_NE(lab_a.Hash(kPaymentKind, "card-1"), other.Hash(kPaymentKind, "card-1"));
  EXPECT_NE(lab_a.Hash(kPaymentKind, "card-1"), lab_a.Hash(kDeviceKind, "card-1"));
  // A consortium secret reused as a local secret still gives different hashes.
  EXPECT_NE(lab_a.Hash(kIpKind, "10.0.0.1"), KeyedHasher(shared).Hash(kIpKind, "10.0.0.1"));
  EXPECT_EQ(TagOfKeyId(lab_a.key_id()), lab_a.tag());
}

TEST(ConsortiumKeyTest, LoadsNamedFilesAndRefusesBadSpecs) {
  TempDir dir;
  const std::string path = dir.Sub("key");
  std::ofstream(path) << std::string(64, 'c') << "\n";
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  auto keys = LoadConsortiumKeys({"labs=" + path});
  ASSERT_TRUE(keys.ok()) << keys.status().message();
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ((*keys)[0].name(), "labs");
  struct Case {
    std::vector<std::string> specs;
    std::string expected;
  } cases[] = {
      {{"labs"}, "is not NAME=SECRET_FILE"},
      {{"=x"}, "is not NAME=SECRET_FILE"},
      {{"bad/name=" + path}, "is not [A-Za-z0-9._-]{1,64}"},
      {{"labs=" + dir.Sub("missing")}, "consortium key 'labs'"},
      {{"labs=" + path, "labs=" + path}, "is given twice"},
  };
  for (const Case& c : cases) {
    auto r = LoadConsortiumKeys(c.specs);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find(c.expected), std::string::npos) << r.status().message();
  }
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto open = LoadConsortiumKeys({"labs=" + path});
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status().message().find("readable by other users"), std::string::npos);
  EXPECT_TRUE(IsSharedKind(kTemplateKind));
  EXPECT_FALSE(IsSharedKind(kPromptKind));
}

TEST(ConsortiumKeyTest, ShareKeySpecsAreTheConfiguredOnesThenTheEnvironment) {
  unsetenv("RINGGRAPH_SHARE_KEYS");
  EXPECT_EQ(ShareKeySpecs({"a=/k/a"}), (std::vector<std::string>{"a=/k/a"}));
  setenv("RINGGRAPH_SHARE_KEYS", "b=/k/b,,c=/k/c,", 1);
  EXPECT_EQ(ShareKeySpecs({"a=/k/a"}), (std::vector<std::string>{"a=/k/a", "b=/k/b", "c=/k/c"}));
  EXPECT_EQ(ShareKeySpecs({}), (std::vector<std::string>{"b=/k/b", "c=/k/c"}));
  setenv("RINGGRAPH_SHARE_KEYS", "", 1);
  EXPECT_TRUE(ShareKeySpecs({}).empty());
  unsetenv("RINGGRAPH_SHARE_KEYS");
}

}  // namespace
}  // namespace ringgraph::sharing
