// RingService on a real store: ingest, detection and its versions, and the checks it makes on
// what callers send (labels, list sizes) before anything reaches the store.
#include "service/ring_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "service/service_test_population.h"

namespace ringgraph::service {
namespace {

class RingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_ = test_population::TestServiceOptions(dir_);
    service_ = test_population::OpenService(options_);
    ASSERT_NE(service_, nullptr);
  }
  // Ingests the seeded population in one call.
  void IngestPopulation() {
    population_ = test_population::GeneratePopulation();
    Result<IngestAnswer> answer = service_->Ingest(population_.records);
    ASSERT_TRUE(answer.ok()) << answer.status().ToString();
    ASSERT_EQ(answer->acknowledged, population_.records.size());
    ASSERT_TRUE(answer->rejected.empty()) << answer->rejected[0].message;
  }

  TempDir dir_{"ring_service_test"};
  ServiceOptions options_;
  std::unique_ptr<RingService> service_;
  test_population::Population population_;
};

TEST_F(RingServiceTest, BeforeAnyDetectionLookupsAnswerVersionZeroAndDetailIsAPrecondition) {
  IngestPopulation();
  std::string_view account = population_.records[0].account;
  Result<MembershipAnswers> answers = service_->Lookup({&account, 1});
  ASSERT_TRUE(answers.ok()) << answers.status().ToString();
  EXPECT_EQ(answers->clustering.version, 0u);
  ASSERT_EQ(answers->answers.size(), 1u);
  EXPECT_TRUE(answers->answers[0].known_account);
  EXPECT_FALSE(answers->answers[0].membership.has_value());
  Result<ClusterPage> page = service_->ClusterDetail(1, 0, 10);
  EXPECT_EQ(page.status().code(), Status::Code::kFailedPrecondition);
}

TEST_F(RingServiceTest, RunDetectionProducesClusteringVersionOneWithItsStats) {
  IngestPopulation();
  Result<detection::DetectionSummary> summary = service_->RunDetection();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->version, 1u);
  EXPECT_EQ(summary->accounts, test_population::kAccounts);
  EXPECT_GT(summary->graph_edges, 0u);
  EXPECT_GT(summary->clusters, summary->flagged);
  EXPECT_GE(summary->flagged, 1u);
  ASSERT_EQ(summary->top_rings.size(), summary->flagged);
  EXPECT_GE(summary->accounts_flagged, summary->top_rings[0].size / 2);

  // The gauges /metrics shows read the same clustering back from the store.
  StoreGauges gauges;
  ASSERT_TRUE(service_->ReadGauges(&gauges));
  EXPECT_EQ(gauges.accounts, test_population::kAccounts);
  EXPECT_EQ(gauges.clustering_version, 1u);
  EXPECT_EQ(gauges.clusters, summary->clusters);
  EXPECT_EQ(gauges.flagged_rings, summary->flagged);

  // Every ring the summary lists is served as flagged, with its size and score.
  Result<std::vector<store::ClusterRecord>> rings = service_->TopRings(100, 0.0);
  ASSERT_TRUE(rings.ok()) << rings.status().ToString();
  ASSERT_EQ(rings->size(), summary->top_rings.size());
  for (const store::ClusterRecord& ring : *rings) {
    auto listed = std::find_if(summary->top_rings.begin(), summary->top_rings.end(),
                               [&](const auto& r) { return r.id == ring.id; });
    ASSERT_NE(listed, summary->top_rings.end()) << "cluster " << ring.id;
    EXPECT_EQ(ring.size, listed->size);
    EXPECT_DOUBLE_EQ(ring.ring_score, listed->score);
  }
}

TEST_F(RingServiceTest, ASecondDetectionProducesTheNextVersionAndLookupsFollowIt) {
  IngestPopulation();
  ASSERT_TRUE(service_->RunDetection().ok());
  Result<detection::DetectionSummary> second = service_->RunDetection();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->version, 2u);
  std::string_view none;
  Result<MembershipAnswers> answers = service_->Lookup({&none, 0});
  ASSERT_TRUE(answers.ok());
  EXPECT_EQ(answers->clustering.version, 2u);
}

