#include "service/stream/signal_stream.h"

#include <nats/nats.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <utility>
#include <vector>

namespace ringgraph::stream {

void CloseNatsLibrary() { nats_CloseAndWait(1000); }

Status NatsStatus(int nats_status, std::string_view what) {
  const auto s = static_cast<natsStatus>(nats_status);
  if (s == NATS_OK) return Status::Ok();
  std::string message = std::string(what) + ": " + natsStatus_GetText(s);
  natsStatus last = NATS_OK;
  const char* detail = nats_GetLastError(&last);
  if (detail != nullptr && *detail != '\0' && message.find(detail) == std::string::npos) {
    message += " (" + std::string(detail) + ")";
  }
  switch (s) {
    case NATS_NOT_FOUND:
      return Status::NotFound(message);
    case NATS_TIMEOUT:
    case NATS_NO_SERVER:
    case NATS_CONNECTION_CLOSED:
    case NATS_CONNECTION_DISCONNECTED:
    case NATS_NO_RESPONDERS:
      return Status::IoError(message);
    default:
      return Status::Internal(message);
  }
}

std::string SubjectForKind(std::string_view kind) {
  bool plain = !kind.empty();
  for (char c : kind) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    plain = plain && ok;
  }
  return std::string(kSubjectPrefix) + (plain ? std::string(kind) : std::string("_other"));
}

std::string RecordMessage(const RawRecord& record) {
  nlohmann::json object = {{"account", record.account},
                           {"kind", record.kind},
                           {"value", record.value},
                           {"ts", record.ts}};
  // dump() escapes control characters, so the body is one line. Invalid UTF-8 is replaced
  // rather than thrown on: readers have already checked it, and the consumer checks again.
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// nats.c 3.4 (Debian's) looks a subscription up on its reading thread and then uses it without
// holding a reference, so destroying a subscription while a message or a JetStream status for
// it is arriving (a late answer to a timed-out pull, a consumer leader change) writes into freed
// memory (nats.c issue 637, fixed upstream after 3.4). Closing the connection first joins that
// thread; only then are the subscriptions and the JetStream context freed.
StreamConnection::~StreamConnection() {
  Close();
  for (natsSubscription* subscription : subscriptions_) natsSubscription_Destroy(subscription);
  if (jetstream_ != nullptr) jsCtx_Destroy(jetstream_);
  if (connection_ != nullptr) natsConnection_Destroy(connection_);
}

void StreamConnection::Close() {
  if (connection_ != nullptr) natsConnection_Close(connection_);
}

void StreamConnection::DrainAndClose(std::int64_t timeout_ms) {
  if (connection_ == nullptr) return;
  // nats.c closes the connection itself once every subscription is drained; a connection that
  // cannot drain (closed, or reconnecting after losing its server) is closed straight away.
  if (natsConnection_DrainTimeout(connection_, timeout_ms) == NATS_OK) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms + 1000);
    while (!natsConnection_IsClosed(connection_) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  natsConnection_Close(connection_);
}

Result<std::unique_ptr<StreamConnection>> StreamConnection::Connect(
    const StreamSettings& settings) {
  if (settings.urls.empty()) return Status::InvalidArgument("no NATS URL given");
  std::unique_ptr<StreamConnection> c(new StreamConnection(settings));
  natsOptions* options = nullptr;
  RINGGRAPH_RETURN_IF_ERROR(NatsStatus(natsOptions_Create(&options), "NATS options"));
  std::unique_ptr<natsOptions, void (*)(natsOptions*)> owned(options, natsOptions_Destroy);
  // The servers of one cluster, tried in turn on connect and on every reconnect.
  std::vector<std::string> urls;
  for (std::size_t start = 0; start <= settings.urls.size();) {
    std::size_t comma = settings.urls.find(',', start);
    if (comma == std::string::npos) comma = settings.urls.size();
    std::string url = settings.urls.substr(start, comma - start);
    url.erase(0, url.find_first_not_of(" \t"));
    url.erase(url.find_last_not_of(" \t") + 1);
    if (!url.empty()) urls.push_back(std::move(url));
    start = comma + 1;
  }
  if (urls.empty()) return Status::InvalidArgument("no NATS URL in '" + settings.urls + "'");
  std::vector<const char*> servers;
  for (const std::string& url : urls) servers.push_back(url.c_str());
  RINGGRAPH_RETURN_IF_ERROR(
      NatsStatus(natsOptions_SetServers(options, servers.data(), static_cast<int>(servers.size())),
                 "NATS servers '" + settings.urls + "'"));
  RINGGRAPH_RETURN_IF_ERROR(NatsStatus(natsOptions_SetMaxReconnect(options, -1), "NATS options"));
  RINGGRAPH_RETURN_IF_ERROR(NatsStatus(natsOptions_SetReconnectWait(options, 500), "NATS options"));
  RINGGRAPH_RETURN_IF_ERROR(NatsStatus(natsOptions_SetTimeout(options, 5000), "NATS options"));
  RINGGRAPH_RETURN_IF_ERROR(NatsStatus(natsConnection_Connect(&c->connection_, options),
                                       "connect to NATS at " + settings.urls));
  RINGGRAPH_RETURN_IF_ERROR(NatsStatus(
      natsConnection_JetStream(&c->jetstream_, c->connection_, nullptr), "JetStream context"));
  return c;
}

Result<std::uint64_t> StreamConnection::LastSequence() { return LastSequence(settings_.stream); }

Result<std::uint64_t> StreamConnection::LastSequence(std::string_view name) {
  const std::string stream(name);
  jsStreamInfo* info = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  const natsStatus s = js_GetStreamInfo(&info, jetstream_, stream.c_str(), nullptr, &code);
  if (s != NATS_OK) return NatsStatus(s, "stream '" + stream + "'");
  const std::uint64_t last = info->State.LastSeq;
  jsStreamInfo_Destroy(info);
  return last;
}

Result<bool> StreamConnection::EnsureStream() {
  return EnsureStream(settings_.stream, kAllSignalsSubject, settings_.replicas);
}

Result<bool> StreamConnection::EnsureStream(std::string_view name, std::string_view subjects,
                                            int replicas) {
  Result<std::uint64_t> existing = LastSequence(name);
  for (int attempt = 0;
       attempt < 6 && !existing.ok() && existing.status().code() == Status::Code::kIoError;
       ++attempt) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    existing = LastSequence(name);
  }
  if (existing.ok()) return false;
  if (existing.status().code() != Status::Code::kNotFound) return existing.status();
  const std::string stream(name), filter(subjects);
  jsStreamConfig config;
  jsStreamConfig_Init(&config);
  config.Name = stream.c_str();
  const char* filters[] = {filter.c_str()};
  config.Subjects = filters;
  config.SubjectsLen = 1;
  config.Storage = js_FileStorage;
  config.Replicas = replicas;
  jsStreamInfo* info = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  const natsStatus s = js_AddStream(&info, jetstream_, &config, nullptr, &code);
  if (info != nullptr) jsStreamInfo_Destroy(info);
  if (s != NATS_OK) {
    if (LastSequence(name).ok()) return false;  // another process created it meanwhile
    return NatsStatus(s, "create stream '" + stream + "' (" + std::to_string(replicas) +
                             " replicas; JetStream error code " +
                             std::to_string(static_cast<int>(code)) +
                             "): are that many servers of the cluster up?");
  }
  return true;
}

