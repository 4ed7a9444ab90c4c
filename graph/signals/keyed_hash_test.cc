#include "graph/signals/keyed_hash.h"

#include <gtest/gtest.h>

namespace ringgraph {
namespace {

Secret SecretOf(char fill) { return *Secret::FromHex(std::string(64, fill)); }

TEST(KeyedHashTest, SameValueAndKeyGiveSameHash) {
  KeyedHasher a(SecretOf('1')), b(SecretOf('1'));
  EXPECT_EQ(a.Hash(kIpKind, "203.0.113.7"), b.Hash(kIpKind, "203.0.113.7"));
  EXPECT_EQ(a.KeyId(), b.KeyId());
}

TEST(KeyedHashTest, DifferentKeyGivesDifferentHash) {
  KeyedHasher a(SecretOf('1')), b(SecretOf('2'));
  EXPECT_NE(a.Hash(kIpKind, "203.0.113.7"), b.Hash(kIpKind, "203.0.113.7"));
  EXPECT_NE(a.KeyId(), b.KeyId());
}

TEST(KeyedHashTest, KindSeparatesEqualTexts) {
  KeyedHasher a(SecretOf('1'));
  EXPECT_NE(a.Hash(kIpKind, "abc"), a.Hash(kDeviceKind, "abc"));
  EXPECT_EQ(HashToHex(a.Hash(kIpKind, "abc")).size(), 32u);
}

TEST(SecretTest, RejectsWrongLengthAndNonHex) {
  EXPECT_FALSE(Secret::FromHex("abcd").ok());
  EXPECT_FALSE(Secret::FromHex(std::string(63, 'a') + "g").ok());
  EXPECT_TRUE(Secret::FromHex(std::string(64, 'A') + "\n").ok());
}

}  // namespace
}  // namespace ringgraph
