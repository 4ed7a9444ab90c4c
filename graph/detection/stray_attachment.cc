#include "graph/detection/stray_attachment.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <utility>

namespace ringgraph::detection {

StrayAttachment::StrayAttachment(const store::StoreSnapshot& snapshot, const CsrGraph& graph,
                                 const projection::ValueWeights& weights,
                                 const projection::ProjectionOptions& projection,
                                 StrayAttachmentOptions options)
    : graph_(graph), odds_(snapshot, weights, projection), options_(options) {}

Status StrayAttachment::Run(std::vector<ClusterIndex>* membership,
                            const std::function<bool(ClusterIndex)>& candidate) {
  report_ = StrayAttachmentReport{};
  std::vector<ClusterIndex>& assigned = *membership;
  const std::size_t n = std::min<std::size_t>(assigned.size(), graph_.num_vertices());

  // candidates: strays, and the candidate clusters each is linked to.
  absl::flat_hash_map<ClusterIndex, std::uint32_t> size;
  for (ClusterIndex c : assigned) ++size[c];
  auto is_target = [&](ClusterIndex c) {
    return size[c] > options_.max_stray_cluster && candidate(c);
  };
  std::vector<std::pair<AccountId, std::vector<ClusterIndex>>> strays;
  absl::flat_hash_map<ClusterIndex, std::vector<AccountId>> targets;
  for (AccountId a = 0; a < n; ++a) {
    if (size[assigned[a]] > options_.max_stray_cluster) continue;
    std::vector<ClusterIndex> linked;
    for (EdgeIndex e = graph_.offsets[a]; e < graph_.offsets[a + 1]; ++e) {
      const ClusterIndex c = assigned[graph_.neighbors[e]];
      if (c != assigned[a] && is_target(c)) linked.push_back(c);
    }
    if (linked.empty()) continue;
    std::sort(linked.begin(), linked.end());
    linked.erase(std::unique(linked.begin(), linked.end()), linked.end());
    for (ClusterIndex c : linked) targets.try_emplace(c);
    strays.emplace_back(a, std::move(linked));
  }
  report_.strays = strays.size();
  if (strays.empty()) return Status::Ok();
  for (AccountId a = 0; a < assigned.size(); ++a) {
    auto it = targets.find(assigned[a]);
    if (it != targets.end()) it->second.push_back(a);
  }

  // tally: per target cluster, the members holding each evidence value.
  absl::flat_hash_map<ClusterIndex, GroupValues> tallies;
  for (const auto& [c, members] : targets) {
    RINGGRAPH_ASSIGN_OR_RETURN(GroupValues values, odds_.Count(members));
    tallies.emplace(c, std::move(values));
  }

  // judge: each stray's best cluster; attach: all at once, so the order does not matter.
  std::vector<std::pair<AccountId, ClusterIndex>> moves;
  std::vector<SignalId> held;
  for (const auto& [a, linked] : strays) {
    RINGGRAPH_RETURN_IF_ERROR(odds_.Evidence(a, &held));
    double best = options_.min_log_odds;
    ClusterIndex chosen = assigned[a];
    for (ClusterIndex c : linked) {
      const MembershipEvidence evidence = odds_.Judge(held, tallies.at(c), /*member=*/false);
      if (evidence.likely(options_.min_log_odds) && evidence.log_odds() > best) {
        best = evidence.log_odds();
        chosen = c;
      }
    }
    if (chosen != assigned[a]) moves.emplace_back(a, chosen);
  }
  absl::flat_hash_set<ClusterIndex> grown;
  for (const auto& [a, c] : moves) {
    assigned[a] = c;
    grown.insert(c);
  }
  report_.attached = moves.size();
  report_.clusters = grown.size();
  // The strays' former clusters are empty now.
  if (!moves.empty()) MakeDense(assigned);
  return Status::Ok();
}

}  // namespace ringgraph::detection
