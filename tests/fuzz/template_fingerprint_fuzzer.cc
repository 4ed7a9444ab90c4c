// libFuzzer harness for the prompt-template fingerprint ingest uses: arbitrary bytes must give
// an id or none, the same id every time, and ids of the documented form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "graph/templates/fixed_text_fingerprint.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ringgraph::templates::FixedTextFingerprinter fingerprinter;
  const std::string_view prompt(reinterpret_cast<const char*>(data), size);
  const std::string first = fingerprinter.Fingerprint(prompt);
  const std::string second = fingerprinter.Fingerprint(prompt);
  if (first != second) std::abort();
  if (!first.empty() && first.rfind("t3-", 0) != 0) std::abort();
  return 0;
}
