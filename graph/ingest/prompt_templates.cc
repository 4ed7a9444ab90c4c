// Sketching and matching prompts at ingest. See prompt_templates.h.
#include "graph/ingest/prompt_templates.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace ringgraph::ingest {

PromptTemplates::PromptTemplates(const templates::SketchKey& key,
                                 templates::TemplateDictionary dictionary)
    : sketcher_(key),
      dictionary_(std::make_shared<const templates::TemplateDictionary>(std::move(dictionary))) {}

Result<std::unique_ptr<PromptTemplates>> PromptTemplates::Load(const store::StoreSnapshot& snapshot,
                                                               const Secret& secret) {
  const templates::SketchKey key = templates::SketchKeyFromSecret(secret.bytes());
  RINGGRAPH_ASSIGN_OR_RETURN(std::string bytes, snapshot.TemplateDictionaryBytes());
  templates::TemplateDictionary dictionary;
  if (!bytes.empty()) {
    RINGGRAPH_ASSIGN_OR_RETURN(dictionary, templates::TemplateDictionary::Deserialize(bytes));
  }
  auto loaded = std::make_unique<PromptTemplates>(key, std::move(dictionary));
  const std::uint64_t stored_key = loaded->dictionary()->key_id();
  if (stored_key != 0 && stored_key != loaded->key_id()) {
    return Status::FailedPrecondition(
        "the store's learned templates were made under another secret; use the deployment's "
        "original secret");
  }
  return loaded;
}

std::shared_ptr<const templates::TemplateDictionary> PromptTemplates::dictionary() const {
  std::lock_guard lock(mutex_);
  return dictionary_;
}

void PromptTemplates::Replace(templates::TemplateDictionary dictionary) {
  auto next = std::make_shared<const templates::TemplateDictionary>(std::move(dictionary));
  const std::uint32_t probe = 0;
  next->Match({&probe, 1});  // build the match index before readers see it
  std::lock_guard lock(mutex_);
  dictionary_ = std::move(next);
}

void PromptTemplates::Assign(const templates::TemplateDictionary& dictionary,
                             std::span<const std::string_view> prompts,
                             std::vector<std::string>* ids,
                             std::vector<std::vector<std::uint32_t>>* sketches) const {
  ids->assign(prompts.size(), std::string());
  sketches->assign(prompts.size(), {});
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, prompts.size(), 256),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      std::vector<std::uint32_t> sketch;
                      for (std::size_t i = range.begin(); i < range.end(); ++i) {
                        sketcher_.Sketch(prompts[i], &sketch);
                        std::optional<std::uint64_t> id = dictionary.Match(sketch);
                        if (id.has_value()) {
                          (*ids)[i] = templates::TemplateDictionary::IdText(*id);
                        } else {
                          (*sketches)[i] = sketch;
                        }
                      }
                    });
}

PromptTemplateAssigner MakePromptTemplateAssigner(const PromptTemplates& templates) {
  PromptTemplateAssigner assigner;
  assigner.current = [&templates] { return templates.dictionary(); };
  assigner.assign = [&templates](const TemplateVersion& version,
                                 std::span<const std::string_view> prompts,
                                 std::vector<std::string>* ids,
                                 std::vector<std::vector<std::uint32_t>>* sketches) {
    templates.Assign(version != nullptr ? *version : *templates.dictionary(), prompts, ids,
                     sketches);
  };
  return assigner;
}

}  // namespace ringgraph::ingest
