// Splits a flagged cluster that holds several rings run behind one front.
//
// Some rings share all of their identity: a reseller sells the same few cards on file and the
// same exits to every operator that buys accounts from it, so the rings behind it hold the same
// values and the partition cannot cut between them (population B's reseller rings; DOMAIN.md,
// "resellers"). What the operators do not share is their campaign: each runs its own mix of
// templates on its own days. Two members of one ring send their prompts on the same templates
// and are active on the same days; two members of different rings behind one front differ in
// one or the other.
//
// So every pair of members is scored by how alike their campaigns are:
//   likeness(a, b) = cos(template mix of a, template mix of b) * step(a, b)
//   step(a, b)     = max(0, (J(days a, days b) - J0) / (1 - J0))
// with the template mix the member's prompt count per template, J the Jaccard overlap of the
// two members' active days and J0 the population's baseline overlap of two random accounts
// (population_profile.h): how much more in step the two are than strangers, on templates they
// both run. Nothing in it is a fixed scale.
//
// The members are partitioned on that likeness by CPM with the cluster's own mean likeness as
// the resolution: a part forms only where members are more alike than the cluster is on
// average, so the unit is the cluster, at any size and for any population. Leiden finds parts
// even in a uniform group, by chance, so a split is kept only when its parts are clearly
// distinct: the mean likeness of pairs across parts is at most max_cross_share of that of pairs
// inside one (one campaign: the two are equal; several: across is near 0; 0.5 is halfway).
// Members too small a part to stand (fewer than min_part, such as members without prompts)
// join the part they are most alike, else the largest. The bar holds for each two parts too:
// beside a campaign unlike it, one ring cut by start day passes as a whole (pairs across the
// two rings are not alike at all), so parts whose pairs across are more than max_cross_share
// as alike as pairs inside them are joined again, least distinct first.
//
// Rings behind one front that share some templates (one runs four, another two of the same
// four, in the same week) are more alike across than that bar allows. The verify phase then
// asks a second question, of templates rather than pairs: does the cluster hold members that
// never send a template, far more of them than chance allows? If every member drew its prompts
// from the cluster's template mix, a member of n prompts would miss a template of share s with
// probability (1 - s)^n, and the number of members missing it would be about Poisson with mean
// the sum of those; a template whose count of members without it is in that Poisson's upper
// tail at contrast_alpha (shared among the templates tested, Bonferroni) marks a campaign. The
// test is on the whole cluster, so it does not depend on where Leiden cut. Parts that differ in
// such a template - most of one sends it, most of the other does not - are kept apart; parts
// that differ in none are joined again, and the cluster splits when two or more groups remain.
// A template held under two ids would pass this test too (members send one id or the other),
// which is why the dictionary keeps one id per template (TemplateDictionary::Learn).
//
// Where many rings behind one front run overlapping subsets of the same templates in the same
// weeks, Leiden's parts mix the rings and neither question tells them apart. A third then groups
// the members by the set of contrasting templates each sends, read only from members whose
// prompts would have shown every template they lack had their campaign run it; sets that enough
// members hold stand, and the rest join the group whose set covers what they send. One
// operator may send different subsets from different accounts, so groups that share a card or
// device of their own (most of its holders in the cluster, unlike a reseller's card on file for
// thousands) are joined again.
//
// A part may itself hold several campaigns (two rings alike enough to stay together at the
// whole cluster's resolution), so each part of a split is tried again, at its own resolution.
//
// The partition cuts a front where it likes, not where the rings behind it part: flagged
// clusters may each hold some of every ring behind one reseller, a few members of a ring in
// each. So the clusters behind one front are split as one (the front phase): clusters that hold
// a card or device in common, each with most of its members on such shared values, are pooled,
// and their members split by campaign together. A cluster with only a member or two on the
// front's cards (a card farm holding two of the reseller's accounts) stays out: pooled, its
// own ring could be joined with a ring behind the front that runs the same campaign on the same
// days, which only their identities tell apart.
//
// Clusters split one by one (a front too large, or a cluster alone) still leave one ring in
// parts of two clusters. So the parts of clusters that
// split are joined again across clusters by the same test that split them: a part and a part of
// another split cluster that hold a card or device in common (the same front) become one when
// their members together are one campaign - Split() on their union finds no distinct parts.
// Addresses do not make a front: proxy providers sell the same exits to many operators (on
// population B at 1M, joining across shared exits put rings of different operators together),
// while a front's cards on file and devices are its own. Each part tries the parts whose template
// mix (the sum of its members' mixes) is most like its own, rejoin_candidates of them, largest
// parts first; parts one cluster split into are never joined again, directly or through another.
//
// Phases: front (each candidate's cards and devices read once; candidate clusters pooled by
// the ones most of their members share with another), mix (each member's template mix and prompt
// count, from the store), score (likeness of every pair of members, in parallel), partition (CPM
// Leiden on the likeness graph), verify (parts distinct enough by likeness, as a whole and two by
// two, or by contrasting templates, or groups by the template set members send, or the cluster
// stays whole), relabel (the first part keeps the cluster's index, the others take new ones), and
// again on each part; then rejoin (parts of different clusters that are one campaign behind one
// front, joined; indices made dense again).
//
// Thread safety: one Run() per object; reads the snapshot from the calling thread only.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "graph/common/csr_graph.h"
#include "graph/common/status.h"
#include "graph/detection/cluster_features.h"
#include "graph/detection/population_profile.h"
#include "graph/projection/account_projection.h"
#include "graph/store/account_store.h"

