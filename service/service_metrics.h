// ringd's Prometheus metrics, exposed on /metrics by prometheus-cpp.
//
// Every name has the ringgraph_ prefix; counters end in _total, durations in _seconds, sizes in
// _bytes. Labels carry only method names and outcomes, never account or cluster ids.
//
//   ringgraph_requests_total{method,outcome}          calls, by outcome ok|error|unauthenticated
//   ringgraph_request_duration_seconds{method}        histogram of call latency
//   ringgraph_auth_failures_total                      failed authenticate() calls and calls
//                                                      made before authenticating
//   ringgraph_ingested_records_total                   records committed (API and signal stream)
//   ringgraph_rejected_records_total                   records rejected by ingest (API and stream)
//   ringgraph_stream_records_total{outcome}            signal stream messages: committed|rejected|
//                                                      duplicate (redelivered, already committed)
//   ringgraph_stream_committed_sequence                stream sequence of the last committed record
//   ringgraph_stream_lag_records                       records the stream holds beyond it
//   ringgraph_stream_connected                         1 while consuming the stream
//   ringgraph_analyst_records_total{outcome}           analyst stream messages (labels, indicator
//                                                      bundles): applied|rejected|duplicate
//   ringgraph_realtime_flags_total                     accounts flagged in real time
//   ringgraph_detection_runs_total{outcome}            detection runs, succeeded|failed
//   ringgraph_detection_duration_seconds               histogram of detection run time
//   ringgraph_detection_last_success_timestamp_seconds when the last run succeeded
//   ringgraph_detection_running                        1 while a run is in progress
//   ringgraph_detection_leader                         1 while this replica holds the detection
//                                                      lease (--nats; detection_leader.h)
//   ringgraph_clustering_installs_total{outcome}       leader's versions installed|refused
//   ringgraph_build_info{version}                      always 1
// and, read from the store at each scrape:
//   ringgraph_accounts, ringgraph_signal_values{kind}, ringgraph_adjacency_entries,
//   ringgraph_clusters, ringgraph_flagged_rings, ringgraph_clustering_version,
//   ringgraph_clustering_computed_timestamp_seconds, ringgraph_realtime_flagged_accounts,
//   ringgraph_lmdb_map_size_bytes, ringgraph_lmdb_map_used_bytes
//
// Thread safety: all recording methods may be called from any thread.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "service/api_methods.h"

namespace ringgraph::service {

enum class Outcome { kOk, kError, kUnauthenticated, kCount };

// What the store-backed gauges read at scrape time.
struct StoreGauges {
  std::uint64_t accounts = 0;
  std::vector<std::pair<std::string, std::uint64_t>> signal_values_by_kind;
  std::uint64_t adjacency_entries = 0;
  std::uint64_t clusters = 0;
  std::uint64_t flagged_rings = 0;
  std::uint64_t clustering_version = 0;
  std::int64_t clustering_computed_at = 0;
  std::uint64_t realtime_flagged_accounts = 0;
  std::uint64_t map_size_bytes = 0;
  std::uint64_t map_used_bytes = 0;
};

class ServiceMetrics {
 public:
  explicit ServiceMetrics(std::string_view version);
  ServiceMetrics(const ServiceMetrics&) = delete;
  ServiceMetrics& operator=(const ServiceMetrics&) = delete;

  // Sets where the store gauges come from; called at each scrape. Failures leave them out.
  void SetStoreGaugeSource(std::function<bool(StoreGauges*)> source);

  void RecordCall(Method method, Outcome outcome, double seconds);
  void RecordAuthFailure() { auth_failures_->Increment(); }
  void RecordIngest(std::uint64_t ingested, std::uint64_t rejected);
  void RecordRealtimeFlags(std::uint64_t flags) {
    realtime_flags_->Increment(static_cast<double>(flags));
  }
  void RecordDetection(bool succeeded, double seconds, double finished_at);
  void RecordStreamMessages(std::uint64_t committed, std::uint64_t rejected,
                            std::uint64_t duplicates);
  void SetStreamPosition(std::uint64_t committed_sequence, std::uint64_t lag, bool connected);
  enum class AnalystOutcome { kApplied, kRejected, kDuplicate };
  void RecordAnalystRecord(AnalystOutcome outcome) {
    (outcome == AnalystOutcome::kApplied    ? analyst_applied_
     : outcome == AnalystOutcome::kRejected ? analyst_rejected_
                                            : analyst_duplicates_)
        ->Increment();
  }
  void SetDetectionRunning(bool running) { detection_running_->Set(running ? 1 : 0); }
  void SetDetectionLeader(bool leader) { detection_leader_->Set(leader ? 1 : 0); }
  void RecordClusteringInstall(bool installed) {
    (installed ? clustering_installed_ : clustering_refused_)->Increment();
  }

  // The registry and the store collector, for the exposer.
  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }
  std::shared_ptr<prometheus::Collectable> store_collector() const { return store_collector_; }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<prometheus::Collectable> store_collector_;
  std::array<std::array<prometheus::Counter*, static_cast<int>(Outcome::kCount)>,
             static_cast<int>(Method::kCount)>
      requests_{};
  std::array<prometheus::Histogram*, static_cast<int>(Method::kCount)> latency_{};
  prometheus::Counter* auth_failures_ = nullptr;
  prometheus::Counter* ingested_ = nullptr;
  prometheus::Counter* rejected_ = nullptr;
  prometheus::Counter* realtime_flags_ = nullptr;
  prometheus::Counter* detection_ok_ = nullptr;
  prometheus::Counter* detection_failed_ = nullptr;
  prometheus::Histogram* detection_duration_ = nullptr;
  prometheus::Gauge* detection_last_success_ = nullptr;
  prometheus::Gauge* detection_running_ = nullptr;
  prometheus::Gauge* detection_leader_ = nullptr;
  prometheus::Counter* clustering_installed_ = nullptr;
  prometheus::Counter* clustering_refused_ = nullptr;
  prometheus::Counter* stream_committed_ = nullptr;
  prometheus::Counter* stream_rejected_ = nullptr;
  prometheus::Counter* stream_duplicates_ = nullptr;
  prometheus::Gauge* stream_sequence_ = nullptr;
  prometheus::Gauge* stream_lag_ = nullptr;
  prometheus::Gauge* stream_connected_ = nullptr;
  prometheus::Counter* analyst_applied_ = nullptr;
  prometheus::Counter* analyst_rejected_ = nullptr;
  prometheus::Counter* analyst_duplicates_ = nullptr;
};

}  // namespace ringgraph::service
