// Template ids for a whole corpus of prompts at once: the batch entry point (ringctl templates,
// the benchmarks, and the lead's ingest rewiring). It learns the corpus's templates and gives
// every prompt the id of the template it contains, or "" for none:
//   1. sketch    every prompt, in parallel (TBB), under the caller's key (prompt_sketch.h);
//   2. mine      the templates of the sketches and accounts (template_miner.h);
//   3. build     a dictionary of them (template_dictionary.h);
//   4. match     every prompt's sketch against the dictionary, in parallel.
// A prompt that helped learn no template may still match one (a sibling with a heavier edit);
// an unrelated free-text prompt matches none. Only sketches are kept between the steps; the
// prompt text is read once, in step 1.
//
// Thread safety: a reentrant function; concurrent calls share nothing.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/templates/prompt_sketch.h"
#include "graph/templates/template_dictionary.h"
#include "graph/templates/template_miner.h"

namespace ringgraph::templates {

struct CorpusTemplateOptions {
  SketchOptions sketch;
  MinerOptions miner;  // miner.max_shingles is taken from sketch.max_shingles
  double min_containment = 0.5;
};

// Writes (*ids)[i], the template id of prompts[i] ("t4-..." or "" for no template); *ids is
// resized. `accounts` has one account per prompt, or is empty for "each prompt its own account".
// When `learned` is not null it receives the dictionary (with the key's KeyId recorded).
// Errors: kInvalidArgument when ids is null, min_containment is outside (0, 1], accounts has the
// wrong size, or a miner option is out of range (TemplateMiner::Run's errors); *ids is then all
// "".
Status AssignCorpusTemplates(std::span<const std::string_view> prompts,
                             std::span<const std::uint32_t> accounts, const SketchKey& key,
                             const CorpusTemplateOptions& options, std::vector<std::string>* ids,
                             TemplateDictionary* learned);

}  // namespace ringgraph::templates
