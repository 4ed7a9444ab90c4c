#include "service/access_control.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "graph/common/temp_dir.h"

namespace ringgraph::service {
namespace {

TEST(TokenRegistryTest, AuthenticatesKnownTokensWithTheirRole) {
  const std::string reader = TokenRegistry::NewToken(), writer = TokenRegistry::NewToken();
  ASSERT_EQ(reader.size(), 64u);
  ASSERT_NE(reader, writer);
  auto registry = TokenRegistry::Parse("# clients\n\nfraud-gw read " + TokenRegistry::HashToken(reader) +
                                           "\nanalyst.1 write " + TokenRegistry::HashToken(writer) + "\n",
                                       "tokens");
  ASSERT_TRUE(registry.ok()) << registry.status().message();
  EXPECT_EQ(registry->size(), 2u);
  auto r = registry->Authenticate(reader);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->client, "fraud-gw");
  EXPECT_EQ(r->role, Role::kRead);
  auto w = registry->Authenticate(writer);
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->role, Role::kWrite);
  EXPECT_FALSE(registry->Authenticate("").has_value());
  EXPECT_FALSE(registry->Authenticate(reader + "x").has_value());
  // The file stores hashes: the hash itself is not a token.
  EXPECT_FALSE(registry->Authenticate(TokenRegistry::HashToken(reader)).has_value());
}

TEST(TokenRegistryTest, MalformedLinesFailWithTheirLineNumber) {
  const std::string hash = TokenRegistry::HashToken("t");
  struct Case {
    std::string text, expected;
  } cases[] = {
      {"a read\n", "tokens:1: wrong number of fields"},
      {"# ok\na admin " + hash + "\n", "tokens:2: role 'admin' is unknown"},
      {"a read abc\n", "tokens:1: the token hash is not 64 hex digits"},
      {"a read " + std::string(64, 'z') + "\n", "tokens:1: the token hash is not 64 hex digits"},
      {"bad/name read " + hash + "\n", "tokens:1: client name 'bad/name' is not allowed"},
      {"a read " + hash + " extra\n", "tokens:1: wrong number of fields"},
      {"# nothing\n", "lists no client"},
  };
  for (const Case& c : cases) {
    auto registry = TokenRegistry::Parse(c.text, "tokens");
    ASSERT_FALSE(registry.ok()) << c.text;
    EXPECT_NE(registry.status().message().find(c.expected), std::string::npos)
        << registry.status().message();
  }
}

TEST(TokenRegistryTest, RefusesMissingAndOthersWritableFiles) {
  TempDir dir;
  auto missing = TokenRegistry::Load(dir.Sub("none"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("does not exist"), std::string::npos);
  const std::string path = dir.Sub("tokens");
  std::ofstream(path) << "a read " << TokenRegistry::HashToken("t") << "\n";
  ASSERT_EQ(::chmod(path.c_str(), 0666), 0);
  auto writable = TokenRegistry::Load(path);
  ASSERT_FALSE(writable.ok());
  EXPECT_NE(writable.status().message().find("writable by others"), std::string::npos);
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  EXPECT_TRUE(TokenRegistry::Load(path).ok());
}

}  // namespace
}  // namespace ringgraph::service
