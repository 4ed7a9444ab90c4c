#include "graph/community/leiden.h"

#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
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

TEST(LeidenTest, SameSeedGivesTheSamePartitionWithAnyThreadCount) {
  CsrGraph g = PlantedPartition(600, 12, 0.3, 0.01, 3);
  LeidenOptions options;
  options.seed = 42;
  Leiden a(g, options), b(g, options);
  ASSERT_TRUE(a.Run().ok());
  ASSERT_TRUE(b.Run().ok());
  EXPECT_EQ(a.membership(), b.membership());
  EXPECT_GT(Modularity(g, a.membership()), 0.5);
  EXPECT_EQ(CountDisconnectedCommunities(g, a.membership()), 0u);
  EXPECT_GE(a.levels().size(), 1u);
}

// Connected components agree with Boost.Graph's on a random sparse graph.
TEST(LeidenTest, ConnectedComponentsMatchBoostGraph) {
  std::mt19937_64 rng(9);
  const NodeId n = 2000;
  std::vector<std::tuple<NodeId, NodeId, float>> edges;
  boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> reference(n);
  for (int i = 0; i < 1500; ++i) {
    NodeId u = rng() % n, v = rng() % n;
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
  for (NodeId u = 0; u < n; ++u) {
    for (NodeId v = u + 1; v < std::min<NodeId>(n, u + 50); ++v) {
      EXPECT_EQ(ours[u] == ours[v], theirs[u] == theirs[v]);
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
