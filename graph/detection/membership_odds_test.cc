#include "graph/detection/membership_odds.h"

#include <gtest/gtest.h>

#include <vector>

#include "graph/detection/ring_with_strays_testing.h"

namespace ringgraph::detection {
namespace {

using MembershipOddsTest = RingWithStraysTest;

TEST_F(MembershipOddsTest, AMemberOnTheRingsExitsAndTemplatesIsLikelyOneAndItsNeighboursAreNot) {
  BuildPopulation();
  const MembershipOdds odds(*in_.snapshot, *in_.weights, in_.projection);
  auto group = odds.Count(Ids("r", 0, kHeld));
  ASSERT_TRUE(group.ok()) << group.status().ToString();
  EXPECT_EQ(group->size, static_cast<std::uint32_t>(kHeld));
  for (int i = kHeld; i < kRing; ++i) {
    EXPECT_GT(OutsiderOdds(odds, *group, Id(Name("r", i))), 0) << "stray " << i;
  }
  // One of the ring's exits, none of its templates: a customer of the same provider.
  EXPECT_LT(OutsiderOdds(odds, *group, Id("c0")), 0);
  // The ring's templates, none of its exits: a member of the other ring.
  EXPECT_LT(OutsiderOdds(odds, *group, Id("o9")), 0);
  // Values of its own only.
  EXPECT_LT(OutsiderOdds(odds, *group, Id("b0")), 0);
}

TEST_F(MembershipOddsTest, AStrangerToTheRingsBehaviourIsNotLikelyWhateverItsExitsSay) {
  BuildPopulation();
  const MembershipOdds odds(*in_.snapshot, *in_.weights, in_.projection);
  auto group = odds.Count(Ids("r", 0, kHeld));
  ASSERT_TRUE(group.ok());
  std::vector<SignalId> held;
  ASSERT_TRUE(odds.Evidence(Id("heavy"), &held).ok());
  const MembershipEvidence heavy = odds.Judge(held, *group, /*member=*/false);
  // The ring's six exits, each read as if drawn alone, outweigh the prior and the templates it
  // never sends; but its behaviour speaks against it.
  EXPECT_GT(heavy.log_odds(), 0);
  EXPECT_LT(heavy.behaviour, 0);
  EXPECT_FALSE(heavy.likely());
  ASSERT_TRUE(odds.Evidence(Id(Name("r", kHeld)), &held).ok());
  const MembershipEvidence stray = odds.Judge(held, *group, /*member=*/false);
  EXPECT_GT(stray.identity, 0);
  EXPECT_GT(stray.behaviour, 0);
  EXPECT_TRUE(stray.likely());
  EXPECT_FALSE(stray.likely(stray.log_odds()));  // the bar is strict
}

TEST_F(MembershipOddsTest, ReadsAMemberAgainstItsGroupWithoutIt) {
  BuildPopulation();
  const MembershipOdds odds(*in_.snapshot, *in_.weights, in_.projection);
  std::vector<AccountId> members = Ids("r", 0, kHeld);
  auto whole = odds.Count(members);
  ASSERT_TRUE(whole.ok());
  for (int m : {0, 7, 19}) {
    std::vector<AccountId> others = members;
    others.erase(others.begin() + m);
    auto without = odds.Count(others);
    ASSERT_TRUE(without.ok());
    std::vector<SignalId> held;
    ASSERT_TRUE(odds.Evidence(members[static_cast<std::size_t>(m)], &held).ok());
    const MembershipEvidence as_member = odds.Judge(held, *whole, /*member=*/true);
    const MembershipEvidence outside = odds.Judge(held, *without, /*member=*/false);
    EXPECT_NEAR(as_member.identity, outside.identity, 1e-9) << "member " << m;
    EXPECT_NEAR(as_member.behaviour, outside.behaviour, 1e-9) << "member " << m;
    EXPECT_DOUBLE_EQ(as_member.prior, outside.prior);
    EXPECT_TRUE(as_member.likely());
  }
}

}  // namespace
}  // namespace ringgraph::detection
