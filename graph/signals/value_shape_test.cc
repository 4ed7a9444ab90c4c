#include "graph/signals/value_shape.h"

#include <gtest/gtest.h>

namespace ringgraph {
namespace {

TEST(ValueShapeTest, SaysLengthAndCharacterClassesButNoByteOfTheValue) {
  EXPECT_EQ(DescribeValueShape(""), "empty");
  EXPECT_EQ(DescribeValueShape("x"), "1 byte: letters");
  EXPECT_EQ(DescribeValueShape("4111111111111111"), "16 bytes: digits");
  EXPECT_EQ(DescribeValueShape("not-an-ip"), "9 bytes: letters, punctuation");
  EXPECT_EQ(DescribeValueShape("Write a poem\n\xc3\xa9"),
            "15 bytes: letters, spaces, control characters, non-ASCII");
  const std::string card = "5500 0000 0000 0004";
  const std::string shape = DescribeValueShape(card);
  EXPECT_EQ(shape, "19 bytes: digits, spaces");
  EXPECT_EQ(shape.find("5500"), std::string::npos);
}

TEST(ValueShapeTest, OnlyShortLowercaseWordsAreEchoedAsNames) {
  EXPECT_TRUE(LooksLikeIdentifier("phone"));
  EXPECT_TRUE(LooksLikeIdentifier("device_id"));
  EXPECT_FALSE(LooksLikeIdentifier(""));
  EXPECT_FALSE(LooksLikeIdentifier("4111111111111111"));
  EXPECT_FALSE(LooksLikeIdentifier("10.0.0.1"));
  EXPECT_FALSE(LooksLikeIdentifier("deadbeef01"));
  EXPECT_FALSE(LooksLikeIdentifier("write a poem"));
  EXPECT_FALSE(LooksLikeIdentifier("Alice"));
  EXPECT_FALSE(LooksLikeIdentifier(std::string(25, 'a')));
  EXPECT_EQ(IdentifierOrShape("phone"), "phone");
  EXPECT_EQ(IdentifierOrShape("10.0.0.1"), "<8 bytes: digits, punctuation>");
}

}  // namespace
}  // namespace ringgraph
