// Client fail-over across ringd replicas: the C++ client (and ringctl --remote) given several
// HOST:PORTs connects to the first that answers, and a call whose replica dies is made again on
// the next one. Two real ringd serve one store here, as replicas fed by one signal stream would
// serve the same data.
#include <gtest/gtest.h>

#include <string>

#include "tests/ringd_harness.h"
#include "thrift/client/ringgraph_client.h"

namespace ringgraph::e2e {
namespace {

class FailoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CommandResult r = RunCommand(
        Ringctl() + " gen --accounts 2000 --rings 2 --seed 4 --quiet --out " + dir_.Sub("pop"),
        dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string store =
        Ringctl() + " --data " + dir_.Sub("data") + " --secret-file " + dir_.Sub("secret");
    r = RunCommand(store + " ingest --create-secret --quiet " + dir_.Sub("pop/signals.csv"), dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = RunCommand(store + " detect --top 0", dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    WriteTokensFile(dir_.Sub("tokens"));
    std::ofstream(dir_.Sub("read.token")) << kReadToken << "\n";
    auto start = [&](RingdProcess& ringd, const std::string& name) {
      return ringd.Start(
          dir_,
          {"--data", dir_.Sub("data"), "--secret-file", dir_.Sub("secret"), "--tokens-file",
           dir_.Sub("tokens"), "--listen", "127.0.0.1:0", "--metrics", "off", "--detect-at", "off",
           "--port-file", dir_.Sub(name + ".port")},
          /*default_args=*/false);
    };
    ASSERT_TRUE(start(first_, "first")) << first_.log();
    ASSERT_TRUE(start(second_, "second")) << second_.log();
    replicas_ = "127.0.0.1:" + std::to_string(first_.port()) +
                ",127.0.0.1:" + std::to_string(second_.port());
  }

  TempDir dir_{"failover"};
  RingdProcess first_, second_;
  std::string replicas_;
};

TEST_F(FailoverTest, ALookupLoopKeepsAnsweringWhenItsReplicaDies) {
  client::ConnectOptions options;
  options.address = replicas_;
  options.token = kReadToken;
  auto connection = client::Connection::Open(options);
  ASSERT_TRUE(connection.ok()) << connection.status().ToString();
  EXPECT_EQ((*connection)->address(), "127.0.0.1:" + std::to_string(first_.port()));
  int failed = 0, answered = 0;
  for (int i = 0; i < 400; ++i) {
    if (i == 100) EXPECT_EQ(first_.Stop(SIGKILL), 128 + SIGKILL);
    const std::string number = std::to_string(i % 2000);
    const std::string account = "acct-" + std::string(6 - number.size(), '0') + number;
    api::Membership membership;
    Status s = (*connection)->Call([&](api::RingGraphClient& api) {
      api.getCluster(membership, account);
    });
    if (s.ok() && membership.account == account && membership.clusteringVersion == 1) ++answered;
    if (!s.ok()) ++failed;
  }
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(answered, 400);
  EXPECT_EQ((*connection)->address(), "127.0.0.1:" + std::to_string(second_.port()));
}

TEST_F(FailoverTest, RingctlRemoteSkipsADeadReplicaAndNamesThemAllWhenNoneAnswers) {
  EXPECT_EQ(first_.Stop(SIGKILL), 128 + SIGKILL);
  const std::string remote =
      Ringctl() + " --remote " + replicas_ + " --token-file " + dir_.Sub("read.token");
  CommandResult r = RunCommand(remote + " get acct-000001", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("acct-000001,1,"), std::string::npos) << r.out;
  EXPECT_EQ(second_.Stop(SIGKILL), 128 + SIGKILL);
  r = RunCommand(remote + " get acct-000001", dir_);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no replica of " + replicas_ + " answered"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ringgraph::e2e
