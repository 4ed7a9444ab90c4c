// The partitioner detection uses in production (ringctl detect and ringd): connected components as
// a cheap first split, then parallel Leiden inside every component large enough to hold more than
// one community.
#pragma once

#include <cstdint>

#include "graph/detection/detection_job.h"

namespace ringgraph::detection {

struct PartitionerFlags {
  // The Constant Potts Model: a cluster holds together when the average evidence between its
  // members exceeds `resolution`, whatever the size of the population around it, so there is no
  // resolution limit that grows with the population (modularity's merges small rings into their
  // neighbourhood once the graph is large). Evidence is in the projection's units: one pair
  // sharing one value held by k accounts gets kind_weight / sqrt(k - 1).
  double resolution = 0.15;
  std::uint64_t seed = 1;
  // A second pass starting from the first's partition lets accounts that refinement tied to a
  // piece of a ring, through one shared value, leave the whole ring (community::Leiden).
  std::uint32_t iterations = 2;
  bool cpm = true;
};

Partitioner MakeLeidenPartitioner(const PartitionerFlags& flags);

}  // namespace ringgraph::detection
