// Projects the store's signal -> accounts adjacency onto a weighted, undirected account graph.
//
// Two accounts are linked when they share signal values. Each shared value v, held by k accounts,
// gives one pair of its holders the evidence
//
//     w(v) = kind_weight[kind] * (k - 1)^(-1/2) * 2^(-age / half_life)
//     age  = reference_time - v's last seen
//
// Why (k - 1)^(-1/2): every holder's unit of evidence is shared among its k - 1 co-holders, so a
// value's pair evidence must fall with k. Resource allocation's 1/(k - 1) falls so fast that a
// ring of a hundred accounts behind one automation host would not hold together; Fraudar's
// 1 / ln(k + 5) so slowly that a template shared by a thousand accounts weighs a third of a card
// shared by two. The square root sits between them: a group held together by one value alone
// has the density 1/sqrt(k - 1), so small tight groups and large campaign-wide ones both show.
//
// Behaviour kinds (templates) are profiles, not identities: two accounts of one campaign use the
// whole set of its templates, while strangers who paste one semi-public template share a sliver
// of their sets. For such kinds the pair's evidence is the shared weight times the weighted
// Jaccard overlap of the two accounts' sets,
//     I(a, b) = sum of w(t) over the templates a and b share,  S(a) = sum of w(t) over a's
//     evidence(a, b) = I * I / (S(a) + S(b) - I)
// so rings that paste the same public wrapper, but run different campaigns, stay apart.
//
// Generic values are relative to the population: a value held by more than `generic_share` of
// the accounts (and more than its kind's `min_generic_holders`) is public, not evidence - carrier
// NAT addresses, popular templates - and adds no links. On top of that the projection keeps a
// pair budget: when the values admitted would generate more than `max_pairs_per_account` pairs per
// account, the values with the most holders are dropped first until the budget holds. So the
// pairs generated are at most max_pairs_per_account * accounts, whatever the data, and a value
// held by 100k accounts costs one read of its holder count and nothing else.
//
// Addresses held together: proxy exits are shared by many strangers, so one exit alone weighs
// little, yet the accounts of one operator rotate over the same few exits of their pool, and
// holding two of them is rare. The combine phase counts, for every pair of linking addresses
// (A, B), the accounts holding both, and compares the count with the configuration model's
// expectation (incidences rewired at random, each account keeping its number of addresses):
//     E = h_A * h_B * sum_a k_a (k_a - 1) / M^2
// with h the holders, k_a an account's linking addresses and M their total. A pair whose count
// has a Poisson tail P(X >= c | E) under `combination_alpha` / (pairs held by an account)
// (Bonferroni) is a value of its own, with the address kind's weight, (c - 1)^(-1/2) and the
// older address's decay. It is one piece of evidence, read two ways - the pair, or its two
// addresses apart - so its holders' link gets the stronger reading: the pair adds its excess
// over the two addresses' weights, and nothing where the addresses are rare enough alone (a
// ring's own exits in a small population). Carrier NAT addresses that thousands hold, or a
// stranger's two exits of a large pool, are held together as often as chance gives and add
// nothing. Combined pairs are
// admitted from the fewest holders up within what the pair budget left; accounts on more
// addresses than max_pairs_per_account allows pairs of (VPN hoppers) pair none. They exist only
// in the graph: cluster features and explanations read the two addresses as single values.
//
// Accounts are the graph's vertices: vertex v is AccountId v, so every account in the store is
// a vertex, linked or not. Weights are summed in double and stored as float.
//
// The build runs in parallel with TBB (GAP's CSR recipe): each worker expands the values of its
// range into pair buffers; profile pairs are merged and scaled by their overlap; degrees are
// counted and prefix-summed; pairs are scattered into place; each vertex's list is sorted and
// equal neighbours merged.
//
// Thread safety: AccountProjection is used by one thread; Run() uses the TBB arena internally.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "graph/common/csr_graph.h"
#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/signals/signal_kind.h"
#include "graph/store/account_store.h"