namespace ringgraph::detection {

struct CampaignSplitOptions {
  // Clusters with fewer members are left whole; so are clusters with more (pairs grow as the
  // square of the size).
  std::uint32_t min_members = 10;
  std::uint32_t max_members = 12000;
  // A part needs this many members to stand as a cluster of its own (a carved ring's minimum,
  // detection_job.h's carve_min_members).
  std::uint32_t min_part = 3;
  // A split is kept when pairs across parts are at most this share as alike as pairs inside.
  // Leiden finds some split in any group, so the test is against the best split of one
  // campaign, not against 1: on `ringctl gen`'s populations (30k seeds 1 and 2, and the stress
  // population), which plant no rings behind a shared front, the splits found in single rings
  // (members starting a few days apart) had pairs across parts 0.40 to 0.82 as alike as
  // inside; half the lowest of those is the bar. Rings behind one front split at 0.00 to 0.13
  // on population B.
  double max_cross_share = 0.2;
  // The same bar for each two parts of a split that passed it as a whole: parts less distinct
  // than that are joined again (Leiden cuts one campaign by start day beside a campaign unlike
  // it, and the whole passes only thanks to that other campaign).
  bool verify_each_pair = true;
  // The significance at which a template's absence marks a campaign (verify, second way), for
  // the whole cluster: divided among the templates tested (Bonferroni). A conventional level,
  // not fitted: at 0 the second way never splits.
  double contrast_alpha = 1e-3;
  // Parts of other split clusters each part is tested with (rejoin); 0 never rejoins.
  std::uint32_t rejoin_candidates = 3;
  // When Leiden's parts are not distinct, the members grouped by the contrasting templates they
  // send (GroupByTemplateSet); false leaves such a cluster whole.
  bool split_by_template_set = true;
  // Candidate clusters behind one front (a card or device in common) are split as one.
  bool join_fronts = true;
  std::uint64_t seed = 1;
};

struct CampaignSplitReport {
  std::uint64_t clusters_considered = 0;
  std::uint64_t clusters_split = 0;
  std::uint64_t parts_made = 0;
  std::uint64_t not_distinct = 0;    // splits found and rejected by the verify phase
  std::uint64_t parts_rejoined = 0;  // parts joined to a part of another cluster
  std::uint64_t fronts_joined = 0;   // fronts of two or more clusters, split as one
  std::uint64_t front_clusters = 0;  // the clusters those fronts held
};

// A member's prompts per template, scaled to unit length, by ascending template id.
using TemplateMix = std::vector<std::pair<SignalId, double>>;

// What a member's prompts say of its campaign.
struct MemberCampaign {
  TemplateMix mix;
  std::vector<std::pair<SignalId, std::uint64_t>> counts;  // prompts per template, ascending id
  std::uint64_t prompts = 0;                               // all its prompts, on a template or not
};

class CampaignSplit {
 public:
  // `projection` tells the identity kinds (linking, not profile) that put parts behind one front.
  CampaignSplit(const store::StoreSnapshot& snapshot, const projection::ValueWeights& weights,
                const projection::ProjectionOptions& projection,
                const PopulationProfile& population, CampaignSplitOptions options);

