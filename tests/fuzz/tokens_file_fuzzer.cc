// libFuzzer harness for ringd's tokens file (--tokens-file): the input is the file. Parsing
// fails with a message naming the file, or gives a registry of at least one client that
// refuses the empty token and tokens it does not hold, whatever the input's bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "service/access/access_control.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using ringgraph::access::TokenRegistry;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto registry = TokenRegistry::Parse(text, "fuzz-tokens");
  if (!registry.ok()) {
    if (registry.status().message().find("fuzz-tokens") == std::string::npos) std::abort();
    return 0;
  }
  if (registry->size() == 0) std::abort();
  if (registry->Authenticate("").has_value()) std::abort();
  // The file's own bytes as a token: a file holds hashes, so its text lets no one in unless a
  // line carries that text's hash, which needs a BLAKE2b preimage.
  if (registry->Authenticate(text).has_value()) std::abort();
  return 0;
}
