// Campaign split. See campaign_split.h.
#include "graph/detection/campaign_split.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/pending/disjoint_sets.hpp>
#include <cmath>
#include <map>

#include "graph/common/csr_builder.h"
#include "graph/community/leiden.h"

namespace ringgraph::detection {

CampaignSplit::CampaignSplit(const store::StoreSnapshot& snapshot,
                             const projection::ValueWeights& weights,
                             const projection::ProjectionOptions& projection,
                             const PopulationProfile& population, CampaignSplitOptions options)
    : snapshot_(snapshot),
      weights_(weights),
      projection_(projection),
      population_(population),
      options_(options) {}

namespace {

// The most parts (or template sets) the verify phase compares two by two.
constexpr std::uint32_t kMaxPartsChecked = 256;

// The cosine of two unit-length template mixes.
double Cosine(const TemplateMix& a, const TemplateMix& b) {
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
  return cosine;
}

// Summed template shares scaled to unit length, by ascending template id. The length is summed
// in that order too: summed in the hash map's order, which changes from process to process, it
// could differ in the last bit, and with it which of two equally alike parts came first.
TemplateMix UnitMix(const absl::flat_hash_map<SignalId, double>& sum) {
  TemplateMix mix(sum.begin(), sum.end());
  std::sort(mix.begin(), mix.end());
  double norm = 0;
  for (const auto& [id, share] : mix) norm += share * share;
  const double length = std::sqrt(norm);
  for (auto& [id, share] : mix) share /= length;
  return mix;
}

// Parts numbered 0..count-1 (some perhaps empty) renumbered largest first, ties in ascending
// number. Returns the parts left.
std::uint32_t RenumberLargestFirst(std::vector<std::uint32_t>& part, std::uint32_t count) {
  std::vector<std::uint32_t> size(count, 0);
  for (std::uint32_t p : part) ++size[p];
  std::vector<std::uint32_t> kept;
  for (std::uint32_t p = 0; p < count; ++p) {
    if (size[p] > 0) kept.push_back(p);
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return size[a] > size[b]; });
  std::vector<std::uint32_t> number(count, 0);
  for (std::uint32_t k = 0; k < kept.size(); ++k) number[kept[k]] = k;
  for (std::uint32_t& p : part) p = number[p];
  return static_cast<std::uint32_t>(kept.size());
}

}  // namespace

double CampaignSplit::Likeness(const TemplateMix& a, const TemplateMix& b,
                               std::span<const std::uint32_t> days_a,
                               std::span<const std::uint32_t> days_b, double baseline) {
  const double cosine = Cosine(a, b);
  if (cosine <= 0 || baseline >= 1.0) return 0.0;
  const double step = (PopulationProfile::DayOverlap(days_a, days_b) - baseline) / (1.0 - baseline);
  return step > 0 ? std::min(1.0, cosine) * std::min(1.0, step) : 0.0;
}

Status CampaignSplit::ReadCampaigns(std::span<const AccountId> members,
                                    std::vector<MemberCampaign>* campaigns) const {
  campaigns->assign(members.size(), {});
  std::vector<store::AccountSignal> signals;
  for (std::size_t m = 0; m < members.size(); ++m) {
    RINGGRAPH_RETURN_IF_ERROR(snapshot_.AccountSignals(members[m], &signals));
    MemberCampaign& campaign = (*campaigns)[m];
    double norm = 0;
    for (const store::AccountSignal& s : signals) {
      if (weights_.kind[s.signal] != kTemplateKind || s.count == 0) continue;
      campaign.counts.emplace_back(s.signal, s.count);
      norm += static_cast<double>(s.count) * s.count;
    }
    std::sort(campaign.counts.begin(), campaign.counts.end());
    for (const auto& [id, count] : campaign.counts) {
      campaign.mix.emplace_back(id, static_cast<double>(count) / std::sqrt(norm));
    }
    Result<store::AccountActivity> activity = snapshot_.Activity(members[m]);
    if (activity.ok()) {
      campaign.prompts = activity->prompts;
    } else if (activity.status().code() != Status::Code::kNotFound) {
      return activity.status();
    }
  }
  return Status::Ok();
}

