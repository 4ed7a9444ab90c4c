#include "graph/detection/label_learner.h"

#include <gtest/gtest.h>

namespace ringgraph::detection {
namespace {

// Labelled clusters where the analysts' rings are the ones with reuse (x_reuse = 1) and, unlike
// the prior's view, campaign says nothing: rings and benign groups have the same campaign.
std::vector<LabelledCluster> ReuseDecides(int per_class) {
  std::vector<LabelledCluster> out;
  for (int i = 0; i < per_class; ++i) {
    LabelledCluster ring, benign;
    ring.ring = true;
    ring.x[static_cast<int>(Factor::kReuse)] = 1.0;
    ring.x[static_cast<int>(Factor::kCampaign)] = 0.2 * (i % 5);
    benign.x[static_cast<int>(Factor::kCampaign)] = 0.2 * (i % 5);
    benign.x[static_cast<int>(Factor::kVolume)] = 0.5;
    out.push_back(ring);
    out.push_back(benign);
  }
  return out;
}

TEST(LabelLearnerTest, KeepsTheDefaultsWithTooFewLabels) {
  ScoringWeights prior;
  LabelLearningReport report = LabelLearner(prior).Fit(ReuseDecides(2));
  EXPECT_FALSE(report.applied);
  EXPECT_EQ(report.labels, 4u);
  EXPECT_EQ(report.rings, 2u);
  EXPECT_NE(report.reason.find("not enough labels"), std::string::npos);
  EXPECT_EQ(report.weights.bias, prior.bias);
}

// Five labelled rings among forty benign groups: one ring per held-out fold is too few for
// the cross-validation that sets the prior, so the defaults stay (10 of each verdict needed).
TEST(LabelLearnerTest, KeepsTheDefaultsWithFewerThanTwoRingsPerFold) {
  std::vector<LabelledCluster> labelled = ReuseDecides(40);
  std::erase_if(labelled,
                [&, rings = 0](const LabelledCluster& c) mutable { return c.ring && ++rings > 5; });
  ScoringWeights prior;
  prior[Factor::kReuse] = 0.0;
  LabelLearningReport report = LabelLearner(prior).Fit(labelled);
  EXPECT_EQ(report.rings, 5u);
  EXPECT_EQ(report.benign, 40u);
  EXPECT_FALSE(report.applied);
  EXPECT_NE(report.reason.find("10 of each"), std::string::npos) << report.reason;
}

// The ten rings sit where every fifth label is, so folds dealt by position would put all of
// them in one fold and train that fold on none; dealt by verdict, every fold holds two.
TEST(LabelLearnerTest, FoldsHoldTheirShareOfEachVerdict) {
  std::vector<LabelledCluster> labelled;
  for (int i = 0; i < 50; ++i) {
    LabelledCluster c;
    c.ring = i % 5 == 0;
    c.x[static_cast<int>(Factor::kReuse)] = c.ring ? 1.0 : 0.0;
    c.x[static_cast<int>(Factor::kVolume)] = c.ring ? 0.0 : 0.5;
    labelled.push_back(c);
  }
  ScoringWeights prior;
  prior[Factor::kReuse] = 0.0;  // the labels teach that reuse marks the rings
  LabelLearningReport report = LabelLearner(prior).Fit(labelled);
  ASSERT_TRUE(report.applied) << report.reason;
  EXPECT_GE(report.cv_recall, 0.9);
  EXPECT_GE(report.cv_precision, 0.9);
}

TEST(LabelLearnerTest, LearnsWhatTheLabelsSayAndReportsCrossValidation) {
  ScoringWeights prior;
  prior[Factor::kReuse] = 0.0;  // the prior ignores reuse; the labels will teach it
  LabelLearningReport report = LabelLearner(prior).Fit(ReuseDecides(20));
  ASSERT_TRUE(report.applied) << report.reason;
  EXPECT_EQ(report.labels, 40u);
  EXPECT_GT(report.weights[Factor::kReuse], 2.0);
  EXPECT_GE(report.cv_precision, 0.95);
  EXPECT_GE(report.cv_recall, 0.95);
  EXPECT_NE(report.reason.find("cross-validated"), std::string::npos);
  // Scoring with the learned weights separates the labelled groups; the prior did not.
  ClusterFeatures ring_like, benign_like;
  ring_like.reuse = 1.0;
  benign_like.volume = 0.75;
  EXPECT_TRUE(RingScorer(report.weights).Score(ring_like).flagged);
  EXPECT_FALSE(RingScorer(report.weights).Score(benign_like).flagged);
  EXPECT_FALSE(RingScorer(prior).Score(ring_like).flagged);
}

TEST(LabelLearnerTest, KeepsTheDefaultsWhenTheLabelsTeachNothingNew) {
  // Rings with every factor high, benign groups with none: the defaults already score them
  // right, so no fit beats them on held-out folds and the defaults stay.
  std::vector<LabelledCluster> labelled;
  for (int i = 0; i < 30; ++i) {
    LabelledCluster ring, benign;
    ring.ring = true;
    ring.x.fill(1.0);
    benign.x[static_cast<int>(Factor::kSize)] = 0.1 * (i % 10);
    labelled.push_back(ring);
    labelled.push_back(benign);
  }
  ScoringWeights prior;
  LabelLearningReport report = LabelLearner(prior).Fit(labelled);
  EXPECT_FALSE(report.applied) << report.reason;
  EXPECT_NE(report.reason.find("did not beat the default weights"), std::string::npos);
  EXPECT_EQ(report.weights.bias, prior.bias);
  EXPECT_EQ(report.prior_strength, 0.0);
}

TEST(LabelLearnerTest, ChoosesAWeakPriorWhenTheLabelsContradictTheDefaults) {
  // The prior ignores reuse and the labels say it decides: the held-out loss falls as the prior
  // weakens, so cross-validation picks one of the weaker candidates and reports it.
  ScoringWeights prior;
  prior[Factor::kReuse] = 0.0;
  LabelLearningOptions options;
  options.prior_strengths = {0.3, 100};
  LabelLearningReport report = LabelLearner(prior, options).Fit(ReuseDecides(40));
  ASSERT_TRUE(report.applied) << report.reason;
  EXPECT_EQ(report.prior_strength, 0.3);
  EXPECT_LT(report.cv_loss_learned, report.cv_loss_defaults);
  EXPECT_NE(report.reason.find("prior strength 0.3"), std::string::npos);
}

TEST(LabelLearnerTest, AStrongerPriorMovesTheWeightsLess) {
  ScoringWeights prior;
  prior[Factor::kReuse] = 0.0;
  LabelLearningOptions weak, strong;
  weak.prior_strengths = {1};
  strong.prior_strengths = {50};
  double learned_weak = LabelLearner(prior, weak).Fit(ReuseDecides(20)).weights[Factor::kReuse];
  double learned_strong = LabelLearner(prior, strong).Fit(ReuseDecides(20)).weights[Factor::kReuse];
  EXPECT_GT(learned_weak, learned_strong);
  EXPECT_GE(learned_strong, 0.0);
}

}  // namespace
}  // namespace ringgraph::detection
