// TLS and mutual TLS end to end: certificates made by the test with the openssl command line, a
// real ringd serving TLS on loopback, and ringd's C++ client, ringctl and the Python client
// connecting with good, missing, foreign and expired certificates, and without TLS at all.
#include <gtest/gtest.h>

#include <thread>

#include "tests/ringd_harness.h"
#include "thrift/client/ringgraph_client.h"

namespace ringgraph::e2e {
namespace {

// A client certificate's subject, as the roles file and the server's log spell it.
constexpr const char* kGatewaySubject = "CN=fraud-gateway,O=Example Lab";
constexpr const char* kAnalystSubject = "CN=analyst,O=Example Lab";

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("tls");
    const std::string d = dir_->path().string();
    // One CA that ringd trusts, one it does not; a server certificate naming 127.0.0.1; client
    // certificates: two with roles, one the roles file does not list, one from the other CA with
    // a listed subject, and one that has expired.
    const std::string script =
        "set -e; cd " + d + "\n" +
        "key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out $1.key; }\n"
        "ca() { key $1; openssl req -x509 -new -key $1.key -out $1.pem -days 2 -subj \"$2\"; }\n"
        "leaf() { key $1; openssl req -new -key $1.key -out $1.csr -subj \"$2\";\n"
        "  openssl x509 -req -in $1.csr -CA $3.pem -CAkey $3.key -CAcreateserial -out $1.pem "
        "-days $4 ${5:+-extfile $5}; }\n"
        "ca ca '/CN=ringgraph test CA'\n"
        "ca other-ca '/CN=somebody else CA'\n"
        "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > server.ext\n"
        "leaf server '/CN=ringd' ca 2 server.ext\n"
        "leaf gateway '/O=Example Lab/CN=fraud-gateway' ca 2\n"
        "leaf analyst '/O=Example Lab/CN=analyst' ca 2\n"
        "leaf stranger '/O=Example Lab/CN=stranger' ca 2\n"
        "leaf forged '/O=Example Lab/CN=fraud-gateway' other-ca 2\n"
        "leaf expired '/O=Example Lab/CN=fraud-gateway' ca 0\n"
        "chmod 600 *.key\n";
    CommandResult made = RunCommand(script, *dir_);
    ASSERT_EQ(made.exit_code, 0) << made.err;
    std::ofstream(dir_->Sub("roles")) << "# client certificates and their roles\n"
                                      << "gateway read " << kGatewaySubject << "\n"
                                      << "analyst write " << kAnalystSubject << "\n";
    ::chmod(dir_->Sub("roles").c_str(), 0600);
    WriteTokensFile(dir_->Sub("tokens"));
    std::ofstream(dir_->Sub("one.csv")) << "account,kind,value,ts\n"
                                        << "a0,ip,10.0.0.1,100\na1,ip,10.0.0.1,100\n";
    CommandResult ingested = RunCommand(
        Ringctl() + " --data " + dir_->Sub("data") + " --secret-file " + dir_->Sub("secret") +
            " ingest --create-secret --quiet " + dir_->Sub("one.csv"),
        *dir_);
    ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // "expired" is now past
    ringd_ = new RingdProcess();
    ASSERT_TRUE(ringd_->Start(
        *dir_, {"--tls-cert", dir_->Sub("server.pem"), "--tls-key", dir_->Sub("server.key"),
                "--tls-client-ca", dir_->Sub("ca.pem"), "--tls-client-roles", dir_->Sub("roles")}))
        << ringd_->log();
  }
  static void TearDownTestSuite() {
    if (ringd_ != nullptr) {
      EXPECT_EQ(ringd_->Stop(), 0) << ringd_->log();
    }
    delete ringd_;
    delete dir_;
  }

  static std::string File(const std::string& name) { return dir_->Sub(name); }
  static std::string Address() { return "127.0.0.1:" + std::to_string(ringd_->port()); }

  // TLS options with the client certificate `name` (empty: none).
  static client::ConnectOptions Tls(const std::string& name, const std::string& token = "") {
    client::ConnectOptions options;
    options.address = Address();
    options.token = token;
    options.tls.ca_file = File("ca.pem");
    if (!name.empty()) {
      options.tls.cert_file = File(name + ".pem");
      options.tls.key_file = File(name + ".key");
    }
    options.io_timeout_ms = 10000;
    return options;
  }

