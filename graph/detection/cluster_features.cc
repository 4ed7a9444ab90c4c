// Cluster features. See cluster_features.h.
#include "graph/detection/cluster_features.h"

#include <tbb/parallel_for.h>

#include <absl/container/flat_hash_map.h>
#include <algorithm>

namespace ringgraph::detection {

ClusterFeatureExtractor::ClusterFeatureExtractor(const store::StoreSnapshot& snapshot,
                                                 const CsrGraph& graph,
                                                 const std::vector<ClusterIndex>& membership,
                                                 FeatureOptions options)
    : snapshot_(snapshot), graph_(graph), membership_(membership), options_(std::move(options)) {}

std::vector<AccountId> ClusterFeatureExtractor::Members(ClusterIndex cluster) const {
  if (cluster + 1 >= member_offsets_.size()) return {};
  return std::vector<AccountId>(members_.begin() + member_offsets_[cluster],
                                members_.begin() + member_offsets_[cluster + 1]);
}

Status ClusterFeatureExtractor::Run() {
  const std::size_t n = membership_.size();
  if (n != graph_.num_vertices() || n != snapshot_.num_accounts()) {
    return Status::InvalidArgument("partition has " + std::to_string(n) + " accounts, graph " +
                                   std::to_string(graph_.num_vertices()) + ", store " +
                                   std::to_string(snapshot_.num_accounts()));
  }
  // Phase 1, group: members of each cluster, ascending, by counting sort.
  ClusterIndex num_clusters = 0;
  for (ClusterIndex c : membership_) num_clusters = std::max(num_clusters, c + 1);
  member_offsets_.assign(static_cast<std::size_t>(num_clusters) + 1, 0);
  for (ClusterIndex c : membership_) ++member_offsets_[c + 1];
  for (ClusterIndex c = 0; c < num_clusters; ++c) member_offsets_[c + 1] += member_offsets_[c];
  members_.assign(n, 0);
  {
    std::vector<std::uint64_t> next(member_offsets_.begin(), member_offsets_.end() - 1);
    for (AccountId a = 0; a < n; ++a) members_[next[membership_[a]]++] = a;
  }
  clusters_.clear();
  for (ClusterIndex c = 0; c < num_clusters; ++c) {
    std::uint64_t size = member_offsets_[c + 1] - member_offsets_[c];
    if (size < 2) continue;
    ClusterFeatures f;
    f.cluster = c;
    f.size = static_cast<std::uint32_t>(size);
    clusters_.push_back(std::move(f));
  }

  // Phase 2, structure: internal links and the cut, one cluster per task.
  tbb::parallel_for(std::size_t{0}, clusters_.size(), [&](std::size_t i) {
    ClusterFeatures& f = clusters_[i];
    double cut = 0, internal_twice = 0;
    std::uint64_t internal_entries = 0;
    for (std::uint64_t m = member_offsets_[f.cluster]; m < member_offsets_[f.cluster + 1]; ++m) {
      AccountId u = members_[m];
      for (EdgeIndex e = graph_.offsets[u]; e < graph_.offsets[u + 1]; ++e) {
        if (membership_[graph_.neighbors[e]] == f.cluster) {
          internal_twice += graph_.weights[e];
          ++internal_entries;
        } else {
          cut += graph_.weights[e];
        }
      }
    }
    f.internal_links = internal_entries / 2;
    f.internal_weight = internal_twice / 2;
    double pairs = static_cast<double>(f.size) * (f.size - 1) / 2;
    f.density = f.internal_links / pairs;
    f.weight_per_member = internal_twice / f.size;
    f.conductance = cut + internal_twice > 0 ? cut / (cut + internal_twice) : 0;
  });

  // Phase 3, evidence: shared values, identity use and behaviour, from the store.
  RINGGRAPH_ASSIGN_OR_RETURN(projection::ValueWeights weights,
                             projection::ComputeValueWeights(snapshot_, options_.projection));
  UnixSeconds window_start = 0;
  bool have_start = false;
  for (AccountId a = 0; a < n; ++a) {
    Result<store::AccountActivity> activity = snapshot_.Activity(a);
    if (!activity.ok()) continue;
    if (!have_start || activity->first_seen < window_start) window_start = activity->first_seen;
    have_start = true;
  }
  const UnixSeconds young_after =
      window_start + static_cast<UnixSeconds>(options_.young_after_days * 86400);

  struct ValueInCluster {
    std::uint32_t members = 0;
    std::uint64_t uses = 0;  // observation count summed over members (prompts for templates)
  };
  absl::flat_hash_map<SignalId, ValueInCluster> values;
  std::vector<std::vector<store::AccountSignal>> member_signals;
  std::vector<double> spans;
  for (ClusterFeatures& f : clusters_) {
    values.clear();
    spans.clear();
    const std::uint64_t begin = member_offsets_[f.cluster];
    member_signals.resize(f.size);
    double prompts = 0;
    std::uint32_t young = 0;
    for (std::uint32_t k = 0; k < f.size; ++k) {
      AccountId a = members_[begin + k];
      RINGGRAPH_RETURN_IF_ERROR(snapshot_.AccountSignals(a, &member_signals[k]));
      for (const store::AccountSignal& s : member_signals[k]) {
        ValueInCluster& v = values[s.signal];
        ++v.members;
        v.uses += s.count;
      }
      Result<store::AccountActivity> activity = snapshot_.Activity(a);
      if (activity.ok()) {
        prompts += static_cast<double>(activity->prompts);
        spans.push_back(static_cast<double>(activity->last_seen - activity->first_seen) / 86400.0);
        if (activity->first_seen >= young_after) ++young;
      }
    }
    f.prompts_per_member = prompts / f.size;
    f.young_fraction = static_cast<double>(young) / f.size;
    if (!spans.empty()) {
      std::nth_element(spans.begin(), spans.begin() + spans.size() / 2, spans.end());
      f.median_span_days = spans[spans.size() / 2];
    }

    // Identity use, evidence shares and the top template.
    std::array<double, 256> kind_weight{};
    std::array<std::uint32_t, 256> distinct{};
    std::uint64_t top_template_uses = 0;
    std::vector<SharedValue> shared;
    for (const auto& [signal, v] : values) {
      KindCode kind = weights.kind[signal];
      ++distinct[kind];
      if (kind == kTemplateKind) top_template_uses = std::max(top_template_uses, v.uses);
      if (v.members < 2) continue;
      double pair_weight = weights.pair_weight[signal];
      double pairs = static_cast<double>(v.members) * (v.members - 1) / 2;
      kind_weight[kind] += pair_weight * pairs;
      SharedValue value;
      value.signal = signal;
      value.kind = kind;
      value.members_sharing = v.members;
      value.holders_total = weights.holders[signal];
      value.pair_weight = static_cast<float>(pair_weight);
      shared.push_back(value);
    }
    double total_weight = 0;
    for (double w : kind_weight) total_weight += w;
    for (int k = 0; k < 256; ++k) f.kind_share[k] = total_weight > 0 ? kind_weight[k] / total_weight : 0;
    f.top_template_share = prompts > 0 ? std::min(1.0, top_template_uses / prompts) : 0;

    auto identity = [&](KindCode kind) {
      IdentityUse use;
      use.values_per_member = static_cast<double>(distinct[kind]) / f.size;
      std::uint32_t sharing = 0;
      for (std::uint32_t k = 0; k < f.size; ++k) {
        for (const store::AccountSignal& s : member_signals[k]) {
          if (weights.kind[s.signal] == kind && values[s.signal].members >= 2) {
            ++sharing;
            break;
          }
        }
      }
      use.shared_fraction = static_cast<double>(sharing) / f.size;
      return use;
    };
    f.member_shares_beyond_ip.assign(f.size, false);
    for (std::uint32_t k = 0; k < f.size; ++k) {
      for (const store::AccountSignal& s : member_signals[k]) {
        KindCode kind = weights.kind[s.signal];
        if (kind != kIpKind && weights.pair_weight[s.signal] > 0 && values[s.signal].members >= 2) {
          f.member_shares_beyond_ip[k] = true;
          break;
        }
      }
    }
    f.payment = identity(kPaymentKind);
    f.device = identity(kDeviceKind);
    f.ip = identity(kIpKind);

    auto strength = [](const SharedValue& v) {
      return v.pair_weight * (static_cast<double>(v.members_sharing) * (v.members_sharing - 1) / 2) +
             1e-9 * v.members_sharing;
    };
    std::size_t keep = std::min(options_.top_values, shared.size());
    std::partial_sort(shared.begin(), shared.begin() + keep, shared.end(),
                      [&](const SharedValue& a, const SharedValue& b) {
                        double sa = strength(a), sb = strength(b);
                        return sa != sb ? sa > sb : a.signal < b.signal;
                      });
    shared.resize(keep);
    for (SharedValue& v : shared) {
      RINGGRAPH_ASSIGN_OR_RETURN(store::SignalInfo info, snapshot_.Signal(v.signal));
      v.hash = info.hash;
      v.first_seen = info.first_seen;
      v.last_seen = info.last_seen;
    }
    f.top_values = std::move(shared);
  }
  return Status::Ok();
}

}  // namespace ringgraph::detection
