// CsrGraph: the undirected weighted graph every algorithm in graph/ works on.
//
// Compressed sparse rows: the neighbours of vertex v are neighbors[offsets[v] .. offsets[v+1])
// with parallel weights. Each undirected edge {u, v} is stored in both lists with equal weight;
// a self-loop (aggregated graphs) is stored once, in its own vertex's list. Neighbour lists are
// sorted by vertex id and hold no duplicates.
//
// Thread safety: immutable once built; concurrent const use is safe.
#pragma once

#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "graph/common/types.h"

namespace ringgraph {

// An allocator whose resize() leaves new elements default-initialised (for numbers: not written),
// so a large array that a parallel loop is about to fill is not first zeroed by one thread. A
// graph's arrays run to hundreds of megabytes, and that zeroing is also where the pages are
// first touched: serial, on a virtual machine the slowest part of building the array.
template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() = default;
  template <typename U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) {
      ::new (static_cast<void*>(p)) U;
    } else {
      ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
  }
};

// A vector whose resize() does not zero what it adds; assign(n, value) and push_back still write.
template <typename T>
using UninitializedVector = std::vector<T, DefaultInitAllocator<T>>;

struct CsrGraph {
  std::vector<EdgeIndex> offsets;         // num_vertices() + 1 entries
  UninitializedVector<NodeId> neighbors;  // offsets.back() entries
  UninitializedVector<WeightT> weights;   // parallel to neighbors

  NodeId num_vertices() const {
    return static_cast<NodeId>(offsets.empty() ? 0 : offsets.size() - 1);
  }
  // Directed entries; equals 2 * undirected edges when there are no self-loops.
  EdgeIndex num_entries() const { return neighbors.size(); }
  EdgeIndex degree(NodeId v) const { return offsets[v + 1] - offsets[v]; }
};

}  // namespace ringgraph
