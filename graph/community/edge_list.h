// Reading "u v [w]" edge-list files into a CsrGraph.
//
// One edge per line: two 0-based integer vertices and an optional weight (default 1), separated
// by spaces or tabs; blank lines and lines starting with '#' are skipped. The file is read in one
// piece and parsed in parallel chunks split at line ends; the CSR is built with
// BuildUndirectedCsr, so duplicate edges merge by summing their weights and a self-loop "v v"
// adds one entry. The vertex count is the largest id + 1.
#pragma once

#include <string>

#include "graph/common/csr_graph.h"
#include "graph/common/status.h"

namespace ringgraph::community {

struct EdgeListStats {
  std::uint64_t lines = 0;
  std::uint64_t edges = 0;  // edge lines read, before merging duplicates
  double parse_seconds = 0;
  double build_seconds = 0;
};

// Errors name the file and line: "g.edges:17: expected 'u v [w]' with integer vertices".
Result<CsrGraph> ReadEdgeList(const std::string& path, EdgeListStats* stats = nullptr);
// Same, from text in memory; `source` names it in errors.
Result<CsrGraph> ParseEdgeList(std::string_view text, const std::string& source,
                               EdgeListStats* stats = nullptr);

}  // namespace ringgraph::community
