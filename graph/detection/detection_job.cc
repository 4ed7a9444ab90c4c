// The detection job. See detection_job.h.
#include "graph/detection/detection_job.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <boost/pending/disjoint_sets.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <nlohmann/json.hpp>

#include "graph/detection/label_learner.h"
#include "graph/detection/population_profile.h"
#include "graph/projection/account_projection.h"
#include "graph/sharing/watchlist.h"
#include "graph/signals/keyed_hash.h"

namespace ringgraph::detection {
namespace {

std::string Percent(double fraction) {
  return std::to_string(static_cast<int>(fraction * 100 + 0.5)) + "%";
}

class PhaseClock {
 public:
  explicit PhaseClock(const DetectionOptions& options) : options_(options) {}
  void Done(std::string_view phase, const std::string& detail) {
    auto now = std::chrono::steady_clock::now();
    if (options_.on_phase) {
      options_.on_phase(phase, std::chrono::duration<double>(now - last_).count(), detail);
    }
    last_ = now;
  }

 private:
  const DetectionOptions& options_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

// `left_out` of the f.size members scored were left out of the cluster (judged not part of the
// ring); the rest of the summary describes all that were scored.
std::string SummarizeCluster(const ClusterFeatures& f, const RingScore& score,
                             std::uint32_t left_out) {
  std::string out = std::to_string(f.size - left_out) + " accounts";
  if (left_out > 0) {
    out += " (" + std::to_string(f.size) + " scored, " + std::to_string(left_out) + " left out)";
  }
  char buf[96];
  std::snprintf(buf, sizeof buf, ", %.0f prompts each (%s percentile), %.1f a day",
                f.median_prompts, Percent(f.volume).c_str(), f.median_pace);
  out += buf;
  if (f.campaign > 0) out += ", " + Percent(f.campaign) + " on shared templates";
  std::snprintf(buf, sizeof buf, ", median activity span %.1f days", f.median_span_days);
  out += buf;
  if (f.lockstep >= 0.25) {
    out += ", active days overlapping (lockstep " + Percent(f.lockstep) +
           (f.co_located ? ", most members on a network of their own: counted only for those run"
                           " as an operator's)"
                         : ")");
  }
  std::vector<std::string> shares;
  auto identity = [&](const char* what, const IdentityUse& use) {
    if (use.shared_fraction <= 0) return;
    std::snprintf(buf, sizeof buf, "%s (%.2f per account, %s of members share one)", what,
                  use.values_per_member, Percent(use.shared_fraction).c_str());
    shares.push_back(buf);
  };
  identity("cards", f.payment);
  identity("devices", f.device);
  identity("IPs", f.ip);
  if (!shares.empty()) {
    out += "; shared ";
    for (std::size_t i = 0; i < shares.size(); ++i) out += (i ? ", " : "") + shares[i];
  }
  if (!score.factors.empty()) {
    out += "; strongest factors: ";
    for (std::size_t i = 0; i < std::min<std::size_t>(3, score.factors.size()); ++i) {
      out += (i ? ", " : "") + score.factors[i].name;
    }
  }
  return out;
}

namespace {

MeasuredFeatures Measured(const ClusterFeatures& f) {
  MeasuredFeatures m;
  m.internal_links = f.internal_links;
  m.internal_weight = f.internal_weight;
  m.density = f.density;
  m.weight_per_member = f.weight_per_member;
  m.conductance = f.conductance;
  m.prompts_per_member = f.prompts_per_member;
  m.median_prompts = f.median_prompts;
  m.median_prompts_per_active_day = f.median_pace;
  m.median_span_days = f.median_span_days;
  m.volume_percentile = f.volume;
  m.pace_percentile = f.pace;
  m.burst_percentile = f.burst;
  m.first_seen_percentile = f.young;
  m.lockstep = f.lockstep;
  m.co_located = f.co_located ? 1.0 : 0.0;
  m.campaign_share = f.campaign;
  m.known_campaign_share = f.known_campaign;
  m.reuse = f.reuse;
  m.rotation = f.rotation;
  m.reuse_with_rotation = f.reuse_with_rotation;
  m.payment_values_per_member = f.payment.values_per_member;
  m.payment_shared_fraction = f.payment.shared_fraction;
  m.device_values_per_member = f.device.values_per_member;
  m.device_shared_fraction = f.device.shared_fraction;
  m.ip_values_per_member = f.ip.values_per_member;
  m.ip_shared_fraction = f.ip.shared_fraction;
  for (KindCode k : {kPaymentKind, kIpKind, kDeviceKind, kTemplateKind}) {
    m.evidence_share_by_kind[std::string(BuiltinKindName(k))] = f.kind_share[k];
  }
  return m;
}

DetailEvidence Evidence(const SharedValue& v) {
  return {.kind = std::string(BuiltinKindName(v.kind)),
          .value_id = HashToHex(v.hash),
          .members_sharing = v.members_sharing,
          .holders_total = v.holders_total,
          .pair_weight = v.pair_weight,
          .first_seen = v.first_seen,
          .last_seen = v.last_seen};
}

// A one-account cluster for an account in no cluster that holds a partner's watched value.
ClusterDetails PartnerIndicatorDetails(const sharing::WatchMatch& m, const std::string& label,
                                       const store::ClusterRecord& record) {
  ClusterDetails d;
  d.summary = "1 account, in no cluster here, holding a " + std::string(BuiltinKindName(m.kind)) +
              " value of " + label;
  d.score = record.ring_score;
  d.flagged = record.flagged;
  d.factors = {{"partner_indicator", std::int64_t{m.confidence}, 0.0}};
  d.features.size = 1;
  d.labels = {label};
  return d;
}

}  // namespace

ClusterDetails MakeClusterDetails(const ClusterFeatures& f, const RingScore& score,
                                  const std::string& summary,
                                  const std::vector<std::string>& labels,
                                  const std::vector<double>& member_evidence) {
  ClusterDetails d;
  d.summary = summary;
  d.score = score.score;
  d.flagged = score.flagged;
  for (const ScoreFactor& factor : score.factors) {
    d.factors.push_back({factor.name, factor.value, factor.contribution});
  }
  d.features.size = f.size;
  d.features.measured = Measured(f);
  for (const SharedValue& v : f.top_values) d.evidence.push_back(Evidence(v));
  // Rounded to three places: the explanation, not a second copy of the features.
  for (double e : member_evidence) d.member_evidence.push_back(std::round(e * 1000) / 1000);
  d.labels = labels;
  return d;
}

namespace {

// Sets the known-campaign share of every kept cluster and of each of its members: the share of
// their prompts on templates `known(i, template)` accepts for cluster i. A larger share set
// before (by labels) stays.
Status ApplyKnownCampaignShares(
    const store::StoreSnapshot& snapshot, const std::vector<std::vector<AccountId>>& members,
    const projection::ValueWeights& weights, std::vector<ClusterFeatures*>& kept,
    const std::function<bool(std::size_t cluster, SignalId template_id)>& known) {
  std::vector<store::AccountSignal> signals;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    absl::flat_hash_map<AccountId, MemberFeatures*> member_features;
    for (MemberFeatures& m : kept[i]->members) member_features[m.account] = &m;
    double cluster_known = 0, cluster_prompts = 0;
    for (AccountId a : members[i]) {
      Result<store::AccountActivity> activity = snapshot.Activity(a);
      const double prompts = activity.ok() ? static_cast<double>(activity->prompts) : 0.0;
      double on_known = 0;
      RINGGRAPH_RETURN_IF_ERROR(snapshot.AccountSignals(a, &signals));
      for (const store::AccountSignal& s : signals) {
        if (weights.kind[s.signal] == kTemplateKind && known(i, s.signal)) on_known += s.count;
      }
      cluster_known += on_known;
      cluster_prompts += prompts;
      if (auto m = member_features.find(a); m != member_features.end() && prompts > 0) {
        m->second->known_campaign =
            std::max(m->second->known_campaign, std::min(1.0, on_known / prompts));
      }
    }
    if (cluster_prompts > 0) {
      kept[i]->known_campaign =
          std::max(kept[i]->known_campaign, std::min(1.0, cluster_known / cluster_prompts));
    }
  }
  return Status::Ok();
}

}  // namespace

Status DetectionJob::MarkKnownCampaigns(
    const store::StoreSnapshot& snapshot, const std::vector<std::vector<AccountId>>& members,
    const std::vector<std::optional<bool>>& verdict,
    const absl::flat_hash_map<AccountId, std::string>& account_verdict,
    const projection::ValueWeights& weights, std::vector<ClusterFeatures*>& kept) const {
  bool any_ring = false;
  for (const std::optional<bool>& v : verdict) any_ring |= v.has_value() && *v;
  for (const auto& [a, v] : account_verdict) any_ring |= v == "ring";
  if (!any_ring) return Status::Ok();
  // Who ran each template: confirmed ring accounts that hold it (members of a cluster labelled
  // a ring, or accounts labelled ring), benign ones, and which clusters those ring accounts are
  // in. Accounts, not prompts: a ring account sends ten times an honest user's prompts, so by
  // prompts a public wrapper that a few rings paste and many more honest users try once would
  // count as the rings' own.
  struct Use {
    std::uint64_t ring = 0, benign = 0;      // holders
    std::vector<std::size_t> ring_clusters;  // distinct, ascending (clusters are visited in order)
  };
  absl::flat_hash_map<SignalId, Use> uses;
  std::vector<store::AccountSignal> signals;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    for (AccountId a : members[i]) {
      std::optional<bool> ring = verdict[i];
      if (auto v = account_verdict.find(a); v != account_verdict.end()) ring = v->second == "ring";
      if (!ring.has_value()) continue;
      RINGGRAPH_RETURN_IF_ERROR(snapshot.AccountSignals(a, &signals));
      for (const store::AccountSignal& s : signals) {
        if (weights.kind[s.signal] != kTemplateKind) continue;
        Use& use = uses[s.signal];
        if (*ring) {
          ++use.ring;
          if (use.ring_clusters.empty() || use.ring_clusters.back() != i)
            use.ring_clusters.push_back(i);
        } else {
          ++use.benign;
        }
      }
    }
  }
  // A template is a known extraction template for cluster i when a confirmed ring other than i
  // ran it and more confirmed ring accounts than benign ones hold it.
  return ApplyKnownCampaignShares(snapshot, members, weights, kept, [&](std::size_t i, SignalId t) {
    auto it = uses.find(t);
    if (it == uses.end() || it->second.ring <= it->second.benign) return false;
    const std::vector<std::size_t>& by = it->second.ring_clusters;
    const bool only_this = by.size() == 1 && by[0] == i;
    return !by.empty() && !only_this;
  });
}

Result<DetectionJob::RunCampaigns> DetectionJob::MarkRunCampaigns(
    const store::StoreSnapshot& snapshot, const std::vector<std::vector<AccountId>>& members,
    const std::vector<bool>& flagged, const projection::ValueWeights& weights,
    std::vector<ClusterFeatures*>& kept) const {
  // Per template: the accounts of flagged clusters that hold it, and the flagged clusters that
  // ran it (the first two are enough to tell "another ring ran it" from "only this one did").
  struct RingUse {
    std::uint64_t holders = 0;
    RunCampaigns::Runners runners;
  };
  absl::flat_hash_map<SignalId, RingUse> ring_use;
  std::vector<store::AccountSignal> signals;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (!flagged[i]) continue;
    for (AccountId a : members[i]) {
      RINGGRAPH_RETURN_IF_ERROR(snapshot.AccountSignals(a, &signals));
      for (const store::AccountSignal& s : signals) {
        if (weights.kind[s.signal] != kTemplateKind) continue;
        RingUse& use = ring_use[s.signal];
        ++use.holders;
        RunCampaigns::Runners& by = use.runners;
        if (by.clusters == 0 || (by.clusters == 1 && by.first_cluster != i)) {
          if (by.clusters == 0) by.first_cluster = i;
          ++by.clusters;
        }
      }
    }
  }
  // A campaign of rings: more than half of the template's holders are in flagged clusters.
  RunCampaigns campaigns;
  for (const auto& [t, use] : ring_use) {
    if (2 * use.holders > weights.holders[t]) campaigns.templates.emplace(t, use.runners);
  }
  RINGGRAPH_RETURN_IF_ERROR(
      ApplyKnownCampaignShares(snapshot, members, weights, kept, [&](std::size_t i, SignalId t) {
        auto it = campaigns.templates.find(t);
        if (it == campaigns.templates.end()) return false;
        const RunCampaigns::Runners& by = it->second;
        return by.clusters >= 2 || (by.clusters == 1 && by.first_cluster != i);
      }));
  return campaigns;
}

