// Partition quality and the connectivity verifier.
#include "graph/community/modularity.h"

#include <algorithm>
#include <queue>

namespace ringgraph::community {

double Modularity(const CsrGraph& g, const std::vector<std::uint32_t>& membership,
                  double resolution) {
  std::uint32_t k = 0;
  for (std::uint32_t c : membership) k = std::max(k, c + 1);
  std::vector<double> inside(k, 0.0), strength(k, 0.0);
  double two_m = 0;
  for (NodeId v = 0; v < g.num_vertices(); ++v) {
    for (EdgeIndex e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      double w = g.weights[e];
      two_m += w;
      strength[membership[v]] += w;
      if (membership[g.neighbors[e]] == membership[v]) inside[membership[v]] += w;
    }
  }
  if (two_m == 0) return 0;
  double q = 0;
  for (std::uint32_t c = 0; c < k; ++c)
    q += inside[c] - resolution * strength[c] * strength[c] / two_m;
  return q / two_m;
}

double CpmQuality(const CsrGraph& g, const std::vector<std::uint32_t>& membership,
                  double resolution) {
  std::uint32_t k = 0;
  for (std::uint32_t c : membership) k = std::max(k, c + 1);
  std::vector<double> inside(k, 0.0), size(k, 0.0);
  for (NodeId v = 0; v < g.num_vertices(); ++v) {
    size[membership[v]] += 1;
    for (EdgeIndex e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      if (membership[g.neighbors[e]] == membership[v]) inside[membership[v]] += g.weights[e];
    }
  }
  double h = 0;
  for (std::uint32_t c = 0; c < k; ++c)
    h += inside[c] / 2 - resolution * size[c] * (size[c] - 1) / 2;
  return h;
}

std::uint64_t CountDisconnectedCommunities(const CsrGraph& g,
                                           const std::vector<std::uint32_t>& membership) {
  const NodeId n = g.num_vertices();
  std::uint32_t k = 0;
  for (std::uint32_t c : membership) k = std::max(k, c + 1);
  std::vector<std::uint8_t> visited(n, 0), community_seen(k, 0), community_bad(k, 0);
  std::queue<NodeId> queue;
  for (NodeId s = 0; s < n; ++s) {
    if (visited[s]) continue;
    std::uint32_t c = membership[s];
    if (community_seen[c]) community_bad[c] = 1;  // a second piece of the same community
    community_seen[c] = 1;
    visited[s] = 1;
    queue.push(s);
    while (!queue.empty()) {
      NodeId v = queue.front();
      queue.pop();
      for (EdgeIndex e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
        NodeId u = g.neighbors[e];
        if (!visited[u] && membership[u] == c) {
          visited[u] = 1;
          queue.push(u);
        }
      }
    }
  }
  std::uint64_t bad = 0;
  for (std::uint8_t b : community_bad) bad += b;
  return bad;
}

}  // namespace ringgraph::community
