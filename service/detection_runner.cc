// Background and scheduled detection. See detection_runner.h.
#include "service/detection_runner.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/task_arena.h>
#include <tbb/task_scheduler_observer.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <optional>

namespace ringgraph::service {
namespace {

UnixSeconds Now() { return static_cast<UnixSeconds>(std::time(nullptr)); }

int ThreadId() { return static_cast<int>(::syscall(SYS_gettid)); }

// Sets each thread that enters the arena to `nice`, and puts it back on leaving (which only a
// process allowed to raise priority can do; otherwise the thread keeps the lower priority).
class NicenessObserver : public tbb::task_scheduler_observer {
 public:
  NicenessObserver(tbb::task_arena& arena, int nice)
      : tbb::task_scheduler_observer(arena), nice_(nice) {
    observe(true);
  }
  ~NicenessObserver() override { observe(false); }

  void on_scheduler_entry(bool /*is_worker*/) override {
    const int tid = ThreadId();
    errno = 0;
    const int before = ::getpriority(PRIO_PROCESS, static_cast<id_t>(tid));
    previous_.local() = errno == 0 ? before : 0;
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(tid), nice_);
  }
  void on_scheduler_exit(bool /*is_worker*/) override {
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(ThreadId()), previous_.local());
  }

 private:
  const int nice_;
  tbb::enumerable_thread_specific<int> previous_;
};

}  // namespace

Result<DetectionSchedule> DetectionSchedule::Parse(std::string_view text) {
  DetectionSchedule schedule;
  if (text == "off") return schedule;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(text[0]) || !digit(text[1]) || !digit(text[3]) ||
      !digit(text[4])) {
    return Status::InvalidArgument("detection schedule '" + std::string(text) +
                                   "' is not HH:MM (local time) or 'off'");
  }
  schedule.hour = (text[0] - '0') * 10 + (text[1] - '0');
  schedule.minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (schedule.hour > 23 || schedule.minute > 59) {
    return Status::InvalidArgument("detection schedule '" + std::string(text) +
                                   "' is not a time of day");
  }
  schedule.enabled = true;
  return schedule;
}

UnixSeconds DetectionSchedule::NextAfter(UnixSeconds now) const {
  if (!enabled) return 0;
  std::time_t t = static_cast<std::time_t>(now);
  std::tm local{};
  localtime_r(&t, &local);
  local.tm_hour = hour;
  local.tm_min = minute;
  local.tm_sec = 0;
  local.tm_isdst = -1;
  std::time_t candidate = std::mktime(&local);
  if (candidate <= t) {
    local.tm_mday += 1;  // mktime normalises the date
    local.tm_hour = hour;
    local.tm_min = minute;
    local.tm_isdst = -1;
    candidate = std::mktime(&local);
  }
  return static_cast<UnixSeconds>(candidate);
}

DetectionRunner::DetectionRunner(RingService& service, ServiceMetrics* metrics,
                                 DetectionSchedule schedule,
                                 std::function<void(const std::string&)> log, int nice,
                                 std::function<ringgraph::Status()> permit)
    : service_(service),
      metrics_(metrics),
      schedule_(schedule),
      log_(std::move(log)),
      nice_(nice),
      permit_(std::move(permit)) {
  status_.next_scheduled_at = schedule_.NextAfter(Now());
  worker_ = std::thread([this] { Loop(); });
}

DetectionRunner::~DetectionRunner() { Stop(); }

Result<DetectionStatusView> DetectionRunner::Request() {
  if (permit_) RINGGRAPH_RETURN_IF_ERROR(permit_());
  std::lock_guard<std::mutex> lock(mutex_);
  if (status_.state != DetectionState::kRunning && !stopping_) {
    requested_ = true;
    // Reported as running at once, so a caller polling detectionStatus never sees the old state.
    status_.state = DetectionState::kRunning;
    status_.started_at = Now();
    status_.error.clear();
    wake_.notify_all();
  }
  return status_;
}

