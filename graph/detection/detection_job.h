// The detection job: project, partition, describe, score, match ids, and commit a clustering.
//
// Run() goes through named phases:
//   templates  when `refresh_templates` is set: learn templates from the prompts that matched
//              none and settle the prompts they claim (graph/ingest/template_refresh.h), so
//              that detection sees every template; then one consistent snapshot is read
//   project    the weighted account graph (graph/projection)
//   partition  communities of that graph, by the injected partitioner (Leiden in production)
//   features   the population's behaviour (population_profile.h), then whole-cluster features
//              for every cluster of at least min_cluster_size accounts. First, the clusters are
//              scored once, with the known campaigns of the clusters flagged so far (as in
//              "campaigns" below, so that members and carved groups count the extraction
//              templates they run), and refined. A flagged cluster whose members fall into two
//              or more groups tied by no card, device or address, only by templates, is split
//              into those groups: rings that bought the same extraction templates are two
//              operations (identity_separation.h); each part is then scored on its own. Then
//              rings are carved out of the clusters they hide in: a ring that shares a reseller's
//              cards and exits with its honest customers sits in clusters with them, a few of its
//              accounts in each, and those clusters, mostly honest, are not flagged. In an
//              unflagged cluster the members far more ring-like than the cluster (own evidence
//              above the cluster's by member_margin: the mirror of leaving a clearly unlike
//              member out of a flagged cluster) are standouts. Standouts are grouped by the links
//              among them: any two linked in one cluster, and across clusters those whose own
//              evidence reaches the flag threshold. Rings can also hide behind values held by
//              so many accounts that they link nobody (a large reseller's cards and exits): the
//              accounts in no flagged cluster and no such group that send most of their prompts
//              on the templates flagged rings run are grouped by the generic identity values
//              they share. A group must be one operation: when its standouts fall into two or
//              more identity groups, joined by values of their own, each is a group
//              (identity_separation.h, carve_separation; a ring's groups carved apart are
//              pieces that regrouping joins again). A group
//              of carve_min_members or more whose logit, scored as a cluster of its own,
//              reaches carve_margin becomes one; its campaign counts only the templates more
//              of its members run than the rest of the clusters they stand out of: a lab's
//              heaviest users run the lab's harness templates, a ring among a reseller's
//              customers its own. Last,
//              with reassemble_pieces, the clusters are scored again and the flagged ones
//              that are pieces of one large ring (a ring of hundreds of accounts is too sparse
//              for the partition's resolution; its pieces share most of their exits, cards and
//              hosts) are regrouped by CPM one level up, each link weighed by how much the two
//              pieces' members are active on the same days, and a group is kept when its
//              members are in step across pieces as inside them (piece_reassembly.h). Then,
//              with split_campaigns, a flagged cluster (or regrouped ring) whose members fall
//              into groups that run clearly different campaigns - other templates, other
//              days - is split into them: rings behind one reseller's cards and exits share
//              every identity value and differ only there (campaign_split.h). With
//              adopt_pieces, an unflagged cluster most of whose members hold mostly one larger
//              flagged ring's identity values, and whose members keep that ring's days, joins it
//              (piece_adoption.h); the pieces that would leave their ring unflagged are given
//              back. Last, with attach_strays, accounts no cluster holds are attached to the
//              flagged cluster they are most likely members of by the values they hold, read
//              against the population's rates: a ring member tied in by a few of the ring's exits
//              and its templates, each shared with many at 1M accounts (stray_attachment.h). Each
//              scoring after the first describes only the clusters the steps before it changed; the
//              others keep the features they had (ExtractionScope), and carved groups are
//              described alone
//   score      the ring score of each cluster, then analysts' labels: a cluster labelled a ring,
//              or holding an account labelled a ring, is raised to at least label_ring_floor; a
//              cluster labelled benign, or whose members are labelled benign, is damped. In a
//              flagged cluster every member is then judged on its own evidence (ring_scorer.h);
//              one whose evidence falls short stays when the values it holds make it a likely
//              member of the ring all the same - of the members whose evidence keeps them in
//              it, not of the whole cluster (keep_likely_members, membership_odds.h)
//   match      stable ids against the previous clustering (Jaccard), with history events
//   campaigns  the templates this run's flagged rings ran: a template more than half of whose
//              holders in the whole population are members of flagged clusters is an extraction
//              campaign's, so a cluster whose prompts run on it, and that another flagged ring
//              ran too, has that share as its known-campaign factor (when labels give a larger
//              one, that stays). The flagged rings are the clusters the default weights flag,
//              and those analysts labelled rings (not those labelled benign); "learn" then fits
//              on the factor as it is, and "score" scores every cluster with it. What analysts do
//              by hand - a template seen in confirmed rings marks the next ring that runs it - done
//              with the run's own confident flags; popular public templates, held mostly by
//              accounts no ring holds, never count
//   learn      with ring labels, the known-campaign factor of every cluster (the share of its
//              prompts on templates other confirmed rings ran: ring_scorer.h); then the score's
//              weights refitted on analysts' labels once there are enough (label_learner.h),
//              otherwise the defaults
//   write      the new clustering version, in one transaction (readers keep the previous one
//              until it commits), keeping the newest keep_versions versions
//
// Thread safety: one Run() at a time per store (the store serialises writers anyway).
#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/csr_graph.h"
#include "graph/common/status.h"
#include "graph/detection/campaign_split.h"
#include "graph/detection/cluster_details.h"
#include "graph/detection/cluster_features.h"
#include "graph/detection/cluster_matching.h"
#include "graph/detection/identity_separation.h"
#include "graph/detection/label_learner.h"
#include "graph/detection/piece_adoption.h"
#include "graph/detection/piece_reassembly.h"
#include "graph/detection/population_profile.h"
#include "graph/detection/ring_scorer.h"
#include "graph/detection/stray_attachment.h"
#include "graph/projection/account_projection.h"
#include "graph/store/account_store.h"
#include "graph/store/detection_store.h"

