// The partner watchlist. See watchlist.h.
#include "graph/sharing/watchlist.h"

#include <algorithm>

#include "graph/sharing/consortium_key.h"

namespace ringgraph::sharing {

Result<Watchlist> Watchlist::Load(const store::WatchlistStore& indicators) {
  Watchlist list;
  std::uint32_t order = 0;
  RINGGRAPH_RETURN_IF_ERROR(indicators.ForEachIndicator([&](const store::PartnerIndicator& ind) {
    const auto index = static_cast<std::uint32_t>(list.indicators_.size());
    list.indicators_.push_back(
        {ind.id, ind.partner, ind.confidence, ind.valid_from, ind.valid_until});
    const std::uint64_t tag = TagOfKeyId(ind.key_id);
    if (std::find(list.tags_.begin(), list.tags_.end(), tag) == list.tags_.end()) {
      list.tags_.push_back(tag);
    }
    for (const auto& [kind, hash] : ind.values) {
      list.watched_[ValueKey{tag, kind, hash}].push_back(Claim{index, order++});
      list.watched_kinds_[kind] = true;
    }
    return Status::Ok();
  }));
  return list;
}

bool Watchlist::Beats(const Claim& candidate, const Claim* current) const {
  if (current == nullptr) return true;
  const int a = indicators_[candidate.indicator].confidence;
  const int b = indicators_[current->indicator].confidence;
  return a != b ? a > b : candidate.order < current->order;
}

const Watchlist::Claim* Watchlist::Strongest(const std::vector<Claim>& claims,
                                             UnixSeconds now) const {
  const Claim* best = nullptr;
  for (const Claim& claim : claims) {
    const Indicator& ind = indicators_[claim.indicator];
    if (ind.valid_from > now || (ind.valid_until != 0 && ind.valid_until <= now)) continue;
    if (Beats(claim, best)) best = &claim;
  }
  return best;
}

WatchMatch Watchlist::MatchOf(AccountId account, KindCode kind, const Claim& claim) const {
  const Indicator& ind = indicators_[claim.indicator];
  return WatchMatch{account, ind.id, ind.partner, ind.confidence, kind};
}

Result<std::vector<WatchMatch>> Watchlist::MatchAll(const store::StoreSnapshot& snapshot,
                                                    UnixSeconds now) const {
  struct Best {
    const Claim* claim = nullptr;
    KindCode kind = 0;
  };
  std::map<AccountId, Best> best;
  std::vector<AccountId> holders;
  for (const auto& [key, claims] : watched_) {
    const Claim* strongest = Strongest(claims, now);
    if (strongest == nullptr) continue;
    RINGGRAPH_ASSIGN_OR_RETURN(std::optional<SignalId> signal,
                               snapshot.FindSharedSignal(key.tag, key.kind, key.hash));
    if (!signal.has_value()) continue;
    RINGGRAPH_RETURN_IF_ERROR(snapshot.SignalAccounts(*signal, &holders));
    for (AccountId account : holders) {
      Best& b = best[account];
      if (Beats(*strongest, b.claim)) b = Best{strongest, key.kind};
    }
  }
  std::vector<WatchMatch> out;
  out.reserve(best.size());
  for (const auto& [account, b] : best) out.push_back(MatchOf(account, b.kind, *b.claim));
  return out;
}

Result<std::vector<WatchMatch>> Watchlist::MatchAccounts(const store::StoreSnapshot& snapshot,
                                                         std::span<const AccountId> accounts,
                                                         UnixSeconds now) const {
  std::vector<WatchMatch> out;
  if (watched_.empty()) return out;
  std::vector<AccountId> sorted(accounts.begin(), accounts.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<store::AccountSignal> signals;
  for (AccountId account : sorted) {
    RINGGRAPH_RETURN_IF_ERROR(snapshot.AccountSignals(account, &signals));
    const Claim* best = nullptr;
    KindCode best_kind = 0;
    for (const store::AccountSignal& s : signals) {
      RINGGRAPH_ASSIGN_OR_RETURN(store::SignalInfo info, snapshot.Signal(s.signal));
      if (!watched_kinds_[info.kind]) continue;
      for (std::uint64_t tag : tags_) {
        RINGGRAPH_ASSIGN_OR_RETURN(std::optional<ValueHash> shared,
                                   snapshot.SharedHash(tag, s.signal));
        if (!shared.has_value()) continue;
        auto it = watched_.find(ValueKey{tag, info.kind, *shared});
        if (it == watched_.end()) continue;
        const Claim* strongest = Strongest(it->second, now);
        if (strongest != nullptr && Beats(*strongest, best)) {
          best = strongest;
          best_kind = info.kind;
        }
      }
    }
    if (best != nullptr) out.push_back(MatchOf(account, best_kind, *best));
  }
  return out;
}

Result<std::vector<WatchMatch>> MatchWatchlist(const store::StoreSnapshot& snapshot,
                                               const store::WatchlistStore& indicators,
                                               UnixSeconds now) {
  RINGGRAPH_ASSIGN_OR_RETURN(Watchlist watchlist, Watchlist::Load(indicators));
  return watchlist.MatchAll(snapshot, now);
}

}  // namespace ringgraph::sharing
