// Parallel CSR construction. See csr_builder.h.
#include "graph/common/csr_builder.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_scan.h>

#include <algorithm>
#include <atomic>

namespace ringgraph {
namespace {

// Exclusive prefix sum of counts[0..n) into offsets[0..n], in parallel.
void PrefixSum(const std::vector<EdgeIndex>& counts, std::vector<EdgeIndex>* offsets) {
  const std::size_t n = counts.size();
  offsets->assign(n + 1, 0);
  tbb::parallel_scan(
      tbb::blocked_range<std::size_t>(0, n, 1 << 16), EdgeIndex{0},
      [&](const tbb::blocked_range<std::size_t>& r, EdgeIndex sum, bool is_final) {
        for (std::size_t i = r.begin(); i < r.end(); ++i) {
          sum += counts[i];
          if (is_final) (*offsets)[i + 1] = sum;
        }
        return sum;
      },
      [](EdgeIndex a, EdgeIndex b) { return a + b; });
}

}  // namespace

CsrGraph BuildUndirectedCsr(NodeId n, std::vector<std::vector<WeightedPair>>& buffers) {
  std::vector<std::atomic<EdgeIndex>> cursor(n);
  tbb::parallel_for(NodeId{0}, n, [&](NodeId v) { cursor[v].store(0, std::memory_order_relaxed); });
  for (const std::vector<WeightedPair>& buffer : buffers) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, buffer.size(), 1 << 14),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        for (std::size_t i = range.begin(); i < range.end(); ++i) {
                          cursor[buffer[i].u].fetch_add(1, std::memory_order_relaxed);
                          if (buffer[i].u != buffer[i].v) {
                            cursor[buffer[i].v].fetch_add(1, std::memory_order_relaxed);
                          }
                        }
                      });
  }
  std::vector<EdgeIndex> counts(n);
  tbb::parallel_for(NodeId{0}, n,
                    [&](NodeId v) { counts[v] = cursor[v].load(std::memory_order_relaxed); });
  std::vector<EdgeIndex> raw_offsets;
  PrefixSum(counts, &raw_offsets);
  tbb::parallel_for(NodeId{0}, n, [&](NodeId v) {
    cursor[v].store(raw_offsets[v], std::memory_order_relaxed);  // the next free slot
  });
  // Every slot is written by the scatter below before the sort reads it.
  struct Slot {
    NodeId first;
    WeightT second;
  };
  UninitializedVector<Slot> slots(raw_offsets[n]);
  for (std::vector<WeightedPair>& buffer : buffers) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, buffer.size(), 1 << 14),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        for (std::size_t i = range.begin(); i < range.end(); ++i) {
                          const WeightedPair& p = buffer[i];
                          slots[cursor[p.u].fetch_add(1, std::memory_order_relaxed)] = {p.v, p.w};
                          if (p.u != p.v) {
                            slots[cursor[p.v].fetch_add(1, std::memory_order_relaxed)] = {p.u, p.w};
                          }
                        }
                      });
    std::vector<WeightedPair>().swap(buffer);
  }
  std::vector<std::atomic<EdgeIndex>>().swap(cursor);

  // Sort each list and merge parallel edges; counts[] becomes the merged degree.
  tbb::parallel_for(
      tbb::blocked_range<NodeId>(0, n, 1024), [&](const tbb::blocked_range<NodeId>& range) {
        for (NodeId v = range.begin(); v < range.end(); ++v) {
          auto first = slots.begin() + static_cast<std::ptrdiff_t>(raw_offsets[v]);
          auto last = slots.begin() + static_cast<std::ptrdiff_t>(raw_offsets[v + 1]);
          std::sort(first, last, [](const auto& a, const auto& b) { return a.first < b.first; });
          auto out = first;
          for (auto it = first; it != last;) {
            NodeId neighbor = it->first;
            double sum = 0;
            for (; it != last && it->first == neighbor; ++it) sum += it->second;
            *out++ = {neighbor, static_cast<WeightT>(sum)};
          }
          counts[v] = static_cast<EdgeIndex>(out - first);
        }
      });
  CsrGraph graph;
  PrefixSum(counts, &graph.offsets);
  graph.neighbors.resize(graph.offsets[n]);
  graph.weights.resize(graph.offsets[n]);
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, n, 1024),
                    [&](const tbb::blocked_range<NodeId>& range) {
                      for (NodeId v = range.begin(); v < range.end(); ++v) {
                        EdgeIndex from = raw_offsets[v], to = graph.offsets[v];
                        for (EdgeIndex k = 0; k < counts[v]; ++k) {
                          graph.neighbors[to + k] = slots[from + k].first;
                          graph.weights[to + k] = slots[from + k].second;
                        }
                      }
                    });
  return graph;
}

}  // namespace ringgraph
