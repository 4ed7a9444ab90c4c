// ringd's side of the analyst stream (service/stream/analyst_stream.h): labels and partner
// indicator bundles accepted by any replica reach every replica.
//
// Route() (RingService's AnalystRecordRouter) publishes a checked record and waits for the
// stream's acknowledgement; then, for a bounded time, for this replica's own consumer to apply
// it, so that a caller reads its write back from the replica it wrote to.
//
// The consumer applies every message in stream order, through RingService::ApplyLabel and
// ApplyIndicators (the checks of a write made without --nats), with the stream sequence stored
// in the same LMDB transaction (store::StreamMark, under "<replica>-analyst"). As the signal
// consumer does, it makes its durable JetStream consumer anew from that mark on every start, so
// nothing is applied twice and nothing acknowledged is lost. A message that cannot be applied
// (not a label message, a bad verdict, a bundle this replica cannot read) is logged with its
// stream sequence, counted, acknowledged and skipped, its sequence stored alone. A label for an
// account this replica has not ingested yet (its signal consumer is behind) is retried for
// `unknown_account_wait_ms` before it is skipped.
//
// Thread safety: Start() and Stop() from one thread; Route() and Describe() from any.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "service/ring_service.h"
#include "service/service_metrics.h"
#include "service/session_thread.h"
#include "service/stream/signal_stream.h"

namespace ringgraph::service {

struct AnalystStreamOptions {
  // urls and replicas; the stream's name is stream::kAnalystStream.
  stream::StreamSettings settings;
  // This replica's name: the publisher named in label messages. The durable consumer and the
  // store's mark are "<replica>-analyst".
  std::string replica = "ringd";
  // How long Route() waits for this replica to apply what it published.
  std::int64_t apply_wait_ms = 10000;
  // How long a label naming an account this store does not hold yet is retried.
  std::int64_t unknown_account_wait_ms = 30000;
  std::int64_t fetch_wait_ms = 500;
  std::int64_t retry_ms = 1000;
};

class AnalystStream {
 public:
  // `log` gets a line per connection change, skipped message and error; `metrics` may be null.
  AnalystStream(RingService& service, ServiceMetrics* metrics, AnalystStreamOptions options,
                std::function<void(const std::string&)> log);
  ~AnalystStream();
  AnalystStream(const AnalystStream&) = delete;
  AnalystStream& operator=(const AnalystStream&) = delete;

  void Start();
  void Stop();

  // Publishes `record` and waits for its acknowledgement, then up to apply_wait_ms for this
  // replica to apply it. IoError when the stream cannot be reached (nothing was stored).
  Result<std::optional<ImportAnswer>> Route(const AnalystRecord& record);

  // "analyst stream: applied sequence N" (or disconnected, with the last error), for health().
  std::string Describe() const;

  std::string consumer_name() const { return options_.replica + "-analyst"; }

 private:
  // What applying one message came to, kept for Route() to answer with.
  struct Applied {
    Status status;
    std::optional<ImportAnswer> answer;
  };

  // One connection: resumes from the store's mark, applies until stop or the first error.
  Status Consume();
  // Applies one message; an error is the stream's or the store's (retry), not the message's.
  Status ApplyMessage(const std::string& subject, std::string_view body, const std::string& partner,
                      std::uint64_t sequence);
  Status Skip(std::uint64_t sequence, const std::string& reason);
  void Remember(std::uint64_t sequence, Applied applied);

  RingService& service_;
  ServiceMetrics* metrics_;
  AnalystStreamOptions options_;
  std::function<void(const std::string&)> log_;
  SessionThread worker_;

  std::mutex publish_mutex_;  // guards publisher_
  std::unique_ptr<stream::StreamConnection> publisher_;

  mutable std::mutex applied_mutex_;  // guards what follows
  std::condition_variable applied_changed_;
  std::uint64_t applied_sequence_ = 0;
  std::map<std::uint64_t, Applied> recent_;  // the last few applied messages' outcomes
  bool connected_ = false;
  std::string last_error_;
};

}  // namespace ringgraph::service
