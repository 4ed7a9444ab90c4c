// Explains how two accounts are linked: the strongest path of shared signal values between them.
//
// The search runs on the store, not on a projected graph, so it answers at any time and shows
// the values themselves. Two accounts are adjacent when they share a value that links (see
// graph/projection: held by 2..cutoff accounts of a weighted kind); the link's weight is the sum
// of the shared values' pair weights. The strongest path maximises the weakest link on the path
// (a widest path), then prefers fewer hops; it is found with a best-first search that visits at
// most `max_accounts` accounts and `max_hops` hops.
//
// Thread safety: one explainer per thread; it reads through the given snapshot.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/projection/account_projection.h"
#include "graph/signals/keyed_hash.h"
#include "graph/store/account_store.h"

namespace ringgraph::detection {

struct LinkValue {
  SignalId signal = 0;
  KindCode kind = 0;
  ValueHash hash{};
  std::uint32_t holders = 0;
  double pair_weight = 0;
};

struct LinkHop {
  AccountId from = 0, to = 0;
  double weight = 0;              // sum of the shared values' pair weights
  std::vector<LinkValue> values;  // strongest first
};

struct LinkPath {
  std::vector<LinkHop> hops;  // empty when the accounts are the same
  double bottleneck = 0;      // the weakest hop's weight
};

struct LinkSearchOptions {
  projection::ProjectionOptions projection;
  UnixSeconds reference_time = 0;  // 0: no decay
  std::uint32_t max_hops = 4;
  std::uint32_t max_accounts = 20000;
};

// Returns no path when none is found within the limits.
Result<std::optional<LinkPath>> ExplainLink(const store::StoreSnapshot& snapshot, AccountId a,
                                            AccountId b, const LinkSearchOptions& options);

}  // namespace ringgraph::detection