  // Splits the clusters of `membership` (cluster per account, dense) for which `candidate`
  // holds, in place; new clusters take indices after the largest one.
  Status Run(std::vector<ClusterIndex>* membership,
             const std::function<bool(ClusterIndex)>& candidate);
  const CampaignSplitReport& report() const { return report_; }

  // The likeness of two members (see above), for tests.
  static double Likeness(const TemplateMix& a, const TemplateMix& b,
                         std::span<const std::uint32_t> days_a,
                         std::span<const std::uint32_t> days_b, double baseline);

  // What the partition and verify phases make of one cluster.
  struct Parts {
    std::vector<std::uint32_t> part;  // per member; part 0 is the largest
    std::uint32_t count = 1;          // 1: the cluster stays whole
    bool rejected = false;            // parts were found but are not distinct enough
  };
  // The score, partition and verify phases for one cluster's members, given their campaigns
  // (parallel to `members`).
  Result<Parts> Split(std::span<const AccountId> members,
                      const std::vector<MemberCampaign>& campaigns) const;
  // The templates whose absence marks a campaign among `campaigns` at significance `alpha`
  // (the verify phase's second question above), ascending.
  static std::vector<SignalId> Contrasting(const std::vector<MemberCampaign>& campaigns,
                                           double alpha);

 private:
  Status ReadCampaigns(std::span<const AccountId> members,
                       std::vector<MemberCampaign>* campaigns) const;
  // One part of a split cluster.
  struct SplitPart {
    ClusterIndex parent = 0;  // the cluster it was split from
    ClusterIndex index = 0;   // its own index
    std::vector<AccountId> accounts;
    std::vector<MemberCampaign> campaigns;  // parallel to accounts; empty until read
  };
  // The members grouped by the set of contrasting templates they send (verify, third way): sets
  // read only from members with prompts enough to have shown every template of their campaign;
  // the groups of min_part or more stand, largest first, and every member joins the one whose
  // set covers what it sends and whose mix is most like its own. Returns the groups' count (1:
  // no split). Groups that share a card or device of their own (most of its holders in the
  // cluster) are one operator's and joined again.
  std::uint32_t GroupByTemplateSet(std::span<const AccountId> members,
                                   const std::vector<MemberCampaign>& campaigns,
                                   std::vector<std::uint32_t>& part) const;
  // Parts whose pairs across are more than max_cross_share as alike as pairs inside them joined,
  // least distinct first (the verify phase's test, per two parts); the parts left renumbered
  // largest first. Returns their count.
  std::uint32_t JoinIndistinct(const CsrGraph& graph, std::vector<std::uint32_t>& part,
                               std::uint32_t count) const;
  // Reads, once, the values of every candidate account that can put clusters behind one front
  // (front_values_): identity kinds other than addresses.
  Status ReadFrontValues(const absl::flat_hash_map<ClusterIndex, std::vector<AccountId>>& members);
  // The front phase: the candidate clusters grouped by the card or device values they share;
  // a group too small or too large to split as one is listed cluster by cluster.
  std::vector<std::vector<ClusterIndex>> GroupFronts(
      const absl::flat_hash_map<ClusterIndex, std::vector<AccountId>>& members) const;
  // The rejoin phase, over the parts of every cluster that split; reads the campaigns of the
  // parts that have none yet.
  Status Rejoin(std::vector<SplitPart>& parts, std::vector<ClusterIndex>& assigned);
  // Parts that differ in no contrasting template joined (verify, second way); the joined parts
  // renumbered largest first. Returns their count.
  std::uint32_t JoinUncontrasted(const std::vector<MemberCampaign>& campaigns,
                                 std::vector<std::uint32_t>& part, std::uint32_t count) const;

  const store::StoreSnapshot& snapshot_;
  const projection::ValueWeights& weights_;
  const projection::ProjectionOptions& projection_;
  const PopulationProfile& population_;
  CampaignSplitOptions options_;
  CampaignSplitReport report_;
  // Per candidate account, its card and device values (ReadFrontValues).
  absl::flat_hash_map<AccountId, std::vector<SignalId>> front_values_;
};

}  // namespace ringgraph::detection
