// Jaccard matching of clusters between runs. See cluster_matching.h.
#include "graph/detection/cluster_matching.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <tuple>

namespace ringgraph::detection {
namespace {

std::string IdList(const std::vector<std::uint64_t>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "]";
}

}  // namespace

MatchingResult MatchClusters(const std::vector<PreviousCluster>& previous,
                             const std::vector<std::vector<AccountId>>& current,
                             std::uint64_t next_id, const MatchingOptions& options) {
  MatchingResult result;
  result.next_id = next_id;
  absl::flat_hash_map<AccountId, std::uint32_t> previous_of;  // account -> previous index
  for (std::uint32_t p = 0; p < previous.size(); ++p) {
    for (AccountId a : previous[p].members) previous_of[a] = p;
  }
  // overlap[(new, previous)] = shared members.
  struct Overlap {
    std::uint32_t current, previous, shared;
  };
  std::vector<Overlap> overlaps;
  for (std::uint32_t c = 0; c < current.size(); ++c) {
    absl::flat_hash_map<std::uint32_t, std::uint32_t> counts;
    for (AccountId a : current[c]) {
      auto it = previous_of.find(a);
      if (it != previous_of.end()) ++counts[it->second];
    }
    for (const auto& [p, shared] : counts) overlaps.push_back({c, p, shared});
  }
  auto jaccard = [&](const Overlap& o) {
    double uni = static_cast<double>(current[o.current].size() +
                                     previous[o.previous].members.size() - o.shared);
    return o.shared / uni;
  };
  std::sort(overlaps.begin(), overlaps.end(), [&](const Overlap& a, const Overlap& b) {
    double ja = jaccard(a), jb = jaccard(b);
    if (ja != jb) return ja > jb;
    return std::tie(a.current, a.previous) < std::tie(b.current, b.previous);
  });

  result.ids.assign(current.size(), 0);
  std::vector<bool> current_matched(current.size(), false), previous_used(previous.size(), false);
  for (const Overlap& o : overlaps) {
    if (jaccard(o) < options.keep_id_jaccard) break;
    if (current_matched[o.current] || previous_used[o.previous]) continue;
    current_matched[o.current] = true;
    previous_used[o.previous] = true;
    result.ids[o.current] = previous[o.previous].id;
    ++result.kept;
  }
  for (std::uint32_t c = 0; c < current.size(); ++c) {
    if (!current_matched[c]) result.ids[c] = result.next_id++;
  }

  // Merges: a new cluster holding a majority of two or more previous clusters.
  std::vector<bool> previous_accounted = previous_used;
  std::vector<std::vector<std::uint64_t>> merged_from(current.size());
  std::vector<std::vector<std::uint32_t>> split_into(previous.size());
  for (const Overlap& o : overlaps) {
    double of_previous = static_cast<double>(o.shared) / previous[o.previous].members.size();
    if (of_previous >= options.majority) merged_from[o.current].push_back(previous[o.previous].id);
    if (of_previous >= options.min_part) split_into[o.previous].push_back(o.current);
  }
  for (std::uint32_t c = 0; c < current.size(); ++c) {
    if (merged_from[c].size() >= 2) {
      std::sort(merged_from[c].begin(), merged_from[c].end());
      result.events.push_back(R"({"event":"merge","cluster":)" + std::to_string(result.ids[c]) +
                              R"(,"from":)" + IdList(merged_from[c]) + "}");
      ++result.merged;
      for (std::uint32_t p = 0; p < previous.size(); ++p) {
        if (std::find(merged_from[c].begin(), merged_from[c].end(), previous[p].id) !=
            merged_from[c].end()) {
          previous_accounted[p] = true;
        }
      }
    }
  }
  for (std::uint32_t p = 0; p < previous.size(); ++p) {
    if (split_into[p].size() < 2) continue;
    std::vector<std::uint64_t> into;
    for (std::uint32_t c : split_into[p]) into.push_back(result.ids[c]);
    std::sort(into.begin(), into.end());
    result.events.push_back(R"({"event":"split","cluster":)" + std::to_string(previous[p].id) +
                            R"(,"into":)" + IdList(into) + "}");
    ++result.split;
    previous_accounted[p] = true;
  }
  for (std::uint32_t c = 0; c < current.size(); ++c) {
    if (current_matched[c]) {
      result.events.push_back(R"({"event":"continue","cluster":)" + std::to_string(result.ids[c]) +
                              "}");
    } else if (merged_from[c].size() < 2) {
      bool holds_majority = false;
      for (const Overlap& o : overlaps) {
        if (o.current == c && static_cast<double>(o.shared) / previous[o.previous].members.size() >=
                                  options.majority) {
          holds_majority = true;
        }
      }
      if (!holds_majority) {
        result.events.push_back(R"({"event":"birth","cluster":)" + std::to_string(result.ids[c]) +
                                "}");
        ++result.born;
      }
    }
  }
  for (std::uint32_t p = 0; p < previous.size(); ++p) {
    if (!previous_accounted[p]) {
      result.events.push_back(R"({"event":"death","cluster":)" + std::to_string(previous[p].id) +
                              "}");
      ++result.died;
    }
  }
  return result;
}

}  // namespace ringgraph::detection
