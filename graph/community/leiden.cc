// Parallel Leiden. See leiden.h for the phases and the papers followed.
#include "graph/community/leiden.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <numeric>
#include <random>
#include <unordered_map>

namespace ringgraph::community {
namespace internal {

// Per-thread accumulator of edge weight by community: a small open-addressing table (linear
// probing, multiplicative hash) that starts at the size a caller expects and doubles when half
// full, so it stays in L1/L2 where a dense array over all communities would miss the cache on
// every add. Entries are visited in insertion order and cleared one by one.
class SparseAccumulator {
 public:
  // Starts an empty table sized for about `expected_ids` distinct ids (it grows past that).
  // REQUIRES: the table is empty.
  void Prepare(std::size_t expected_ids) {
    std::size_t capacity = kMinCapacity;
    while (capacity < 2 * expected_ids && capacity < kMaxPreparedCapacity) capacity *= 2;
    SetCapacity(capacity);
  }
  // Inlined: it runs once per neighbour entry in every phase.
  [[gnu::always_inline]] void Add(std::uint32_t id, double w) {
    std::size_t slot = Home(id);
    while (true) {
      Entry& entry = slots_[slot];
      if (entry.id == id) {
        entry.weight += w;
        return;
      }
      if (entry.id == kEmpty) {
        entry = Entry{id, w};
        used_.push_back(static_cast<std::uint32_t>(slot));
        if (2 * used_.size() > mask_ + 1) Grow();
        return;
      }
      slot = (slot + 1) & mask_;
    }
  }
  double Get(std::uint32_t id) const {
    for (std::size_t slot = Home(id);; slot = (slot + 1) & mask_) {
      const Entry& entry = slots_[slot];
      if (entry.id == id) return entry.weight;
      if (entry.id == kEmpty) return 0.0;
    }
  }
  // Calls visit(id, weight) for every id added since the last Clear, in the order first added.
  template <typename Visit>
  void ForEach(Visit&& visit) const {
    for (std::uint32_t slot : used_) visit(slots_[slot].id, slots_[slot].weight);
  }
  std::size_t size() const { return used_.size(); }
  void Clear() {
    for (std::uint32_t slot : used_) slots_[slot].id = kEmpty;
    used_.clear();
  }

 private:
  struct Entry {
    std::uint32_t id;
    double weight;
  };
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  static constexpr std::size_t kMinCapacity = 16;
  static constexpr std::size_t kMaxPreparedCapacity = 1 << 14;  // 256 KiB; beyond, grow on need