Result<natsSubscription*> StreamConnection::ConsumeFrom(std::string_view name,
                                                        std::string_view subjects,
                                                        const std::string& consumer,
                                                        std::uint64_t mark,
                                                        std::int64_t max_ack_pending) {
  const std::string stream(name), filter(subjects);
  jsErrCode code = static_cast<jsErrCode>(0);
  const natsStatus deleted =
      js_DeleteConsumer(jetstream_, stream.c_str(), consumer.c_str(), nullptr, &code);
  if (deleted != NATS_OK && deleted != NATS_NOT_FOUND) {
    return NatsStatus(deleted, "reset consumer '" + consumer + "'");
  }
  jsConsumerConfig config;
  jsConsumerConfig_Init(&config);
  config.Durable = consumer.c_str();
  config.AckPolicy = js_AckExplicit;
  config.AckWait = std::int64_t{5} * 60 * 1000 * 1000 * 1000;  // ns; a commit is far quicker
  if (max_ack_pending > 0) config.MaxAckPending = max_ack_pending;
  config.FilterSubject = filter.c_str();
  if (mark > 0) {
    config.DeliverPolicy = js_DeliverByStartSequence;
    config.OptStartSeq = mark + 1;
  } else {
    config.DeliverPolicy = js_DeliverAll;
  }
  jsConsumerInfo* info = nullptr;
  const natsStatus added =
      js_AddConsumer(&info, jetstream_, stream.c_str(), &config, nullptr, &code);
  if (info != nullptr) jsConsumerInfo_Destroy(info);
  RINGGRAPH_RETURN_IF_ERROR(NatsStatus(added, "create consumer '" + consumer + "'"));
  jsSubOptions bind;
  jsSubOptions_Init(&bind);
  bind.Stream = stream.c_str();
  bind.Consumer = consumer.c_str();
  natsSubscription* subscription = nullptr;
  RINGGRAPH_RETURN_IF_ERROR(NatsStatus(js_PullSubscribe(&subscription, jetstream_, filter.c_str(),
                                                        consumer.c_str(), nullptr, &bind, &code),
                                       "subscribe to stream '" + stream + "'"));
  subscriptions_.push_back(subscription);
  return subscription;
}

