// Campaign split. See campaign_split.h.
#include "graph/detection/campaign_split.h"

#include <absl/container/flat_hash_map.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "graph/common/csr_builder.h"
#include "graph/community/leiden.h"

namespace ringgraph::detection {

CampaignSplit::CampaignSplit(const store::StoreSnapshot& snapshot,
                             const projection::ValueWeights& weights,
                             const PopulationProfile& population, CampaignSplitOptions options)
    : snapshot_(snapshot), weights_(weights), population_(population), options_(options) {}

double CampaignSplit::Likeness(const TemplateMix& a, const TemplateMix& b,
                               std::span<const std::uint32_t> days_a,
                               std::span<const std::uint32_t> days_b, double baseline) {
  double cosine = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      cosine += a[i++].second * b[j++].second;
    }
  }
  if (cosine <= 0 || baseline >= 1.0) return 0.0;
  const double step = (PopulationProfile::DayOverlap(days_a, days_b) - baseline) / (1.0 - baseline);
  return step > 0 ? std::min(1.0, cosine) * std::min(1.0, step) : 0.0;
}

Status CampaignSplit::ReadMixes(std::span<const AccountId> members,
                                std::vector<TemplateMix>* mixes) const {
  mixes->assign(members.size(), {});
  std::vector<store::AccountSignal> signals;
  for (std::size_t m = 0; m < members.size(); ++m) {
    RINGGRAPH_RETURN_IF_ERROR(snapshot_.AccountSignals(members[m], &signals));
    TemplateMix& mix = (*mixes)[m];
    double norm = 0;
    for (const store::AccountSignal& s : signals) {
      if (weights_.kind[s.signal] != kTemplateKind || s.count == 0) continue;
      mix.emplace_back(s.signal, static_cast<double>(s.count));
      norm += static_cast<double>(s.count) * s.count;
    }
    std::sort(mix.begin(), mix.end());
    for (auto& [id, weight] : mix) weight /= std::sqrt(norm);
  }
  return Status::Ok();
}