  std::size_t Home(std::uint32_t id) const {
    return static_cast<std::size_t>((id * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  // REQUIRES: the table is empty, and `capacity` is a power of two.
  void SetCapacity(std::size_t capacity) {
    if (slots_.size() < capacity) slots_.assign(capacity, Entry{kEmpty, 0.0});
    mask_ = capacity - 1;
    shift_ = 64 - static_cast<unsigned>(std::countr_zero(capacity));
  }
  // Doubles the table, keeping the entries and their insertion order. Rare, so kept out of Add.
  [[gnu::noinline]] void Grow() {
    moving_.clear();
    for (std::uint32_t slot : used_) moving_.push_back(slots_[slot]);
    Clear();
    SetCapacity(2 * (mask_ + 1));
    for (const Entry& entry : moving_) Add(entry.id, entry.weight);
  }

  std::vector<Entry> slots_;
  std::vector<std::uint32_t> used_;
  std::vector<Entry> moving_;  // Grow()'s copy of the entries
  std::size_t mask_ = 0;
  unsigned shift_ = 64;
};

// What each thread keeps between vertices: the accumulator, and two gather buffers that let the
// random reads of a vertex's neighbour communities and of their totals be issued back to back
// (a tight loop without data-dependent branches keeps many cache misses in flight at once).
struct ThreadScratch {
  SparseAccumulator weight_to;
  std::vector<CommunityId> neighbour_community;
  std::vector<double> candidate_total;
};

// One level's graph with the per-vertex totals the objective needs.
struct LevelGraph {
  const CsrGraph* graph;
  std::vector<double> strength;  // row sums, self-loops included
  std::vector<double> size;      // original vertices per vertex
  std::vector<double> total;     // what the objective charges: strength or size
  double factor = 0;             // γ / 2m for modularity, γ for CPM
};

class LevelRunner {
 public:
  LevelRunner(const LevelGraph& level, const LeidenOptions& options,
              tbb::enumerable_thread_specific<ThreadScratch>& scratch)
      : level_(level), g_(*level.graph), options_(options), scratch_(scratch) {}

  // Local moving with pruning. Returns the number of moves.
  std::uint64_t Move(std::vector<CommunityId>& comm, const std::vector<NodeId>& order,
                     const std::vector<std::uint8_t>& frozen) {
    const NodeId n = g_.num_vertices();
    std::vector<double> community_total(n, 0.0);
    std::vector<NodeId> community_members(n, 0);
    for (NodeId v = 0; v < n; ++v) {
      community_total[comm[v]] += level_.total[v];
      ++community_members[comm[v]];
    }
    // Ids of empty communities, smallest last: a vertex that loses by staying in its community
    // and would lose by joining any neighbour's takes one and stands alone (gain 0). On the first
    // level every vertex starts alone; later levels start each vertex in the community its
    // pieces were in, and without this a piece weakly tied to a large community could not leave.
    std::vector<CommunityId> empty;
    for (NodeId c = n; c-- > 0;) {
      if (community_members[c] == 0) empty.push_back(c);
    }
    std::vector<std::uint8_t> queued(n, 0);
    std::vector<NodeId> queue;
    queue.reserve(n);
    for (NodeId v : order) {
      if (!frozen[v]) {
        queue.push_back(v);
        queued[v] = 1;
      }
    }
    // Decisions within a chunk see the state before the chunk. The chunk is small enough that a
    // vertex's neighbours rarely share it (about avg_degree * chunk / n of them do), and it
    // depends only on the graph, so results do not depend on the thread count.
    const double avg_degree = n > 0 ? static_cast<double>(g_.num_entries()) / n : 0;
    const std::size_t chunk = std::clamp<std::size_t>(
        static_cast<std::size_t>(n / (16 * std::max(1.0, avg_degree))), 1, 4096);
    std::vector<CommunityId> target(chunk);
    std::vector<double> to_target(chunk), to_current(chunk);
    std::uint64_t moves = 0, moves_before_sweep = 0;
    // Prune: only neighbours of moved vertices, outside their new community, come back. The
    // prune of one chunk runs in the same parallel region as the decisions of the next (it
    // writes only `queued`, which decisions do not read, and reads `comm` after the chunk's
    // moves), so each chunk costs one region instead of two.
    auto requeue_neighbours = [&](NodeId v) {
      for (EdgeIndex e = g_.offsets[v]; e < g_.offsets[v + 1]; ++e) {
        NodeId u = g_.neighbors[e];
        if (!frozen[u] && comm[u] != comm[v]) {
          std::atomic_ref<std::uint8_t>(queued[u]).store(2, std::memory_order_relaxed);
        }
      }
    };
    std::vector<NodeId> moved_in_chunk;
    moved_in_chunk.reserve(chunk);
    for (std::uint32_t sweep = 0; sweep < options_.max_move_sweeps && !queue.empty(); ++sweep) {
      for (std::size_t begin = 0; begin < queue.size(); begin += chunk) {
        const std::size_t end = std::min(queue.size(), begin + chunk);
        const std::size_t to_prune = moved_in_chunk.size();
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, to_prune + (end - begin), 32),
                          [&](const tbb::blocked_range<std::size_t>& range) {
                            ThreadScratch& scratch = scratch_.local();
                            for (std::size_t j = range.begin(); j < range.end(); ++j) {
                              if (j < to_prune) {
                                requeue_neighbours(moved_in_chunk[j]);
                                continue;
                              }
                              const std::size_t i = begin + (j - to_prune);
                              target[i - begin] =
                                  BestCommunity(queue[i], comm, community_total, scratch,
                                                &to_target[i - begin], &to_current[i - begin]);
                            }
                          });
        moved_in_chunk.clear();
        for (std::size_t i = begin; i < end; ++i) {
          NodeId v = queue[i];
          queued[v] = 0;
          CommunityId to = target[i - begin];
          if (to == comm[v]) continue;
          // Re-check the gain against the totals as they are now, after earlier moves in the chunk.
          const double t_v = level_.total[v], f = level_.factor;
          double gain_stay = to_current[i - begin] - f * t_v * (community_total[comm[v]] - t_v);
          if (to == kAloneMarker) {
            // Standing alone gains 0, and needs an empty community to stand in.
            if (gain_stay >= -options_.tolerance || community_members[comm[v]] == 1 ||
                empty.empty()) {
              continue;
            }
            to = empty.back();
            empty.pop_back();
          } else {
            double gain_to = to_target[i - begin] - f * t_v * community_total[to];
            if (gain_to <= gain_stay + options_.tolerance) continue;
          }
          community_total[comm[v]] -= level_.total[v];
          if (--community_members[comm[v]] == 0) empty.push_back(comm[v]);
          community_total[to] += level_.total[v];
          ++community_members[to];
          comm[v] = to;
          ++moves;
          moved_in_chunk.push_back(v);
        }
      }
      // The last chunk's prune.
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, moved_in_chunk.size(), 32),
                        [&](const tbb::blocked_range<std::size_t>& range) {
                          for (std::size_t j = range.begin(); j < range.end(); ++j) {
                            requeue_neighbours(moved_in_chunk[j]);
                          }
                        });
      moved_in_chunk.clear();
      // Converged enough: the few vertices still unsettled move again at the next level.
      if (moves - moves_before_sweep < options_.min_move_fraction * n) break;
      moves_before_sweep = moves;
      // The next sweep visits the re-queued vertices in the seeded order.
      queue.clear();
      for (NodeId v : order) {
        if (queued[v] == 2) {
          queue.push_back(v);
          queued[v] = 1;
        }
      }
    }
    return moves;
  }

