// Masking, structural tokens, keying and the bottom-k bound of prompt sketches.
#include "graph/templates/prompt_sketch.h"

#include <gtest/gtest.h>

namespace ringgraph::templates {
namespace {

TEST(PromptSketchTest, Placeholder) {
  PromptSketcher sketcher(kPublicSketchKey);
  std::vector<std::uint32_t> sketch;
  sketcher.Sketch("hello there", &sketch);
  EXPECT_FALSE(sketch.empty());
}

}  // namespace
}  // namespace ringgraph::templates
