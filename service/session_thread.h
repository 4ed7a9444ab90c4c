// The thread behind each of ringd's NATS-facing workers (the signal stream consumer, the analyst
// stream, the detection leader): it runs one session - a connection and its loop - until the
// session ends, and after an error waits and starts a new one, until Stop().
//
//   session()          runs on the thread; it should return soon after stopping() turns true
//   on_error(status)   called on the thread when a session ends with an error, before the pause
//   on_exit()          called on the thread last, once no session will run again
//
// A session that returns OK ends the thread too (it decided there is nothing more to do).
//
// Thread safety: Start() and Stop() are called by the owner's thread; stopping() and
// PauseFor() may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "graph/common/status.h"

namespace ringgraph::service {

class SessionThread {
 public:
  struct Hooks {
    std::function<Status()> session;
    std::function<void(const Status&)> on_error;  // may be empty
    std::function<void()> on_exit;                // may be empty
    std::chrono::milliseconds retry_pause{1000};
  };

  SessionThread() = default;
  ~SessionThread();  // Stop()
  SessionThread(const SessionThread&) = delete;
  SessionThread& operator=(const SessionThread&) = delete;

  // Starts the thread; does nothing when it is running already.
  void Start(Hooks hooks);
  // Asks the session to end, wakes any PauseFor(), and joins the thread.
  void Stop();

  bool stopping() const { return stopping_.load(); }
  // Waits `duration`, or less when Stop() is called; returns false when stopping.
  bool PauseFor(std::chrono::steady_clock::duration duration);

 private:
  void Run();

  Hooks hooks_;
  std::atomic<bool> stopping_{false};
  std::mutex pause_mutex_;
  std::condition_variable pause_wake_;
  std::thread thread_;
};

}  // namespace ringgraph::service
