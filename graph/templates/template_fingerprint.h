// Template fingerprints of sampled prompts: the entry point that ingest and ringctl use.
//
// A prompt built from a template is mostly filling, so whole-prompt similarity cannot tell
// siblings from strangers. The fingerprinter instead keeps a dictionary of template skeletons
// (template_dictionary.h) — the shingles that recur together across many prompts — learned
// from the prompts themselves (template_learner.h), and gives each prompt the id of the
// skeleton it contains best, or "" when it contains none.
//
// FingerprintBatch(), for one batch:
//   1. shingle    every prompt is masked and shingled in parallel (prompt_shingles.h);
//   2. match      each prompt is matched against the known skeletons in parallel;
//   3. learn      the prompts that matched nothing are handed to the learner; the skeletons it
//                 finds (groups of >= min_cluster_prompts prompts) join the dictionary;
//   4. rematch    those prompts are matched again, now against the grown dictionary;
//                 steps 3 and 4 repeat (learn_rounds) for the prompts still unmatched.
// A template therefore needs min_cluster_prompts prompts in one batch before it is learned;
// until then its prompts get "". Learning can be switched off (learn = false) to match against
// a fixed, loaded dictionary only.
//
// State: the dictionary is kept across batches; it holds 64-bit shingle hashes, never text.
// Persist it with SerializeDictionary() and restore it with LoadDictionary() so that a later run
// keeps matching the templates already learned. Ids are stable without it too: the id rule in
// template_dictionary.h makes a template re-learned elsewhere with the same settings get the
// same id.
//
// No template: a prompt that contains no known skeleton, or an empty prompt, gets "".
//
// Thread safety: all public methods may be called from many threads at once. Matching takes a
// shared lock on the dictionary; adding learned skeletons and loading take it exclusively.
#pragma once

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/templates/prompt_shingles.h"
#include "graph/templates/template_dictionary.h"
#include "graph/templates/template_learner.h"

namespace ringgraph::templates {

struct FingerprintOptions {
  ShingleOptions shingles;
  LearnerOptions learner;
  // A prompt matches a skeleton when it holds this share of the skeleton's shingle weight.
  double min_containment = 0.5;
  bool learn = true;
  // Learn-and-rematch rounds per batch (each round learns only from still-unmatched prompts).
  std::uint32_t learn_rounds = 2;
  // Learning stops once the dictionary holds this many skeletons; matching goes on.
  std::size_t max_templates = 1u << 20;
};

class TemplateFingerprinter {
 public:
  explicit TemplateFingerprinter(FingerprintOptions options = {});
  TemplateFingerprinter(const TemplateFingerprinter&) = delete;
  TemplateFingerprinter& operator=(const TemplateFingerprinter&) = delete;

  const FingerprintOptions& options() const { return options_; }

  // Fingerprints a batch (in parallel with TBB), learning new templates from it when
  // options().learn; (*ids)[i] is the template id of prompts[i] or "". *ids is resized.
  // Errors: only a learner misconfiguration (kInvalidArgument); *ids is then all "".
  Status FingerprintBatch(std::span<const std::string_view> prompts, std::vector<std::string>* ids);

  // The id of the best known template for one prompt, or ""; never learns.
  std::string Match(std::string_view prompt) const;

  std::size_t template_count() const;

  // The dictionary as bytes (template_dictionary.h describes the format).
  std::string SerializeDictionary() const;
  // Replaces the dictionary with one read from bytes. Errors: kCorruption for bytes that do not
  // decode; kInvalidArgument for a dictionary built with other shingle settings.
  Status LoadDictionary(std::string_view bytes);

 private:
  FingerprintOptions options_;
  PromptShingler shingler_;
  mutable std::shared_mutex mutex_;  // guards dictionary_
  TemplateDictionary dictionary_;
};

}  // namespace ringgraph::templates
