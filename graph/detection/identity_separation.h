// Separates clusters that are two operations joined only by behaviour. The detection job applies
// it to flagged clusters (detection_job.h): an honest cluster may well be several identity groups
// tied by one template (a reseller's customers on its cards), and carving handles rings hidden in
// those.
//
// One operator's accounts share infrastructure: cards, automation hosts, proxy exits. Behaviour
// travels further: rings copy the same public jailbreak wrapper or buy the same extraction
// templates, and a template held by a few dozen accounts weighs enough for the partition to
// join two rings that share nothing else (issue 12: "shared infrastructure between rings must not
// merge them"). So after the partition each cluster is checked for its identity groups: the
// members joined, directly or through other members, by identity values (every kind that is not
// a profile kind, such as templates, and that links accounts: payment, device, IP, declared kinds)
// held by two members or more.
//
// A cluster is split when it falls into at least two identity groups of `min_group_members` or
// more that together hold at least `min_covered` of its members, and no template the groups
// share is mostly theirs: then its behaviour ties are between operations, not within one. A
// template that most of its holders in the population run from inside the cluster is the
// cluster's own campaign, and a ring whose cards, hosts and exits happen to fall into two sets
// (a card farm sharing little) stays one; a template held mostly outside the cluster was bought
// or copied, and ties nothing. A template that is mostly theirs can still be two operations'
// (two rings pasting one jailbreak wrapper that few others use), and what tells them apart is
// their rhythm, as when flagged pieces are regrouped (piece_reassembly.h): one operator runs all
// its accounts on the same days, so members of two of its groups are as much in step as members
// of one, while two operators keep their own days. So with a campaign of their own, groups are
// kept together when they are in step with each other (PopulationProfile::StepAcross, share at
// least `min_cross_step`) or when the test cannot tell (members of a group not in step above the
// population, or without prompts), and the cluster is split only between groups that are not.
// Members in smaller groups (a member whose only tie is a template) go with the group they have the
// most projected weight to. A cluster with one such group, or whose members are mostly tied by
// behaviour alone (strangers on one popular template; a ring whose every account has its own card,
// device and exit), is left whole: the rule only separates what identity evidence itself separates.
//
// Per cluster, three steps: groups (union-find over the members' identity values), campaign (the
// templates the large groups share, against their holders in the population), then assign (the
// members outside the large groups). Cluster indices stay dense: new parts are numbered
// after the last cluster.
//
// Thread safety: one Run() per object; reads the snapshot only.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "graph/common/csr_graph.h"
#include "graph/common/status.h"
#include "graph/detection/cluster_features.h"
#include "graph/detection/population_profile.h"
#include "graph/projection/account_projection.h"
#include "graph/store/account_store.h"

namespace ringgraph::detection {

struct IdentitySeparationOptions {
  std::uint32_t min_group_members = 3;
  double min_covered = 0.8;
  // Groups sharing a campaign of their own stay together when members across two groups are in
  // step at least this share as much as members inside a group (each above the population's
  // baseline): halfway between one operator (1) and two (0), as PieceReassemblyOptions has it.
  double min_cross_step = 0.5;
  // Member pairs sampled each way per pair of groups.
  std::uint32_t step_pairs = 400;
  // Join members only by values that are the cluster's own: more than half of their holders in
  // the whole population are members. A value held mostly outside is a place or a provider the
  // members pass through with strangers (a campus's addresses, a reseller's exits), not one
  // operation's infrastructure. Off for the partition's clusters, whose large rings are held
  // together by exits they share with others; on for the groups carving assembles
  // (DetectionOptions::carve_separation).
  bool own_values_only = false;
  // Groups that share a campaign of their own are split only where out of step (above). Off
  // for carving groups, which are split into their identity groups whatever they share: the
  // standouts of many honest groups (the heaviest members of a university's labs, on its
  // harness templates and busy on the same launch days) pass both tests together, while a ring's
  // groups carved apart are pieces that regrouping joins again by shared values and rhythm
  // (piece_reassembly.h).
  bool own_campaign_keeps_together = true;
};

struct IdentitySeparationReport {
  std::uint64_t clusters_split = 0;
  std::uint64_t clusters_made = 0;  // the parts the split clusters became
  // Of the split clusters, those whose groups shared a campaign of their own and were split
  // by rhythm.
  std::uint64_t out_of_step = 0;
};

class IdentitySeparation {
 public:
  IdentitySeparation(const store::StoreSnapshot& snapshot, const CsrGraph& graph,
                     const projection::ValueWeights& weights,
                     const projection::ProjectionOptions& projection,
                     IdentitySeparationOptions options = {});
  // With the population's rhythm, groups that share a campaign of their own are split when they
  // are out of step; without it (the constructor above) such clusters are kept whole.
  IdentitySeparation(const store::StoreSnapshot& snapshot, const CsrGraph& graph,
                     const projection::ValueWeights& weights,
                     const projection::ProjectionOptions& projection,
                     const PopulationProfile& population, IdentitySeparationOptions options = {});

  // Rewrites `membership` (dense cluster indices per account) with the split clusters; only the
  // clusters `consider` accepts are examined (all when it is empty).
  Status Run(std::vector<ClusterIndex>* membership,
             const std::function<bool(ClusterIndex)>& consider = {});
  const IdentitySeparationReport& report() const { return report_; }

 private:
  // The identity groups of one cluster's members, as a group index per member.
  Result<std::vector<std::uint32_t>> IdentityGroups(const std::vector<AccountId>& members) const;
  // Whether members of two of the large groups (the keys of `part_of_group`) share a template
  // that more than half of its holders in the whole population run from inside this cluster.
  Result<bool> SharesACampaignOfItsOwn(
      const std::vector<AccountId>& members, const std::vector<std::uint32_t>& group,
      const absl::flat_hash_map<std::uint32_t, ClusterIndex>& part_of_group) const;
  // The large groups (`large`, largest first) joined where they are in step or the test cannot
  // tell: a set index per large group, 0 for the largest group's set.
  std::vector<std::uint32_t> RhythmSets(const std::vector<AccountId>& members,
                                        const std::vector<std::uint32_t>& group,
                                        const std::vector<std::uint32_t>& large) const;

  const store::StoreSnapshot& snapshot_;
  const CsrGraph& graph_;
  const projection::ValueWeights& weights_;
  const projection::ProjectionOptions& projection_;
  const PopulationProfile* population_ = nullptr;
  IdentitySeparationOptions options_;
  IdentitySeparationReport report_;
};

}  // namespace ringgraph::detection