  // Opens a connection and makes one read call; the status of whichever fails first.
  static Status LookUp(const client::ConnectOptions& options) {
    Result<std::unique_ptr<client::Connection>> connection = client::Connection::Open(options);
    if (!connection.ok()) return connection.status();
    api::Membership membership;
    return (*connection)->Call([&](api::RingGraphClient& api) {
      api.getCluster(membership, "a0");
    });
  }

  static TempDir* dir_;
  static RingdProcess* ringd_;
};
TempDir* TlsTest::dir_ = nullptr;
RingdProcess* TlsTest::ringd_ = nullptr;

TEST_F(TlsTest, ClientCertificateAloneAuthenticatesWithTheRoleItMapsTo) {
  auto gateway = client::Connection::Open(Tls("gateway"));
  ASSERT_TRUE(gateway.ok()) << gateway.status().ToString();
  api::Membership membership;
  EXPECT_TRUE(
      (*gateway)->Call([&](api::RingGraphClient& api) { api.getCluster(membership, "a0"); }).ok());
  EXPECT_TRUE(membership.knownAccount);
  // The gateway's certificate maps to the read role: labelling is refused.
  Status label =
      (*gateway)->Call([&](api::RingGraphClient& api) { api.label("account:a0", "ring", ""); });
  EXPECT_FALSE(label.ok());
  EXPECT_NE(label.message().find("needs the write role"), std::string::npos) << label.ToString();

  auto analyst = client::Connection::Open(Tls("analyst"));
  ASSERT_TRUE(analyst.ok()) << analyst.status().ToString();
  Status labelled = (*analyst)->Call([&](api::RingGraphClient& api) {
    api.label("account:a0", "benign", "checked over mutual TLS");
  });
  EXPECT_TRUE(labelled.ok()) << labelled.ToString();
}

TEST_F(TlsTest, RefusesClientsWithoutACertificateTheCaSignedAndInDate) {
  for (const std::string name : {"", "forged", "expired"}) {
    Status status = LookUp(Tls(name));
    EXPECT_FALSE(status.ok()) << "certificate '" << name << "' was let in";
    EXPECT_EQ(status.code(), Status::Code::kIoError) << name << ": " << status.ToString();
  }
  // ringd is still serving the good ones.
  EXPECT_TRUE(LookUp(Tls("gateway")).ok());
}

TEST_F(TlsTest, AVerifiedCertificateWithoutARoleNeedsAToken) {
  Status without_token = LookUp(Tls("stranger"));
  EXPECT_FALSE(without_token.ok());
  EXPECT_NE(without_token.message().find("unauthenticated"), std::string::npos)
      << without_token.ToString();
  EXPECT_TRUE(LookUp(Tls("stranger", kReadToken)).ok());
  EXPECT_NE(ringd_->log().find("client certificate 'CN=stranger,O=Example Lab' verified but is "
                               "not in the certificate roles file"),
            std::string::npos)
      << ringd_->log();
}

TEST_F(TlsTest, PlainTcpAgainstTheTlsPortFailsAndLeavesTheServerServing) {
  client::ConnectOptions plain;
  plain.address = Address();
  plain.token = kReadToken;
  plain.io_timeout_ms = 10000;
  Status status = LookUp(plain);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), Status::Code::kIoError) << status.ToString();
  EXPECT_TRUE(LookUp(Tls("gateway")).ok());
}

TEST_F(TlsTest, TheClientChecksTheServerCertificate) {
  // A client that trusts another CA refuses ringd's certificate.
  client::ConnectOptions options = Tls("gateway");
  options.tls.ca_file = File("other-ca.pem");
  EXPECT_FALSE(LookUp(options).ok());
  // ringd's certificate names 127.0.0.1 and localhost, not another address of this host.
  options = Tls("gateway");
  options.address = "127.0.0.2:" + std::to_string(ringd_->port());
  EXPECT_FALSE(LookUp(options).ok());
}

