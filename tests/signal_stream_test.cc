// The signal stream end to end: a real nats-server with JetStream on loopback, `ringctl publish`
// and raw NATS publishes, and ringd --nats consuming into its store. Checks that the stream
// builds the same store as file ingest, that kill -9 mid-stream neither loses nor double-counts
// a record, that bad messages are counted and passed over, and that ringd keeps serving (and
// retrying) while NATS is down.
#include "service/stream/signal_stream.h"

#include <gtest/gtest.h>
#include <nats/nats.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/nats_harness.h"
#include "tests/ringd_harness.h"

namespace ringgraph::e2e {
namespace {

using Clock = std::chrono::steady_clock;

using ringgraph::testing::FreePort;

class SignalStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.Sub("empty.csv")) << "account,kind,value,ts\n";
    CommandResult r = RunCommand(Ringctl() + " --data " + dir_.Sub("data") + " --secret-file " +
                                     dir_.Sub("secret") + " ingest --create-secret --quiet " +
                                     dir_.Sub("empty.csv"),
                                 dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    WriteTokensFile(dir_.Sub("tokens"));
    nats_ = std::make_unique<NatsServer>(dir_, FreePort());
    ASSERT_TRUE(nats_->Start()) << "nats-server (Debian package nats-server) did not start:\n"
                                << nats_->log();
  }

