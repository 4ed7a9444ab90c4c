// Sketch, mine, build, match: template ids for a corpus. See corpus_templates.h.
#include "graph/templates/corpus_templates.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace ringgraph::templates {

Status AssignCorpusTemplates(std::span<const std::string_view> prompts,
                             std::span<const std::uint32_t> accounts, const SketchKey& key,
                             const CorpusTemplateOptions& options, std::vector<std::string>* ids,
                             TemplateDictionary* learned) {
  if (ids == nullptr) {
    return Status::InvalidArgument("AssignCorpusTemplates: ids is null; pass a vector to fill");
  }
  ids->assign(prompts.size(), std::string());
  if (!(options.min_containment > 0 && options.min_containment <= 1)) {
    return Status::InvalidArgument("AssignCorpusTemplates: min_containment " +
                                   std::to_string(options.min_containment) +
                                   " is outside (0, 1]; 0.5 is the default");
  }
  const PromptSketcher sketcher(key, options.sketch);

  std::vector<std::vector<std::uint32_t>> sketches(prompts.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, prompts.size(), 64), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) sketcher.Sketch(prompts[i], &sketches[i]);
  });

  MinerOptions miner_options = options.miner;
  miner_options.max_shingles = sketcher.options().max_shingles;
  TemplateMiner miner(sketches, accounts, miner_options);
  RINGGRAPH_RETURN_IF_ERROR(miner.Run().WithContext("AssignCorpusTemplates"));

  DictionaryOptions dictionary_options;
  dictionary_options.max_shingles = sketcher.options().max_shingles;
  dictionary_options.min_containment = options.min_containment;
  dictionary_options.key_id = sketcher.KeyId();
  TemplateDictionary dictionary(dictionary_options);
  for (const LearnedTemplate& t : miner.templates()) dictionary.Add(t);

  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, prompts.size(), 256), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      const std::optional<std::uint64_t> id = dictionary.Match(sketches[i]);
      if (id) (*ids)[i] = TemplateDictionary::IdText(*id);
    }
  });
  if (learned != nullptr) *learned = std::move(dictionary);
  return Status::Ok();
}

}  // namespace ringgraph::templates
