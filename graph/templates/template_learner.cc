// Learning template skeletons from recurring shingles, MinHash/LSH and union-find. See
// template_learner.h.
#include "graph/templates/template_learner.h"

#include <absl/container/flat_hash_map.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ringgraph::templates {
namespace {

// Size of the intersection of two sorted, distinct vectors.
std::size_t IntersectionSize(const std::vector<std::uint64_t>& a,
                             const std::vector<std::uint64_t>& b) {
  std::size_t i = 0, j = 0, shared = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return shared;
}

}  // namespace

TemplateLearner::TemplateLearner(std::span<const std::vector<std::uint64_t>> shingle_sets,
                                 std::span<const std::uint8_t> eligible, std::uint64_t hash_seed,
                                 LearnerOptions options)
    : shingle_sets_(shingle_sets), eligible_(eligible), hash_seed_(hash_seed), options_(options) {}

Status TemplateLearner::Run() {
  if (!eligible_.empty() && eligible_.size() != shingle_sets_.size()) {
    return Status::InvalidArgument("template learner: eligible has " +
                                   std::to_string(eligible_.size()) + " entries for " +
                                   std::to_string(shingle_sets_.size()) + " prompts");
  }
  if (options_.bands == 0 || options_.permutations == 0 ||
      options_.permutations % options_.bands != 0) {
    return Status::InvalidArgument("template learner: permutations (" +
                                   std::to_string(options_.permutations) +
                                   ") must be a positive multiple of bands (" +
                                   std::to_string(options_.bands) + ")");
  }
  skeletons_.clear();
  group_skeleton_.assign(shingle_sets_.size(), -1);
  if (shingle_sets_.empty()) return Status::Ok();
  CountDocumentFrequency();
  KeepRecurringShingles();
  SketchAndBucket();
  LinkVerified();
  BuildSkeletons();
  return Status::Ok();
}

std::uint32_t TemplateLearner::Find(std::uint32_t p) {
  while (parent_[p] != p) {
    parent_[p] = parent_[parent_[p]];
    p = parent_[p];
  }
  return p;
}

void TemplateLearner::Union(std::uint32_t a, std::uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return;
  if (b < a) std::swap(a, b);
  parent_[b] = a;  // the smaller index is the root, so groups do not depend on link order
}

void TemplateLearner::CountDocumentFrequency() {
  // Every prompt's shingles side by side, sorted: a run of equal hashes is one shingle's df.
  std::vector<std::size_t> offsets(shingle_sets_.size() + 1, 0);
  for (std::size_t p = 0; p < shingle_sets_.size(); ++p) {
    offsets[p + 1] = offsets[p] + shingle_sets_[p].size();
  }
  std::vector<std::uint64_t> all(offsets.back());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, shingle_sets_.size()),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t p = r.begin(); p != r.end(); ++p) {
                        std::copy(shingle_sets_[p].begin(), shingle_sets_[p].end(),
                                  all.begin() + static_cast<std::ptrdiff_t>(offsets[p]));
                      }
                    });
  tbb::parallel_sort(all.begin(), all.end());
  frequent_keys_.clear();
  frequent_df_.clear();
  for (std::size_t i = 0; i < all.size();) {
    std::size_t j = i + 1;
    while (j < all.size() && all[j] == all[i]) ++j;
    if (j - i >= options_.min_cluster_prompts) {
      frequent_keys_.push_back(all[i]);
      frequent_df_.push_back(static_cast<std::uint32_t>(j - i));
    }
    i = j;
  }
}

void TemplateLearner::KeepRecurringShingles() {
  recurring_.assign(shingle_sets_.size(), {});
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, shingle_sets_.size()),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t p = r.begin(); p != r.end(); ++p) {
                        if (!Eligible(p)) continue;
                        // Both lists are sorted: a merge walk.
                        const std::vector<std::uint64_t>& set = shingle_sets_[p];
                        std::vector<std::uint64_t>& out = recurring_[p];
                        auto it = frequent_keys_.begin();
                        for (std::uint64_t s : set) {
                          it = std::lower_bound(it, frequent_keys_.end(), s);
                          if (it == frequent_keys_.end()) break;
                          if (*it == s) out.push_back(s);
                        }
                      }
                    });
}

