// The prompt-template assigner that every ingest path (ringctl ingest and ringd's ingest call)
// hands to the ingest pipeline, so that both turn the same prompt into the same template id.
#pragma once

#include "graph/ingest/ingest_pipeline.h"

namespace ringgraph::ingest {

// Returns the assigner that fingerprints prompt texts into template ids, in parallel. It is
// stateless, so ids agree across batches, processes and deployments.
PromptTemplateAssigner MakePromptTemplateAssigner();

}  // namespace ringgraph::ingest
