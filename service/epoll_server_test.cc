// The epoll server on its own: a real EpollServer on loopback running the generated processor
// over the real handler, on a real store holding a seeded population that detection has run on,
// called by real Thrift clients (binary protocol, framed, over TSocket, as ringd's clients are)
// and by raw sockets for the bytes a Thrift client would never send.
//
// The handler each connection gets is the real one behind a thin wrapper that records which
// thread answered each call, in what order the calls finished, and can hold explainCluster (an
// offloaded method) at a gate, so that "a slow call is in progress" is a state the test controls
// instead of a race it hopes to win. The wrapper changes no answer.
//
// Every wait is bounded: clients time out after a few seconds, the gate and Serve() too.
#include "service/epoll_server.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <gtest/gtest.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TSocket.h>
#include <thrift/transport/TTransportException.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "service/api_methods.h"
#include "service/service_test_population.h"
#include "service/thrift_handler.h"
#include "tests/raw_socket.h"

namespace ringgraph::service {
namespace {

using apache::thrift::protocol::TBinaryProtocol;
using apache::thrift::transport::TFramedTransport;
using apache::thrift::transport::TMemoryBuffer;
using apache::thrift::transport::TSocket;
using apache::thrift::transport::TTransportException;
using Clock = std::chrono::steady_clock;

const std::string kReadToken = "read-token-for-epoll-server-tests";
constexpr int kClientTimeoutMs = 5000;
constexpr auto kGateTimeout = std::chrono::seconds(10);

// Holds explainCluster until opened. Closed, a call waits at most kGateTimeout (then goes on),
// so a failing test cannot hang on it.
class Gate {
 public:
  void Close() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = false;
  }
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = true;
    }
    changed_.notify_all();
  }
  void Pass() {
    std::unique_lock<std::mutex> lock(mutex_);
    ++waiting_;
    changed_.notify_all();
    changed_.wait_for(lock, kGateTimeout, [&] { return open_; });
    --waiting_;
  }
  // Waits until `n` calls wait at the gate; false after `timeout`.
  bool AwaitWaiting(int n, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return waiting_ >= n; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = true;
  int waiting_ = 0;
};

// One finished call as the handler saw it.
struct CallRecord {
  int connection;  // the handler's number: one handler per connection
  std::string method;
  std::thread::id thread;
};

class CallLog {
 public:
  void Add(int connection, const char* method) {
    std::lock_guard<std::mutex> lock(mutex_);
    records_.push_back({connection, method, std::this_thread::get_id()});
  }
  std::vector<CallRecord> Records() {
    std::lock_guard<std::mutex> lock(mutex_);
    return records_;
  }

 private:
  std::mutex mutex_;
  std::vector<CallRecord> records_;
};

// The real handler; logs each call when it has finished, and holds explainCluster at the gate.
class RecordingHandler final : public api::RingGraphIf {
 public:
  RecordingHandler(int id, HandlerContext& context, CallLog& log, Gate& gate)
      : id_(id), real_(context, nullptr), log_(log), gate_(gate) {}

  void authenticate(api::Session& out, const std::string& token) override {
    Logged("authenticate", [&] { real_.authenticate(out, token); });
  }
  void getCluster(api::Membership& out, const std::string& account) override {
    Logged("getCluster", [&] { real_.getCluster(out, account); });
  }
  void getClusters(std::vector<api::Membership>& out,
                   const std::vector<std::string>& accounts) override {
    Logged("getClusters", [&] { real_.getClusters(out, accounts); });
  }
  void getClusterDetail(api::ClusterDetail& out, int64_t cluster_id, int32_t offset,
                        int32_t limit) override {
    Logged("getClusterDetail", [&] { real_.getClusterDetail(out, cluster_id, offset, limit); });
  }
  void explainCluster(api::ClusterExplanation& out, int64_t cluster_id) override {
    gate_.Pass();
    Logged("explainCluster", [&] { real_.explainCluster(out, cluster_id); });
  }
  void explainLink(api::LinkExplanation& out, const std::string& a, const std::string& b) override {
    Logged("explainLink", [&] { real_.explainLink(out, a, b); });
  }
  void topRings(std::vector<api::RingSummary>& out, int32_t limit, double min_score) override {
    Logged("topRings", [&] { real_.topRings(out, limit, min_score); });
  }
  void ingest(api::IngestResult& out, const std::vector<api::Signal>& signals) override {
    Logged("ingest", [&] { real_.ingest(out, signals); });
  }
  void label(const std::string& target, const std::string& verdict,
             const std::string& note) override {
    Logged("label", [&] { real_.label(target, verdict, note); });
  }
  void runDetection(api::DetectionStatus& out) override {
    Logged("runDetection", [&] { real_.runDetection(out); });
  }
  void detectionStatus(api::DetectionStatus& out) override {
    Logged("detectionStatus", [&] { real_.detectionStatus(out); });
  }
  void exportIndicators(std::string& out, const std::string& key_name, double min_score,
                        const std::vector<int64_t>& rings, const std::string& lab,
                        const std::string& tlp) override {
    Logged("exportIndicators",
           [&] { real_.exportIndicators(out, key_name, min_score, rings, lab, tlp); });
  }
  void importIndicators(api::ImportResult& out, const std::string& bundle,
                        const std::string& partner) override {
    Logged("importIndicators", [&] { real_.importIndicators(out, bundle, partner); });
  }
  void health(api::HealthStatus& out) override {
    Logged("health", [&] { real_.health(out); });
  }
  void version(std::string& out) override {
    Logged("version", [&] { real_.version(out); });
  }