Status SafeToFetch(natsSubscription* subscription, int batch) {
  auto waiting = [&]() -> Result<int> {
    int messages = 0, bytes = 0;
    RINGGRAPH_RETURN_IF_ERROR(
        NatsStatus(natsSubscription_GetPending(subscription, &messages, &bytes),
                   "count a subscription's waiting messages"));
    return messages;
  };
  RINGGRAPH_ASSIGN_OR_RETURN(int messages, waiting());
  if (static_cast<std::int64_t>(messages) * 4 <= batch) return Status::Ok();
  // A large part of a pull cut short: let it land (up to a second), then judge.
  for (int poll = 0; poll < 50; ++poll) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    RINGGRAPH_ASSIGN_OR_RETURN(int now, waiting());
    if (now == messages) break;
    messages = now;
  }
  if (static_cast<std::int64_t>(messages) * 2 <= batch) return Status::Ok();
  return Status::IoError(std::to_string(messages) +
                         " messages of a pull cut short by its timeout wait, more than half the "
                         "batch of " +
                         std::to_string(batch) +
                         ": nats.c 3.4 cannot fetch past them safely, so the subscription is made "
                         "anew");
}

FetchedBatch::FetchedBatch(FetchedBatch&& other) noexcept
    : messages_(std::exchange(other.messages_, nullptr)), count_(std::exchange(other.count_, 0)) {}

FetchedBatch::~FetchedBatch() {
  natsMsgList list{messages_, count_};
  natsMsgList_Destroy(&list);
}

Result<FetchedBatch> Fetch(natsSubscription* subscription, int batch, std::int64_t wait_ms,
                           std::string_view stream_name) {
  RINGGRAPH_RETURN_IF_ERROR(SafeToFetch(subscription, batch));
  natsMsgList list{};
  const natsStatus fetched = natsSubscription_Fetch(&list, subscription, batch, wait_ms, nullptr);
  FetchedBatch messages;  // empty unless the fetch returned messages (then it is NATS_OK)
  messages.messages_ = list.Msgs;
  messages.count_ = list.Count;
  if (fetched != NATS_OK && fetched != NATS_TIMEOUT) {
    return NatsStatus(fetched, "fetch from stream '" + std::string(stream_name) + "'");
  }
  return messages;
}

struct SignalPublisher::Failures {
  std::atomic<std::uint64_t> count{0};
  std::mutex mutex;
  std::string first;
};

namespace {

void OnPublishError(jsCtx*, jsPubAckErr* error, void* closure) {
  auto* failures = static_cast<SignalPublisher::Failures*>(closure);
  if (failures->count.fetch_add(1) == 0) {
    std::lock_guard<std::mutex> lock(failures->mutex);
    failures->first = error->ErrText != nullptr ? error->ErrText : natsStatus_GetText(error->Err);
  }
}

}  // namespace

SignalPublisher::~SignalPublisher() {
  // Acknowledgements and the error callback stop before the context and `failures_` go. The
  // handler of the last acknowledgement wakes Finish() before it frees that message and its
  // record; draining lets it return (see DrainAndClose) so that nothing is lost at exit.
  if (connection_ != nullptr) connection_->DrainAndClose(5000);
  if (publisher_ != nullptr) jsCtx_Destroy(publisher_);
}

Result<std::unique_ptr<SignalPublisher>> SignalPublisher::Create(const StreamSettings& settings) {
  std::unique_ptr<SignalPublisher> p(new SignalPublisher());
  RINGGRAPH_ASSIGN_OR_RETURN(p->connection_, StreamConnection::Connect(settings));
  RINGGRAPH_RETURN_IF_ERROR(p->connection_->EnsureStream().status());
  p->failures_ = std::make_unique<Failures>();
  jsOptions options;
  jsOptions_Init(&options);
  options.PublishAsync.MaxPending = 4096;
  // With that many in flight a publish waits for acknowledgements; on a loaded machine 200 ms
  // (the default) is not always enough, and a stall is not a failure.
  options.PublishAsync.StallWait = 30000;
  options.PublishAsync.ErrHandler = OnPublishError;
  options.PublishAsync.ErrHandlerClosure = p->failures_.get();
  RINGGRAPH_RETURN_IF_ERROR(
      NatsStatus(natsConnection_JetStream(&p->publisher_, p->connection_->connection(), &options),
                 "JetStream publisher"));
  return p;
}

Status SignalPublisher::Publish(const RawRecord& record) {
  const std::string subject = SubjectForKind(record.kind);
  const std::string body = RecordMessage(record);
  RINGGRAPH_RETURN_IF_ERROR(NatsStatus(js_PublishAsync(publisher_, subject.c_str(), body.data(),
                                                       static_cast<int>(body.size()), nullptr),
                                       "publish to " + subject));
  ++published_;
  return Status::Ok();
}

std::uint64_t SignalPublisher::failed() const { return failures_->count.load(); }

Status SignalPublisher::Finish(std::int64_t timeout_ms) {
  jsPubOptions options;
  jsPubOptions_Init(&options);
  options.MaxWait = timeout_ms;
  RINGGRAPH_RETURN_IF_ERROR(NatsStatus(js_PublishAsyncComplete(publisher_, &options),
                                       "wait for the stream's acknowledgements"));
  if (failed() > 0) {
    std::lock_guard<std::mutex> lock(failures_->mutex);
    return Status::IoError(std::to_string(failed()) + " of " + std::to_string(published_) +
                           " records were not stored by the stream (first: " + failures_->first +
                           ")");
  }
  return Status::Ok();
}

}  // namespace ringgraph::stream
