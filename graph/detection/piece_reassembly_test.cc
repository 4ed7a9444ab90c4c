#include "graph/detection/piece_reassembly.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>

#include "graph/common/temp_dir.h"

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

std::string Name(const char* prefix, int i) {
  std::string name(prefix);
  name.append(std::to_string(i));
  return name;
}

class PieceReassemblyTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::move(store::AccountStore::Open(dir_.Sub("db"))).value(); }
  void Add(const std::string& account, KindCode kind, std::uint32_t value) {
    names_.push_back(std::make_unique<std::string>(account));
    store::StoreRecord r;
    r.account = *names_.back();
    r.kind = kind;
    r.value.fill(0);
    std::memcpy(r.value.data(), &value, sizeof value);
    r.ts = 1'790'000'000 + static_cast<UnixSeconds>(pending_.size());
    pending_.push_back(r);
  }
  // `size` accounts on one card of their own; member i rotates through exits
  // first_exit + (i .. i + 2) mod exits.
  void AddPiece(const char* prefix, int size, std::uint32_t card, std::uint32_t first_exit,
                int exits) {
    for (int i = 0; i < size; ++i) {
      const std::string a = Name(prefix, i);
      Add(a, kPaymentKind, card);
      for (int k = 0; k < 3; ++k) {
        Add(a, kIpKind, first_exit + static_cast<std::uint32_t>((i + k) % exits));
      }
    }
  }

  TempDir dir_;
  std::unique_ptr<store::AccountStore> store_;
  std::vector<std::unique_ptr<std::string>> names_;
  std::vector<store::StoreRecord> pending_;
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
  for (int i = 0; i < 400; ++i) {  // strangers, so that the exits are rare in the population
    Add(Name("s", i), kPaymentKind, 10'000 + i);
    Add(Name("s", i), kIpKind, 20'000 + i);
  }
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  auto snapshot = std::move(store_->Snapshot()).value();
  projection::ProjectionOptions options;
  options.half_life_days = 0;
  auto weights = projection::ComputeValueWeights(*snapshot, options);
  ASSERT_TRUE(weights.ok()) << weights.status().ToString();

  auto id = [&](const std::string& name) { return **snapshot->FindAccount(name); };
  std::vector<ClusterIndex> membership(snapshot->num_accounts(), 4);
  auto put = [&](const char* prefix, int size, ClusterIndex c) {
    for (int i = 0; i < size; ++i) membership[id(Name(prefix, i))] = c;
  };
  put("a", 4, 0);
  put("b", 4, 1);
  put("c", 16, 2);
  put("d", 4, 3);
  PieceReassembly reassembly(*snapshot, *weights, options, PieceReassemblyOptions{});
  Status s = reassembly.Run(&membership, [](ClusterIndex c) { return c <= 2; });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(reassembly.report().pieces, 3u);
  EXPECT_EQ(reassembly.report().groups, 1u);
  EXPECT_EQ(reassembly.report().joined, 2u);
  const ClusterIndex ring = membership[id("a0")];
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(membership[id(Name("a", i))], ring);
    EXPECT_EQ(membership[id(Name("b", i))], ring);
  }
  EXPECT_NE(membership[id("c0")], ring);
  EXPECT_NE(membership[id("d0")], ring);
  EXPECT_NE(membership[id("d0")], membership[id("c0")]);
  EXPECT_NE(membership[id("s0")], ring);
  // Indices stay dense: a+b, c, d and the strangers.
  ClusterIndex highest = 0;
  for (ClusterIndex c : membership) highest = std::max(highest, c);
  EXPECT_EQ(highest, 3u);
}

// Without flagged clusters, nothing changes.
TEST_F(PieceReassemblyTest, LeavesUnflaggedClustersAlone) {
  AddPiece("a", 4, 1, 1000, 6);
  AddPiece("b", 4, 2, 1000, 6);
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  auto snapshot = std::move(store_->Snapshot()).value();
  projection::ProjectionOptions options;
  auto weights = projection::ComputeValueWeights(*snapshot, options);
  ASSERT_TRUE(weights.ok());
  std::vector<ClusterIndex> membership(snapshot->num_accounts());
  for (std::size_t a = 0; a < membership.size(); ++a) membership[a] = a < 4 ? 0 : 1;
  const std::vector<ClusterIndex> before = membership;
  PieceReassembly reassembly(*snapshot, *weights, options, PieceReassemblyOptions{});
  ASSERT_TRUE(reassembly.Run(&membership, [](ClusterIndex) { return false; }).ok());
  EXPECT_EQ(membership, before);
  EXPECT_EQ(reassembly.report().groups, 0u);
}

}  // namespace
}  // namespace ringgraph::detection