namespace ringgraph::detection {

// Assigns every vertex a cluster index (dense from 0). Reports its own phases through `phase`.
using Partitioner = std::function<Result<std::vector<ClusterIndex>>(
    const CsrGraph& graph, const std::function<void(std::string_view, double)>& phase)>;

struct DetectionOptions {
  FeatureOptions features;  // includes the projection's weights and cut-offs
  ScoringWeights scoring;
  LabelLearningOptions learning;
  MatchingOptions matching;
  std::uint32_t min_cluster_size = 2;
  // Split flagged clusters joined only by behaviour (see "features" above).
  bool separate_identities = true;
  IdentitySeparationOptions separation;
  // Carve rings out of unflagged clusters (see "features" above).
  bool carve_rings = true;
  std::uint32_t carve_min_members = 3;
  double carve_margin = 1.5;  // log-odds: a carved group scores at least 0.82
  // How a carving group is checked for being one operation: by the values that are its own, and
  // split when two identity groups of min_group_members are in it, however much of it they hold
  // (see "features" above).
  IdentitySeparationOptions carve_separation = {
      .min_covered = 0.0, .own_values_only = true, .own_campaign_keeps_together = false};
  // Then regroup flagged clusters that are pieces of one large ring (see "features" above),
  // keeping a group only when its pieces are in step with each other as one operator's are:
  // rings that buy exits from one provider share them, but not their working days
  // (PieceReassemblyOptions::min_cross_step; README, "Large rings regrouped").
  bool reassemble_pieces = true;
  PieceReassemblyOptions reassembly;
  bool split_campaigns = true;
  CampaignSplitOptions campaign_split;
  // Then join unflagged pieces of a flagged ring to it (see "features" above).
  bool adopt_pieces = true;
  PieceAdoptionOptions adoption;
  // Last, attach accounts no cluster holds to the flagged cluster they are most likely members
  // of, by a naive Bayes test against the population (stray_attachment.h).
  bool attach_strays = true;
  StrayAttachmentOptions stray_attachment;
  std::uint32_t keep_versions = 7;
  double label_ring_floor = 0.95;
  // In a flagged cluster, leave unflagged the members whose own evidence falls below the flag
  // threshold (ring_scorer.h), such as honest customers of a proxy reseller that share a few
  // exits with a ring and none of its behaviour. Confirmed rings flag every member.
  bool judge_members = true;
  // Then leave those members out of the cluster, into no cluster: the cluster a fraud system
  // is told an account is in is then the ring an analyst acts on, not the ring and whatever
  // honest accounts hung on to it by a shared exit or template. The cluster's labels count
  // them. False keeps them in, listed unflagged.
  bool leave_out_spared_members = true;
  // But keep a member whose own evidence falls short when the values it holds make it far more
  // likely one of the ring's members than anyone else (membership_odds.h: log-odds above 0,
  // neither its identity values nor its behaviour against it). The ring is counted over the
  // members that keep their flag (when fewer than two do, all members but the one judged):
  // in a mixture of a ring and its proxy's honest customers, the customers' own values, counted
  // over everyone, would make each of them a likely member of the mixture. A
  // ring member on none of the ring's cards or hosts, tied in by its exits and templates alone, is
  // unlike the ring's identity pattern yet plainly its.
  bool keep_likely_members = true;
  // Run first, as the "templates" phase; it sets *detail to a line for the log. Optional.
  std::function<Status(std::string* detail)> refresh_templates;
  // Count the templates this run's own flagged rings ran as known extraction templates (see
  // "campaigns" above), as confirmed rings' templates are.
  bool learn_run_campaigns = true;
  // Called after each phase with its name, seconds, and a short detail line.
  std::function<void(std::string_view phase, double seconds, const std::string& detail)> on_phase;
};

struct RingSummary {
  std::uint64_t id = 0;
  std::uint32_t size = 0;
  double score = 0;
  std::string summary;
};

struct DetectionSummary {
  std::uint64_t version = 0;
  std::uint64_t accounts = 0;
  std::uint64_t graph_edges = 0;
  std::uint64_t clusters = 0;  // of at least min_cluster_size accounts
  std::uint64_t flagged = 0;
  std::uint64_t accounts_flagged = 0;
  // Members of flagged clusters judged not part of the ring and left out of them.
  std::uint64_t accounts_left_out = 0;
  MatchingResult matching;
  LabelLearningReport learning;
  std::vector<RingSummary> top_rings;  // highest score first, flagged only
  double seconds = 0;
};

class DetectionJob {
 public:
  DetectionJob(store::AccountStore& store, store::DetectionStore& stores, Partitioner partitioner,
               DetectionOptions options);
  DetectionJob(const DetectionJob&) = delete;
  DetectionJob& operator=(const DetectionJob&) = delete;