  // Refinement: merges singletons inside each community into well-connected sub-communities.
  std::vector<CommunityId> Refine(const std::vector<CommunityId>& comm,
                                  const std::vector<NodeId>& order) {
    const NodeId n = g_.num_vertices();
    // Members of each community in the seeded order (counting sort over `order`).
    std::vector<std::uint64_t> start(static_cast<std::size_t>(n) + 1, 0);
    for (NodeId v = 0; v < n; ++v) ++start[comm[v] + 1];
    for (NodeId c = 0; c < n; ++c) start[c + 1] += start[c];
    std::vector<NodeId> members(n);
    {
      std::vector<std::uint64_t> next(start.begin(), start.end() - 1);
      for (NodeId v : order) members[next[comm[v]]++] = v;
    }
    std::vector<CommunityId> refined(n);
    std::iota(refined.begin(), refined.end(), 0);
    std::vector<double> sub_total(level_.total);  // per refined id (founder vertex)
    std::vector<double> sub_external(n, 0.0);     // weight from the sub-community to the rest of C
    std::vector<double> community_total(n, 0.0);
    for (NodeId v = 0; v < n; ++v) community_total[comm[v]] += level_.total[v];
    const double f = level_.factor;
    tbb::parallel_for(
        tbb::blocked_range<NodeId>(0, n, 16), [&](const tbb::blocked_range<NodeId>& range) {
          SparseAccumulator& acc = scratch_.local().weight_to;
          for (NodeId c = range.begin(); c < range.end(); ++c) {
            if (start[c + 1] - start[c] < 2) continue;
            const double total_c = community_total[c];
            // Weight from each member to the rest of its community.
            for (std::uint64_t i = start[c]; i < start[c + 1]; ++i) {
              NodeId v = members[i];
              double w = 0;
              for (EdgeIndex e = g_.offsets[v]; e < g_.offsets[v + 1]; ++e) {
                NodeId u = g_.neighbors[e];
                if (u != v && comm[u] == c) w += g_.weights[e];
              }
              sub_external[v] = w;
            }
            for (std::uint64_t i = start[c]; i < start[c + 1]; ++i) {
              NodeId v = members[i];
              if (refined[v] != v || sub_total[v] != level_.total[v]) continue;  // no longer alone
              const double t_v = level_.total[v];
              // v must itself be well connected to its community.
              if (sub_external[v] < f * t_v * (total_c - t_v)) continue;
              acc.Prepare(g_.degree(v));
              for (EdgeIndex e = g_.offsets[v]; e < g_.offsets[v + 1]; ++e) {
                NodeId u = g_.neighbors[e];
                if (u != v && comm[u] == c) acc.Add(refined[u], g_.weights[e]);
              }
              CommunityId best = v;
              double best_gain = options_.tolerance, w_to_best = 0;
              acc.ForEach([&](std::uint32_t r, double w_to_r) {
                if (r == v) return;
                // The target sub-community must be well connected to the community too.
                if (sub_external[r] < f * sub_total[r] * (total_c - sub_total[r])) return;
                double gain = w_to_r - f * t_v * sub_total[r];
                if (gain > best_gain || (gain == best_gain && r < best)) {
                  best = r;
                  best_gain = gain;
                  w_to_best = w_to_r;
                }
              });
              if (best != v) {
                refined[v] = best;
                sub_external[best] = sub_external[best] + sub_external[v] - 2 * w_to_best;
                sub_total[best] += t_v;
                sub_total[v] = 0;
              }
              acc.Clear();
            }
          }
        });
    // Path compression is not needed: a vertex only joins a founder that has not moved.
    return refined;
  }

