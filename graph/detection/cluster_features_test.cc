#include "graph/detection/cluster_features.h"

#include <gtest/gtest.h>

#include <cmath>

#include "graph/common/temp_dir.h"
#include "graph/detection/ring_scorer.h"

namespace ringgraph::detection {
namespace {

constexpr UnixSeconds kDay = 86400;

class ClusterFeaturesTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::move(store::AccountStore::Open(dir_.Sub("db"))).value(); }

  void Add(const std::string& account, KindCode kind, std::uint8_t value, UnixSeconds ts,
           bool prompt = false) {
    names_.push_back(std::make_unique<std::string>(account));
    store::StoreRecord r;
    r.account = *names_.back();
    r.kind = kind;
    r.value.fill(value);
    r.ts = ts;
    r.counts_prompt = prompt;
    pending_.push_back(r);
  }

  // Ring r0..r7: young (from day 20), bursty (two days), 60 prompts each on one template,
  // two prepaid cards each reused by four accounts, one automation device behind all.
  // Family f0..f2: active all month, one card and one device shared, a few free-text prompts.
  // Loner l0: alone.
  void BuildPopulation() {
    Add("l0", kPaymentKind, 99, 0);
    for (int i = 0; i < 3; ++i) {
      std::string f = "f" + std::to_string(i);
      Add(f, kPaymentKind, 10, 0);
      Add(f, kDeviceKind, 11, 29 * kDay);
      for (int p = 0; p < 3; ++p) {
        Add(f, kPromptKind, 0, p * 10 * kDay, /*prompt=*/true);
        pending_.back().has_signal = false;
      }
    }
    for (int i = 0; i < 8; ++i) {
      std::string r = "r" + std::to_string(i);
      Add(r, kPaymentKind, static_cast<std::uint8_t>(20 + i / 4), 20 * kDay);
      Add(r, kDeviceKind, 30, 20 * kDay);
      for (int p = 0; p < 60; ++p) Add(r, kTemplateKind, 40, 20 * kDay + p * 2000, true);
    }
    ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  }

  TempDir dir_;
  std::unique_ptr<store::AccountStore> store_;
  std::vector<std::unique_ptr<std::string>> names_;
  std::vector<store::StoreRecord> pending_;
};

TEST_F(ClusterFeaturesTest, DescribesARingAndAFamilyAndScoresOnlyTheRing) {
  BuildPopulation();
  auto snapshot = std::move(store_->Snapshot()).value();
  FeatureOptions options;
  options.projection.half_life_days = 0;  // no decay, so the weights below are exact
  projection::AccountProjection projection(*snapshot, options.projection);
  ASSERT_TRUE(projection.Run().ok());
  const CsrGraph& graph = projection.graph();
  // Accounts are numbered in arrival order: l0, f0..f2, r0..r7.
  std::vector<ClusterIndex> membership = {0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2};
  ClusterFeatureExtractor extractor(*snapshot, graph, membership, options);
  ASSERT_TRUE(extractor.Run().ok());
  ASSERT_EQ(extractor.clusters().size(), 2u);
  const ClusterFeatures& family = extractor.clusters()[0];
  const ClusterFeatures& ring = extractor.clusters()[1];

  EXPECT_EQ(family.size, 3u);
  EXPECT_EQ(family.internal_links, 3u);
  EXPECT_DOUBLE_EQ(family.density, 1.0);
  EXPECT_DOUBLE_EQ(family.payment.shared_fraction, 1.0);
  EXPECT_NEAR(family.payment.values_per_member, 1.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(family.prompts_per_member, 3.0);
  EXPECT_DOUBLE_EQ(family.top_template_share, 0.0);
  EXPECT_DOUBLE_EQ(family.young_fraction, 0.0);
  EXPECT_NEAR(family.median_span_days, 29.0, 1e-9);

  EXPECT_EQ(ring.size, 8u);
  EXPECT_EQ(ring.internal_links, 28u);  // the shared device links every pair
  EXPECT_DOUBLE_EQ(ring.payment.shared_fraction, 1.0);
  EXPECT_NEAR(ring.payment.values_per_member, 2.0 / 8, 1e-9);
  EXPECT_DOUBLE_EQ(ring.prompts_per_member, 60.0);
  EXPECT_DOUBLE_EQ(ring.top_template_share, 1.0);
  EXPECT_DOUBLE_EQ(ring.young_fraction, 1.0);
  EXPECT_LT(ring.median_span_days, 2.0);
  EXPECT_DOUBLE_EQ(ring.conductance, 0.0);
  ASSERT_FALSE(ring.top_values.empty());
  // The template shared by all eight is the strongest value; the 4-account cards follow.
  EXPECT_EQ(ring.top_values[0].members_sharing, 8u);
  // Pair weights: template 1.5/ln(13) and device 2.5/ln(13) over 28 pairs, each card 3/ln(9)
  // over 6 pairs.
  const double tmpl = 28 * 1.5 / std::log(13.0), dev = 28 * 2.5 / std::log(13.0),
               cards = 2 * 6 * 3.0 / std::log(9.0);
  EXPECT_NEAR(ring.kind_share[kPaymentKind], cards / (tmpl + dev + cards), 1e-6);
  EXPECT_NEAR(ring.kind_share[kDeviceKind], dev / (tmpl + dev + cards), 1e-6);
  EXPECT_EQ(ring.top_values[0].hash[0], ring.top_values[0].kind == kDeviceKind ? 30 : 40);

  RingScorer scorer;
  RingScore ring_score = scorer.Score(ring);
  RingScore family_score = scorer.Score(family);
  EXPECT_TRUE(ring_score.flagged) << ring_score.score;
  EXPECT_FALSE(family_score.flagged) << family_score.score;
  EXPECT_GT(ring_score.score, 0.9);
  EXPECT_LT(family_score.score, 0.1);
  EXPECT_EQ(ring_score.factors.size(), 7u);
  EXPECT_GE(ring_score.factors[0].contribution, ring_score.factors[1].contribution);
}

TEST_F(ClusterFeaturesTest, RejectsAPartitionOfTheWrongSize) {
  BuildPopulation();
  auto snapshot = std::move(store_->Snapshot()).value();
  projection::AccountProjection projection(*snapshot, {});
  ASSERT_TRUE(projection.Run().ok());
  std::vector<ClusterIndex> membership = {0, 1};
  ClusterFeatureExtractor extractor(*snapshot, projection.graph(), membership, {});
  EXPECT_EQ(extractor.Run().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace ringgraph::detection
