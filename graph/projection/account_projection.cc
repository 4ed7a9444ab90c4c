// The account-graph projection. See account_projection.h for the weighting and the bound.
#include "graph/projection/account_projection.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <atomic>
#include <boost/math/special_functions/gamma.hpp>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>

#include "graph/common/csr_builder.h"

namespace ringgraph::projection {
namespace {

struct LinkingValue {
  std::uint64_t holders_begin;  // into the flat holders array
  std::uint32_t holders;
  float pair_weight;
  bool profile;  // a behaviour value: its pairs are scaled by overlap
  KindCode kind;
};

// Two linking addresses held by one account; `first` < `second` index the linking values.
struct HeldTogether {
  std::uint32_t first;
  std::uint32_t second;
  AccountId account;
  bool operator<(const HeldTogether& o) const {
    if (first != o.first) return first < o.first;
    if (second != o.second) return second < o.second;
    return account < o.account;
  }
};

// The combine phase (see account_projection.h): the pairs of linking addresses that more
// accounts hold together than chance gives, as extra linking values. Appends their holder pairs
// to `out` and returns how many such pairs of addresses were admitted.
std::uint64_t CombineAddresses(const ProjectionOptions& options, const ValueWeights& weights,
                               const std::vector<LinkingValue>& values,
                               const std::vector<AccountId>& holders, std::uint64_t pair_room,
                               std::vector<WeightedPair>& out) {
  // Incidences of linking addresses, by account.
  std::vector<std::pair<AccountId, std::uint32_t>> held;
  for (std::uint32_t i = 0; i < values.size(); ++i) {
    if (values[i].kind != kIpKind) continue;
    const AccountId* h = holders.data() + values[i].holders_begin;
    for (std::uint32_t k = 0; k < values[i].holders; ++k) held.emplace_back(h[k], i);
  }
  tbb::parallel_sort(held.begin(), held.end());
  // The null: incidences rewired at random, degrees kept (the configuration model). An account
  // holding k linking addresses holds a given pair (A, B) with probability about
  // k (k - 1) h_A h_B / M^2, so E[co-holders of A and B] = h_A h_B * sum k (k - 1) / M^2.
  const double incidences = static_cast<double>(held.size());
  double ordered_pairs = 0;
  std::vector<HeldTogether> together;
  const auto most_per_account = static_cast<std::size_t>(options.max_pairs_per_account);
  for (std::size_t i = 0; i < held.size();) {
    std::size_t end = i;
    while (end < held.size() && held[end].first == held[i].first) ++end;
    const std::size_t k = end - i;
    ordered_pairs += static_cast<double>(k) * static_cast<double>(k - 1);
    // An account on more addresses than its pair budget allows (a VPN hopper) pairs none.
    if (k >= 2 && k * (k - 1) / 2 <= most_per_account) {
      for (std::size_t a = i; a < end; ++a) {
        for (std::size_t b = a + 1; b < end; ++b) {
          together.push_back({std::min(held[a].second, held[b].second),
                              std::max(held[a].second, held[b].second), held[i].first});
        }
      }
    }
    i = end;
  }
  std::vector<std::pair<AccountId, std::uint32_t>>().swap(held);
  tbb::parallel_sort(together.begin(), together.end());

  struct Combination {
    std::size_t begin;
    std::uint32_t holders;
    double weight;
  };
  std::vector<Combination> candidates;
  std::uint64_t held_pairs = 0;  // pairs of addresses one account or more holds
  for (std::size_t i = 0; i < together.size();) {
    std::size_t end = i;
    while (end < together.size() && together[end].first == together[i].first &&
           together[end].second == together[i].second) {
      ++end;
    }
    ++held_pairs;
    if (end - i >= 2) candidates.push_back({i, static_cast<std::uint32_t>(end - i), 0.0});
    i = end;
  }
  // Bonferroni over the pairs of addresses that accounts hold together.
  const double level = options.combination_alpha / std::max<double>(1.0, held_pairs);
  const double kind_weight = options.kinds[kIpKind].weight;
  const std::uint32_t max_holders = weights.max_holders[kIpKind];
  auto decay = [&](const LinkingValue& v) {
    return v.pair_weight * std::sqrt(static_cast<double>(v.holders - 1)) / kind_weight;
  };
  std::vector<Combination> admitted;
  for (const Combination& c : candidates) {
    if (c.holders > max_holders) continue;
    const LinkingValue& a = values[together[c.begin].first];
    const LinkingValue& b = values[together[c.begin].second];
    const double expected = static_cast<double>(a.holders) * static_cast<double>(b.holders) *
                            ordered_pairs / (incidences * incidences);
    // P(X >= c) for X ~ Poisson(expected).
    if (boost::math::gamma_p(static_cast<double>(c.holders), expected) > level) continue;
    // The pair is one piece of evidence, read two ways: as a value of its own, or as its two
    // addresses apart (which the expand phase adds anyway). Its holders get the stronger
    // reading, so only the pair's excess over the two addresses is added here.
    const double rarity = 1.0 / std::sqrt(static_cast<double>(c.holders - 1));
    const double excess = kind_weight * rarity * std::min(decay(a), decay(b)) -
                          (static_cast<double>(a.pair_weight) + b.pair_weight);
    if (excess <= 0) continue;
    admitted.push_back({c.begin, c.holders, excess});
  }
  // The pair budget the single values left, from the fewest holders up.
  std::stable_sort(
      admitted.begin(), admitted.end(),
      [](const Combination& x, const Combination& y) { return x.holders < y.holders; });
  std::uint64_t used = 0, count = 0;
  for (const Combination& c : admitted) {
    const std::uint64_t more = std::uint64_t{c.holders} * (c.holders - 1) / 2;
    if (used + more > pair_room) break;
    used += more;
    ++count;
    for (std::uint32_t x = 0; x < c.holders; ++x) {
      for (std::uint32_t y = x + 1; y < c.holders; ++y) {
        out.push_back({together[c.begin + x].account, together[c.begin + y].account,
                       static_cast<WeightT>(c.weight)});
      }
    }
  }
  return count;
}

class PhaseTimer {
 public:
  explicit PhaseTimer(const std::function<void(std::string_view, double)>& sink) : sink_(sink) {}
  void Mark(std::string_view phase) {
    auto now = std::chrono::steady_clock::now();
    if (sink_) sink_(phase, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  const std::function<void(std::string_view, double)>& sink_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

std::array<KindPolicy, 256> ProjectionOptions::DefaultKindPolicies() {
  std::array<KindPolicy, 256> kinds{};
  for (int code = kFirstDeclaredKind; code <= kLastDeclaredKind; ++code)
    kinds[code] = {1.0, 32, false};
  kinds[kPaymentKind] = {3.0, 32, false};
  kinds[kDeviceKind] = {2.5, 32, false};
  kinds[kIpKind] = {1.0, 32, false};
  kinds[kTemplateKind] = {1.5, 32, true};
  kinds[kPromptKind] = {0.0, 0, false};  // prompts reach the graph only as template signals
  return kinds;
}

std::uint32_t MaxHolders(const ProjectionOptions& options, KindCode kind,
                         std::uint64_t num_accounts) {
  const KindPolicy& policy = options.kinds[kind];
  if (policy.weight <= 0) return 0;
  const double by_share = options.generic_share * static_cast<double>(num_accounts);
  const double cap = std::max<double>(policy.min_generic_holders, std::floor(by_share));
  return static_cast<std::uint32_t>(std::min<double>(cap, 4294967295.0));
}

Result<ValueWeights> ComputeValueWeights(const store::StoreSnapshot& snapshot,
                                         const ProjectionOptions& options) {
  ValueWeights out;
  const std::size_t n = snapshot.num_signals();
  out.num_accounts = snapshot.num_accounts();
  out.kind.assign(n, 0);
  out.pair_weight.assign(n, 0.0f);
  out.holders.assign(n, 0);
  std::vector<UnixSeconds> last_seen(n, 0);
  UnixSeconds latest = 0;
  RINGGRAPH_RETURN_IF_ERROR(
      snapshot.ForEachSignal([&](SignalId id, const store::SignalInfo& info) -> Status {
        if (id >= n) return Status::Corruption("signal id " + std::to_string(id) + " out of range");
        out.kind[id] = info.kind;
        out.holders[id] = info.account_count;
        last_seen[id] = info.last_seen;
        latest = std::max(latest, info.last_seen);
        return Status::Ok();
      }));
  out.reference_time = options.reference_time != 0 ? options.reference_time : latest;
  for (int kind = 0; kind < 256; ++kind) {
    out.max_holders[kind] = MaxHolders(options, static_cast<KindCode>(kind), out.num_accounts);
  }

  // The pair budget: admit values from the fewest holders up while their pairs fit.
  std::map<std::uint32_t, std::uint64_t> values_by_holders;
  for (std::size_t id = 0; id < n; ++id) {
    const std::uint32_t k = out.holders[id];
    if (k >= 2 && k <= out.max_holders[out.kind[id]]) ++values_by_holders[k];
  }
  const auto budget = static_cast<std::uint64_t>(options.max_pairs_per_account *
                                                 static_cast<double>(out.num_accounts));
  std::uint64_t pairs = 0;
  for (const auto& [k, count] : values_by_holders) {
    const std::uint64_t more = count * (std::uint64_t{k} * (k - 1) / 2);
    if (pairs + more > budget) {
      out.budget_cap = k - 1;
      break;
    }
    pairs += more;
  }
  out.admitted_pairs = pairs;
  if (out.budget_cap != 0) {
    for (std::uint32_t& cap : out.max_holders) cap = std::min(cap, out.budget_cap);
  }
  for (std::size_t id = 0; id < n; ++id) {
    const KindCode kind = out.kind[id];
    if (options.kinds[kind].weight > 0 && out.holders[id] > out.max_holders[kind]) {
      ++out.generic_values;
    }
    out.pair_weight[id] = static_cast<float>(AccountProjection::ValueWeight(
        options, kind, out.holders[id], last_seen[id], out.reference_time, out.max_holders[kind]));
  }
  return out;
}

double AccountProjection::ValueWeight(const ProjectionOptions& options, KindCode kind,
                                      std::uint32_t holders, UnixSeconds last_seen,
                                      UnixSeconds reference_time, std::uint32_t max_holders) {
  const KindPolicy& policy = options.kinds[kind];
  if (policy.weight <= 0 || holders < 2 || holders > max_holders) return 0.0;
  const double rarity = 1.0 / std::sqrt(static_cast<double>(holders - 1));
  double decay = 1.0;
  if (options.half_life_days > 0 && reference_time > last_seen) {
    double age_days = static_cast<double>(reference_time - last_seen) / 86400.0;
    decay = std::exp2(-age_days / options.half_life_days);
  }
  return policy.weight * rarity * decay;
}

AccountProjection::AccountProjection(const store::StoreSnapshot& snapshot,
                                     ProjectionOptions options)
    : snapshot_(snapshot), options_(std::move(options)) {}

Status AccountProjection::Run() {
  const auto start = std::chrono::steady_clock::now();
  PhaseTimer timer(options_.on_phase);
  report_ = ProjectionReport{};
  const NodeId n = static_cast<NodeId>(snapshot_.num_accounts());

  // Phase 1, scan: which values link accounts, with what weight, and who holds them.
  RINGGRAPH_ASSIGN_OR_RETURN(weights_, ComputeValueWeights(snapshot_, options_));
  report_.signals_scanned = weights_.kind.size();
  report_.signals_generic = weights_.generic_values;
  report_.budget_cap = weights_.budget_cap;
  report_.pair_bound = static_cast<std::uint64_t>(options_.max_pairs_per_account * n);
  const std::vector<float>& value_weight = weights_.pair_weight;
  std::vector<LinkingValue> values;
  std::vector<AccountId> holders;
  std::vector<double> profile_total(n, 0.0);  // S(a): the weight of a's behaviour values
  RINGGRAPH_RETURN_IF_ERROR(snapshot_.ForEachSignalHolders(
      [&](SignalId id) { return id < value_weight.size() && value_weight[id] > 0.0f; },
      [&](SignalId id, std::span<const AccountId> accounts) -> Status {
        const bool profile = options_.kinds[weights_.kind[id]].profile;
        values.push_back({holders.size(), static_cast<std::uint32_t>(accounts.size()),
                          value_weight[id], profile, weights_.kind[id]});
        holders.insert(holders.end(), accounts.begin(), accounts.end());
        if (profile) {
          for (AccountId a : accounts) {
            if (a < n) profile_total[a] += value_weight[id];
          }
        }
        return Status::Ok();
      }));
  report_.signals_linking = values.size();
  timer.Mark("scan");

  // Phase 2, combine: pairs of addresses held together far more often than chance.
  std::vector<WeightedPair> combined;
  if (options_.combination_alpha > 0) {
    const std::uint64_t room = report_.pair_bound > weights_.admitted_pairs
                                   ? report_.pair_bound - weights_.admitted_pairs
                                   : 0;
    report_.combinations = CombineAddresses(options_, weights_, values, holders, room, combined);
    report_.pairs_generated += combined.size();
  }
  timer.Mark("combine");

  // Phase 3, expand: every linking value adds a pair for each two of its holders; behaviour
  // values go to their own buffers, to be scaled by overlap.
  tbb::enumerable_thread_specific<std::vector<WeightedPair>> local_pairs, local_profile_pairs;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, values.size(), 256),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      std::vector<WeightedPair>& out = local_pairs.local();
                      std::vector<WeightedPair>& profile_out = local_profile_pairs.local();
                      for (std::size_t i = range.begin(); i < range.end(); ++i) {
                        const LinkingValue& value = values[i];
                        std::vector<WeightedPair>& sink = value.profile ? profile_out : out;
                        const AccountId* h = holders.data() + value.holders_begin;
                        for (std::uint32_t a = 0; a < value.holders; ++a) {
                          for (std::uint32_t b = a + 1; b < value.holders; ++b) {
                            sink.push_back({h[a], h[b], value.pair_weight});
                          }
                        }
                      }
                    });
  std::vector<std::vector<WeightedPair>> buffers;
  for (auto& buffer : local_pairs) {
    report_.pairs_generated += buffer.size();
    buffers.push_back(std::move(buffer));
  }
  std::vector<WeightedPair> profile_pairs;
  for (auto& buffer : local_profile_pairs) {
    report_.pairs_generated += buffer.size();
    profile_pairs.insert(profile_pairs.end(), buffer.begin(), buffer.end());
    std::vector<WeightedPair>().swap(buffer);
  }
  std::vector<AccountId>().swap(holders);
  timer.Mark("expand");

