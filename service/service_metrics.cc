// ringd's metrics. See service_metrics.h.
#include "service/service_metrics.h"

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <mutex>

namespace ringgraph::service {
namespace {

constexpr std::string_view kOutcomeNames[] = {"ok", "error", "unauthenticated"};

// Reads the store's gauges at scrape time.
class StoreCollector final : public prometheus::Collectable {
 public:
  void SetSource(std::function<bool(StoreGauges*)> source) {
    std::lock_guard<std::mutex> lock(mutex_);
    source_ = std::move(source);
  }

  std::vector<prometheus::MetricFamily> Collect() const override {
    std::function<bool(StoreGauges*)> source;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      source = source_;
    }
    StoreGauges g;
    if (!source || !source(&g)) return {};
    std::vector<prometheus::MetricFamily> out;
    auto gauge = [&](const char* name, const char* help, double value) {
      prometheus::MetricFamily family{name, help, prometheus::MetricType::Gauge, {}};
      prometheus::ClientMetric metric;
      metric.gauge.value = value;
      family.metric.push_back(std::move(metric));
      out.push_back(std::move(family));
    };
    gauge("ringgraph_accounts", "Accounts in the store.", static_cast<double>(g.accounts));
    {
      prometheus::MetricFamily family{"ringgraph_signal_values",
                                      "Distinct signal values in the store, by kind.",
                                      prometheus::MetricType::Gauge,
                                      {}};
      for (const auto& [kind, count] : g.signal_values_by_kind) {
        prometheus::ClientMetric metric;
        metric.label.push_back({"kind", kind});
        metric.gauge.value = static_cast<double>(count);
        family.metric.push_back(std::move(metric));
      }
      out.push_back(std::move(family));
    }
    gauge("ringgraph_adjacency_entries", "Account-signal links in the store.",
          static_cast<double>(g.adjacency_entries));
    gauge("ringgraph_clusters", "Clusters of two or more accounts in the latest clustering.",
          static_cast<double>(g.clusters));
    gauge("ringgraph_flagged_rings", "Clusters flagged as rings in the latest clustering.",
          static_cast<double>(g.flagged_rings));
    gauge("ringgraph_clustering_version", "The clustering version membership is served from.",
          static_cast<double>(g.clustering_version));
    gauge("ringgraph_clustering_computed_timestamp_seconds",
          "When the served clustering's snapshot was taken, Unix seconds.",
          static_cast<double>(g.clustering_computed_at));
    gauge("ringgraph_realtime_flagged_accounts",
          "Accounts flagged in real time since the served clustering.",
          static_cast<double>(g.realtime_flagged_accounts));
    gauge("ringgraph_lmdb_map_size_bytes", "Size of the LMDB memory map.",
          static_cast<double>(g.map_size_bytes));
    gauge("ringgraph_lmdb_map_used_bytes", "Bytes of the LMDB map in use.",
          static_cast<double>(g.map_used_bytes));
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::function<bool(StoreGauges*)> source_;
};

}  // namespace

ServiceMetrics::ServiceMetrics(std::string_view version)
    : registry_(std::make_shared<prometheus::Registry>()),
      store_collector_(std::make_shared<StoreCollector>()) {
  auto& requests = prometheus::BuildCounter()
                       .Name("ringgraph_requests_total")
                       .Help("API calls, by method and outcome.")
                       .Register(*registry_);
  auto& latency = prometheus::BuildHistogram()
                      .Name("ringgraph_request_duration_seconds")
                      .Help("API call latency inside ringd, by method.")
                      .Register(*registry_);
  const prometheus::Histogram::BucketBoundaries buckets = {
      0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01,
      0.025,   0.05,   0.1,     0.25,   0.5,   1,     2.5,   10};
  for (int m = 0; m < static_cast<int>(Method::kCount); ++m) {
    const std::string method(MethodName(static_cast<Method>(m)));
    for (int o = 0; o < static_cast<int>(Outcome::kCount); ++o) {
      requests_[m][o] =
          &requests.Add({{"method", method}, {"outcome", std::string(kOutcomeNames[o])}});
    }
    latency_[m] = &latency.Add({{"method", method}}, buckets);
  }
  auth_failures_ = &prometheus::BuildCounter()
                        .Name("ringgraph_auth_failures_total")
                        .Help("Failed authentications and calls made before authenticating.")
                        .Register(*registry_)
                        .Add({});
  ingested_ = &prometheus::BuildCounter()
                   .Name("ringgraph_ingested_records_total")
                   .Help("Signal records committed, through the API or the signal stream.")
                   .Register(*registry_)
                   .Add({});
  rejected_ = &prometheus::BuildCounter()
                   .Name("ringgraph_rejected_records_total")
                   .Help("Signal records ingest rejected, from the API or the signal stream.")
                   .Register(*registry_)
                   .Add({});
  realtime_flags_ = &prometheus::BuildCounter()
                         .Name("ringgraph_realtime_flags_total")
                         .Help("Accounts flagged in real time by new evidence.")
                         .Register(*registry_)
                         .Add({});
  auto& runs = prometheus::BuildCounter()
                   .Name("ringgraph_detection_runs_total")
                   .Help("Detection runs, by outcome.")
                   .Register(*registry_);
  detection_ok_ = &runs.Add({{"outcome", "succeeded"}});
  detection_failed_ = &runs.Add({{"outcome", "failed"}});
  detection_duration_ = &prometheus::BuildHistogram()
                             .Name("ringgraph_detection_duration_seconds")
                             .Help("Detection run time.")
                             .Register(*registry_)
                             .Add({}, prometheus::Histogram::BucketBoundaries{
                                          1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600});
  detection_last_success_ = &prometheus::BuildGauge()
                                 .Name("ringgraph_detection_last_success_timestamp_seconds")
                                 .Help("When the last detection run succeeded, Unix seconds.")
                                 .Register(*registry_)
                                 .Add({});
  detection_running_ = &prometheus::BuildGauge()
                            .Name("ringgraph_detection_running")
                            .Help("1 while a detection run is in progress.")
                            .Register(*registry_)
                            .Add({});
  detection_leader_ = &prometheus::BuildGauge()
                           .Name("ringgraph_detection_leader")
                           .Help(
                               "1 while this replica holds the detection lease and runs "
                               "detection for the others; 0 on a follower.")
                           .Register(*registry_)
                           .Add({});
  auto& installs = prometheus::BuildCounter()
                       .Name("ringgraph_clustering_installs_total")
                       .Help(
                           "Clustering versions published by the detection leader, by outcome: "
                           "installed, or refused (bad digest or chunks).")
                       .Register(*registry_);
  clustering_installed_ = &installs.Add({{"outcome", "installed"}});
  clustering_refused_ = &installs.Add({{"outcome", "refused"}});
  auto& stream_messages = prometheus::BuildCounter()
                              .Name("ringgraph_stream_records_total")
                              .Help(
                                  "Signal stream messages, by outcome: committed, rejected, or "
                                  "duplicate (redelivered after being committed).")
                              .Register(*registry_);
  stream_committed_ = &stream_messages.Add({{"outcome", "committed"}});
  stream_rejected_ = &stream_messages.Add({{"outcome", "rejected"}});
  stream_duplicates_ = &stream_messages.Add({{"outcome", "duplicate"}});
  auto& analyst_records = prometheus::BuildCounter()
                              .Name("ringgraph_analyst_records_total")
                              .Help(
                                  "Analyst stream messages (labels and indicator bundles), by "
                                  "outcome: applied, rejected, or duplicate (already applied).")
                              .Register(*registry_);
  analyst_applied_ = &analyst_records.Add({{"outcome", "applied"}});
  analyst_rejected_ = &analyst_records.Add({{"outcome", "rejected"}});
  analyst_duplicates_ = &analyst_records.Add({{"outcome", "duplicate"}});
  stream_sequence_ = &prometheus::BuildGauge()
                          .Name("ringgraph_stream_committed_sequence")
                          .Help("Stream sequence of the last signal record committed to the store.")
                          .Register(*registry_)
                          .Add({});
  stream_lag_ = &prometheus::BuildGauge()
                     .Name("ringgraph_stream_lag_records")
                     .Help("Records the signal stream holds beyond the last committed one.")
                     .Register(*registry_)
                     .Add({});
  stream_connected_ = &prometheus::BuildGauge()
                           .Name("ringgraph_stream_connected")
                           .Help("1 while the signal stream is being consumed.")
                           .Register(*registry_)
                           .Add({});
  prometheus::BuildGauge()
      .Name("ringgraph_build_info")
      .Help("Build information; always 1.")
      .Register(*registry_)
      .Add({{"version", std::string(version)}})
      .Set(1);
}

void ServiceMetrics::SetStoreGaugeSource(std::function<bool(StoreGauges*)> source) {
  static_cast<StoreCollector&>(*store_collector_).SetSource(std::move(source));
}

void ServiceMetrics::RecordCall(Method method, Outcome outcome, double seconds) {
  requests_[static_cast<int>(method)][static_cast<int>(outcome)]->Increment();
  latency_[static_cast<int>(method)]->Observe(seconds);
}

void ServiceMetrics::RecordIngest(std::uint64_t ingested, std::uint64_t rejected) {
  ingested_->Increment(static_cast<double>(ingested));
  rejected_->Increment(static_cast<double>(rejected));
}

void ServiceMetrics::RecordStreamMessages(std::uint64_t committed, std::uint64_t rejected,
                                          std::uint64_t duplicates) {
  stream_committed_->Increment(static_cast<double>(committed));
  stream_rejected_->Increment(static_cast<double>(rejected));
  stream_duplicates_->Increment(static_cast<double>(duplicates));
}

void ServiceMetrics::SetStreamPosition(std::uint64_t committed_sequence, std::uint64_t lag,
                                       bool connected) {
  stream_sequence_->Set(static_cast<double>(committed_sequence));
  stream_lag_->Set(static_cast<double>(lag));
  stream_connected_->Set(connected ? 1 : 0);
}

void ServiceMetrics::RecordDetection(bool succeeded, double seconds, double finished_at) {
  (succeeded ? detection_ok_ : detection_failed_)->Increment();
  detection_duration_->Observe(seconds);
  if (succeeded) detection_last_success_->Set(finished_at);
}

}  // namespace ringgraph::service
