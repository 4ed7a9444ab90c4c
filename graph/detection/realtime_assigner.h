// Real-time flagging: between detection runs, assigns to a flagged ring the accounts that newly
// ingested evidence links to it, so that a fraud system sees them flagged within seconds.
//
// An account is assigned to the flagged cluster it is most strongly linked to when
//   link weight = sum of the pair weights (graph/projection) of the linking values it shares
//                 with flagged members of that cluster  >=  min_link_weight,
// and at least one of those values is not an IP address (DOMAIN.md: honest customers of a proxy
// reseller share exits with rings and nothing else). With the default weights, one shared card
// or device held by a handful of accounts is enough; one shared template is not.
//
// Phases of Assign():
//   candidates  the given accounts, plus the other holders of their values seen since `since`
//               (new evidence binds both ends of a link)
//   vote        per candidate not flagged already, the link weight to every flagged cluster
//   assign      the strongest cluster above the bar, with that cluster's ring score
// The nightly detection reconciles the flags (graph/store/realtime_flag_store.h).
//
// Thread safety: one Assign() per object at a time; it reads through the given snapshot.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/projection/account_projection.h"
#include "graph/store/account_store.h"
#include "graph/store/clustering_store.h"
#include "graph/store/realtime_flag_store.h"

namespace ringgraph::detection {

struct RealtimeOptions {
  projection::ProjectionOptions projection;
  double min_link_weight = 1.0;
  // At most this many candidates are examined per call; the rest wait for the nightly job.
  std::uint32_t max_candidates = 10000;
};

struct RealtimeReport {
  std::uint64_t candidates = 0;
  std::uint64_t already_flagged = 0;
  std::uint64_t assigned = 0;
  bool truncated = false;  // more candidates than max_candidates
};

class RealtimeAssigner {
 public:
  // `version` is the clustering the flags refer to (the latest committed one).
  RealtimeAssigner(const store::StoreSnapshot& snapshot, const store::ClusteringStore& clusterings,
                   std::uint64_t version, RealtimeOptions options = {});

  // Returns the new flags (not yet written). `since` bounds the second-degree candidates to
  // values seen at or after it; `now` stamps the flags and decays old evidence.
  Result<std::vector<store::RealtimeFlag>> Assign(std::span<const AccountId> accounts,
                                                  UnixSeconds since, UnixSeconds now);

  const RealtimeReport& report() const { return report_; }

 private:
  const store::StoreSnapshot& snapshot_;
  const store::ClusteringStore& clusterings_;
  std::uint64_t version_;
  RealtimeOptions options_;
  RealtimeReport report_;
};

}  // namespace ringgraph::detection