 private:
  // BestCommunity's answer when v gains most by leaving its community for an empty one.
  static constexpr CommunityId kAloneMarker = 0xFFFFFFFEu;

  // The community v gains most by joining; *to_best and *to_current receive v's edge weight to
  // the chosen and to its current community.
  CommunityId BestCommunity(NodeId v, const std::vector<CommunityId>& comm,
                            const std::vector<double>& community_total, ThreadScratch& scratch,
                            double* to_best, double* to_current) const {
    SparseAccumulator& acc = scratch.weight_to;
    const EdgeIndex first = g_.offsets[v], degree = g_.degree(v);
    std::vector<CommunityId>& neighbour_community = scratch.neighbour_community;
    if (neighbour_community.size() < degree) neighbour_community.resize(degree);
    for (EdgeIndex i = 0; i < degree; ++i) neighbour_community[i] = comm[g_.neighbors[first + i]];
    acc.Prepare(degree);
    for (EdgeIndex i = 0; i < degree; ++i) {
      if (g_.neighbors[first + i] != v) acc.Add(neighbour_community[i], g_.weights[first + i]);
    }
    const CommunityId current = comm[v];
    const double t_v = level_.total[v], f = level_.factor;
    const double w_to_current = acc.Get(current);
    CommunityId best = current;
    double best_gain = w_to_current - f * t_v * (community_total[current] - t_v);
    double w_to_best = w_to_current;
    const double stay = best_gain;
    std::vector<double>& candidate_total = scratch.candidate_total;
    candidate_total.clear();
    acc.ForEach([&](std::uint32_t c, double) { candidate_total.push_back(community_total[c]); });
    std::size_t candidate = 0;
    acc.ForEach([&](std::uint32_t c, double w_to_c) {
      const double total_c = candidate_total[candidate++];
      if (c == current) return;
      double gain = w_to_c - f * t_v * total_c;
      if (gain > best_gain || (gain == best_gain && c < best && best != current)) {
        best = c;
        best_gain = gain;
        w_to_best = w_to_c;
      }
    });
    acc.Clear();
    if (best_gain <= stay + options_.tolerance) {
      best = current;
      w_to_best = w_to_current;
    }
    *to_current = w_to_current;
    if (best_gain < -options_.tolerance) {
      // Every community with a neighbour in it, v's own included, costs more than it brings;
      // an empty one costs nothing.
      *to_best = 0;
      return kAloneMarker;
    }
    *to_best = w_to_best;
    return best;
  }

