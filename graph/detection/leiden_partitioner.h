// The partitioner detection uses in production (ringctl detect and ringd): connected components as a cheap first split, then
// parallel Leiden inside every component large enough to hold more than one community.
#pragma once

#include <cstdint>

#include "graph/detection/detection_job.h"

namespace ringgraph::detection {

struct PartitionerFlags {
  // Above 1 so that modularity's resolution limit does not merge small rings into their
  // neighbourhood (README, "Detection").
  double resolution = 3.0;
  std::uint64_t seed = 1;
  bool cpm = false;
};

Partitioner MakeLeidenPartitioner(const PartitionerFlags& flags);

}  // namespace ringgraph::detection