TEST_F(TlsTest, RingctlTalksMutualTls) {
  const std::string remote = Ringctl() + " --remote " + Address() + " --tls-ca " + File("ca.pem");
  CommandResult ok = RunCommand(remote + " --tls-cert " + File("gateway.pem") + " --tls-key " +
                                    File("gateway.key") + " get a0",
                                *dir_);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("a0"), std::string::npos) << ok.out;
  CommandResult expired = RunCommand(remote + " --tls-cert " + File("expired.pem") + " --tls-key " +
                                         File("expired.key") + " get a0",
                                     *dir_);
  EXPECT_NE(expired.exit_code, 0);
  EXPECT_NE(expired.err.find("TLS"), std::string::npos) << expired.err;
  CommandResult unpaired =
      RunCommand(remote + " --tls-cert " + File("gateway.pem") + " get a0", *dir_);
  EXPECT_NE(unpaired.exit_code, 0);
  EXPECT_NE(unpaired.err.find("--tls-cert and --tls-key go together"), std::string::npos)
      << unpaired.err;
}

TEST_F(TlsTest, PythonClientTalksMutualTls) {
  const std::string python = "RINGGRAPH_GEN_PY=" + BinaryPath("thrift/gen-py") +
                             " /usr/bin/python3 " + RINGGRAPH_SOURCE_DIR +
                             "/tools/python/ringgraph_client.py --remote " + Address() +
                             " --tls-ca " + File("ca.pem");
  CommandResult ok = RunCommand(python + " --tls-cert " + File("gateway.pem") + " --tls-key " +
                                    File("gateway.key") + " membership a0 a1",
                                *dir_);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("\"account\": \"a1\""), std::string::npos) << ok.out;
  CommandResult forged = RunCommand(python + " --tls-cert " + File("forged.pem") + " --tls-key " +
                                        File("forged.key") + " membership a0",
                                    *dir_);
  EXPECT_EQ(forged.exit_code, 1) << forged.out;
  CommandResult no_certificate = RunCommand(python + " membership a0", *dir_);
  EXPECT_EQ(no_certificate.exit_code, 1) << no_certificate.out;
}

// Configurations ringd must refuse at start, each with a message that says what to fix.
TEST(TlsConfigTest, RingdRefusesBadTlsSettingsClearly) {
  TempDir dir("tls-config");
  CommandResult made = RunCommand(
      "cd " + dir.path().string() +
          " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout a.key"
          " -out a.pem -days 1 -subj /CN=a && openssl req -x509 -newkey ec -pkeyopt "
          "ec_paramgen_curve:P-256 -nodes -keyout b.key -out b.pem -days 1 -subj /CN=b",
      dir);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  WriteTokensFile(dir.Sub("tokens"));
  std::ofstream(dir.Sub("one.csv")) << "account,kind,value,ts\na0,ip,10.0.0.1,100\n";
  CommandResult ingested =
      RunCommand(Ringctl() + " --data " + dir.Sub("data") + " --secret-file " + dir.Sub("secret") +
                     " ingest --create-secret --quiet " + dir.Sub("one.csv"),
                 dir);
  ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
  std::ofstream(dir.Sub("garbage.pem")) << "not a certificate\n";
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"--tls-cert", dir.Sub("missing.pem"), "--tls-key", dir.Sub("a.key")},
       "cannot use --tls-cert"},
      {{"--tls-cert", dir.Sub("garbage.pem"), "--tls-key", dir.Sub("a.key")},
       "cannot use --tls-cert"},
      {{"--tls-cert", dir.Sub("a.pem"), "--tls-key", dir.Sub("b.key")},
       "cannot use --tls-key '" + dir.Sub("b.key") +
           "': SSL_CTX_use_PrivateKey_file: key values "
           "mismatch"},
      {{"--tls-cert", dir.Sub("a.pem")}, "--tls-cert needs --tls-key"},
      {{"--tls-cert", dir.Sub("a.pem"), "--tls-key", dir.Sub("a.key"), "--server", "epoll"},
       "TLS is served by the threaded server model"},
      {{"--tls-key", dir.Sub("a.key")}, "need --tls-cert"},
      {{"--tls-cert", dir.Sub("a.pem"), "--tls-key", dir.Sub("a.key"), "--tls-client-roles",
        dir.Sub("tokens")},
       "--tls-client-roles needs --tls-client-ca"},
  };
  for (const Case& c : cases) {
    RingdProcess ringd;
    EXPECT_FALSE(ringd.Start(dir, c.args)) << c.expected;
    EXPECT_EQ(ringd.exit_code(), 1) << ringd.log();
    EXPECT_NE(ringd.log().find(c.expected), std::string::npos) << c.expected << "\n" << ringd.log();
    std::remove(dir.Sub("ringd.log").c_str());
  }
}

}  // namespace
}  // namespace ringgraph::e2e
