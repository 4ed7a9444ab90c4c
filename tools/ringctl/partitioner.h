// The partitioner ringctl's detection uses: connected components as a cheap first split, then
// parallel Leiden inside every component large enough to hold more than one community.
#pragma once

#include <cstdint>

#include "graph/detection/detection_job.h"

namespace ringgraph::tools {

struct PartitionerFlags {
  double resolution = 1.0;
  std::uint64_t seed = 1;
  bool cpm = false;
};

detection::Partitioner MakeLeidenPartitioner(const PartitionerFlags& flags);

}  // namespace ringgraph::tools
