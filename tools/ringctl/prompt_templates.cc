// Until prompt-template fingerprints land, prompts count towards prompt volume only.
#include "tools/ringctl/prompt_templates.h"

namespace ringgraph::tools {

ingest::PromptTemplateAssigner MakePromptTemplateAssigner() { return {}; }

}  // namespace ringgraph::tools
