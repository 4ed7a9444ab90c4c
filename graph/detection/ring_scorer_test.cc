#include "graph/detection/ring_scorer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ringgraph::detection {
namespace {

// A member that reuses one of its ring's cards, with the given tie and behaviour.
MemberFeatures Member(AccountId account, double internal_weight, bool has_prompts, double volume,
                      double pace, double campaign) {
  MemberFeatures m;
  m.account = account;
  m.tie = 1.0;
  m.internal_weight = internal_weight;
  m.has_prompts = has_prompts;
  m.volume = volume;
  m.pace = pace;
  m.campaign = campaign;
  m.reuse = 1.0;
  m.operator_reuse = 1.0;
  return m;
}

// A cluster that looks like an extraction ring: heavy, paced, bursty, in lockstep, on a campaign
// of templates, every member reusing cards.
ClusterFeatures RingLike() {
  ClusterFeatures f;
  f.size = 20;
  f.volume = 0.97;
  f.pace = 0.96;
  f.burst = 0.9;
  f.lockstep = 0.6;
  f.campaign = 0.8;
  f.reuse = 1.0;
  f.rotation = 0.4;
  f.reuse_with_rotation = 0.4;
  f.young = 0.5;
  for (int i = 0; i < 20; ++i) {
    f.members.push_back(Member(static_cast<AccountId>(i), 6.0, true, 0.97, 0.96, 0.8));
  }
  return f;
}

// An office: average behaviour, one IP and one card for everyone, no campaign.
ClusterFeatures OfficeLike() {
  ClusterFeatures f;
  f.size = 80;
  f.volume = 0.55;
  f.pace = 0.5;
  f.burst = 0.3;
  f.lockstep = 0.05;
  f.campaign = 0.1;
  return f;
}

TEST(RingScorerTest, FactorValuesAreMeasuredAboveThePopulationMedian) {
  ClusterFeatures f = RingLike();
  f.volume = 0.75;
  f.pace = 0.4;
  std::array<double, kFactorCount> x = FactorValues(f, ScoringWeights{});
  EXPECT_DOUBLE_EQ(x[static_cast<int>(Factor::kVolume)], 0.5);
  EXPECT_DOUBLE_EQ(x[static_cast<int>(Factor::kPace)], 0.0);  // below the median counts nothing
  EXPECT_DOUBLE_EQ(x[static_cast<int>(Factor::kCampaign)], 0.8);
  EXPECT_NEAR(x[static_cast<int>(Factor::kSize)], std::log(20.0) / std::log(50.0), 1e-12);
}

// People in one place (a venue, a class, an office) keep the same days: their lockstep counts
// only for the share of members run as an operator's (reusing, or behind an automation host),
// and nothing else changes.
TEST(RingScorerTest, LockstepOfMembersInOnePlaceCountsOnlyForThoseRunByAnOperator) {
  ClusterFeatures apart = RingLike();
  apart.operator_reuse = 0.25;
  ClusterFeatures together = apart;
  together.co_located = true;
  const std::array<double, kFactorCount> x_apart = FactorValues(apart, ScoringWeights{});
  const std::array<double, kFactorCount> x_together = FactorValues(together, ScoringWeights{});
  EXPECT_DOUBLE_EQ(x_apart[static_cast<int>(Factor::kLockstep)], 0.6);
  EXPECT_DOUBLE_EQ(x_together[static_cast<int>(Factor::kLockstep)], 0.6 * 0.25);
  for (int i = 0; i < kFactorCount; ++i) {
    if (i != static_cast<int>(Factor::kLockstep)) EXPECT_DOUBLE_EQ(x_apart[i], x_together[i]);
  }
  const RingScorer scorer;
  EXPECT_NEAR(scorer.Score(apart).logit - scorer.Score(together).logit,
              0.6 * 0.75 * ScoringWeights{}.factor[static_cast<int>(Factor::kLockstep)], 1e-9);
  together.operator_reuse = 0.0;
  EXPECT_DOUBLE_EQ(FactorValues(together, ScoringWeights{})[static_cast<int>(Factor::kLockstep)],
                   0.0);
}

TEST(RingScorerTest, FlagsARingLikeClusterAndNotAnOffice) {
  RingScorer scorer;
  RingScore ring = scorer.Score(RingLike());
  RingScore office = scorer.Score(OfficeLike());
  EXPECT_TRUE(ring.flagged) << ring.score;
  EXPECT_FALSE(office.flagged) << office.score;
  EXPECT_NEAR(ring.score, 1.0 / (1.0 + std::exp(-ring.logit)), 1e-12);
  ASSERT_EQ(ring.factors.size(), static_cast<std::size_t>(kFactorCount));
  for (std::size_t i = 1; i < ring.factors.size(); ++i) {
    EXPECT_GE(ring.factors[i - 1].contribution, ring.factors[i].contribution);
  }
}

TEST(RingScorerTest, EveryFactorPullsTowardsRing) {
  const RingScorer scorer;
  const double base = scorer.Score(OfficeLike()).logit;
  for (double ClusterFeatures::*field :
       {&ClusterFeatures::volume, &ClusterFeatures::pace, &ClusterFeatures::burst,
        &ClusterFeatures::lockstep, &ClusterFeatures::campaign, &ClusterFeatures::reuse,
        &ClusterFeatures::rotation, &ClusterFeatures::reuse_with_rotation,
        &ClusterFeatures::young}) {
    ClusterFeatures f = OfficeLike();
    f.*field = 1.0;
    EXPECT_GT(scorer.Score(f).logit, base);
  }
}

// In a flagged ring, a member that only shares a couple of exits with it - its own volume,
// pace and campaign at the bottom, most of its graph weight outside - falls below the
// threshold; the ring's own members stay above it.
TEST(RingScorerTest, MemberEvidenceSparesAWeaklyTiedHonestMember) {
  ClusterFeatures f = RingLike();
  f.members.push_back(Member(99, 0.5, true, 0.3, 0.2, 0.0));
  RingScorer scorer;
  RingScore score = scorer.Score(f);
  ASSERT_TRUE(score.flagged);
  std::vector<RingScorer::MemberJudgement> judged = scorer.JudgeMembers(f, score);
  ASSERT_EQ(judged.size(), 21u);
  EXPECT_NEAR(judged[0].evidence, score.score, 1e-9);  // a typical member has the cluster's
  EXPECT_TRUE(judged[0].keeps_flag);
  EXPECT_LT(judged[20].evidence, 0.5);
  EXPECT_LT(judged[20].deviation, -3.0);
  EXPECT_FALSE(judged[20].keeps_flag);
}

// In a cluster flagged only just, a member a little below the ring's median falls under the
// threshold but is not unlike the ring: it keeps its flag.
TEST(RingScorerTest, TheOrdinarySpreadOfARingsMembersKeepsTheirFlags) {
  ClusterFeatures f = RingLike();
  RingScorer scorer;
  ScoringWeights w;
  w.bias = -scorer.Score(f).logit + w.bias + 0.2;  // the cluster's logit becomes 0.2
  RingScorer just(w);
  f.members.push_back(Member(99, 6.0, true, 0.8, 0.8, 0.6));
  RingScore score = just.Score(f);
  ASSERT_TRUE(score.flagged);
  std::vector<RingScorer::MemberJudgement> judged = just.JudgeMembers(f, score);
  EXPECT_LT(judged[20].evidence, 0.5);
  EXPECT_GT(judged[20].deviation, -3.0);
  EXPECT_TRUE(judged[20].keeps_flag);
}

// A mixture: ten ring members that reuse cards and rotate over exits, and thirty honest
// customers of the same proxy who rotate over the same exits, send as much, and reuse nothing.
// The cluster is flagged only just, so a customer is not far below the cluster (the mixture's
// average) but is far below the ring's own members, whose evidence flags them: it loses its
// flag. Measured against the cluster alone it would have kept it.
TEST(RingScorerTest, InAMixtureAMemberIsMeasuredAgainstTheRingsCore) {
  ClusterFeatures f = RingLike();
  f.members.clear();
  f.size = 40;
  f.rotation = 0.8;
  f.reuse = 0.25;
  f.reuse_with_rotation = 0.2;
  for (int i = 0; i < 40; ++i) {
    MemberFeatures m = Member(static_cast<AccountId>(i), 6.0, true, 0.97, 0.96, 0.8);
    m.reuse = i < 10 ? 1.0 : 0.0;
    m.operator_reuse = m.reuse;
    m.rotation = 0.8;
    m.rotation_known = true;
    f.members.push_back(m);
  }
  ScoringWeights w;
  w.bias += 0.3 - RingScorer(w).Score(f).logit;  // a cluster flagged with logit 0.3
  RingScorer scorer(w);
  RingScore score = scorer.Score(f);
  ASSERT_NEAR(score.logit, 0.3, 1e-9);
  std::vector<RingScorer::MemberJudgement> judged = scorer.JudgeMembers(f, score);
  const double customer = w[Factor::kReuse] * -0.25 + w[Factor::kReuseWithRotation] * -0.2;
  const double ring = w[Factor::kReuse] * 0.75 + w[Factor::kReuseWithRotation] * (0.8 - 0.2);
  EXPECT_NEAR(judged[0].deviation, ring, 1e-9);
  EXPECT_NEAR(judged[39].deviation, customer, 1e-9);
  EXPECT_GT(judged[39].deviation, -w.member_margin);  // not far below the cluster
  EXPECT_LT(score.logit + customer, score.logit + ring - w.member_margin);  // far below the ring
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(judged[i].keeps_flag) << i;
  for (int i = 10; i < 40; ++i) {
    EXPECT_LT(judged[i].evidence, 0.5) << i;
    EXPECT_FALSE(judged[i].keeps_flag) << i;
  }
}

// A cluster whose prompts run on known extraction templates: a member that runs none of them,
// and is otherwise typical, loses the known-campaign factor's weight times the cluster's share.
TEST(RingScorerTest, AMemberOffTheKnownCampaignLosesItsWeight) {
  ClusterFeatures f = RingLike();
  f.known_campaign = 0.9;
  for (MemberFeatures& m : f.members) m.known_campaign = 0.9;
  f.members.push_back(Member(99, 6.0, true, 0.97, 0.96, 0.8));  // known_campaign 0
  RingScorer scorer;
  RingScore score = scorer.Score(f);
  std::vector<RingScorer::MemberJudgement> judged = scorer.JudgeMembers(f, score);
  EXPECT_NEAR(judged[0].deviation, 0.0, 1e-9);
  EXPECT_NEAR(judged[20].deviation, -ScoringWeights{}.factor[10] * 0.9, 1e-9);
}

// A heavy honest customer of the ring's proxy provider, in a piece of a hydra ring: it sends as
// much as the ring and rotates over the same exits, but runs none of its templates and reuses
// none of its cards. The ring's reuse - and reuse with rotation - belong to the members that
// reuse, so it is judged without them and loses its flag; a member that reuses keeps its.
TEST(RingScorerTest, AMemberThatReusesNothingGetsNoneOfTheRingsReuse) {
  ClusterFeatures f = RingLike();
  f.rotation = 0.8;
  f.reuse = 0.3;
  f.reuse_with_rotation = 0.24;
  for (std::size_t i = 0; i < f.members.size(); ++i) {
    f.members[i].reuse = i < 6 ? 1.0 : 0.0;
    f.members[i].operator_reuse = f.members[i].reuse;
    f.members[i].rotation = 0.8;
    f.members[i].rotation_known = true;
  }
  f.members[7].operator_reuse = 1.0;  // behind the ring's automation host, reusing no card
  MemberFeatures customer = Member(99, 6.0, true, 0.9, 0.85, 0.0);
  customer.reuse = 0.0;
  customer.operator_reuse = 0.0;
  customer.rotation = 0.8;
  customer.rotation_known = true;
  f.members.push_back(customer);
  ScoringWeights w;
  w.bias += 4.0 - RingScorer(w).Score(f).logit;  // a cluster flagged with logit 4
  RingScorer scorer(w);
  RingScore score = scorer.Score(f);
  ASSERT_NEAR(score.logit, 4.0, 1e-9);
  std::vector<RingScorer::MemberJudgement> judged = scorer.JudgeMembers(f, score);
  const double reuse_share = w[Factor::kReuse] * -0.3 + w[Factor::kReuseWithRotation] * -0.24;
  EXPECT_NEAR(judged[6].deviation, reuse_share, 1e-9);  // a ring member that reuses nothing
  // A member on the host loses the reuse share but keeps reuse with rotation.
  EXPECT_NEAR(judged[7].deviation,
              w[Factor::kReuse] * -0.3 + w[Factor::kReuseWithRotation] * (0.8 - 0.24), 1e-9);
  EXPECT_NEAR(judged[0].deviation,
              w[Factor::kReuse] * 0.7 + w[Factor::kReuseWithRotation] * (0.8 - 0.24), 1e-9);
  const double behaviour = w[Factor::kVolume] * (0.8 - 0.94) + w[Factor::kPace] * (0.7 - 0.92) -
                           w[Factor::kCampaign] * 0.8;
  EXPECT_NEAR(judged[20].deviation, reuse_share + behaviour, 1e-9);
  EXPECT_TRUE(judged[0].keeps_flag);
  EXPECT_TRUE(judged[6].keeps_flag);
  EXPECT_LT(judged[20].evidence, 0.5);
  EXPECT_FALSE(judged[20].keeps_flag);
  // Its behaviour alone would not have unflagged it.
  EXPECT_GT(1.0 / (1.0 + std::exp(-(score.logit + behaviour))), 0.5);
}

// A member seen on one exit only has no rotation of its own to judge: it keeps the cluster's.
// Seen on several exits that lead back to the same few accounts, it has its own, and loses the
// difference.
TEST(RingScorerTest, AMemberOnOneExitKeepsTheClustersRotation) {
  ClusterFeatures f = RingLike();
  f.rotation = 0.6;
  f.reuse_with_rotation = 0.6;
  f.members.push_back(Member(99, 6.0, true, 0.97, 0.96, 0.8));
  RingScorer scorer;
  RingScore score = scorer.Score(f);
  EXPECT_NEAR(scorer.JudgeMembers(f, score)[20].deviation, 0.0, 1e-9);
  f.members[20].rotation = 0.1;
  f.members[20].rotation_known = true;
  const ScoringWeights w;
  EXPECT_NEAR(scorer.JudgeMembers(f, score)[20].deviation,
              -(w[Factor::kRotation] + w[Factor::kReuseWithRotation]) * 0.5, 1e-9);
}

// A new account on one of the ring's cards, with no prompts yet: its behaviour says nothing,
// and its tie is as strong as a typical member's, so it keeps the ring's evidence.
TEST(RingScorerTest, AMemberWithoutPromptsIsJudgedByItsTieAlone) {
  ClusterFeatures f = RingLike();
  f.members.push_back(Member(99, 6.0, false, 0.0, 0.0, 0.0));
  RingScorer scorer;
  RingScore score = scorer.Score(f);
  EXPECT_NEAR(scorer.JudgeMembers(f, score)[20].evidence, score.score, 1e-9);
  f.members[20].internal_weight = 0.06;  // a hundredth of the median member's: capped at e^-3
  EXPECT_NEAR(scorer.JudgeMembers(f, score)[20].evidence,
              1.0 / (1.0 + std::exp(-(score.logit - 3.0))), 1e-9);
}

// A low-and-slow ring: no more volume, pace or lockstep than an honest user, a campaign of
// templates, and accounts that share cards and devices a few at a time while rotating over
// exits that lead to other accounts. That identity pattern flags it when the same members do
// both - and not when one half of a cluster shares cards behind one NAT and the other half
// rotates over exits without sharing a card (a family beside a proxy service's customers).
TEST(RingScorerTest, CardReuseWithExitRotationFlagsAQuietRingButEitherAloneDoesNot) {
  ClusterFeatures quiet = OfficeLike();
  quiet.size = 40;
  quiet.volume = quiet.pace = 0.5;
  quiet.campaign = 0.6;
  quiet.reuse = 1.0;
  quiet.rotation = 0.9;
  quiet.reuse_with_rotation = 0.9;
  const RingScorer scorer;
  EXPECT_TRUE(scorer.Score(quiet).flagged) << scorer.Score(quiet).score;

  ClusterFeatures apart = quiet;
  apart.reuse = 0.5;
  apart.rotation = 0.5;
  apart.reuse_with_rotation = 0.0;
  EXPECT_FALSE(scorer.Score(apart).flagged) << scorer.Score(apart).score;
}

}  // namespace
}  // namespace ringgraph::detection
