#include "graph/detection/piece_reassembly.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <numeric>

namespace ringgraph::detection {

PieceReassembly::PieceReassembly(const store::StoreSnapshot& snapshot,
                                 const projection::ValueWeights& weights,
                                 const projection::ProjectionOptions& projection,
                                 PieceReassemblyOptions options)
    : snapshot_(snapshot), weights_(weights), projection_(projection), options_(options) {}

std::vector<std::uint32_t> PieceReassembly::Agglomerate(
    const std::vector<double>& sizes,
    const std::vector<std::tuple<std::uint32_t, std::uint32_t, double>>& edges, double resolution,
    std::uint32_t max_levels) {
  const auto n = static_cast<std::uint32_t>(sizes.size());
  std::vector<std::uint32_t> group_of_vertex(n);  // original vertex -> vertex of this level
  std::iota(group_of_vertex.begin(), group_of_vertex.end(), 0u);
  std::vector<double> size = sizes;
  std::vector<std::vector<std::pair<std::uint32_t, double>>> adjacency(n);
  for (const auto& [u, v, w] : edges) {
    adjacency[u].emplace_back(v, w);
    adjacency[v].emplace_back(u, w);
  }
  for (std::uint32_t level = 0; level < max_levels; ++level) {
    const auto m = static_cast<std::uint32_t>(size.size());
    std::vector<std::uint32_t> group(m);
    std::iota(group.begin(), group.end(), 0u);
    std::vector<double> group_size = size;
    bool any_moved = false;
    absl::flat_hash_map<std::uint32_t, double> to_group;
    for (int sweep = 0; sweep < 64; ++sweep) {
      bool moved = false;
      for (std::uint32_t v = 0; v < m; ++v) {
        to_group.clear();
        for (const auto& [u, w] : adjacency[v]) to_group[group[u]] += w;
        const std::uint32_t current = group[v];
        group_size[current] -= size[v];
        // CPM gain of v joining a group: the weight it brings minus resolution x the pairs.
        auto gain = [&](std::uint32_t g) {
          auto it = to_group.find(g);
          const double w = it == to_group.end() ? 0.0 : it->second;
          return w - resolution * size[v] * group_size[g];
        };
        std::uint32_t best = current;
        double best_gain = gain(current);
        for (const auto& [g, w] : to_group) {
          const double candidate = gain(g);
          if (candidate > best_gain + 1e-12 || (candidate == best_gain && g < best)) {
            best = g;
            best_gain = candidate;
          }
        }
        group[v] = best;
        group_size[best] += size[v];
        if (best != current) moved = any_moved = true;
      }
      if (!moved) break;
    }
    if (!any_moved) break;
    // Aggregate: groups become the vertices of the next level.
    std::vector<std::uint32_t> dense(m, ~0u);
    std::uint32_t count = 0;
    for (std::uint32_t v = 0; v < m; ++v) {
      if (dense[group[v]] == ~0u) dense[group[v]] = count++;
    }
    std::vector<double> next_size(count, 0.0);
    for (std::uint32_t v = 0; v < m; ++v) next_size[dense[group[v]]] += size[v];
    std::vector<absl::flat_hash_map<std::uint32_t, double>> next_edges(count);
    for (std::uint32_t v = 0; v < m; ++v) {
      for (const auto& [u, w] : adjacency[v]) {
        const std::uint32_t a = dense[group[v]], b = dense[group[u]];
        if (a != b) next_edges[a][b] += w;  // each direction once, from its own side
      }
    }
    std::vector<std::vector<std::pair<std::uint32_t, double>>> next_adjacency(count);
    for (std::uint32_t a = 0; a < count; ++a) {
      next_adjacency[a].assign(next_edges[a].begin(), next_edges[a].end());
      std::sort(next_adjacency[a].begin(), next_adjacency[a].end());
    }
    for (std::uint32_t& g : group_of_vertex) g = dense[group[g]];
    size = std::move(next_size);
    adjacency = std::move(next_adjacency);
  }
  // Name each group by its smallest original vertex.
  std::vector<std::uint32_t> leader(size.size(), ~0u);
  for (std::uint32_t v = 0; v < n; ++v) {
    leader[group_of_vertex[v]] = std::min(leader[group_of_vertex[v]], v);
  }
  std::vector<std::uint32_t> result(n);
  for (std::uint32_t v = 0; v < n; ++v) result[v] = leader[group_of_vertex[v]];
  return result;
}

Status PieceReassembly::Run(std::vector<ClusterIndex>* membership,
                            const std::function<bool(ClusterIndex)>& is_flagged) {
  report_ = PieceReassemblyReport{};
  std::vector<ClusterIndex>& assigned = *membership;
  // tally: the flagged clusters, numbered as pieces, and their sizes.
  absl::flat_hash_map<ClusterIndex, std::uint32_t> piece_of_cluster;
  std::vector<ClusterIndex> cluster_of_piece;
  std::vector<double> sizes;
  for (AccountId a = 0; a < assigned.size(); ++a) {
    if (!is_flagged(assigned[a])) continue;
    auto [it, inserted] =
        piece_of_cluster.try_emplace(assigned[a], static_cast<std::uint32_t>(sizes.size()));
    if (inserted) {
      cluster_of_piece.push_back(assigned[a]);
      sizes.push_back(0.0);
    }
    sizes[it->second] += 1.0;
  }
  report_.pieces = sizes.size();
  if (sizes.size() < 2) return Status::Ok();
  // The pieces holding each identity value (each piece once).
  absl::flat_hash_map<SignalId, std::vector<std::uint32_t>> pieces_of_value;
  std::vector<store::AccountSignal> signals;
  for (AccountId a = 0; a < assigned.size(); ++a) {
    auto piece = piece_of_cluster.find(assigned[a]);
    if (piece == piece_of_cluster.end()) continue;
    RINGGRAPH_RETURN_IF_ERROR(snapshot_.AccountSignals(a, &signals));
    for (const store::AccountSignal& s : signals) {
      if (weights_.pair_weight[s.signal] <= 0) continue;  // links nobody: unique or generic
      if (projection_.kinds[weights_.kind[s.signal]].profile) continue;  // behaviour
      std::vector<std::uint32_t>& holders = pieces_of_value[s.signal];
      if (holders.empty() || holders.back() != piece->second) holders.push_back(piece->second);
    }
  }
  absl::flat_hash_map<std::uint64_t, double> shared;
  for (auto& [value, holders] : pieces_of_value) {
    if (holders.size() < 2) continue;
    std::sort(holders.begin(), holders.end());
    holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
    for (std::size_t i = 0; i < holders.size(); ++i) {
      for (std::size_t j = i + 1; j < holders.size(); ++j) {
        shared[(std::uint64_t{holders[i]} << 32) | holders[j]] += 1.0;
      }
    }
  }
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> edges;
  edges.reserve(shared.size());
  for (const auto& [pair, count] : shared) {
    edges.emplace_back(static_cast<std::uint32_t>(pair >> 32),
                       static_cast<std::uint32_t>(pair & 0xffffffffu), count);
  }
  std::sort(edges.begin(), edges.end());  // hash order must not reach the result

  // agglomerate
  const std::vector<std::uint32_t> leader =
      Agglomerate(sizes, edges, options_.resolution, options_.max_levels);

  // relabel
  std::vector<std::uint32_t> group_members(sizes.size(), 0);
  for (std::uint32_t p = 0; p < sizes.size(); ++p) ++group_members[leader[p]];
  for (std::uint32_t p = 0; p < sizes.size(); ++p) {
    if (leader[p] == p && group_members[p] >= 2) {
      ++report_.groups;
      report_.joined += group_members[p];
    }
  }
  if (report_.groups == 0) return Status::Ok();
  ClusterIndex next = 0;
  for (ClusterIndex& c : assigned) {
    auto piece = piece_of_cluster.find(c);
    if (piece != piece_of_cluster.end()) c = cluster_of_piece[leader[piece->second]];
    next = std::max(next, c + 1);
  }
  std::vector<ClusterIndex> dense(next, ~0u);
  ClusterIndex count = 0;
  for (ClusterIndex& c : assigned) {
    if (dense[c] == ~0u) dense[c] = count++;
    c = dense[c];
  }
  return Status::Ok();
}

}  // namespace ringgraph::detection
