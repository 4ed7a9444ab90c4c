// Real-time assignment of newly linked accounts to flagged rings. See realtime_assigner.h.
#include "graph/detection/realtime_assigner.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <optional>

namespace ringgraph::detection {
namespace {

struct ClusterVote {
  double weight = 0;
  bool non_ip = false;
  float ring_score = 0;
};

}  // namespace

RealtimeAssigner::RealtimeAssigner(const store::StoreSnapshot& snapshot,
                                   const store::ClusteringStore& clusterings, std::uint64_t version,
                                   RealtimeOptions options)
    : snapshot_(snapshot), clusterings_(clusterings), version_(version), options_(options) {}

Result<std::vector<store::RealtimeFlag>> RealtimeAssigner::Assign(
    std::span<const AccountId> accounts, UnixSeconds since, UnixSeconds now) {
  report_ = RealtimeReport{};
  std::vector<store::RealtimeFlag> flags;
  if (version_ == 0) return flags;  // nothing is flagged before the first detection

  // Flagged membership of an account in the clustering, cached for the call.
  absl::flat_hash_map<AccountId, std::optional<store::Membership>> flagged_cache;
  auto flagged_membership = [&](AccountId a) -> Result<std::optional<store::Membership>> {
    auto it = flagged_cache.find(a);
    if (it != flagged_cache.end()) return it->second;
    RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::Membership> m,
                               clusterings_.ClusterOf(snapshot_, version_, a));
    if (m.has_value() && !m->flagged) m.reset();
    flagged_cache.emplace(a, m);
    return m;
  };
  auto linking_weight = [&](const store::SignalInfo& info) {
    return projection::AccountProjection::ValueWeight(
        options_.projection, info.kind, info.account_count, info.last_seen, now,
        projection::MaxHolders(options_.projection, info.kind, snapshot_.num_accounts()));
  };

  // candidates
  std::vector<AccountId> candidates;
  absl::flat_hash_set<AccountId> seen;
  std::vector<store::AccountSignal> signals;
  std::vector<AccountId> holders;
  auto add_candidate = [&](AccountId a) {
    if (candidates.size() >= options_.max_candidates) {
      report_.truncated = true;
      return;
    }
    if (seen.insert(a).second) candidates.push_back(a);
  };
  for (AccountId a : accounts) add_candidate(a);
  const std::size_t first_degree = candidates.size();
  for (std::size_t i = 0; i < first_degree; ++i) {
    RINGGRAPH_RETURN_IF_ERROR(snapshot_.AccountSignals(candidates[i], &signals));
    for (const store::AccountSignal& s : signals) {
      if (s.last_seen < since) continue;
      RINGGRAPH_ASSIGN_OR_RETURN(store::SignalInfo info, snapshot_.Signal(s.signal));
      if (linking_weight(info) <= 0) continue;
      RINGGRAPH_RETURN_IF_ERROR(snapshot_.SignalAccounts(s.signal, &holders));
      for (AccountId h : holders) add_candidate(h);
    }
  }
  report_.candidates = candidates.size();

  // vote, assign
  for (AccountId candidate : candidates) {
    RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::Membership> own, flagged_membership(candidate));
    if (own.has_value()) {
      ++report_.already_flagged;
      continue;
    }
    absl::flat_hash_map<store::ClusterId, ClusterVote> votes;
    RINGGRAPH_RETURN_IF_ERROR(snapshot_.AccountSignals(candidate, &signals));
    for (const store::AccountSignal& s : signals) {
      RINGGRAPH_ASSIGN_OR_RETURN(store::SignalInfo info, snapshot_.Signal(s.signal));
      const double w = linking_weight(info);
      if (w <= 0) continue;
      RINGGRAPH_RETURN_IF_ERROR(snapshot_.SignalAccounts(s.signal, &holders));
      // A value counts once per cluster, however many of its members hold it.
      absl::flat_hash_set<store::ClusterId> counted;
      for (AccountId h : holders) {
        if (h == candidate) continue;
        RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::Membership> m, flagged_membership(h));
        if (!m.has_value() || !counted.insert(m->cluster).second) continue;
        ClusterVote& vote = votes[m->cluster];
        vote.weight += w;
        vote.non_ip = vote.non_ip || info.kind != kIpKind;
        vote.ring_score = m->ring_score;
      }
    }
    const store::ClusterId* best = nullptr;
    const ClusterVote* best_vote = nullptr;
    for (const auto& [cluster, vote] : votes) {
      if (!vote.non_ip || vote.weight < options_.min_link_weight) continue;
      if (best_vote == nullptr || vote.weight > best_vote->weight ||
          (vote.weight == best_vote->weight && cluster < *best)) {
        best = &cluster;
        best_vote = &vote;
      }
    }
    if (best_vote == nullptr) continue;
    flags.push_back(store::RealtimeFlag{candidate, *best, best_vote->ring_score,
                                        static_cast<float>(best_vote->weight), version_, now});
  }
  report_.assigned = flags.size();
  return flags;
}

}  // namespace ringgraph::detection
