#include "graph/community/leiden.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <map>
#include <random>
#include <set>

#include "graph/community/modularity.h"

namespace ringgraph::community {
namespace {

// Builds a CsrGraph from an undirected edge list (each edge once, weight 1 unless given).
CsrGraph FromEdges(NodeId n, const std::vector<std::tuple<NodeId, NodeId, float>>& edges) {
  std::vector<std::vector<std::pair<NodeId, float>>> rows(n);
  for (auto [u, v, w] : edges) {
    rows[u].emplace_back(v, w);
    if (u != v) rows[v].emplace_back(u, w);
  }
  CsrGraph g;
  g.offsets.push_back(0);
  for (auto& row : rows) {
    std::sort(row.begin(), row.end());
    for (auto [v, w] : row) {
      g.neighbors.push_back(v);
      g.weights.push_back(w);
    }
    g.offsets.push_back(g.neighbors.size());
  }
  return g;
}

std::vector<std::tuple<NodeId, NodeId, float>> Clique(NodeId first, NodeId size) {
  std::vector<std::tuple<NodeId, NodeId, float>> edges;
  for (NodeId a = first; a < first + size; ++a) {
    for (NodeId b = a + 1; b < first + size; ++b) edges.emplace_back(a, b, 1.0f);
  }
  return edges;
}

//  0─1─2─3─4 (K5)  ──one edge──  5─6─7─8─9 (K5)
TEST(LeidenTest, TwoCliquesJoinedByOneEdgeAreTwoCommunities) {
  auto edges = Clique(0, 5);
  auto second = Clique(5, 5);
  edges.insert(edges.end(), second.begin(), second.end());
  edges.emplace_back(4, 5, 1.0f);
  CsrGraph g = FromEdges(10, edges);
  Leiden leiden(g, {});
  ASSERT_TRUE(leiden.Run().ok());
  const auto& m = leiden.membership();
  EXPECT_EQ(leiden.num_communities(), 2u);
  for (NodeId v = 1; v < 5; ++v) EXPECT_EQ(m[v], m[0]);
  for (NodeId v = 6; v < 10; ++v) EXPECT_EQ(m[v], m[5]);
  EXPECT_NE(m[0], m[5]);
  // 2 × (10 internal edges) of 21, minus the expected share: the known optimum.
  double expected = 20.0 / 21 - 2 * (21.0 / 42) * (21.0 / 42);
  EXPECT_NEAR(Modularity(g, m), expected, 1e-9);
  EXPECT_EQ(CountDisconnectedCommunities(g, m), 0u);
}

// A ring of 30 triangles (K3), neighbouring triangles joined by one edge. Modularity's
// resolution limit merges neighbouring triangles; CPM at γ = 0.5 keeps every triangle apart.
TEST(LeidenTest, RingOfCliquesShowsTheResolutionLimitOfModularityButNotOfCpm) {
  const NodeId cliques = 30, size = 3;
  std::vector<std::tuple<NodeId, NodeId, float>> edges;
  for (NodeId c = 0; c < cliques; ++c) {
    auto clique = Clique(c * size, size);
    edges.insert(edges.end(), clique.begin(), clique.end());
    edges.emplace_back(c * size + size - 1, ((c + 1) % cliques) * size, 1.0f);
  }
  CsrGraph g = FromEdges(cliques * size, edges);
  Leiden modularity(g, {});
  ASSERT_TRUE(modularity.Run().ok());
  EXPECT_LT(modularity.num_communities(), cliques);
  LeidenOptions cpm_options;
  cpm_options.objective = Objective::kCpm;
  cpm_options.resolution = 0.5;
  Leiden cpm(g, cpm_options);
  ASSERT_TRUE(cpm.Run().ok());
  EXPECT_EQ(cpm.num_communities(), cliques);
  for (NodeId c = 0; c < cliques; ++c) {
    EXPECT_EQ(cpm.membership()[c * size], cpm.membership()[c * size + 2]);
  }
  EXPECT_EQ(CountDisconnectedCommunities(g, modularity.membership()), 0u);
}

CsrGraph PlantedPartition(NodeId n, NodeId groups, double p_in, double p_out, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<std::tuple<NodeId, NodeId, float>> edges;
  for (NodeId a = 0; a < n; ++a) {
    for (NodeId b = a + 1; b < n; ++b) {
      if (unit(rng) < (a % groups == b % groups ? p_in : p_out)) edges.emplace_back(a, b, 1.0f);
    }
  }
  return FromEdges(n, edges);
}

// A sparse planted partition built in O(edges): `groups` groups of n / groups vertices, each
// vertex drawing `in` partners inside its group and `out` anywhere.
CsrGraph SparsePlantedPartition(NodeId n, NodeId groups, int in, int out, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const NodeId group_size = n / groups;
  std::vector<std::pair<NodeId, NodeId>> pairs;
  for (NodeId v = 0; v < n; ++v) {
    const NodeId first = v / group_size * group_size;
    for (int i = 0; i < in + out; ++i) {
      NodeId u =
          i < in ? first + static_cast<NodeId>(rng() % group_size) : static_cast<NodeId>(rng() % n);
      if (u != v) pairs.emplace_back(std::min(u, v), std::max(u, v));
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<std::tuple<NodeId, NodeId, float>> edges;
  for (auto [a, b] : pairs) edges.emplace_back(a, b, 1.0f);
  return FromEdges(n, edges);
}

// Runs Leiden inside an arena of `threads` threads (no more may work on it).
std::vector<CommunityId> RunWithThreads(const CsrGraph& g, const LeidenOptions& options,
                                        int threads) {
  std::vector<CommunityId> membership;
  tbb::task_arena arena(threads);
  arena.execute([&] {
    // Guards the test itself: Leiden's parallel loops must see this arena's limit.
    EXPECT_EQ(tbb::this_task_arena::max_concurrency(), threads);
    Leiden leiden(g, options);
    EXPECT_TRUE(leiden.Run().ok());
    membership = leiden.membership();
  });
  return membership;
}

// The same seed on one, two and four threads gives the same partition (labels are dense in
// order of first appearance, so equal partitions have equal labels). The small dense graph
// has chunks of one vertex in local moving; the sparse one (40,000 vertices, average degree
// about 20) has chunks of over a hundred, so every phase's parallel loops really split work.
// A ring of four pieces (pairs inside a piece weigh 1, pairs across pieces 0.2: as one, the
// ring holds 0.37 per pair, above the resolution) and an outsider tied to one member of one
// piece by a single link of 1. The outsider is well connected to its piece but not to the ring
// (joining 20 members costs 0.15 * 20 = 3 for a link of 1), so the best partition leaves it
// alone. One pass merges it into its piece at the first level's refinement, before the pieces
// form the ring, and it rides along; a second pass, from the ring, lets it go.
TEST(LeidenTest, ASecondPassLetsAnOutsiderTiedToOnePieceLeaveTheWhole) {
  constexpr NodeId kPieces = 4, kPieceSize = 5, kRing = kPieces * kPieceSize, kOutsider = kRing;
  std::vector<std::tuple<NodeId, NodeId, float>> edges;
  for (NodeId a = 0; a < kRing; ++a) {
    for (NodeId b = a + 1; b < kRing; ++b) {
      edges.emplace_back(a, b, a / kPieceSize == b / kPieceSize ? 1.0f : 0.2f);
    }
  }
  edges.emplace_back(0, kOutsider, 1.0f);
  CsrGraph g = FromEdges(kRing + 1, edges);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    LeidenOptions options;
    options.objective = Objective::kCpm;
    options.resolution = 0.15;
    options.seed = seed;
    options.iterations = 2;
    Leiden leiden(g, options);
    ASSERT_TRUE(leiden.Run().ok());
    const std::vector<CommunityId>& m = leiden.membership();
    for (NodeId v = 1; v < kRing; ++v) EXPECT_EQ(m[v], m[0]) << "seed " << seed << " vertex " << v;
    EXPECT_NE(m[kOutsider], m[0]) << "seed " << seed;
  }
}

TEST(LeidenTest, SameSeedGivesTheSamePartitionWithAnyThreadCount) {
  // Four threads even on a smaller machine (TBB otherwise caps workers at the core count). TSan
  // builds stay on one thread: the smallest active limit wins (common/tsan_one_tbb_thread.cc).
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, 4);
  const std::vector<std::pair<const char*, CsrGraph>> graphs = {
      {"dense planted 600", PlantedPartition(600, 12, 0.3, 0.01, 3)},
      {"sparse planted 40000", SparsePlantedPartition(40000, 1000, 8, 3, 5)}};
  for (const auto& [name, g] : graphs) {
    SCOPED_TRACE(name);
    LeidenOptions options;
    options.seed = 42;
    std::vector<CommunityId> one = RunWithThreads(g, options, 1);
    EXPECT_GT(Modularity(g, one), 0.5);
    EXPECT_EQ(CountDisconnectedCommunities(g, one), 0u);
    // Three runs per thread count: a race between threads need not show on every run.
    for (int threads : {2, 2, 2, 4, 4, 4}) {
      std::vector<CommunityId> many = RunWithThreads(g, options, threads);
      ASSERT_EQ(many.size(), one.size());
      std::size_t differ = 0;
      for (std::size_t v = 0; v < one.size(); ++v) differ += many[v] != one[v];
      EXPECT_EQ(differ, 0u) << "vertices labelled differently with " << threads
                            << " threads than with 1";
    }
  }
}

// Connected components agree with Boost.Graph's on random graphs below, near and above the
// density where one giant component forms (the case the sampled linking shortcuts), with
// isolated vertices and small components beside it.
TEST(LeidenTest, ConnectedComponentsMatchBoostGraph) {
  for (int edge_count : {1500, 2500, 6000, 20000}) {
    SCOPED_TRACE("edges " + std::to_string(edge_count));
    std::mt19937_64 rng(9 + edge_count);
    const NodeId n = 4000;
    std::vector<std::tuple<NodeId, NodeId, float>> edges;
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> reference(n);
    for (int i = 0; i < edge_count; ++i) {
      // The first 3,000 vertices are dense; the rest pair up sparsely among themselves.
      NodeId u = rng() % 3000, v = rng() % 3000;
      if (i % 10 == 0) u = 3000 + rng() % 1000, v = 3000 + rng() % 1000;
      if (u == v) continue;
      edges.emplace_back(u, v, 1.0f);
      boost::add_edge(u, v, reference);
    }
    CsrGraph g = FromEdges(n, edges);
    std::vector<CommunityId> ours = ConnectedComponents(g);
    std::vector<int> theirs(n);
    int count = boost::connected_components(reference, theirs.data());
    std::set<CommunityId> distinct(ours.begin(), ours.end());
    EXPECT_EQ(static_cast<int>(distinct.size()), count);
    // The same partition: each of our ids maps to exactly one of Boost's, and back.
    std::map<CommunityId, int> to_theirs;
    std::map<int, CommunityId> to_ours;
    for (NodeId v = 0; v < n; ++v) {
      auto [a, inserted_a] = to_theirs.emplace(ours[v], theirs[v]);
      auto [b, inserted_b] = to_ours.emplace(theirs[v], ours[v]);
      ASSERT_EQ(a->second, theirs[v]) << "vertex " << v;
      ASSERT_EQ(b->second, ours[v]) << "vertex " << v;
    }
  }
}

TEST(LeidenTest, EmptyGraphAndNegativeResolution) {
  CsrGraph empty;
  Leiden leiden(empty, {});
  EXPECT_TRUE(leiden.Run().ok());
  EXPECT_EQ(leiden.num_communities(), 0u);
  LeidenOptions bad;
  bad.resolution = -1;
  CsrGraph g = FromEdges(2, {{0, 1, 1.0f}});
  EXPECT_EQ(Leiden(g, bad).Run().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace ringgraph::community