std::vector<SignalId> CampaignSplit::Contrasting(const std::vector<MemberCampaign>& campaigns,
                                                 double alpha_in_all) {
  // Per template: its prompts, the members that send it, and the members with prompts.
  struct Use {
    std::uint64_t prompts = 0;
    std::uint64_t holders = 0;
  };
  absl::flat_hash_map<SignalId, Use> uses;
  double all_prompts = 0;
  std::uint64_t prompting = 0;
  for (const MemberCampaign& c : campaigns) {
    if (c.prompts == 0) continue;
    ++prompting;
    all_prompts += static_cast<double>(c.prompts);
    for (const auto& [t, count] : c.counts) {
      uses[t].prompts += count;
      ++uses[t].holders;
    }
  }
  std::vector<SignalId> tested;
  for (const auto& [t, use] : uses) {
    if (use.holders >= 2) tested.push_back(t);
  }
  std::sort(tested.begin(), tested.end());
  std::vector<SignalId> contrasting;
  if (tested.empty()) return contrasting;
  const double alpha = alpha_in_all / static_cast<double>(tested.size());
  for (SignalId t : tested) {
    const Use& use = uses.at(t);
    // One campaign: every member sends t with the cluster's share s, so a member of n prompts
    // sends none with probability (1 - s)^n; the members without it are then about Poisson
    // with mean mu.
    const double share = std::min(1.0, static_cast<double>(use.prompts) / all_prompts);
    double mu = 0;
    for (const MemberCampaign& c : campaigns) {
      if (c.prompts > 0) mu += std::pow(1.0 - share, static_cast<double>(c.prompts));
    }
    const auto without = static_cast<double>(prompting - use.holders);
    if (without < 1 || without <= mu) continue;
    // P(Poisson(mu) >= without) is the regularised lower incomplete gamma P(without, mu).
    const double tail = mu > 0 ? boost::math::gamma_p(without, mu) : 0.0;
    if (tail < alpha) contrasting.push_back(t);
  }
  return contrasting;
}

std::uint32_t CampaignSplit::JoinUncontrasted(const std::vector<MemberCampaign>& campaigns,
                                              std::vector<std::uint32_t>& part,
                                              std::uint32_t count) const {
  const std::vector<SignalId> contrasting = Contrasting(campaigns, options_.contrast_alpha);
  if (contrasting.empty()) return 1;
  // Per part: members with prompts, and those of them that send each contrasting template.
  std::vector<double> prompting(count, 0.0);
  std::vector<std::vector<double>> senders(count, std::vector<double>(contrasting.size(), 0.0));
  for (std::size_t i = 0; i < campaigns.size(); ++i) {
    if (campaigns[i].prompts == 0) continue;
    ++prompting[part[i]];
    for (const auto& [t, n] : campaigns[i].counts) {
      auto it = std::lower_bound(contrasting.begin(), contrasting.end(), t);
      if (it != contrasting.end() && *it == t) ++senders[part[i]][it - contrasting.begin()];
    }
  }
  // Two parts differ when most of one sends a contrasting template and most of the other does
  // not; parts that differ in none are one campaign.
  auto differ = [&](std::uint32_t p, std::uint32_t q) {
    if (prompting[p] == 0 || prompting[q] == 0) return false;
    for (std::size_t k = 0; k < contrasting.size(); ++k) {
      const bool p_sends = 2 * senders[p][k] > prompting[p];
      const bool q_sends = 2 * senders[q][k] > prompting[q];
      if (p_sends != q_sends) return true;
    }
    return false;
  };
  boost::disjoint_sets_with_storage<> sets(count);
  for (std::uint32_t p = 0; p < count; ++p) {
    for (std::uint32_t q = p + 1; q < count; ++q) {
      if (!differ(p, q)) sets.union_set(p, q);
    }
  }
  for (std::uint32_t& p : part) p = static_cast<std::uint32_t>(sets.find_set(p));
  return RenumberLargestFirst(part, count);
}

