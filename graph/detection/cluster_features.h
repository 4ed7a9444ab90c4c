// Features of whole clusters: what a ring looks like as a group, not edge by edge, measured
// against the population the cluster comes from.
//
// Given the store, the projected graph and a partition of the accounts, ClusterFeatureExtractor
// describes every cluster of at least two accounts by
//   structure   size, internal links, density, internal weight per member, conductance;
//   evidence    the share of internal pair weight each signal kind contributes, and the top
//               shared values (the evidence an analyst reads);
//   identity    for payment, device and ip: distinct values per member and the fraction of
//               members sharing one with another member; `reuse`, the fraction of members that
//               share a card with other members that few accounts hold (2 to 10 in the whole
//               population: a card farm's card, not a company card covering a team or a
//               reseller's card on file for its customers) or a device with other members;
//               either held by under 80% of the cluster (not a family's or an agency's one card or
//               laptop for all), and only when the members share two such values or more (a
//               ring spreads its accounts over cards and hosts; members sharing one card and
//               nothing else share a small team's or a household's payer); `rotation`, the members'
//               mean rotation over shared addresses: each member's addresses held by other accounts
//               (anywhere in the population) and not the cluster's hub count when they lead to
//               different accounts (a hub: held by most of the cluster, an office's or a campus's
//               NAT; but an address most of the cluster holds is an exit when more of its holders
//               are outside, strangers who hold no other address the members share, and held by a
//               pair it only links it) - (E_eff * D / T - 1) / (E - 1) over its E addresses, T
//               co-holder incidences, D distinct co-holders and E_eff = T^2 / sum T_e^2 effective
//               addresses: 0 for a NAT with several addresses, near 1 for proxy exits each shared
//               by a few; `reuse_with_rotation`, the members' mean of rotation over those that
//               reuse or share with other members a device more than reuse_max_members accounts
//               hold (an automation host, even when all of the cluster is behind it), 0 for the
//               others: one operator's accounts do both, while honest groups that share a
//               card or device (families, agencies, offices) are too few on it or sit behind
//               one NAT, and honest proxy customers share no card or device;
//   behaviour   relative to the population (population_profile.h): the percentile of the median
//               member's prompt volume, pace (prompts per active day), burst (share of prompts
//               in the busiest week, among accounts with at least five prompts: a couple of
//               prompts always fall in one week) and first-seen time; `campaign`, the share of
//               the members' prompts on templates that several members use and that are not
//               public (held by under `campaign_max_share` of all accounts: popular public
//               templates are no campaign, a ring's semi-public wrapper is); `lockstep`, how much
//               more the members' active days overlap than two random accounts' do,
//               (J - J0) / (1 - J0) with J the mean day-set Jaccard over member pairs.
// Per member (in ascending account id), the inputs of member evidence: its tie to the cluster
// (its graph weight inside, and the share of its graph weight that stays inside), its own
// volume and pace percentiles, and its own campaign share.
//
// Thread safety: one extractor per thread; Run() reads the snapshot from the calling thread and
// computes per-cluster structure in parallel.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "graph/common/csr_graph.h"
#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/detection/population_profile.h"
#include "graph/projection/account_projection.h"
#include "graph/signals/keyed_hash.h"
#include "graph/store/account_store.h"

namespace ringgraph::detection {

using ClusterIndex = std::uint32_t;

// Renumbers the cluster indices of `assigned` 0..k-1, keeping their order: for a partition that
// a step left with unused indices (clusters emptied or joined).
void MakeDense(std::vector<ClusterIndex>& assigned);

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
  double values_per_member = 0;  // distinct values held by members / members
  double shared_fraction = 0;    // members holding a value another member also holds
};

