#include "service/detection_runner.h"

#include <gtest/gtest.h>

#include <ctime>

namespace ringgraph::service {
namespace {

TEST(DetectionScheduleTest, ParsesTimesOfDayAndOff) {
  auto off = DetectionSchedule::Parse("off");
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->enabled);
  EXPECT_EQ(off->NextAfter(1'700'000'000), 0);
  auto at = DetectionSchedule::Parse("02:30");
  ASSERT_TRUE(at.ok());
  EXPECT_TRUE(at->enabled);
  EXPECT_EQ(at->hour, 2);
  EXPECT_EQ(at->minute, 30);
  for (const char* bad : {"2:30", "24:00", "12:60", "noon", "", "12:3x"}) {
    EXPECT_FALSE(DetectionSchedule::Parse(bad).ok()) << bad;
  }
}

TEST(DetectionScheduleTest, NextRunIsTheNextOccurrenceOfTheTimeOfDay) {
  auto at = *DetectionSchedule::Parse("02:30");
  const UnixSeconds now = 1'700'000'000;
  const UnixSeconds next = at.NextAfter(now);
  EXPECT_GT(next, now);
  EXPECT_LE(next - now, 25 * 3600);  // within a day (a DST change adds at most an hour)
  std::time_t t = static_cast<std::time_t>(next);
  std::tm local{};
  localtime_r(&t, &local);
  EXPECT_EQ(local.tm_hour, 2);
  EXPECT_EQ(local.tm_min, 30);
  EXPECT_EQ(local.tm_sec, 0);
  // Exactly at the scheduled time, the next run is a day later.
  EXPECT_GT(at.NextAfter(next), next + 22 * 3600);
}

}  // namespace
}  // namespace ringgraph::service
