// libFuzzer harness for the kinds config (ringd --kinds, ringctl --kinds): the input is the
// JSON file. Parsing fails with a message naming the file, or gives a registry whose kinds
// keep the store's key rules: the built-in five first and unchanged, declared codes in
// 16..250, names of [a-z0-9_]{1,32}, no name or code twice, and each kind found by both.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "graph/signals/signal_kind.h"

namespace {

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ringgraph::KindRegistry builtin = ringgraph::KindRegistry::Builtin();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto registry = ringgraph::KindRegistry::ParseDeclared(text, "fuzz.json");
  if (!registry.ok()) {
    if (registry.status().message().rfind("fuzz.json", 0) != 0) std::abort();
    return 0;
  }
  const auto& kinds = registry->kinds();
  if (kinds.size() < builtin.kinds().size()) std::abort();
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    const ringgraph::KindSpec& kind = kinds[k];
    if (k < builtin.kinds().size()) {
      const ringgraph::KindSpec& expected = builtin.kinds()[k];
      if (kind.name != expected.name || kind.code != expected.code ||
          kind.treatment != expected.treatment || kind.is_ip != expected.is_ip) {
        std::abort();
      }
    } else if (kind.code < ringgraph::kFirstDeclaredKind ||
               kind.code > ringgraph::kLastDeclaredKind || !ValidName(kind.name) ||
               kind.treatment != ringgraph::ValueTreatment::kKeyedHash || kind.is_ip) {
      std::abort();
    }
    if (registry->FindByName(kind.name) != &kind || registry->FindByCode(kind.code) != &kind) {
      std::abort();
    }
  }
  return 0;
}