// What member evidence is computed from, for one member.
struct MemberFeatures {
  AccountId account = 0;
  double tie = 0;              // graph weight inside the cluster / all its graph weight
  double internal_weight = 0;  // its graph weight inside the cluster
  bool has_prompts = false;    // without prompts its behaviour says nothing either way
  double volume = 0;           // percentile of its prompts
  double pace = 0;             // percentile of its prompts per active day
  double campaign = 0;         // share of its prompts on the cluster's campaign templates
  // share of its prompts on known extraction templates (set by the detection job, like the
  // cluster's known_campaign)
  double known_campaign = 0;
  // Its own identity pattern (see ClusterFeatures::reuse): whether it reuses a card or device
  // with a few others (0 or 1), and its rotation over shared exits, known only for a member
  // with two shared exits or more.
  double reuse = 0;
  // Whether it is run as one operator's account with others (0 or 1), what its rotation is
  // multiplied by in reuse_with_rotation: it reuses, or it shares with other members a device
  // that more than reuse_max_members accounts of the population are behind - an automation
  // host, which "one device for all" does not exempt: that exemption is for a household's or
  // an agency's one laptop, not for a host behind dozens of accounts.
  double operator_reuse = 0;
  double rotation = 0;
  bool rotation_known = false;
};

struct ClusterFeatures {
  ClusterIndex cluster = 0;
  std::uint32_t size = 0;
  std::uint64_t internal_links = 0;
  double internal_weight = 0;            // sum over internal links, each counted once
  double density = 0;                    // internal links / (size choose 2)
  double weight_per_member = 0;          // 2 * internal_weight / size
  double conductance = 0;                // cut / (2 * internal_weight + cut)
  std::array<double, 256> kind_share{};  // share of shared-value pair weight by kind
  IdentityUse payment, device, ip;
  double reuse = 0;
  double rotation = 0;
  double reuse_with_rotation = 0;
  // The share of members run as an operator's: reusing, or behind an automation host
  // (MemberFeatures::operator_reuse).
  double operator_reuse = 0;
  double prompts_per_member = 0;
  double median_prompts = 0;
  double median_pace = 0;       // prompts per active day of the median member
  double median_span_days = 0;  // median over members of last_seen - first_seen
  double volume = 0;            // percentiles of the median member, in [0, 1]
  double pace = 0;
  double burst = 0;
  double young = 0;
  double campaign = 0;
  double lockstep = 0;
  // Most members (80%) connect through one address that more than reuse_max_members accounts
  // use and that is theirs: most of its holders are members, or the others keep the members'
  // days (the rest of an event the partition cut in two; FeatureOptions::place_min_cross_step).
  // An office's, a campus's or a venue's network, not a household's or a few accounts' address,
  // nor a proxy exit whose other holders are strangers on days of their own. Or several such
  // places, when nearly all members (80%) are each behind exactly one of them: two events the
  // partition joined (two venues' hackathons on one starter kit); a member behind several is
  // rotating, not in a place. People in one place
  // keep the same days; their common days are an operator's lockstep only for the members run as an
  // operator's, so the score counts lockstep times operator_reuse then.
  bool co_located = false;
  // The share of the members' prompts on templates of confirmed rings; set by the detection job
  // from analysts' labels (ring_scorer.h), 0 without them.
  double known_campaign = 0;
  std::vector<SharedValue> top_values;  // strongest shared values, strongest first
  std::vector<MemberFeatures> members;  // ascending account id
};

struct FeatureOptions {
  projection::ProjectionOptions projection;  // weights and cut-offs, as the graph was built
  std::size_t top_values = 8;
  // A card counts towards reuse when held by 2 members or more and by at most
  // reuse_max_members accounts in the whole population, a device when held by 2 members or
  // more; either by under 80% of the cluster, and only when the cluster's members share at
  // least two such cards or devices. A device shared by members and held by more than
  // reuse_max_members accounts in the whole population is an automation host and counts with
  // rotation whatever share of the cluster it covers (MemberFeatures::operator_reuse).
  // DOMAIN.md's "a few" (the Neo4j recipe's 10).
  std::uint32_t reuse_max_members = 10;
  // Lockstep is averaged over at most this many member pairs (a fixed sample for larger
  // clusters).
  std::uint32_t lockstep_pairs = 400;
  // A template held by more than this share of all accounts (and more than the template kind's
  // min_generic_holders) is public, not a campaign.
  double campaign_max_share = 0.1;
  // An address behind nearly all members but held mostly by accounts outside the cluster is
  // still the members' place (ClusterFeatures::co_located) when those accounts are in step with
  // the members at least this share as much as the members are with each other (each above the
  // population's baseline): the rest of one event, as a piece joins its ring
  // (piece_adoption.h's min_cross_step).
  double place_min_cross_step = 0.5;
};