Result<CampaignSplit::Parts> CampaignSplit::Split(
    std::span<const AccountId> members, const std::vector<MemberCampaign>& campaigns) const {
  const std::size_t n = members.size();
  Parts whole;
  whole.part.assign(n, 0);
  if (n < 2) return whole;
  // Score: the likeness of every pair, each kept once in the row of its smaller member.
  const double baseline = population_.baseline_day_overlap();
  std::vector<std::vector<WeightedPair>> rows(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double w = Likeness(campaigns[i].mix, campaigns[j].mix, population_.days(members[i]),
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
  if (cross / cross_pairs <= options_.max_cross_share * (within / within_pairs)) {
    const std::uint32_t found = static_cast<std::uint32_t>(standing.size());
    const std::uint32_t kept =
        options_.verify_each_pair ? JoinIndistinct(graph, part, found) : found;
    if (kept < 2) return whole;
    return Parts{.part = std::move(part), .count = kept};
  }
  // Not distinct by likeness: still distinct campaigns when the parts differ in a template that
  // most of one sends and most of another does not, and that the cluster's members lack far more
  // often than chance allows (so the difference is not the partition's choice).
  const std::uint32_t groups =
      JoinUncontrasted(campaigns, part, static_cast<std::uint32_t>(standing.size()));
  if (groups >= 2) return Parts{.part = std::move(part), .count = groups};
  // Leiden's parts mix the campaigns, where many rings run overlapping sets of templates in the
  // same weeks: group the members by the contrasting templates they send instead.
  if (options_.split_by_template_set) {
    const std::uint32_t sets = GroupByTemplateSet(members, campaigns, part);
    if (sets >= 2) return Parts{.part = std::move(part), .count = sets};
  }
  whole.rejected = true;
  return whole;
}

std::uint32_t CampaignSplit::GroupByTemplateSet(std::span<const AccountId> members,
                                                const std::vector<MemberCampaign>& campaigns,
                                                std::vector<std::uint32_t>& part) const {
  const std::vector<SignalId> contrasting = Contrasting(campaigns, options_.contrast_alpha);
  if (contrasting.empty()) return 1;
  const std::size_t k = contrasting.size();
  auto index_of = [&](SignalId t) -> std::size_t {
    auto it = std::lower_bound(contrasting.begin(), contrasting.end(), t);
    return it != contrasting.end() && *it == t ? static_cast<std::size_t>(it - contrasting.begin())
                                               : k;
  };
  // Each contrasting template's share of the prompts of the members that send it.
  std::vector<double> sent_prompts(k, 0.0), sender_prompts(k, 0.0);
  std::vector<std::vector<bool>> sends(campaigns.size(), std::vector<bool>(k, false));
  for (std::size_t i = 0; i < campaigns.size(); ++i) {
    for (const auto& [t, n] : campaigns[i].counts) {
      const std::size_t x = index_of(t);
      if (x == k) continue;
      sends[i][x] = true;
      sent_prompts[x] += static_cast<double>(n);
      sender_prompts[x] += static_cast<double>(campaigns[i].prompts);
    }
  }
  // A member's set is sure when every contrasting template it does not send would have shown in
  // its prompts had its campaign run it: (1 - share)^prompts under 0.05 shared among the
  // templates (Bonferroni). Sure members with the same set are a group; a group of min_part or
  // more stands.
  const double miss_bar = 0.05 / static_cast<double>(k);
  std::map<std::vector<bool>, std::vector<std::uint32_t>> by_set;
  for (std::size_t i = 0; i < campaigns.size(); ++i) {
    if (campaigns[i].prompts == 0) continue;
    bool sure = true;
    for (std::size_t x = 0; x < k && sure; ++x) {
      if (sends[i][x] || sender_prompts[x] <= 0) continue;
      const double share = sent_prompts[x] / sender_prompts[x];
      sure = std::pow(1.0 - share, static_cast<double>(campaigns[i].prompts)) < miss_bar;
    }
    if (sure) by_set[sends[i]].push_back(static_cast<std::uint32_t>(i));
  }
  std::vector<const std::vector<bool>*> standing_sets;
  for (const auto& [set, holders] : by_set) {
    if (holders.size() >= options_.min_part) standing_sets.push_back(&set);
  }
  // So many sets, each held by a few members, are not campaigns anyone runs; and grouping by
  // them would cost members x sets.
  if (standing_sets.size() < 2 || standing_sets.size() > kMaxPartsChecked) return 1;
  std::vector<std::size_t> order(standing_sets.size());
  for (std::size_t g = 0; g < order.size(); ++g) order[g] = g;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return by_set.at(*standing_sets[a]).size() > by_set.at(*standing_sets[b]).size();
  });
  // Each group's template mix: its sure members' mixes summed, unit length.
  const std::uint32_t count = static_cast<std::uint32_t>(order.size());
  std::vector<TemplateMix> mix(count);
  for (std::uint32_t g = 0; g < count; ++g) {
    absl::flat_hash_map<SignalId, double> sum;
    for (std::uint32_t i : by_set.at(*standing_sets[order[g]])) {
      for (const auto& [t, share] : campaigns[i].mix) sum[t] += share;
    }
    mix[g] = UnitMix(sum);
  }
  // Every member joins the group whose set holds every contrasting template it sends, and whose
  // mix is most like its own; a member no group's set covers, the group most alike; a member
  // without prompts, the largest.
  for (std::size_t i = 0; i < campaigns.size(); ++i) {
    std::uint32_t best = 0;
    double best_score = -1;
    for (std::uint32_t g = 0; g < count; ++g) {
      const std::vector<bool>& set = *standing_sets[order[g]];
      bool covered = true;
      for (std::size_t x = 0; x < k && covered; ++x) covered = !sends[i][x] || set[x];
      const double score = (covered ? 2.0 : 0.0) + Cosine(campaigns[i].mix, mix[g]);
      if (score > best_score) best_score = score, best = g;
    }
    part[i] = campaigns[i].prompts == 0 ? 0 : best;
  }
  // One operator's accounts may send different sets of its templates; what ties them is a
  // card or device of its own. Groups whose members share such a value, one most of whose
  // holders are in this cluster (not a reseller's card that thousands outside hold), are one.
  absl::flat_hash_map<SignalId, std::pair<std::uint32_t, std::vector<std::uint32_t>>>
      private_values;
  for (std::size_t i = 0; i < members.size(); ++i) {
    for (SignalId v : front_values_.at(members[i])) {
      auto& [inside, groups] = private_values[v];
      ++inside;
      groups.push_back(part[i]);
    }
  }
  boost::disjoint_sets_with_storage<> same(count);
  for (const auto& [value, use] : private_values) {
    const auto& [inside, groups] = use;
    if (2 * inside <= weights_.holders[value]) continue;
    for (std::uint32_t g : groups) same.union_set(g, groups.front());
  }
  // Each joined set is named by its smallest group, not by its union-find root, which depends
  // on the order the hash map gave the unions in (and names the parts RenumberLargestFirst
  // breaks ties by).
  std::vector<std::uint32_t> name(count, count);
  for (std::uint32_t g = 0; g < count; ++g) {
    std::uint32_t& root_name = name[same.find_set(g)];
    root_name = std::min(root_name, g);
  }
  for (std::uint32_t& p : part) p = name[same.find_set(p)];
  return RenumberLargestFirst(part, count);
}