 private:
  template <typename Body>
  void Logged(const char* method, Body&& body) {
    body();  // a RingGraphError passes through unlogged: the tests log answers only
    log_.Add(id_, method);
  }

  int id_;
  RingGraphHandler real_;
  CallLog& log_;
  Gate& gate_;
};

class RecordingHandlerFactory final : public api::RingGraphIfFactory {
 public:
  RecordingHandlerFactory(HandlerContext& context, CallLog& log, Gate& gate)
      : context_(context), log_(log), gate_(gate) {}
  api::RingGraphIf* getHandler(const apache::thrift::TConnectionInfo&) override {
    return new RecordingHandler(next_id_++, context_, log_, gate_);
  }
  void releaseHandler(api::RingGraphIf* handler) override {
    ++released_;
    delete handler;
  }
  int created() const { return next_id_.load(); }
  int released() const { return released_.load(); }

 private:
  HandlerContext& context_;
  CallLog& log_;
  Gate& gate_;
  std::atomic<int> next_id_{0};
  std::atomic<int> released_{0};
};

// A Thrift client as ringd's are: binary protocol, framed, over a TSocket with timeouts.
// Requests are written to `pending` and sent with Send(), so that several can leave in one write
// (pipelining); answers are read from the socket.
struct Client {
  std::shared_ptr<TSocket> socket;
  std::shared_ptr<TFramedTransport> in;
  std::shared_ptr<TMemoryBuffer> pending = std::make_shared<TMemoryBuffer>();
  std::unique_ptr<api::RingGraphClient> api;

  explicit Client(int port, const std::string& token = "") {
    socket = std::make_shared<TSocket>("127.0.0.1", port);
    socket->setConnTimeout(kClientTimeoutMs);
    socket->setRecvTimeout(kClientTimeoutMs);
    socket->setSendTimeout(kClientTimeoutMs);
    in = std::make_shared<TFramedTransport>(socket);
    api = std::make_unique<api::RingGraphClient>(
        std::make_shared<TBinaryProtocol>(in),
        std::make_shared<TBinaryProtocol>(std::make_shared<TFramedTransport>(pending)));
    socket->open();
    if (!token.empty()) {
      api::Session session;
      Call([&] { api->send_authenticate(token); }, [&] { api->recv_authenticate(session); });
    }
  }
  ~Client() {
    try {
      socket->close();
    } catch (...) {
    }
  }
  // Writes every request queued since the last Send() in one write.
  void Send() {
    std::string bytes = pending->getBufferAsString();
    pending->resetBuffer();
    socket->write(reinterpret_cast<const uint8_t*>(bytes.data()),
                  static_cast<uint32_t>(bytes.size()));
  }
  template <typename SendFn, typename RecvFn>
  void Call(SendFn&& send, RecvFn&& recv) {
    send();
    Send();
    recv();
  }
  api::Membership GetCluster(const std::string& account) {
    api::Membership m;
    Call([&] { api->send_getCluster(account); }, [&] { api->recv_getCluster(m); });
    return m;
  }
  std::string Version() {
    std::string v;
    Call([&] { api->send_version(); }, [&] { api->recv_version(v); });
    return v;
  }
  api::HealthStatus Health() {
    api::HealthStatus h;
    Call([&] { api->send_health(); }, [&] { api->recv_health(h); });
    return h;
  }
};

std::string Be32(std::uint32_t v) {
  return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                     static_cast<char>(v >> 8), static_cast<char>(v)};
}

int ConnectRaw(int port) { return testing::ConnectRaw(port, kClientTimeoutMs / 1000); }

bool WriteAll(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads until the peer closes; "closed" is false when the read timed out instead.
struct ReadOutcome {
  std::string bytes;
  bool closed = false;
};
ReadOutcome ReadUntilClosed(int fd) {
  ReadOutcome out;
  char buf[4096];
  while (true) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      out.bytes.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    out.closed = n == 0 || (n < 0 && (errno == ECONNRESET || errno == EPIPE));
    return out;
  }
}

