// CsrGraph: the undirected weighted graph every algorithm in graph/ works on.
//
// Compressed sparse rows: the neighbours of vertex v are neighbors[offsets[v] .. offsets[v+1])
// with parallel weights. Each undirected edge {u, v} is stored in both lists with equal weight;
// a self-loop (aggregated graphs) is stored once, in its own vertex's list. Neighbour lists are
// sorted by vertex id and hold no duplicates.
//
// Thread safety: immutable once built; concurrent const use is safe.
#pragma once

#include <vector>

#include "graph/common/types.h"

namespace ringgraph {

struct CsrGraph {
  std::vector<EdgeIndex> offsets;  // num_vertices() + 1 entries
  std::vector<NodeId> neighbors;   // offsets.back() entries
  std::vector<WeightT> weights;    // parallel to neighbors

  NodeId num_vertices() const {
    return static_cast<NodeId>(offsets.empty() ? 0 : offsets.size() - 1);
  }
  // Directed entries; equals 2 * undirected edges when there are no self-loops.
  EdgeIndex num_entries() const { return neighbors.size(); }
  EdgeIndex degree(NodeId v) const { return offsets[v + 1] - offsets[v]; }
};

}  // namespace ringgraph
