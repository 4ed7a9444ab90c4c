// Reassembles a large ring that the partition cut into flagged pieces.
//
// The partition's objective (CPM, leiden_partitioner.h) keeps a community together only while
// the evidence per pair of its members stays above the resolution. A ring of hundreds of
// accounts is sparse by that measure: each account shares a card or an automation host with a
// few others and a handful of proxy exits with a few dozen, so the partition returns it as
// many small flagged clusters, each a card or a host, linked to each other by the exits they
// rotate through. Each piece is flagged, but an analyst sees dozens of "rings" where one
// operator runs one.
//
// The pieces of one ring share far more identity values with each other than pieces of
// different rings do, relative to their sizes: two rings that buy exits from one provider
// share a few exits between them, while the pieces of one ring share most of theirs. So the
// flagged clusters are grouped by the same objective one level up: a graph whose vertices are
// the flagged clusters (of size their member count) and whose edge weights count the identity
// values (every linking kind that is not a profile kind, as in identity_separation.h) that
// members of both hold, partitioned by CPM with `resolution` shared values per pair of
// accounts. The unit is a count of values, not projected weight: the projection weighs a value
// by how rare it is among all accounts, and an exit a ring rotates through is not rare; what
// ties the pieces is how many such values they have in common. Unflagged clusters are left
// alone, and a group of pieces becomes one cluster only when that raises the CPM quality.
//
// Sharing alone cannot tell one ring from several that buy exits from one proxy provider: at
// scale such rings share as many exits per pair of accounts as the pieces of one ring do. What
// they do not share is their rhythm. One operator runs all its accounts in one campaign, so
// members of different pieces are active on the same days as members of one piece are, while
// different operators' rings each keep their own days. So the rhythm is measured against the
// population, never against a fixed scale: for two pieces, how much more the days of a member
// of one overlap those of a member of the other than two random accounts' days do, as a share
// of how much more members of one piece overlap each other (PopulationProfile::StepAcross; about 1
// for one operator, about 0 for two). Each link's count of shared values is multiplied by that
// share (at most 1), and a group found is kept only when the share over all its pieces is at least
// min_cross_step; otherwise its pieces stay as they were.
//
// Phases: tally (values held by members of two flagged clusters or more, then the count per
// pair of clusters), in step (each link weighed by its pieces' rhythm), agglomerate (local
// moving of clusters between groups with node sizes, then groups become vertices, until
// nothing moves: Louvain on a small graph, serial and deterministic), verify (a group whose
// members are not in step across its pieces as they are inside them is left in pieces),
// relabel (every member of a group takes the group's first cluster index; indices are then
// made dense again).
//
// Thread safety: one Run() per object; reads the snapshot only.
#pragma once

#include <cstdint>
#include <functional>
#include <tuple>
#include <vector>

#include "graph/common/status.h"
#include "graph/detection/cluster_features.h"
#include "graph/detection/population_profile.h"
#include "graph/projection/account_projection.h"
#include "graph/store/account_store.h"

namespace ringgraph::detection {

struct PieceReassemblyOptions {
  // CPM resolution on the graph of flagged clusters: identity values in common per pair of
  // accounts that a group of clusters needs, on average, to become one. Chosen on `ringctl
  // gen`'s stress population (hydras of 360-600 accounts in pieces of 4-10): 0.02 rejoins 3
  // of its 4 hydras, 0.03 one, 0.01 joins rings with each other. Counted by values alone it
  // also joins different rings of population B at 1M accounts, which buy exits from four pools
  // of 400 and so share about (exits per account)^2 / 400 = 0.03 values per pair of accounts;
  // weighing links by rhythm is what keeps those apart.
  double resolution = 0.02;
  std::uint32_t max_levels = 16;
  // A group is kept only when its pieces' members are active on the same days across pieces
  // at least this share as much as inside a piece (each measured above the population's
  // baseline overlap of two random accounts). One operator runs all its pieces in one rhythm
  // (1 is the expectation); rings of different operators that share a proxy provider are in
  // step inside each ring and not across (0), so 0.5 is halfway between the two.
  double min_cross_step = 0.5;
  // Member pairs sampled per group for each of the two overlaps, and per pair of linked pieces
  // for the weight of their link (each link's count of shared values is multiplied by the same
  // measure, at most 1, before the agglomeration; 0 counts links by shared values alone).
  std::uint32_t step_pairs = 400;
  std::uint32_t link_step_pairs = 24;
};

struct PieceReassemblyReport {
  std::uint64_t pieces = 0;       // flagged clusters considered
  std::uint64_t groups = 0;       // groups of two or more that became one cluster
  std::uint64_t joined = 0;       // clusters that went into those groups
  std::uint64_t out_of_step = 0;  // groups left in pieces: not in step across their pieces
};

class PieceReassembly {
 public:
  PieceReassembly(const store::StoreSnapshot& snapshot, const projection::ValueWeights& weights,
                  const projection::ProjectionOptions& projection,
                  const PopulationProfile& population, PieceReassemblyOptions options);

  // Regroups the flagged clusters of `membership` (cluster per account, dense) in place.
  Status Run(std::vector<ClusterIndex>* membership,
             const std::function<bool(ClusterIndex)>& is_flagged);
  const PieceReassemblyReport& report() const { return report_; }

  // The agglomerate phase alone, for tests: vertices with sizes and weighted edges (each pair
  // once, u != v); returns each vertex's group, the smallest vertex index of the group.
  static std::vector<std::uint32_t> Agglomerate(
      const std::vector<double>& sizes,
      const std::vector<std::tuple<std::uint32_t, std::uint32_t, double>>& edges, double resolution,
      std::uint32_t max_levels);

 private:
  const store::StoreSnapshot& snapshot_;
  const projection::ValueWeights& weights_;
  const projection::ProjectionOptions& projection_;
  const PopulationProfile& population_;
  PieceReassemblyOptions options_;
  PieceReassemblyReport report_;
};

}  // namespace ringgraph::detection
