// The partner watchlist: indicators imported from partner labs (graph/sharing/stix_indicators.h,
// kept in the clustering store), matched against this lab's accounts.
//
// One matching rule, used by detection (MatchAll), `ringctl share import` and ringd's import
// (MatchAll, to count matches) and ringd's real-time flags at ingest (MatchAccounts):
//   - an indicator applies at `now` when valid_from <= now and (valid_until == 0 or
//     now < valid_until);
//   - an account matches an indicator's value when it holds the local signal whose hash under
//     the indicator's consortium key (its tag) is that value, as ingest recorded it;
//   - of the applying indicators an account matches, the one with the highest confidence is
//     its match; on equal confidence, the one read first (the store's indicator order, then
//     the indicator's value order).
// The two queries differ in cost, not in answer: MatchAll walks the watched values and their
// holders; MatchAccounts walks only the given accounts' signals, for a few accounts at a time.
//
// Thread safety: immutable after Load(); queries may run on many threads at once, each with its
// own snapshot.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/signals/keyed_hash.h"
#include "graph/signals/signal_kind.h"
#include "graph/store/account_store.h"
#include "graph/store/watchlist_store.h"

namespace ringgraph::sharing {

// An account holding a watched value, with the indicator it matches.
struct WatchMatch {
  AccountId account = 0;
  std::string indicator_id;
  std::string partner;
  int confidence = 0;
  KindCode kind = 0;  // the kind of the matched value
};

class Watchlist {
 public:
  // Reads every stored indicator into an index of watched values.
  static Result<Watchlist> Load(const store::WatchlistStore& indicators);

  bool empty() const { return watched_.empty(); }

  // Every account that holds a watched value at `now`, with its match, by account id.
  Result<std::vector<WatchMatch>> MatchAll(const store::StoreSnapshot& snapshot,
                                           UnixSeconds now) const;
  // The same answer restricted to `accounts` (any order, repeats allowed), by account id.
  Result<std::vector<WatchMatch>> MatchAccounts(const store::StoreSnapshot& snapshot,
                                                std::span<const AccountId> accounts,
                                                UnixSeconds now) const;

 private:
  // One indicator's claim on one value.
  struct Claim {
    std::uint32_t indicator = 0;  // index into indicators_, which is in store order
    std::uint32_t order = 0;      // position among all (indicator, value) pairs read
  };
  struct Indicator {
    std::string id, partner;
    int confidence = 0;
    UnixSeconds valid_from = 0, valid_until = 0;
  };
  struct ValueKey {
    std::uint64_t tag = 0;
    KindCode kind = 0;
    ValueHash hash{};
    auto operator<=>(const ValueKey&) const = default;
  };

  // The claim on `key` that wins at `now`, or null when none applies.
  const Claim* Strongest(const std::vector<Claim>& claims, UnixSeconds now) const;
  // Whether `candidate` beats `current` (null: nothing yet) as an account's match.
  bool Beats(const Claim& candidate, const Claim* current) const;
  WatchMatch MatchOf(AccountId account, KindCode kind, const Claim& claim) const;

  std::vector<Indicator> indicators_;
  std::map<ValueKey, std::vector<Claim>> watched_;
  std::vector<std::uint64_t> tags_;        // the consortium keys of watched values, distinct
  std::array<bool, 256> watched_kinds_{};  // kinds that have a watched value
};

// Loads the watchlist and matches every account: Watchlist::Load(indicators).MatchAll.
Result<std::vector<WatchMatch>> MatchWatchlist(const store::StoreSnapshot& snapshot,
                                               const store::WatchlistStore& indicators,
                                               UnixSeconds now);

}  // namespace ringgraph::sharing