  const LevelGraph& level_;
  const CsrGraph& g_;
  const LeidenOptions& options_;
  tbb::enumerable_thread_specific<ThreadScratch>& scratch_;
};

// Builds the graph whose vertices are the refined communities (ids 0..k-1 in `node_of`).
// Communities are split into fixed blocks; each block sums its communities' rows with the
// per-thread accumulator into one buffer of its own and records each row's length; a prefix sum
// of the lengths gives the offsets, and the buffers are copied in place. Unlike CsrGraph's
// contract, a row lists its neighbours in order of first appearance, not sorted: no phase needs
// the order, and the first appearance depends only on the input, so results stay deterministic.
CsrGraph Aggregate(const CsrGraph& g, const std::vector<CommunityId>& node_of, std::uint32_t k,
                   tbb::enumerable_thread_specific<ThreadScratch>& scratch) {
  const NodeId n = g.num_vertices();
  std::vector<std::uint64_t> start(static_cast<std::size_t>(k) + 1, 0);
  for (NodeId v = 0; v < n; ++v) ++start[node_of[v] + 1];
  for (std::uint32_t c = 0; c < k; ++c) start[c + 1] += start[c];
  std::vector<NodeId> members(n);
  {
    std::vector<std::uint64_t> next(start.begin(), start.end() - 1);
    for (NodeId v = 0; v < n; ++v) members[next[node_of[v]]++] = v;
  }
  struct Neighbour {
    NodeId id;
    WeightT weight;
  };
  const std::uint32_t blocks = std::clamp<std::uint32_t>(k / 1024, 1, 4096);
  auto first_of_block = [&](std::uint32_t b) {
    return static_cast<std::uint32_t>(std::uint64_t{k} * b / blocks);
  };
  std::vector<std::vector<Neighbour>> buffers(blocks);
  std::vector<EdgeIndex> row_length(k);
  tbb::parallel_for(std::uint32_t{0}, blocks, [&](std::uint32_t b) {
    SparseAccumulator& acc = scratch.local().weight_to;
    std::vector<Neighbour>& buffer = buffers[b];
    // The block's entries before merging bound its buffer; pages never written cost nothing.
    EdgeIndex block_entries = 0;
    for (std::uint64_t i = start[first_of_block(b)]; i < start[first_of_block(b + 1)]; ++i) {
      block_entries += g.degree(members[i]);
    }
    buffer.reserve(block_entries);
    for (std::uint32_t c = first_of_block(b); c < first_of_block(b + 1); ++c) {
      EdgeIndex entries = 0;
      for (std::uint64_t i = start[c]; i < start[c + 1]; ++i) entries += g.degree(members[i]);
      acc.Prepare(std::min<EdgeIndex>(entries, k));
      for (std::uint64_t i = start[c]; i < start[c + 1]; ++i) {
        NodeId v = members[i];
        for (EdgeIndex e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
          acc.Add(node_of[g.neighbors[e]], g.weights[e]);
        }
      }
      const std::size_t row_start = buffer.size();
      acc.ForEach([&](std::uint32_t id, double w) {
        buffer.push_back(Neighbour{id, static_cast<WeightT>(w)});
      });
      acc.Clear();
      row_length[c] = buffer.size() - row_start;
    }
  });
  CsrGraph out;
  out.offsets.assign(static_cast<std::size_t>(k) + 1, 0);
  for (std::uint32_t c = 0; c < k; ++c) out.offsets[c + 1] = out.offsets[c] + row_length[c];
  out.neighbors.resize(out.offsets[k]);
  out.weights.resize(out.offsets[k]);
  tbb::parallel_for(std::uint32_t{0}, blocks, [&](std::uint32_t b) {
    EdgeIndex at = out.offsets[first_of_block(b)];
    for (const Neighbour& neighbour : buffers[b]) {
      out.neighbors[at] = neighbour.id;
      out.weights[at++] = neighbour.weight;
    }
    std::vector<Neighbour>().swap(buffers[b]);
  });
  return out;
}

// Renumbers ids densely in order of first appearance over vertices 0..n-1.
std::uint32_t Densify(std::vector<CommunityId>& ids) {
  std::vector<CommunityId> map(ids.size(), 0xFFFFFFFFu);
  std::uint32_t next = 0;
  for (CommunityId& id : ids) {
    if (map[id] == 0xFFFFFFFFu) map[id] = next++;
    id = map[id];
  }
  return next;
}

}  // namespace internal

