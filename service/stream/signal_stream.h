// Signal records carried by a NATS JetStream stream: gateways (and `ringctl publish`) publish
// one record per message, as the JSON Lines record format, on `ringgraph.signals.<kind>`; every
// ringd that consumes the stream (signal_stream_consumer.h) builds its store from it, so the
// stream is the log the replicas share.
//
// This file holds what both sides need: the stream's names, the connection, creating the stream
// when it does not exist, and the publisher. The engine (graph/) knows nothing of NATS.
//
// Thread safety: a StreamConnection and a SignalPublisher are used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/signals/record_reader.h"

// nats.c's opaque handles.
typedef struct __natsConnection natsConnection;
typedef struct __jsCtx jsCtx;
typedef struct __natsSubscription natsSubscription;
typedef struct __natsMsg natsMsg;

namespace ringgraph::stream {

inline constexpr std::string_view kDefaultStreamName = "RINGGRAPH_SIGNALS";
inline constexpr std::string_view kSubjectPrefix = "ringgraph.signals.";
// Every kind's subject; what the stream holds and what a consumer filters on.
inline constexpr std::string_view kAllSignalsSubject = "ringgraph.signals.>";

// The subject a record of `kind` is published on. A kind that is not a plain subject token
// (letters, digits, '_' and '-') goes to ringgraph.signals._other; consumers validate kinds.
std::string SubjectForKind(std::string_view kind);

// One record as one message body: a JSON object with account, kind, value and ts (strings), the
// JSON Lines record format ingest reads. Never holds a newline.
std::string RecordMessage(const RawRecord& record);

struct StreamSettings {
  // Comma-separated NATS URLs (nats://host:port,...); several servers of one cluster.
  std::string urls;
  std::string stream = std::string(kDefaultStreamName);
  // Replicas of the stream when it has to be created (3 in production: JetStream's Raft).
  int replicas = 1;
};

// A connection to NATS with its JetStream context. Reconnects on its own, without limit.
class StreamConnection {
 public:
  static Result<std::unique_ptr<StreamConnection>> Connect(const StreamSettings& settings);
  ~StreamConnection();
  StreamConnection(const StreamConnection&) = delete;
  StreamConnection& operator=(const StreamConnection&) = delete;

  // Creates the signal stream (file storage, the settings' replicas, subjects
  // ringgraph.signals.>) unless it exists. Returns whether it was created.
  Result<bool> EnsureStream();
  // Creates stream `name` (file storage, `replicas`, the one subject filter `subjects`) unless
  // it exists; an existing stream is left as it is, and one another process creates meanwhile
  // counts as existing. While a cluster elects a stream leader (a server was lost) JetStream's
  // API times out for a few seconds; that is waited out, up to about half a minute. Returns
  // whether it was created.
  Result<bool> EnsureStream(std::string_view name, std::string_view subjects, int replicas);
  // A pull subscription on durable consumer `consumer` of stream `name`, made anew so that it
  // delivers `subjects` from the sequence after `mark` (from the start when 0): the store's
  // mark, not the stream's acknowledgements, says what was applied. Explicit acks, 5 minutes to
  // ack; `max_ack_pending` 0 keeps JetStream's default. The subscription belongs to this
  // connection and lives as long as it; destroy every message fetched from it first.
  Result<natsSubscription*> ConsumeFrom(std::string_view name, std::string_view subjects,
                                        const std::string& consumer, std::uint64_t mark,
                                        std::int64_t max_ack_pending = 0);
  // The signal stream's last sequence (0 when empty); NotFound when it does not exist.
  Result<std::uint64_t> LastSequence();
  // The same for stream `name`.
  Result<std::uint64_t> LastSequence(std::string_view name);

  // Closes the connection and waits for nats.c's reading thread to end; idempotent. After it
  // nothing arrives for this connection's subscriptions or callbacks, so they may be freed.
  void Close();
  // Drains, then closes: the server stops sending, every message already here goes through its
  // subscription's handler, and only when every handler has returned does the connection close
  // (or after `timeout_ms`, when it closes regardless). For connections with asynchronous
  // handlers (the publisher's acknowledgements): nats.c frees a handled message on its
  // garbage-collector thread, and a handler that is still finishing when CloseNatsLibrary()
  // stops that thread hands it messages nobody frees.
  void DrainAndClose(std::int64_t timeout_ms);

