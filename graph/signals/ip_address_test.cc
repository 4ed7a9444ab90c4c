#include "graph/signals/ip_address.h"

#include <gtest/gtest.h>

namespace ringgraph {
namespace {

TEST(IpAddressTest, NormalisesEquivalentSpellingsToOneText) {
  EXPECT_EQ(*NormalizeIpAddress("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(*NormalizeIpAddress("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
  EXPECT_EQ(*NormalizeIpAddress("[2001:db8::1]"), "2001:db8::1");
  EXPECT_EQ(*NormalizeIpAddress("::ffff:192.0.2.1"), "192.0.2.1");
}

TEST(IpAddressTest, RejectsNonAddresses) {
  for (const char* bad : {"", "1.2.3", "1.2.3.4:80", "10.0.0.0/8", "fe80::1%eth0", "host.example",
                          "256.1.1.1", " 1.2.3.4"}) {
    EXPECT_FALSE(NormalizeIpAddress(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace ringgraph
