// libFuzzer harness for the prompt-template code that reads untrusted bytes:
//   - PromptSketcher::Sketch on arbitrary prompt bytes: a sketch is sorted, distinct, within the
//     max_shingles bound, never empty, and the same every time;
//   - TemplateDictionary::Deserialize on the same bytes as a stored dictionary: it returns an
//     error or a dictionary that serializes back to the same bytes and matches without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "graph/templates/prompt_sketch.h"
#include "graph/templates/template_dictionary.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace tpl = ringgraph::templates;
  static const tpl::PromptSketcher sketcher(tpl::kPublicSketchKey, tpl::SketchOptions{64, 8192});
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  std::vector<std::uint32_t> sketch, again;
  sketcher.Sketch(bytes, &sketch);
  sketcher.Sketch(bytes, &again);
  if (sketch != again || sketch.empty() || sketch.size() > 64) std::abort();
  for (std::size_t k = 1; k < sketch.size(); ++k) {
    if (sketch[k - 1] >= sketch[k]) std::abort();
  }

  auto dictionary = tpl::TemplateDictionary::Deserialize(bytes);
  if (dictionary.ok()) {
    if (dictionary->Serialize() != bytes) std::abort();
    auto match = dictionary->BestMatch(sketch);
    if (match.index >= static_cast<std::int32_t>(dictionary->size())) std::abort();
  }
  return 0;
}