Result<CampaignSplit::Parts> CampaignSplit::Split(std::span<const AccountId> members,
                                                  const std::vector<TemplateMix>& mixes) const {
  const std::size_t n = members.size();
  Parts whole;
  whole.part.assign(n, 0);
  if (n < 2) return whole;
  // Score: the likeness of every pair, each kept once in the row of its smaller member.
  const double baseline = population_.baseline_day_overlap();
  std::vector<std::vector<WeightedPair>> rows(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double w = Likeness(mixes[i], mixes[j], population_.days(members[i]),
                                population_.days(members[j]), baseline);
      if (w > 0) {
        rows[i].push_back(
            {static_cast<NodeId>(i), static_cast<NodeId>(j), static_cast<WeightT>(w)});
      }
    }
  });
  double total = 0;
  for (const std::vector<WeightedPair>& row : rows) {
    for (const WeightedPair& e : row) total += e.w;
  }
  const double pairs = static_cast<double>(n) * static_cast<double>(n - 1) / 2;
  if (total <= 0) return whole;
  const CsrGraph graph = BuildUndirectedCsr(static_cast<NodeId>(n), rows);

  // Partition: CPM with the cluster's mean likeness per pair as the resolution.
  community::LeidenOptions leiden_options;
  leiden_options.objective = community::Objective::kCpm;
  leiden_options.resolution = total / pairs;
  leiden_options.seed = options_.seed;
  community::Leiden leiden(graph, leiden_options);
  RINGGRAPH_RETURN_IF_ERROR(leiden.Run());
  const std::vector<community::CommunityId>& community = leiden.membership();
  std::vector<std::uint32_t> community_size(leiden.num_communities(), 0);
  for (community::CommunityId c : community) ++community_size[c];
  // Parts large enough to stand, largest first (ties by community id: deterministic).
  std::vector<community::CommunityId> standing;
  for (community::CommunityId c = 0; c < community_size.size(); ++c) {
    if (community_size[c] >= options_.min_part) standing.push_back(c);
  }
  if (standing.size() < 2) return whole;
  std::stable_sort(standing.begin(), standing.end(),
                   [&](community::CommunityId a, community::CommunityId b) {
                     return community_size[a] > community_size[b];
                   });
  std::vector<std::uint32_t> part_of_community(community_size.size(), ~0u);
  for (std::uint32_t p = 0; p < standing.size(); ++p) part_of_community[standing[p]] = p;
  std::vector<std::uint32_t> part(n);
  for (std::size_t i = 0; i < n; ++i) part[i] = part_of_community[community[i]];
  // Members of parts too small join the standing part they are most alike, else the largest.
  std::vector<std::uint32_t> settled = part;
  for (std::size_t i = 0; i < n; ++i) {
    if (part[i] != ~0u) continue;
    std::vector<double> pull(standing.size(), 0.0);
    for (EdgeIndex e = graph.offsets[i]; e < graph.offsets[i + 1]; ++e) {
      const std::uint32_t p = part[graph.neighbors[e]];
      if (p != ~0u) pull[p] += graph.weights[e];
    }
    settled[i] =
        static_cast<std::uint32_t>(std::max_element(pull.begin(), pull.end()) - pull.begin());
  }
  part = std::move(settled);

  // Verify: pairs across parts at most max_cross_share as alike as pairs inside one.
  std::vector<double> part_size(standing.size(), 0.0);
  for (std::uint32_t p : part) ++part_size[p];
  double within_pairs = 0;
  for (double s : part_size) within_pairs += s * (s - 1) / 2;
  const double cross_pairs = pairs - within_pairs;
  double within = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (EdgeIndex e = graph.offsets[i]; e < graph.offsets[i + 1]; ++e) {
      if (graph.neighbors[e] > i && part[graph.neighbors[e]] == part[i]) within += graph.weights[e];
    }
  }
  const double cross = total - within;
  if (within_pairs <= 0 || cross_pairs <= 0 || within <= 0) return whole;
  if (cross / cross_pairs > options_.max_cross_share * (within / within_pairs)) {
    whole.rejected = true;
    return whole;
  }
  return Parts{.part = std::move(part), .count = static_cast<std::uint32_t>(standing.size())};
}

Status CampaignSplit::Run(std::vector<ClusterIndex>* membership,
                          const std::function<bool(ClusterIndex)>& candidate) {
  std::vector<ClusterIndex>& assigned = *membership;
  ClusterIndex next = 0;
  absl::flat_hash_map<ClusterIndex, std::vector<AccountId>> members;
  for (AccountId a = 0; a < assigned.size(); ++a) {
    next = std::max(next, assigned[a] + 1);
    if (candidate(assigned[a])) members[assigned[a]].push_back(a);
  }
  // Clusters in ascending index: new indices are handed out in the same order every run.
  std::vector<ClusterIndex> clusters;
  for (const auto& [c, m] : members) {
    if (m.size() >= options_.min_members && m.size() <= options_.max_members) clusters.push_back(c);
  }
  std::sort(clusters.begin(), clusters.end());
  std::vector<TemplateMix> mixes;
  for (ClusterIndex c : clusters) {
    const std::vector<AccountId>& accounts = members[c];
    ++report_.clusters_considered;
    RINGGRAPH_RETURN_IF_ERROR(ReadMixes(accounts, &mixes));
    RINGGRAPH_ASSIGN_OR_RETURN(const Parts parts, Split(accounts, mixes));
    report_.not_distinct += parts.rejected;
    const std::uint32_t count = parts.count;
    if (count < 2) continue;
    ++report_.clusters_split;
    report_.parts_made += count;
    const ClusterIndex first_new = next;
    next += count - 1;
    for (std::size_t m = 0; m < accounts.size(); ++m) {
      if (parts.part[m] > 0) assigned[accounts[m]] = first_new + parts.part[m] - 1;
    }
  }
  return Status::Ok();
}

}  // namespace ringgraph::detection