void TemplateLearner::SketchAndBucket() {
  const std::uint32_t bands = options_.bands;
  const std::uint32_t rows = options_.permutations / bands;
  band_keys_.assign(shingle_sets_.size() * bands, 0);
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, shingle_sets_.size()),
      [&](const tbb::blocked_range<std::size_t>& r) {
        std::vector<std::uint64_t> signature(options_.permutations);
        for (std::size_t p = r.begin(); p != r.end(); ++p) {
          const std::vector<std::uint64_t>& set = recurring_[p];
          if (set.size() < options_.min_skeleton_shingles) continue;  // key 0: never bucketed
          // Permutation i is the bijection x -> MixBits(x ^ salt_i).
          for (std::uint32_t i = 0; i < options_.permutations; ++i) {
            const std::uint64_t salt = MixBits(hash_seed_ + 0x9e3779b97f4a7c15ULL * (i + 1));
            std::uint64_t lowest = ~0ULL;
            for (std::uint64_t s : set) lowest = std::min(lowest, MixBits(s ^ salt));
            signature[i] = lowest;
          }
          for (std::uint32_t b = 0; b < bands; ++b) {
            std::uint64_t h = MixBits(hash_seed_ ^ (b + 1));
            for (std::uint32_t row = 0; row < rows; ++row) h = MixBits(h ^ signature[b * rows + row]);
            band_keys_[p * bands + b] = h | 1;  // never 0
          }
        }
      });
}

void TemplateLearner::LinkVerified() {
  const std::uint32_t bands = options_.bands;
  parent_.resize(shingle_sets_.size());
  std::iota(parent_.begin(), parent_.end(), 0u);
  // (band key, prompt) pairs, sorted: each run of equal keys is one LSH bucket.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
  entries.reserve(band_keys_.size());
  for (std::size_t p = 0; p < shingle_sets_.size(); ++p) {
    for (std::uint32_t b = 0; b < bands; ++b) {
      const std::uint64_t key = band_keys_[p * bands + b];
      if (key != 0) entries.emplace_back(key, static_cast<std::uint32_t>(p));
    }
  }
  tbb::parallel_sort(entries.begin(), entries.end());
  auto verified = [this](std::uint32_t a, std::uint32_t b) {
    const std::size_t shared = IntersectionSize(recurring_[a], recurring_[b]);
    // Relative to the smaller set: in a large batch many filler n-grams recur by chance and
    // swell every R set, so a test against the larger set would split siblings. Prompts that
    // hang on through a few common phrases are kept out of skeletons by BuildSkeletons.
    const std::size_t smaller = std::min(recurring_[a].size(), recurring_[b].size());
    return shared >= options_.link_min_shared &&
           static_cast<double>(shared) >= options_.link_overlap * static_cast<double>(smaller);
  };
  for (std::size_t i = 0; i < entries.size();) {
    std::size_t j = i + 1;
    while (j < entries.size() && entries[j].first == entries[i].first) ++j;
    const std::uint32_t first = entries[i].second;
    for (std::size_t k = i + 1; k < j; ++k) {
      const std::uint32_t other = entries[k].second;
      if (Find(first) != Find(other) && verified(first, other)) Union(first, other);
    }
    i = j;
  }
}

