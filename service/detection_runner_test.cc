#include "service/detection_runner.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <tbb/parallel_for.h>
#include <unistd.h>

#include <atomic>
#include <ctime>
#include <mutex>
#include <set>

#include "graph/common/temp_dir.h"
#include "service/service_test_population.h"

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

int OwnNiceness() { return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid))); }

// Every thread that runs detection's work - the caller and the TBB workers that join - runs at
// the given niceness while it does; work outside (the caller afterwards) is not touched when
// the process may raise priority again.
TEST(RunAtNicenessTest, EveryThreadOfTheWorkRunsAtTheNiceness) {
  const int before = OwnNiceness();
  ASSERT_LT(before, 7) << "the test needs to lower its priority to 7";
  std::mutex mutex;
  std::set<int> seen;
  std::set<long> threads;
  RunAtNiceness(7, [&] {
    tbb::parallel_for(0, 2000, [&](int) {
      volatile double x = 0;
      for (int k = 0; k < 20000; ++k) x = x + k;  // long enough for workers to join
      std::lock_guard<std::mutex> lock(mutex);
      seen.insert(OwnNiceness());
      threads.insert(::syscall(SYS_gettid));
    });
  });
  EXPECT_EQ(seen, std::set<int>{7});
  EXPECT_GE(threads.size(), 1u);
  if (::geteuid() == 0) {
    EXPECT_EQ(OwnNiceness(), before);  // restored where it may be
  }
}

TEST(RunAtNicenessTest, ZeroLeavesThePriorityAlone) {
  const int before = OwnNiceness();
  int during = -100;
  RunAtNiceness(0, [&] { during = OwnNiceness(); });
  EXPECT_EQ(during, before);
}

// A follower's runner (detection_leader.h) refuses requests with the permit's reason and starts
// nothing; once permitted, a request starts a run.
TEST(DetectionRunnerTest, ARefusedPermitRefusesRequestsAndRunsNothing) {
  TempDir dir;
  std::unique_ptr<RingService> service =
      test_population::OpenService(test_population::TestServiceOptions(dir));
  ASSERT_NE(service, nullptr);
  std::atomic<bool> leader{false};
  DetectionRunner runner(
      *service, /*metrics=*/nullptr, DetectionSchedule{}, [](const std::string&) {},
      /*nice=*/0,
      [&]() -> ringgraph::Status {
        return leader.load() ? ringgraph::Status::Ok()
                             : ringgraph::Status::FailedPrecondition("leader is 'replica-2'");
      });
  Result<DetectionStatusView> refused = runner.Request();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ringgraph::Status::Code::kFailedPrecondition);
  EXPECT_EQ(refused.status().message(), "leader is 'replica-2'");
  EXPECT_EQ(runner.Status().state, DetectionState::kIdle);
  EXPECT_EQ(runner.Status().started_at, 0);

  leader = true;
  Result<DetectionStatusView> accepted = runner.Request();
  ASSERT_TRUE(accepted.ok()) << accepted.status().message();
  EXPECT_EQ(accepted->state, DetectionState::kRunning);
  runner.Stop();
  EXPECT_NE(runner.Status().state, DetectionState::kIdle);
}

}  // namespace
}  // namespace ringgraph::service