  Status Run();
  const DetectionSummary& summary() const { return summary_; }

 private:
  // Sets known_campaign on every kept cluster from the labels (see "learn" above).
  Status MarkKnownCampaigns(const store::StoreSnapshot& snapshot,
                            const std::vector<std::vector<AccountId>>& members,
                            const std::vector<std::optional<bool>>& verdict,
                            const absl::flat_hash_map<AccountId, std::string>& account_verdict,
                            const projection::ValueWeights& weights,
                            std::vector<ClusterFeatures*>& kept) const;
  // The templates the flagged clusters ran that are campaigns of rings (see "campaigns"
  // above), each with the flagged clusters that ran it.
  struct RunCampaigns {
    struct Runners {
      std::size_t clusters = 0;  // flagged clusters that ran it, counted up to two
      std::size_t first_cluster = 0;
    };
    absl::flat_hash_map<SignalId, Runners> templates;
  };
  // Finds the templates the flagged clusters ran that are campaigns of rings, and raises
  // known_campaign on every kept cluster by them (see "campaigns" above).
  Result<RunCampaigns> MarkRunCampaigns(const store::StoreSnapshot& snapshot,
                                        const std::vector<std::vector<AccountId>>& members,
                                        const std::vector<bool>& flagged,
                                        const projection::ValueWeights& weights,
                                        std::vector<ClusterFeatures*>& kept) const;
  // Groups of the accounts that are not `spoken_for` (in a flagged cluster or a carving group)
  // and send most of their prompts on `campaigns`' templates, joined by the generic identity
  // values they share; groups of carve_min_members or more (see "features" above).
  Result<std::vector<std::vector<AccountId>>> GroupsBehindGenericValues(
      const store::StoreSnapshot& snapshot, const projection::ValueWeights& weights,
      const RunCampaigns& campaigns, const std::vector<std::uint8_t>& spoken_for) const;
  struct Refinement {
    std::uint64_t split = 0;              // flagged clusters split by identity
    std::uint64_t parts = 0;              // the parts they became
    std::uint64_t split_out_of_step = 0;  // of those, split by rhythm (a campaign of their own)
    std::uint64_t carved = 0;             // rings carved out of unflagged clusters
    std::uint64_t joined = 0;             // flagged clusters regrouped as pieces of larger rings
    std::uint64_t groups = 0;             // the rings they became
    std::uint64_t out_of_step = 0;        // groups of pieces left apart: not one operator's rhythm
    std::uint64_t campaigns_split = 0;    // flagged clusters split into distinct campaigns
    std::uint64_t campaign_parts = 0;     // the parts they became
    std::uint64_t campaign_parts_rejoined = 0;  // parts joined to a part of another cluster
    std::uint64_t campaign_fronts = 0;          // fronts of several clusters split as one
    std::uint64_t campaign_front_clusters = 0;  // the clusters those fronts pooled
    std::uint64_t adopted = 0;           // unflagged pieces joined to the ring they are part of
    std::uint64_t adopted_members = 0;   // their members
    std::uint64_t adopting_rings = 0;    // the rings that adopted them
    std::uint64_t adoptions_undone = 0;  // of those pieces, given back: the ring lost its flag
    std::uint64_t strays_attached = 0;   // accounts no cluster held, attached to a flagged one
    std::uint64_t stray_clusters = 0;    // the clusters they joined
    // The last extraction of the refinement, on the partition before its last changes: the
    // clusters those left unchanged take its features (ExtractionScope::earlier).
    std::unique_ptr<ClusterFeatureExtractor> described;
  };
  // Scores the partition once, splits flagged clusters joined only by behaviour, carves
  // flagged groups of standout members out of unflagged clusters, then scores again and
  // regroups flagged pieces of one ring (see "features" above).
  Result<Refinement> RefineClusters(const store::StoreSnapshot& snapshot, const CsrGraph& graph,
                                    const projection::ValueWeights& weights,
                                    const PopulationProfile& population,
                                    std::vector<ClusterIndex>* membership) const;
  // Undoes the adoptions (`adopted`, clusters as numbered in `before`, the membership the piece
  // adoption was given) into every ring that the adopted clusters leave unflagged: an adoption
  // may grow a flagged ring, never hide it. Each cluster given back takes a new index after the
  // highest. Returns the clusters given back, as numbered in `before`.
  Result<absl::flat_hash_set<ClusterIndex>> KeepAdoptionsThatStayFlagged(
      const store::StoreSnapshot& snapshot, const CsrGraph& graph,
      const projection::ValueWeights& weights, const PopulationProfile& population,
      const std::vector<ClusterIndex>& before, const std::vector<ClusterIndex>& adopted,
      std::vector<ClusterIndex>* membership) const;
  // A carving group's campaign counts only the templates that are its own: run by more of its
  // members than by the rest of the clusters they stand out of (see "features" above). Rewrites
  // the campaign shares of `groups` (whose members are `group_members`; `assigned` is the
  // partition they stand out of).
  Status CountOnlyCampaignsOfTheirOwn(const store::StoreSnapshot& snapshot,
                                      const projection::ValueWeights& weights,
                                      const PopulationProfile& population,
                                      const std::vector<ClusterIndex>& assigned,
                                      const std::vector<std::vector<AccountId>>& group_members,
                                      const std::vector<ClusterFeatures*>& groups) const;
  // The first two steps of RefineClusters: identity separation and carving, from `first`, the
  // features of the partition as it comes in (its known-campaign shares are set here).
  Result<Refinement> SeparateAndCarve(const store::StoreSnapshot& snapshot, const CsrGraph& graph,
                                      const projection::ValueWeights& weights,
                                      const PopulationProfile& population,
                                      ClusterFeatureExtractor& first,
                                      std::vector<ClusterIndex>* membership) const;

  store::AccountStore& store_;
  store::DetectionStore& stores_;
  Partitioner partitioner_;
  DetectionOptions options_;
  DetectionSummary summary_;
};

// The cluster's details as stored (ToJson) and exported: features, score factors, evidence,
// labels and a summary an analyst can read.
// `member_evidence` is in the order of features.members (may be empty); it is kept rounded to
// three places.
ClusterDetails MakeClusterDetails(const ClusterFeatures& features, const RingScore& score,
                                  const std::string& summary,
                                  const std::vector<std::string>& labels,
                                  const std::vector<double>& member_evidence);
// One line for analysts, e.g. "12 accounts, 60 prompts each (97th percentile), 18 a day, 91% on
// shared templates, active days overlapping; shared cards (0.25 per account, 100% of members
// share one); strongest factors: volume, campaign, reuse".
std::string SummarizeCluster(const ClusterFeatures& features, const RingScore& score);

}  // namespace ringgraph::detection
