// Detection's partitioner: parallel Leiden, which settles small connected components first.
#include "graph/detection/leiden_partitioner.h"

#include "graph/community/leiden.h"

namespace ringgraph::detection {

Partitioner MakeLeidenPartitioner(const PartitionerFlags& flags) {
  return [flags](const CsrGraph& graph, const std::function<void(std::string_view, double)>& phase)
             -> Result<std::vector<ClusterIndex>> {
    community::LeidenOptions options;
    options.objective = flags.cpm ? community::Objective::kCpm : community::Objective::kModularity;
    options.resolution = flags.resolution;
    options.seed = flags.seed;
    options.iterations = flags.iterations;
    options.on_phase = phase;
    community::Leiden leiden(graph, options);
    RINGGRAPH_RETURN_IF_ERROR(leiden.Run());
    return leiden.membership();
  };
}

}  // namespace ringgraph::detection