// One request as a Thrift client frames it.
template <typename SendFn>
std::string RequestBytes(SendFn&& send) {
  auto buffer = std::make_shared<TMemoryBuffer>();
  api::RingGraphClient writer(
      std::make_shared<TBinaryProtocol>(buffer),
      std::make_shared<TBinaryProtocol>(std::make_shared<TFramedTransport>(buffer)));
  send(writer);
  return buffer->getBufferAsString();
}

int OpenDescriptors() {
  int count = 0;
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  while (dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] != '.') ++count;
  }
  ::closedir(dir);
  return count - 1;  // the directory's own
}

// Polls `condition` every 10 ms until it holds or `timeout` passes.
template <typename Condition>
bool Eventually(Condition&& condition, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!condition()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

class EpollServerTest : public ::testing::Test {
 protected:
  // One store for the suite: a population ingested and detected, read-only afterwards.
  static void SetUpTestSuite() {
    dir_ = new TempDir("epoll_server_test");
    service_ = test_population::OpenService(test_population::TestServiceOptions(*dir_)).release();
    ASSERT_NE(service_, nullptr);
    population_ = new test_population::Population(test_population::GeneratePopulation());
    Result<IngestAnswer> ingested = service_->Ingest(population_->records);
    ASSERT_TRUE(ingested.ok()) << ingested.status().ToString();
    Result<detection::DetectionSummary> detected = service_->RunDetection();
    ASSERT_TRUE(detected.ok()) << detected.status().ToString();
    auto tokens = access::TokenRegistry::Parse(
        "fraud-gateway read " + access::TokenRegistry::HashToken(kReadToken) + "\n", "tokens");
    ASSERT_TRUE(tokens.ok()) << tokens.status().ToString();
    tokens_ = new access::TokenRegistry(std::move(*tokens));
  }
  static void TearDownTestSuite() {
    delete tokens_;
    delete population_;
    delete service_;
    delete dir_;
  }

  void SetUp() override {
    ASSERT_NE(service_, nullptr);
    runner_ = std::make_unique<DetectionRunner>(*service_, nullptr, DetectionSchedule{},
                                                [](const std::string&) {});
    context_.service = service_;
    context_.detection = runner_.get();
    context_.tokens = tokens_;
    context_.log = [](const std::string&) {};
    for (const auto& [account, group] : population_->group_of) accounts_.push_back(account);
    ASSERT_GE(accounts_.size(), 200u);
    // A cluster to explain: the one the card farm's first member is in.
    const std::vector<std::string> farm = population_->GroupMembers("ring_cardfarm-");
    ASSERT_FALSE(farm.empty());
    RingGraphHandler direct(context_, nullptr);
    Authenticate(direct);
    api::Membership m;
    direct.getCluster(m, farm[0]);
    ASSERT_TRUE(m.inCluster);
    cluster_ = m.clusterId;
  }
  void TearDown() override {
    gate_.Open();
    StopServer();
    if (runner_ != nullptr) runner_->Stop();
  }

  static void Authenticate(RingGraphHandler& handler) {
    api::Session session;
    handler.authenticate(session, kReadToken);
  }

  // Starts the server on a free loopback port; returns once it listens.
  void StartServer(ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.model = "epoll";
    factory_ = std::make_shared<RecordingHandlerFactory>(context_, log_, gate_);
    server_ = MakeEpollServer(options, factory_);
    std::promise<int> listening;
    std::future<int> port = listening.get_future();
    served_ = std::async(std::launch::async, [this, &listening] {
      return server_->Serve([&](int p) { listening.set_value(p); });
    });
    ASSERT_EQ(port.wait_for(std::chrono::seconds(10)), std::future_status::ready)
        << "the server did not start listening";
    port_ = port.get();
  }

  // Stops the server; true when Serve() returned within `timeout` (and returned Ok).
  bool StopServer(std::chrono::milliseconds timeout = std::chrono::milliseconds(10000)) {
    if (!served_.valid()) return true;
    server_->Stop();
    if (served_.wait_for(timeout) != std::future_status::ready) {
      ADD_FAILURE() << "Serve() did not return after Stop()";
      std::fflush(nullptr);
      std::abort();  // a hung server would hang the test binary at exit; fail loudly instead
    }
    Status status = served_.get();
    EXPECT_TRUE(status.ok()) << status.ToString();
    return status.ok();
  }

  // The answers the handler gives directly, without a server.
  api::Membership DirectGetCluster(const std::string& account) {
    RingGraphHandler direct(context_, nullptr);
    Authenticate(direct);
    api::Membership m;
    direct.getCluster(m, account);
    return m;
  }
  api::ClusterExplanation DirectExplainCluster(std::int64_t cluster) {
    RingGraphHandler direct(context_, nullptr);
    Authenticate(direct);
    api::ClusterExplanation e;
    direct.explainCluster(e, cluster);
    return e;
  }

  static TempDir* dir_;
  static RingService* service_;
  static test_population::Population* population_;
  static access::TokenRegistry* tokens_;

  std::unique_ptr<DetectionRunner> runner_;
  HandlerContext context_;
  std::vector<std::string> accounts_;
  std::int64_t cluster_ = 0;
  CallLog log_;
  Gate gate_;
  std::shared_ptr<RecordingHandlerFactory> factory_;
  std::unique_ptr<ThriftServer> server_;
  std::future<Status> served_;
  int port_ = 0;
};
TempDir* EpollServerTest::dir_ = nullptr;
RingService* EpollServerTest::service_ = nullptr;
test_population::Population* EpollServerTest::population_ = nullptr;
access::TokenRegistry* EpollServerTest::tokens_ = nullptr;

TEST_F(EpollServerTest, ConcurrentClientsEachGetTheirOwnAnswersInOrder) {
  ServerOptions options;
  options.io_threads = 2;  // connections dealt across two loops
  StartServer(options);
  constexpr int kClients = 12;
  constexpr int kRounds = 5;
  constexpr int kPipelined = 16;
  std::map<std::string, api::Membership> expected;
  for (int i = 0; i < kClients * kPipelined; ++i) {
    expected[accounts_[i]] = DirectGetCluster(accounts_[i]);
  }
  const api::ClusterExplanation explanation = DirectExplainCluster(cluster_);

  std::atomic<int> wrong{0};
  std::vector<std::string> failures(kClients);
  std::vector<std::thread> threads;
  for (int t = 0; t < kClients; ++t) {
    threads.emplace_back([&, t] {
      try {
        Client client(port_, kReadToken);
        for (int round = 0; round < kRounds; ++round) {
          // Sixteen lookups of this client's own accounts in one write, with an offloaded call
          // in the middle: the lookups behind it wait for it, and all answer in order.
          std::vector<std::string> asked;
          for (int i = 0; i < kPipelined; ++i) {
            asked.push_back(accounts_[t * kPipelined + (i + round) % kPipelined]);
            client.api->send_getCluster(asked.back());
            if (i == kPipelined / 2) client.api->send_explainCluster(cluster_);
          }
          client.Send();
          for (int i = 0; i < kPipelined; ++i) {
            api::Membership m;
            client.api->recv_getCluster(m);
            if (!(m == expected.at(asked[i]))) {
              ++wrong;
              failures[t] = "answer " + std::to_string(i) + " was for " + m.account +
                            ", asked for " + asked[i];
            }
            if (i == kPipelined / 2) {
              api::ClusterExplanation e;
              client.api->recv_explainCluster(e);
              if (!(e == explanation)) {
                ++wrong;
                failures[t] = "the explanation differs";
              }
            }
          }
        }
      } catch (const std::exception& e) {
        ++wrong;
        failures[t] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  for (int t = 0; t < kClients; ++t) EXPECT_EQ(failures[t], "") << "client " << t;
  // One handler per connection, and each logged its own calls.
  std::map<int, int> calls_per_connection;
  for (const CallRecord& r : log_.Records()) ++calls_per_connection[r.connection];
  EXPECT_EQ(calls_per_connection.size(), static_cast<std::size_t>(kClients));
  for (const auto& [connection, calls] : calls_per_connection) {
    EXPECT_EQ(calls, 1 + kRounds * (kPipelined + 1)) << "connection " << connection;
  }
}

TEST_F(EpollServerTest, QuickCallsAreAnsweredOnTheLoopWhileAnOffloadedCallRuns) {
  // The methods this test calls, as api_methods.h classifies them.
  ASSERT_EQ(CostOf(Method::kExplainCluster), MethodCost::kOffloaded);
  ASSERT_EQ(CostOf(Method::kGetCluster), MethodCost::kQuick);
  ASSERT_EQ(CostOf(Method::kHealth), MethodCost::kQuick);
  ASSERT_EQ(CostOf(Method::kVersion), MethodCost::kQuick);
  StartServer();  // one event loop, as ringd runs by default
  const api::ClusterExplanation explanation = DirectExplainCluster(cluster_);

  gate_.Close();
  Client slow(port_, kReadToken);
  slow.api->send_explainCluster(cluster_);
  slow.api->send_getCluster(accounts_[0]);  // behind the slow call on the same connection
  slow.Send();
  ASSERT_TRUE(gate_.AwaitWaiting(1)) << "explainCluster never reached the handler";

  // The slow call holds an offload thread; another connection's quick calls are answered by
  // the loop meanwhile (were they queued behind it, they would time out).
  Client quick(port_, kReadToken);
  for (int i = 1; i <= 20; ++i) {
    EXPECT_EQ(quick.GetCluster(accounts_[i]), DirectGetCluster(accounts_[i]));
  }
  EXPECT_TRUE(quick.Health().serving);
  EXPECT_FALSE(quick.Version().empty());
  // ...and the slow connection's own lookup is not answered before its explanation.
  {
    std::vector<CallRecord> records = log_.Records();
    for (const CallRecord& r : records) {
      EXPECT_FALSE(r.connection == 0 && r.method != "authenticate")
          << r.method << " of the slow connection ran before its explanation";
    }
  }
  gate_.Open();
  api::ClusterExplanation e;
  slow.api->recv_explainCluster(e);
  EXPECT_EQ(e, explanation);
  api::Membership m;
  slow.api->recv_getCluster(m);
  EXPECT_EQ(m, DirectGetCluster(accounts_[0]));

  // Where each call ran: every quick call on the one event loop, the explanation elsewhere.
  std::set<std::thread::id> quick_threads;
  std::thread::id explain_thread;
  int order_explain = -1, order_slow_lookup = -1, index = 0;
  for (const CallRecord& r : log_.Records()) {
    if (r.method == "explainCluster") {
      explain_thread = r.thread;
      order_explain = index;
    } else {
      quick_threads.insert(r.thread);
      if (r.connection == 0 && r.method == "getCluster") order_slow_lookup = index;
    }
    ++index;
  }
  EXPECT_EQ(quick_threads.size(), 1u) << "quick calls ran on more than the one event loop";
  EXPECT_EQ(quick_threads.count(explain_thread), 0u) << "the explanation ran on the event loop";
  EXPECT_GE(order_explain, 0);
  EXPECT_GT(order_slow_lookup, order_explain);
}

TEST_F(EpollServerTest, BadInputClosesOnlyItsOwnConnection) {
  ServerOptions options;
  options.max_frame_bytes = 256 * 1024;
  StartServer(options);
  Client bystander(port_, kReadToken);
  // Counted once the server has served a connection, so its own descriptors are all open.
  // Startup may still hold a transient descriptor or two when the count is taken (once 18 here
  // and 16 at the end), so the end is checked for nothing more than this, not for equality.
  EXPECT_EQ(bystander.GetCluster(accounts_[0]), DirectGetCluster(accounts_[0]));
  const int baseline = OpenDescriptors();
  // A client that connects and sends nothing, and one that sends half a frame and waits: the
  // loop serves everyone else meanwhile, and does not close them.
  const int silent = ConnectRaw(port_);
  ASSERT_GE(silent, 0);
  const std::string version_request =
      RequestBytes([](api::RingGraphClient& c) { c.send_version(); });
  const int half = ConnectRaw(port_);
  ASSERT_GE(half, 0);
  ASSERT_TRUE(WriteAll(half, version_request.substr(0, 2)));

  auto expect_closed = [&](const std::string& bytes, const std::string& what) {
    SCOPED_TRACE(what);
    const int fd = ConnectRaw(port_);
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(WriteAll(fd, bytes));
    ReadOutcome read = ReadUntilClosed(fd);
    EXPECT_TRUE(read.closed) << "the server neither closed the connection nor answered in time";
    EXPECT_EQ(read.bytes.size(), 0u) << "the server answered instead of closing";
    ::close(fd);
    EXPECT_EQ(bystander.GetCluster(accounts_[1]), DirectGetCluster(accounts_[1]));
  };
  expect_closed(Be32(options.max_frame_bytes + 1) + "xxxx", "frame one byte over the limit");
  expect_closed(Be32(1u << 30), "frame of 1 GiB");
  expect_closed(Be32(0xFFFFFFFFu) + "xxxx", "frame size -1");
  expect_closed(Be32(0x80000000u) + "xxxx", "frame size INT32_MIN");
  expect_closed(Be32(0), "frame size 0");
  std::string garbage(64, '\0');
  for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>(i * 37 + 11);
  expect_closed(Be32(64) + garbage, "garbage payload");
  // A well-framed call whose string claims 1 GiB: the protocol's string limit refuses it.
  const std::string bomb = Be32(0x80010001u) + Be32(10) + "getCluster" + Be32(1) +
                           std::string{11, 0, 1} + Be32(1u << 30) + "abc";
  expect_closed(Be32(static_cast<std::uint32_t>(bomb.size())) + bomb, "string bomb");
  // A truncated frame, then the client goes away: the server closes its end too.
  {
    const int fd = ConnectRaw(port_);
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(WriteAll(fd, Be32(100) + "abc"));
    ::close(fd);
  }
  // A frame just under the limit is served (offloaded, being over 64 KiB).
  {
    std::vector<std::string> many;
    while (many.size() * 20 < options.max_frame_bytes - 64 * 1024) {
      many.push_back(accounts_[many.size() % accounts_.size()]);
    }
    std::vector<api::Membership> answers;
    bystander.Call([&] { bystander.api->send_getClusters(many); },
                   [&] { bystander.api->recv_getClusters(answers); });
    ASSERT_EQ(answers.size(), many.size());
    EXPECT_EQ(answers.back(), DirectGetCluster(many.back()));
  }

  // The silent and half-sent connections are still open: the server closed neither.
  for (int fd : {silent, half}) {
    char byte;
    EXPECT_EQ(::recv(fd, &byte, 1, MSG_DONTWAIT), -1);
    EXPECT_TRUE(errno == EAGAIN || errno == EWOULDBLOCK) << std::strerror(errno);
  }
  // The half-sent request, completed in two more pieces, is answered: the server kept its bytes.
  {
    ASSERT_TRUE(WriteAll(half, version_request.substr(2, 7)));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE(WriteAll(half, version_request.substr(9)));
    ::shutdown(half, SHUT_WR);
    ReadOutcome read = ReadUntilClosed(half);
    EXPECT_TRUE(read.closed);
    auto answer = std::make_shared<TMemoryBuffer>();
    answer->write(reinterpret_cast<const uint8_t*>(read.bytes.data()),
                  static_cast<uint32_t>(read.bytes.size()));
    api::RingGraphClient reader(
        std::make_shared<TBinaryProtocol>(std::make_shared<TFramedTransport>(answer)));
    std::string version;
    EXPECT_NO_THROW(reader.recv_version(version));
    EXPECT_EQ(version, bystander.Version());
    ::close(half);
  }
  ::close(silent);
  EXPECT_EQ(bystander.GetCluster(accounts_[2]), DirectGetCluster(accounts_[2]));
  // Every connection but the bystander's is gone from both ends.
  EXPECT_TRUE(
      Eventually([&] { return OpenDescriptors() <= baseline; }, std::chrono::milliseconds(5000)))
      << OpenDescriptors() << " descriptors open, " << baseline << " before";
  EXPECT_TRUE(Eventually([&] { return factory_->released() == factory_->created() - 1; },
                         std::chrono::milliseconds(5000)))
      << factory_->released() << " handlers released of " << factory_->created();
}

TEST_F(EpollServerTest, AThousandConnectionsLeaveNoDescriptorBehind) {
  StartServer();
  {
    Client warm(port_);  // whatever the first connection sets up once
    warm.Version();
  }
  ASSERT_TRUE(Eventually([&] { return factory_->released() == 1; }, std::chrono::seconds(5)));
  const int before = OpenDescriptors();
  ASSERT_GT(before, 0);
  const std::string version_request =
      RequestBytes([](api::RingGraphClient& c) { c.send_version(); });
  const std::int64_t cluster = cluster_;
  const std::string slow_request = RequestBytes([&](api::RingGraphClient& c) {
    c.send_authenticate(kReadToken);
    c.send_explainCluster(cluster);
  });
  constexpr int kBatches = 20;
  constexpr int kPerBatch = 50;
  int answered = 0;
  int asked = 0;
  for (int batch = 0; batch < kBatches; ++batch) {
    std::vector<int> fds;
    for (int i = 0; i < kPerBatch; ++i) {
      const int fd = ConnectRaw(port_);
      ASSERT_GE(fd, 0) << "connection " << batch * kPerBatch + i;
      fds.push_back(fd);
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      switch (i % 4) {
        case 0:  // a quick call, answered, then closed by the client
          ASSERT_TRUE(WriteAll(fds[i], version_request));
          break;
        case 1:  // an offloaded call, and the client goes away before its answer
          ASSERT_TRUE(WriteAll(fds[i], slow_request));
          break;
        case 2:  // garbage: the server closes it
          ASSERT_TRUE(WriteAll(fds[i], Be32(0xFFFFFFFFu)));
          break;
        default:  // nothing at all
          break;
      }
    }
    for (std::size_t i = 0; i < fds.size(); i += 4) {
      char buf[256];
      ssize_t n = ::recv(fds[i], buf, sizeof buf, 0);
      if (n > 4) ++answered;
      ++asked;
    }
    for (int fd : fds) ::close(fd);
  }
  EXPECT_EQ(answered, asked);
  EXPECT_GE(asked, kBatches * kPerBatch / 4);
  EXPECT_TRUE(Eventually([&] { return OpenDescriptors() == before; }, std::chrono::seconds(5)))
      << OpenDescriptors() << " descriptors open, " << before << " before";
  EXPECT_TRUE(Eventually([&] { return factory_->released() == factory_->created(); },
                         std::chrono::seconds(5)))
      << factory_->released() << " handlers released of " << factory_->created();
  EXPECT_EQ(factory_->created(), 1 + kBatches * kPerBatch);
  Client after(port_);
  EXPECT_TRUE(after.Health().serving);
}

TEST_F(EpollServerTest, AnswersToCallsBeforeABadFrameAreSentBeforeTheClose) {
  StartServer();
  // Valid calls, pipelined, then a frame the protocol refuses: the valid ones were served, and
  // their answers reach the client before the server closes the connection, as with the stock
  // servers, which answer each request before reading the next.
  std::string garbage(64, '\0');
  for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>(i * 37 + 11);
  const std::string requests = RequestBytes([&](api::RingGraphClient& c) {
    c.send_authenticate(kReadToken);
    c.send_getCluster(accounts_[5]);
    c.send_version();
  });
  for (const std::string& bad : {Be32(64) + garbage, Be32(0xFFFFFFFFu)}) {
    SCOPED_TRACE(bad.size() == 4 ? "then a negative frame size" : "then a garbage frame");
    const int fd = ConnectRaw(port_);
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(WriteAll(fd, requests + bad));
    ReadOutcome read = ReadUntilClosed(fd);
    ::close(fd);
    EXPECT_TRUE(read.closed);
    auto answer = std::make_shared<TMemoryBuffer>();
    answer->write(reinterpret_cast<const uint8_t*>(read.bytes.data()),
                  static_cast<uint32_t>(read.bytes.size()));
    api::RingGraphClient reader(
        std::make_shared<TBinaryProtocol>(std::make_shared<TFramedTransport>(answer)));
    try {
      api::Session session;
      reader.recv_authenticate(session);
      EXPECT_EQ(session.client, "fraud-gateway");
      api::Membership m;
      reader.recv_getCluster(m);
      EXPECT_EQ(m, DirectGetCluster(accounts_[5]));
      std::string version;
      reader.recv_version(version);
      EXPECT_EQ(version, Client(port_).Version());
    } catch (const std::exception& e) {
      ADD_FAILURE() << "answers missing (" << read.bytes.size() << " bytes came): " << e.what();
    }
  }
}

TEST_F(EpollServerTest, AnswersReachAClientThatHalfClosedBehindAnOffloadedCall) {
  StartServer();
  // A client sends its requests, shuts down its sending side and reads the answers, as a script
  // piping into a socket does; the stock servers answer it. Here the requests behind a slow call
  // are read, with the half-close, in one pass of the loop (exactly one 64 KiB read, then end of
  // stream), and one of them is offloaded too.
  gate_.Close();
  Client client(port_, kReadToken);
  client.api->send_explainCluster(cluster_);  // held at the gate: the loop reads nothing more
  client.Send();
  ASSERT_TRUE(gate_.AwaitWaiting(1));
  client.api->send_explainCluster(cluster_);
  std::vector<std::string> asked;
  while (client.pending->available_read() < 65536 - 64) {
    asked.push_back(accounts_[asked.size() % accounts_.size()]);
    client.api->send_getCluster(asked.back());
  }
  // One last lookup whose name pads the bytes sent to exactly 64 KiB.
  const std::size_t short_by = 65536 - client.pending->available_read();
  const std::size_t framing = 4 + 4 + 4 + 10 + 4 + 3 + 4 + 1;  // all of getCluster but the name
  ASSERT_GT(short_by, framing);
  asked.push_back(std::string(short_by - framing, 'x'));
  client.api->send_getCluster(asked.back());
  ASSERT_EQ(client.pending->available_read(), 65536u);
  client.Send();
  ASSERT_EQ(::shutdown(client.socket->getSocketFD(), SHUT_WR), 0);
  // Everything sent has reached the server's socket before the loop reads it.
  ASSERT_TRUE(Eventually(
      [&] {
        int unsent = -1;
        return ::ioctl(client.socket->getSocketFD(), SIOCOUTQ, &unsent) == 0 && unsent == 0;
      },
      std::chrono::seconds(3)));
  gate_.Open();

  const api::ClusterExplanation explanation = DirectExplainCluster(cluster_);
  for (int i = 0; i < 2; ++i) {
    api::ClusterExplanation e;
    ASSERT_NO_THROW(client.api->recv_explainCluster(e)) << "explanation " << i;
    EXPECT_EQ(e, explanation);
  }
  for (std::size_t i = 0; i < asked.size(); ++i) {
    api::Membership m;
    ASSERT_NO_THROW(client.api->recv_getCluster(m)) << "lookup " << i << " of " << asked.size();
    ASSERT_EQ(m, DirectGetCluster(asked[i]));
  }
}

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RINGGRAPH_HAS_TSAN 1
#endif
#endif
#ifndef RINGGRAPH_HAS_TSAN
#define RINGGRAPH_HAS_TSAN 0
#endif

double ProcessCpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

TEST_F(EpollServerTest, AHalfClosedClientThatDoesNotReadCostsTheLoopNothing) {
#if defined(__SANITIZE_THREAD__) || RINGGRAPH_HAS_TSAN
  // ThreadSanitizer's own threads spend up to 0.15 CPU-s of an idle second in CI; the Release
  // and ASan stages run this measurement.
  GTEST_SKIP() << "process CPU time is not the loop's alone under ThreadSanitizer";
#endif
  StartServer();
  // A client asks for megabytes of answers, shuts down its sending side and stops reading: the
  // server's socket fills and the loop waits to write. The half-close must not wake the loop
  // while it waits (a level-triggered EPOLLRDHUP would, on every pass: a core spent on one
  // client that reads nothing).
  Client client(port_, kReadToken);
  std::vector<std::string> many(accounts_.begin(), accounts_.begin() + 200);
  for (int i = 0; i < 400; ++i) client.api->send_getClusters(many);
  std::thread writer([&] {
    client.Send();
    ::shutdown(client.socket->getSocketFD(), SHUT_WR);
  });
  writer.join();
  // The server answers what it has read until the socket is full, then waits to write: the
  // answers queued at the client stop growing. (Under a sanitizer that takes a while.)
  auto queued_at_client = [&] {
    int queued = 0;
    ::ioctl(client.socket->getSocketFD(), FIONREAD, &queued);
    return queued;
  };
  int stable_polls = 0;
  for (int last = -1, i = 0; i < 200 && stable_polls < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const int now = queued_at_client();
    stable_polls = now == last ? stable_polls + 1 : 0;
    last = now;
  }
  ASSERT_EQ(stable_polls, 3) << "the answers never stopped arriving";
  // A spinning loop spends a tenth of a second or more in every idle second even when it gets a
  // tenth of a core; a waiting one, well under a millisecond. The process's other threads can
  // take a burst once (0.13 s was seen in CI's ASan stage on a loaded host), so the least of up
  // to three seconds is judged: a spinning loop shows in all three.
  double spent = 1e9;
  for (int second = 0; second < 3 && spent >= 0.05; ++second) {
    const double before = ProcessCpuSeconds();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    spent = std::min(spent, ProcessCpuSeconds() - before);
  }
  EXPECT_LT(spent, 0.05) << "CPU seconds spent in the least busy of three idle seconds";
  EXPECT_GT(queued_at_client(), 0);  // the answers did fill the client's side
  // The answers are all still there for a client that reads at last.
  for (int i = 0; i < 400; ++i) {
    std::vector<api::Membership> answers;
    ASSERT_NO_THROW(client.api->recv_getClusters(answers)) << "answer " << i;
    ASSERT_EQ(answers.size(), many.size());
  }
}

TEST_F(EpollServerTest, StopReturnsPromptlyAndInFlightCallsFinishOrFailCleanly) {
  ServerOptions options;
  options.io_threads = 2;
  StartServer(options);
  const api::ClusterExplanation explanation = DirectExplainCluster(cluster_);
  std::vector<std::unique_ptr<Client>> idle;
  for (int i = 0; i < 8; ++i) {
    idle.push_back(std::make_unique<Client>(port_, kReadToken));
    EXPECT_TRUE(idle.back()->Health().serving);
  }
  const int silent = ConnectRaw(port_);
  ASSERT_GE(silent, 0);
  // A call in flight when Stop() comes: it finishes, and its client gets its answer.
  gate_.Close();
  Client slow(port_, kReadToken);
  slow.api->send_explainCluster(cluster_);
  slow.Send();
  ASSERT_TRUE(gate_.AwaitWaiting(1));

  const auto stop_started = Clock::now();
  server_->Stop();
  // Serve() waits for the call in flight; release it a little later.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(served_.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout)
      << "Serve() returned with a call still in flight";
  gate_.Open();
  ASSERT_EQ(served_.wait_for(std::chrono::seconds(3)), std::future_status::ready)
      << "Serve() did not return within 3 s of Stop()";
  const auto stop_took = Clock::now() - stop_started;
  Status status = served_.get();
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_LT(stop_took, std::chrono::seconds(3));

  api::ClusterExplanation e;
  EXPECT_NO_THROW(slow.api->recv_explainCluster(e));
  EXPECT_EQ(e, explanation);
  // Idle connections are closed: their next call fails at once rather than hanging.
  for (auto& client : idle) {
    const auto started = Clock::now();
    EXPECT_THROW(client->GetCluster(accounts_[0]), TTransportException);
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(2));
  }
  ReadOutcome read = ReadUntilClosed(silent);
  EXPECT_TRUE(read.closed);
  ::close(silent);
  // Nobody listens any more.
  EXPECT_LT(ConnectRaw(port_), 0);
  EXPECT_EQ(factory_->released(), factory_->created());
}

TEST_F(EpollServerTest, StopWithNothingInFlightReturnsAtOnce) {
  StartServer();
  Client a(port_, kReadToken);
  EXPECT_TRUE(a.Health().serving);
  const auto started = Clock::now();
  ASSERT_TRUE(StopServer(std::chrono::milliseconds(3000)));
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(1));
  EXPECT_THROW(a.Version(), TTransportException);
}

}  // namespace
}  // namespace ringgraph::service
