// The dictionary of learned templates (template_miner.h), and how a prompt's sketch
// (prompt_sketch.h) is matched against it: the ingest path is Sketch + Match per prompt.
//
// Matching. A template is held as its skeleton: the sorted shingle values of its fixed text. A
// sketch contains a template by weighted containment,
//     containment(sketch, K) = sum_{s in K, s in sketch} w(s) / sum_{s in K, s observable} w(s)
//     w(s) = 1 / (number of templates whose skeleton holds s)
// so text shared by several templates (a common opener, a "Answer:" label) counts for less than
// text of one template, and only skeleton values the sketch can observe count: a sketch cut to
// max_shingles values observes values up to its largest (SketchHorizon). At least
// min(3, |K|) skeleton values must be observable. Among the templates whose containment reaches
// min_containment, Match picks the one covering the most weight, so a more specific template
// that contains a smaller one (few-shot "Question:/Answer:" blocks around a zero-shot one) wins
// over it even when lightly edited; ties go to the higher containment, then the larger skeleton,
// then the smaller id. Fillings are ignored by construction: only skeleton values are looked for.
//
// Ids: "t4-" + 16 lower-case hex digits (IdText); how an id is derived is in template_miner.h.
//
// Persistence: Serialize() writes the templates and the match settings as little-endian bytes,
// versioned and checksummed; Deserialize() refuses truncated, damaged or unknown bytes. The
// bytes hold 32-bit keyed shingle values and counts, never text. key_id() records which sketch
// key (PromptSketcher::KeyId) the skeletons were made under; compare it before matching sketches
// made under another key (they would match nothing).
//
// Thread safety: const methods (Match, Serialize, the accessors) may run on many threads at once.
// Add() and assignment need exclusive access. The match index is built on the first Match()
// after an Add(), under an internal lock.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/templates/template_miner.h"

namespace ringgraph::templates {

struct DictionaryOptions {
  std::uint32_t max_shingles = 256;  // the sketches' bottom-k size (SketchOptions::max_shingles)
  double min_containment = 0.5;
  std::uint64_t key_id = 0;  // PromptSketcher::KeyId() of the sketches; 0 = not recorded
};

struct TemplateMatch {
  std::int32_t index = -1;  // into templates(); -1 for no match
  double containment = 0;
  double covered = 0;  // the matched weight
};

class TemplateDictionary {
 public:
  explicit TemplateDictionary(DictionaryOptions options = {});
  ~TemplateDictionary();
  TemplateDictionary(TemplateDictionary&&) noexcept;
  TemplateDictionary& operator=(TemplateDictionary&&) noexcept;
  TemplateDictionary(const TemplateDictionary&) = delete;
  TemplateDictionary& operator=(const TemplateDictionary&) = delete;

  // Adds a template. Returns false (and adds nothing) when its id is already present or its
  // skeleton is empty or not sorted and distinct.
  bool Add(LearnedTemplate learned);

  // What Learn() did with one template.
  enum class Learned { kAdded, kHeld, kRejected };
  // Adds the templates of one later mining run, keeping ids stable: a template whose skeleton
  // differs from a held one's by at most `max_edit` values each way (the miner's edit_shingles:
  // one changed token), around more than 2 * max_edit values in common, is that template
  // learned again. It keeps the held id (kHeld: nothing is
  // added), and the held skeleton takes the few values it lacked, so that the prompts it was
  // learned from again - which the held skeleton did not match - match it now. An id is derived
  // from the run it was learned in (template_miner.h), so the same skeleton mined from other
  // prompts on another day can come out with another id; without this check one template would hold
  // two ids, and prompts would go to one or the other. Otherwise as Add(): kAdded, or kRejected for
  // a present id or a bad skeleton. Templates of the same run are not compared with each other (the
  // miner has already kept them apart).
  std::vector<Learned> Learn(std::span<const LearnedTemplate> learned, std::uint32_t max_edit);

  // The id of the best template for a sketch (sorted, distinct), or nullopt.
  std::optional<std::uint64_t> Match(std::span<const std::uint32_t> sketch) const;
  // The same, with the index and the scores (for diagnosis and tests).
  TemplateMatch BestMatch(std::span<const std::uint32_t> sketch) const;

  std::size_t size() const { return templates_.size(); }
  const std::vector<LearnedTemplate>& templates() const { return templates_; }
  const DictionaryOptions& options() const { return options_; }
  std::uint64_t key_id() const { return options_.key_id; }

  std::string Serialize() const;
  // Errors: kCorruption when the bytes do not decode: too short, wrong magic, checksum mismatch
  // (truncated or damaged), unknown format version, a count or length past the end, a skeleton
  // not sorted and distinct, a duplicate id, settings out of range, or trailing bytes.
  static Result<TemplateDictionary> Deserialize(std::string_view bytes);

  // "t4-" + 16 lower-case hex digits.
  static std::string IdText(std::uint64_t id);

 private:
  struct Index;  // shingle -> templates, and per-template prefix sums of weights
  const Index& GetIndex() const;

  DictionaryOptions options_;
  std::vector<LearnedTemplate> templates_;
  std::unique_ptr<Index> index_;  // rebuilt lazily after Add()
};

}  // namespace ringgraph::templates
