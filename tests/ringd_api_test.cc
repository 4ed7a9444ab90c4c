// End to end: a real ringd on loopback, called by real Thrift clients — every method, the
// access rules, real-time flagging, metrics (checked by promtool), bad frames, concurrent
// readers during ingest and detection, shutdown, and start-up failures.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <sstream>

#include "tests/ringd_harness.h"

namespace ringgraph::e2e {
namespace {

using api::ErrorCode;

// Expects `call` to throw RingGraphError with `code`.
template <typename Call>
void ExpectError(ErrorCode::type code, Call&& call) {
  try {
    call();
    ADD_FAILURE() << "expected error code " << code;
  } catch (const api::RingGraphError& e) {
    EXPECT_EQ(e.code, code) << e.message;
  }
}

class RingdApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("ringd_api");
    CommandResult r = RunCommand(
        Ringctl() + " gen --accounts 3000 --rings 5 --seed 7 --out " + dir_->Sub("pop"), *dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = RunCommand(Ringctl() + " --data " + dir_->Sub("data") + " --secret-file " +
                       dir_->Sub("secret") + " ingest --create-secret --quiet " + dir_->Sub("pop") +
                       "/signals.csv",
                   *dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = RunCommand(Ringctl() + " --data " + dir_->Sub("data") + " detect --quiet", *dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    WriteTokensFile(dir_->Sub("tokens"));
  }
  static void TearDownTestSuite() { delete dir_; }

  void SetUp() override {
    ASSERT_TRUE(ringd_.Start(*dir_, {"--server", GetParam()})) << ringd_.log();
  }
  void TearDown() override {
    if (ringd_.running()) {
      EXPECT_EQ(ringd_.Stop(SIGTERM), 0) << ringd_.log();
    }
  }

  // A flagged member of the top ring, and one of its device or payment values.
  void FindFlaggedMember(ApiClient& client, std::int64_t* cluster, std::string* member,
                         std::string* kind, std::string* value) {
    std::vector<api::RingSummary> rings;
    client->topRings(rings, 5, 0.5);
    ASSERT_FALSE(rings.empty());
    *cluster = rings[0].clusterId;
    api::ClusterDetail detail;
    client->getClusterDetail(detail, *cluster, 0, 10000);
    std::vector<api::Membership> members;
    client->getClusters(members, detail.members);
    std::set<std::string> flagged;
    for (const auto& m : members) {
      if (m.flagged) flagged.insert(m.account);
    }
    ASSERT_FALSE(flagged.empty());
    std::ifstream csv(dir_->Sub("pop") + "/signals.csv");
    std::string line;
    while (std::getline(csv, line)) {
      std::stringstream fields(line);
      std::string account, k, v;
      std::getline(fields, account, ',');
      std::getline(fields, k, ',');
      std::getline(fields, v, ',');
      if (flagged.count(account) != 0 && (k == "device" || k == "payment")) {
        *member = account;
        *kind = k;
        *value = v;
        return;
      }
    }
    FAIL() << "no device or payment value for a flagged member";
  }

  static TempDir* dir_;
  RingdProcess ringd_;
};
TempDir* RingdApiTest::dir_ = nullptr;

TEST_P(RingdApiTest, PublicMethodsNeedNoTokenAndTheRestDo) {
  ApiClient anonymous(ringd_.port());
  std::string version;
  anonymous->version(version);
  EXPECT_EQ(version, "0.1.0");
  api::HealthStatus health;
  anonymous->health(health);
  EXPECT_TRUE(health.serving);
  EXPECT_EQ(health.clusteringVersion, 1);
  api::Membership m;
  ExpectError(ErrorCode::UNAUTHENTICATED, [&] { anonymous->getCluster(m, "acct-000001"); });
  api::Session session;
  ExpectError(ErrorCode::UNAUTHENTICATED, [&] { anonymous->authenticate(session, "wrong"); });
  // A failed attempt leaves the connection usable, and still unauthenticated.
  ExpectError(ErrorCode::UNAUTHENTICATED, [&] { anonymous->getCluster(m, "acct-000001"); });
  anonymous->authenticate(session, kReadToken);
  EXPECT_EQ(session.client, "fraud-gateway");
  EXPECT_EQ(session.role, api::Role::READ);
  anonymous->getCluster(m, "acct-000001");
  EXPECT_TRUE(m.knownAccount);

  // The read role cannot write.
  std::vector<api::Signal> none;
  api::IngestResult ingested;
  ExpectError(ErrorCode::PERMISSION_DENIED, [&] { anonymous->ingest(ingested, none); });
  ExpectError(ErrorCode::PERMISSION_DENIED, [&] { anonymous->label("cluster:1", "ring", ""); });
  api::DetectionStatus status;
  ExpectError(ErrorCode::PERMISSION_DENIED, [&] { anonymous->runDetection(status); });
}

TEST_P(RingdApiTest, ReadMethodsAnswerFromTheLatestClustering) {
  ApiClient client(ringd_.port(), kReadToken);
  std::int64_t cluster = 0;
  std::string member, kind, value;
  FindFlaggedMember(client, &cluster, &member, &kind, &value);

  api::Membership m;
  client->getCluster(m, member);
  EXPECT_TRUE(m.knownAccount);
  EXPECT_TRUE(m.inCluster);
  EXPECT_TRUE(m.flagged);
  EXPECT_FALSE(m.realtime);
  EXPECT_EQ(m.clusterId, cluster);
  EXPECT_GE(m.ringScore, 0.5);
  EXPECT_EQ(m.clusteringVersion, 1);
  EXPECT_GT(m.computedAt, 1'600'000'000);
  client->getCluster(m, "no-such-account");
  EXPECT_FALSE(m.knownAccount);
  EXPECT_FALSE(m.inCluster);
  EXPECT_EQ(m.clusterId, 0);
  ExpectError(ErrorCode::INVALID_ARGUMENT, [&] { client->getCluster(m, ""); });

  std::vector<api::Membership> batch;
  client->getClusters(batch, {"no-such-account", member, member});
  ASSERT_EQ(batch.size(), 3u);
  EXPECT_FALSE(batch[0].inCluster);
  EXPECT_EQ(batch[1].clusterId, cluster);
  EXPECT_EQ(batch[2].account, member);

  api::ClusterDetail detail;
  client->getClusterDetail(detail, cluster, 1, 2);
  EXPECT_EQ(detail.clusterId, cluster);
  EXPECT_EQ(detail.members.size(), 2u);
  EXPECT_GE(detail.size, 3);
  EXPECT_TRUE(detail.flagged);
  EXPECT_GT(detail.features.at("size"), 2.0);
  EXPECT_FALSE(detail.summary.empty());
  // Each member of the page comes with its own evidence; the flagged member's reaches the
  // threshold (a member below it would not be flagged).
  ASSERT_TRUE(detail.__isset.memberEvidence);
  ASSERT_EQ(detail.memberEvidence.size(), 2u);
  for (double e : detail.memberEvidence) EXPECT_TRUE(e >= 0.0 && e <= 1.0) << e;
  {
    api::ClusterDetail all;
    client->getClusterDetail(all, cluster, 0, 10000);
    ASSERT_EQ(all.memberEvidence.size(), all.members.size());
    std::vector<api::Membership> flags;
    client->getClusters(flags, all.members);
    for (std::size_t i = 0; i < flags.size(); ++i) {
      if (flags[i].flagged && !flags[i].realtime) {
        EXPECT_GE(all.memberEvidence[i], 0.5) << all.members[i];
      }
    }
  }
  ExpectError(ErrorCode::NOT_FOUND, [&] { client->getClusterDetail(detail, 999999, 0, 1); });
  ExpectError(ErrorCode::INVALID_ARGUMENT,
              [&] { client->getClusterDetail(detail, cluster, -1, 1); });
  ExpectError(ErrorCode::INVALID_ARGUMENT,
              [&] { client->getClusterDetail(detail, cluster, 0, 10001); });

  api::ClusterExplanation explanation;
  client->explainCluster(explanation, cluster);
  EXPECT_EQ(explanation.clusterId, cluster);
  EXPECT_FALSE(explanation.factors.empty());
  EXPECT_FALSE(explanation.evidence.empty());
  EXPECT_EQ(explanation.evidence[0].valueId.size(), 32u);  // a hashed id, not a raw value
  ExpectError(ErrorCode::NOT_FOUND, [&] { client->explainCluster(explanation, 999999); });

  api::ClusterDetail all;
  client->getClusterDetail(all, cluster, 0, 10000);
  api::LinkExplanation link;
  client->explainLink(link, all.members[0], all.members[1]);
  EXPECT_TRUE(link.linked);
  EXPECT_GT(link.strength, 0);
  ASSERT_FALSE(link.hops.empty());
  EXPECT_EQ(link.hops.front().fromAccount, all.members[0]);
  EXPECT_EQ(link.hops.back().toAccount, all.members[1]);
  ExpectError(ErrorCode::NOT_FOUND, [&] { client->explainLink(link, all.members[0], "nobody"); });

  std::vector<api::RingSummary> rings;
  client->topRings(rings, 3, 0.0);
  ASSERT_FALSE(rings.empty());
  EXPECT_LE(rings.size(), 3u);
  for (std::size_t i = 1; i < rings.size(); ++i)
    EXPECT_GE(rings[i - 1].ringScore, rings[i].ringScore);
  client->topRings(rings, 10, 1.01);
  EXPECT_TRUE(rings.empty());
  ExpectError(ErrorCode::INVALID_ARGUMENT, [&] { client->topRings(rings, -1, 0); });

  api::DetectionStatus status;
  client->detectionStatus(status);
  EXPECT_EQ(status.state, api::DetectionState::IDLE);
  EXPECT_EQ(status.nextScheduledAt, 0);
}

TEST_P(RingdApiTest, IngestFlagsLinkedAccountsInRealTimeAndDetectionReconciles) {
  ApiClient reader(ringd_.port(), kReadToken);
  ApiClient writer(ringd_.port(), kWriteToken);
  std::int64_t cluster = 0;
  std::string member, kind, value;
  FindFlaggedMember(reader, &cluster, &member, &kind, &value);

  const std::string newcomer = "rt-newcomer-" + GetParam();
  std::vector<api::Signal> signals(3);
  signals[0].account = newcomer;
  signals[0].kind = kind;
  signals[0].value = value;
  signals[1].account = "rt-bad";
  signals[1].kind = "phone";  // unknown kind
  signals[1].value = "555";
  signals[2].account = "rt-other-" + GetParam();
  signals[2].kind = "ip";
  signals[2].value = "198.51.100.77";
  signals[2].__set_observedAt(1'750'000'000);
  api::IngestResult result;
  writer->ingest(result, signals);
  EXPECT_EQ(result.acknowledged, 2);
  ASSERT_EQ(result.rejected.size(), 1u);
  EXPECT_EQ(result.rejected[0].index, 1);
  EXPECT_NE(result.rejected[0].message.find("unknown kind 'phone'"), std::string::npos)
      << result.rejected[0].message;
  ASSERT_EQ(result.realtimeFlags.size(), 1u);
  EXPECT_EQ(result.realtimeFlags[0].account, newcomer);
  EXPECT_EQ(result.realtimeFlags[0].clusterId, cluster);
  EXPECT_TRUE(result.realtimeFlags[0].realtime);

  // Readers on another connection see it at once.
  api::Membership m;
  reader->getCluster(m, newcomer);
  EXPECT_TRUE(m.flagged);
  EXPECT_TRUE(m.realtime);
  EXPECT_EQ(m.clusterId, cluster);
  reader->getCluster(m, "rt-other-" + GetParam());
  EXPECT_TRUE(m.knownAccount);
  EXPECT_FALSE(m.flagged);

  // A list over the protocol's container limit closes that connection, and only that one.
  {
    ApiClient greedy(ringd_.port(), kWriteToken);
    std::vector<api::Signal> too_many(100001, signals[2]);
    EXPECT_THROW(greedy->ingest(result, too_many), apache::thrift::TException);
  }
  reader->getCluster(m, newcomer);
  EXPECT_TRUE(m.flagged);

  // Labels.
  writer->label("cluster:" + std::to_string(cluster), "ring", "confirmed by case 17");
  ExpectError(ErrorCode::INVALID_ARGUMENT, [&] { writer->label("cluster:1", "maybe", ""); });
  ExpectError(ErrorCode::INVALID_ARGUMENT, [&] { writer->label("group:1", "ring", ""); });
  ExpectError(ErrorCode::NOT_FOUND, [&] { writer->label("account:nobody", "ring", ""); });
  api::ClusterDetail detail;
  reader->getClusterDetail(detail, cluster, 0, 0);
  ASSERT_EQ(detail.labels.size(), 1u);
  EXPECT_EQ(detail.labels[0], "ring: confirmed by case 17");

  // Detection runs in the background; the answer comes at once.
  api::DetectionStatus status;
  writer->runDetection(status);
  EXPECT_EQ(status.state, api::DetectionState::RUNNING);
  for (int i = 0; i < 600 && status.state == api::DetectionState::RUNNING; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    reader->detectionStatus(status);
  }
  ASSERT_EQ(status.state, api::DetectionState::SUCCEEDED) << status.error;
  EXPECT_GE(status.lastVersion, 2);
  EXPECT_GT(status.clusters, 0);
  EXPECT_GT(status.flaggedRings, 0);
  reader->getCluster(m, newcomer);
  EXPECT_EQ(m.clusteringVersion, status.lastVersion);
  EXPECT_FALSE(m.realtime);  // reconciled: the new clustering saw the evidence
  EXPECT_TRUE(m.flagged);    // and put the newcomer in its ring

  // Metrics: a live scrape, checked by promtool.
  const std::string metrics = HttpGet(ringd_.metrics_port(), "/metrics");
  ASSERT_FALSE(metrics.empty());
  for (const char* expected :
       {"ringgraph_requests_total{method=\"getCluster\",outcome=\"ok\"}",
        "ringgraph_request_duration_seconds_bucket{method=\"ingest\"",
        "ringgraph_ingested_records_total 2", "ringgraph_rejected_records_total 1",
        "ringgraph_realtime_flags_total 1",
        "ringgraph_detection_runs_total{outcome=\"succeeded\"} 1",
        "ringgraph_detection_last_success_timestamp_seconds", "ringgraph_lmdb_map_size_bytes",
        "ringgraph_lmdb_map_used_bytes", "ringgraph_accounts 300",
        "ringgraph_signal_values{kind=\"device\"}", "ringgraph_build_info{version=\"0.1.0\"} 1",
        "ringgraph_clusters"}) {
    EXPECT_NE(metrics.find(expected), std::string::npos) << expected;
  }
  EXPECT_EQ(metrics.find(newcomer), std::string::npos);  // no account ids in labels
  TempDir scratch;
  std::ofstream(scratch.Sub("metrics.txt")) << metrics;
  CommandResult check =
      RunCommand("promtool check metrics < " + scratch.Sub("metrics.txt"), scratch);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_P(RingdApiTest, BadFramesCloseOnlyTheirConnection) {
  ApiClient bystander(ringd_.port(), kReadToken);
  auto send_and_expect_close = [&](const std::string& bytes, const char* what) {
    int fd = ConnectRaw(ringd_.port());
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    char buf[256];
    ssize_t n = ::read(fd, buf, sizeof buf);
    EXPECT_LE(n, 0) << what << ": the server answered instead of closing";
    ::close(fd);
    api::Membership m;
    bystander->getCluster(m, "acct-000001");  // throws if the server went down
    EXPECT_TRUE(m.knownAccount) << what;
  };
  auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  send_and_expect_close(be32(1u << 30) + "xxxx", "oversized frame");
  send_and_expect_close(be32(0xFFFFFFFFu), "negative frame size");
  std::string garbage(64, '\0');
  for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>(i * 37 + 11);
  send_and_expect_close(be32(64) + garbage, "garbage payload");
  // A well-framed call whose string claims 1 GiB: the protocol's string limit refuses it.
  std::string call = be32(0x80010001u) + be32(10) + "getCluster" + be32(1) + std::string{11, 0, 1} +
                     be32(1u << 30) + "abc";
  send_and_expect_close(be32(static_cast<std::uint32_t>(call.size())) + call, "string bomb");
  // A list that claims 2^30 elements.
  std::string list = be32(0x80010001u) + be32(11) + "getClusters" + be32(1) +
                     std::string{15, 0, 1, 11} + be32(1u << 30);
  send_and_expect_close(be32(static_cast<std::uint32_t>(list.size())) + list, "list bomb");
  // A truncated frame, then the client goes away.
  {
    int fd = ConnectRaw(ringd_.port());
    std::string partial = be32(100) + "abc";
    ASSERT_EQ(::write(fd, partial.data(), partial.size()), static_cast<ssize_t>(partial.size()));
    ::close(fd);
  }
  api::Membership m;
  bystander->getCluster(m, "acct-000002");
  EXPECT_TRUE(m.knownAccount);
  EXPECT_TRUE(ringd_.running());
}

TEST_P(RingdApiTest, ReadersKeepGettingAnswersDuringIngestAndDetection) {
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::atomic<std::uint64_t> reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      try {
        ApiClient client(ringd_.port(), kReadToken);
        std::int64_t last_version = 0;
        std::vector<std::string> accounts;
        for (int i = 0; i < 50; ++i) {
          char name[32];
          std::snprintf(name, sizeof name, "acct-%06d", t * 50 + i);
          accounts.push_back(name);
        }
        while (!done) {
          std::vector<api::Membership> answers;
          client->getClusters(answers, accounts);
          if (answers.size() != accounts.size()) ++failures;
          if (answers[0].clusteringVersion < last_version) ++failures;  // never goes back
          last_version = answers[0].clusteringVersion;
          ++reads;
          // A fraud system's rate, not a closed loop: eight spinning readers (this test runs
          // for two server models at once) would hold both cores, and detection runs niced,
          // so it would wait for them by design (see README, "Detection schedule").
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      } catch (const std::exception& e) {
        ++failures;
      }
    });
  }
  ApiClient writer(ringd_.port(), kWriteToken);
  api::DetectionStatus status;
  writer->runDetection(status);
  for (int batch = 0; batch < 20; ++batch) {
    std::vector<api::Signal> signals;
    for (int i = 0; i < 200; ++i) {
      api::Signal s;
      s.account = "load-" + GetParam() + "-" + std::to_string(batch * 200 + i);
      s.kind = "ip";
      s.value = "203.0.113." + std::to_string(i % 250);
      signals.push_back(s);
    }
    api::IngestResult result;
    writer->ingest(result, signals);
    EXPECT_EQ(result.acknowledged, 200);
  }
  for (int i = 0; i < 600 && status.state == api::DetectionState::RUNNING; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    writer->detectionStatus(status);
  }
  EXPECT_EQ(status.state, api::DetectionState::SUCCEEDED) << status.error;
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reads.load(), 20u);
}

TEST_P(RingdApiTest, RingctlQueryCommandsTalkToRingd) {
  std::ofstream(dir_->Sub("reader.token")) << kReadToken << "\n";
  std::ofstream(dir_->Sub("writer.token")) << kWriteToken << "\n";
  const std::string remote = Ringctl() + " --remote 127.0.0.1:" + std::to_string(ringd_.port());
  const std::string as_reader = remote + " --token-file " + dir_->Sub("reader.token");
  const std::string as_writer = remote + " --token-file " + dir_->Sub("writer.token");
  TempDir scratch;
  CommandResult r = RunCommand(as_reader + " top --limit 2", scratch);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.out.rfind("ring ", 0), 0u) << r.out;
  const std::string cluster = r.out.substr(5, r.out.find(' ', 5) - 5);
  r = RunCommand(as_reader + " get acct-000001 nobody", scratch);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("account,known,cluster_id,ring_score,flagged,realtime,clustering_version"),
            std::string::npos);
  EXPECT_NE(r.out.find("\nnobody,0,0,"), std::string::npos) << r.out;
  r = RunCommand(as_reader + " explain --cluster " + cluster, scratch);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("factors:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("evidence:"), std::string::npos) << r.out;
  r = RunCommand(as_reader + " label --cluster " + cluster + " --verdict ring", scratch);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("permission denied"), std::string::npos) << r.err;
  r = RunCommand(as_writer + " label --cluster " + cluster + " --verdict ring --note remote",
                 scratch);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  api::Membership before;
  ApiClient(ringd_.port(), kReadToken)->getCluster(before, "acct-000001");
  r = RunCommand(as_writer + " detect --wait", scratch);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string next_version =
      "detect: clustering version " + std::to_string(before.clusteringVersion + 1) + " ";
  EXPECT_NE(r.out.find(next_version), std::string::npos) << r.out;
  // Without a token, or with a wrong one, nothing is answered.
  r = RunCommand(remote + " get acct-000001", scratch);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no client token"), std::string::npos) << r.err;
  std::ofstream(scratch.Sub("bad.token")) << "nope\n";
  r = RunCommand(remote + " --token-file " + scratch.Sub("bad.token") + " get acct-000001",
                 scratch);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("unauthenticated: authentication failed"), std::string::npos) << r.err;
  // get and top need a ringd.
  r = RunCommand(Ringctl() + " get acct-000001", scratch);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("needs a running ringd"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(ServerModels, RingdApiTest,
                         ::testing::Values("epoll", "threaded", "nonblocking"));

// Start-up and shutdown, outside the fixture.
class RingdLifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.Sub("one.csv")) << "account,kind,value,ts\na1,ip,10.0.0.1,100\n";
    CommandResult r = RunCommand(Ringctl() + " --data " + dir_.Sub("data") + " --secret-file " +
                                     dir_.Sub("secret") + " ingest --create-secret --quiet " +
                                     dir_.Sub("one.csv"),
                                 dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    WriteTokensFile(dir_.Sub("tokens"));
  }
  TempDir dir_;
};

