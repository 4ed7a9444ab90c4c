// Stable cluster ids across detection runs, and the history of how clusters changed.
//
// The previous run's clusters and the new run's are matched by member overlap. A new cluster
// keeps a previous cluster's id when their Jaccard similarity |A ∩ B| / |A ∪ B| is at least
// `keep_id_jaccard`, taking the best pairs first and each id once. The events recorded:
//   continue  a new cluster kept a previous id;
//   birth     a new cluster took a fresh id and holds no majority of any previous cluster;
//   merge     a new cluster holds at least `majority` of each of two or more previous clusters;
//   split     at least `majority_part` of a previous cluster went to two or more new clusters,
//             each receiving at least `min_part` of its members;
//   death     a previous cluster kept no id and went into no merge or split.
// Fresh ids come from a counter persisted with the clustering, so an id is never reused.
//
// Thread safety: a pure function of its inputs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/common/types.h"

namespace ringgraph::detection {

struct PreviousCluster {
  std::uint64_t id = 0;
  std::vector<AccountId> members;  // ascending
};

struct MatchingOptions {
  double keep_id_jaccard = 0.5;
  double majority = 0.5;
  double min_part = 0.2;
};

struct MatchingResult {
  std::vector<std::uint64_t> ids;   // parallel to the new clusters
  std::vector<std::string> events;  // JSON objects, one per event
  std::uint64_t next_id = 0;        // the counter after this run
  std::uint64_t kept = 0, born = 0, merged = 0, split = 0, died = 0;
};

// `current` holds each new cluster's members, ascending. `next_id` is the persisted counter.
MatchingResult MatchClusters(const std::vector<PreviousCluster>& previous,
                             const std::vector<std::vector<AccountId>>& current,
                             std::uint64_t next_id, const MatchingOptions& options = {});

}  // namespace ringgraph::detection
