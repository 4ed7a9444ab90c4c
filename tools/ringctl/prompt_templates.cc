// The prompt-template assigner that ringctl ingest uses: template fingerprints, in parallel.
#include "tools/ringctl/prompt_templates.h"

#include <memory>

#include "graph/templates/template_fingerprint.h"

namespace ringgraph::tools {

ingest::PromptTemplateAssigner MakePromptTemplateAssigner() {
  auto fingerprinter = std::make_shared<templates::TemplateFingerprinter>();
  return [fingerprinter](std::span<const std::string_view> prompts, std::vector<std::string>* ids) {
    fingerprinter->FingerprintBatch(prompts, ids);
  };
}

}  // namespace ringgraph::tools
