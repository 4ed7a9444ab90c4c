#include "graph/signals/timestamp.h"

#include <gtest/gtest.h>

namespace ringgraph {
namespace {

TEST(TimestampTest, AcceptsUnixSeconds) {
  auto ts = ParseTimestamp("1759312800");
  ASSERT_TRUE(ts.ok());
  EXPECT_EQ(*ts, 1759312800);
}

TEST(TimestampTest, AcceptsRfc3339WithZoneAndFraction) {
  EXPECT_EQ(*ParseTimestamp("2025-10-01T10:00:00Z"), 1759312800);
  EXPECT_EQ(*ParseTimestamp("2025-10-01T12:00:00.750+02:00"), 1759312800);
  EXPECT_EQ(*ParseTimestamp("2025-10-01 05:30:00-04:30"), 1759312800);
  EXPECT_EQ(*ParseTimestamp("2024-02-29t00:00:00z"), 1709164800);
}

TEST(TimestampTest, RejectsMalformedAndImpossibleDates) {
  for (const char* bad : {"", "-5", "12ab", "2025-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
                          "2025-10-01T10:00:00", "2025-10-01T25:00:00Z", "2025-10-01",
                          "1969-12-31T23:59:59Z", "2025-10-01T10:00:00Zjunk", "99999999999999"}) {
    EXPECT_FALSE(ParseTimestamp(bad).ok()) << bad;
  }
}

TEST(TimestampTest, FormatRoundTrips) {
  EXPECT_EQ(FormatRfc3339(1759312800), "2025-10-01T10:00:00Z");
  EXPECT_EQ(*ParseTimestamp(FormatRfc3339(1234567890)), 1234567890);
}

}  // namespace
}  // namespace ringgraph
