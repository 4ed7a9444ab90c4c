// Widest-path search over shared values. See link_explainer.h.
#include "graph/detection/link_explainer.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <queue>

namespace ringgraph::detection {
namespace {

struct Neighbor {
  double weight = 0;
  std::vector<LinkValue> values;
};

// The linking neighbours of `account`, with the values they share with it.
Status Neighbors(const store::StoreSnapshot& snapshot, AccountId account,
                 const LinkSearchOptions& options, absl::flat_hash_map<AccountId, Neighbor>* out) {
  out->clear();
  std::vector<store::AccountSignal> signals;
  std::vector<AccountId> holders;
  RINGGRAPH_RETURN_IF_ERROR(snapshot.AccountSignals(account, &signals));
  for (const store::AccountSignal& s : signals) {
    RINGGRAPH_ASSIGN_OR_RETURN(store::SignalInfo info, snapshot.Signal(s.signal));
    UnixSeconds reference = options.reference_time != 0 ? options.reference_time : info.last_seen;
    double w = projection::AccountProjection::ValueWeight(
        options.projection, info.kind, info.account_count, info.last_seen, reference,
        projection::MaxHolders(options.projection, info.kind, snapshot.num_accounts()));
    if (w <= 0) continue;
    RINGGRAPH_RETURN_IF_ERROR(snapshot.SignalAccounts(s.signal, &holders));
    for (AccountId h : holders) {
      if (h == account) continue;
      Neighbor& n = (*out)[h];
      n.weight += w;
      n.values.push_back({s.signal, info.kind, info.hash, info.account_count, w});
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::optional<LinkPath>> ExplainLink(const store::StoreSnapshot& snapshot, AccountId a,
                                            AccountId b, const LinkSearchOptions& options) {
  if (a == b) return std::optional<LinkPath>(LinkPath{});
  struct Visit {
    double bottleneck;
    std::uint32_t hops;
    AccountId account;
    // Max-heap on bottleneck, then fewer hops, then the smaller account: among equally good
    // paths the one found first is kept, so without the last rule the answer followed the
    // order the neighbours' hash map listed them in, which changes from process to process.
    bool operator<(const Visit& other) const {
      if (bottleneck != other.bottleneck) return bottleneck < other.bottleneck;
      if (hops != other.hops) return hops > other.hops;
      return account > other.account;
    }
  };
  struct Best {
    double bottleneck = -1;
    std::uint32_t hops = 0;
    AccountId parent = kNoAccount;
    LinkHop hop;
    bool done = false;
  };
  absl::flat_hash_map<AccountId, Best> best;
  std::priority_queue<Visit> frontier;
  best[a] = Best{1e300, 0, kNoAccount, {}, false};
  frontier.push({1e300, 0, a});
  absl::flat_hash_map<AccountId, Neighbor> neighbors;
  std::uint32_t visited = 0;
  while (!frontier.empty()) {
    Visit v = frontier.top();
    frontier.pop();
    Best& here = best[v.account];
    if (here.done) continue;
    here.done = true;
    if (v.account == b) break;
    if (++visited > options.max_accounts || v.hops >= options.max_hops) continue;
    RINGGRAPH_RETURN_IF_ERROR(Neighbors(snapshot, v.account, options, &neighbors));
    for (auto& [next, link] : neighbors) {
      double bottleneck = std::min(v.bottleneck, link.weight);
      Best& there = best[next];
      if (there.done) continue;
      if (bottleneck > there.bottleneck ||
          (bottleneck == there.bottleneck && v.hops + 1 < there.hops)) {
        std::sort(
            link.values.begin(), link.values.end(),
            [](const LinkValue& x, const LinkValue& y) { return x.pair_weight > y.pair_weight; });
        there = Best{bottleneck, v.hops + 1, v.account,
                     LinkHop{v.account, next, link.weight, std::move(link.values)}, false};
        frontier.push({bottleneck, v.hops + 1, next});
      }
    }
  }
  auto found = best.find(b);
  if (found == best.end() || !found->second.done) return std::optional<LinkPath>();
  LinkPath path;
  path.bottleneck = found->second.bottleneck;
  for (AccountId at = b; at != a;) {
    Best& step = best[at];
    path.hops.push_back(std::move(step.hop));
    at = step.parent;
  }
  std::reverse(path.hops.begin(), path.hops.end());
  return std::optional<LinkPath>(std::move(path));
}

}  // namespace ringgraph::detection
