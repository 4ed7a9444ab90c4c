// One detection leader among ringd replicas (issue 13): a real three-server NATS JetStream
// cluster and three real ringd processes on loopback, each with its own store built from the
// shared signal stream. Checks that exactly one replica leads, that its detection is installed
// on the followers (same version, same answers), that killing it with -9 during a detection run
// hands the lease to another replica whose run reaches the remaining follower while readers keep
// being answered, and that a forged publication (a chunk whose bytes do not match the digest it
// claims) is refused while the followers keep serving their version.
#include <gtest/gtest.h>
#include <nats/nats.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/nats_harness.h"
#include "tests/ringd_harness.h"

namespace ringgraph::e2e {
namespace {

using Clock = std::chrono::steady_clock;
using ringgraph::testing::FreePort;

constexpr int kReplicas = 3;
constexpr int kLeaseSeconds = 6;

// What a reader sees of one account.
struct Answer {
  std::string account;
  bool in_cluster = false;
  std::int64_t cluster = 0;
  double ring_score = 0;
  bool flagged = false;
  std::int64_t version = 0;
  bool operator==(const Answer&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Answer& a) {
  return out << a.account << " in " << a.cluster << " (score " << a.ring_score << ", flagged "
             << a.flagged << ", version " << a.version << ")";
}

class DetectionLeaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.Sub("empty.csv")) << "account,kind,value,ts\n";
    CommandResult r = RunCommand(Ringctl() + " --data " + dir_.Sub("seed") + " --secret-file " +
                                     dir_.Sub("secret") + " ingest --create-secret --quiet " +
                                     dir_.Sub("empty.csv"),
                                 dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (int i = 0; i < kReplicas; ++i) {
      const std::string root = Root(i);
      std::filesystem::create_directories(root);
      std::filesystem::copy_file(dir_.Sub("secret"), root + "/secret");
      WriteTokensFile(root + "/tokens");
    }
    // Every replica holds the consortium key, so that each can read a partner's bundle.
    std::ofstream(dir_.Sub("consortium.key")) << std::string(64, 'c') << "\n";
    ::chmod(dir_.Sub("consortium.key").c_str(), 0600);
    StartNatsCluster();
    if (HasFatalFailure()) return;
    population_ = PublishPopulation(/*accounts=*/2000, /*seed=*/31);
    ASSERT_GT(published_, 5000);
    for (int i = 0; i < kReplicas; ++i) {
      ringd_.push_back(std::make_unique<RingdProcess>());
      ASSERT_TRUE(StartReplica(i)) << ringd_[i]->log();
    }
    for (int i = 0; i < kReplicas; ++i) {
      ASSERT_TRUE(WaitFor(
          [&] {
            return Metric(ringd_[i]->metrics_port(), "ringgraph_stream_committed_sequence") ==
                   published_;
          },
          180))
          << Name(i) << "\n"
          << ringd_[i]->log();
    }
    // Every replica built the same store from the stream: the same accounts and values.
    const int first_port = ringd_[0]->metrics_port();
    EXPECT_EQ(Metric(first_port, "ringgraph_accounts"), 2000);
    for (int i = 1; i < kReplicas; ++i) {
      EXPECT_EQ(Metric(ringd_[i]->metrics_port(), "ringgraph_accounts"), 2000) << Name(i);
      for (const char* kind : {"payment", "ip", "device"}) {
        const std::string series = std::string("ringgraph_signal_values{kind=\"") + kind + "\"}";
        EXPECT_GT(Metric(first_port, series), 0) << series;
        EXPECT_EQ(Metric(ringd_[i]->metrics_port(), series), Metric(first_port, series))
            << Name(i) << " " << series;
      }
    }
  }

  void TearDown() override {
    if (!HasFailure()) return;
    for (int i = 0; i < static_cast<int>(ringd_.size()); ++i) {
      std::cout << "---- " << Name(i) << "'s log\n" << ringd_[i]->log();
    }
  }

  std::string Root(int i) const { return dir_.Sub("replica-" + std::to_string(i + 1)); }
  std::string Name(int i) const { return "replica-" + std::to_string(i + 1); }
  // Replica i's count of analyst records with `outcome` (applied, rejected, ...).
  double AnalystRecords(int i, const std::string& outcome) {
    return Metric(ringd_[i]->metrics_port(),
                  "ringgraph_analyst_records_total{outcome=\"" + outcome + "\"}");
  }
  // Waits up to 30 s for replica i to have applied `records` analyst records.
  bool WaitForApplied(int i, double records) {
    return WaitFor([&] { return AnalystRecords(i, "applied") == records; }, 30);
  }