  // Phase 4, profile: I(a, b) summed over shared behaviour values, then I^2 / (S(a)+S(b)-I).
  tbb::parallel_sort(profile_pairs.begin(), profile_pairs.end(),
                     [](const WeightedPair& x, const WeightedPair& y) {
                       return x.u != y.u ? x.u < y.u : x.v < y.v;
                     });
  std::vector<WeightedPair> overlap;
  for (std::size_t i = 0; i < profile_pairs.size();) {
    const NodeId u = profile_pairs[i].u, v = profile_pairs[i].v;
    double shared = 0;
    for (; i < profile_pairs.size() && profile_pairs[i].u == u && profile_pairs[i].v == v; ++i) {
      shared += profile_pairs[i].w;
    }
    const double union_weight = profile_total[u] + profile_total[v] - shared;
    if (union_weight <= 0) continue;
    overlap.push_back({u, v, static_cast<WeightT>(shared * shared / union_weight)});
  }
  std::vector<WeightedPair>().swap(profile_pairs);
  buffers.push_back(std::move(overlap));
  buffers.push_back(std::move(combined));
  timer.Mark("profile");

  // Phase 5, build: count, prefix-sum, scatter, then sort and merge each vertex's list.
  graph_ = BuildUndirectedCsr(n, buffers);
  timer.Mark("build");
  report_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

}  // namespace ringgraph::projection
