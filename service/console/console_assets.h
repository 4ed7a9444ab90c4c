// The console's static files (service/console/assets/), compiled into ringd by
// embed_assets.cmake so that ringd needs no files beside it to serve them.
//
// Thread safety: constant data.
#pragma once

#include <optional>
#include <string_view>

namespace ringgraph::console {

struct ConsoleAsset {
  std::string_view content_type;
  std::string_view text;
};

// The asset named `name` ("console.js"); nothing when there is none.
std::optional<ConsoleAsset> FindAsset(std::string_view name);

}  // namespace ringgraph::console