std::uint32_t CampaignSplit::JoinIndistinct(const CsrGraph& graph, std::vector<std::uint32_t>& part,
                                            std::uint32_t count) const {
  // Checking every two parts costs count^2 memory and count^3 time; past kMaxPartsChecked the
  // split stands as the whole passed the bar (no cluster in the quality table comes near it).
  if (count > kMaxPartsChecked) return count;
  // Likeness summed within each part and across each two parts, and their pair counts.
  std::vector<double> size(count, 0.0);
  for (std::uint32_t p : part) ++size[p];
  std::vector<double> sum(static_cast<std::size_t>(count) * count, 0.0);
  for (std::size_t i = 0; i < part.size(); ++i) {
    for (EdgeIndex e = graph.offsets[i]; e < graph.offsets[i + 1]; ++e) {
      const NodeId j = graph.neighbors[e];
      if (j > i) {
        const std::uint32_t p = std::min(part[i], part[j]), q = std::max(part[i], part[j]);
        sum[static_cast<std::size_t>(p) * count + q] += graph.weights[e];
      }
    }
  }
  auto at = [&](std::uint32_t p, std::uint32_t q) -> double& {
    return sum[static_cast<std::size_t>(std::min(p, q)) * count + std::max(p, q)];
  };
  std::vector<std::uint32_t> into(count);  // the part each part was joined into
  for (std::uint32_t p = 0; p < count; ++p) into[p] = p;
  std::vector<bool> alive(count, true);
  while (true) {
    // The two parts least distinct: pairs across them most alike relative to pairs inside them.
    double best = options_.max_cross_share;
    std::uint32_t bp = count, bq = count;
    for (std::uint32_t p = 0; p < count; ++p) {
      if (!alive[p]) continue;
      for (std::uint32_t q = p + 1; q < count; ++q) {
        if (!alive[q]) continue;
        const double inside_pairs = size[p] * (size[p] - 1) / 2 + size[q] * (size[q] - 1) / 2;
        const double inside = at(p, p) + at(q, q);
        if (inside <= 0 || inside_pairs <= 0) continue;
        const double share = (at(p, q) / (size[p] * size[q])) / (inside / inside_pairs);
        if (share > best) best = share, bp = p, bq = q;
      }
    }
    if (bp == count) break;
    // Join bq into bp.
    at(bp, bp) += at(bq, bq) + at(bp, bq);
    for (std::uint32_t r = 0; r < count; ++r) {
      if (alive[r] && r != bp && r != bq) at(bp, r) += at(bq, r);
    }
    size[bp] += size[bq];
    alive[bq] = false;
    for (std::uint32_t& t : into) {
      if (t == bq) t = bp;
    }
  }
  for (std::uint32_t& p : part) p = into[p];
  return RenumberLargestFirst(part, count);
}