void TemplateLearner::BuildSkeletons() {
  const std::size_t n = shingle_sets_.size();
  // Members of each group, in prompt order.
  std::vector<std::uint32_t> root(n);
  for (std::size_t p = 0; p < n; ++p) root[p] = Find(static_cast<std::uint32_t>(p));
  std::vector<std::uint32_t> group_size(n, 0);
  for (std::size_t p = 0; p < n; ++p) ++group_size[root[p]];
  std::vector<std::uint32_t> groups;
  for (std::size_t p = 0; p < n; ++p) {
    if (root[p] == p && group_size[p] >= options_.min_cluster_prompts) {
      groups.push_back(static_cast<std::uint32_t>(p));
    }
  }
  std::vector<std::vector<std::uint32_t>> members(groups.size());
  {
    std::vector<std::int32_t> slot(n, -1);
    for (std::size_t g = 0; g < groups.size(); ++g) slot[groups[g]] = static_cast<std::int32_t>(g);
    for (std::size_t p = 0; p < n; ++p) {
      if (slot[root[p]] >= 0) members[slot[root[p]]].push_back(static_cast<std::uint32_t>(p));
    }
  }
  std::vector<Skeleton> built(groups.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, groups.size()),
                    [&](const tbb::blocked_range<std::size_t>& r) {
    absl::flat_hash_map<std::uint64_t, std::uint32_t> counts;
    for (std::size_t g = r.begin(); g != r.end(); ++g) {
      counts.clear();
      for (std::uint32_t p : members[g]) {
        for (std::uint64_t s : recurring_[p]) ++counts[s];
      }
      // Presence is measured against the group's most widely held shingle, not its size, so
      // prompts that joined through a few common phrases do not dilute the template's text.
      std::uint32_t widest = 0;
      for (const auto& [s, count] : counts) widest = std::max(widest, count);
      const double size = static_cast<double>(widest);
      Skeleton& skeleton = built[g];
      std::vector<std::uint64_t> core;
      for (const auto& [s, count] : counts) {
        if (count < options_.skeleton_presence * size) continue;
        auto it = std::lower_bound(frequent_keys_.begin(), frequent_keys_.end(), s);
        const double df = frequent_df_[static_cast<std::size_t>(it - frequent_keys_.begin())];
        if (count < options_.skeleton_specificity * df) continue;  // recurs everywhere
        skeleton.shingles.push_back(s);
        if (count >= options_.core_presence * size) core.push_back(s);
      }
      if (skeleton.shingles.size() < options_.min_skeleton_shingles) {
        skeleton.shingles.clear();
        continue;
      }
      // A template is a sizeable part of its prompts (fillings are 1x to 3x its text); a
      // phrase that many prompts happen to share is only a sliver of each.
      std::vector<double> shares;
      shares.reserve(members[g].size());
      for (std::uint32_t p : members[g]) {
        shares.push_back(static_cast<double>(skeleton.shingles.size()) /
                         static_cast<double>(std::max<std::size_t>(1, shingle_sets_[p].size())));
      }
      std::nth_element(shares.begin(), shares.begin() + shares.size() / 2, shares.end());
      if (shares[shares.size() / 2] < options_.min_template_share) {
        skeleton.shingles.clear();
        continue;
      }
      std::sort(skeleton.shingles.begin(), skeleton.shingles.end());
      if (core.empty()) core = skeleton.shingles;
      std::sort(core.begin(), core.end());
      core.resize(std::min(core.size(), kAnchorShingles));
      skeleton.id = TemplateIdFromAnchors(core, hash_seed_);
      skeleton.learned_from = widest;
    }
  });
  // Largest group first, then by id, so the order does not depend on the input order.
  std::vector<std::size_t> order;
  for (std::size_t g = 0; g < built.size(); ++g) {
    if (!built[g].shingles.empty()) order.push_back(g);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (built[a].learned_from != built[b].learned_from) {
      return built[a].learned_from > built[b].learned_from;
    }
    return built[a].id < built[b].id;
  });
  for (std::size_t g : order) {
    const auto index = static_cast<std::int32_t>(skeletons_.size());
    for (std::uint32_t p : members[g]) group_skeleton_[p] = index;
    skeletons_.push_back(std::move(built[g]));
  }
}

}  // namespace ringgraph::templates
