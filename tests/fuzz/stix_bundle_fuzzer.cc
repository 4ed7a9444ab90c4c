// libFuzzer harness for STIX bundle import (importIndicators, ringctl import-indicators): the
// input is a partner's bundle, checked against one configured consortium key. Import either
// fails with a message or returns indicators that keep the promises the watchlist relies on:
// at least one value each, confidence 0..100, validity ending after it starts, the key id of
// the configured key, and a partner name.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "graph/sharing/consortium_key.h"
#include "graph/sharing/stix_indicators.h"

// The seed corpus's bundles carry MACs under this key: consortium "fuzz", secret 64 x '5'
// (made by tests/fuzz/stix_bundle_seeds.py).
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace sharing = ringgraph::sharing;
  static const std::vector<sharing::ConsortiumKey> keys = {sharing::ConsortiumKey::FromSecret(
      "fuzz", *ringgraph::Secret::FromHex(std::string(64, '5')))};
  const std::string_view bundle(reinterpret_cast<const char*>(data), size);
  for (const std::string& partner : {std::string(), std::string("override")}) {
    auto indicators = sharing::ParseIndicators(bundle, keys, partner);
    if (!indicators.ok()) {
      if (indicators.status().message().empty()) std::abort();
      break;  // the partner name plays no part in refusing a bundle
    }
    if (indicators->empty()) std::abort();
    for (const auto& indicator : *indicators) {
      if (indicator.values.empty() || indicator.confidence < 0 || indicator.confidence > 100 ||
          (indicator.valid_until != 0 && indicator.valid_until <= indicator.valid_from) ||
          indicator.key_id != keys[0].key_id() || indicator.partner.empty() ||
          (!partner.empty() && indicator.partner != partner)) {
        std::abort();
      }
    }
  }
  return 0;
}
