// Runs detection inside ringd: on request (runDetection), and nightly at a set local time.
//
// One worker thread waits for the next scheduled time or a request and runs the job on the
// service (RingService::RunDetection). At most one run is in progress; a request during a run
// is answered with the running state. Reads keep being served from the previous clustering
// until the run commits its new version.
//
// Thread safety: all methods may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "service/ring_service.h"
#include "service/service_metrics.h"

namespace ringgraph::service {

// "HH:MM" (local time, daily) or "off".
struct DetectionSchedule {
  bool enabled = false;
  int hour = 0;
  int minute = 0;

  static Result<DetectionSchedule> Parse(std::string_view text);
  // The first scheduled time strictly after `now`; 0 when disabled.
  UnixSeconds NextAfter(UnixSeconds now) const;
};

enum class DetectionState { kIdle, kRunning, kSucceeded, kFailed };

struct DetectionStatusView {
  DetectionState state = DetectionState::kIdle;
  UnixSeconds started_at = 0;
  UnixSeconds finished_at = 0;
  std::uint64_t last_version = 0;
  double last_seconds = 0;
  std::uint64_t clusters = 0;
  std::uint64_t flagged = 0;
  std::string error;
  UnixSeconds next_scheduled_at = 0;
};

class DetectionRunner {
 public:
  // `log` receives one line per run and phase. `metrics` may be null.
  DetectionRunner(RingService& service, ServiceMetrics* metrics, DetectionSchedule schedule,
                  std::function<void(const std::string&)> log);
  ~DetectionRunner();
  DetectionRunner(const DetectionRunner&) = delete;
  DetectionRunner& operator=(const DetectionRunner&) = delete;

  // Asks for a run now. Returns the status after asking: kRunning either way.
  DetectionStatusView Request();
  DetectionStatusView Status() const;
  // Stops the schedule and waits for a run in progress to finish.
  void Stop();

 private:
  void Loop();

  RingService& service_;
  ServiceMetrics* metrics_;
  DetectionSchedule schedule_;
  std::function<void(const std::string&)> log_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  DetectionStatusView status_;
  std::thread worker_;
};

}  // namespace ringgraph::service
