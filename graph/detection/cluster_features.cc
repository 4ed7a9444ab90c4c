// Cluster features. See cluster_features.h.
#include "graph/detection/cluster_features.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

namespace ringgraph::detection {

double CampaignMaxHolders(const FeatureOptions& options, std::uint64_t num_accounts) {
  return std::max<double>(options.campaign_max_share * static_cast<double>(num_accounts),
                          options.projection.kinds[kTemplateKind].min_generic_holders);
}

ClusterFeatureExtractor::ClusterFeatureExtractor(const store::StoreSnapshot& snapshot,
                                                 const CsrGraph& graph,
                                                 const std::vector<ClusterIndex>& membership,
                                                 const projection::ValueWeights& weights,
                                                 const PopulationProfile& population,
                                                 FeatureOptions options)
    : snapshot_(snapshot),
      graph_(graph),
      membership_(membership),
      weights_(weights),
      population_(population),
      options_(std::move(options)) {}

std::vector<AccountId> ClusterFeatureExtractor::Members(ClusterIndex cluster) const {
  if (cluster + 1 >= member_offsets_.size()) return {};
  return std::vector<AccountId>(members_.begin() + member_offsets_[cluster],
                                members_.begin() + member_offsets_[cluster + 1]);
}

Status ClusterFeatureExtractor::Run(const ExtractionScope& scope) {
  const std::size_t n = membership_.size();
  if (n != graph_.num_vertices() || n != snapshot_.num_accounts() ||
      n != population_.num_accounts()) {
    return Status::InvalidArgument("partition has " + std::to_string(n) + " accounts, graph " +
                                   std::to_string(graph_.num_vertices()) + ", store " +
                                   std::to_string(snapshot_.num_accounts()) + ", population " +
                                   std::to_string(population_.num_accounts()));
  }
  if (weights_.kind.size() != snapshot_.num_signals()) {
    return Status::InvalidArgument("value weights cover " + std::to_string(weights_.kind.size()) +
                                   " signals, the store has " +
                                   std::to_string(snapshot_.num_signals()));
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
  reused_ = 0;
  for (ClusterIndex c = 0; c < num_clusters; ++c) {
    std::uint64_t size = member_offsets_[c + 1] - member_offsets_[c];
    if (size < 2) continue;
    if (scope.wanted && !scope.wanted(c)) continue;
    ClusterFeatures f;
    f.cluster = c;
    f.size = static_cast<std::uint32_t>(size);
    clusters_.push_back(std::move(f));
  }

  // Phase 2, reuse: features of unchanged member sets.
  std::vector<bool> copied(clusters_.size(), false);
  if (scope.earlier != nullptr) ReuseEarlier(*scope.earlier, copied);

  // Phase 3, structure: internal links, the cut and each member's tie, one cluster per task.
  tbb::parallel_for(std::size_t{0}, clusters_.size(), [&](std::size_t i) {
    if (copied[i]) return;
    ClusterFeatures& f = clusters_[i];
    double cut = 0, internal_twice = 0;
    std::uint64_t internal_entries = 0;
    f.members.resize(f.size);
    for (std::uint32_t k = 0; k < f.size; ++k) {
      const AccountId u = members_[member_offsets_[f.cluster] + k];
      double inside = 0, outside = 0;
      for (EdgeIndex e = graph_.offsets[u]; e < graph_.offsets[u + 1]; ++e) {
        if (membership_[graph_.neighbors[e]] == f.cluster) {
          inside += graph_.weights[e];
          ++internal_entries;
        } else {
          outside += graph_.weights[e];
        }
      }
      internal_twice += inside;
      cut += outside;
      f.members[k].account = u;
      f.members[k].internal_weight = inside;
      f.members[k].tie = inside + outside > 0 ? inside / (inside + outside) : 0.0;
    }
    f.internal_links = internal_entries / 2;
    f.internal_weight = internal_twice / 2;
    double pairs = static_cast<double>(f.size) * (f.size - 1) / 2;
    f.density = f.internal_links / pairs;
    f.weight_per_member = internal_twice / f.size;
    f.conductance = cut + internal_twice > 0 ? cut / (cut + internal_twice) : 0;
  });

  // Phase 4, evidence: shared values, identity use and behaviour, from the store.
  for (std::size_t i = 0; i < clusters_.size(); ++i) {
    if (!copied[i]) RINGGRAPH_RETURN_IF_ERROR(DescribeEvidence(clusters_[i]));
  }
  return Status::Ok();
}

void ClusterFeatureExtractor::ReuseEarlier(ClusterFeatureExtractor& earlier,
                                           std::vector<bool>& copied) {
  // Each account's cluster in the earlier partition, from its own grouping (the membership
  // vector it was given may have changed since).
  const std::size_t n = membership_.size();
  if (earlier.members_.size() != n) return;
  constexpr ClusterIndex kNone = ~ClusterIndex{0};
  std::vector<ClusterIndex> earlier_cluster(n, kNone);
  absl::flat_hash_map<ClusterIndex, ClusterFeatures*> described;
  for (ClusterFeatures& e : earlier.clusters_) {
    described[e.cluster] = &e;
    for (std::uint64_t k = earlier.member_offsets_[e.cluster];
         k < earlier.member_offsets_[e.cluster + 1]; ++k) {
      earlier_cluster[earlier.members_[k]] = e.cluster;
    }
  }
  for (std::size_t i = 0; i < clusters_.size(); ++i) {
    ClusterFeatures& f = clusters_[i];
    const std::uint64_t begin = member_offsets_[f.cluster], end = member_offsets_[f.cluster + 1];
    const ClusterIndex e = earlier_cluster[members_[begin]];
    if (e == kNone) continue;
    ClusterFeatures& same = *described.at(e);
    if (same.size != f.size) continue;
    bool unchanged = true;
    for (std::uint64_t k = begin; k < end && unchanged; ++k) {
      unchanged = earlier_cluster[members_[k]] == e;
    }
    if (!unchanged) continue;
    const ClusterIndex cluster = f.cluster;
    f = std::move(same);
    f.cluster = cluster;
    f.known_campaign = 0;
    for (MemberFeatures& m : f.members) m.known_campaign = 0;
    copied[i] = true;
    ++reused_;
  }
}

namespace {

double Median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

// A shared value among one cluster's members.
struct ValueInCluster {
  std::uint32_t members = 0;
  std::uint64_t uses = 0;  // observation count summed over members (prompts for templates)
};
using ValuesInCluster = absl::flat_hash_map<SignalId, ValueInCluster>;

// Rotation (DOMAIN.md: residential-proxy exits, each shared by a few ring accounts, rotating).
// A member's shared addresses - held by other accounts, inside the cluster or not, and not the
// cluster's hub (below) - rotate when they lead to different accounts. With T_e the other holders
// of address e, T their sum and D the distinct accounts among them, the member has
//   effective addresses  E_eff = T^2 / sum(T_e^2)   (one big NAT plus a shared home IP: ~1)
//   distinct share       D / T                       (a NAT's several addresses: 1 / E)
// and rotates by (E_eff * D / T - 1) / (E - 1), in [0, 1]: 0 for a campus, office or carrier
// NAT, whatever its number of addresses, near 1 for exits each shared by a few accounts. Other
// holders are counted in the whole population, so a ring cut into pieces still shows it.
// Returns each member's rotation, in member order, or kRotationUnknown for a member with fewer
// than two such addresses (one exit says nothing about rotating).
constexpr double kRotationUnknown = -1.0;
Result<std::vector<double>> MemberRotations(
    const store::StoreSnapshot& snapshot, const projection::ValueWeights& weights,
    const ClusterFeatures& f, const std::vector<std::vector<store::AccountSignal>>& member_signals,
    const ValuesInCluster& values) {
  absl::flat_hash_map<SignalId, std::vector<AccountId>> exit_holders;
  // Addresses most of the cluster holds. Each is its hub (an office's or a campus's NAT) unless
  // most of its holders are outside the cluster and are strangers to it: they hold no other
  // address the members share. A wider community's NAT pool (a campus shared by several labs)
  // leads to the same outside accounts address after address; the exits a ring rotates through
  // lead to whoever else bought them, different accounts at each.
  absl::flat_hash_set<SignalId> hubs;
  {
    // Held by most of a cluster of two (or by two of three), an address is what links them, and
    // says nothing of hub or rotation: a hub.
    std::vector<SignalId> shared, majority;
    for (const auto& [signal, v] : values) {
      if (weights.kind[signal] != kIpKind || weights.pair_weight[signal] <= 0 || v.members < 2)
        continue;
      shared.push_back(signal);
      if (2 * v.members <= f.size) continue;
      if (v.members >= 3) {
        majority.push_back(signal);
      } else {
        hubs.insert(signal);
      }
    }
    if (!majority.empty()) {
      absl::flat_hash_set<AccountId> inside;
      for (const MemberFeatures& m : f.members) inside.insert(m.account);
      absl::flat_hash_map<AccountId, std::uint32_t> held_by_outsider;
      for (SignalId e : shared) {
        auto [it, inserted] = exit_holders.try_emplace(e);
        if (inserted) RINGGRAPH_RETURN_IF_ERROR(snapshot.SignalAccounts(e, &it->second));
        for (AccountId a : it->second) {
          if (!inside.contains(a)) ++held_by_outsider[a];
        }
      }
      for (SignalId e : majority) {
        const std::vector<AccountId>& holders = exit_holders.at(e);
        double outside = 0, repeating = 0;
        for (AccountId a : holders) {
          auto o = held_by_outsider.find(a);
          if (o == held_by_outsider.end()) continue;
          ++outside;
          if (o->second >= 2) ++repeating;
        }
        const bool strangers_exit =
            2 * outside > static_cast<double>(holders.size()) && 2 * repeating < outside;
        if (!strangers_exit) hubs.insert(e);
      }
    }
  }
  std::vector<SignalId> exits;
  absl::flat_hash_set<AccountId> distinct;
  std::vector<double> rotation(f.size, kRotationUnknown);
  for (std::uint32_t k = 0; k < f.size; ++k) {
    exits.clear();
    for (const store::AccountSignal& s : member_signals[k]) {
      // A positive pair weight means the value links accounts: two holders or more, not generic.
      if (weights.kind[s.signal] == kIpKind && weights.pair_weight[s.signal] > 0 &&
          !hubs.contains(s.signal)) {
        exits.push_back(s.signal);
      }
    }
    if (exits.size() < 2) continue;
    const AccountId self = f.members[k].account;
    double incidences = 0, squares = 0;
    distinct.clear();
    for (SignalId e : exits) {
      auto [it, inserted] = exit_holders.try_emplace(e);
      if (inserted) RINGGRAPH_RETURN_IF_ERROR(snapshot.SignalAccounts(e, &it->second));
      double others = 0;
      for (AccountId other : it->second) {
        if (other == self) continue;
        ++others;
        distinct.insert(other);
      }
      incidences += others;
      squares += others * others;
    }
    if (incidences <= 0) continue;
    const double effective = incidences * incidences / squares;
    const double spread = static_cast<double>(distinct.size()) / incidences;
    const double most = static_cast<double>(exits.size()) - 1.0;
    rotation[k] = std::clamp((effective * spread - 1.0) / most, 0.0, 1.0);
  }
  return rotation;
}

double Mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

}  // namespace

Result<bool> ClusterFeatureExtractor::InStepWithOthersThere(const ClusterFeatures& f,
                                                            SignalId address,
                                                            std::span<const AccountId> members,
                                                            double within) const {
  if (members.size() < 2 || within <= 0) return false;
  std::vector<AccountId> holders;
  RINGGRAPH_RETURN_IF_ERROR(snapshot_.SignalAccounts(address, &holders));
  std::vector<AccountId> others;
  for (AccountId a : holders) {
    if (membership_[a] != f.cluster && !population_.days(a).empty()) others.push_back(a);
  }
  if (others.empty()) return false;
  // Member-other pairs: every one when there are few, else a fixed spread of them.
  const std::uint64_t pairs = static_cast<std::uint64_t>(members.size()) * others.size();
  const std::uint64_t samples = std::min<std::uint64_t>(pairs, options_.lockstep_pairs);
  double across = 0;
  for (std::uint64_t k = 0; k < samples; ++k) {
    const std::uint64_t t = samples == pairs ? k : k * pairs / samples;
    across += PopulationProfile::DayOverlap(population_.days(members[t % members.size()]),
                                            population_.days(others[t / members.size()]));
  }
  across = across / static_cast<double>(samples) - population_.baseline_day_overlap();
  return across >= options_.place_min_cross_step * within;
}

Status ClusterFeatureExtractor::DescribeEvidence(ClusterFeatures& f) {
  ValuesInCluster values;
  std::vector<std::vector<store::AccountSignal>> member_signals(f.size);
  for (std::uint32_t k = 0; k < f.size; ++k) {
    RINGGRAPH_RETURN_IF_ERROR(snapshot_.AccountSignals(f.members[k].account, &member_signals[k]));
    for (const store::AccountSignal& s : member_signals[k]) {
      ValueInCluster& v = values[s.signal];
      ++v.members;
      v.uses += s.count;
    }
  }

  // Behaviour, against the population.
  std::vector<double> prompts, paces, bursts, firsts, spans;
  double total_prompts = 0;
  for (const MemberFeatures& m : f.members) {
    const AccountBehaviour& b = population_.account(m.account);
    prompts.push_back(b.prompts);
    paces.push_back(b.pace());
    bursts.push_back(b.burst);
    firsts.push_back(static_cast<double>(b.first_seen));
    spans.push_back(static_cast<double>(b.last_seen - b.first_seen) / 86400.0);
    total_prompts += b.prompts;
  }
  f.prompts_per_member = total_prompts / f.size;
  f.median_prompts = Median(prompts);
  f.median_pace = Median(paces);
  f.median_span_days = Median(spans);
  f.volume = population_.VolumePercentile(f.median_prompts);
  f.pace = population_.PacePercentile(f.median_pace);
  f.burst = Median(prompts) >= PopulationProfile::kMinBurstPrompts
                ? population_.BurstPercentile(Median(bursts))
                : 0.0;
  f.young = population_.FirstSeenPercentile(static_cast<UnixSeconds>(Median(firsts)));
  for (MemberFeatures& m : f.members) {
    const AccountBehaviour& b = population_.account(m.account);
    m.has_prompts = b.prompts > 0;
    m.volume = population_.VolumePercentile(b.prompts);
    m.pace = population_.PacePercentile(b.pace());
  }

  // Lockstep: mean day overlap of member pairs (a fixed sample in large clusters), relative to
  // the overlap of random pairs. The members with prompts and their overlap above the baseline
  // are kept for the place test below.
  std::vector<AccountId> active;
  for (const MemberFeatures& m : f.members) {
    if (!population_.days(m.account).empty()) active.push_back(m.account);
  }
  const double baseline = population_.baseline_day_overlap();
  const double in_step = population_.MeanDayOverlap(active, options_.lockstep_pairs) - baseline;
  f.lockstep = baseline < 1.0 ? std::clamp(in_step / (1.0 - baseline), 0.0, 1.0) : 0.0;

  // Identity use, reuse, rotation, evidence shares and the campaign.
  std::array<double, 256> kind_weight{};
  std::array<std::uint32_t, 256> distinct{};
  std::vector<SharedValue> shared;
  const double hub_members = 0.8 * f.size;
  std::vector<SignalId> shared_places;  // behind nearly all, held mostly by others
  for (const auto& [signal, v] : values) {
    const KindCode kind = weights_.kind[signal];
    ++distinct[kind];
    // One place (ClusterFeatures::co_located): an address behind nearly all members that more
    // accounts use than a household or a card farm's few, and that is theirs - most of its
    // holders are members, or the others keep the members' days (below).
    if (kind == kIpKind && v.members >= hub_members &&
        weights_.holders[signal] > options_.reuse_max_members) {
      if (2 * v.members > weights_.holders[signal]) {
        f.co_located = true;
      } else {
        shared_places.push_back(signal);
      }
    }
    if (v.members < 2) continue;
    const double pair_weight = weights_.pair_weight[signal];
    SharedValue value;
    value.signal = signal;
    value.kind = kind;
    value.members_sharing = v.members;
    value.holders_total = weights_.holders[signal];
    value.pair_weight = static_cast<float>(pair_weight);
    shared.push_back(value);
  }
  // Summed in value order: in the hash map's, which changes from process to process, the shares
  // shown to analysts could differ in their last digits between runs.
  std::sort(shared.begin(), shared.end(),
            [](const SharedValue& x, const SharedValue& y) { return x.signal < y.signal; });
  for (const SharedValue& value : shared) {
    const double pairs =
        static_cast<double>(value.members_sharing) * (value.members_sharing - 1) / 2;
    kind_weight[value.kind] += weights_.pair_weight[value.signal] * pairs;
  }
  double total_weight = 0;
  for (double w : kind_weight) total_weight += w;
  for (int k = 0; k < 256; ++k)
    f.kind_share[k] = total_weight > 0 ? kind_weight[k] / total_weight : 0;
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<double> rotation,
                             MemberRotations(snapshot_, weights_, f, member_signals, values));
  std::vector<double> rotation_or_zero(rotation.size());
  for (std::size_t k = 0; k < rotation.size(); ++k)
    rotation_or_zero[k] = std::max(0.0, rotation[k]);
  f.rotation = Mean(rotation_or_zero);

  auto identity = [&](KindCode kind) {
    IdentityUse use;
    use.values_per_member = static_cast<double>(distinct[kind]) / f.size;
    std::uint32_t sharing = 0;
    for (std::uint32_t k = 0; k < f.size; ++k) {
      for (const store::AccountSignal& s : member_signals[k]) {
        if (weights_.kind[s.signal] == kind && values[s.signal].members >= 2) {
          ++sharing;
          break;
        }
      }
    }
    use.shared_fraction = static_cast<double>(sharing) / f.size;
    return use;
  };
  f.payment = identity(kPaymentKind);
  f.device = identity(kDeviceKind);
  f.ip = identity(kIpKind);

  std::uint32_t reusing = 0, operating = 0;
  double rotation_of_reusing = 0;
  double campaign_prompts = 0;
  const double campaign_max = CampaignMaxHolders(options_, weights_.num_accounts);
  // An address held mostly by others is still the members' place when the others keep their
  // days: the rest of an event that the partition cut in two (a hackathon on two venue
  // addresses). A proxy exit's other holders are strangers on days of their own.
  for (std::size_t p = 0; p < shared_places.size() && !f.co_located; ++p) {
    RINGGRAPH_ASSIGN_OR_RETURN(f.co_located,
                               InStepWithOthersThere(f, shared_places[p], active, in_step));
  }
  // Several places: the partition may join the people of two events (two venues' hackathons
  // sharing a starter kit, two offices). Members are in places when nearly all of them (80%)
  // connect through exactly one address that many accounts use (more than reuse_max_members)
  // and that is theirs, as above: most of its holders are members, or the others keep the
  // members' days. A member behind several such addresses is not in one place: a ring's
  // members rotate over the exits of their proxy provider, and a mobile user over the carrier's.
  if (!f.co_located && f.size >= 2) {
    std::vector<std::uint32_t> places_of(f.size, 0);
    std::vector<SignalId> place_of(f.size, 0);
    for (std::uint32_t k = 0; k < f.size; ++k) {
      for (const store::AccountSignal& s : member_signals[k]) {
        if (weights_.kind[s.signal] == kIpKind && values[s.signal].members >= 2 &&
            weights_.holders[s.signal] > options_.reuse_max_members) {
          ++places_of[k];
          place_of[k] = s.signal;
        }
      }
    }
    // Per address, the members behind it alone, and those of them with prompts.
    absl::flat_hash_map<SignalId, std::pair<std::uint32_t, std::vector<AccountId>>> behind;
    std::uint32_t in_one = 0;
    for (std::uint32_t k = 0; k < f.size; ++k) {
      if (places_of[k] != 1) continue;
      ++in_one;
      auto& [sole, active_sole] = behind[place_of[k]];
      ++sole;
      if (!population_.days(f.members[k].account).empty())
        active_sole.push_back(f.members[k].account);
    }
    if (in_one >= hub_members) {
      std::vector<SignalId> places;
      for (const auto& [place, members] : behind) places.push_back(place);
      std::sort(places.begin(), places.end());  // the same order in every process
      std::uint32_t placed = 0;
      for (SignalId place : places) {
        const auto& [sole, active_sole] = behind[place];
        bool theirs = 2 * values[place].members > weights_.holders[place];
        if (!theirs) {
          RINGGRAPH_ASSIGN_OR_RETURN(theirs, InStepWithOthersThere(f, place, active_sole, in_step));
        }
        if (theirs) placed += sole;
      }
      f.co_located = placed >= hub_members;
    }
  }

  // DOMAIN.md: a ring spreads its accounts over cards, proxies and machines so that they look
  // independent. Members who pay openly with their organisation's card and share its machines
  // (a school's lab PCs, an office's desks, a team's CI hosts) hide nothing. An organisation's
  // card is held by more accounts than a card farm puts on a card, most of them in this cluster
  // (a reseller's card on file is held mostly by customers outside it); its machine is a device
  // every holder of which, in the whole population, is a member paying with such a card. A
  // device that also runs accounts elsewhere, or accounts paying otherwise, is an operator's host.
  std::vector<bool> in_organisation(f.size, false);
  for (std::uint32_t k = 0; k < f.size; ++k) {
    for (const store::AccountSignal& s : member_signals[k]) {
      const std::uint32_t holders_here = values[s.signal].members;
      if (weights_.kind[s.signal] == kPaymentKind && holders_here >= 2 &&
          weights_.holders[s.signal] > options_.reuse_max_members &&
          2 * holders_here > weights_.holders[s.signal]) {
        in_organisation[k] = true;
        break;
      }
    }
  }
  absl::flat_hash_map<SignalId, std::uint32_t> organisation_holders;  // devices only
  for (std::uint32_t k = 0; k < f.size; ++k) {
    if (!in_organisation[k]) continue;
    for (const store::AccountSignal& s : member_signals[k]) {
      if (weights_.kind[s.signal] == kDeviceKind) ++organisation_holders[s.signal];
    }
  }
  auto organisation_machine = [&](SignalId device) {
    auto it = organisation_holders.find(device);
    return it != organisation_holders.end() && it->second == weights_.holders[device];
  };
  // DOMAIN.md: a ring reuses each card across a few accounts - few in the whole population,
  // since a company card covering a team or a reseller's cards on file for hundreds of
  // customers are shared widely - and runs many accounts on a few automation hosts (a family or
  // an agency shares one device by all).
  auto reused = [&](SignalId signal) {
    const KindCode kind = weights_.kind[signal];
    const std::uint32_t holders_here = values[signal].members;
    return holders_here >= 2 && holders_here < hub_members &&
           ((kind == kPaymentKind && weights_.holders[signal] <= options_.reuse_max_members) ||
            (kind == kDeviceKind && !organisation_machine(signal)));
  };
  // Cards and devices, plural: members that share only one, and nothing else, share a payer or
  // a machine (a small team's card, a household's laptop), not an operator's spread of them.
  absl::flat_hash_set<SignalId> reused_values;
  for (std::uint32_t k = 0; k < f.size && reused_values.size() < 2; ++k) {
    for (const store::AccountSignal& s : member_signals[k]) {
      if (reused(s.signal)) reused_values.insert(s.signal);
    }
  }
  const bool spread = reused_values.size() >= 2;
  for (std::uint32_t k = 0; k < f.size; ++k) {
    bool reuses = false, on_host = false;
    double member_campaign = 0;
    for (const store::AccountSignal& s : member_signals[k]) {
      const KindCode kind = weights_.kind[s.signal];
      const std::uint32_t holders_here = values[s.signal].members;
      if (spread && reused(s.signal)) reuses = true;
      // An automation host: more accounts behind one device, in the whole population (a ring
      // cut into pieces spreads them over several clusters), than a household or an agency
      // has. It may be behind all of the cluster: the hub rule above exempts one laptop for a
      // family, not a host for dozens.
      if (kind == kDeviceKind && holders_here >= 2 && !organisation_machine(s.signal) &&
          weights_.holders[s.signal] > options_.reuse_max_members) {
        on_host = true;
      }
      if (kind == kTemplateKind && holders_here >= 2 &&
          weights_.holders[s.signal] <= campaign_max) {
        member_campaign += s.count;
      }
    }
    reusing += reuses;
    const bool operator_reuse = reuses || on_host;
    operating += operator_reuse;
    if (operator_reuse) rotation_of_reusing += rotation_or_zero[k];
    f.members[k].reuse = reuses ? 1.0 : 0.0;
    f.members[k].operator_reuse = operator_reuse ? 1.0 : 0.0;
    f.members[k].rotation_known = rotation[k] != kRotationUnknown;
    f.members[k].rotation = rotation_or_zero[k];
    campaign_prompts += member_campaign;
    const double own_prompts = population_.account(f.members[k].account).prompts;
    f.members[k].campaign = own_prompts > 0 ? std::min(1.0, member_campaign / own_prompts) : 0.0;
  }
  f.reuse = static_cast<double>(reusing) / f.size;
  f.operator_reuse = static_cast<double>(operating) / f.size;
  f.reuse_with_rotation = rotation_of_reusing / f.size;
  f.campaign = total_prompts > 0 ? std::min(1.0, campaign_prompts / total_prompts) : 0.0;

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
  return Status::Ok();
}

void MakeDense(std::vector<ClusterIndex>& assigned) {
  ClusterIndex next = 0;
  for (ClusterIndex c : assigned) next = std::max(next, c + 1);
  std::vector<ClusterIndex> dense(next, ~0u);
  for (ClusterIndex c : assigned) dense[c] = 0;
  ClusterIndex count = 0;
  for (ClusterIndex& d : dense) {
    if (d != ~0u) d = count++;
  }
  for (ClusterIndex& c : assigned) c = dense[c];
}

}  // namespace ringgraph::detection
