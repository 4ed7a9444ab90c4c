// The Thrift handler called directly, without a server: a real RingService over a real store
// holding a seeded population that detection has run on, and real tokens. Covers what the
// handler adds to the service: the session's access rules, the mapping of answers into IDL
// structs, and of Status codes into RingGraphError codes.
#include "service/thrift_handler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "graph/detection/cluster_details.h"
#include "service/service_test_population.h"

namespace ringgraph::service {
namespace {

using api::ErrorCode;

const std::string kReadToken = "read-token-for-handler-tests";
const std::string kWriteToken = "write-token-for-handler-tests";

// Expects `call` to throw RingGraphError with `code`; returns its message.
template <typename Call>
std::string ExpectError(ErrorCode::type code, Call&& call) {
  try {
    call();
    ADD_FAILURE() << "expected error code " << code;
  } catch (const api::RingGraphError& e) {
    EXPECT_EQ(e.code, code) << e.message;
    return e.message;
  }
  return "";
}

class ThriftHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    service_ = test_population::OpenService(test_population::TestServiceOptions(dir_));
    ASSERT_NE(service_, nullptr);
    population_ = test_population::GeneratePopulation();
    Result<IngestAnswer> ingested = service_->Ingest(population_.records);
    ASSERT_TRUE(ingested.ok()) << ingested.status().ToString();
    ASSERT_EQ(ingested->acknowledged, population_.records.size());
    Result<detection::DetectionSummary> detected = service_->RunDetection();
    ASSERT_TRUE(detected.ok()) << detected.status().ToString();
    summary_ = *detected;

    auto tokens = access::TokenRegistry::Parse(
        "fraud-gateway read " + access::TokenRegistry::HashToken(kReadToken) + "\nanalyst write " +
            access::TokenRegistry::HashToken(kWriteToken) + "\n",
        "tokens");
    ASSERT_TRUE(tokens.ok()) << tokens.status().ToString();
    tokens_ = std::move(*tokens);
    runner_ = std::make_unique<DetectionRunner>(*service_, nullptr, DetectionSchedule{},
                                                [](const std::string&) {});
    context_.service = service_.get();
    context_.detection = runner_.get();
    context_.tokens = &tokens_;
    context_.log = [this](const std::string& line) { log_.push_back(line); };

    ring_members_ = population_.GroupMembers("ring_cardfarm-");
    ASSERT_GE(ring_members_.size(), 4u);
  }
  void TearDown() override {
    if (runner_ != nullptr) runner_->Stop();
  }

  // A handler for a new connection, authenticated with `token` unless it is empty.
  std::unique_ptr<RingGraphHandler> Connect(const std::string& token) {
    auto handler = std::make_unique<RingGraphHandler>(context_, nullptr);
    if (!token.empty()) {
      api::Session session;
      handler->authenticate(session, token);
    }
    return handler;
  }

  // The cluster detection put the card farm's first member in.
  std::int64_t RingCluster() {
    api::Membership m;
    Connect(kReadToken)->getCluster(m, ring_members_[0]);
    return m.clusterId;
  }

  // Asks for a detection through the handler and waits until it has finished.
  api::DetectionStatus DetectAndWait(RingGraphHandler& writer) {
    api::DetectionStatus status;
    writer.runDetection(status);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (status.state == api::DetectionState::RUNNING &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      writer.detectionStatus(status);
    }
    return status;
  }

  TempDir dir_{"thrift_handler_test"};
  std::unique_ptr<RingService> service_;
  test_population::Population population_;
  detection::DetectionSummary summary_;
  access::TokenRegistry tokens_;
  std::unique_ptr<DetectionRunner> runner_;
  HandlerContext context_;
  std::vector<std::string> log_;
  std::vector<std::string> ring_members_;  // the planted card farm
};

TEST_F(ThriftHandlerTest, GetClusterPlacesEveryCardFarmMemberInOneFlaggedRing) {
  auto reader = Connect(kReadToken);
  std::vector<api::Membership> members;
  reader->getClusters(members, ring_members_);
  ASSERT_EQ(members.size(), ring_members_.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    EXPECT_EQ(members[i].account, ring_members_[i]);
    EXPECT_TRUE(members[i].knownAccount);
    EXPECT_TRUE(members[i].inCluster);
    EXPECT_TRUE(members[i].flagged) << members[i].account;
    EXPECT_FALSE(members[i].realtime);
    EXPECT_EQ(members[i].clusterId, members[0].clusterId);
    EXPECT_EQ(members[i].clusteringVersion, 1);
  }
  api::Membership one;
  reader->getCluster(one, ring_members_[0]);
  EXPECT_EQ(one.clusterId, members[0].clusterId);
  EXPECT_GE(one.ringScore, 0.5);
  EXPECT_GT(one.computedAt, 0);
}