TEST_F(RingdLifecycleTest, SecretFileFromTheEnvironmentIsFoundAsRingctlFindsIt) {
  // No --secret-file: ringd follows the rule ringctl follows, $RINGGRAPH_SECRET_FILE before
  // ringgraph.secret beside the data directory (which does not exist here).
  setenv("RINGGRAPH_SECRET_FILE", dir_.Sub("secret").c_str(), 1);
  RingdProcess ringd;
  const bool started = ringd.Start(
      dir_,
      {"--data", dir_.Sub("data"), "--tokens-file", dir_.Sub("tokens"), "--listen", "127.0.0.1:0",
       "--metrics", "off", "--detect-at", "off", "--port-file", dir_.Sub("ringd.port")},
      /*default_args=*/false);
  unsetenv("RINGGRAPH_SECRET_FILE");
  ASSERT_TRUE(started) << ringd.log();
  EXPECT_EQ(ringd.Stop(SIGTERM), 0);
  // And ringctl, given the same environment, opens the store under the same key.
  CommandResult r =
      RunCommand("RINGGRAPH_SECRET_FILE=" + dir_.Sub("secret") + " " + Ringctl() + " --data " +
                     dir_.Sub("data") + " ingest --quiet " + dir_.Sub("one.csv"),
                 dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(RingdLifecycleTest, SigtermShutsDownCleanlyAndTheStoreReopens) {
  RingdProcess ringd;
  ASSERT_TRUE(ringd.Start(dir_)) << ringd.log();
  {
    ApiClient client(ringd.port(), kWriteToken);
    std::vector<api::Signal> signals(1);
    signals[0].account = "a2";
    signals[0].kind = "device";
    signals[0].value = "dev-1";
    api::IngestResult result;
    client->ingest(result, signals);
    EXPECT_EQ(result.acknowledged, 1);
  }
  EXPECT_EQ(ringd.Stop(SIGTERM), 0);
  EXPECT_NE(ringd.log().find("stopped cleanly"), std::string::npos) << ringd.log();
  RingdProcess again;
  ASSERT_TRUE(again.Start(dir_)) << again.log();
  ApiClient client(again.port(), kReadToken);
  api::Membership m;
  client->getCluster(m, "a2");
  EXPECT_TRUE(m.knownAccount);
  EXPECT_EQ(again.Stop(SIGTERM), 0);
}

TEST_F(RingdLifecycleTest, ALongLivedConnectionMayCarryFarMoreThanOneFrameLimit) {
  for (const char* model : {"epoll", "threaded", "nonblocking"}) {
    RingdProcess ringd;
    ASSERT_TRUE(ringd.Start(dir_, {"--server", model, "--max-frame-bytes", "65536"}))
        << ringd.log();
    ApiClient client(ringd.port(), kReadToken);
    std::vector<std::string> accounts(2000, "a1");  // about 10 KB per request and 150 KB per reply
    for (int i = 0; i < 40; ++i) {                  // 400 KB sent in all, six times the frame limit
      std::vector<api::Membership> answers;
      client->getClusters(answers, accounts);
      ASSERT_EQ(answers.size(), accounts.size()) << model;
    }
    // One frame over the limit is still refused.
    std::vector<std::string> too_big(20000, "a1");
    std::vector<api::Membership> answers;
    EXPECT_THROW(client->getClusters(answers, too_big), apache::thrift::TException) << model;
    EXPECT_EQ(ringd.Stop(SIGTERM), 0);
  }
}

TEST_F(RingdLifecycleTest, TheExampleConfigIsAcceptedAndFlagsOverrideIt) {
  const std::string source = RINGGRAPH_SOURCE_DIR;
  RingdProcess ringd;
  ASSERT_TRUE(ringd.Start(dir_, {"--config", source + "/deploy/ringd.conf.example"}))
      << ringd.log();
  EXPECT_NE(ringd.log().find("(epoll)"), std::string::npos) << ringd.log();
  EXPECT_NE(ringd.log().find("data in " + dir_.Sub("data")), std::string::npos) << ringd.log();
  EXPECT_EQ(ringd.Stop(SIGTERM), 0);
}

TEST_F(RingdLifecycleTest, AFullStoreRefusesTheCallWithoutDetailAndKeepsServing) {
  RingdProcess ringd;
  ASSERT_TRUE(ringd.Start(dir_, {"--max-map-mib", "1"})) << ringd.log();
  ApiClient writer(ringd.port(), kWriteToken);
  std::vector<api::Signal> signals;
  for (int i = 0; i < 6000; ++i) {
    api::Signal s;
    s.account = std::string(240, 'x') + std::to_string(i);  // long names fill the map fast
    s.kind = "ip";
    s.value = "10.1.0." + std::to_string(i % 250);
    signals.push_back(s);
  }
  api::IngestResult result;
  try {
    writer->ingest(result, signals);
    ADD_FAILURE() << "a 1 MiB map took 1.5 MB of account names";
  } catch (const api::RingGraphError& e) {
    EXPECT_EQ(e.code, ErrorCode::RESOURCE_EXHAUSTED);
    EXPECT_NE(e.message.find("the store is full"), std::string::npos) << e.message;
    EXPECT_EQ(e.message.find(dir_.path().string()), std::string::npos)
        << "leaks a path: " << e.message;
    EXPECT_EQ(e.message.find("LMDB"), std::string::npos) << e.message;
  }
  EXPECT_NE(ringd.log().find("is full at its limit"), std::string::npos) << ringd.log();
  // Nothing of the call was stored, the earlier data is intact, and small calls still work.
  ApiClient reader(ringd.port(), kReadToken);
  api::Membership m;
  reader->getCluster(m, signals[0].account);
  EXPECT_FALSE(m.knownAccount);
  reader->getCluster(m, "a1");
  EXPECT_TRUE(m.knownAccount);
  writer->ingest(result, {signals[0]});
  EXPECT_EQ(result.acknowledged, 1);
  EXPECT_EQ(ringd.Stop(SIGTERM), 0);
}

TEST_F(RingdLifecycleTest, StartFailuresAreClearAndExitNonZero) {
  // A port already in use.
  int busy = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(busy, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(busy, 1), 0);
  socklen_t len = sizeof addr;
  ::getsockname(busy, reinterpret_cast<sockaddr*>(&addr), &len);
  const std::string busy_port = std::to_string(ntohs(addr.sin_port));

  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string expected;
  };
  const std::string data = dir_.Sub("data"), secret = dir_.Sub("secret"),
                    tokens = dir_.Sub("tokens");
  std::ofstream(dir_.Sub("bad.conf")) << "listen = \"127.0.0.1:0\"\nthis is not toml [\n";
  const Case cases[] = {
      {{"--data", data, "--secret-file", secret, "--tokens-file", tokens, "--metrics", "off",
        "--listen", "127.0.0.1:" + busy_port},
       1,
       "cannot listen on 127.0.0.1:" + busy_port},
      {{"--data", data, "--secret-file", secret, "--tokens-file", tokens, "--listen", "127.0.0.1:0",
        "--metrics", "127.0.0.1:" + busy_port},
       1,
       "cannot serve metrics on 127.0.0.1:" + busy_port},
      {{"--data", data, "--secret-file", dir_.Sub("no-secret"), "--tokens-file", tokens},
       1,
       "no-secret"},
      {{"--data", data, "--secret-file", secret, "--tokens-file", dir_.Sub("no-tokens")},
       1,
       "tokens file"},
      {{"--config", dir_.Sub("missing.conf"), "--tokens-file", tokens}, 2, "missing.conf"},
      {{"--config", dir_.Sub("bad.conf"), "--tokens-file", tokens}, 2, "ringd:"},
      {{"--data", data, "--secret-file", secret, "--tokens-file", tokens, "--listen", "nowhere"},
       1,
       "is not HOST:PORT"},
      {{"--data", data, "--secret-file", secret, "--tokens-file", tokens, "--detect-at", "25:00"},
       1,
       "not a time of day"},
  };
  for (const Case& c : cases) {
    RingdProcess ringd;
    EXPECT_FALSE(ringd.Start(dir_, c.args, /*default_args=*/false));
    EXPECT_EQ(ringd.exit_code(), c.exit_code) << ringd.log();
    EXPECT_NE(ringd.log().find(c.expected), std::string::npos) << c.expected << "\n" << ringd.log();
    std::remove(dir_.Sub("ringd.log").c_str());
  }
  ::close(busy);
}

}  // namespace
}  // namespace ringgraph::e2e
