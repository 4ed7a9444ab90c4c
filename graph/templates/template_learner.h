// Learns template skeletons from a batch of prompts (given as shingle sets): finds the text that
// recurs together across many prompts, which is a template's constant part, and ignores the
// fillings, which are rare.
//
// Run() has five phases:
//   1. CountDocumentFrequency  df(s) = number of prompts of the batch that hold shingle s.
//   2. KeepRecurringShingles   R(p) = shingles of p with df >= min_cluster_prompts. Fillings
//                              drop out here; what stays is template text and common phrases.
//   3. SketchAndBucket         a MinHash signature of R(p) (`permutations` hash functions,
//                              default 128) cut into `bands` bands of permutations/bands rows;
//                              prompts whose band matches become candidates. Siblings' R sets
//                              are mostly template text, so their Jaccard is typically 0.5-1.0,
//                              while a template with a long filling shares only 10-40% of its
//                              raw shingles. With 32 bands of 4 rows the chance that a pair of
//                              Jaccard s becomes a candidate, 1 - (1 - s^4)^32, is 0.87 at
//                              s = 0.5 and 0.99 at s = 0.6.
//   4. LinkVerified            each candidate is compared with its bucket's first prompt: linked
//                              (union-find) when they share >= link_min_shared recurring
//                              shingles and at least link_overlap of the smaller R set (the
//                              smaller, because in large batches chance-recurring filler n-grams
//                              swell R sets).
//   5. BuildSkeletons          for every linked group of >= min_cluster_prompts prompts, the
//                              skeleton is the shingles held by >= skeleton_presence times as
//                              many members as the group's most widely held shingle (so members
//                              that joined through a shared phrase do not dilute it), and for
//                              which the group holds >= skeleton_specificity of all prompts with
//                              that shingle (so phrases that recur everywhere are left out). It
//                              needs >= min_skeleton_shingles shingles and must make up
//                              >= min_template_share of its median member's shingles (a shared
//                              stock phrase is a sliver of each prompt; a template is not). Its
//                              id follows template_dictionary.h.
//
// Common phrases shared by unrelated prompts are the main risk to precision; phase 4's overlap
// test and phase 5's specificity test keep them from joining or defining a template.
//
// Thread safety: one Run() per object; Run() uses TBB internally.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "graph/common/status.h"
#include "graph/templates/template_dictionary.h"

namespace ringgraph::templates {

struct LearnerOptions {
  std::uint32_t min_cluster_prompts = 3;  // fewer prompts do not make a template
  std::uint32_t min_skeleton_shingles = 4;
  // The median member's shingles must be at least this share skeleton.
  double min_template_share = 0.1;
  std::uint32_t permutations = 128;
  std::uint32_t bands = 32;  // rows per band = permutations / bands
  std::uint32_t link_min_shared = 3;
  double link_overlap = 0.7;
  double skeleton_presence = 0.5;
  double skeleton_specificity = 0.5;
  double core_presence = 0.5;  // shingles that pick the id (see template_dictionary.h)
};

class TemplateLearner {
 public:
  // `shingle_sets` are all prompts of the batch: document frequencies count them all. Only
  // prompts with eligible[p] != 0 (all of them when `eligible` is empty) may form groups; the
  // fingerprinter passes the prompts that matched no known skeleton.
  // REQUIRES: every shingle set is sorted and distinct; eligible is empty or has one entry per
  // set; both outlive Run().
  TemplateLearner(std::span<const std::vector<std::uint64_t>> shingle_sets,
                  std::span<const std::uint8_t> eligible, std::uint64_t hash_seed,
                  LearnerOptions options = {});
  TemplateLearner(const TemplateLearner&) = delete;
  TemplateLearner& operator=(const TemplateLearner&) = delete;

  // Errors: kInvalidArgument when permutations is not a positive multiple of bands.
  Status Run();

  // The learned skeletons, largest group first. Valid after a successful Run().
  const std::vector<Skeleton>& skeletons() const { return skeletons_; }
  // For each input prompt, the index of the skeleton learned from its group, or -1.
  const std::vector<std::int32_t>& group_skeleton() const { return group_skeleton_; }

 private:
  void CountDocumentFrequency();
  void KeepRecurringShingles();
  void SketchAndBucket();
  void LinkVerified();
  void BuildSkeletons();

  std::uint32_t Find(std::uint32_t p);
  void Union(std::uint32_t a, std::uint32_t b);

  bool Eligible(std::size_t p) const { return eligible_.empty() || eligible_[p] != 0; }

  std::span<const std::vector<std::uint64_t>> shingle_sets_;
  std::span<const std::uint8_t> eligible_;
  std::uint64_t hash_seed_;
  LearnerOptions options_;

  std::vector<std::uint64_t> frequent_keys_;   // sorted shingles with df >= min_cluster_prompts
  std::vector<std::uint32_t> frequent_df_;     // their df
  std::vector<std::vector<std::uint64_t>> recurring_;  // R(p), sorted
  std::vector<std::uint64_t> band_keys_;       // prompt * bands + band -> band hash
  std::vector<std::uint32_t> parent_;          // union-find over prompts
  std::vector<Skeleton> skeletons_;
  std::vector<std::int32_t> group_skeleton_;
};

}  // namespace ringgraph::templates