TEST_F(ThriftHandlerTest, GetClusterAnswersAnUnknownAccountAsInNoCluster) {
  auto reader = Connect(kReadToken);
  api::Membership m;
  reader->getCluster(m, "no-such-account");
  EXPECT_EQ(m.account, "no-such-account");
  EXPECT_FALSE(m.knownAccount);
  EXPECT_FALSE(m.inCluster);
  EXPECT_FALSE(m.flagged);
  EXPECT_EQ(m.clusterId, 0);
  EXPECT_EQ(m.clusteringVersion, 1);
  ExpectError(ErrorCode::INVALID_ARGUMENT, [&] { reader->getCluster(m, ""); });
}

TEST_F(ThriftHandlerTest, GetClustersAnswersEachAccountInTheOrderAsked) {
  auto reader = Connect(kReadToken);
  std::vector<api::Membership> out;
  reader->getClusters(out, {"no-such-account", ring_members_[1], "no-such-account"});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_FALSE(out[0].knownAccount);
  EXPECT_EQ(out[1].account, ring_members_[1]);
  EXPECT_TRUE(out[1].flagged);
  EXPECT_EQ(out[1].clusterId, RingCluster());
  EXPECT_FALSE(out[2].knownAccount);
}

TEST_F(ThriftHandlerTest, GetClusterDetailReturnsTheSummaryAndSizeDetectionStored) {
  const std::int64_t cluster = RingCluster();
  auto stored =
      std::find_if(summary_.top_rings.begin(), summary_.top_rings.end(),
                   [&](const auto& r) { return r.id == static_cast<std::uint64_t>(cluster); });
  ASSERT_NE(stored, summary_.top_rings.end()) << "the card farm's cluster is not a flagged ring";

  api::ClusterDetail detail;
  Connect(kReadToken)->getClusterDetail(detail, cluster, 0, 10000);
  EXPECT_EQ(detail.clusterId, cluster);
  EXPECT_EQ(detail.clusteringVersion, 1);
  EXPECT_EQ(detail.summary, stored->summary);
  EXPECT_EQ(detail.size, static_cast<std::int32_t>(stored->size));
  EXPECT_DOUBLE_EQ(detail.ringScore, stored->score);
  EXPECT_TRUE(detail.flagged);
  EXPECT_EQ(detail.features.at("size"), static_cast<double>(stored->size));
  ASSERT_EQ(detail.members.size(), stored->size);
  for (const std::string& member : ring_members_) {
    EXPECT_NE(std::find(detail.members.begin(), detail.members.end(), member), detail.members.end())
        << member;
  }
  ASSERT_TRUE(detail.__isset.memberEvidence);
  EXPECT_EQ(detail.memberEvidence.size(), detail.members.size());
  EXPECT_TRUE(detail.labels.empty());
}

TEST_F(ThriftHandlerTest, ExplainClusterReturnsTheFactorsDetectionStoredStrongestFirst) {
  const std::int64_t cluster = RingCluster();
  Result<ClusterPage> page = service_->ClusterDetail(static_cast<std::uint64_t>(cluster), 0, 0);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  Result<detection::ClusterDetails> stored =
      detection::ParseClusterDetails(page->record.details_json);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_FALSE(stored->factors.empty());

  api::ClusterExplanation explanation;
  Connect(kReadToken)->explainCluster(explanation, cluster);
  EXPECT_EQ(explanation.summary, stored->summary);
  ASSERT_EQ(explanation.factors.size(), stored->factors.size());
  for (std::size_t i = 0; i < explanation.factors.size(); ++i) {
    auto same = std::find_if(stored->factors.begin(), stored->factors.end(),
                             [&](const auto& f) { return f.name == explanation.factors[i].name; });
    ASSERT_NE(same, stored->factors.end()) << explanation.factors[i].name;
    EXPECT_DOUBLE_EQ(explanation.factors[i].contribution, same->contribution);
    if (i > 0) {
      EXPECT_GE(explanation.factors[i - 1].contribution, explanation.factors[i].contribution);
    }
  }
  EXPECT_EQ(explanation.evidence.size(), stored->evidence.size());
}

TEST_F(ThriftHandlerTest, GetClusterDetailOfAClusterNotInTheClusteringIsNotFound) {
  auto reader = Connect(kReadToken);
  api::ClusterDetail detail;
  std::string message =
      ExpectError(ErrorCode::NOT_FOUND, [&] { reader->getClusterDetail(detail, 999999, 0, 1); });
  EXPECT_EQ(message, "cluster 999999 is not in clustering version 1");
  ExpectError(ErrorCode::INVALID_ARGUMENT, [&] { reader->getClusterDetail(detail, 1, 0, 10001); });
}

TEST_F(ThriftHandlerTest, ReadMethodsRefuseAConnectionWithoutAValidToken) {
  auto anonymous = Connect("");
  api::Membership m;
  EXPECT_EQ(
      ExpectError(ErrorCode::UNAUTHENTICATED, [&] { anonymous->getCluster(m, ring_members_[0]); }),
      "call authenticate first");
  api::Session session;
  EXPECT_EQ(ExpectError(ErrorCode::UNAUTHENTICATED,
                        [&] { anonymous->authenticate(session, "not-a-token"); }),
            "authentication failed");
  ExpectError(ErrorCode::UNAUTHENTICATED, [&] { anonymous->getCluster(m, ring_members_[0]); });
  // Public methods need no token.
  api::HealthStatus health;
  anonymous->health(health);
  EXPECT_TRUE(health.serving);
  EXPECT_EQ(health.clusteringVersion, 1);
}

