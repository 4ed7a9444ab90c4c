#include "service/session_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

namespace ringgraph::service {
namespace {

using namespace std::chrono_literals;

TEST(SessionThreadTest, RetriesAfterEachErrorUntilASessionEndsWell) {
  std::atomic<int> sessions{0};
  std::vector<std::string> errors;  // written by the thread, read after it ended
  std::atomic<int> exits{0};
  SessionThread worker;
  SessionThread::Hooks hooks;
  hooks.session = [&] {
    return ++sessions < 3 ? Status::IoError("lost " + std::to_string(sessions.load()))
                          : Status::Ok();
  };
  hooks.on_error = [&](const Status& s) { errors.push_back(s.message()); };
  hooks.on_exit = [&] { ++exits; };
  hooks.retry_pause = 10ms;
  worker.Start(std::move(hooks));
  for (int i = 0; i < 500 && exits.load() == 0; ++i) std::this_thread::sleep_for(10ms);
  worker.Stop();
  EXPECT_EQ(sessions.load(), 3);
  EXPECT_EQ(errors, (std::vector<std::string>{"lost 1", "lost 2"}));
  EXPECT_EQ(exits.load(), 1);
}

TEST(SessionThreadTest, StopEndsARunningSessionAndCutsThePauseShort) {
  std::atomic<int> sessions{0}, exits{0};
  SessionThread worker;
  auto session = [&]() -> Status {
    if (++sessions == 1) return Status::IoError("first connection lost");
    while (!worker.stopping()) std::this_thread::sleep_for(1ms);  // a session's fetch loop
    return Status::Ok();
  };
  SessionThread::Hooks hooks;
  hooks.session = session;
  hooks.on_exit = [&] { ++exits; };
  hooks.retry_pause = 60s;  // Stop() must not wait for it
  worker.Start(std::move(hooks));
  std::this_thread::sleep_for(50ms);
  const auto started = std::chrono::steady_clock::now();
  worker.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_EQ(sessions.load(), 1);  // still in the pause: no second session
  EXPECT_EQ(exits.load(), 1);

  // Started again, the running session sees stopping() and returns.
  sessions = 1;
  SessionThread::Hooks again;
  again.session = session;
  again.on_exit = [&] { ++exits; };
  worker.Start(std::move(again));
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(worker.stopping());
  worker.Stop();
  EXPECT_EQ(sessions.load(), 2);
  EXPECT_EQ(exits.load(), 2);
}

TEST(SessionThreadTest, PauseForReportsWhetherItWasStopped) {
  SessionThread worker;
  EXPECT_TRUE(worker.PauseFor(1ms));
  worker.Stop();  // never started: only marks it stopping
  EXPECT_FALSE(worker.PauseFor(60s));
}

}  // namespace
}  // namespace ringgraph::service
