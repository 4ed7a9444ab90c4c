// Attaches stray ring members - accounts no cluster holds - to the flagged cluster they belong to.
//
// The partition (CPM, leiden_partitioner.h) keeps an account in a community only while its
// evidence per member stays above the resolution. In a large population a ring's proxy exits are
// shared with other rings and with honest proxy customers, so each exit weighs little; a member
// that shares no card or host with the ring, only two or three of its exits and its templates,
// falls below the resolution and is left alone. At 30k accounts the same exits are rare and the
// member is held; at 1M it is not. What ties the member to its ring is not one strong link but
// many values that the ring's members hold and the rest of the population rarely does.
//
// So each stray is judged against each flagged cluster it is linked to in the graph by a naive
// Bayes test of membership, every rate read from the population (membership_odds.h): the
// log-odds that an account holding its values is a member of the cluster rather than anyone
// else. A stray joins the cluster of highest log-odds among those it is a likely member of:
// log-odds above min_log_odds (0: more likely a member than not), and neither its identity
// values nor its behaviour, read alone, against it.
//
// Attached strays are then judged as members like any other (ring_scorer.h, and the same test
// when their own evidence falls short: detection_job.h).
//
// Phases: candidates (strays, and the flagged clusters each is linked to in the graph), tally
// (per candidate cluster: how many members hold each value), judge (each stray's log-odds per
// candidate), attach (each stray to its best cluster above the bar; the tallies are not updated
// in between, so the order does not matter).
//
// Thread safety: one Run() per object; reads the snapshot only.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "graph/common/csr_graph.h"
#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/detection/cluster_features.h"
#include "graph/detection/membership_odds.h"
#include "graph/projection/account_projection.h"
#include "graph/store/account_store.h"

namespace ringgraph::detection {

struct StrayAttachmentOptions {
  // A stray joins a cluster whose posterior log-odds of holding it exceeds this. 0 is "more
  // likely a member than not"; not fitted.
  double min_log_odds = 0.0;
  // Clusters of at most this many members are strays' (1: accounts alone).
  std::uint32_t max_stray_cluster = 1;
};

struct StrayAttachmentReport {
  std::uint64_t strays = 0;    // strays linked to a candidate cluster
  std::uint64_t attached = 0;  // strays attached
  std::uint64_t clusters = 0;  // clusters that gained a stray
};

class StrayAttachment {
 public:
  // `projection` tells the evidence kinds (weight > 0).
  StrayAttachment(const store::StoreSnapshot& snapshot, const CsrGraph& graph,
                  const projection::ValueWeights& weights,
                  const projection::ProjectionOptions& projection,
                  StrayAttachmentOptions options = {});

  // Moves strays of `membership` (cluster per account) into the clusters for which `candidate`
  // holds, in place; then makes the indices dense again, keeping their order.
  Status Run(std::vector<ClusterIndex>* membership,
             const std::function<bool(ClusterIndex)>& candidate);
  const StrayAttachmentReport& report() const { return report_; }

 private:
  const CsrGraph& graph_;
  MembershipOdds odds_;
  StrayAttachmentOptions options_;
  StrayAttachmentReport report_;
};

}  // namespace ringgraph::detection