// Afforest (Sutton, Ben-Nun and Barak, IPDPS 2018): link every vertex to its first few
// neighbours, which already joins most of a connected graph into one large component; find that
// component from a sample of vertices; then link the remaining neighbours only of vertices
// outside it. Every edge that can join two components is still linked (an edge inside the large
// component joins nothing), so the result is exact; on a graph with one giant component most rows
// are read only in their first entries.
std::vector<CommunityId> ConnectedComponents(const CsrGraph& g) {
  const NodeId n = g.num_vertices();
  if (n == 0) return {};
  std::vector<std::atomic<NodeId>> parent(n);
  tbb::parallel_for(NodeId{0}, n, [&](NodeId v) { parent[v].store(v, std::memory_order_relaxed); });
  auto find = [&](NodeId x) {
    while (true) {
      NodeId p = parent[x].load(std::memory_order_relaxed);
      if (p == x) return x;
      NodeId gp = parent[p].load(std::memory_order_relaxed);
      parent[x].compare_exchange_weak(p, gp, std::memory_order_relaxed);  // path halving
      x = gp;
    }
  };
  auto link = [&](NodeId u, NodeId v) {
    while (true) {
      NodeId ru = find(u), rv = find(v);
      if (ru == rv) return;
      // Link the larger root under the smaller, so roots only decrease: no cycles.
      NodeId hi = std::max(ru, rv), lo = std::min(ru, rv);
      NodeId expected = hi;
      if (parent[hi].compare_exchange_strong(expected, lo, std::memory_order_relaxed)) return;
    }
  };
  auto compress = [&] {
    tbb::parallel_for(NodeId{0}, n,
                      [&](NodeId v) { parent[v].store(find(v), std::memory_order_relaxed); });
  };
  constexpr EdgeIndex kSampledNeighbours = 2;
  for (EdgeIndex round = 0; round < kSampledNeighbours; ++round) {
    tbb::parallel_for(tbb::blocked_range<NodeId>(0, n, 4096),
                      [&](const tbb::blocked_range<NodeId>& range) {
                        for (NodeId u = range.begin(); u < range.end(); ++u) {
                          if (round < g.degree(u)) link(u, g.neighbors[g.offsets[u] + round]);
                        }
                      });
    compress();
  }
  // The most frequent root among a sample of vertices is the large component, if there is one.
  // It is kept as one of its vertices: linking a smaller component into it can change its root.
  NodeId giant_member = 0;
  {
    std::unordered_map<NodeId, std::uint32_t> count_of_root;
    std::mt19937 rng(0x5eed);
    std::uniform_int_distribution<NodeId> any(0, n - 1);
    std::uint32_t best = 0;
    for (int i = 0; i < 1024; ++i) {
      const NodeId v = any(rng);
      const std::uint32_t count = ++count_of_root[parent[v].load(std::memory_order_relaxed)];
      if (count > best) {
        best = count;
        giant_member = v;
      }
    }
  }
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, n, 1024),
                    [&](const tbb::blocked_range<NodeId>& range) {
                      for (NodeId u = range.begin(); u < range.end(); ++u) {
                        if (find(u) == find(giant_member)) continue;
                        for (EdgeIndex e = g.offsets[u] + std::min(kSampledNeighbours, g.degree(u));
                             e < g.offsets[u + 1]; ++e) {
                          link(u, g.neighbors[e]);
                        }
                      }
                    });
  std::vector<CommunityId> out(n);
  tbb::parallel_for(NodeId{0}, n, [&](NodeId v) { out[v] = find(v); });
  internal::Densify(out);
  return out;
}

Leiden::Leiden(const CsrGraph& graph, LeidenOptions options)
    : graph_(graph), options_(std::move(options)) {}

// One run of the algorithm: the state carried from level to level, and the phases that move it
// on. Run() reads as the loop over levels: prepare, move, record, refine, aggregate.
class Leiden::Pass {
 public:
  explicit Pass(Leiden& leiden)
      : leiden_(leiden),
        graph_(leiden.graph_),
        options_(leiden.options_),
        n_(graph_.num_vertices()),
        rng_(options_.seed) {}

  void Run() {
    SettleSmallComponents();
    RunLevels();
    for (std::uint32_t iteration = 1; iteration < options_.iterations; ++iteration) {
      StartFromMembership();
      RunLevels();
    }
  }

