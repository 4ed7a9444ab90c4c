// Features of whole clusters: what a ring looks like as a group, not edge by edge.
//
// Given the store, the projected graph and a partition of the accounts, ClusterFeatureExtractor
// describes every cluster of at least two accounts by
//   structure   size, internal links, density, internal weight per member, conductance;
//   evidence    the share of internal pair weight each signal kind contributes, and the top
//               shared values (the evidence an analyst reads);
//   identity    for payment, device and ip: distinct values per member and the fraction of
//               members who share one with another member (card farms share cards, hydras
//               share proxy exits, families share one card and one device);
//   behaviour   prompts per member, the share of the members' prompts on the cluster's top
//               template, the median active span of members, and the fraction of members that
//               are young (first seen well after the store's first activity).
//
// Thread safety: one extractor per thread; Run() reads the snapshot from the calling thread.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "graph/common/csr_graph.h"
#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/projection/account_projection.h"
#include "graph/signals/keyed_hash.h"
#include "graph/store/account_store.h"

namespace ringgraph::detection {

using ClusterIndex = std::uint32_t;

// One shared value inside a cluster.
struct SharedValue {
  SignalId signal = 0;
  KindCode kind = 0;
  ValueHash hash{};
  std::uint32_t members_sharing = 0;  // members of the cluster holding it
  std::uint32_t holders_total = 0;    // accounts holding it in the whole store
  float pair_weight = 0;              // weight one pair of holders gets from it
  UnixSeconds first_seen = 0, last_seen = 0;
};

struct IdentityUse {
  double values_per_member = 0;   // distinct values held by members / members
  double shared_fraction = 0;     // members holding a value another member also holds
};

struct ClusterFeatures {
  ClusterIndex cluster = 0;
  std::uint32_t size = 0;
  std::uint64_t internal_links = 0;
  double internal_weight = 0;        // sum over internal links, each counted once
  double density = 0;                // internal links / (size choose 2)
  double weight_per_member = 0;      // 2 * internal_weight / size
  double conductance = 0;            // cut / (2 * internal_weight + cut)
  std::array<double, 256> kind_share{};  // share of shared-value pair weight by kind
  IdentityUse payment, device, ip;
  double prompts_per_member = 0;
  double top_template_share = 0;     // members' prompts on the cluster's most used template
  double median_span_days = 0;       // median over members of last_seen - first_seen
  double young_fraction = 0;         // members first seen >= young_after_days into the window
  std::vector<SharedValue> top_values;  // strongest shared values, strongest first
  // Per member (ascending account id): shares a linking value other than an IP address with
  // another member. Honest customers of a proxy reseller share exit IPs with a ring and nothing
  // else, so a member without such a value is only weakly attached.
  std::vector<bool> member_shares_beyond_ip;
};

struct FeatureOptions {
  projection::ProjectionOptions projection;  // weights and cut-offs, as the graph was built
  double young_after_days = 7;
  std::size_t top_values = 8;
};

class ClusterFeatureExtractor {
 public:
  // REQUIRES: membership.size() == graph.num_vertices() == snapshot.num_accounts().
  ClusterFeatureExtractor(const store::StoreSnapshot& snapshot, const CsrGraph& graph,
                          const std::vector<ClusterIndex>& membership, FeatureOptions options);

  // Phases: group (members per cluster), structure (internal links from the graph), evidence
  // (shared values, identity and behaviour from the store).
  Status Run();

  // Clusters of size >= 2, in increasing cluster index.
  const std::vector<ClusterFeatures>& clusters() const { return clusters_; }
  // Members of a cluster, ascending.
  std::vector<AccountId> Members(ClusterIndex cluster) const;

 private:
  const store::StoreSnapshot& snapshot_;
  const CsrGraph& graph_;
  const std::vector<ClusterIndex>& membership_;
  FeatureOptions options_;
  std::vector<std::uint64_t> member_offsets_;  // per cluster index
  std::vector<AccountId> members_;
  std::vector<ClusterFeatures> clusters_;
};

}  // namespace ringgraph::detection
