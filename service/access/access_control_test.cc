#include "service/access/access_control.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "graph/common/temp_dir.h"

namespace ringgraph::access {
namespace {

TEST(TokenRegistryTest, AuthenticatesKnownTokensWithTheirRole) {
  const std::string reader = TokenRegistry::NewToken(), writer = TokenRegistry::NewToken();
  ASSERT_EQ(reader.size(), 64u);
  ASSERT_NE(reader, writer);
  auto registry =
      TokenRegistry::Parse("# clients\n\nfraud-gw read " + TokenRegistry::HashToken(reader) +
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

TEST(CertificateRolesTest, MapsWholeSubjectsToRoles) {
  auto roles = CertificateRoles::Parse(
      "# certificates\n\ngateway read CN=fraud-gateway,O=Example Lab\n"
      "analyst write   CN=analyst,O=Example Lab  \r\n",
      "roles");
  ASSERT_TRUE(roles.ok()) << roles.status().message();
  EXPECT_EQ(roles->size(), 2u);
  auto gateway = roles->Find("CN=fraud-gateway,O=Example Lab");
  ASSERT_TRUE(gateway.has_value());
  EXPECT_EQ(gateway->client, "gateway");
  EXPECT_EQ(gateway->role, Role::kRead);
  auto analyst = roles->Find("CN=analyst,O=Example Lab");
  ASSERT_TRUE(analyst.has_value());
  EXPECT_EQ(analyst->role, Role::kWrite);
  // The whole subject must match: a prefix, a different organisation or case is another client.
  EXPECT_FALSE(roles->Find("CN=fraud-gateway").has_value());
  EXPECT_FALSE(roles->Find("CN=fraud-gateway,O=Other Lab").has_value());
  EXPECT_FALSE(roles->Find("cn=fraud-gateway,o=example lab").has_value());
  EXPECT_FALSE(roles->Find("").has_value());
}

TEST(CertificateRolesTest, MalformedLinesFailWithTheirLineNumber) {
  struct Case {
    std::string text, expected;
  } cases[] = {
      {"gateway read\n", "roles:1: wrong number of fields"},
      {"gateway read   \n", "roles:1: the subject is missing"},
      {"# ok\ngateway admin CN=x\n", "roles:2: role 'admin' is unknown"},
      {"bad/name read CN=x\n", "roles:1: client name 'bad/name' is not allowed"},
      {"gateway read fraud-gateway\n", "roles:1: the subject has no ATTRIBUTE=value"},
      {"a read CN=x\nb write CN=x\n", "roles:2: the subject is listed twice"},
      {"# nothing\n", "lists no client"},
  };
  for (const Case& c : cases) {
    auto roles = CertificateRoles::Parse(c.text, "roles");
    ASSERT_FALSE(roles.ok()) << c.text;
    EXPECT_NE(roles.status().message().find(c.expected), std::string::npos)
        << roles.status().message();
  }
}

TEST(CertificateRolesTest, RefusesMissingAndOthersWritableFiles) {
  TempDir dir;
  EXPECT_FALSE(CertificateRoles::Load(dir.Sub("none")).ok());
  const std::string path = dir.Sub("roles");
  std::ofstream(path) << "gateway read CN=fraud-gateway\n";
  ASSERT_EQ(::chmod(path.c_str(), 0664), 0);
  auto writable = CertificateRoles::Load(path);
  ASSERT_FALSE(writable.ok());
  EXPECT_NE(writable.status().message().find("writable by others"), std::string::npos);
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  EXPECT_TRUE(CertificateRoles::Load(path).ok());
}

}  // namespace
}  // namespace ringgraph::access