 private:
  // One pass of the algorithm over all levels, from the state at level 0.
  void RunLevels() {
    leiden_.levels_.clear();
    bool converged = false;
    for (std::uint32_t depth = 0; depth < options_.max_levels; ++depth) {
      internal::LevelRunner runner = PrepareLevel();
      runner.Move(comm_, order_, frozen_);
      Mark("move");
      if (RecordLevel()) {
        converged = true;  // every vertex of this level is its own community: all connected
        break;
      }
      std::vector<CommunityId> refined = runner.Refine(comm_, order_);
      Mark("refine");
      if (!Aggregate(std::move(refined))) break;  // nothing merged: the graph would not shrink
      Mark("aggregate");
    }
    Finish(converged);
  }

  // Level 0 again, every vertex in the community the previous pass gave it. Refinement merged
  // pieces within the communities of early levels, which can be smaller than the final ones: a
  // vertex tied to one member of a community, enough for a piece of it, is not well connected
  // to the whole. Starting again from the whole, it can leave (for another community or for
  // none), and refinement now joins it only where it belongs.
  void StartFromMembership() {
    level_.graph = &graph_;
    std::iota(node_of_.begin(), node_of_.end(), 0);
    comm_ = leiden_.membership_;
    sizes_.assign(n_, 1.0);
    frozen_ = small_component_;
  }

  // Reports the time since the previous mark as `phase`.
  void Mark(std::string_view phase) {
    const auto now = std::chrono::steady_clock::now();
    if (options_.on_phase) {
      options_.on_phase(phase, std::chrono::duration<double>(now - last_mark_).count());
    }
    last_mark_ = now;
  }

  // Components: each component too small for Leiden is one community, settled and frozen here;
  // every other vertex starts alone.
  void SettleSmallComponents() {
    std::vector<CommunityId> component = ConnectedComponents(graph_);
    std::vector<std::uint32_t> component_size(n_, 0);
    for (NodeId v = 0; v < n_; ++v) ++component_size[component[v]];
    Mark("components");
    level_.graph = &graph_;
    node_of_.resize(n_);
    std::iota(node_of_.begin(), node_of_.end(), 0);
    comm_.resize(n_);
    frozen_.assign(n_, 0);
    std::vector<NodeId> first_of_component(n_, kNone);
    for (NodeId v = 0; v < n_; ++v) {
      if (first_of_component[component[v]] == kNone) first_of_component[component[v]] = v;
    }
    for (NodeId v = 0; v < n_; ++v) {
      const bool small = component_size[component[v]] < options_.min_component_for_leiden;
      frozen_[v] = small;
      comm_[v] = small ? first_of_component[component[v]] : v;
    }
    small_component_ = frozen_;
    sizes_.assign(n_, 1.0);
  }

  // The current level's strengths and the objective's terms, and a fresh random visit order.
  internal::LevelRunner PrepareLevel() {
    const CsrGraph& g = *level_.graph;
    const NodeId ln = g.num_vertices();
    level_.strength.assign(ln, 0.0);
    tbb::parallel_for(NodeId{0}, ln, [&](NodeId v) {
      double s = 0;
      for (EdgeIndex e = g.offsets[v]; e < g.offsets[v + 1]; ++e) s += g.weights[e];
      level_.strength[v] = s;
    });
    level_.size = sizes_;
    const double two_m = std::accumulate(level_.strength.begin(), level_.strength.end(), 0.0);
    if (options_.objective == Objective::kModularity) {
      level_.total = level_.strength;
      level_.factor = two_m > 0 ? options_.resolution / two_m : 0;
    } else {
      level_.total = level_.size;
      level_.factor = options_.resolution;
    }
    // Blocks of consecutive vertices in a seeded order: the seed still decides the order, and
    // inside a block the CSR rows are read one after another instead of at random.
    const NodeId blocks = (ln + kOrderBlock - 1) / kOrderBlock;
    std::vector<NodeId> block_order(blocks);
    std::iota(block_order.begin(), block_order.end(), 0);
    std::shuffle(block_order.begin(), block_order.end(), rng_);
    order_.clear();
    for (NodeId block : block_order) {
      const NodeId first = block * kOrderBlock, last = std::min(ln, first + kOrderBlock);
      for (NodeId v = first; v < last; ++v) order_.push_back(v);
    }
    return internal::LevelRunner(level_, options_, scratch_);
  }