namespace ringgraph::projection {

struct KindPolicy {
  double weight = 0.0;  // 0: the kind never links accounts
  // A value of this kind is generic only when it also has more holders than this, so that small
  // populations do not call a family's card public.
  std::uint32_t min_generic_holders = 0;
  // A behaviour kind (templates): pair evidence is scaled by the overlap of the two accounts'
  // sets of values of this kind (see above).
  bool profile = false;
};

struct ProjectionOptions {
  // Defaults, from DOMAIN.md:
  //  payment 3.0: one card per person; a family shares one; card farms reuse each over a few.
  //  device 2.5: one to three devices per person; automation hosts sit behind many accounts.
  //  ip 1.0: the weakest alone (proxies rotate, offices and campuses share).
  //  template 1.5, profile: a ring's extraction campaign is a set of templates its accounts share.
  //  declared kinds 1.0.
  std::array<KindPolicy, 256> kinds = DefaultKindPolicies();
  // A value held by more than this share of the accounts is public (see above).
  double generic_share = 0.01;
  // The pairs the admitted values may generate, per account in the store.
  double max_pairs_per_account = 64;
  // Level of the test that admits a pair of addresses held together (see above); 0 turns the
  // combine phase off.
  double combination_alpha = 1e-3;
  // Half-life of a value's evidence, in days; 0 disables decay.
  double half_life_days = 60.0;
  // Age is measured from here; 0 means the latest last-seen time in the store.
  UnixSeconds reference_time = 0;
  // Called between phases with the phase's name and its duration in seconds.
  std::function<void(std::string_view phase, double seconds)> on_phase;

  static std::array<KindPolicy, 256> DefaultKindPolicies();
};

// The most holders a value of `kind` may have and still link accounts, from the share rule
// alone (the pair budget can lower it further for one projection; see ValueWeights).
std::uint32_t MaxHolders(const ProjectionOptions& options, KindCode kind,
                         std::uint64_t num_accounts);

struct ProjectionReport {
  std::uint64_t signals_scanned = 0;
  std::uint64_t signals_linking = 0;  // admitted: 2..cap holders, with a non-zero weight
  std::uint64_t signals_generic = 0;  // over their kind's cap, or dropped by the pair budget
  std::uint64_t combinations = 0;     // pairs of addresses admitted by the combine phase
  std::uint64_t pairs_generated = 0;  // before merging
  std::uint64_t pair_bound = 0;       // max_pairs_per_account * accounts
  std::uint32_t budget_cap = 0;       // the holder count the pair budget cut at (0: no cut)
  double seconds = 0;
};

// Per signal value: its kind and the weight one pair of its holders gets (0 for values that link
// nothing: a single holder, a generic value, or a kind with weight 0). Shared by the projection
// and by cluster features, so both agree on what counts as evidence.
struct ValueWeights {
  std::vector<KindCode> kind;
  std::vector<float> pair_weight;
  std::vector<std::uint32_t> holders;
  UnixSeconds reference_time = 0;  // the time ages were measured from
  std::uint64_t num_accounts = 0;
  std::uint64_t generic_values = 0;
  std::uint64_t admitted_pairs = 0;
  std::uint32_t budget_cap = 0;                  // 0 when the pair budget did not bind
  std::array<std::uint32_t, 256> max_holders{};  // per kind, after the pair budget
};
Result<ValueWeights> ComputeValueWeights(const store::StoreSnapshot& snapshot,
                                         const ProjectionOptions& options);

class AccountProjection {
 public:
  AccountProjection(const store::StoreSnapshot& snapshot, ProjectionOptions options);
  AccountProjection(const AccountProjection&) = delete;
  AccountProjection& operator=(const AccountProjection&) = delete;

  // Phases: scan (weigh every value and read the holders of the linking ones), combine (pairs of
  // addresses held together, see above), expand (pairs per value, in parallel), profile (merge
  // behaviour pairs and scale them by overlap), build (count, prefix-sum, scatter, then sort and
  // merge each vertex's list).
  Status Run();

  const CsrGraph& graph() const { return graph_; }
  CsrGraph TakeGraph() { return std::move(graph_); }
  const ProjectionReport& report() const { return report_; }
  // Valid after Run(): the weights the graph was built from.
  const ValueWeights& weights() const { return weights_; }

  // The weight one shared value gives a pair of its holders, as defined above, for a value that
  // is not over `max_holders`. Profile kinds return the value's weight before the overlap scaling.
  static double ValueWeight(const ProjectionOptions& options, KindCode kind, std::uint32_t holders,
                            UnixSeconds last_seen, UnixSeconds reference_time,
                            std::uint32_t max_holders);

 private:
  const store::StoreSnapshot& snapshot_;
  ProjectionOptions options_;
  CsrGraph graph_;
  ValueWeights weights_;
  ProjectionReport report_;
};

}  // namespace ringgraph::projection
