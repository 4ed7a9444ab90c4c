#include "graph/detection/piece_reassembly.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <numeric>
#include <random>
#include <string>

#include "graph/common/temp_dir.h"
#include "graph/detection/ring_pieces_testing.h"

namespace ringgraph::detection {
namespace {

// Three pieces of ten that share twenty values pairwise are one ring; a fourth piece of ten
// with one value in common with them is not (1 < 0.03 x 10 x 10); two pieces of five sharing
// two values are (2 > 0.03 x 5 x 5).
TEST(PieceAgglomerationTest, JoinsPiecesThatShareMoreThanTheResolutionAsks) {
  const std::vector<double> sizes = {10, 10, 10, 10, 5, 5};
  const std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges = {
      {0, 1, 20}, {0, 2, 20}, {1, 2, 20}, {0, 3, 1}, {4, 5, 2}};
  const std::vector<std::uint32_t> group = PieceReassembly::Agglomerate(sizes, edges, 0.03, 16);
  EXPECT_EQ(group, (std::vector<std::uint32_t>{0, 0, 0, 3, 4, 4}));
}

// Two large pieces sharing fifty values: 50 < 0.03 x 100 x 100, so they stay apart; at a
// resolution of 0.001 (10 pairs' worth) they join. The result names each group by its
// smallest vertex, whatever the edge order.
TEST(PieceAgglomerationTest, LargePiecesNeedMoreInCommon) {
  EXPECT_EQ(PieceReassembly::Agglomerate({100, 100}, {{0, 1, 50}}, 0.03, 16),
            (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(PieceReassembly::Agglomerate({100, 100}, {{0, 1, 50}}, 0.001, 16),
            (std::vector<std::uint32_t>{0, 0}));
  EXPECT_EQ(PieceReassembly::Agglomerate({3, 3, 3}, {{1, 2, 5}}, 0.03, 16),
            (std::vector<std::uint32_t>{0, 1, 1}));
}

// A small piece tied to eight large ones, whose gains differ by less than a rounding error's
// allowance (1e-13 apart), joins the best of them. The candidates come out of a hash map whose
// iteration order changes from process to process; a choice made as they came (the first within
// 1e-12 of the best so far) made detection at 1M accounts differ between runs on one store.
TEST(PieceAgglomerationTest, APieceJoinsTheBestGroupWhateverTheCandidatesOrder) {
  std::vector<double> sizes = {1};
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges;
  std::vector<std::uint32_t> expected = {0};
  for (std::uint32_t k = 1; k <= 8; ++k) {
    sizes.push_back(100);  // 50 < 0.03 x 100 x 101: the large ones never join each other
    edges.emplace_back(0, k, 50.0 + k * 1e-13);
    expected.push_back(k == 8 ? 0 : k);
  }
  EXPECT_EQ(PieceReassembly::Agglomerate(sizes, edges, 0.03, 16), expected);
}

// A chain of groups joins over several levels: pairs first, then the pairs into one.
TEST(PieceAgglomerationTest, GroupsOfGroupsJoinAtTheNextLevel) {
  const std::vector<double> sizes = {4, 4, 4, 4};
  const std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges = {
      {0, 1, 10}, {2, 3, 10}, {1, 2, 3}, {0, 3, 3}};
  EXPECT_EQ(PieceReassembly::Agglomerate(sizes, edges, 0.03, 16),
            (std::vector<std::uint32_t>{0, 0, 0, 0}));
  // With one level, the pairs are formed and not joined.
  const auto one_level = PieceReassembly::Agglomerate(sizes, edges, 0.03, 1);
  EXPECT_EQ(one_level, (std::vector<std::uint32_t>{0, 0, 2, 2}));
}

class PieceReassemblyTest : public RingPiecesTest {
 protected:
  PieceReassembly Reassembly(PieceReassemblyOptions options = {}) {
    return PieceReassembly(*in_.snapshot, *in_.weights, in_.projection, *in_.population, options);
  }
};

// Two flagged pieces of one ring (their own cards, the same six exits) become one cluster. A
// flagged piece of sixteen that holds one of those exits stays apart, and so does an unflagged
// cluster on the same exits: only flagged clusters are regrouped.
TEST_F(PieceReassemblyTest, RejoinsPiecesOfOneRingOnly) {
  AddPiece("a", 4, 1, 1000, 6);
  AddPiece("b", 4, 2, 1000, 6);
  AddPiece("c", 16, 3, 2000, 6);
  Add("c0", kIpKind, 1000);
  AddPiece("d", 4, 4, 1000, 6);
  AddStrangers(400);  // so that the exits are rare in the population
  Ingest();
  std::vector<ClusterIndex> membership = Membership({{"a", 4}, {"b", 4}, {"c", 16}, {"d", 4}}, 4);
  PieceReassembly reassembly = Reassembly();
  Status s = reassembly.Run(&membership, [](ClusterIndex c) { return c <= 2; });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(reassembly.report().pieces, 3u);
  EXPECT_EQ(reassembly.report().groups, 1u);
  EXPECT_EQ(reassembly.report().joined, 2u);
  const ClusterIndex ring = membership[Id("a0")];
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(membership[Id(Name("a", i))], ring);
    EXPECT_EQ(membership[Id(Name("b", i))], ring);
  }
  EXPECT_NE(membership[Id("c0")], ring);
  EXPECT_NE(membership[Id("d0")], ring);
  EXPECT_NE(membership[Id("d0")], membership[Id("c0")]);
  EXPECT_NE(membership[Id("s0")], ring);
  // Indices stay dense: a+b, c, d and the strangers.
  ClusterIndex highest = 0;
  for (ClusterIndex c : membership) highest = std::max(highest, c);
  EXPECT_EQ(highest, 3u);
}

// Without flagged clusters, nothing changes.
TEST_F(PieceReassemblyTest, LeavesUnflaggedClustersAlone) {
  AddPiece("a", 4, 1, 1000, 6);
  AddPiece("b", 4, 2, 1000, 6);
  Ingest();
  std::vector<ClusterIndex> membership = Membership({{"a", 4}, {"b", 4}}, 2);
  const std::vector<ClusterIndex> before = membership;
  PieceReassembly reassembly = Reassembly();
  ASSERT_TRUE(reassembly.Run(&membership, [](ClusterIndex) { return false; }).ok());
  EXPECT_EQ(membership, before);
  EXPECT_EQ(reassembly.report().groups, 0u);
}

// Two rings of two pieces each buy the same six exits, so a piece shares as much with the
// other ring's pieces as with its own; but one ring works on days 0-9 and the other on days
// 60-69. Links count only as far as the pieces keep one rhythm, so each ring is regrouped on its
// own. Counting shared values alone joins all four, and the verify phase then leaves them
// apart: members are in step for a third of the pairs across pieces.
TEST_F(PieceReassemblyTest, RegroupsRingsOnOneProviderEachOnItsOwn) {
  AddPiece("a", 4, 1, 1000, 6, 0);
  AddPiece("b", 4, 2, 1000, 6, 0);
  AddPiece("e", 4, 3, 1000, 6, 60);
  AddPiece("f", 4, 4, 1000, 6, 60);
  AddStrangers(400);
  Ingest();
  const std::vector<ClusterIndex> before = Membership({{"a", 4}, {"b", 4}, {"e", 4}, {"f", 4}}, 4);
  auto is_piece = [](ClusterIndex c) { return c < 4; };

  std::vector<ClusterIndex> membership = before;
  PieceReassembly reassembly = Reassembly();
  ASSERT_TRUE(reassembly.Run(&membership, is_piece).ok());
  EXPECT_EQ(reassembly.report().pieces, 4u);
  EXPECT_EQ(reassembly.report().groups, 2u);
  EXPECT_EQ(reassembly.report().out_of_step, 0u);
  EXPECT_EQ(membership[Id("a0")], membership[Id("b3")]);
  EXPECT_EQ(membership[Id("e0")], membership[Id("f3")]);
  EXPECT_NE(membership[Id("a0")], membership[Id("e0")]);

  PieceReassemblyOptions by_sharing;  // links counted by shared values alone
  by_sharing.link_step_pairs = 0;
  std::vector<ClusterIndex> shared = before;
  PieceReassembly by_values = Reassembly(by_sharing);
  ASSERT_TRUE(by_values.Run(&shared, is_piece).ok());
  EXPECT_EQ(by_values.report().out_of_step, 1u);
  EXPECT_EQ(by_values.report().groups, 0u);
  EXPECT_EQ(shared, before);
}

// The measure the verify phase uses (PopulationProfile::StepAcross): pieces in one rhythm score
// about 1, pieces of two rhythms about 0, a third of the cross pairs in step about a third, and
// members without prompts give 0 (the test cannot tell).
TEST_F(PieceReassemblyTest, StepAcrossComparesPairsAcrossPiecesWithPairsInside) {
  AddPiece("a", 6, 1, 1000, 6, 0);
  AddPiece("b", 6, 2, 1000, 6, 0);
  AddPiece("c", 6, 3, 1000, 6, 100);
  for (int i = 0; i < 6; ++i) Add(Name("q", i), kPaymentKind, 9);  // no prompts at all
  AddStrangers(400);
  Ingest();
  auto members = [&](const char* prefix) {
    std::vector<AccountId> ids;
    for (int i = 0; i < 6; ++i) ids.push_back(Id(Name(prefix, i)));
    return ids;
  };
  auto step = [&](std::vector<std::vector<AccountId>> pieces) {
    return in_.population->StepAcross(pieces, 400).share();
  };
  const double one_rhythm = step({members("a"), members("b")});
  EXPECT_GT(one_rhythm, 0.95);
  EXPECT_LT(one_rhythm, 1.05);
  EXPECT_LT(step({members("a"), members("c")}), 0.05);
  const double mixed = step({members("a"), members("b"), members("c")});
  EXPECT_GT(mixed, 0.2);
  EXPECT_LT(mixed, 0.5);
  EXPECT_EQ(step({members("q"), members("a")}), 0.0);
  EXPECT_EQ(step({members("q"), members("q")}), 0.0);
  EXPECT_TRUE(in_.population->StepAcross({members("a"), members("c")}, 400).telling());
  EXPECT_FALSE(in_.population->StepAcross({members("q"), members("a")}, 400).telling());
}

// same_rhythm: members of one schedule whose days vary (each active on days drawn from the same
// twenty) overlap across two groups as they do inside one, up to sampling error; a group whose
// days are drawn from sixteen of those and four of its own overlaps the first group less than
// that, though still above half as much.
TEST_F(PieceReassemblyTest, SameRhythmAllowsSamplingErrorOnly) {
  std::mt19937 rng(3);
  auto add_group = [&](const char* prefix, int size, const std::vector<int>& pool, int per) {
    for (int i = 0; i < size; ++i) {
      const std::string a = Name(prefix, i);
      Add(a, kPaymentKind, 50);
      std::vector<int> days = pool;
      std::shuffle(days.begin(), days.end(), rng);
      for (int k = 0; k < per; ++k) Prompt(a, kStart + days[k] * kDay);
    }
  };
  std::vector<int> season(20);
  std::iota(season.begin(), season.end(), 0);
  add_group("a", 40, season, 10);
  add_group("b", 40, season, 10);
  std::vector<int> own(season.begin(), season.begin() + 16);
  own.insert(own.end(), {40, 41, 42, 43});
  add_group("c", 40, own, 10);
  AddStrangers(400);
  Ingest();
  auto members = [&](const char* prefix) {
    std::vector<AccountId> ids;
    for (int i = 0; i < 40; ++i) ids.push_back(Id(Name(prefix, i)));
    return ids;
  };
  const auto one = in_.population->StepAcross({members("a"), members("b")}, 400);
  EXPECT_GT(one.gap_error, 0.0);
  EXPECT_TRUE(one.same_rhythm(2.0));
  const auto two = in_.population->StepAcross({members("a"), members("c")}, 400);
  EXPECT_GT(two.share(), 0.5);
  EXPECT_FALSE(two.same_rhythm(2.0));
}

}  // namespace
}  // namespace ringgraph::detection
