#include "service/session_thread.h"

#include <utility>

namespace ringgraph::service {

SessionThread::~SessionThread() { Stop(); }

void SessionThread::Start(Hooks hooks) {
  if (thread_.joinable()) return;
  hooks_ = std::move(hooks);
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void SessionThread::Stop() {
  {
    std::lock_guard<std::mutex> lock(pause_mutex_);
    stopping_ = true;
  }
  pause_wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool SessionThread::PauseFor(std::chrono::steady_clock::duration duration) {
  std::unique_lock<std::mutex> lock(pause_mutex_);
  return !pause_wake_.wait_for(lock, duration, [this] { return stopping_.load(); });
}

void SessionThread::Run() {
  while (!stopping()) {
    const Status ended = hooks_.session();
    if (ended.ok() || stopping()) break;
    if (hooks_.on_error) hooks_.on_error(ended);
    if (!PauseFor(hooks_.retry_pause)) break;
  }
  if (hooks_.on_exit) hooks_.on_exit();
}

}  // namespace ringgraph::service
