#include "graph/detection/piece_reassembly.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <numeric>

namespace ringgraph::detection {

PieceReassembly::PieceReassembly(const store::StoreSnapshot& snapshot,
                                 const projection::ValueWeights& weights,
                                 const projection::ProjectionOptions& projection,
                                 const PopulationProfile& population,
                                 PieceReassemblyOptions options)
    : snapshot_(snapshot),
      weights_(weights),
      projection_(projection),
      population_(population),
      options_(options) {}

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
        // The best group by (gain, smaller id), an order the hash map's iteration order (which
        // differs from process to process) cannot change; v leaves its group only for more
        // than a rounding error's gain.
        const double stay = gain(current);
        std::uint32_t best = current;
        double best_gain = stay;
        for (const auto& [g, w] : to_group) {
          const double candidate = gain(g);
          if (candidate > best_gain || (candidate == best_gain && g < best)) {
            best = g;
            best_gain = candidate;
          }
        }
        if (best_gain <= stay + 1e-12) best = current;
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

  // in step: each link counts as far as the two pieces' members keep one rhythm, so the values
  // rings of different operators share through one provider do not pull them together.
  std::vector<std::vector<AccountId>> members_of_piece(sizes.size());
  for (AccountId a = 0; a < assigned.size(); ++a) {
    auto piece = piece_of_cluster.find(assigned[a]);
    if (piece != piece_of_cluster.end()) members_of_piece[piece->second].push_back(a);
  }
  if (options_.link_step_pairs > 0) {
    // Per piece, once: its members with prompts and the mean day overlap of their pairs.
    const double baseline = population_.baseline_day_overlap();
    std::vector<std::vector<AccountId>> active(sizes.size());
    std::vector<double> within(sizes.size(), 0.0), within_pairs(sizes.size(), 0.0);
    for (std::uint32_t p = 0; p < sizes.size(); ++p) {
      for (AccountId a : members_of_piece[p]) {
        if (!population_.days(a).empty()) active[p].push_back(a);
      }
      const std::uint64_t size = active[p].size();
      within_pairs[p] = static_cast<double>(size * (size - 1) / 2);
      within[p] = population_.MeanDayOverlap(active[p], options_.step_pairs);
    }
    for (auto& [u, v, count] : edges) {
      const std::vector<AccountId>& a = active[u];
      const std::vector<AccountId>& b = active[v];
      const double inside_pairs = within_pairs[u] + within_pairs[v];
      if (a.empty() || b.empty() || inside_pairs == 0) {
        count = 0;
        continue;
      }
      const double inside =
          (within[u] * within_pairs[u] + within[v] * within_pairs[v]) / inside_pairs - baseline;
      const std::uint64_t all = a.size() * b.size();
      const std::uint64_t samples = std::min<std::uint64_t>(options_.link_step_pairs, all);
      double across = 0;
      for (std::uint64_t k = 0; k < samples; ++k) {
        const bool every = samples == all;  // every pair, else a fixed spread of them
        const AccountId x = a[every ? k % a.size() : (k * 7919u) % a.size()];
        const AccountId y = b[every ? k / a.size() : (k * 104729u + 1) % b.size()];
        across += PopulationProfile::DayOverlap(population_.days(x), population_.days(y));
      }
      across = across / static_cast<double>(samples) - baseline;
      count *= inside <= 0 ? 0.0 : std::clamp(across / inside, 0.0, 1.0);
    }
  }

  // agglomerate
  std::vector<std::uint32_t> leader =
      Agglomerate(sizes, edges, options_.resolution, options_.max_levels);

  // verify: a group stays one only when its pieces are run in one rhythm.
  std::vector<std::uint32_t> group_members(sizes.size(), 0);
  for (std::uint32_t p = 0; p < sizes.size(); ++p) ++group_members[leader[p]];
  {
    absl::flat_hash_map<std::uint32_t, std::vector<std::uint32_t>> pieces_of_group;
    for (std::uint32_t p = 0; p < sizes.size(); ++p) {
      if (group_members[leader[p]] >= 2) pieces_of_group[leader[p]].push_back(p);
    }
    for (const auto& [group, group_pieces] : pieces_of_group) {
      std::vector<std::vector<AccountId>> pieces;
      for (std::uint32_t p : group_pieces) pieces.push_back(members_of_piece[p]);
      if (population_.StepAcross(pieces, options_.step_pairs).share() >= options_.min_cross_step)
        continue;
      ++report_.out_of_step;
      for (std::uint32_t p : group_pieces) leader[p] = p;
    }
    std::fill(group_members.begin(), group_members.end(), 0);
    for (std::uint32_t p = 0; p < sizes.size(); ++p) ++group_members[leader[p]];
  }

  // relabel
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
