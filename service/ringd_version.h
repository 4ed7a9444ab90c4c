// The build identity ringd reports over the API and in its build-info metric.
#pragma once

#include <string_view>

namespace ringgraph::service {

// The semantic version of this build, for example "0.1.0".
std::string_view RingdVersion();

}  // namespace ringgraph::service
