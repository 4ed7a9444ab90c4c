#include "graph/detection/piece_adoption.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "graph/detection/ring_pieces_testing.h"

namespace ringgraph::detection {
namespace {

class PieceAdoptionTest : public RingPiecesTest {
 protected:
  PieceAdoption Adoption(PieceAdoptionOptions options = {}) {
    return PieceAdoption(*in_.snapshot, *in_.weights, in_.projection, *in_.population, options);
  }
};

// Ring a (twelve accounts, flagged) on six exits. Piece d, four accounts on a card of their own
// and the ring's exits, active on the ring's days: its members hold mostly the ring's values and
// keep its rhythm, so it joins the ring. Piece e is the same on other days (another operator
// on the same provider) and stays apart; so does f, busy in the ring's weeks on a schedule of its
// own (eight of the ring's ten days, and two more: in step above half, but every pair across
// overlaps less than every pair inside); and so does g, on the ring's days but on exits of its
// own with one of the ring's among them (some in common, not theirs).
TEST_F(PieceAdoptionTest, AdoptsPiecesThatHoldTheRingsValuesInItsRhythm) {
  AddPiece("a", 12, 1, 1000, 6);
  AddPiece("d", 4, 4, 1000, 6);
  AddPiece("e", 4, 5, 1000, 6, /*first_day=*/60);
  AddPiece("g", 4, 6, 3000, 6);
  Add("g0", kIpKind, 1000);
  for (int i = 0; i < 4; ++i) {
    const std::string f = Name("f", i);
    Add(f, kPaymentKind, 7);
    for (int k = 0; k < 3; ++k) Add(f, kIpKind, 1000 + static_cast<std::uint32_t>((i + k) % 6));
    for (int d : {0, 1, 2, 3, 4, 5, 6, 7, 20, 21}) Prompt(f, kStart + d * kDay + i * 60);
  }
  AddStrangers(400);
  Ingest();
  const std::vector<ClusterIndex> before =
      Membership({{"a", 12}, {"d", 4}, {"e", 4}, {"g", 4}, {"f", 4}}, 5);
  auto only_a = [](ClusterIndex c) { return c == 0; };

  std::vector<ClusterIndex> membership = before;
  PieceAdoption adoption = Adoption();
  Status s = adoption.Run(&membership, only_a);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(adoption.report().candidates, 3u);   // d, e and f
  EXPECT_EQ(adoption.report().out_of_step, 2u);  // e and f
  EXPECT_EQ(adoption.report().adopted, 1u);
  EXPECT_EQ(adoption.report().adopted_members, 4u);
  EXPECT_EQ(adoption.report().rings, 1u);
  EXPECT_EQ(adoption.adopted_clusters(), std::vector<ClusterIndex>{1});
  const ClusterIndex ring = membership[Id("a0")];
  for (int i = 0; i < 4; ++i) EXPECT_EQ(membership[Id(Name("d", i))], ring);
  EXPECT_NE(membership[Id("e0")], ring);
  EXPECT_NE(membership[Id("g0")], ring);
  EXPECT_NE(membership[Id("e0")], membership[Id("g0")]);
  EXPECT_NE(membership[Id("f0")], ring);
  EXPECT_NE(membership[Id("s0")], ring);
  // Dense, in the order they had: a+d, e, g, f and the strangers.
  EXPECT_EQ(*std::max_element(membership.begin(), membership.end()), 4u);
  EXPECT_EQ(membership[Id("e0")], 1u);

  // Judged by the share of the ring's rhythm alone (f's is two thirds), f would join.
  PieceAdoptionOptions by_share;
  by_share.rhythm_z = -1;
  std::vector<ClusterIndex> loose = before;
  PieceAdoption looser = Adoption(by_share);
  ASSERT_TRUE(looser.Run(&loose, only_a).ok());
  EXPECT_EQ(looser.report().adopted, 2u);
  EXPECT_EQ(loose[Id("f0")], loose[Id("a0")]);

  PieceAdoptionOptions off;
  off.min_value_share = 0;
  std::vector<ClusterIndex> kept = before;
  PieceAdoption without = Adoption(off);
  ASSERT_TRUE(without.Run(&kept, only_a).ok());
  EXPECT_EQ(without.report().adopted, 0u);
  EXPECT_EQ(kept, before);
}

// A cluster of five on the ring's days: two members hold six of the ring's exits each, three
// hold a card and exits of their own. Most of the cluster's distinct values are the ring's, but
// most of its members are not the ring's, so it stays apart: a cluster joining two rings, or an
// honest group beside a ring, is not a piece of it.
TEST_F(PieceAdoptionTest, AClusterMostOfWhoseMembersAreNotTheRingsStaysApart) {
  AddPiece("a", 12, 1, 1000, 6);
  for (int i = 0; i < 2; ++i) {
    const std::string m = Name("m", i);
    for (std::uint32_t exit = 1000; exit < 1006; ++exit) Add(m, kIpKind, exit);
    for (int d = 0; d < 10; ++d) Prompt(m, kStart + d * kDay);
  }
  for (int i = 2; i < 5; ++i) {
    const std::string m = Name("m", i);
    Add(m, kPaymentKind, 7);
    Add(m, kIpKind, 4000 + static_cast<std::uint32_t>(i % 2));
    for (int d = 0; d < 10; ++d) Prompt(m, kStart + d * kDay);
  }
  AddStrangers(400);
  Ingest();
  std::vector<ClusterIndex> membership = Membership({{"a", 12}, {"m", 5}}, 2);
  const std::vector<ClusterIndex> before = membership;
  PieceAdoption adoption = Adoption();
  ASSERT_TRUE(adoption.Run(&membership, [](ClusterIndex c) { return c == 0; }).ok());
  EXPECT_EQ(adoption.report().candidates, 0u);
  EXPECT_EQ(membership, before);

  // Two members of three are a majority: the same cluster without m4 joins.
  std::vector<ClusterIndex> smaller = before;
  smaller[Id("m4")] = 2;
  smaller[Id("m3")] = 2;
  PieceAdoption again = Adoption();
  ASSERT_TRUE(again.Run(&smaller, [](ClusterIndex c) { return c == 0; }).ok());
  EXPECT_EQ(again.report().adopted, 1u);
  EXPECT_EQ(smaller[Id("m0")], smaller[Id("a0")]);
  EXPECT_EQ(smaller[Id("m2")], smaller[Id("a0")]);
  EXPECT_NE(smaller[Id("m3")], smaller[Id("a0")]);
}

// Pieces only join rings larger than themselves, and nothing happens without a flagged ring.
TEST_F(PieceAdoptionTest, OnlyLargerFlaggedRingsAdopt) {
  AddPiece("a", 4, 1, 1000, 6);
  AddPiece("d", 6, 4, 1000, 6);
  AddStrangers(400);
  Ingest();
  const std::vector<ClusterIndex> before = Membership({{"a", 4}, {"d", 6}}, 2);
  std::vector<ClusterIndex> membership = before;
  PieceAdoption smaller_ring = Adoption();
  ASSERT_TRUE(smaller_ring.Run(&membership, [](ClusterIndex c) { return c == 0; }).ok());
  EXPECT_EQ(smaller_ring.report().adopted, 0u);
  EXPECT_EQ(membership, before);
  PieceAdoption no_ring = Adoption();
  ASSERT_TRUE(no_ring.Run(&membership, [](ClusterIndex) { return false; }).ok());
  EXPECT_EQ(no_ring.report().candidates, 0u);
  EXPECT_EQ(membership, before);
  PieceAdoption larger_ring = Adoption();
  ASSERT_TRUE(larger_ring.Run(&membership, [](ClusterIndex c) { return c == 1; }).ok());
  EXPECT_EQ(larger_ring.report().adopted, 1u);
  EXPECT_EQ(membership[Id("a0")], membership[Id("d0")]);
}

}  // namespace
}  // namespace ringgraph::detection
