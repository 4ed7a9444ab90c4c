// The dictionary of learned template skeletons, and how a prompt is matched against it.
//
// A skeleton is the constant part of one prompt template, held as the sorted hashes of the
// shingles (prompt_shingles.h) that recur in most prompts of the template and rarely elsewhere.
// A prompt matches a skeleton by weighted containment: the share of the skeleton's shingle
// weight that the prompt's own shingles cover,
//     containment(prompt, K) = sum_{s in K and in prompt} w(s) / sum_{s in K} w(s)
//     w(s) = 1 / (number of skeletons that hold s)
// so boilerplate shared by several templates counts for less than text unique to one. The
// filling is ignored by construction: only the skeleton's shingles are looked for. The best
// skeleton wins if its containment reaches `min_containment` (ties: the larger skeleton).
//
// Template ids (the stable-id rule): "t2-" followed by 16 hex digits of a 64-bit hash of the
// skeleton's anchor shingles — the `kAnchorShingles` smallest shingle hashes among its core
// shingles (those in at least 80% of the prompts it was learned from), sorted. Shingle hashes
// depend only on the masked text and ShingleOptions (mask_slots, shingle_words, hash_seed), so a
// template learned again on a later day, or on another deployment with the same settings, gets
// the same id. Only hashes are kept, never text.
//
// Persistence: Serialize() writes the skeletons and the ShingleOptions they were built with to
// bytes (little-endian, versioned, with a checksum); Deserialize() checks them and refuses
// bytes built with other shingle settings, whose hashes would never match.
//
// Thread safety: const methods may run on many threads at once; Add() and Deserialize() need
// exclusive access (TemplateFingerprinter holds the lock).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/templates/prompt_shingles.h"

namespace ringgraph::templates {

inline constexpr std::size_t kAnchorShingles = 8;

struct Skeleton {
  std::uint64_t id = 0;                 // shown as TemplateIdText(id)
  std::vector<std::uint64_t> shingles;  // sorted, distinct
  std::uint32_t learned_from = 0;       // prompts in the cluster it was learned from
};

// "t2-" + 16 lower-case hex digits.
std::string TemplateIdText(std::uint64_t id);
// The id of a skeleton from its anchor shingles (REQUIRES: `anchors` sorted).
std::uint64_t TemplateIdFromAnchors(std::span<const std::uint64_t> anchors,
                                    std::uint64_t hash_seed);

struct TemplateMatch {
  std::int32_t skeleton = -1;  // index into skeletons(), -1 for no match
  double containment = 0;
};

class TemplateDictionary {
 public:
  explicit TemplateDictionary(ShingleOptions shingle_options = {});
  ~TemplateDictionary();
  TemplateDictionary(TemplateDictionary&&) noexcept;
  TemplateDictionary& operator=(TemplateDictionary&&) noexcept;
  TemplateDictionary(const TemplateDictionary&) = delete;
  TemplateDictionary& operator=(const TemplateDictionary&) = delete;

  // Adds a skeleton. Returns false (and adds nothing) when one with the same id is present.
  bool Add(Skeleton skeleton);

  std::size_t size() const { return skeletons_.size(); }
  const std::vector<Skeleton>& skeletons() const { return skeletons_; }
  const ShingleOptions& shingle_options() const { return shingle_options_; }

  // The best skeleton for a prompt's shingles (sorted, distinct), or skeleton -1.
  TemplateMatch BestMatch(std::span<const std::uint64_t> shingles, double min_containment) const;

  std::string Serialize() const;
  // Errors: kCorruption when the bytes do not decode (truncated, bad magic or checksum);
  // kInvalidArgument when they were built with other ShingleOptions than `expected`.
  static Result<TemplateDictionary> Deserialize(std::string_view bytes,
                                                const ShingleOptions& expected);

 private:
  struct Index;  // shingle -> skeletons, and per-skeleton total weight

  ShingleOptions shingle_options_;
  std::vector<Skeleton> skeletons_;
  std::unique_ptr<Index> index_;
};

}  // namespace ringgraph::templates