TEST_F(ThriftHandlerTest, WriteMethodsRefuseAReadTokenAndStoreNothing) {
  auto reader = Connect("");
  api::Session session;
  reader->authenticate(session, kReadToken);
  EXPECT_EQ(session.client, "fraud-gateway");
  EXPECT_EQ(session.role, api::Role::READ);
  const std::int64_t cluster = RingCluster();
  EXPECT_EQ(ExpectError(ErrorCode::PERMISSION_DENIED,
                        [&] { reader->label("cluster:" + std::to_string(cluster), "benign", ""); }),
            "label needs the write role");
  api::IngestResult ingested;
  api::Signal signal;
  signal.account = "newcomer";
  signal.kind = "device";
  signal.value = "dev-1";
  ExpectError(ErrorCode::PERMISSION_DENIED, [&] { reader->ingest(ingested, {signal}); });
  api::DetectionStatus status;
  ExpectError(ErrorCode::PERMISSION_DENIED, [&] { reader->runDetection(status); });

  api::ClusterDetail detail;
  reader->getClusterDetail(detail, cluster, 0, 0);
  EXPECT_TRUE(detail.labels.empty());
  api::Membership m;
  reader->getCluster(m, "newcomer");
  EXPECT_FALSE(m.knownAccount);
  EXPECT_EQ(runner_->Status().state, DetectionState::kIdle);
}

TEST_F(ThriftHandlerTest, ALabelThroughTheHandlerShowsAtOnceAndInTheNextDetection) {
  auto writer = Connect(kWriteToken);
  const std::int64_t cluster = RingCluster();
  writer->label("cluster:" + std::to_string(cluster), "benign", "a red-team exercise");
  api::ClusterDetail detail;
  writer->getClusterDetail(detail, cluster, 0, 0);
  EXPECT_EQ(detail.labels, std::vector<std::string>{"benign: a red-team exercise"});
  EXPECT_TRUE(detail.flagged);  // the score changes with the next detection, not before

  api::DetectionStatus status = DetectAndWait(*writer);
  ASSERT_EQ(status.state, api::DetectionState::SUCCEEDED) << status.error;
  EXPECT_EQ(status.lastVersion, 2);

  api::ClusterExplanation explanation;
  writer->explainCluster(explanation, cluster);
  EXPECT_EQ(explanation.clusteringVersion, 2);
  EXPECT_FALSE(explanation.flagged);
  EXPECT_NE(std::find(explanation.labels.begin(), explanation.labels.end(), "cluster benign"),
            explanation.labels.end());
  api::Membership m;
  writer->getCluster(m, ring_members_[0]);
  EXPECT_EQ(m.clusterId, cluster);
  EXPECT_FALSE(m.flagged);
  EXPECT_EQ(m.clusteringVersion, 2);
}

TEST_F(ThriftHandlerTest, ALabelTheServiceRefusesComesBackAsInvalidArgument) {
  auto writer = Connect(kWriteToken);
  EXPECT_EQ(
      ExpectError(ErrorCode::INVALID_ARGUMENT, [&] { writer->label("cluster:1", "maybe", ""); }),
      "label: verdict 'maybe' must be ring or benign");
  ExpectError(ErrorCode::NOT_FOUND, [&] { writer->label("account:nobody", "ring", ""); });
}

TEST_F(ThriftHandlerTest, IngestStoresTheGoodSignalsAndNamesTheMalformedOne) {
  auto writer = Connect(kWriteToken);
  std::vector<api::Signal> signals(3);
  signals[0].account = "newcomer-1";
  signals[0].kind = "device";
  signals[0].value = "device-of-newcomer-1";
  signals[1].account = "newcomer-2";
  signals[1].kind = "shoe-size";
  signals[1].value = "44";
  signals[2].account = "newcomer-3";
  signals[2].kind = "ip";
  signals[2].value = "198.51.100.23";
  signals[2].__set_observedAt(1790812800);
  api::IngestResult result;
  writer->ingest(result, signals);
  EXPECT_EQ(result.acknowledged, 2);
  ASSERT_EQ(result.rejected.size(), 1u);
  EXPECT_EQ(result.rejected[0].index, 1);
  // The message names the field and the kinds ringd knows; it describes the unknown kind's
  // shape rather than echoing it.
  EXPECT_EQ(result.rejected[0].message.rfind("field 'kind' names an unknown kind", 0), 0u)
      << result.rejected[0].message;
  EXPECT_NE(result.rejected[0].message.find("known: payment, ip, device, prompt"),
            std::string::npos)
      << result.rejected[0].message;
  EXPECT_TRUE(result.realtimeFlags.empty());

  std::vector<api::Membership> known;
  writer->getClusters(known, {"newcomer-1", "newcomer-2", "newcomer-3"});
  EXPECT_TRUE(known[0].knownAccount);
  EXPECT_FALSE(known[1].knownAccount);
  EXPECT_TRUE(known[2].knownAccount);
}

}  // namespace
}  // namespace ringgraph::service
