// The prompt-template assigner every ingest path uses: fixed-text fingerprints, in parallel.
// They are stateless, so ids agree across batches, runs and deployments without a stored
// dictionary; on the labelled test corpus they reach pairwise precision 1.00 and recall 0.93,
// where the first-line anchor used before reached 0.26 and the learned dictionary loses
// templates in 50k-record batches (README, "Prompt templates").
#include "graph/ingest/prompt_template_assigner.h"

#include <memory>

#include "graph/templates/fixed_text_fingerprint.h"

namespace ringgraph::ingest {

PromptTemplateAssigner MakePromptTemplateAssigner() {
  auto fingerprinter = std::make_shared<templates::FixedTextFingerprinter>();
  return [fingerprinter](std::span<const std::string_view> prompts, std::vector<std::string>* ids) {
    fingerprinter->FingerprintBatch(prompts, ids);
  };
}

}  // namespace ringgraph::ingest
