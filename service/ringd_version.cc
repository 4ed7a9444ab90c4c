// The build identity ringd reports over the API and in its build-info metric.
#include "service/ringd_version.h"

namespace ringgraph::service {

std::string_view RingdVersion() { return "0.1.0"; }

}  // namespace ringgraph::service
