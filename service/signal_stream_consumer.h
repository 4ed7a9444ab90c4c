// ringd's consumer of the signal stream (service/stream/signal_stream.h): it reads records from
// NATS JetStream in batches, commits each batch to the store in one durable transaction, and
// only then acknowledges it to the stream.
//
// Exactly once, by the store: the stream sequence of a batch's last message is stored in the
// same transaction as its records (store::StreamMark, under the consumer's name). On every start
// and after every error the consumer's durable JetStream consumer is made anew to deliver from
// that mark + 1, so what the store holds decides where reading resumes: a crash after a commit
// and before its acknowledgement replays nothing twice, and a crash before the commit loses
// nothing, since the stream redelivers it. A message at or below the mark (a redelivery) is
// acknowledged and skipped.
//
// A bad message - not one JSON line, or a record ingest rejects - is counted, logged with its
// stream sequence, acknowledged and passed over; it never blocks the stream.
//
// Thread safety: Start() and Stop() from one thread; status() from any.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "service/ring_service.h"
#include "service/service_metrics.h"
#include "service/session_thread.h"
#include "service/stream/signal_stream.h"

namespace ringgraph::service {

struct StreamConsumerOptions {
  stream::StreamSettings settings;
  // The durable consumer's name, and the name the store keeps its mark under: one per replica.
  std::string consumer = "ringd";
  // Messages per fetch and per commit; at most the service's records per call.
  std::size_t batch = 10000;
  // How long a fetch waits for messages before the loop checks for stop and updates the lag.
  std::int64_t fetch_wait_ms = 500;
  // With records waiting past the committed mark, a consumer that delivers nothing this long is
  // made anew from the mark.
  std::chrono::milliseconds stalled_after{10000};
  // After an error, how long to wait before connecting again.
  std::int64_t retry_ms = 1000;
};

struct StreamConsumerStatus {
  bool connected = false;
  std::uint64_t committed_sequence = 0;  // in the store
  std::uint64_t stream_last_sequence = 0;
  std::uint64_t committed = 0;  // messages, since start
  std::uint64_t rejected = 0;
  std::uint64_t duplicates = 0;
  std::string last_error;

  // Records the stream holds beyond the last committed one.
  std::uint64_t lag() const {
    return stream_last_sequence > committed_sequence ? stream_last_sequence - committed_sequence
                                                     : 0;
  }
};

class SignalStreamConsumer {
 public:
  // `log` gets a line per connection change, bad message and error; `metrics` may be null.
  SignalStreamConsumer(RingService& service, ServiceMetrics* metrics, StreamConsumerOptions options,
                       std::function<void(const std::string&)> log);
  ~SignalStreamConsumer();
  SignalStreamConsumer(const SignalStreamConsumer&) = delete;
  SignalStreamConsumer& operator=(const SignalStreamConsumer&) = delete;

  void Start();
  // Finishes the batch in hand (commit and acknowledgement) and stops.
  void Stop();
  StreamConsumerStatus status() const;
  // "signal stream: connected, committed sequence N, lag M" (or disconnected, with the last
  // error), for health().
  std::string Describe() const;

 private:
  class Session;  // one connection's consumer, fetch loop and commits (signal_stream_consumer.cc)

  void Publish(const StreamConsumerStatus& update);

  RingService& service_;
  ServiceMetrics* metrics_;
  StreamConsumerOptions options_;
  std::function<void(const std::string&)> log_;
  SessionThread worker_;
  mutable std::mutex status_mutex_;
  StreamConsumerStatus status_;
};

}  // namespace ringgraph::service
