// Pairwise precision and recall of template ids against family labels, for the accuracy tests
// and the benchmark. A pair of prompts is predicted when both have the same non-empty id; it is
// true when both come from the same family (each free-text prompt is a family of its own).
//
// Thread safety: a pure function.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "graph/templates/test_corpus.h"

namespace ringgraph::templates {

struct PairwiseScore {
  double precision = 0;
  double recall = 0;
  std::uint64_t predicted_pairs = 0;
  std::uint64_t true_pairs = 0;
};

// REQUIRES: ids.size() == families.size(); families[i] is kFreeText for free text.
inline PairwiseScore ScorePairs(const std::vector<std::int32_t>& families,
                                const std::vector<std::string>& ids) {
  std::map<std::string, std::map<std::int32_t, std::uint64_t>> by_id;  // id -> family -> count
  std::map<std::int32_t, std::uint64_t> family_sizes;
  for (std::size_t i = 0; i < families.size(); ++i) {
    if (families[i] != kFreeText) ++family_sizes[families[i]];
    if (!ids[i].empty()) ++by_id[ids[i]][families[i]];
  }
  auto pairs = [](std::uint64_t n) { return n * (n - 1) / 2; };
  PairwiseScore score;
  std::uint64_t both = 0;
  for (const auto& [id, counts] : by_id) {
    std::uint64_t total = 0;
    for (const auto& [family, count] : counts) {
      total += count;
      if (family != kFreeText) both += pairs(count);
    }
    score.predicted_pairs += pairs(total);
  }
  for (const auto& [family, count] : family_sizes) score.true_pairs += pairs(count);
  score.precision = score.predicted_pairs ? static_cast<double>(both) / score.predicted_pairs : 1;
  score.recall = score.true_pairs ? static_cast<double>(both) / score.true_pairs : 1;
  return score;
}

}  // namespace ringgraph::templates
