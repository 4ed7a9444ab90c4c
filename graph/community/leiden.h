// Parallel Leiden community detection on oneTBB.
//
// Follows Traag, Waltman & van Eck, "From Louvain to Leiden: guaranteeing well-connected
// communities" (Sci. Rep. 2019), with the parallel local moving of Sahu's GVE-Leiden (2023):
//   move       local moving with vertex pruning: only vertices whose neighbourhood changed are
//              revisited; decisions for a chunk of the queue are made in parallel against the
//              state before the chunk and applied in order;
//   refine     inside every community, start from singletons and merge a vertex into the
//              refined sub-community that gains most, only if both are well connected to the
//              community (greedy, not randomised); so every community is connected;
//   aggregate  refined communities become vertices (renumbered by a prefix sum); the
//              aggregated CSR is built per community with per-thread scratch and a prefix sum;
//              the next level starts from the local-moving partition.
// Objectives: modularity with resolution γ, and the Constant Potts Model (CPM) with γ.
//
// Determinism: always on. The vertex order comes from the seed (blocks of consecutive vertices
// in a seeded order, so that the CSR is read in runs rather than at random), and the chunks of the
// queue depend only on the graph size, never on the thread count, so the same graph and seed give
// the same partition with any number of threads.
//
// Connected components are the first split: a component smaller than
// `min_component_for_leiden` vertices becomes one community without entering Leiden.
//
// Thread safety: a Leiden object is used by one thread; Run() uses the TBB arena.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "graph/common/csr_graph.h"
#include "graph/common/status.h"

namespace ringgraph::community {

using CommunityId = std::uint32_t;

enum class Objective { kModularity, kCpm };

struct LeidenOptions {
  Objective objective = Objective::kModularity;
  double resolution = 1.0;
  std::uint64_t seed = 1;
  std::uint32_t max_levels = 32;
  // Passes of the whole algorithm; each after the first starts from the partition the one
  // before found (as igraph's n_iterations and leidenalg's optimise_partition repeated).
  std::uint32_t iterations = 1;
  std::uint32_t max_move_sweeps = 20;  // passes over the pruned queue per level
  // A level's local moving also stops after a sweep that moved fewer than this fraction of
  // its vertices; stragglers get another chance at the next level (as in GVE-Leiden's
  // tolerance-based stop).
  double min_move_fraction = 0.01;
  double tolerance = 1e-7;  // a move must gain more than this
  std::uint32_t min_component_for_leiden = 3;
  // Called after every phase with its name ("components", "move", "refine", "aggregate") and
  // its duration; the algorithm knows nothing of where the figures go.
  std::function<void(std::string_view phase, double seconds)> on_phase;
};

class Leiden {
 public:
  Leiden(const CsrGraph& graph, LeidenOptions options);
  Leiden(const Leiden&) = delete;
  Leiden& operator=(const Leiden&) = delete;

  Status Run();

  // Community of every vertex, dense from 0, after the last level.
  const std::vector<CommunityId>& membership() const { return membership_; }
  // One membership per level, each over the original vertices (coarser with each level).
  const std::vector<std::vector<CommunityId>>& levels() const { return levels_; }
  std::uint32_t num_communities() const { return num_communities_; }

 private:
  class Pass;  // one run's state from level to level, phase by phase (leiden.cc)

  const CsrGraph& graph_;
  LeidenOptions options_;
  std::vector<CommunityId> membership_;
  std::vector<std::vector<CommunityId>> levels_;
  std::uint32_t num_communities_ = 0;
};

// Labels connected components densely from 0 in order of their smallest vertex (parallel
// union-find with path halving and linking by index).
std::vector<CommunityId> ConnectedComponents(const CsrGraph& graph);

}  // namespace ringgraph::community
