#include "graph/detection/identity_separation.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <boost/pending/disjoint_sets.hpp>

namespace ringgraph::detection {

IdentitySeparation::IdentitySeparation(const store::StoreSnapshot& snapshot, const CsrGraph& graph,
                                       const projection::ValueWeights& weights,
                                       const projection::ProjectionOptions& projection,
                                       IdentitySeparationOptions options)
    : snapshot_(snapshot),
      graph_(graph),
      weights_(weights),
      projection_(projection),
      options_(options) {}

IdentitySeparation::IdentitySeparation(const store::StoreSnapshot& snapshot, const CsrGraph& graph,
                                       const projection::ValueWeights& weights,
                                       const projection::ProjectionOptions& projection,
                                       const PopulationProfile& population,
                                       IdentitySeparationOptions options)
    : IdentitySeparation(snapshot, graph, weights, projection, options) {
  population_ = &population;
}

Result<std::vector<std::uint32_t>> IdentitySeparation::IdentityGroups(
    const std::vector<AccountId>& members) const {
  // The members' identity values, and how many members hold each.
  std::vector<std::vector<SignalId>> held(members.size());
  absl::flat_hash_map<SignalId, std::uint32_t> members_holding;
  std::vector<store::AccountSignal> signals;
  for (std::uint32_t m = 0; m < members.size(); ++m) {
    RINGGRAPH_RETURN_IF_ERROR(snapshot_.AccountSignals(members[m], &signals));
    for (const store::AccountSignal& s : signals) {
      if (weights_.pair_weight[s.signal] <= 0) continue;  // links nobody: unique or generic
      if (projection_.kinds[weights_.kind[s.signal]].profile) continue;  // behaviour
      held[m].push_back(s.signal);
      ++members_holding[s.signal];
    }
  }
  boost::disjoint_sets_with_storage<> sets(members.size());
  absl::flat_hash_map<SignalId, std::uint32_t> first_holder;
  for (std::uint32_t m = 0; m < members.size(); ++m) {
    for (SignalId signal : held[m]) {
      if (options_.own_values_only && 2 * members_holding[signal] <= weights_.holders[signal]) {
        continue;  // held mostly outside: a place, not the members' own
      }
      auto [it, inserted] = first_holder.try_emplace(signal, m);
      if (!inserted) sets.union_set(m, it->second);
    }
  }
  std::vector<std::uint32_t> root(members.size());
  for (std::uint32_t m = 0; m < members.size(); ++m) {
    root[m] = static_cast<std::uint32_t>(sets.find_set(m));
  }
  return root;
}

Result<bool> IdentitySeparation::SharesACampaignOfItsOwn(
    const std::vector<AccountId>& members, const std::vector<std::uint32_t>& group,
    const absl::flat_hash_map<std::uint32_t, ClusterIndex>& part_of_group) const {
  struct Use {
    std::uint32_t inside = 0;  // members holding it
    std::uint32_t first_group = ~0u;
    bool across = false;  // held by members of two large groups or more
  };
  absl::flat_hash_map<SignalId, Use> uses;
  std::vector<store::AccountSignal> signals;
  for (std::uint32_t m = 0; m < members.size(); ++m) {
    const auto part = part_of_group.find(group[m]);
    RINGGRAPH_RETURN_IF_ERROR(snapshot_.AccountSignals(members[m], &signals));
    for (const store::AccountSignal& s : signals) {
      if (weights_.pair_weight[s.signal] <= 0) continue;
      if (!projection_.kinds[weights_.kind[s.signal]].profile) continue;
      Use& use = uses[s.signal];
      ++use.inside;
      if (part == part_of_group.end()) continue;
      if (use.first_group == ~0u) {
        use.first_group = group[m];
      } else if (use.first_group != group[m]) {
        use.across = true;
      }
    }
  }
  for (const auto& [signal, use] : uses) {
    if (use.across && 2 * use.inside > weights_.holders[signal]) return true;
  }
  return false;
}

std::vector<std::uint32_t> IdentitySeparation::RhythmSets(
    const std::vector<AccountId>& members, const std::vector<std::uint32_t>& group,
    const std::vector<std::uint32_t>& large) const {
  std::vector<std::uint32_t> set(large.size(), 0);
  if (population_ == nullptr) return set;
  absl::flat_hash_map<std::uint32_t, std::size_t> index;
  for (std::size_t i = 0; i < large.size(); ++i) index[large[i]] = i;
  std::vector<std::vector<AccountId>> accounts(large.size());
  for (std::size_t m = 0; m < members.size(); ++m) {
    auto it = index.find(group[m]);
    if (it != index.end()) accounts[it->second].push_back(members[m]);
  }
  boost::disjoint_sets_with_storage<> sets(large.size());
  for (std::size_t i = 0; i < large.size(); ++i) {
    for (std::size_t j = i + 1; j < large.size(); ++j) {
      if (sets.find_set(i) == sets.find_set(j)) continue;
      const PopulationProfile::StepOverlap step =
          population_->StepAcross({accounts[i], accounts[j]}, options_.step_pairs);
      if (!step.telling() || step.share() >= options_.min_cross_step) sets.union_set(i, j);
    }
  }
  // Sets numbered in the order of their largest group, so the largest group's set is 0.
  absl::flat_hash_map<std::size_t, std::uint32_t> number;
  for (std::size_t i = 0; i < large.size(); ++i) {
    auto [it, inserted] =
        number.try_emplace(sets.find_set(i), static_cast<std::uint32_t>(number.size()));
    set[i] = it->second;
  }
  return set;
}

Status IdentitySeparation::Run(std::vector<ClusterIndex>* membership,
                               const std::function<bool(ClusterIndex)>& consider) {
  report_ = IdentitySeparationReport{};
  std::vector<ClusterIndex>& assigned = *membership;
  ClusterIndex next = 0;
  for (ClusterIndex c : assigned) next = std::max(next, c + 1);
  std::vector<std::vector<AccountId>> members(next);
  for (AccountId a = 0; a < assigned.size(); ++a) members[assigned[a]].push_back(a);

  const std::uint32_t min_group = std::max<std::uint32_t>(1, options_.min_group_members);
  for (ClusterIndex c = 0; c < members.size(); ++c) {
    const std::vector<AccountId>& cluster = members[c];
    if (cluster.size() < 2 * static_cast<std::size_t>(min_group)) continue;
    if (consider && !consider(c)) continue;
    // groups
    RINGGRAPH_ASSIGN_OR_RETURN(std::vector<std::uint32_t> group, IdentityGroups(cluster));
    absl::flat_hash_map<std::uint32_t, std::uint32_t> group_size;
    for (std::uint32_t g : group) ++group_size[g];
    std::vector<std::uint32_t> large;  // group roots of min_group members or more, largest first
    std::size_t covered = 0;
    for (const auto& [g, n] : group_size) {
      if (n >= min_group) {
        large.push_back(g);
        covered += n;
      }
    }
    if (large.size() < 2 ||
        static_cast<double>(covered) < options_.min_covered * static_cast<double>(cluster.size()))
      continue;
    std::sort(large.begin(), large.end(), [&](std::uint32_t a, std::uint32_t b) {
      return group_size[a] != group_size[b] ? group_size[a] > group_size[b] : a < b;
    });
    // The largest group keeps the cluster's index; the others get new ones.
    absl::flat_hash_map<std::uint32_t, ClusterIndex> part_of_group;
    for (std::size_t i = 0; i < large.size(); ++i) part_of_group[large[i]] = c;
    // campaign: a template the groups share and that is mostly theirs (most of its holders in
    // the cluster) is one operation's campaign, run from infrastructure that happens not to
    // overlap; a template mostly held outside was bought or copied.
    bool own_campaign = false;
    if (options_.own_campaign_keeps_together) {
      RINGGRAPH_ASSIGN_OR_RETURN(own_campaign,
                                 SharesACampaignOfItsOwn(cluster, group, part_of_group));
    }
    std::size_t parts = large.size();
    if (own_campaign) {
      // rhythm: groups of one operation stay together; only operations out of step part.
      const std::vector<std::uint32_t> set = RhythmSets(cluster, group, large);
      const std::uint32_t sets = *std::max_element(set.begin(), set.end()) + 1;
      if (sets < 2) continue;
      std::vector<ClusterIndex> part_of_set(sets, c);
      for (std::uint32_t k = 1; k < sets; ++k) part_of_set[k] = next++;
      for (std::size_t i = 0; i < large.size(); ++i) part_of_group[large[i]] = part_of_set[set[i]];
      ++report_.out_of_step;
      parts = sets;
    } else {
      for (std::size_t i = 1; i < large.size(); ++i) part_of_group[large[i]] = next++;
    }
    // assign: a member outside the large groups joins the one it has the most weight to.
    absl::flat_hash_map<AccountId, ClusterIndex> part;
    for (std::uint32_t m = 0; m < cluster.size(); ++m) {
      auto it = part_of_group.find(group[m]);
      if (it != part_of_group.end()) part[cluster[m]] = it->second;
    }
    for (std::uint32_t m = 0; m < cluster.size(); ++m) {
      const AccountId a = cluster[m];
      auto own = part.find(a);
      if (own != part.end()) {
        assigned[a] = own->second;
        continue;
      }
      absl::flat_hash_map<ClusterIndex, double> weight_to;
      for (EdgeIndex e = graph_.offsets[a]; e < graph_.offsets[a + 1]; ++e) {
        auto it = part.find(graph_.neighbors[e]);
        if (it != part.end()) weight_to[it->second] += graph_.weights[e];
      }
      ClusterIndex best = c;
      double best_weight = 0;
      for (const auto& [p, w] : weight_to) {
        if (w > best_weight || (w == best_weight && w > 0 && p < best)) {
          best = p;
          best_weight = w;
        }
      }
      assigned[a] = best;
    }
    ++report_.clusters_split;
    report_.clusters_made += parts;
  }
  // renumber: indices stay dense, since new ones were appended after the last.
  return Status::Ok();
}

}  // namespace ringgraph::detection
