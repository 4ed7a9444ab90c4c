// Partition quality, computed independently of the algorithms that produce partitions.
//
// Modularity with resolution γ (Newman–Girvan; Reichardt–Bornholdt):
//   Q = 1/(2m) Σ_c [ W_c − γ K_c² / (2m) ]
// where W_c is the weight of entries inside c (each internal edge counted from both ends, a
// self-loop entry once) and K_c the total strength of c. CPM (Traag et al. 2011):
//   H = Σ_c [ W_c / 2 − γ n_c (n_c − 1) / 2 ]
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/common/csr_graph.h"

namespace ringgraph::community {

double Modularity(const CsrGraph& graph, const std::vector<std::uint32_t>& membership,
                  double resolution = 1.0);
double CpmQuality(const CsrGraph& graph, const std::vector<std::uint32_t>& membership,
                  double resolution);

// Communities whose members do not form one connected subgraph, checked by BFS restricted to
// each community. Leiden guarantees zero.
std::uint64_t CountDisconnectedCommunities(const CsrGraph& graph,
                                           const std::vector<std::uint32_t>& membership);

}  // namespace ringgraph::community
