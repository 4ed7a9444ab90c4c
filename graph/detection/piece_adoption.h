// Joins to a flagged ring the unflagged pieces that are plainly its own: clusters whose members
// hold mostly the ring's identity values and keep the ring's rhythm.
//
// The partition cuts a large ring into pieces (piece_reassembly.h). Flagged pieces are regrouped
// by what they share; but a ring of hundreds of low-and-slow accounts also leaves pieces of five
// to ten members that score low on their own (a few prompts each, one card, a few exits) and are
// never flagged, so the ring is found at half its size, or not at all. Such a piece differs from
// the honest clusters beside a ring in two ways, each measured against the population rather
// than a scale:
//   - its members' cards, hosts and exits are the ring's: most members hold mostly values that
//     the ring's members hold too (an honest customer of the same proxy provider holds a few of
//     the ring's exits among values of its own; a ring on the same provider holds its own cards);
//   - its members are active on the ring's days, above the population's baseline, as much as
//     the ring's members are with each other, up to sampling error (PopulationProfile::
//     StepAcross): one operator runs one schedule, while another operator's ring keeps its own,
//     even when both are busy in the same weeks, and honest users keep theirs.
// A piece that passes both joins the ring. "Most" is a majority, at both levels: a member counts
// when at least min_value_share of its values are held by the ring, and the piece when at least
// that share of its members with values count; min_cross_step is the midpoint between one
// operator (1) and two (0), as in piece_reassembly.h. Nothing here is fitted to a population.
//
// The detection job then scores each ring that adopted pieces; pieces that would leave it
// unflagged are given back (detection_job.h), so an adoption can grow a flagged ring, never hide
// it.
//
// Phases: tally (which flagged rings hold each identity value), choose (per candidate piece, the
// larger ring holding most of its values, and whether most of its members are mostly that ring's),
// in step (the piece against the ring's rhythm), relabel (pieces take their ring's index; indices
// are made dense again, keeping their order). Rings are the clusters as Run() finds them: a piece
// adopted does not make its ring hold more in the same run, so the order does not matter.
//
// Thread safety: one Run() per object; reads the snapshot only.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/detection/cluster_features.h"
#include "graph/detection/population_profile.h"
#include "graph/projection/account_projection.h"
#include "graph/store/account_store.h"

namespace ringgraph::detection {

struct PieceAdoptionOptions {
  // The share of a member's identity values the ring must hold for the member to count, and the
  // share of the piece's members (with identity values) that must count: a majority.
  double min_value_share = 0.5;
  // The piece's members must be in step with the ring's at least this share as much as the
  // ring's members are with each other (each above the population's baseline).
  double min_cross_step = 0.5;
  // ... and no further below it than sampling explains: a piece of the ring is run on the
  // ring's own schedule, so its members overlap the ring's as the ring's overlap each other, up
  // to this many standard errors of the difference; rings of other operators active in the same
  // weeks (a launch, a season) overlap it less. Two standard errors, the usual test; a negative
  // value leaves only min_cross_step.
  double rhythm_z = 2.0;
  // Member pairs sampled for each of the two day overlaps.
  std::uint32_t step_pairs = 400;
  // Pieces of this many members or more are candidates (accounts alone are the stray
  // attachment's: stray_attachment.h).
  std::uint32_t min_piece = 2;
};

struct PieceAdoptionReport {
  std::uint64_t candidates = 0;   // unflagged pieces most of whose values a larger ring holds
  std::uint64_t out_of_step = 0;  // of those, left alone: not in the ring's rhythm
  std::uint64_t adopted = 0;      // pieces joined to a ring
  std::uint64_t adopted_members = 0;
  std::uint64_t rings = 0;  // rings that adopted a piece
};

class PieceAdoption {
 public:
  // `projection` tells the profile kinds (behaviour), which are not identity values.
  PieceAdoption(const store::StoreSnapshot& snapshot, const projection::ValueWeights& weights,
                const projection::ProjectionOptions& projection,
                const PopulationProfile& population, PieceAdoptionOptions options = {});

  // Joins unflagged clusters of `membership` (cluster per account, dense) to the clusters for
  // which `is_flagged` holds, in place, and makes the indices dense again.
  Status Run(std::vector<ClusterIndex>* membership,
             const std::function<bool(ClusterIndex)>& is_flagged);
  const PieceAdoptionReport& report() const { return report_; }
  // The clusters adopted, as numbered in the membership Run() was given; sorted.
  const std::vector<ClusterIndex>& adopted_clusters() const { return adopted_clusters_; }

 private:
  // The identity values an account holds: every linking kind that is not a profile kind, and
  // that links someone (pair weight above 0).
  Status IdentityValues(AccountId account, std::vector<SignalId>* values) const;

  const store::StoreSnapshot& snapshot_;
  const projection::ValueWeights& weights_;
  const projection::ProjectionOptions& projection_;
  const PopulationProfile& population_;
  PieceAdoptionOptions options_;
  PieceAdoptionReport report_;
  std::vector<ClusterIndex> adopted_clusters_;
};

}  // namespace ringgraph::detection
