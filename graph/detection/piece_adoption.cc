#include "graph/detection/piece_adoption.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>

#include "graph/detection/cluster_features.h"

namespace ringgraph::detection {

PieceAdoption::PieceAdoption(const store::StoreSnapshot& snapshot,
                             const projection::ValueWeights& weights,
                             const projection::ProjectionOptions& projection,
                             const PopulationProfile& population, PieceAdoptionOptions options)
    : snapshot_(snapshot),
      weights_(weights),
      projection_(projection),
      population_(population),
      options_(options) {}

Status PieceAdoption::IdentityValues(AccountId account, std::vector<SignalId>* values) const {
  std::vector<store::AccountSignal> signals;
  RINGGRAPH_RETURN_IF_ERROR(snapshot_.AccountSignals(account, &signals));
  values->clear();
  for (const store::AccountSignal& s : signals) {
    if (weights_.pair_weight[s.signal] <= 0) continue;  // links nobody: unique or generic
    if (projection_.kinds[weights_.kind[s.signal]].profile) continue;  // behaviour
    values->push_back(s.signal);
  }
  std::sort(values->begin(), values->end());
  values->erase(std::unique(values->begin(), values->end()), values->end());
  return Status::Ok();
}

Status PieceAdoption::Run(std::vector<ClusterIndex>* membership,
                          const std::function<bool(ClusterIndex)>& is_flagged) {
  report_ = PieceAdoptionReport{};
  adopted_clusters_.clear();
  std::vector<ClusterIndex>& assigned = *membership;
  if (options_.min_value_share <= 0) return Status::Ok();

  // tally: the members of every cluster; for each identity value, the flagged rings holding it.
  absl::flat_hash_map<ClusterIndex, std::vector<AccountId>> members_of;
  for (AccountId a = 0; a < assigned.size(); ++a) members_of[assigned[a]].push_back(a);
  absl::flat_hash_map<SignalId, std::vector<ClusterIndex>> rings_holding;
  std::vector<SignalId> values;
  for (AccountId a = 0; a < assigned.size(); ++a) {
    if (!is_flagged(assigned[a])) continue;
    RINGGRAPH_RETURN_IF_ERROR(IdentityValues(a, &values));
    for (SignalId v : values) {
      std::vector<ClusterIndex>& rings = rings_holding[v];
      if (std::find(rings.begin(), rings.end(), assigned[a]) == rings.end())
        rings.push_back(assigned[a]);
    }
  }
  if (rings_holding.empty()) return Status::Ok();

  std::vector<ClusterIndex> pieces;
  for (const auto& [cluster, members] : members_of) {
    if (!is_flagged(cluster) && members.size() >= options_.min_piece) pieces.push_back(cluster);
  }
  std::sort(pieces.begin(), pieces.end());  // hash order must not reach the result

  absl::flat_hash_map<ClusterIndex, ClusterIndex> ring_of_piece;
  absl::flat_hash_map<ClusterIndex, std::uint32_t> held_by;  // ring -> values it holds
  std::vector<std::vector<SignalId>> member_values;
  for (const ClusterIndex piece : pieces) {
    const std::vector<AccountId>& members = members_of[piece];
    // choose: the larger ring holding the most of the piece's values...
    held_by.clear();
    member_values.assign(members.size(), {});
    for (std::size_t i = 0; i < members.size(); ++i) {
      RINGGRAPH_RETURN_IF_ERROR(IdentityValues(members[i], &member_values[i]));
      for (SignalId v : member_values[i]) {
        auto rings = rings_holding.find(v);
        if (rings == rings_holding.end()) continue;
        for (ClusterIndex ring : rings->second) ++held_by[ring];
      }
    }
    ClusterIndex ring = ~0u;
    std::uint32_t most = 0;
    for (const auto& [candidate, held] : held_by) {
      if (members_of[candidate].size() <= members.size()) continue;
      if (held > most || (held == most && candidate < ring)) ring = candidate, most = held;
    }
    if (ring == ~0u) continue;
    // ... and whether most of its members hold mostly that ring's values.
    std::uint32_t with_values = 0, theirs = 0;
    for (const std::vector<SignalId>& own : member_values) {
      if (own.empty()) continue;
      ++with_values;
      std::uint32_t held = 0;
      for (SignalId v : own) {
        auto rings = rings_holding.find(v);
        if (rings != rings_holding.end() &&
            std::find(rings->second.begin(), rings->second.end(), ring) != rings->second.end())
          ++held;
      }
      theirs += held >= options_.min_value_share * static_cast<double>(own.size());
    }
    if (with_values == 0 || theirs < options_.min_value_share * static_cast<double>(with_values))
      continue;
    ++report_.candidates;
    // in step: the piece keeps the ring's rhythm, as the ring's members keep each other's.
    const PopulationProfile::StepOverlap step =
        population_.StepAcross({members_of[ring], members}, options_.step_pairs);
    if (!step.telling() || step.share() < options_.min_cross_step ||
        (options_.rhythm_z >= 0 && !step.same_rhythm(options_.rhythm_z))) {
      ++report_.out_of_step;
      continue;
    }
    ring_of_piece[piece] = ring;
    adopted_clusters_.push_back(piece);
    ++report_.adopted;
    report_.adopted_members += members.size();
  }
  if (ring_of_piece.empty()) return Status::Ok();

  // relabel
  absl::flat_hash_set<ClusterIndex> rings_grown;
  for (const auto& [piece, ring] : ring_of_piece) rings_grown.insert(ring);
  report_.rings = rings_grown.size();
  for (ClusterIndex& c : assigned) {
    auto ring = ring_of_piece.find(c);
    if (ring != ring_of_piece.end()) c = ring->second;
  }
  MakeDense(assigned);
  return Status::Ok();
}

}  // namespace ringgraph::detection
