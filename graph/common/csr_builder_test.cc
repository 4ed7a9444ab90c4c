#include "graph/common/csr_builder.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <map>
#include <random>
#include <utility>

namespace ringgraph {
namespace {

// The neighbours of v as (neighbour, weight), in stored order.
std::vector<std::pair<NodeId, WeightT>> Row(const CsrGraph& g, NodeId v) {
  std::vector<std::pair<NodeId, WeightT>> row;
  for (EdgeIndex e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
    row.emplace_back(g.neighbors[e], g.weights[e]);
  }
  return row;
}

TEST(CsrBuilderTest, ParallelEdgesFromAnyBufferMergeByTheirSumInBothDirections) {
  std::vector<std::vector<WeightedPair>> buffers = {
      {{0, 2, 1.0f}, {1, 2, 0.5f}},
      {{2, 0, 2.0f}, {0, 1, 0.25f}},
      {{0, 2, 0.5f}},
  };
  CsrGraph g = BuildUndirectedCsr(4, buffers);
  ASSERT_EQ(g.num_vertices(), 4u);
  using Entries = std::vector<std::pair<NodeId, WeightT>>;
  EXPECT_EQ(Row(g, 0), (Entries{{1, 0.25f}, {2, 3.5f}}));
  EXPECT_EQ(Row(g, 1), (Entries{{0, 0.25f}, {2, 0.5f}}));
  EXPECT_EQ(Row(g, 2), (Entries{{0, 3.5f}, {1, 0.5f}}));
  EXPECT_EQ(g.degree(3), 0u);  // isolated: an empty row, offsets still cover it
  EXPECT_EQ(g.num_entries(), 6u);
  for (const auto& buffer : buffers) EXPECT_TRUE(buffer.empty());  // consumed
}

TEST(CsrBuilderTest, ASelfLoopIsStoredOnceInItsOwnRow) {
  std::vector<std::vector<WeightedPair>> buffers = {{{1, 1, 2.0f}, {1, 1, 1.0f}, {0, 1, 1.0f}}};
  CsrGraph g = BuildUndirectedCsr(2, buffers);
  using Entries = std::vector<std::pair<NodeId, WeightT>>;
  EXPECT_EQ(Row(g, 1), (Entries{{0, 1.0f}, {1, 3.0f}}));
  EXPECT_EQ(Row(g, 0), (Entries{{1, 1.0f}}));
  EXPECT_EQ(g.num_entries(), 3u);
}

TEST(CsrBuilderTest, NoVerticesGivesAnEmptyGraph) {
  std::vector<std::vector<WeightedPair>> buffers;
  CsrGraph g = BuildUndirectedCsr(0, buffers);
  EXPECT_EQ(g.num_vertices(), 0u);
  EXPECT_EQ(g.num_entries(), 0u);
}

// Large enough that every parallel loop splits into many tasks: the result must equal a plain
// ordered-map build, on one thread and on two.
class CsrBuilderThreads : public ::testing::TestWithParam<int> {};

TEST_P(CsrBuilderThreads, MatchesAnOrderedMapReference) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, GetParam());
  constexpr NodeId kVertices = 3000;
  std::mt19937 rng(17);
  std::uniform_int_distribution<NodeId> vertex(0, kVertices - 1);
  std::uniform_int_distribution<int> weight(1, 8);  // quarters: exact in float and double
  std::vector<std::vector<WeightedPair>> buffers(4);
  std::map<std::pair<NodeId, NodeId>, double> expected;
  for (int i = 0; i < 120000; ++i) {
    WeightedPair p{vertex(rng), vertex(rng), weight(rng) * 0.25f};
    if (i % 97 == 0) p.v = p.u;
    buffers[i % 4].push_back(p);
    expected[{p.u, p.v}] += p.w;
    if (p.u != p.v) expected[{p.v, p.u}] += p.w;
  }
  CsrGraph g = BuildUndirectedCsr(kVertices, buffers);
  ASSERT_EQ(g.num_entries(), expected.size());
  auto it = expected.begin();
  for (NodeId v = 0; v < kVertices; ++v) {
    for (EdgeIndex e = g.offsets[v]; e < g.offsets[v + 1]; ++e, ++it) {
      ASSERT_EQ(it->first, std::make_pair(v, g.neighbors[e]));
      ASSERT_FLOAT_EQ(g.weights[e], static_cast<float>(it->second));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(OneAndTwo, CsrBuilderThreads, ::testing::Values(1, 2));

}  // namespace
}  // namespace ringgraph