Status CampaignSplit::ReadFrontValues(
    const absl::flat_hash_map<ClusterIndex, std::vector<AccountId>>& members) {
  std::vector<store::AccountSignal> signals;
  for (const auto& [c, accounts] : members) {
    for (AccountId a : accounts) {
      RINGGRAPH_RETURN_IF_ERROR(snapshot_.AccountSignals(a, &signals));
      std::vector<SignalId>& values = front_values_[a];
      for (const store::AccountSignal& s : signals) {
        const KindCode code = weights_.kind[s.signal];
        const projection::KindPolicy& kind = projection_.kinds[code];
        if (kind.weight > 0 && !kind.profile && code != kIpKind) values.push_back(s.signal);
      }
    }
  }
  return Status::Ok();
}

std::vector<std::vector<ClusterIndex>> CampaignSplit::GroupFronts(
    const absl::flat_hash_map<ClusterIndex, std::vector<AccountId>>& members) const {
  std::vector<ClusterIndex> clusters;
  for (const auto& [c, m] : members) {
    if (m.size() >= options_.min_part && m.size() <= options_.max_members) clusters.push_back(c);
  }
  std::sort(clusters.begin(), clusters.end());
  const std::size_t n = clusters.size();
  boost::disjoint_sets_with_storage<> sets(n);
  if (options_.join_fronts) {
    // Each cluster's members' card and device values; a value held in two or more clusters is a
    // front's. A cluster stands behind a front when most of its members hold a front value: a
    // cluster the partition made of other accounts, with a member or two on the front's cards,
    // is not the front's (its campaign may look like a ring's behind the front and still not be
    // it), and stays out.
    absl::flat_hash_map<SignalId, std::uint32_t> first_holder;  // ~0u: held in two clusters
    for (std::uint32_t i = 0; i < n; ++i) {
      for (AccountId a : members.at(clusters[i])) {
        for (SignalId v : front_values_.at(a)) {
          auto [it, inserted] = first_holder.try_emplace(v, i);
          if (!inserted && it->second != i) it->second = ~0u;
        }
      }
    }
    std::vector<bool> behind_front(n, false);
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::vector<AccountId>& accounts = members.at(clusters[i]);
      std::size_t on_front = 0;
      for (AccountId a : accounts) {
        const std::vector<SignalId>& values = front_values_.at(a);
        on_front += std::any_of(values.begin(), values.end(),
                                [&](SignalId v) { return first_holder.at(v) == ~0u; });
      }
      behind_front[i] = 2 * on_front > accounts.size();
    }
    absl::flat_hash_map<SignalId, std::uint32_t> first_behind;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!behind_front[i]) continue;
      for (AccountId a : members.at(clusters[i])) {
        for (SignalId v : front_values_.at(a)) {
          auto [it, inserted] = first_behind.try_emplace(v, i);
          if (!inserted) sets.union_set(i, it->second);
        }
      }
    }
  }
  std::vector<std::vector<std::uint32_t>> of_root(n);
  for (std::uint32_t i = 0; i < n; ++i) of_root[sets.find_set(i)].push_back(i);
  std::vector<std::vector<ClusterIndex>> fronts;
  for (const std::vector<std::uint32_t>& group : of_root) {
    if (group.empty()) continue;
    std::size_t size = 0;
    for (std::uint32_t i : group) size += members.at(clusters[i]).size();
    if (group.size() > 1 && size >= options_.min_members && size <= options_.max_members) {
      std::vector<ClusterIndex>& front = fronts.emplace_back();
      for (std::uint32_t i : group) front.push_back(clusters[i]);
      continue;
    }
    for (std::uint32_t i : group) {  // alone: as before, if large enough to split
      const std::size_t alone = members.at(clusters[i]).size();
      if (alone >= options_.min_members) fronts.push_back({clusters[i]});
    }
  }
  std::sort(fronts.begin(), fronts.end());  // each ascending; ordered by its smallest index
  return fronts;
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
  // Fronts in ascending smallest index: new indices are handed out in the same order every run.
  RINGGRAPH_RETURN_IF_ERROR(ReadFrontValues(members));
  const std::vector<std::vector<ClusterIndex>> fronts = GroupFronts(members);
  std::vector<MemberCampaign> campaigns;
  std::vector<SplitPart> split_parts;  // of every front that split, for the rejoin phase
  bool indices_freed = false;
  for (const std::vector<ClusterIndex>& front : fronts) {
    const ClusterIndex c = front.front();
    std::vector<AccountId> accounts = std::move(members[c]);
    for (std::size_t k = 1; k < front.size(); ++k) {
      std::vector<AccountId>& more = members[front[k]];
      accounts.insert(accounts.end(), more.begin(), more.end());
      more.clear();
    }
    if (front.size() > 1) {
      ++report_.fronts_joined;
      report_.front_clusters += front.size();
      indices_freed = true;
      for (AccountId a : accounts) assigned[a] = c;
    }
    ++report_.clusters_considered;
    // A part may itself hold several campaigns (two rings alike enough to stay together at the
    // whole cluster's resolution): each part is tried again at its own.
    std::vector<std::pair<ClusterIndex, std::vector<AccountId>>> pending;
    pending.emplace_back(c, std::move(accounts));
    std::vector<SplitPart> final_parts;
    std::uint64_t parts_made = 1;
    while (!pending.empty()) {
      auto [index, part_accounts] = std::move(pending.back());
      pending.pop_back();
      Parts parts;
      const bool tried = part_accounts.size() >= options_.min_members;
      if (tried) {
        RINGGRAPH_RETURN_IF_ERROR(ReadCampaigns(part_accounts, &campaigns));
        RINGGRAPH_ASSIGN_OR_RETURN(parts, Split(part_accounts, campaigns));
        report_.not_distinct += parts.rejected;
      }
      const std::uint32_t count = parts.count;
      if (count < 2) {
        final_parts.push_back({c, index, std::move(part_accounts),
                               tried ? std::move(campaigns) : std::vector<MemberCampaign>{}});
        continue;
      }
      parts_made += count - 1;
      std::vector<std::vector<AccountId>> part_members(count);
      for (std::size_t m = 0; m < part_accounts.size(); ++m) {
        part_members[parts.part[m]].push_back(part_accounts[m]);
      }
      for (std::uint32_t p = 0; p < count; ++p) {
        const ClusterIndex part_index = p == 0 ? index : next++;
        for (AccountId a : part_members[p]) assigned[a] = part_index;
        pending.emplace_back(part_index, std::move(part_members[p]));
      }
    }
    if (parts_made > 1) {
      ++report_.clusters_split;
      report_.parts_made += parts_made;
      for (SplitPart& p : final_parts) split_parts.push_back(std::move(p));
    }
  }
  RINGGRAPH_RETURN_IF_ERROR(Rejoin(split_parts, assigned));
  if (indices_freed) MakeDense(assigned);
  return Status::Ok();
}