TEST_F(RingServiceTest, IngestReportsEachMalformedRecordByItsPositionAndStoresTheRest) {
  std::vector<RawRecord> records = {{"alice", "device", "dev-1", "1790812800"},
                                    {"bob", "no-such-kind", "x", "1790812800"},
                                    {"carol", "payment", "card-9", "not a time"},
                                    {"dave", "ip", "203.0.113.7", "1790812800"}};
  Result<IngestAnswer> answer = service_->Ingest(records);
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  EXPECT_EQ(answer->acknowledged, 2u);
  ASSERT_EQ(answer->rejected.size(), 2u);
  EXPECT_EQ(answer->rejected[0].index, 1u);
  EXPECT_NE(answer->rejected[0].message.find("unknown kind"), std::string::npos)
      << answer->rejected[0].message;
  EXPECT_EQ(answer->rejected[1].index, 2u);
  EXPECT_NE(answer->rejected[1].message.find("field 'ts'"), std::string::npos)
      << answer->rejected[1].message;
  std::vector<std::string_view> names = {"alice", "bob", "carol", "dave"};
  Result<MembershipAnswers> known = service_->Lookup(names);
  ASSERT_TRUE(known.ok());
  EXPECT_TRUE(known->answers[0].known_account);
  EXPECT_FALSE(known->answers[1].known_account);
  EXPECT_FALSE(known->answers[2].known_account);
  EXPECT_TRUE(known->answers[3].known_account);
}

TEST_F(RingServiceTest, IngestAndLookupRefuseMoreItemsThanTheCallLimit) {
  ServiceOptions limited = options_;
  limited.max_records_per_call = 2;
  service_.reset();
  std::unique_ptr<RingService> service = test_population::OpenService(limited);
  ASSERT_NE(service, nullptr);
  std::vector<RawRecord> records(3, RawRecord{"alice", "device", "dev-1", "1790812800"});
  Result<IngestAnswer> answer = service->Ingest(records);
  EXPECT_EQ(answer.status().code(), Status::Code::kResourceExhausted);
  EXPECT_EQ(answer.status().message().rfind(kRequestLimit, 0), 0u) << answer.status().message();
  std::vector<std::string_view> names = {"a", "b", "c"};
  EXPECT_EQ(service->Lookup(names).status().code(), Status::Code::kResourceExhausted);
  // Nothing of the refused call was stored.
  std::string_view alice = "alice";
  EXPECT_FALSE(service->Lookup({&alice, 1})->answers[0].known_account);
}

TEST_F(RingServiceTest, LabelRefusesANoteLongerThanTheLimitAndAcceptsOneAtIt) {
  Status too_long =
      service_->Label("cluster:1", "ring", std::string(store::kMaxLabelNoteBytes + 1, 'n'));
  EXPECT_EQ(too_long.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(too_long.message().find("note is longer than 4096 bytes"), std::string::npos)
      << too_long.message();
  EXPECT_TRUE(
      service_->Label("cluster:1", "ring", std::string(store::kMaxLabelNoteBytes, 'n')).ok());
}

TEST_F(RingServiceTest, LabelRefusesATargetThatIsNeitherAnAccountNorACluster) {
  for (const char* target : {"ring:5", "cluster:", "cluster:12a", "account:", "", "alice"}) {
    Status s = service_->Label(target, "ring", "");
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << target;
    EXPECT_NE(s.message().find("target"), std::string::npos) << target << ": " << s.message();
  }
}

TEST_F(RingServiceTest, LabelRefusesAnUnknownVerdictAndAnAccountNotInTheStore) {
  Status verdict = service_->Label("cluster:1", "fraud", "");
  EXPECT_EQ(verdict.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(verdict.message().find("must be ring or benign"), std::string::npos)
      << verdict.message();
  Status missing = service_->Label("account:nobody", "ring", "");
  EXPECT_EQ(missing.code(), Status::Code::kNotFound);
  EXPECT_NE(missing.message().find("'nobody' is not in the store"), std::string::npos)
      << missing.message();
}

}  // namespace
}  // namespace ringgraph::service
