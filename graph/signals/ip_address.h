// Normalising IP address text so that one address always hashes the same way.
#pragma once

#include <string>
#include <string_view>

#include "graph/common/status.h"

namespace ringgraph {

// Canonical text of an IPv4 or IPv6 address: dotted quad for IPv4 (also for IPv4-mapped IPv6
// such as ::ffff:192.0.2.1), RFC 5952 compressed lower case for IPv6. Surrounding brackets
// ("[2001:db8::1]") are accepted; zone ids, ports and CIDR suffixes are rejected.
Result<std::string> NormalizeIpAddress(std::string_view text);

}  // namespace ringgraph