Status CampaignSplit::Rejoin(std::vector<SplitPart>& parts, std::vector<ClusterIndex>& assigned) {
  const std::size_t n = parts.size();
  if (n < 2 || options_.rejoin_candidates == 0) return Status::Ok();
  // Each part's campaigns (read now for parts too small to have been tried), template mix (its
  // members' mixes summed, unit length) and the parts that hold each identity value.
  std::vector<TemplateMix> mix(n);
  absl::flat_hash_map<SignalId, std::vector<std::uint32_t>> parts_holding;
  for (std::uint32_t p = 0; p < n; ++p) {
    if (parts[p].campaigns.size() != parts[p].accounts.size()) {
      RINGGRAPH_RETURN_IF_ERROR(ReadCampaigns(parts[p].accounts, &parts[p].campaigns));
    }
    absl::flat_hash_map<SignalId, double> sum;
    for (const MemberCampaign& m : parts[p].campaigns) {
      for (const auto& [id, share] : m.mix) sum[id] += share;
    }
    mix[p] = UnitMix(sum);
    absl::flat_hash_set<SignalId> held;
    for (AccountId a : parts[p].accounts) {
      for (SignalId v : front_values_.at(a)) {
        if (held.insert(v).second) parts_holding[v].push_back(p);
      }
    }
  }
  // Candidates: parts of other clusters behind a common value, most alike in mix first.
  std::vector<std::vector<std::uint32_t>> candidates(n);
  {
    std::vector<std::vector<std::uint32_t>> linked(n);
    for (const auto& [value, holding] : parts_holding) {
      for (std::uint32_t p : holding) {
        for (std::uint32_t q : holding) {
          if (parts[p].parent != parts[q].parent) linked[p].push_back(q);
        }
      }
    }
    for (std::uint32_t p = 0; p < n; ++p) {
      std::sort(linked[p].begin(), linked[p].end());
      linked[p].erase(std::unique(linked[p].begin(), linked[p].end()), linked[p].end());
      std::vector<std::pair<double, std::uint32_t>> alike;
      for (std::uint32_t q : linked[p]) {
        const double cosine = Cosine(mix[p], mix[q]);
        if (cosine > 0) alike.emplace_back(-cosine, q);
      }
      std::sort(alike.begin(), alike.end());
      for (std::size_t k = 0; k < alike.size() && k < options_.rejoin_candidates; ++k) {
        candidates[p].push_back(alike[k].second);
      }
    }
  }
  // Join, largest parts first, when the union is one campaign and holds no two parts of one
  // cluster.
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t p = 0; p < n; ++p) order[p] = p;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return parts[a].accounts.size() > parts[b].accounts.size();
  });
  boost::disjoint_sets_with_storage<> sets(n);
  std::vector<std::vector<std::uint32_t>> group(n);  // parts per root
  for (std::uint32_t p = 0; p < n; ++p) group[p] = {p};
  std::vector<AccountId> accounts;
  std::vector<MemberCampaign> together;
  for (std::uint32_t p : order) {
    for (std::uint32_t q : candidates[p]) {
      const std::uint32_t rp = static_cast<std::uint32_t>(sets.find_set(p));
      const std::uint32_t rq = static_cast<std::uint32_t>(sets.find_set(q));
      if (rp == rq) continue;
      bool same_cluster = false;
      std::size_t size = 0;
      for (std::uint32_t a : group[rp]) {
        size += parts[a].accounts.size();
        for (std::uint32_t b : group[rq]) same_cluster |= parts[a].parent == parts[b].parent;
      }
      for (std::uint32_t b : group[rq]) size += parts[b].accounts.size();
      if (same_cluster || size > options_.max_members) continue;
      accounts.clear();
      together.clear();
      for (std::uint32_t root : {rp, rq}) {
        for (std::uint32_t a : group[root]) {
          accounts.insert(accounts.end(), parts[a].accounts.begin(), parts[a].accounts.end());
          together.insert(together.end(), parts[a].campaigns.begin(), parts[a].campaigns.end());
        }
      }
      RINGGRAPH_ASSIGN_OR_RETURN(const Parts split, Split(accounts, together));
      if (split.count > 1) continue;
      sets.link(rp, rq);
      const std::uint32_t root = static_cast<std::uint32_t>(sets.find_set(rp));
      const std::uint32_t other = root == rp ? rq : rp;
      group[root].insert(group[root].end(), group[other].begin(), group[other].end());
      group[other].clear();
      report_.parts_rejoined += 1;
    }
  }
  if (report_.parts_rejoined == 0) return Status::Ok();
  // Relabel: a group takes the smallest index of its parts; indices are then made dense again.
  for (std::uint32_t root = 0; root < n; ++root) {
    if (group[root].size() < 2) continue;
    ClusterIndex index = parts[group[root][0]].index;
    for (std::uint32_t a : group[root]) index = std::min(index, parts[a].index);
    for (std::uint32_t a : group[root]) {
      for (AccountId account : parts[a].accounts) assigned[account] = index;
    }
  }
  MakeDense(assigned);
  return Status::Ok();
}

}  // namespace ringgraph::detection
