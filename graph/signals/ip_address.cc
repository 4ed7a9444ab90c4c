// IP normalisation through the C library's inet_pton/inet_ntop, which implement RFC 5952 output.
#include "graph/signals/ip_address.h"

#include <arpa/inet.h>

#include <cstring>

#include "graph/signals/value_shape.h"

namespace ringgraph {
namespace {

// The text is not shown: a malformed address may be any other value in the wrong column.
Status NotAnAddress(std::string_view text) {
  return Status::InvalidArgument("field 'value' is not an IPv4 or IPv6 address (" +
                                 DescribeValueShape(text) + ")");
}

}  // namespace

Result<std::string> NormalizeIpAddress(std::string_view text) {
  std::string_view body = text;
  if (body.size() >= 2 && body.front() == '[' && body.back() == ']') {
    body = body.substr(1, body.size() - 2);
  }
  if (body.empty() || body.size() > INET6_ADDRSTRLEN) {
    return NotAnAddress(text);
  }
  std::string owned(body);
  in_addr v4;
  if (inet_pton(AF_INET, owned.c_str(), &v4) == 1) {
    char out[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &v4, out, sizeof out);
    return std::string(out);
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, owned.c_str(), &v6) == 1) {
    static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(v6.s6_addr, kMappedPrefix, sizeof kMappedPrefix) == 0) {
      std::memcpy(&v4, v6.s6_addr + 12, 4);
      char out[INET_ADDRSTRLEN];
      inet_ntop(AF_INET, &v4, out, sizeof out);
      return std::string(out);
    }
    char out[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, &v6, out, sizeof out);
    return std::string(out);
  }
  return NotAnAddress(text);
}

}  // namespace ringgraph
