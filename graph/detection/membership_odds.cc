#include "graph/detection/membership_odds.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <cmath>

namespace ringgraph::detection {
namespace {

// p_v: how often a member of a group of `size` holds a value `holding` of them hold.
double MemberRate(std::uint32_t holding, std::uint32_t size) {
  return (holding + 0.5) / (size + 1.0);
}

}  // namespace

MembershipOdds::MembershipOdds(const store::StoreSnapshot& snapshot,
                               const projection::ValueWeights& weights,
                               const projection::ProjectionOptions& projection)
    : snapshot_(snapshot),
      weights_(weights),
      projection_(projection),
      accounts_(static_cast<double>(std::max<std::uint64_t>(1, weights.num_accounts))) {}

Status MembershipOdds::Evidence(AccountId account, std::vector<SignalId>* out) const {
  std::vector<store::AccountSignal> signals;
  RINGGRAPH_RETURN_IF_ERROR(snapshot_.AccountSignals(account, &signals));
  out->clear();
  for (const store::AccountSignal& s : signals) {
    if (s.signal < weights_.kind.size() && projection_.kinds[weights_.kind[s.signal]].weight > 0) {
      out->push_back(s.signal);
    }
  }
  return Status::Ok();
}

Result<GroupValues> MembershipOdds::Count(std::span<const AccountId> members) const {
  absl::flat_hash_map<SignalId, std::uint32_t> count;
  std::vector<SignalId> held;
  for (AccountId a : members) {
    RINGGRAPH_RETURN_IF_ERROR(Evidence(a, &held));
    for (SignalId v : held) ++count[v];
  }
  std::vector<std::pair<SignalId, std::uint32_t>> holding(count.begin(), count.end());
  std::sort(holding.begin(), holding.end());
  return Count(static_cast<std::uint32_t>(members.size()), std::move(holding));
}

GroupValues MembershipOdds::Count(std::uint32_t size,
                                  std::vector<std::pair<SignalId, std::uint32_t>> holding) const {
  GroupValues group{size, std::move(holding), 0.0, 0.0};
  for (const auto& [v, c] : group.holding) {
    (Behaviour(v) ? group.absent_behaviour : group.absent_identity) +=
        Absent(c, size, weights_.holders[v]);
  }
  return group;
}

double MembershipOdds::Absent(std::uint32_t holding, std::uint32_t size,
                              std::uint32_t holders) const {
  const double others = std::max(0.5, static_cast<double>(holders) - holding);
  return std::log1p(-MemberRate(holding, size)) - std::log1p(-std::min(0.5, others / accounts_));
}

bool MembershipOdds::Behaviour(SignalId v) const {
  return projection_.kinds[weights_.kind[v]].profile;
}

MembershipEvidence MembershipOdds::Judge(const std::vector<SignalId>& held,
                                         const GroupValues& group, bool member) const {
  MembershipEvidence evidence;
  // Read without the account: its own values are held by one member fewer, of one fewer.
  const std::uint32_t size =
      member ? group.size - std::min<std::uint32_t>(group.size, 1) : group.size;
  if (size == 0) {
    evidence.prior = -INFINITY;
    return evidence;
  }
  evidence.prior = std::log(size / std::max(1.0, accounts_ - size));
  auto family = [&](SignalId v) -> double& {
    return Behaviour(v) ? evidence.behaviour : evidence.identity;
  };
  if (member) {
    for (const auto& [v, c] : group.holding) {
      const bool own = std::binary_search(held.begin(), held.end(), v);
      if (!own || c > 1) family(v) += Absent(own ? c - 1 : c, size, weights_.holders[v]);
    }
  } else {
    evidence.identity = group.absent_identity;
    evidence.behaviour = group.absent_behaviour;
  }
  auto t = group.holding.begin();
  for (SignalId v : held) {
    t = std::lower_bound(t, group.holding.end(), v,
                         [](const auto& entry, SignalId value) { return entry.first < value; });
    if (t == group.holding.end()) break;
    if (t->first != v) continue;
    const std::uint32_t c = member ? t->second - 1 : t->second;
    if (c == 0) continue;  // only the account itself holds it
    const std::uint32_t h = weights_.holders[v];
    const double others = std::max(0.5, static_cast<double>(h) - c - 1.0);
    family(v) += std::log(MemberRate(c, size) / (others / accounts_)) - Absent(c, size, h);
  }
  return evidence;
}

}  // namespace ringgraph::detection