// The most holders a template may have and still count towards a campaign (campaign_max_share
// of the accounts, and at least the template kind's min_generic_holders).
double CampaignMaxHolders(const FeatureOptions& options, std::uint64_t num_accounts);

class ClusterFeatureExtractor;

// What one Run() describes, when not every cluster needs describing afresh.
struct ExtractionScope {
  // Only the clusters it accepts are described, and clusters() holds only them; unset: all.
  std::function<bool(ClusterIndex)> wanted;
  // An extractor that ran earlier on another partition of the same accounts, over the same
  // snapshot, graph, weights, population and options. A cluster whose members are exactly those
  // of one of its clusters takes that cluster's features instead of being described again:
  // features depend on the member set only. known_campaign, which the detection job sets after
  // extraction, is cleared. The features are moved out of it: discard it after Run().
  ClusterFeatureExtractor* earlier = nullptr;
};

class ClusterFeatureExtractor {
 public:
  // REQUIRES: membership.size() == graph.num_vertices() == snapshot.num_accounts() ==
  // population.num_accounts(); `weights` are the ones the graph was projected with.
  ClusterFeatureExtractor(const store::StoreSnapshot& snapshot, const CsrGraph& graph,
                          const std::vector<ClusterIndex>& membership,
                          const projection::ValueWeights& weights,
                          const PopulationProfile& population, FeatureOptions options);

  // Phases: group (members per cluster), reuse (what `scope.earlier` already described),
  // structure (internal links from the graph), evidence (shared values, identity and behaviour
  // from the store).
  Status Run(const ExtractionScope& scope = {});

  // Clusters of size >= 2, in increasing cluster index.
  const std::vector<ClusterFeatures>& clusters() const { return clusters_; }
  // The same, for the detection job to add what labels teach (known_campaign).
  std::vector<ClusterFeatures>& mutable_clusters() { return clusters_; }
  // Members of a cluster, ascending.
  std::vector<AccountId> Members(ClusterIndex cluster) const;
  // Clusters whose features were taken from `scope.earlier` in the last Run().
  std::size_t reused() const { return reused_; }

 private:
  Status DescribeEvidence(ClusterFeatures& f);
  // Whether the holders of `address` outside f's cluster keep the days of `members` (f's members
  // with prompts), whose mean day overlap is `within` above the population's baseline
  // (FeatureOptions::place_min_cross_step).
  Result<bool> InStepWithOthersThere(const ClusterFeatures& f, SignalId address,
                                     std::span<const AccountId> members, double within) const;
  // Copies `earlier`'s features into the clusters whose member sets it holds; marks them in
  // `copied` (by position in clusters_).
  void ReuseEarlier(ClusterFeatureExtractor& earlier, std::vector<bool>& copied);

  const store::StoreSnapshot& snapshot_;
  const CsrGraph& graph_;
  const std::vector<ClusterIndex>& membership_;
  const projection::ValueWeights& weights_;
  const PopulationProfile& population_;
  FeatureOptions options_;
  std::vector<std::uint64_t> member_offsets_;  // per cluster index
  std::vector<AccountId> members_;
  std::vector<ClusterFeatures> clusters_;
  std::size_t reused_ = 0;
};

}  // namespace ringgraph::detection
