// The deployment's learned prompt templates, as every ingest path uses them (ringctl ingest and
// ringd's ingest call), so that both turn the same prompt into the same template id.
//
// Each prompt is sketched under the deployment's sketch key (graph/templates/prompt_sketch.h:
// keyed, 32-bit shingle hashes; the text is dropped right after) and matched against the current
// dictionary of learned templates. A prompt that matches gets the template's id; one that
// matches nothing keeps its sketch, which the store holds until a template learned later claims
// it (template_refresh.h). The dictionary is the store's (template_dictionary), replaced when a
// refresh learns new templates.
//
// Thread safety: Assign() may run on many threads at once, also while Replace() swaps in a new
// dictionary (a batch sees one dictionary or the other, whole).
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/ingest/ingest_pipeline.h"
#include "graph/signals/keyed_hash.h"
#include "graph/store/account_store.h"
#include "graph/templates/prompt_sketch.h"
#include "graph/templates/template_dictionary.h"

namespace ringgraph::ingest {

class PromptTemplates {
 public:
  PromptTemplates(const templates::SketchKey& key, templates::TemplateDictionary dictionary);
  PromptTemplates(const PromptTemplates&) = delete;
  PromptTemplates& operator=(const PromptTemplates&) = delete;

  // The templates of the store in `snapshot` under the sketch key derived from `secret`.
  // Errors: kCorruption for a stored dictionary that does not decode; kFailedPrecondition for
  // one made under another key (another secret).
  static Result<std::unique_ptr<PromptTemplates>> Load(const store::StoreSnapshot& snapshot,
                                                       const Secret& secret);

  // For each prompt, in parallel, matched against `dictionary`: (*ids)[i] is its template id
  // ("" for none) and, for a prompt without one, (*sketches)[i] its sketch to keep (empty
  // otherwise). Both are resized.
  void Assign(const templates::TemplateDictionary& dictionary,
              std::span<const std::string_view> prompts, std::vector<std::string>* ids,
              std::vector<std::vector<std::uint32_t>>* sketches) const;

  std::shared_ptr<const templates::TemplateDictionary> dictionary() const;
  void Replace(templates::TemplateDictionary dictionary);
  std::uint64_t key_id() const { return sketcher_.KeyId(); }

 private:
  templates::PromptSketcher sketcher_;
  mutable std::mutex mutex_;  // guards dictionary_ (the pointer, not the dictionary)
  std::shared_ptr<const templates::TemplateDictionary> dictionary_;
};

// The assigner the ingest pipeline calls, backed by `templates` (which must outlive it): its
// versions are the dictionaries Replace() swaps in.
PromptTemplateAssigner MakePromptTemplateAssigner(const PromptTemplates& templates);

}  // namespace ringgraph::ingest