  natsConnection* connection() { return connection_; }
  jsCtx* jetstream() { return jetstream_; }
  const StreamSettings& settings() const { return settings_; }

 private:
  explicit StreamConnection(StreamSettings settings) : settings_(std::move(settings)) {}
  StreamSettings settings_;
  natsConnection* connection_ = nullptr;
  jsCtx* jetstream_ = nullptr;
  std::vector<natsSubscription*> subscriptions_;  // destroyed after Close(), see the destructor
};

// Publishes records asynchronously, many in flight; Finish() waits until the stream has
// acknowledged every one.
class SignalPublisher {
 public:
  static Result<std::unique_ptr<SignalPublisher>> Create(const StreamSettings& settings);
  ~SignalPublisher();

  Status Publish(const RawRecord& record);
  // Waits (up to `timeout_ms`) for every acknowledgement. Fails when any publish failed.
  Status Finish(std::int64_t timeout_ms = 60000);

  std::uint64_t published() const { return published_; }
  std::uint64_t failed() const;

  struct Failures;  // filled by nats.c's callback thread

 private:
  SignalPublisher() = default;
  std::unique_ptr<StreamConnection> connection_;
  jsCtx* publisher_ = nullptr;  // a JetStream context with the async-publish options
  std::unique_ptr<Failures> failures_;
  std::uint64_t published_ = 0;
};

// Whether natsSubscription_Fetch(subscription, batch) is safe to call now. nats.c 3.4 (Debian's)
// first takes the messages already waiting in the subscription (the rest of an earlier pull
// that timed out, still arriving), asks the server for what is left of the batch, and then
// stops only when its count equals that remainder: when more than half the batch was waiting,
// the count starts past it and the fetch writes beyond its array (a heap corruption; upstream
// changed the pull protocol since). Late server statuses count as waiting too but are never
// taken. Returns Ok when at most a quarter of the batch waits (room for as many again landing
// meanwhile), or at most half once the arrivals stop; an IoError otherwise, and the caller
// makes its subscription anew from its mark instead of fetching.
Status SafeToFetch(natsSubscription* subscription, int batch);

// Messages fetched from a pull subscription; they are destroyed with it.
class FetchedBatch {
 public:
  FetchedBatch() = default;
  FetchedBatch(FetchedBatch&& other) noexcept;
  FetchedBatch(const FetchedBatch&) = delete;
  FetchedBatch& operator=(const FetchedBatch&) = delete;
  FetchedBatch& operator=(FetchedBatch&&) = delete;
  ~FetchedBatch();

  int size() const { return count_; }
  bool empty() const { return count_ == 0; }
  natsMsg* operator[](int i) const { return messages_[i]; }

 private:
  friend Result<FetchedBatch> Fetch(natsSubscription*, int, std::int64_t, std::string_view);
  natsMsg** messages_ = nullptr;  // a natsMsgList's, owned
  int count_ = 0;
};

// Fetches up to `batch` messages, waiting at most `wait_ms`; an empty batch when none came in
// time. Asks SafeToFetch first and fails as it does, so no consumer can fetch without it.
// `stream_name` names the stream in errors.
Result<FetchedBatch> Fetch(natsSubscription* subscription, int batch, std::int64_t wait_ms,
                           std::string_view stream_name);

// Releases nats.c's process-wide threads and buffers (waiting up to a second for them); call
// once at exit, after every connection and publisher is destroyed. It stops the garbage
// collector before it waits for subscription threads, so connections whose handlers may still
// be running are drained first (StreamConnection::DrainAndClose).
void CloseNatsLibrary();

// A nats.c status as a Status: `what` says what was being done.
Status NatsStatus(int nats_status, std::string_view what);

}  // namespace ringgraph::stream
