// Builds an undirected CsrGraph from edge buffers, in parallel, in GAP's three steps: count
// degrees, prefix-sum them into offsets, scatter; then each vertex's list is sorted and parallel
// edges are merged by summing their weights (in double).
#pragma once

#include <vector>

#include "graph/common/csr_graph.h"

namespace ringgraph {

struct WeightedPair {
  NodeId u, v;
  WeightT w;
};

// Each pair {u, v} adds u->v and v->u; a self-loop {u, u} adds one entry. The buffers (for
// example one per thread) are consumed to keep peak memory down.
// REQUIRES: every endpoint < num_vertices.
CsrGraph BuildUndirectedCsr(NodeId num_vertices, std::vector<std::vector<WeightedPair>>& buffers);

}  // namespace ringgraph
