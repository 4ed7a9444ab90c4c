// The prompt-template assigner that ingest uses: anchor fingerprints, in parallel.
// They are stateless, so ids agree across batches, runs and deployments without a stored
// dictionary, and on the generated population they link more same-template accounts than the
// learned dictionary does per 50k-record batch (README, "Prompt templates").
#include "graph/ingest/prompt_template_assigner.h"

#include <memory>

#include "graph/templates/anchor_fingerprint.h"

namespace ringgraph::ingest {

PromptTemplateAssigner MakePromptTemplateAssigner() {
  auto fingerprinter = std::make_shared<templates::AnchorFingerprinter>();
  return [fingerprinter](std::span<const std::string_view> prompts, std::vector<std::string>* ids) {
    fingerprinter->FingerprintBatch(prompts, ids);
  };
}

}  // namespace ringgraph::ingest