Result<std::vector<std::vector<AccountId>>> DetectionJob::GroupsBehindGenericValues(
    const store::StoreSnapshot& snapshot, const projection::ValueWeights& weights,
    const RunCampaigns& campaigns, const std::vector<std::uint8_t>& spoken_for) const {
  std::vector<std::vector<AccountId>> groups;
  if (campaigns.templates.empty()) return groups;
  // Campaign runners: accounts that send most of their prompts on the templates flagged rings
  // run, and are in no flagged cluster and no carving group already.
  // Their generic identity values (cards, devices and addresses held by more accounts than link
  // any), kept as they are read: (value, runner index), in runner order.
  std::vector<AccountId> runners;
  std::vector<std::pair<SignalId, std::size_t>> generic_values;
  const projection::ProjectionOptions& projection = options_.features.projection;
  std::vector<store::AccountSignal> signals;
  for (AccountId a = 0; a < spoken_for.size(); ++a) {
    if (spoken_for[a]) continue;
    Result<store::AccountActivity> activity = snapshot.Activity(a);
    if (!activity.ok()) {
      if (activity.status().code() == Status::Code::kNotFound) continue;  // no records yet
      return activity.status();
    }
    if (activity->prompts == 0) continue;
    RINGGRAPH_RETURN_IF_ERROR(snapshot.AccountSignals(a, &signals));
    std::uint64_t on_campaigns = 0;
    for (const store::AccountSignal& s : signals) {
      if (weights.kind[s.signal] == kTemplateKind && campaigns.templates.contains(s.signal)) {
        on_campaigns += s.count;
      }
    }
    if (2 * on_campaigns <= activity->prompts) continue;
    for (const store::AccountSignal& s : signals) {
      const KindCode kind = weights.kind[s.signal];
      if (projection.kinds[kind].weight <= 0 || projection.kinds[kind].profile) continue;
      if (weights.holders[s.signal] <= weights.max_holders[kind]) continue;  // not generic
      generic_values.emplace_back(s.signal, runners.size());
    }
    runners.push_back(a);
  }
  // Joined by the generic identity values they share (union-find).
  boost::disjoint_sets_with_storage<> sets(runners.size());
  absl::flat_hash_map<SignalId, std::size_t> first_runner;
  for (const auto& [value, i] : generic_values) {
    auto [it, inserted] = first_runner.try_emplace(value, i);
    if (!inserted) sets.union_set(i, it->second);
  }
  absl::flat_hash_map<std::size_t, std::size_t> group_of;
  for (std::size_t i = 0; i < runners.size(); ++i) {
    auto [it, inserted] = group_of.try_emplace(sets.find_set(i), groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(runners[i]);
  }
  std::erase_if(groups, [&](const std::vector<AccountId>& g) {
    return g.size() < options_.carve_min_members;
  });
  return groups;
}

Result<DetectionJob::Refinement> DetectionJob::RefineClusters(
    const store::StoreSnapshot& snapshot, const CsrGraph& graph,
    const projection::ValueWeights& weights, const PopulationProfile& population,
    std::vector<ClusterIndex>* membership) const {
  auto first = std::make_unique<ClusterFeatureExtractor>(snapshot, graph, *membership, weights,
                                                         population, options_.features);
  RINGGRAPH_RETURN_IF_ERROR(first->Run());
  RINGGRAPH_ASSIGN_OR_RETURN(Refinement refined, SeparateAndCarve(snapshot, graph, weights,
                                                                  population, *first, membership));
  if (!options_.reassemble_pieces && !options_.split_campaigns && !options_.adopt_pieces &&
      !options_.attach_strays) {
    refined.described = std::move(first);
    return refined;
  }
  // Most clusters came through separation and carving unchanged: their features are the first
  // extraction's.
  auto scored = std::make_unique<ClusterFeatureExtractor>(snapshot, graph, *membership, weights,
                                                          population, options_.features);
  RINGGRAPH_RETURN_IF_ERROR(scored->Run({.wanted = {}, .earlier = first.get()}));
  first.reset();
  const RingScorer scorer(options_.scoring);
  absl::flat_hash_set<ClusterIndex> flagged;
  for (const ClusterFeatures& f : scored->clusters()) {
    if (f.size >= options_.min_cluster_size && scorer.Score(f).flagged) flagged.insert(f.cluster);
  }
  // The accounts in flagged clusters, for the campaign split: after regrouping, a cluster
  // holding them is a flagged piece or a ring made of such pieces.
  std::vector<bool> in_flagged;
  if (options_.split_campaigns || options_.adopt_pieces || options_.attach_strays) {
    in_flagged.resize(membership->size());
    for (AccountId a = 0; a < membership->size(); ++a)
      in_flagged[a] = flagged.contains((*membership)[a]);
  }
  if (options_.reassemble_pieces) {
    PieceReassembly reassembly(snapshot, weights, options_.features.projection, population,
                               options_.reassembly);
    RINGGRAPH_RETURN_IF_ERROR(
        reassembly.Run(membership, [&](ClusterIndex c) { return flagged.contains(c); }));
    refined.joined = reassembly.report().joined;
    refined.groups = reassembly.report().groups;
    refined.out_of_step = reassembly.report().out_of_step;
  }
  if (options_.split_campaigns) {
    absl::flat_hash_set<ClusterIndex> flagged_now;
    for (AccountId a = 0; a < membership->size(); ++a) {
      if (in_flagged[a]) flagged_now.insert((*membership)[a]);
    }
    CampaignSplit split(snapshot, weights, options_.features.projection, population,
                        options_.campaign_split);
    RINGGRAPH_RETURN_IF_ERROR(
        split.Run(membership, [&](ClusterIndex c) { return flagged_now.contains(c); }));
    refined.campaigns_split = split.report().clusters_split;
    refined.campaign_parts = split.report().parts_made;
    refined.campaign_parts_rejoined = split.report().parts_rejoined;
    refined.campaign_fronts = split.report().fronts_joined;
    refined.campaign_front_clusters = split.report().front_clusters;
  }
  // The clusters most of whose members were in flagged clusters: flagged pieces, the rings
  // regrouped from them and the parts of split campaigns.
  auto mostly_flagged = [&] {
    absl::flat_hash_map<ClusterIndex, std::pair<std::uint32_t, std::uint32_t>> share;
    for (AccountId a = 0; a < membership->size(); ++a) {
      auto& [inside, all] = share[(*membership)[a]];
      inside += in_flagged[a];
      ++all;
    }
    return share;
  };
  if (options_.adopt_pieces) {
    const auto share = mostly_flagged();
    const std::vector<ClusterIndex> before_adoption = *membership;
    PieceAdoption adoption(snapshot, weights, options_.features.projection, population,
                           options_.adoption);
    RINGGRAPH_RETURN_IF_ERROR(adoption.Run(membership, [&](ClusterIndex c) {
      auto it = share.find(c);
      return it != share.end() && 2 * it->second.first > it->second.second;
    }));
    if (!adoption.adopted_clusters().empty()) {
      refined.adopted = adoption.report().adopted;
      refined.adopted_members = adoption.report().adopted_members;
      refined.adopting_rings = adoption.report().rings;
      RINGGRAPH_ASSIGN_OR_RETURN(
          const absl::flat_hash_set<ClusterIndex> given_back,
          KeepAdoptionsThatStayFlagged(snapshot, graph, weights, population, before_adoption,
                                       adoption.adopted_clusters(), membership));
      refined.adoptions_undone = given_back.size();
      // The members of pieces that stayed with their ring are in a flagged cluster now.
      const absl::flat_hash_set<ClusterIndex> adopted(adoption.adopted_clusters().begin(),
                                                      adoption.adopted_clusters().end());
      for (AccountId a = 0; a < membership->size(); ++a) {
        const ClusterIndex piece = before_adoption[a];
        if (adopted.contains(piece) && !given_back.contains(piece)) in_flagged[a] = true;
      }
    }
  }
  if (options_.attach_strays) {
    const auto share = mostly_flagged();
    StrayAttachment attachment(snapshot, graph, weights, options_.features.projection,
                               options_.stray_attachment);
    RINGGRAPH_RETURN_IF_ERROR(attachment.Run(membership, [&](ClusterIndex c) {
      auto it = share.find(c);
      return it != share.end() && 2 * it->second.first > it->second.second;
    }));
    refined.strays_attached = attachment.report().attached;
    refined.stray_clusters = attachment.report().clusters;
  }
  refined.described = std::move(scored);
  return refined;
}

Result<absl::flat_hash_set<ClusterIndex>> DetectionJob::KeepAdoptionsThatStayFlagged(
    const store::StoreSnapshot& snapshot, const CsrGraph& graph,
    const projection::ValueWeights& weights, const PopulationProfile& population,
    const std::vector<ClusterIndex>& before, const std::vector<ClusterIndex>& adopted,
    std::vector<ClusterIndex>* membership) const {
  std::vector<ClusterIndex>& assigned = *membership;
  const RingScorer scorer(options_.scoring);
  const absl::flat_hash_set<ClusterIndex> adopted_set(adopted.begin(), adopted.end());
  // The rings that adopted pieces, as they are now, each with its pieces.
  absl::flat_hash_map<ClusterIndex, std::vector<ClusterIndex>> pieces_of;
  absl::flat_hash_map<ClusterIndex, ClusterIndex> ring_of;
  for (AccountId a = 0; a < assigned.size(); ++a) {
    if (!adopted_set.contains(before[a])) continue;
    if (ring_of.try_emplace(before[a], assigned[a]).second)
      pieces_of[assigned[a]].push_back(before[a]);
  }
  absl::flat_hash_map<ClusterIndex, ClusterIndex> ring_before;  // ring as numbered in `before`
  for (AccountId a = 0; a < assigned.size(); ++a) {
    if (!adopted_set.contains(before[a]) && pieces_of.contains(assigned[a]))
      ring_before.try_emplace(before[a], assigned[a]);
  }
  // Each piece's own logit and each ring's, as they were before the adoption: the more
  // ring-like pieces are kept first, and a ring may lose confidence down to the margin a carved
  // ring needs (carve_margin) but not below it, nor below where it was if it was under it:
  // pieces must not take a ring to the edge of its flag, where the last steps would tip it.
  absl::flat_hash_map<ClusterIndex, double> own_logit;
  absl::flat_hash_map<ClusterIndex, double> bar;
  {
    ClusterFeatureExtractor alone(snapshot, graph, before, weights, population, options_.features);
    RINGGRAPH_RETURN_IF_ERROR(alone.Run(
        {.wanted =
             [&](ClusterIndex c) { return adopted_set.contains(c) || ring_before.contains(c); },
         .earlier = nullptr}));
    const double margin = options_.carve_margin;  // as carving reads it: a logit
    for (const ClusterFeatures& f : alone.clusters()) {
      const double logit = scorer.Score(f).logit;
      if (adopted_set.contains(f.cluster)) own_logit[f.cluster] = logit;
      auto ring = ring_before.find(f.cluster);
      if (ring != ring_before.end()) bar[ring->second] = std::min(logit, margin);
    }
  }
  absl::flat_hash_map<ClusterIndex, std::size_t> rank_of;  // piece -> place in its ring's order
  for (auto& [ring, pieces] : pieces_of) {
    std::sort(pieces.begin(), pieces.end(), [&](ClusterIndex x, ClusterIndex y) {
      return own_logit[x] != own_logit[y] ? own_logit[x] > own_logit[y] : x < y;
    });
    for (std::size_t k = 0; k < pieces.size(); ++k) rank_of[pieces[k]] = k;
  }
  // For each ring, the most pieces it keeps flagged with: all when it stays flagged with all,
  // else the longest run of its most ring-like pieces it stays flagged with, found by bisection
  // (each round scores every ring once, with its pieces past the midpoint given back).
  ClusterIndex next = 0;
  for (ClusterIndex c : assigned) next = std::max(next, c + 1);
  absl::flat_hash_map<ClusterIndex, ClusterIndex> own_index;  // piece -> index when given back
  for (const ClusterIndex piece : adopted) own_index[piece] = next++;
  struct Bounds {
    std::size_t kept = 0;    // stays flagged with this many (0: the ring as it was)
    std::size_t failed = 0;  // loses its flag with this many
  };
  absl::flat_hash_map<ClusterIndex, Bounds> bounds;
  for (const auto& [ring, pieces] : pieces_of) bounds[ring] = {0, pieces.size() + 1};
  for (bool first_round = true;; first_round = false) {
    absl::flat_hash_map<ClusterIndex, std::size_t> trying;
    for (const auto& [ring, b] : bounds) {
      const std::size_t all = pieces_of[ring].size();
      if (first_round) {
        trying[ring] = all;
      } else if (b.failed - b.kept > 1) {
        trying[ring] = (b.kept + b.failed) / 2;
      }
    }
    if (trying.empty()) break;
    // Each ring tried keeps its first `trying` pieces; the rest go back for this round.
    std::vector<ClusterIndex> trial = assigned;
    for (AccountId a = 0; a < trial.size(); ++a) {
      auto ring = ring_of.find(before[a]);
      if (ring == ring_of.end()) continue;
      auto n = trying.find(ring->second);
      if (n != trying.end() && rank_of[before[a]] >= n->second) trial[a] = own_index[before[a]];
    }
    ClusterFeatureExtractor extractor(snapshot, graph, trial, weights, population,
                                      options_.features);
    RINGGRAPH_RETURN_IF_ERROR(extractor.Run(
        {.wanted = [&](ClusterIndex c) { return trying.contains(c); }, .earlier = nullptr}));
    absl::flat_hash_set<ClusterIndex> answered;
    for (const ClusterFeatures& f : extractor.clusters()) {
      Bounds& b = bounds[f.cluster];
      const std::size_t n = trying[f.cluster];
      answered.insert(f.cluster);
      const RingScore score = scorer.Score(f);
      auto ring_bar = bar.find(f.cluster);
      if (score.flagged && (ring_bar == bar.end() || score.logit >= ring_bar->second)) {
        b.kept = n;
        if (first_round) b.failed = n;  // all kept: done
      } else {
        b.failed = n;
      }
    }
    for (const auto& [ring, n] : trying) {  // not described (too small): keep what is known
      if (!answered.contains(ring)) bounds[ring].failed = bounds[ring].kept + 1;
    }
  }
  absl::flat_hash_set<ClusterIndex> given_back;
  for (const auto& [ring, pieces] : pieces_of) {
    for (std::size_t k = bounds[ring].kept; k < pieces.size(); ++k) given_back.insert(pieces[k]);
  }
  if (given_back.empty()) return given_back;
  for (AccountId a = 0; a < assigned.size(); ++a) {
    if (given_back.contains(before[a])) assigned[a] = own_index[before[a]];
  }
  MakeDense(assigned);
  return given_back;
}

Status DetectionJob::CountOnlyCampaignsOfTheirOwn(
    const store::StoreSnapshot& snapshot, const projection::ValueWeights& weights,
    const PopulationProfile& population, const std::vector<ClusterIndex>& assigned,
    const std::vector<std::vector<AccountId>>& group_members,
    const std::vector<ClusterFeatures*>& groups) const {
  // The clusters the groups stand out of, their members, and how many of those hold each
  // template. The groups' own members are among them, so their signals are kept as they are read.
  absl::flat_hash_map<ClusterIndex, std::vector<AccountId>> source_members;
  absl::flat_hash_map<AccountId, std::vector<store::AccountSignal>> group_signals;
  for (const std::vector<AccountId>& members : group_members) {
    for (AccountId a : members) {
      source_members.try_emplace(assigned[a]);
      group_signals.try_emplace(a);
    }
  }
  for (AccountId a = 0; a < assigned.size(); ++a) {
    auto it = source_members.find(assigned[a]);
    if (it != source_members.end()) it->second.push_back(a);
  }
  absl::flat_hash_map<ClusterIndex, absl::flat_hash_map<SignalId, std::uint32_t>> source_holders;
  std::vector<store::AccountSignal> signals;
  for (const auto& [cluster, members] : source_members) {
    absl::flat_hash_map<SignalId, std::uint32_t>& holders = source_holders[cluster];
    for (AccountId a : members) {
      RINGGRAPH_RETURN_IF_ERROR(snapshot.AccountSignals(a, &signals));
      for (const store::AccountSignal& s : signals) {
        if (weights.kind[s.signal] == kTemplateKind) ++holders[s.signal];
      }
      if (auto kept = group_signals.find(a); kept != group_signals.end()) kept->second = signals;
    }
  }
  const double campaign_max = CampaignMaxHolders(options_.features, weights.num_accounts);
  for (ClusterFeatures* f : groups) {
    absl::flat_hash_set<ClusterIndex> sources;
    absl::flat_hash_map<SignalId, std::uint32_t> held_inside;
    for (const MemberFeatures& m : f->members) {
      sources.insert(assigned[m.account]);
      for (const store::AccountSignal& s : group_signals[m.account]) {
        if (weights.kind[s.signal] == kTemplateKind) ++held_inside[s.signal];
      }
    }
    // The group's own campaign: templates several of its members run, not public, and held by
    // more of its members than by the rest of the clusters it comes from.
    auto own = [&](SignalId t) {
      const std::uint32_t inside = held_inside[t];
      if (inside < 2 || weights.holders[t] > campaign_max) return false;
      std::uint32_t in_sources = 0;
      for (ClusterIndex c : sources) {
        const auto& holders = source_holders[c];
        auto it = holders.find(t);
        if (it != holders.end()) in_sources += it->second;
      }
      return 2 * inside > in_sources;
    };
    double campaign_prompts = 0, total_prompts = 0;
    for (MemberFeatures& m : f->members) {
      double member_campaign = 0;
      for (const store::AccountSignal& s : group_signals[m.account]) {
        if (weights.kind[s.signal] == kTemplateKind && own(s.signal)) member_campaign += s.count;
      }
      const double prompts = population.account(m.account).prompts;
      m.campaign = prompts > 0 ? std::min(1.0, member_campaign / prompts) : 0.0;
      campaign_prompts += member_campaign;
      total_prompts += prompts;
    }
    f->campaign = total_prompts > 0 ? std::min(1.0, campaign_prompts / total_prompts) : 0.0;
  }
  return Status::Ok();
}

Result<DetectionJob::Refinement> DetectionJob::SeparateAndCarve(
    const store::StoreSnapshot& snapshot, const CsrGraph& graph,
    const projection::ValueWeights& weights, const PopulationProfile& population,
    ClusterFeatureExtractor& first, std::vector<ClusterIndex>* membership) const {
  Refinement refined;
  std::vector<ClusterIndex>& assigned = *membership;
  const RingScorer scorer(options_.scoring);
  // The templates the clusters flagged now ran: a member's own evidence, and a carved group's,
  // count the known extraction templates it runs, as the final score does ("campaigns").
  RunCampaigns campaigns;
  if (options_.learn_run_campaigns) {
    std::vector<ClusterFeatures*> all;
    std::vector<std::vector<AccountId>> all_members;
    std::vector<bool> flagged_before;
    for (ClusterFeatures& f : first.mutable_clusters()) {
      all.push_back(&f);
      all_members.push_back(first.Members(f.cluster));
      flagged_before.push_back(scorer.Score(f).flagged);
    }
    RINGGRAPH_ASSIGN_OR_RETURN(
        campaigns, MarkRunCampaigns(snapshot, all_members, flagged_before, weights, all));
  }
  // The clusters flagged with those campaigns counted.
  absl::flat_hash_set<ClusterIndex> flagged;
  for (const ClusterFeatures& f : first.clusters()) {
    if (scorer.Score(f).flagged) flagged.insert(f.cluster);
  }
  // Flagged clusters that are two operations joined only by behaviour are split first; the
  // parts are scored as clusters of their own with everything else below.
  if (options_.separate_identities) {
    IdentitySeparation separation(snapshot, graph, weights, options_.features.projection,
                                  population, options_.separation);
    RINGGRAPH_RETURN_IF_ERROR(
        separation.Run(&assigned, [&](ClusterIndex c) { return flagged.contains(c); }));
    refined.split = separation.report().clusters_split;
    refined.parts = separation.report().clusters_made;
    refined.split_out_of_step = separation.report().out_of_step;
  }
  if (!options_.carve_rings) return refined;
  ClusterIndex next = 0;
  for (ClusterIndex c : assigned) next = std::max(next, c + 1);
  // Standouts: in an unflagged cluster, the members far more ring-like than the cluster (the
  // mirror of leaving a clearly unlike member out of a flagged one).
  struct Standout {
    AccountId account;
    ClusterIndex cluster;
    bool flags_alone;  // its own evidence reaches the flag threshold
  };
  std::vector<Standout> standouts;
  for (const ClusterFeatures& f : first.clusters()) {
    if (f.size < 2 * options_.carve_min_members) continue;
    const RingScore score = scorer.Score(f);
    if (score.flagged) continue;
    const std::vector<RingScorer::MemberJudgement> judged = scorer.JudgeMembers(f, score);
    for (std::size_t m = 0; m < judged.size(); ++m) {
      if (judged[m].deviation < options_.scoring.member_margin) continue;
      standouts.push_back(
          {f.members[m].account, f.cluster, judged[m].evidence >= options_.scoring.flag_threshold});
    }
  }
  // Groups: standouts joined by the links among them (union-find over their edges to each
  // other). Inside one cluster any two linked standouts join. Across clusters only standouts
  // whose own evidence would flag them do: a ring behind a reseller is spread over several
  // clusters of the reseller's customers, a few members in each, linked by its own cards, hosts
  // and templates, and together they are one group; the merely busier customers of each cluster
  // stay where they are.
  absl::flat_hash_map<AccountId, std::size_t> index;
  for (std::size_t i = 0; i < standouts.size(); ++i) index[standouts[i].account] = i;
  boost::disjoint_sets_with_storage<> sets(standouts.size());
  for (std::size_t i = 0; i < standouts.size(); ++i) {
    const AccountId u = standouts[i].account;
    for (EdgeIndex e = graph.offsets[u]; e < graph.offsets[u + 1]; ++e) {
      auto it = index.find(graph.neighbors[e]);
      if (it == index.end()) continue;
      const Standout& other = standouts[it->second];
      const bool same_cluster = other.cluster == standouts[i].cluster;
      if (same_cluster || (standouts[i].flags_alone && other.flags_alone)) {
        sets.union_set(i, it->second);
      }
    }
  }
  absl::flat_hash_map<std::size_t, std::vector<AccountId>> groups;
  for (std::size_t i = 0; i < standouts.size(); ++i) {
    groups[sets.find_set(i)].push_back(standouts[i].account);
  }
  std::vector<ClusterIndex> candidate = assigned;
  std::vector<ClusterIndex> candidate_ids;
  for (auto& [g, accounts] : groups) {
    if (accounts.size() < options_.carve_min_members) continue;
    const ClusterIndex id = next++;
    candidate_ids.push_back(id);
    for (AccountId a : accounts) candidate[a] = id;
  }
  // behind generic values: the accounts no cluster holds together that run the rings'
  // campaigns, grouped by the generic values they share.
  std::vector<std::uint8_t> spoken_for(assigned.size(), 0);
  for (ClusterIndex c : flagged) {
    for (AccountId a : first.Members(c)) spoken_for[a] = 1;
  }
  for (const Standout& standout : standouts) spoken_for[standout.account] = 1;
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<std::vector<AccountId>> behind,
                             GroupsBehindGenericValues(snapshot, weights, campaigns, spoken_for));
  for (const std::vector<AccountId>& accounts : behind) {
    const ClusterIndex id = next++;
    candidate_ids.push_back(id);
    for (AccountId a : accounts) candidate[a] = id;
  }
  if (candidate_ids.empty()) return refined;
  // One operation each: a group whose standouts fall into two or more identity groups, joined
  // by values of their own, is that many candidates (carve_separation). Standouts of several
  // clusters are linked by whatever they share, and the heavy members of neighbouring honest
  // groups (each lab's own server, on one campus's addresses and harness templates) would
  // otherwise be judged as one ring.
  if (options_.separate_identities) {
    const absl::flat_hash_set<ClusterIndex> assembled(candidate_ids.begin(), candidate_ids.end());
    IdentitySeparation separation(snapshot, graph, weights, options_.features.projection,
                                  population, options_.carve_separation);
    RINGGRAPH_RETURN_IF_ERROR(
        separation.Run(&candidate, [&](ClusterIndex c) { return assembled.contains(c); }));
    for (ClusterIndex c : candidate) {
      if (c >= next) candidate_ids.push_back(c);  // a part numbered after the last
    }
    std::sort(candidate_ids.begin(), candidate_ids.end());
    candidate_ids.erase(std::unique(candidate_ids.begin(), candidate_ids.end()),
                        candidate_ids.end());
    next = std::max(next, candidate_ids.back() + 1);
  }
  // Score the candidate groups as clusters of their own; a flagged one is carved out. They come
  // from unflagged clusters, so every flagged ring that ran a campaign template is another.
  const absl::flat_hash_set<ClusterIndex> wanted(candidate_ids.begin(), candidate_ids.end());
  ClusterFeatureExtractor second(snapshot, graph, candidate, weights, population,
                                 options_.features);
  RINGGRAPH_RETURN_IF_ERROR(
      second.Run({.wanted = [&](ClusterIndex c) { return wanted.contains(c); }}));
  std::vector<ClusterFeatures*> groups_scored;
  std::vector<std::vector<AccountId>> group_members;
  for (ClusterFeatures& f : second.mutable_clusters()) {
    groups_scored.push_back(&f);
    group_members.push_back(second.Members(f.cluster));
  }
  RINGGRAPH_RETURN_IF_ERROR(ApplyKnownCampaignShares(
      snapshot, group_members, weights, groups_scored,
      [&](std::size_t, SignalId t) { return campaigns.templates.contains(t); }));
  RINGGRAPH_RETURN_IF_ERROR(CountOnlyCampaignsOfTheirOwn(snapshot, weights, population, assigned,
                                                         group_members, groups_scored));
  absl::flat_hash_set<ClusterIndex> carved;
  for (const ClusterFeatures* f : groups_scored) {
    // A ring hiding among honest accounts is plainly one once it stands alone: its odds must be
    // well above even, not just at the threshold.
    if (scorer.Score(*f).logit >= options_.carve_margin) carved.insert(f->cluster);
  }
  for (std::size_t a = 0; a < assigned.size(); ++a) {
    if (carved.contains(candidate[a])) assigned[a] = candidate[a];
  }
  // Renumber densely.
  std::vector<ClusterIndex> dense(next, ~0u);
  ClusterIndex count = 0;
  for (ClusterIndex& c : assigned) {
    if (dense[c] == ~0u) dense[c] = count++;
    c = dense[c];
  }
  refined.carved = carved.size();
  return refined;
}