  bool StartReplica(int i) {
    return ringd_[i]->Start(std::filesystem::path(Root(i)),
                            {"--nats", urls_, "--nats-consumer", Name(i), "--nats-replicas", "3",
                             "--leader-lease-seconds", std::to_string(kLeaseSeconds), "--share-key",
                             "consortium=" + dir_.Sub("consortium.key")});
  }

  void StartNatsCluster() {
    nats_ = std::make_unique<NatsCluster>(dir_, 3);
    std::string failed;
    ASSERT_TRUE(nats_->Start(&failed)) << failed;
    urls_ = nats_->urls();
  }

  // Generates a population, publishes it (retrying while the cluster elects its leaders) and
  // returns the signals file.
  std::string PublishPopulation(int accounts, int seed) {
    const std::string out = dir_.Sub("pop" + std::to_string(seed));
    CommandResult r =
        RunCommand(Ringctl() + " gen --accounts " + std::to_string(accounts) +
                       " --rings 2 --seed " + std::to_string(seed) + " --quiet --out " + out,
                   dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::string file = out + "/signals.csv";
    WaitFor([&] {
      r = RunCommand(Ringctl() + " publish --nats " + urls_ + " --replicas 3 " + file, dir_);
      return r.exit_code == 0;
    });
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::smatch m;
    if (std::regex_search(r.out, m, std::regex("publish: ([0-9]+) records"))) {
      published_ = std::stoll(m[1]);
    }
    return file;
  }

  // Every account of the population, in file order.
  std::vector<std::string> Accounts() {
    std::ifstream in(population_);
    std::string line;
    std::getline(in, line);  // header
    std::vector<std::string> out;
    std::set<std::string> seen;
    while (std::getline(in, line)) {
      std::string account = line.substr(0, line.find(','));
      if (!account.empty() && seen.insert(account).second) out.push_back(std::move(account));
    }
    return out;
  }

  // The replicas whose metrics say they lead; among `alive`.
  std::vector<int> Leaders(const std::vector<int>& alive) {
    std::vector<int> out;
    for (int i : alive) {
      if (Metric(ringd_[i]->metrics_port(), "ringgraph_detection_leader") == 1) out.push_back(i);
    }
    return out;
  }

  // Waits until exactly one of `alive` leads, and the others report 0 and name it in health();
  // returns it (-1: never).
  int WaitForOneLeader(const std::vector<int>& alive, int seconds) {
    int leader = -1;
    WaitFor(
        [&] {
          const std::vector<int> leaders = Leaders(alive);
          if (leaders.size() != 1) return false;
          for (int i : alive) {
            if (i == leaders[0]) continue;
            if (Metric(ringd_[i]->metrics_port(), "ringgraph_detection_leader") != 0 ||
                Health(i).detail.find("detection follower: leader '" + Name(leaders[0]) + "'") ==
                    std::string::npos) {
              return false;
            }
          }
          leader = leaders[0];
          return true;
        },
        seconds);
    return leader;
  }

  api::HealthStatus Health(int i) {
    ApiClient client(ringd_[i]->port());
    api::HealthStatus health;
    client->health(health);
    return health;
  }

  // Runs detection on replica i through the API and waits for it; returns the version written.
  std::int64_t Detect(int i) {
    ApiClient client(ringd_[i]->port(), kWriteToken);
    api::DetectionStatus status;
    client->runDetection(status);
    WaitFor(
        [&] {
          client->detectionStatus(status);
          return status.state != api::DetectionState::RUNNING;
        },
        180);
    EXPECT_EQ(status.state, api::DetectionState::SUCCEEDED) << status.error;
    return status.lastVersion;
  }

  std::vector<Answer> Answers(int i, const std::vector<std::string>& accounts) {
    ApiClient client(ringd_[i]->port(), kReadToken);
    std::vector<api::Membership> memberships;
    client->getClusters(memberships, accounts);
    std::vector<Answer> out;
    for (const api::Membership& m : memberships) {
      out.push_back(
          {m.account, m.inCluster, m.clusterId, m.ringScore, m.flagged, m.clusteringVersion});
    }
    return out;
  }

  // Accounts to compare replicas on: every clustered one among the first 1000, and 200 others.
  std::vector<std::string> Sample(int leader) {
    std::vector<std::string> all = Accounts();
    all.resize(std::min<std::size_t>(all.size(), 1000));
    std::vector<std::string> sample;
    std::size_t unclustered = 0;
    const std::vector<Answer> answers = Answers(leader, all);
    for (const Answer& a : answers) {
      if (a.in_cluster || unclustered++ < 200) sample.push_back(a.account);
    }
    return sample;
  }

  // Detection on the leader, then waits until each of `followers` serves the version; returns
  // the version.
  std::int64_t DetectAndWaitForFollowers(int leader, const std::vector<int>& followers) {
    const std::int64_t version = Detect(leader);
    EXPECT_GT(version, 0);
    for (int f : followers) {
      EXPECT_TRUE(WaitFor([&] { return Health(f).clusteringVersion == version; }, 60))
          << "replica " << Name(f) << " serves " << Health(f).clusteringVersion << ", not "
          << version << "\n"
          << ringd_[f]->log();
    }
    return version;
  }

  void ExpectSameAnswers(int leader, const std::vector<int>& followers,
                         const std::vector<std::string>& sample, std::int64_t version) {
    const std::vector<Answer> expected = Answers(leader, sample);
    std::size_t clustered = 0;
    for (const Answer& a : expected) {
      EXPECT_EQ(a.version, version) << a;
      clustered += a.in_cluster ? 1 : 0;
    }
    EXPECT_GE(clustered, 20u) << "too few clustered accounts for the comparison to mean much";
    for (int f : followers) {
      const std::vector<Answer> got = Answers(f, sample);
      ASSERT_EQ(got.size(), expected.size());
      for (std::size_t k = 0; k < got.size(); ++k) {
        ASSERT_EQ(got[k], expected[k]) << "replica " << Name(f) << ", account " << k;
      }
    }
  }

  TempDir dir_{"detection-leader"};
  std::unique_ptr<NatsCluster> nats_;
  std::string urls_;
  std::string population_;
  long long published_ = 0;
  std::vector<std::unique_ptr<RingdProcess>> ringd_;
};

std::vector<int> AllBut(int excluded) {
  std::vector<int> out;
  for (int i = 0; i < kReplicas; ++i) {
    if (i != excluded) out.push_back(i);
  }
  return out;
}

TEST_F(DetectionLeaderTest, OneLeaderDetectsAndBothFollowersInstallItsVersion) {
  const int leader = WaitForOneLeader({0, 1, 2}, 30);
  ASSERT_GE(leader, 0) << ringd_[0]->log() << ringd_[1]->log() << ringd_[2]->log();
  // Still exactly one a lease renewal later.
  std::this_thread::sleep_for(std::chrono::seconds(kLeaseSeconds / 3 + 1));
  ASSERT_EQ(Leaders({0, 1, 2}), std::vector<int>{leader});
  const std::vector<int> followers = AllBut(leader);

  // A follower refuses to run detection, naming the leader.
  {
    ApiClient client(ringd_[followers[0]]->port(), kWriteToken);
    api::DetectionStatus status;
    try {
      client->runDetection(status);
      ADD_FAILURE() << "a follower ran detection";
    } catch (const api::RingGraphError& e) {
      EXPECT_EQ(e.code, api::ErrorCode::FAILED_PRECONDITION);
      EXPECT_NE(e.message.find("leader '" + Name(leader) + "'"), std::string::npos) << e.message;
    }
  }

  const std::int64_t version = DetectAndWaitForFollowers(leader, followers);
  ExpectSameAnswers(leader, followers, Sample(leader), version);
  EXPECT_NE(Health(leader).detail.find("detection leader: this replica ('" + Name(leader) + "')"),
            std::string::npos)
      << Health(leader).detail;
  for (int f : followers) {
    const api::HealthStatus health = Health(f);
    EXPECT_NE(health.detail.find("detection follower: leader '" + Name(leader) +
                                 "', serving clustering version " + std::to_string(version) +
                                 ", installed " + std::to_string(version)),
              std::string::npos)
        << health.detail;
    EXPECT_EQ(Metric(ringd_[f]->metrics_port(),
                     "ringgraph_clustering_installs_total{outcome=\"installed\"}"),
              1);
    EXPECT_NE(ringd_[f]->log().find("installed clustering version " + std::to_string(version) +
                                    " from the leader '" + Name(leader) + "'"),
              std::string::npos)
        << ringd_[f]->log();
  }
}

TEST_F(DetectionLeaderTest, KillNineLeaderHandsTheLeaseOnAndTheNewLeadersRunReachesTheFollower) {
  const int first = WaitForOneLeader({0, 1, 2}, 30);
  ASSERT_GE(first, 0);
  const std::int64_t version = DetectAndWaitForFollowers(first, AllBut(first));
  const std::vector<std::string> sample = Sample(first);
  const std::vector<int> survivors = AllBut(first);
  const std::vector<Answer> before = Answers(survivors[0], sample);

  // The leader is killed during its next detection run: the run never publishes, and the
  // survivors keep serving the version they installed.
  {
    ApiClient client(ringd_[first]->port(), kWriteToken);
    api::DetectionStatus status;
    client->runDetection(status);
    ASSERT_EQ(status.state, api::DetectionState::RUNNING);
  }
  EXPECT_EQ(ringd_[first]->Stop(SIGKILL), 128 + SIGKILL);
  const auto killed_at = Clock::now();
  // Readers keep being answered, from the installed version, while the lease lapses.
  int second = -1;
  std::size_t reads = 0;
  while (second < 0 && Clock::now() - killed_at < std::chrono::seconds(kLeaseSeconds + 15)) {
    for (int s : survivors) {
      ASSERT_EQ(Answers(s, sample), before) << "replica " << Name(s);
      ++reads;
    }
    const std::vector<int> leaders = Leaders(survivors);
    if (leaders.size() == 1) second = leaders[0];
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  const double takeover = std::chrono::duration<double>(Clock::now() - killed_at).count();
  ASSERT_GE(second, 0) << "no new leader " << takeover << " s after the kill\n"
                       << ringd_[survivors[0]]->log() << ringd_[survivors[1]]->log();
  EXPECT_LE(takeover, kLeaseSeconds + 10.0);
  EXPECT_GE(reads, 2u);
  std::cout << "new leader " << Name(second) << " after " << takeover << " s (lease "
            << kLeaseSeconds << " s), " << reads << " reads answered meanwhile\n";
  EXPECT_EQ(WaitForOneLeader(survivors, 10), second);

  const int follower = survivors[0] == second ? survivors[1] : survivors[0];
  const std::int64_t next = DetectAndWaitForFollowers(second, {follower});
  EXPECT_GT(next, version);
  ExpectSameAnswers(second, {follower}, sample, next);
}

// A chunk published straight to the clusterings stream whose bytes do not hash to the digest
// its headers and its pointer claim: the followers refuse it and keep their version.
TEST_F(DetectionLeaderTest, ForgedChunkIsRefusedAndFollowersKeepTheirVersion) {
  const int leader = WaitForOneLeader({0, 1, 2}, 30);
  ASSERT_GE(leader, 0);
  const std::vector<int> followers = AllBut(leader);
  const std::int64_t version = DetectAndWaitForFollowers(leader, followers);
  const std::vector<std::string> sample = Sample(leader);
  const std::vector<Answer> before = Answers(followers[0], sample);
  // The leader, frozen, cannot put its own pointer back before the followers look.
  ASSERT_EQ(::kill(ringd_[leader]->pid(), SIGSTOP), 0);

  natsConnection* connection = nullptr;
  ASSERT_EQ(natsConnection_ConnectTo(&connection, urls_.c_str()), NATS_OK);
  std::unique_ptr<natsConnection, void (*)(natsConnection*)> owned(connection,
                                                                   natsConnection_Destroy);
  jsCtx* js = nullptr;
  ASSERT_EQ(natsConnection_JetStream(&js, connection, nullptr), NATS_OK);
  std::unique_ptr<jsCtx, void (*)(jsCtx*)> owned_js(js, jsCtx_Destroy);
  const std::string forged_version = std::to_string(version + 1);
  const std::string body = "not the clustering the digest names";
  const std::string claimed_digest(64, 'a');
  natsMsg* message = nullptr;
  const std::string subject = "ringgraph.clusterings." + forged_version;
  ASSERT_EQ(natsMsg_Create(&message, subject.c_str(), nullptr, body.data(),
                           static_cast<int>(body.size())),
            NATS_OK);
  natsMsgHeader_Set(message, "Ringgraph-Version", forged_version.c_str());
  natsMsgHeader_Set(message, "Ringgraph-Chunk", "0");
  natsMsgHeader_Set(message, "Ringgraph-Chunks", "1");
  natsMsgHeader_Set(message, "Ringgraph-Sha256", claimed_digest.c_str());
  jsPubAck* ack = nullptr;
  ASSERT_EQ(js_PublishMsg(&ack, js, message, nullptr, nullptr), NATS_OK);
  natsMsg_Destroy(message);
  const std::uint64_t sequence = ack->Sequence;
  jsPubAck_Destroy(ack);
  kvStore* meta = nullptr;
  ASSERT_EQ(js_KeyValue(&meta, js, "RINGGRAPH_CLUSTERINGS_META"), NATS_OK);
  const std::string pointer =
      nlohmann::json{{"version", version + 1}, {"sha256", claimed_digest},   {"chunks", 1},
                     {"bytes", body.size()},   {"first_sequence", sequence}, {"leader", "forger"}}
          .dump();
  ASSERT_EQ(kvStore_Put(nullptr, meta, "clustering.current", pointer.data(),
                        static_cast<int>(pointer.size())),
            NATS_OK);
  kvStore_Destroy(meta);

  for (int f : followers) {
    EXPECT_TRUE(WaitFor(
        [&] {
          return Metric(ringd_[f]->metrics_port(),
                        "ringgraph_clustering_installs_total{outcome=\"refused\"}") == 1;
        },
        20))
        << ringd_[f]->log();
    const std::string log = ringd_[f]->log();
    EXPECT_NE(log.find("refused clustering version " + forged_version + " published by 'forger'"),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("does not match the pointer's " + claimed_digest), std::string::npos) << log;
    EXPECT_EQ(Health(f).clusteringVersion, version);
    EXPECT_EQ(Answers(f, sample), before);
  }
  ASSERT_EQ(::kill(ringd_[leader]->pid(), SIGCONT), 0);
  // Thawed, the leader (or whoever holds the lease now) points the others back at its version,
  // which they already serve: nothing changes.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  for (int f : followers) {
    EXPECT_EQ(Health(f).clusteringVersion, version) << ringd_[f]->log();
    EXPECT_EQ(Answers(f, sample), before);
  }
}

// The labels of cluster `cluster` as replica i serves them ("verdict: note").
std::vector<std::string> ClusterLabels(int port, std::int64_t cluster) {
  ApiClient client(port, kReadToken);
  api::ClusterDetail detail;
  client->getClusterDetail(detail, cluster, 0, 1);
  return detail.labels;
}

bool Holds(const std::vector<std::string>& labels, const std::string& label) {
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

// Issue 13: a label put on a follower reaches every replica through the analyst stream, and
// the leader's next detection floors the labelled ring; the followers install that version.
TEST_F(DetectionLeaderTest, LabelOnAFollowerReachesEveryReplicaAndTheLeadersNextDetection) {
  const int leader = WaitForOneLeader({0, 1, 2}, 30);
  ASSERT_GE(leader, 0);
  const std::vector<int> followers = AllBut(leader);
  const std::int64_t version = DetectAndWaitForFollowers(leader, followers);
  // An unflagged cluster whose account an analyst calls a ring, and another cluster labelled
  // as a whole.
  std::optional<Answer> unflagged;
  std::int64_t other_cluster = 0;
  for (const Answer& a : Answers(leader, Sample(leader))) {
    if (!a.in_cluster) continue;
    if (!unflagged.has_value() && !a.flagged && a.ring_score < 0.9) {
      unflagged = a;
    } else if (other_cluster == 0 && unflagged.has_value() && a.cluster != unflagged->cluster) {
      other_cluster = a.cluster;
    }
  }
  ASSERT_TRUE(unflagged.has_value()) << "no unflagged cluster to label";
  ASSERT_NE(other_cluster, 0);
  {
    ApiClient client(ringd_[followers[0]]->port(), kWriteToken);
    client->label("account:" + unflagged->account, "ring", "seen on the follower");
    client->label("cluster:" + std::to_string(other_cluster), "ring", "whole cluster");
    // A bad label is refused as without --nats, and never published.
    try {
      client->label("account:" + unflagged->account, "maybe", "");
      ADD_FAILURE() << "a bad verdict was accepted";
    } catch (const api::RingGraphError& e) {
      EXPECT_EQ(e.code, api::ErrorCode::INVALID_ARGUMENT) << e.message;
    }
    try {
      client->label("account:no-such-account", "ring", "");
      ADD_FAILURE() << "a label for an unknown account was accepted";
    } catch (const api::RingGraphError& e) {
      EXPECT_EQ(e.code, api::ErrorCode::NOT_FOUND) << e.message;
    }
  }
  // The replica that took the label serves it at once; the others within seconds.
  EXPECT_TRUE(
      Holds(ClusterLabels(ringd_[followers[0]]->port(), other_cluster), "ring: whole cluster"));
  for (int i = 0; i < kReplicas; ++i) {
    EXPECT_TRUE(WaitForApplied(i, 2)) << ringd_[i]->log();
    EXPECT_TRUE(Holds(ClusterLabels(ringd_[i]->port(), other_cluster), "ring: whole cluster"))
        << Name(i);
    EXPECT_EQ(AnalystRecords(i, "rejected"), 0);
  }
  const std::int64_t next = DetectAndWaitForFollowers(leader, followers);
  EXPECT_GT(next, version);
  for (int i = 0; i < kReplicas; ++i) {
    const std::vector<Answer> after = Answers(i, {unflagged->account});
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].version, next) << Name(i);
    EXPECT_TRUE(after[0].in_cluster) << after[0];
    // The floor is 0.95; the score is stored as a float.
    EXPECT_GE(after[0].ring_score, 0.95 - 1e-6)
        << Name(i) << ": " << after[0] << ", before " << *unflagged;
  }
}

// A partner's bundle imported on one replica is on every replica: importing it again anywhere
// else finds every indicator already there.
TEST_F(DetectionLeaderTest, IndicatorBundleImportedOnOneReplicaIsOnEveryReplica) {
  const int leader = WaitForOneLeader({0, 1, 2}, 30);
  ASSERT_GE(leader, 0);
  const std::vector<int> followers = AllBut(leader);
  DetectAndWaitForFollowers(leader, followers);
  std::string bundle;
  {
    ApiClient client(ringd_[leader]->port(), kWriteToken);
    client->exportIndicators(bundle, "consortium", 0.0, {}, "Lab P", "");
  }
  ASSERT_NE(bundle.find("indicator"), std::string::npos) << bundle.substr(0, 500);
  api::ImportResult first;
  {
    ApiClient client(ringd_[followers[0]]->port(), kWriteToken);
    client->importIndicators(first, bundle, "partner-p");
    // A malformed bundle is refused as without --nats, and never published.
    api::ImportResult refused;
    try {
      client->importIndicators(refused, "{\"type\": \"report\"}", "partner-p");
      ADD_FAILURE() << "a malformed bundle was accepted";
    } catch (const api::RingGraphError& e) {
      EXPECT_EQ(e.code, api::ErrorCode::INVALID_ARGUMENT) << e.message;
    }
  }
  EXPECT_GT(first.indicators, 0);
  EXPECT_EQ(first.newOrUpdated, first.indicators);
  EXPECT_GT(first.matchedAccounts, 0);
  EXPECT_EQ(first.partner, "partner-p");
  for (int i = 0; i < kReplicas; ++i) {
    EXPECT_TRUE(WaitForApplied(i, 1)) << ringd_[i]->log();
  }
  // Each import answers from the replica's own store after applying: nothing new anywhere.
  for (int i : {followers[1], leader, followers[0]}) {
    ApiClient client(ringd_[i]->port(), kWriteToken);
    api::ImportResult again;
    client->importIndicators(again, bundle, "partner-p");
    EXPECT_EQ(again.indicators, first.indicators) << Name(i);
    EXPECT_EQ(again.newOrUpdated, 0) << Name(i);
    // The same everywhere: a follower learns the templates from its own kept prompts before
    // installing the leader's version, so it holds the template values the leader's run stored
    // (before it did, the leader matched 131 accounts and a follower 117).
    EXPECT_EQ(again.matchedAccounts, first.matchedAccounts) << Name(i);
  }
}

// Garbage published straight onto the analyst subjects is counted as rejected, logged with its
// stream sequence and skipped on every replica; the next good label still applies everywhere.
TEST_F(DetectionLeaderTest, GarbageOnTheAnalystStreamIsSkippedAndTheNextLabelApplies) {
  const int leader = WaitForOneLeader({0, 1, 2}, 30);
  ASSERT_GE(leader, 0);
  const std::vector<int> followers = AllBut(leader);
  DetectAndWaitForFollowers(leader, followers);
  std::int64_t cluster = 0;
  for (const Answer& a : Answers(leader, Sample(leader))) {
    if (a.in_cluster) cluster = a.cluster;
  }
  ASSERT_NE(cluster, 0);
  // A label first, so that the stream exists, then the garbage.
  {
    ApiClient client(ringd_[followers[1]]->port(), kWriteToken);
    client->label("cluster:" + std::to_string(cluster), "benign", "first");
  }
  natsConnection* connection = nullptr;
  ASSERT_EQ(natsConnection_ConnectTo(&connection, urls_.c_str()), NATS_OK);
  std::unique_ptr<natsConnection, void (*)(natsConnection*)> owned(connection,
                                                                   natsConnection_Destroy);
  jsCtx* js = nullptr;
  ASSERT_EQ(natsConnection_JetStream(&js, connection, nullptr), NATS_OK);
  std::unique_ptr<jsCtx, void (*)(jsCtx*)> owned_js(js, jsCtx_Destroy);
  const std::vector<std::pair<std::string, std::string>> garbage = {
      {"ringgraph.analyst.label", "not json at all"},
      {"ringgraph.analyst.label", R"({"target":"cluster:)" + std::to_string(cluster) +
                                      R"(","verdict":"maybe","note":"","at":1})"},
      {"ringgraph.analyst.indicators", "{\"type\": \"bundle\"}"},
  };
  std::vector<std::uint64_t> sequences;
  for (const auto& [subject, body] : garbage) {
    jsPubAck* ack = nullptr;
    ASSERT_EQ(js_Publish(&ack, js, subject.c_str(), body.data(), static_cast<int>(body.size()),
                         nullptr, nullptr),
              NATS_OK);
    sequences.push_back(ack->Sequence);
    jsPubAck_Destroy(ack);
  }
  {
    ApiClient client(ringd_[followers[0]]->port(), kWriteToken);
    client->label("cluster:" + std::to_string(cluster), "ring", "after the garbage");
  }
  for (int i = 0; i < kReplicas; ++i) {
    EXPECT_TRUE(WaitForApplied(i, 2)) << ringd_[i]->log();
    EXPECT_EQ(AnalystRecords(i, "rejected"), 3) << ringd_[i]->log();
    const std::vector<std::string> labels = ClusterLabels(ringd_[i]->port(), cluster);
    EXPECT_TRUE(Holds(labels, "ring: after the garbage")) << Name(i);
    EXPECT_FALSE(Holds(labels, "benign: first")) << Name(i);
    const std::string log = ringd_[i]->log();
    for (std::uint64_t sequence : sequences) {
      EXPECT_NE(log.find("analyst stream sequence " + std::to_string(sequence) + ": "),
                std::string::npos)
          << log;
    }
    EXPECT_NE(log.find("verdict 'maybe' must be ring or benign"), std::string::npos) << log;
  }
  // Restarted, a replica applies nothing twice: the mark is in its store.
  const int restarted = followers[0];
  EXPECT_EQ(ringd_[restarted]->Stop(), 0);
  ASSERT_TRUE(StartReplica(restarted)) << ringd_[restarted]->log();
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(AnalystRecords(restarted, "applied"), 0);
  EXPECT_EQ(AnalystRecords(restarted, "rejected"), 0);
  EXPECT_TRUE(Holds(ClusterLabels(ringd_[restarted]->port(), cluster), "ring: after the garbage"));
}

// nats.c's process-wide threads, released after the last test so that LeakSanitizer sees none.
class NatsLibrary : public ::testing::Environment {
 public:
  void TearDown() override { nats_CloseAndWait(1000); }
};
const auto* const kNatsLibrary = ::testing::AddGlobalTestEnvironment(new NatsLibrary);

}  // namespace
}  // namespace ringgraph::e2e
