// ringd's analyst stream: publishing labels and bundles, and applying them. See analyst_stream.h.
#include "service/analyst_stream.h"

#include <nats/nats.h>

#include <chrono>

#include "service/stream/analyst_stream.h"

namespace ringgraph::service {
namespace {

using stream::NatsStatus;
using AnalystOutcome = ServiceMetrics::AnalystOutcome;

constexpr std::size_t kFetchBatch = 64;
constexpr std::size_t kRememberedOutcomes = 256;

// Whether applying a message failed because of what the message says (skip it) rather than
// because the store could not be written (retry it).
bool IsMessageFault(const Status& status) {
  return status.code() == Status::Code::kInvalidArgument ||
         status.code() == Status::Code::kNotFound ||
         status.code() == Status::Code::kFailedPrecondition;
}

}  // namespace

AnalystStream::AnalystStream(RingService& service, ServiceMetrics* metrics,
                             AnalystStreamOptions options,
                             std::function<void(const std::string&)> log)
    : service_(service), metrics_(metrics), options_(std::move(options)), log_(std::move(log)) {}

AnalystStream::~AnalystStream() { Stop(); }

void AnalystStream::Start() {
  SessionThread::Hooks hooks;
  hooks.session = [this] { return Consume(); };
  hooks.on_error = [this](const Status& ended) {
    {
      std::lock_guard<std::mutex> lock(applied_mutex_);
      connected_ = false;
      last_error_ = ended.message();
    }
    log_("error: analyst stream: " + ended.message() + "; retrying in " +
         std::to_string(options_.retry_ms) + " ms");
  };
  hooks.on_exit = [this] {
    {
      std::lock_guard<std::mutex> lock(applied_mutex_);
      connected_ = false;
    }
    applied_changed_.notify_all();  // Route() waits on it, and on stopping()
  };
  hooks.retry_pause = std::chrono::milliseconds(options_.retry_ms);
  worker_.Start(std::move(hooks));
}

void AnalystStream::Stop() {
  worker_.Stop();
  std::lock_guard<std::mutex> lock(publish_mutex_);
  publisher_.reset();
}

std::string AnalystStream::Describe() const {
  std::lock_guard<std::mutex> lock(applied_mutex_);
  std::string text = "analyst stream '" + std::string(stream::kAnalystStream) + "': ";
  if (connected_) return text + "connected, applied sequence " + std::to_string(applied_sequence_);
  text += "disconnected";
  if (!last_error_.empty()) text += " (" + last_error_ + ")";
  return text;
}

Result<std::optional<ImportAnswer>> AnalystStream::Route(const AnalystRecord& record) {
  std::string subject, body, partner;
  if (record.kind == AnalystRecord::Kind::kLabel) {
    subject = stream::kLabelSubject;
    body = stream::LabelMessage(record.label, options_.replica);
  } else {
    subject = stream::kIndicatorsSubject;
    body = record.bundle;
    partner = record.partner;
  }
  std::uint64_t sequence = 0;
  {
    std::lock_guard<std::mutex> lock(publish_mutex_);
    if (publisher_ == nullptr) {
      RINGGRAPH_ASSIGN_OR_RETURN(publisher_, stream::StreamConnection::Connect(options_.settings));
      Status ensured = stream::EnsureAnalystStream(*publisher_, options_.settings.replicas);
      if (!ensured.ok()) {
        publisher_.reset();
        return ensured;
      }
    }
    Result<std::uint64_t> published =
        stream::PublishAnalystMessage(*publisher_, subject, body, partner);
    if (!published.ok()) {
      publisher_.reset();  // connected anew on the next call
      return Status::IoError(published.status().message() + "; nothing was stored");
    }
    sequence = *published;
  }
  std::unique_lock<std::mutex> lock(applied_mutex_);
  const bool applied = applied_changed_.wait_for(
      lock, std::chrono::milliseconds(options_.apply_wait_ms),
      [&] { return applied_sequence_ >= sequence || worker_.stopping(); });
  const auto it = recent_.find(sequence);
  if (!applied || it == recent_.end()) return std::optional<ImportAnswer>();
  if (!it->second.status.ok()) return it->second.status;
  return it->second.answer;
}

void AnalystStream::Remember(std::uint64_t sequence, Applied applied) {
  {
    std::lock_guard<std::mutex> lock(applied_mutex_);
    recent_[sequence] = std::move(applied);
    while (recent_.size() > kRememberedOutcomes) recent_.erase(recent_.begin());
    applied_sequence_ = std::max(applied_sequence_, sequence);
  }
  applied_changed_.notify_all();
}

Status AnalystStream::Skip(std::uint64_t sequence, const std::string& reason) {
  log_("analyst stream sequence " + std::to_string(sequence) + ": " + reason +
       " (message skipped)");
  if (metrics_ != nullptr) metrics_->RecordAnalystRecord(AnalystOutcome::kRejected);
  // The mark alone, so that the message is not applied again after a restart.
  const store::StreamMark mark{consumer_name(), sequence};
  RINGGRAPH_RETURN_IF_ERROR(service_.store().IngestBatch({}, nullptr, &mark));
  Remember(sequence, {Status::InvalidArgument(reason), std::nullopt});
  return Status::Ok();
}

Status AnalystStream::ApplyMessage(const std::string& subject, std::string_view body,
                                   const std::string& partner, std::uint64_t sequence) {
  const store::StreamMark mark{consumer_name(), sequence};
  Applied applied;
  if (subject == stream::kLabelSubject) {
    Result<store::Label> label = stream::ParseLabelMessage(body);
    if (!label.ok()) return Skip(sequence, label.status().message());
    Status status = service_.ApplyLabel(*label, &mark);
    // An account this store has not ingested yet: its signal consumer may be behind.
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(options_.unknown_account_wait_ms);
    while (status.code() == Status::Code::kNotFound &&
           std::chrono::steady_clock::now() < deadline) {
      if (worker_.stopping())
        return Status::IoError("stopped while waiting for the labelled account");
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      status = service_.ApplyLabel(*label, &mark);
    }
    if (!status.ok()) {
      if (!IsMessageFault(status)) return status;
      return Skip(sequence, "label of '" + label->target + "': " + status.message());
    }
    applied.status = Status::Ok();
  } else if (subject == stream::kIndicatorsSubject) {
    Result<ImportAnswer> answer = service_.ApplyIndicators(body, partner, &mark);
    if (!answer.ok()) {
      if (!IsMessageFault(answer.status())) return answer.status();
      return Skip(sequence, "indicator bundle: " + answer.status().message());
    }
    applied.answer = std::move(*answer);
  } else {
    return Skip(sequence, "unknown subject '" + subject + "'");
  }
  if (metrics_ != nullptr) metrics_->RecordAnalystRecord(AnalystOutcome::kApplied);
  Remember(sequence, std::move(applied));
  return Status::Ok();
}

Status AnalystStream::Consume() {
  RINGGRAPH_ASSIGN_OR_RETURN(std::unique_ptr<stream::StreamConnection> connection,
                             stream::StreamConnection::Connect(options_.settings));
  RINGGRAPH_RETURN_IF_ERROR(stream::EnsureAnalystStream(*connection, options_.settings.replicas));
  const std::string name = consumer_name();
  const char* stream_name = stream::kAnalystStream.data();
  RINGGRAPH_ASSIGN_OR_RETURN(std::uint64_t mark, service_.store().StreamSequence(name));
  RINGGRAPH_ASSIGN_OR_RETURN(
      auto subscription,  // a natsSubscription* owned by `connection`
      connection->ConsumeFrom(stream_name, stream::kAllAnalystSubject, name, mark));
  {
    std::lock_guard<std::mutex> lock(applied_mutex_);
    connected_ = true;
    applied_sequence_ = std::max(applied_sequence_, mark);
  }
  applied_changed_.notify_all();
  log_("consuming stream '" + std::string(stream_name) + "' as '" + name + "' from sequence " +
       std::to_string(mark + 1));
  while (!worker_.stopping()) {
    RINGGRAPH_ASSIGN_OR_RETURN(stream::FetchedBatch batch,
                               stream::Fetch(subscription, static_cast<int>(kFetchBatch),
                                             options_.fetch_wait_ms, stream_name));
    for (int i = 0; i < batch.size(); ++i) {
      natsMsg* message = batch[i];
      jsMsgMetaData* meta = nullptr;
      RINGGRAPH_RETURN_IF_ERROR(
          NatsStatus(natsMsg_GetMetaData(&meta, message), "read a stream message's sequence"));
      const std::uint64_t sequence = meta->Sequence.Stream;
      jsMsgMetaData_Destroy(meta);
      if (sequence > mark) {
        const char* partner = nullptr;
        if (natsMsgHeader_Get(message, stream::kPartnerHeader.data(), &partner) != NATS_OK) {
          partner = nullptr;
        }
        const std::string_view body(natsMsg_GetData(message),
                                    static_cast<std::size_t>(natsMsg_GetDataLength(message)));
        // An error here is the store's or the stream's: the message is not acknowledged, and
        // the next session starts again from the mark.
        RINGGRAPH_RETURN_IF_ERROR(ApplyMessage(natsMsg_GetSubject(message), body,
                                               partner != nullptr ? partner : "", sequence));
        mark = sequence;
      } else if (metrics_ != nullptr) {
        metrics_->RecordAnalystRecord(AnalystOutcome::kDuplicate);
      }
      RINGGRAPH_RETURN_IF_ERROR(NatsStatus(natsMsg_Ack(message, nullptr), "acknowledge"));
    }
  }
  return Status::Ok();
}

}  // namespace ringgraph::service