DetectionStatusView DetectionRunner::Status() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return status_;
}

void DetectionRunner::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
  }
  if (worker_.joinable()) worker_.join();
}

void RunAtNiceness(int nice, const std::function<void()>& body) {
  if (nice == 0) {
    body();
    return;
  }
  // One arena and observer per niceness for the life of the process: TBB frees an observer's
  // bookkeeping only lazily after observe(false), so making and dropping them per run would
  // leak a little each time.
  struct NicedArena {
    explicit NicedArena(int nice) {
      arena.initialize();
      observer.emplace(arena, nice);
    }
    tbb::task_arena arena;
    std::optional<NicenessObserver> observer;
  };
  static std::mutex mutex;
  static std::array<NicedArena*, 20> arenas{};
  NicedArena* niced = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex);
    const int slot = std::clamp(nice, 1, 19);
    if (arenas[slot] == nullptr) arenas[slot] = new NicedArena(slot);  // kept until exit
    niced = arenas[slot];
  }
  niced->arena.execute(body);
}

Result<detection::DetectionSummary> DetectionRunner::RunNiced() {
  Result<detection::DetectionSummary> summary = Status::Internal("detection did not run");
  RunAtNiceness(nice_, [&] { summary = service_.RunDetection(); });
  return summary;
}

void DetectionRunner::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    const UnixSeconds next = status_.next_scheduled_at;
    auto due = [&] { return next != 0 && Now() >= next; };
    if (!requested_ && !due()) {
      if (next == 0) {
        wake_.wait(lock);
      } else {
        // Wake at least once a minute, so clock changes are noticed.
        wake_.wait_for(lock, std::chrono::seconds(std::min<UnixSeconds>(60, next - Now() + 1)));
      }
      continue;
    }
    const bool scheduled = !requested_;
    requested_ = false;
    if (scheduled) {
      status_.next_scheduled_at = schedule_.NextAfter(Now());
      // Only the detection leader runs; a follower installs the leader's version instead.
      const ringgraph::Status permitted = permit_ ? permit_() : ringgraph::Status::Ok();
      if (!permitted.ok()) {
        log_("detection: scheduled run skipped: " + permitted.message());
        continue;
      }
    }
    status_.state = DetectionState::kRunning;
    status_.started_at = Now();
    status_.error.clear();
    lock.unlock();

    if (metrics_ != nullptr) metrics_->SetDetectionRunning(true);
    log_(std::string("detection: ") + (scheduled ? "scheduled" : "requested") + " run started");
    const auto start = std::chrono::steady_clock::now();
    Result<detection::DetectionSummary> summary = RunNiced();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (metrics_ != nullptr) {
      metrics_->SetDetectionRunning(false);
      metrics_->RecordDetection(summary.ok(), seconds, static_cast<double>(Now()));
    }
    char line[256];
    if (summary.ok()) {
      std::snprintf(line, sizeof line,
                    "detection: version %llu in %.2f s, %llu clusters, %llu flagged as rings",
                    static_cast<unsigned long long>(summary->version), seconds,
                    static_cast<unsigned long long>(summary->clusters),
                    static_cast<unsigned long long>(summary->flagged));
      log_(line);
    } else {
      log_("detection: failed after " + std::to_string(seconds) +
           " s: " + summary.status().message());
    }

    lock.lock();
    status_.finished_at = Now();
    status_.last_seconds = seconds;
    if (summary.ok()) {
      status_.state = DetectionState::kSucceeded;
      status_.last_version = summary->version;
      status_.clusters = summary->clusters;
      status_.flagged = summary->flagged;
    } else {
      status_.state = DetectionState::kFailed;
      status_.error = summary.status().message();
    }
    if (requested_) status_.state = DetectionState::kRunning;  // asked again meanwhile
  }
}

}  // namespace ringgraph::service
