// Projects the store's signal -> accounts adjacency onto a weighted, undirected account graph.
//
// Two accounts are linked when they share signal values. The weight of the link sums, over the
// values they share,
//
//     kind_weight[kind] * rarity(k) * decay(age)
//     rarity(k) = 1 / ln(k + rarity_offset)             (Fraudar's column weighting)
//     decay(age) = 2^(-age / half_life)                  age = reference_time - value's last seen
//
// where k is the number of accounts holding the value. A value held by more accounts than its
// kind's generic cut-off (carrier NAT, popular templates) adds no links at all: it is generic,
// not evidence. That cut-off is also what bounds the pairwise blow-up by design: a value held by
// k <= cutoff accounts adds k(k-1)/2 pairs, so the pairs a kind generates are at most
//     (cutoff - 1) / 2 * (adjacency entries of that kind)
// and a value held by 100k accounts costs one read of its holder count and nothing else.
//
// Accounts are the graph's vertices: vertex v is AccountId v, so every account in the store is
// a vertex, linked or not. Weights are summed in double and stored as float.
//
// The build runs in parallel with TBB in three steps (GAP's CSR recipe): each worker expands the
// values of its range into pair buffers; degrees are counted and prefix-summed; pairs are
// scattered into place; then each vertex's list is sorted and equal neighbours merged.
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
  double weight = 0.0;            // 0: the kind never links accounts
  std::uint32_t generic_cutoff = 0;  // values held by more accounts than this add no links
};

struct ProjectionOptions {
  // Defaults, from DOMAIN.md:
  //  payment 3.0, cut-off 10: one card per person, a family or a small team shares one; a
  //    corporate card on a large team is caught by the cut-off (Neo4j's recipe: <= 10 holders).
  //  device 2.5, cut-off 10: one to three devices per person; automation hosts behind a ring.
  //  ip 1.0, cut-off 25: the weakest alone (proxies rotate, offices and campuses share); the
  //    Senzing-style generic-value threshold of ~25 entities drops CGNAT and big NATs.
  //  template 1.5, cut-off 250: an extraction template is shared by a whole ring (70-210
  //    accounts in the generated population once the fixed-text fingerprint gives all its
  //    prompts one id); public templates are shared by thousands and are cut.
  //  declared kinds 1.0, cut-off 25.
  std::array<KindPolicy, 256> kinds = DefaultKindPolicies();
  // rarity(k) = 1 / ln(k + rarity_offset); 5 follows Fraudar.
  double rarity_offset = 5.0;
  // Half-life of a value's evidence, in days; 0 disables decay.
  double half_life_days = 30.0;
  // Age is measured from here; 0 means the latest last-seen time in the store.
  UnixSeconds reference_time = 0;
  // Called between phases with the phase's name and its duration in seconds.
  std::function<void(std::string_view phase, double seconds)> on_phase;

  static std::array<KindPolicy, 256> DefaultKindPolicies();
};


struct ProjectionReport {
  std::uint64_t signals_scanned = 0;
  std::uint64_t signals_linking = 0;   // held by 2..cutoff accounts with a non-zero weight
  std::uint64_t signals_generic = 0;   // over their kind's cut-off
  std::uint64_t pairs_generated = 0;   // before merging
  std::uint64_t pair_bound = 0;        // the documented bound for this store
  double seconds = 0;
};

// Per signal value: its kind and the weight one pair of its holders gets (0 for values that link
// nothing: a single holder, a generic value, or a kind with weight 0). Shared by the projection
// and by cluster scoring, so both agree on what counts as evidence.
struct ValueWeights {
  std::vector<KindCode> kind;
  std::vector<float> pair_weight;
  std::vector<std::uint32_t> holders;
  UnixSeconds reference_time = 0;  // the time ages were measured from
  std::uint64_t generic_values = 0;
  std::array<std::uint64_t, 256> kind_entries{};  // adjacency entries per kind
};
Result<ValueWeights> ComputeValueWeights(const store::StoreSnapshot& snapshot,
                                         const ProjectionOptions& options);

class AccountProjection {
 public:
  AccountProjection(const store::StoreSnapshot& snapshot, ProjectionOptions options);
  AccountProjection(const AccountProjection&) = delete;
  AccountProjection& operator=(const AccountProjection&) = delete;

  // Phases: scan (read the linking values and their holders), expand (pairs per value, in
  // parallel), build (count, prefix-sum, scatter, then sort and merge each vertex's list).
  Status Run();

  const CsrGraph& graph() const { return graph_; }
  CsrGraph TakeGraph() { return std::move(graph_); }
  const ProjectionReport& report() const { return report_; }

  // The weight one shared value contributes, as defined above.
  static double ValueWeight(const ProjectionOptions& options, KindCode kind,
                            std::uint32_t holders, UnixSeconds last_seen,
                            UnixSeconds reference_time);

 private:
  const store::StoreSnapshot& snapshot_;
  ProjectionOptions options_;
  CsrGraph graph_;
  ProjectionReport report_;
};

}  // namespace ringgraph::projection