  // Records the moved partition over the original vertices as a level; true when every vertex
  // of this level stayed its own community (nothing left to merge).
  bool RecordLevel() {
    std::vector<CommunityId> level_membership(n_);
    tbb::parallel_for(NodeId{0}, n_, [&](NodeId v) { level_membership[v] = comm_[node_of_[v]]; });
    leiden_.num_communities_ = internal::Densify(level_membership);
    leiden_.levels_.push_back(std::move(level_membership));
    return leiden_.num_communities_ == level_.graph->num_vertices();
  }

  // The refined communities become the next level's vertices, each starting in the community
  // the move phase gave it. False when refinement merged nothing.
  bool Aggregate(std::vector<CommunityId> refined) {
    const CsrGraph& g = *level_.graph;
    const NodeId ln = g.num_vertices();
    const std::uint32_t k = internal::Densify(refined);
    if (k == ln) return false;
    std::vector<CommunityId> next_comm(k);
    std::vector<double> next_sizes(k, 0.0);
    std::vector<std::uint8_t> next_frozen(k, 1);
    for (NodeId v = 0; v < ln; ++v) {
      next_comm[refined[v]] = comm_[v];
      next_sizes[refined[v]] += sizes_[v];
      if (!frozen_[v]) next_frozen[refined[v]] = 0;
    }
    // Community ids of the next level must index its vertices: renumber them densely.
    std::vector<CommunityId> renumber(ln, kNone);
    std::uint32_t next_id = 0;
    for (CommunityId& c : next_comm) {
      if (renumber[c] == kNone) renumber[c] = next_id++;
      c = renumber[c];
    }
    aggregated_ = internal::Aggregate(g, refined, k, scratch_);
    tbb::parallel_for(NodeId{0}, n_, [&](NodeId v) { node_of_[v] = refined[node_of_[v]]; });
    level_.graph = &aggregated_;
    comm_ = std::move(next_comm);
    sizes_ = std::move(next_sizes);
    frozen_ = std::move(next_frozen);
    return true;
  }

  void Finish(bool converged) {
    if (converged) {
      leiden_.membership_ = leiden_.levels_.back();
      return;
    }
    // Stopped before the move partition settled on this level's vertices (level limit, or a
    // refinement that could not merge): its communities might be disconnected, so answer with
    // this level's vertices, the refined communities, which are connected by construction.
    leiden_.membership_ = node_of_;
    leiden_.num_communities_ = internal::Densify(leiden_.membership_);
    leiden_.levels_.push_back(leiden_.membership_);
  }

  static constexpr CommunityId kNone = 0xFFFFFFFFu;
  static constexpr NodeId kOrderBlock = 256;

  Leiden& leiden_;
  const CsrGraph& graph_;
  const LeidenOptions& options_;
  const NodeId n_;
  std::mt19937_64 rng_;
  std::chrono::steady_clock::time_point last_mark_ = std::chrono::steady_clock::now();
  tbb::enumerable_thread_specific<internal::ThreadScratch> scratch_;

  internal::LevelGraph level_;                 // the current level: its graph, strengths and sizes
  CsrGraph aggregated_;                        // the graph of levels after the first
  std::vector<CommunityId> node_of_;           // original vertex -> vertex of the current level
  std::vector<CommunityId> comm_;              // vertex of the current level -> its community
  std::vector<std::uint8_t> frozen_;           // vertices that never move (small components)
  std::vector<std::uint8_t> small_component_;  // level 0's frozen vertices, for the next pass
  std::vector<double> sizes_;                  // original vertices inside each current vertex
  std::vector<NodeId> order_;                  // this level's visit order
};

Status Leiden::Run() {
  if (options_.resolution < 0) {
    return Status::InvalidArgument("resolution " + std::to_string(options_.resolution) +
                                   " must not be negative");
  }
  levels_.clear();
  membership_.assign(graph_.num_vertices(), 0);
  num_communities_ = 0;
  if (graph_.num_vertices() == 0) return Status::Ok();
  Pass(*this).Run();
  return Status::Ok();
}

}  // namespace ringgraph::community
