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
// The detection job runs it only when asked (DetectionOptions::reassemble_pieces): the
// resolution that rejoins `ringctl gen`'s hydras joins different rings of population B at 1M
// accounts (README, "Large rings regrouped").
//
// Phases: tally (values held by members of two flagged clusters or more, then the count per
// pair of clusters), agglomerate (local moving of clusters between groups with node sizes,
// then groups become vertices, until nothing moves: Louvain on a small graph, serial and
// deterministic), relabel (every member of a group takes the group's first cluster index;
// indices are then made dense again).
//
// Thread safety: one Run() per object; reads the snapshot only.
#pragma once

#include <cstdint>
#include <functional>
#include <tuple>
#include <vector>

#include "graph/common/status.h"
#include "graph/detection/cluster_features.h"
#include "graph/projection/account_projection.h"
#include "graph/store/account_store.h"

namespace ringgraph::detection {

struct PieceReassemblyOptions {
  // CPM resolution on the graph of flagged clusters: identity values in common per pair of
  // accounts that a group of clusters needs, on average, to become one. Chosen on `ringctl
  // gen`'s stress population (hydras of 360-600 accounts in pieces of 4-10): 0.02 rejoins 3
  // of its 4 hydras, 0.03 one, 0.01 joins rings with each other. Population B at 1M accounts
  // needs 0.05 or more: its rings buy exits from four pools of 400, so pieces of different
  // rings share about (exits per account)^2 / 400 = 0.03 values per pair of accounts.
  double resolution = 0.02;
  std::uint32_t max_levels = 16;
};

struct PieceReassemblyReport {
  std::uint64_t pieces = 0;  // flagged clusters considered
  std::uint64_t groups = 0;  // groups of two or more that became one cluster
  std::uint64_t joined = 0;  // clusters that went into those groups
};

class PieceReassembly {
 public:
  PieceReassembly(const store::StoreSnapshot& snapshot, const projection::ValueWeights& weights,
                  const projection::ProjectionOptions& projection, PieceReassemblyOptions options);

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
  PieceReassemblyOptions options_;
  PieceReassemblyReport report_;
};

}  // namespace ringgraph::detection