  // Generates a population and returns its signals file.
  std::string Population(int accounts, int seed) {
    const std::string out = dir_.Sub("pop" + std::to_string(seed));
    CommandResult r =
        RunCommand(Ringctl() + " gen --accounts " + std::to_string(accounts) +
                       " --rings 2 --seed " + std::to_string(seed) + " --quiet --out " + out,
                   dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out + "/signals.csv";
  }

  // Publishes a file with ringctl publish; returns the number of records stored by the stream.
  long long Publish(const std::string& file) {
    CommandResult r = RunCommand(Ringctl() + " publish --nats " + nats_->url() + " " + file, dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::smatch m;
    const std::regex stored("publish: ([0-9]+) records to stream");
    EXPECT_TRUE(std::regex_search(r.out, m, stored)) << r.out;
    return m.empty() ? -1 : std::stoll(m[1]);
  }

  // The store's counts that ingest by file and by stream must agree on (templates are learned
  // at the end of a file ingest, and by ringd before detection, so they are left out).
  nlohmann::json Counts(const std::string& data) {
    CommandResult r = RunCommand(
        Ringctl() + " --data " + data + " --secret-file " + dir_.Sub("secret") + " stats --json",
        dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    nlohmann::json stats = nlohmann::json::parse(r.out);
    return {
        {"accounts", stats["accounts"]},        {"records", stats["records"]},
        {"prompts", stats["prompts"]},          {"payment", stats["signals_by_kind"]["payment"]},
        {"ip", stats["signals_by_kind"]["ip"]}, {"device", stats["signals_by_kind"]["device"]}};
  }

  nlohmann::json FileIngestCounts(const std::string& file) {
    const std::string data = dir_.Sub("by-file");
    CommandResult r = RunCommand(Ringctl() + " --data " + data + " --secret-file " +
                                     dir_.Sub("secret") + " ingest --quiet " + file,
                                 dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Counts(data);
  }

  bool StartRingd(RingdProcess& ringd, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"--nats", nats_->url(), "--nats-consumer", "replica-1"};
    args.insert(args.end(), extra.begin(), extra.end());
    return ringd.Start(dir_, args);
  }

  TempDir dir_{"signal-stream"};
  std::unique_ptr<NatsServer> nats_;
};

TEST_F(SignalStreamTest, StreamBuildsTheSameStoreAsFileIngest) {
  const std::string file = Population(3000, 11);
  const long long published = Publish(file);
  ASSERT_GT(published, 10000);
  RingdProcess ringd;
  ASSERT_TRUE(StartRingd(ringd)) << ringd.log();
  ASSERT_TRUE(WaitFor([&] {
    return Metric(ringd.metrics_port(), "ringgraph_stream_committed_sequence") == published;
  })) << ringd.log();
  EXPECT_EQ(Metric(ringd.metrics_port(), "ringgraph_stream_lag_records"), 0);
  EXPECT_EQ(Metric(ringd.metrics_port(), "ringgraph_stream_connected"), 1);
  EXPECT_EQ(Metric(ringd.metrics_port(), "ringgraph_stream_records_total{outcome=\"committed\"}"),
            published);
  ApiClient client(ringd.port());
  api::HealthStatus health;
  client->health(health);
  EXPECT_NE(
      health.detail.find("connected, committed sequence " + std::to_string(published) + ", lag 0"),
      std::string::npos)
      << health.detail;
  EXPECT_EQ(ringd.Stop(), 0) << ringd.log();
  EXPECT_EQ(Counts(dir_.Sub("data")), FileIngestCounts(file));
}

// nats.c 3.4 overruns natsSubscription_Fetch's message array when more than half its batch is
// already waiting in the subscription (the rest of an earlier pull cut short by its timeout):
// the heap corruption that killed replicas under load. The consumers ask SafeToFetch first: it
// refuses a batch the waiting messages would overrun and allows one they cannot, and a fetch it
// allows returns no more than its batch.
TEST_F(SignalStreamTest, FetchingPastThePartOfAPullCutShortIsRefusedOnlyWhenUnsafe) {
  stream::StreamSettings settings;
  settings.urls = nats_->url();
  {
    auto publisher = stream::SignalPublisher::Create(settings);
    ASSERT_TRUE(publisher.ok()) << publisher.status().message();
    for (int i = 0; i < 30000; ++i) {
      const RawRecord record{"acct-" + std::to_string(i % 3000), "ip",
                             "10.1." + std::to_string(i / 250) + "." + std::to_string(i % 250),
                             std::to_string(1700000000 + i)};
      ASSERT_TRUE((*publisher)->Publish(record).ok());
    }
    ASSERT_TRUE((*publisher)->Finish().ok());
  }
  auto connection = stream::StreamConnection::Connect(settings);
  ASSERT_TRUE(connection.ok()) << connection.status().message();
  int cut_short = 0;
  for (int attempt = 0; attempt < 60 && cut_short == 0; ++attempt) {
    auto subscription = (*connection)
                            ->ConsumeFrom(stream::kDefaultStreamName, stream::kAllSignalsSubject,
                                          "late-pull", 0, 40000);
    ASSERT_TRUE(subscription.ok()) << subscription.status().message();
    EXPECT_TRUE(stream::SafeToFetch(*subscription, 1).ok());  // nothing waits in a new one
    natsMsgList list{};
    jsErrCode code = static_cast<jsErrCode>(0);
    // Too short for 10,000 messages to arrive: the rest of the pull lands after the fetch.
    natsSubscription_Fetch(&list, *subscription, 10000, 15 + (attempt % 10) * 5, &code);
    natsMsgList_Destroy(&list);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    int waiting = 0, bytes = 0;
    ASSERT_EQ(natsSubscription_GetPending(*subscription, &waiting, &bytes), NATS_OK);
    if (waiting < 10) continue;  // the pull was not cut short (a late status or two at most)
    cut_short = waiting;
    // Fetch, what the consumers call, asks SafeToFetch and does not fetch when it refuses.
    const auto refused = stream::Fetch(*subscription, waiting, 5000, stream::kDefaultStreamName);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), Status::Code::kIoError) << refused.status().message();
    EXPECT_NE(
        refused.status().message().find(std::to_string(waiting) + " messages of a pull cut short"),
        std::string::npos)
        << refused.status().message();
    int still_waiting = 0;
    ASSERT_EQ(natsSubscription_GetPending(*subscription, &still_waiting, &bytes), NATS_OK);
    EXPECT_GE(still_waiting, waiting);
    const int safe_batch = 4 * waiting;
    const auto allowed = stream::Fetch(*subscription, safe_batch, 5000, stream::kDefaultStreamName);
    ASSERT_TRUE(allowed.ok()) << allowed.status().message();
    EXPECT_GE(allowed->size(), waiting);
    EXPECT_LE(allowed->size(), safe_batch);
  }
  EXPECT_GT(cut_short, 0) << "no pull of 60 was cut short by its timeout";
}

TEST_F(SignalStreamTest, KillNineMidStreamNeitherLosesNorDoubleCounts) {
  const std::string file = Population(3000, 12);
  const long long published = Publish(file);
  ASSERT_GT(published, 10000);
  RingdProcess ringd;
  // Small batches: many durable commits, so the kill lands between two of them or inside one.
  ASSERT_TRUE(StartRingd(ringd, {"--nats-batch", "20"})) << ringd.log();
  double committed = 0;
  ASSERT_TRUE(WaitFor([&] {
    committed = Metric(ringd.metrics_port(), "ringgraph_stream_committed_sequence");
    return committed >= published / 4;
  })) << ringd.log();
  ASSERT_LT(committed, published) << "ringd finished before the kill; nothing was tested";
  EXPECT_EQ(ringd.Stop(SIGKILL), 128 + SIGKILL);

  RingdProcess again;
  ASSERT_TRUE(StartRingd(again)) << again.log();
  ASSERT_TRUE(WaitFor([&] {
    return Metric(again.metrics_port(), "ringgraph_stream_committed_sequence") == published;
  })) << again.log();
  // It resumed from the store's mark, not from the start (both runs log to one file; the
  // analyst stream's consumer logs a "from sequence" line of its own).
  const std::string log = again.log();
  const std::string signal_line = "consuming stream 'RINGGRAPH_SIGNALS' as ";
  const std::size_t line = log.rfind(signal_line);
  ASSERT_NE(line, std::string::npos) << log;
  const std::size_t resumed = log.find("' from sequence ", line);
  ASSERT_NE(resumed, std::string::npos) << log;
  EXPECT_GT(std::stoll(log.substr(resumed + 16)), 1) << log;
  EXPECT_EQ(again.Stop(), 0) << again.log();
  EXPECT_EQ(Counts(dir_.Sub("data")), FileIngestCounts(file));
  CommandResult check = RunCommand(
      Ringctl() + " --data " + dir_.Sub("data") + " --secret-file " + dir_.Sub("secret") + " check",
      dir_);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(SignalStreamTest, BadMessagesAreCountedLoggedAndPassedOver) {
  // What a broken gateway might publish, straight through NATS, then good records.
  natsConnection* connection = nullptr;
  ASSERT_EQ(natsConnection_ConnectTo(&connection, nats_->url().c_str()), NATS_OK);
  std::unique_ptr<natsConnection, void (*)(natsConnection*)> owned(connection,
                                                                   natsConnection_Destroy);
  std::ofstream(dir_.Sub("good.csv")) << "account,kind,value,ts\n"
                                         "good-1,ip,10.1.2.3,1790000000\n"
                                         "good-2,ip,10.1.2.3,1790000001\n";
  ASSERT_EQ(Publish(dir_.Sub("good.csv")), 2);  // creates the stream
  jsCtx* js = nullptr;
  ASSERT_EQ(natsConnection_JetStream(&js, connection, nullptr), NATS_OK);
  std::unique_ptr<jsCtx, void (*)(jsCtx*)> owned_js(js, jsCtx_Destroy);
  const std::vector<std::string> bad = {
      "not json at all",
      R"({"account": "a-1"})",                                                     // fields missing
      R"({"account": "a-2", "kind": "phone", "value": "1", "ts": "1790000000"})",  // unknown kind
      "{\"account\": \"a-3\",\n\"kind\": \"ip\", \"value\": \"10.0.0.1\", \"ts\": \"1\"}", ""};
  for (const std::string& body : bad) {
    ASSERT_EQ(js_Publish(nullptr, js, "ringgraph.signals.ip", body.data(),
                         static_cast<int>(body.size()), nullptr, nullptr),
              NATS_OK);
  }
  std::ofstream(dir_.Sub("after.csv")) << "account,kind,value,ts\n"
                                          "good-3,ip,10.1.2.3,1790000002\n";
  ASSERT_EQ(Publish(dir_.Sub("after.csv")), 1);
  const long long last = 2 + static_cast<long long>(bad.size()) + 1;

  RingdProcess ringd;
  ASSERT_TRUE(StartRingd(ringd)) << ringd.log();
  ASSERT_TRUE(WaitFor([&] {
    return Metric(ringd.metrics_port(), "ringgraph_stream_committed_sequence") == last;
  })) << ringd.log();
  const int port = ringd.metrics_port();
  EXPECT_EQ(Metric(port, "ringgraph_stream_records_total{outcome=\"rejected\"}"), bad.size());
  EXPECT_EQ(Metric(port, "ringgraph_stream_records_total{outcome=\"committed\"}"), 3);
  const std::string log = ringd.log();
  for (int sequence = 3; sequence <= 7; ++sequence) {
    EXPECT_NE(log.find("stream sequence " + std::to_string(sequence) + ": "), std::string::npos)
        << sequence << "\n"
        << log;
  }
  EXPECT_NE(log.find("kind 'phone'"), std::string::npos) << log;
  EXPECT_EQ(ringd.Stop(), 0);
  EXPECT_EQ(Counts(dir_.Sub("data"))["accounts"], 3);
}

TEST_F(SignalStreamTest, RingdServesWhileNatsIsDownAndConsumesOnceItIsBack) {
  const int port = FreePort();
  NatsServer later(dir_, port);
  RingdProcess ringd;
  ASSERT_TRUE(ringd.Start(dir_, {"--nats", later.url(), "--nats-consumer", "replica-1"}))
      << ringd.log();
  ASSERT_TRUE(WaitFor([&] {
    return ringd.log().find("error: signal stream") != std::string::npos;
  })) << ringd.log();
  EXPECT_EQ(Metric(ringd.metrics_port(), "ringgraph_stream_connected"), 0);
  ApiClient client(ringd.port(), kReadToken);
  api::HealthStatus health;
  client->health(health);  // calls are answered meanwhile
  EXPECT_TRUE(health.serving);
  EXPECT_NE(health.detail.find("signal stream 'RINGGRAPH_SIGNALS': disconnected"),
            std::string::npos)
      << health.detail;

  ASSERT_TRUE(later.Start()) << later.log();
  std::ofstream(dir_.Sub("late.csv")) << "account,kind,value,ts\nlate-1,ip,10.9.9.9,1790000000\n";
  RunCommand(Ringctl() + " publish --nats " + later.url() + " " + dir_.Sub("late.csv"), dir_);
  EXPECT_TRUE(WaitFor([&] {
    return Metric(ringd.metrics_port(), "ringgraph_stream_committed_sequence") == 1;
  })) << ringd.log();
  EXPECT_EQ(Metric(ringd.metrics_port(), "ringgraph_stream_connected"), 1);
  EXPECT_EQ(ringd.Stop(), 0);
}

// ringctl publish's bad input: a malformed record is reported with its line and skipped while
// the good ones are stored (exit 3), and an unreachable server is a clear error.
TEST_F(SignalStreamTest, PublishReportsBadRecordsAndAnUnreachableServer) {
  std::ofstream(dir_.Sub("mixed.csv")) << "account,kind,value,ts\n"
                                          "p-1,ip,10.1.2.3,1790000000\n"
                                          "p-2,ip\n"
                                          "p-3,ip,10.1.2.4,1790000001\n";
  CommandResult r =
      RunCommand(Ringctl() + " publish --nats " + nats_->url() + " " + dir_.Sub("mixed.csv"), dir_);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("mixed.csv:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("publish: 2 records to stream"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 rejected"), std::string::npos) << r.out;
  RingdProcess ringd;
  ASSERT_TRUE(StartRingd(ringd)) << ringd.log();
  ASSERT_TRUE(WaitFor([&] {
    return Metric(ringd.metrics_port(), "ringgraph_stream_committed_sequence") == 2;
  })) << ringd.log();
  EXPECT_EQ(ringd.Stop(), 0);
  EXPECT_EQ(Counts(dir_.Sub("data"))["accounts"], 2);

  const std::string nowhere = "nats://127.0.0.1:" + std::to_string(FreePort());
  r = RunCommand(Ringctl() + " publish --nats " + nowhere + " " + dir_.Sub("mixed.csv"), dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("connect to NATS at " + nowhere), std::string::npos) << r.err;
}

// deploy/nats's three-server layout on free loopback ports: the stream is kept with three
// replicas, when one server is killed publishing and consuming go on, and when it is brought
// back it serves again.
TEST_F(SignalStreamTest, ThreeServerClusterKeepsTheStreamWhenOneServerDies) {
  NatsCluster cluster(dir_, 3, "cluster");
  std::string failed;
  ASSERT_TRUE(cluster.Start(&failed)) << failed;
  const std::string& urls = cluster.urls();
  // Publishes until the cluster takes it: right after start, and after a server is lost, it
  // elects leaders for a few seconds.
  auto publish = [&](const std::string& file, const std::string& extra,
                     const std::string& servers) {
    CommandResult r;
    WaitFor(
        [&] {
          r = RunCommand(Ringctl() + " publish --nats " + servers + " " + extra + " " + file, dir_);
          return r.exit_code == 0;
        },
        60);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::smatch m;
    std::regex_search(r.out, m, std::regex("publish: ([0-9]+) records"));
    return m.empty() ? -1LL : std::stoll(m[1]);
  };
  const long long first = publish(Population(1000, 21), "--replicas 3", urls);
  ASSERT_GT(first, 0);
  RingdProcess ringd;
  ASSERT_TRUE(ringd.Start(dir_, {"--nats", urls, "--nats-consumer", "replica-1"})) << ringd.log();
  ASSERT_TRUE(WaitFor([&] {
    return Metric(ringd.metrics_port(), "ringgraph_stream_committed_sequence") == first;
  })) << ringd.log();

  cluster.server(0).Stop(SIGKILL);
  const long long second = publish(Population(500, 22), "", urls);
  ASSERT_GT(second, 0);
  EXPECT_TRUE(WaitFor([&] {
    return Metric(ringd.metrics_port(), "ringgraph_stream_committed_sequence") == first + second;
  })) << ringd.log();

  // Brought back, the server rejoins the cluster: records published through it alone reach the
  // stream and ringd.
  ASSERT_TRUE(cluster.server(0).Start()) << cluster.server(0).log();
  const long long third = publish(Population(300, 23), "", cluster.server(0).url());
  ASSERT_GT(third, 0);
  EXPECT_TRUE(WaitFor([&] {
    return Metric(ringd.metrics_port(), "ringgraph_stream_committed_sequence") ==
           first + second + third;
  })) << ringd.log();
  EXPECT_EQ(ringd.Stop(), 0);
  EXPECT_EQ(Counts(dir_.Sub("data"))["records"], first + second + third);
}

// nats.c's process-wide threads, released after the last test so that LeakSanitizer sees none.
class NatsLibrary : public ::testing::Environment {
 public:
  void TearDown() override { nats_CloseAndWait(1000); }
};
const auto* const kNatsLibrary = ::testing::AddGlobalTestEnvironment(new NatsLibrary);

}  // namespace
}  // namespace ringgraph::e2e
