// Runs detection inside ringd: on request (runDetection), and nightly at a set local time.
//
// One worker thread waits for the next scheduled time or a request and runs the job on the
// service (RingService::RunDetection). At most one run is in progress; a request during a run
// is answered with the running state. Reads keep being served from the previous clustering
// until the run commits its new version.
//
// Detection runs in its own TBB arena whose threads (the runner's and every TBB worker while it
// works for the arena) run at `nice` (setpriority): on idle cores detection takes them all; when
// lookups need a core, the kernel gives it to them first. A worker leaving the arena gets its
// old niceness back where the process may raise priority (root, CAP_SYS_NICE); elsewhere it
// stays niced, which only slows other TBB work (ingest calls), never the server's own threads.
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

// Runs `body` in a TBB arena whose threads - the caller and every worker while it works in the
// arena - run at `nice` (0: `body` runs as it is, on the caller's arena). One arena per niceness
// is made on first use and kept for the life of the process.
void RunAtNiceness(int nice, const std::function<void()>& body);

class DetectionRunner {
 public:
  // `log` receives one line per run and phase. `metrics` may be null. `permit`, when set, is
  // asked before every run, requested or scheduled: with replicas, only the detection leader
  // may run (detection_leader.h); a refused request is answered with its status, a refused
  // scheduled run is skipped and logged.
  DetectionRunner(RingService& service, ServiceMetrics* metrics, DetectionSchedule schedule,
                  std::function<void(const std::string&)> log, int nice = 0,
                  std::function<ringgraph::Status()> permit = {});
  ~DetectionRunner();
  DetectionRunner(const DetectionRunner&) = delete;
  DetectionRunner& operator=(const DetectionRunner&) = delete;

  // Asks for a run now. Returns the status after asking (kRunning either way), or the permit's
  // refusal.
  Result<DetectionStatusView> Request();
  DetectionStatusView Status() const;
  // Stops the schedule and waits for a run in progress to finish.
  void Stop();

 private:
  void Loop();
  // service_.RunDetection() on threads at nice_ (see above); the plain call when nice_ is 0.
  Result<detection::DetectionSummary> RunNiced();

  RingService& service_;
  ServiceMetrics* metrics_;
  DetectionSchedule schedule_;
  std::function<void(const std::string&)> log_;
  int nice_;
  std::function<ringgraph::Status()> permit_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  DetectionStatusView status_;
  std::thread worker_;
};

}  // namespace ringgraph::service