DetectionJob::DetectionJob(store::AccountStore& store, store::DetectionStore& stores,
                           Partitioner partitioner, DetectionOptions options)
    : store_(store),
      stores_(stores),
      partitioner_(std::move(partitioner)),
      options_(std::move(options)) {}

Status DetectionJob::Run() {
  const auto start = std::chrono::steady_clock::now();
  summary_ = DetectionSummary{};
  PhaseClock clock(options_);
  if (options_.refresh_templates) {
    std::string detail;
    RINGGRAPH_RETURN_IF_ERROR(options_.refresh_templates(&detail));
    clock.Done("templates", detail);
  }
  RINGGRAPH_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreSnapshot> snapshot, store_.Snapshot());
  // The clustering is as of this snapshot; real-time flags made after it outlive the write.
  const auto snapshot_at = static_cast<UnixSeconds>(std::time(nullptr));
  summary_.accounts = snapshot->num_accounts();

  // project
  projection::AccountProjection projection(*snapshot, options_.features.projection);
  RINGGRAPH_RETURN_IF_ERROR(projection.Run());
  CsrGraph graph = projection.TakeGraph();
  summary_.graph_edges = graph.num_entries() / 2;
  clock.Done("project", std::to_string(graph.num_vertices()) + " accounts, " +
                            std::to_string(summary_.graph_edges) + " links, " +
                            std::to_string(projection.report().signals_generic) +
                            " generic values ignored, " +
                            std::to_string(projection.report().combinations) +
                            " pairs of addresses held together");

  // partition
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<ClusterIndex> membership,
                             partitioner_(graph, [&](std::string_view, double) {}));
  if (membership.size() != graph.num_vertices()) {
    return Status::Internal("the partitioner returned " + std::to_string(membership.size()) +
                            " memberships for " + std::to_string(graph.num_vertices()) +
                            " vertices");
  }
  clock.Done("partition", "");

  // features, after carving rings out of the clusters they hide in
  RINGGRAPH_ASSIGN_OR_RETURN(PopulationProfile population, PopulationProfile::Build(*snapshot));
  std::string carved_detail;
  std::unique_ptr<ClusterFeatureExtractor> described;  // by the refinement, before its last step
  if (options_.carve_rings || options_.separate_identities || options_.reassemble_pieces ||
      options_.split_campaigns) {
    RINGGRAPH_ASSIGN_OR_RETURN(
        Refinement refined,
        RefineClusters(*snapshot, graph, projection.weights(), population, &membership));
    // "1 part", "3 parts": the counts below are often 1.
    auto n = [](std::uint64_t count, const char* one, const char* many) {
      return std::to_string(count) + " " + (count == 1 ? one : many);
    };
    if (refined.split > 0) {
      carved_detail += ", " + std::to_string(refined.split) + " flagged split by identity into " +
                       n(refined.parts, "part", "parts");
      if (refined.split_out_of_step > 0) {
        carved_detail += " (" + std::to_string(refined.split_out_of_step) +
                         " sharing a campaign of their own, out of step: several operators)";
      }
    }
    if (refined.carved > 0)
      carved_detail += ", " + std::to_string(refined.carved) + " carved out of larger ones";
    if (refined.groups > 0) {
      carved_detail += ", " + n(refined.joined, "flagged piece", "flagged pieces") +
                       " regrouped into " + n(refined.groups, "ring", "rings");
    }
    if (refined.out_of_step > 0) {
      carved_detail +=
          ", " + n(refined.out_of_step, "group", "groups") + " of pieces left apart (not in step)";
    }
    if (refined.campaigns_split > 0) {
      carved_detail += ", " + std::to_string(refined.campaigns_split) +
                       " flagged split by campaign into " +
                       n(refined.campaign_parts, "part", "parts");
      if (refined.campaign_parts_rejoined > 0) {
        carved_detail += " (" + std::to_string(refined.campaign_parts_rejoined) +
                         " joined to a part of another cluster: one campaign)";
      }
    }
    if (refined.campaign_fronts > 0) {
      carved_detail += ", " +
                       n(refined.campaign_front_clusters, "flagged cluster", "flagged clusters") +
                       " behind " + n(refined.campaign_fronts, "shared front", "shared fronts") +
                       " split by campaign as one";
    }
    if (refined.adopted > 0) {
      carved_detail += ", " + n(refined.adopted, "unflagged piece", "unflagged pieces") + " (" +
                       n(refined.adopted_members, "account", "accounts") + ") joined to the " +
                       n(refined.adopting_rings, "flagged ring", "flagged rings") +
                       " holding most of their values, in their rhythm";
      if (refined.adoptions_undone > 0) {
        carved_detail += " (" + std::to_string(refined.adoptions_undone) +
                         " given back: the ring would have lost its flag)";
      }
    }
    if (refined.strays_attached > 0) {
      carved_detail += ", " + n(refined.strays_attached, "account", "accounts") +
                       " no cluster held attached to the " +
                       n(refined.stray_clusters, "flagged cluster", "flagged clusters") +
                       " they are most likely members of";
    }
    described = std::move(refined.described);
  }
  ClusterFeatureExtractor extractor(*snapshot, graph, membership, projection.weights(), population,
                                    options_.features);
  RINGGRAPH_RETURN_IF_ERROR(extractor.Run({.wanted = {}, .earlier = described.get()}));
  described.reset();
  std::vector<ClusterFeatures*> kept;
  for (ClusterFeatures& f : extractor.mutable_clusters()) {
    if (f.size >= options_.min_cluster_size) kept.push_back(&f);
  }
  summary_.clusters = kept.size();
  clock.Done("features", std::to_string(kept.size()) + " clusters of at least " +
                             std::to_string(options_.min_cluster_size) + " accounts" +
                             carved_detail);
  // No phase after this one reads the links (the extractor's features are computed; its members
  // come from the partition). At 1M accounts they are about 0.8 GB, which the phases below would
  // otherwise hold under the clustering's records and the write's pages.
  graph = CsrGraph();

  // match (before scoring, so that cluster labels, which name stable ids, can apply)
  std::vector<std::vector<AccountId>> members(kept.size());
  for (std::size_t i = 0; i < kept.size(); ++i) members[i] = extractor.Members(kept[i]->cluster);
  std::vector<PreviousCluster> previous;
  std::uint64_t next_id = 1;
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::ClusteringHeader> latest,
                             stores_.clusterings().Latest());
  if (latest.has_value()) {
    next_id = latest->next_cluster_id;
    RINGGRAPH_RETURN_IF_ERROR(stores_.clusterings().ForEachCluster(
        latest->version, [&](const store::ClusterRecord& record) {
          PreviousCluster p;
          p.id = record.id;
          RINGGRAPH_RETURN_IF_ERROR(
              stores_.clusterings().Members(latest->version, record.id, &p.members));
          previous.push_back(std::move(p));
          return Status::Ok();
        }));
  }
  summary_.matching = MatchClusters(previous, members, next_id, options_.matching);
  clock.Done("match", std::to_string(summary_.matching.kept) + " kept their id, " +
                          std::to_string(summary_.matching.born) + " born, " +
                          std::to_string(summary_.matching.merged) + " merges, " +
                          std::to_string(summary_.matching.split) + " splits, " +
                          std::to_string(summary_.matching.died) + " died");

  // learn: analysts' labels, by the stable ids just matched and by account
  absl::flat_hash_map<AccountId, std::string> account_verdict;
  absl::flat_hash_map<std::uint64_t, std::string> cluster_verdict;
  RINGGRAPH_RETURN_IF_ERROR(stores_.labels().ForEachLabel([&](const store::Label& label) {
    if (label.target.rfind("cluster:", 0) == 0) {
      cluster_verdict[std::strtoull(label.target.c_str() + 8, nullptr, 10)] = label.verdict;
    } else if (label.target.rfind("account:", 0) == 0) {
      RINGGRAPH_ASSIGN_OR_RETURN(std::optional<AccountId> id,
                                 snapshot->FindAccount(label.target.substr(8)));
      if (id.has_value()) account_verdict[*id] = label.verdict;
    }
    return Status::Ok();
  }));
  // campaigns: the templates this run's flagged rings ran
  if (options_.learn_run_campaigns) {
    // Flagged as the default weights flag, and as analysts labelled; the fit below then sees
    // the factor it weighs.
    const RingScorer first(options_.scoring);
    std::vector<bool> flagged(kept.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
      auto label = cluster_verdict.find(summary_.matching.ids[i]);
      if (label != cluster_verdict.end()) {
        flagged[i] = label->second == "ring";
      } else {
        flagged[i] = first.Score(*kept[i]).flagged;
      }
    }
    RINGGRAPH_ASSIGN_OR_RETURN(
        RunCampaigns campaigns,
        MarkRunCampaigns(*snapshot, members, flagged, projection.weights(), kept));
    clock.Done("campaigns", std::to_string(campaigns.templates.size()) +
                                " templates run mostly by flagged rings");
  }

  {
    // A cluster teaches the score when it is labelled itself, or when the verdict of most of
    // its labelled members covers at least half of it. Two customers labelled benign in a
    // cluster of nine ring accounts and them say what those two are, not what the cluster is;
    // taken for the cluster's verdict they would teach the score that rings are benign.
    std::vector<std::optional<bool>> verdict(kept.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
      if (auto it = cluster_verdict.find(summary_.matching.ids[i]); it != cluster_verdict.end()) {
        verdict[i] = it->second == "ring";
      } else {
        std::size_t rings = 0, benign = 0;
        for (AccountId a : members[i]) {
          auto v = account_verdict.find(a);
          if (v != account_verdict.end()) (v->second == "ring" ? rings : benign)++;
        }
        if (rings != benign && 2 * std::max(rings, benign) >= members[i].size()) {
          verdict[i] = rings > benign;
        }
      }
    }
    RINGGRAPH_RETURN_IF_ERROR(MarkKnownCampaigns(*snapshot, members, verdict, account_verdict,
                                                 projection.weights(), kept));
    std::vector<LabelledCluster> labelled;
    for (std::size_t i = 0; i < kept.size(); ++i) {
      if (verdict[i].has_value()) {
        labelled.push_back({FactorValues(*kept[i], options_.scoring), *verdict[i]});
      }
    }
    summary_.learning = LabelLearner(options_.scoring, options_.learning).Fit(labelled);
  }
  clock.Done("learn", summary_.learning.reason);

  // score, with labels
  // Partner labs' indicators that hold now: which accounts hold a watched value.
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<sharing::WatchMatch> watch_matches,
                             sharing::MatchWatchlist(*snapshot, stores_.watchlist(), snapshot_at));
  absl::flat_hash_map<AccountId, const sharing::WatchMatch*> watched;
  for (const sharing::WatchMatch& m : watch_matches) watched[m.account] = &m;
  absl::flat_hash_set<AccountId> in_kept_cluster;
  auto partner_label = [](const sharing::WatchMatch& m, std::size_t holders) {
    return "partner indicator " + m.indicator_id + " from " + m.partner + " (confidence " +
           std::to_string(m.confidence) + "): " + std::to_string(holders) +
           (holders == 1 ? " member holds" : " members hold") + " its values";
  };

  const RingScorer scorer(summary_.learning.weights);
  const MembershipOdds membership_odds(*snapshot, projection.weights(),
                                       options_.features.projection);
  std::vector<SignalId> held;

  store::ClusteringVersion version;
  version.computed_at = snapshot_at;
  version.next_cluster_id = summary_.matching.next_id;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const ClusterFeatures& f = *kept[i];
    const std::uint64_t id = summary_.matching.ids[i];
    RingScore score = scorer.Score(f);
    const sharing::WatchMatch* partner = nullptr;
    std::size_t partner_holders = 0;
    for (AccountId a : members[i]) {
      in_kept_cluster.insert(a);
      auto w = watched.find(a);
      if (w == watched.end()) continue;
      ++partner_holders;
      if (partner == nullptr || w->second->confidence > partner->confidence) partner = w->second;
    }
    std::vector<std::string> labels;
    std::size_t ring_members = 0, benign_members = 0;
    for (AccountId a : members[i]) {
      auto it = account_verdict.find(a);
      if (it == account_verdict.end()) continue;
      (it->second == "ring" ? ring_members : benign_members)++;
    }
    auto cluster_label = cluster_verdict.find(id);
    if (cluster_label != cluster_verdict.end())
      labels.push_back("cluster " + cluster_label->second);
    if (ring_members > 0)
      labels.push_back(std::to_string(ring_members) + " confirmed ring members");
    if (benign_members > 0)
      labels.push_back(std::to_string(benign_members) + " members labelled benign");
    // A cluster labelled a ring is confirmed whole. Account labels vote: more members labelled
    // ring than benign floor the cluster, but its other members are still judged on their own
    // evidence (one confirmed ring account does not make a reseller's honest customers a ring).
    const bool confirmed =
        cluster_label != cluster_verdict.end() && cluster_label->second == "ring";
    const bool benign = cluster_label != cluster_verdict.end() && cluster_label->second == "benign";
    if (confirmed || (!benign && ring_members > benign_members)) {
      score.score = std::max(score.score, options_.label_ring_floor);
    } else if (benign) {
      score.score *= options_.scoring.benign_damping;
    } else if (benign_members > 0) {
      double fraction = static_cast<double>(benign_members) / f.size;
      score.score *= 1.0 - fraction * (1.0 - options_.scoring.benign_damping);
    }
    if (partner != nullptr && !benign) {
      // A partner lab saw these values in one of its rings: the cluster scores at least the
      // partner's confidence.
      score.score = std::max(score.score, partner->confidence / 100.0);
      labels.push_back(partner_label(*partner, partner_holders));
    }
    score.flagged = score.score >= options_.scoring.flag_threshold;
    // A confirmed cluster flags every member; otherwise each member is judged on its own
    // evidence too, unless it holds a partner's watched value. In a flagged cluster, accounts
    // labelled benign are never flagged and accounts labelled ring always are.
    std::vector<bool> member_flagged(members[i].size(), score.flagged);
    const std::vector<RingScorer::MemberJudgement> judged = scorer.JudgeMembers(f, score);
    std::vector<double> member_evidence;
    for (const RingScorer::MemberJudgement& j : judged) member_evidence.push_back(j.evidence);
    std::uint32_t spared = 0;
    std::vector<bool> member_spared(members[i].size(), false);
    std::optional<GroupValues> group_values;  // counted when a member's own evidence falls short
    std::vector<AccountId> ring_core;         // the members group_values counts
    std::uint32_t kept_likely = 0;
    for (std::size_t m = 0; m < member_flagged.size(); ++m) {
      const AccountId a = members[i][m];
      auto verdict = account_verdict.find(a);
      if (verdict != account_verdict.end()) {
        member_flagged[m] = score.flagged && verdict->second == "ring";
        continue;
      }
      if (score.flagged && options_.judge_members && !confirmed && !judged[m].keeps_flag &&
          !watched.contains(a)) {
        if (options_.keep_likely_members) {
          // Unlike the ring by its own evidence, but still far more likely one of its members
          // than anyone else by the values it holds (membership_odds.h): it stays. The ring is
          // the members whose evidence keeps them in it: in a mixture of a ring and its proxy's
          // honest customers, counted over everyone, the customers' own values would make each
          // customer a likely member of the mixture.
          if (!group_values.has_value()) {
            for (std::size_t k = 0; k < judged.size(); ++k) {
              if (judged[k].keeps_flag) ring_core.push_back(members[i][k]);
            }
            if (ring_core.size() < 2) ring_core = members[i];
            RINGGRAPH_ASSIGN_OR_RETURN(group_values, membership_odds.Count(ring_core));
          }
          RINGGRAPH_RETURN_IF_ERROR(membership_odds.Evidence(a, &held));
          const bool counted = ring_core.size() == members[i].size();
          if (membership_odds.Judge(held, *group_values, /*member=*/counted).likely()) {
            ++kept_likely;
            continue;
          }
        }
        member_flagged[m] = false;
        member_spared[m] = true;
        ++spared;
      }
    }
    if (kept_likely > 0) {
      labels.push_back(std::to_string(kept_likely) +
                       (kept_likely == 1 ? " account's" : " accounts'") +
                       " own evidence is below the threshold, but the values held make " +
                       (kept_likely == 1 ? "it a likely member" : "them likely members") +
                       " (membership odds against the population); kept");
    }
    const bool leave_out = spared > 0 && options_.leave_out_spared_members;
    if (spared > 0) {
      labels.push_back(std::to_string(spared) + (spared == 1 ? " account's" : " accounts'") +
                       " own evidence is below the threshold and far below the ring's; " +
                       (leave_out ? "left out of the cluster" : "not flagged"));
    }
    if (leave_out) {
      std::vector<AccountId> kept_members;
      std::vector<bool> kept_flags;
      std::vector<double> kept_evidence;
      for (std::size_t m = 0; m < members[i].size(); ++m) {
        if (member_spared[m]) continue;
        kept_members.push_back(members[i][m]);
        kept_flags.push_back(member_flagged[m]);
        kept_evidence.push_back(member_evidence[m]);
      }
      members[i] = std::move(kept_members);
      member_flagged = std::move(kept_flags);
      member_evidence = std::move(kept_evidence);
      summary_.accounts_left_out += spared;
    }
    const auto flagged_members =
        static_cast<std::uint64_t>(std::count(member_flagged.begin(), member_flagged.end(), true));
    std::string summary = SummarizeCluster(f, score, leave_out ? spared : 0);
    store::ClusterRecord record;
    record.id = id;
    record.ring_score = score.score;
    record.flagged = score.flagged;
    record.size = static_cast<std::uint32_t>(members[i].size());
    record.details_json = ToJson(MakeClusterDetails(f, score, summary, labels, member_evidence));
    version.member_flagged.push_back(std::move(member_flagged));
    summary_.accounts_flagged += flagged_members;
    if (score.flagged) {
      ++summary_.flagged;
      summary_.top_rings.push_back({id, record.size, score.score, summary});
    }
    version.clusters.push_back(std::move(record));
    version.members.push_back(std::move(members[i]));
  }
  // Accounts in no cluster that hold a partner's watched value become one-account clusters, so
  // that they are served and explained like any other.
  for (const sharing::WatchMatch& m : watch_matches) {
    if (in_kept_cluster.contains(m.account)) continue;
    store::ClusterRecord record;
    record.id = version.next_cluster_id++;
    record.ring_score = m.confidence / 100.0;
    record.flagged = record.ring_score >= options_.scoring.flag_threshold;
    record.size = 1;
    const std::string label = partner_label(m, 1);
    const ClusterDetails details = PartnerIndicatorDetails(m, label, record);
    record.details_json = ToJson(details);
    version.member_flagged.push_back({record.flagged});
    version.members.push_back({m.account});
    if (record.flagged) {
      ++summary_.flagged;
      ++summary_.accounts_flagged;
      summary_.top_rings.push_back({record.id, 1, record.ring_score, details.summary});
    }
    version.history.push_back(
        {nlohmann::json(
             {{"event", "birth"}, {"cluster", record.id}, {"reason", "partner indicator"}})
             .dump()});
    version.clusters.push_back(std::move(record));
  }
  for (std::string& event : summary_.matching.events) version.history.push_back({std::move(event)});
  summary_.matching.events.clear();
  std::sort(summary_.top_rings.begin(), summary_.top_rings.end(),
            [](const RingSummary& a, const RingSummary& b) {
              return a.score != b.score ? a.score > b.score : a.size > b.size;
            });
  clock.Done("score", std::to_string(summary_.flagged) + " clusters flagged as rings, " +
                          std::to_string(summary_.accounts_flagged) + " accounts; " +
                          std::to_string(summary_.accounts_left_out) +
                          " accounts judged not part of their ring left out");

  // write. The snapshot is released first: the write may need to grow the map, which waits for
  // every open snapshot of this process to close.
  snapshot.reset();
  RINGGRAPH_RETURN_IF_ERROR(stores_.clusterings().Write(version, options_.keep_versions));
  summary_.version = version.version;
  clock.Done("write", "clustering version " + std::to_string(version.version));
  summary_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

}  // namespace ringgraph::detection
