// The prompt-template assigner that ringctl ingest hands to the ingest pipeline.
#pragma once

#include "graph/ingest/ingest_pipeline.h"

namespace ringgraph::tools {

// Returns the assigner that fingerprints prompt texts into template ids, or an empty function
// when template fingerprinting is not available (prompts then count as volume only).
ingest::PromptTemplateAssigner MakePromptTemplateAssigner();

}  // namespace ringgraph::tools
