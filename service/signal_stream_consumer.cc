#include "service/signal_stream_consumer.h"

#include <nats/nats.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

namespace ringgraph::service {

using stream::NatsStatus;

class SignalStreamConsumer::Session {
 public:
  explicit Session(SignalStreamConsumer& owner)
      : owner_(owner), options_(owner.options_), status_(owner.status()) {}

  // Connects, resumes from the store's mark and consumes until stop or the first error.
  Status Run() {
    RINGGRAPH_RETURN_IF_ERROR(Open());
    auto last_lag_check = std::chrono::steady_clock::time_point{};
    auto last_delivery = std::chrono::steady_clock::now();
    while (!owner_.worker_.stopping()) {
      RINGGRAPH_ASSIGN_OR_RETURN(stream::FetchedBatch batch,
                                 stream::Fetch(subscription_, static_cast<int>(options_.batch),
                                               options_.fetch_wait_ms, options_.settings.stream));
      const auto now = std::chrono::steady_clock::now();
      if (!batch.empty()) {
        RINGGRAPH_RETURN_IF_ERROR(ConsumeBatch(batch));
        last_delivery = now;
      }
      if (batch.empty() || now - last_lag_check > std::chrono::seconds(1)) {
        last_lag_check = now;
        RINGGRAPH_ASSIGN_OR_RETURN(status_.stream_last_sequence, connection_->LastSequence());
        owner_.Publish(status_);
      }
      // A consumer made while its replicas were electing a leader can stay silent although the
      // stream holds records past the mark; made anew from the mark, it delivers.
      if (status_.stream_last_sequence > mark_ && now - last_delivery > options_.stalled_after) {
        return Status::IoError(
            "consumer '" + options_.consumer + "' delivered nothing for " +
            std::to_string(
                std::chrono::duration_cast<std::chrono::seconds>(options_.stalled_after).count()) +
            " s while " + std::to_string(status_.stream_last_sequence - mark_) +
            " records wait; making it anew");
      }
    }
    return Status::Ok();
  }

 private:
  Status Open() {
    RINGGRAPH_ASSIGN_OR_RETURN(connection_, stream::StreamConnection::Connect(options_.settings));
    RINGGRAPH_ASSIGN_OR_RETURN(bool created, connection_->EnsureStream());
    if (created) {
      owner_.log_("created stream '" + options_.settings.stream + "' (" +
                  std::to_string(options_.settings.replicas) + " replicas)");
    }
    RINGGRAPH_ASSIGN_OR_RETURN(mark_, owner_.service_.store().StreamSequence(options_.consumer));
    RINGGRAPH_ASSIGN_OR_RETURN(status_.stream_last_sequence, connection_->LastSequence());
    if (status_.stream_last_sequence < mark_) {
      owner_.log_("warning: stream '" + options_.settings.stream + "' ends at sequence " +
                  std::to_string(status_.stream_last_sequence) + ", below the " +
                  std::to_string(mark_) +
                  " this store committed; was the stream recreated? Messages up to " +
                  std::to_string(mark_) + " are taken as committed");
    }
    // The durable consumer is made anew from the store's mark: the store, not the stream's
    // acknowledgement state, says what is committed.
    RINGGRAPH_ASSIGN_OR_RETURN(
        subscription_, connection_->ConsumeFrom(
                           options_.settings.stream, stream::kAllSignalsSubject, options_.consumer,
                           mark_, static_cast<std::int64_t>(options_.batch) * 4));
    status_.connected = true;
    status_.committed_sequence = mark_;
    owner_.Publish(status_);
    owner_.log_("consuming stream '" + options_.settings.stream + "' as '" + options_.consumer +
                "' from sequence " + std::to_string(mark_ + 1) + " (the stream ends at " +
                std::to_string(status_.stream_last_sequence) + ")");
    return Status::Ok();
  }

  void Reject(std::uint64_t sequence, const std::string& reason) {
    ++status_.rejected;
    ++batch_rejected_;
    owner_.log_("stream sequence " + std::to_string(sequence) + ": " + reason +
                " (record skipped)");
  }

  // One fetched batch: parse, commit with the mark, then acknowledge every message.
  Status ConsumeBatch(const stream::FetchedBatch& batch) {
    batch_rejected_ = 0;
    std::uint64_t duplicates = 0, last = mark_;
    std::string lines;
    std::vector<std::uint64_t> line_sequence;  // stream sequence of each line in `lines`
    for (int i = 0; i < batch.size(); ++i) {
      jsMsgMetaData* meta = nullptr;
      RINGGRAPH_RETURN_IF_ERROR(
          NatsStatus(natsMsg_GetMetaData(&meta, batch[i]), "read a stream message's sequence"));
      const std::uint64_t sequence = meta->Sequence.Stream;
      jsMsgMetaData_Destroy(meta);
      if (sequence <= mark_) {
        ++duplicates;
        continue;
      }
      last = std::max(last, sequence);
      const std::string_view body(natsMsg_GetData(batch[i]),
                                  static_cast<std::size_t>(natsMsg_GetDataLength(batch[i])));
      if (body.empty() || body.find_first_of("\r\n") != std::string_view::npos) {
        Reject(sequence, body.empty() ? "empty message" : "not one JSON line");
        continue;
      }
      lines.append(body);
      lines.push_back('\n');
      line_sequence.push_back(sequence);
    }
    std::vector<RawRecord> records;
    std::vector<std::uint64_t> record_sequence;
    auto reader = RecordReader::FromString(std::move(lines), "stream", InputFormat::kJsonLines);
    for (;;) {
      RawRecord record;
      std::string error;
      RINGGRAPH_ASSIGN_OR_RETURN(RecordReader::Outcome outcome, reader->Next(&record, &error));
      if (outcome == RecordReader::Outcome::kEnd) break;
      const std::uint64_t sequence = record.line >= 1 && record.line <= line_sequence.size()
                                         ? line_sequence[record.line - 1]
                                         : 0;
      if (outcome == RecordReader::Outcome::kRejected) {
        const std::string prefix = "stream:" + std::to_string(record.line) + ": ";
        Reject(sequence, error.rfind(prefix, 0) == 0 ? error.substr(prefix.size()) : error);
        continue;
      }
      records.push_back(std::move(record));
      record_sequence.push_back(sequence);
    }
    if (last > mark_) {
      const store::StreamMark mark{options_.consumer, last};
      const std::size_t offered = records.size();
      RINGGRAPH_ASSIGN_OR_RETURN(IngestAnswer answer,
                                 owner_.service_.Ingest(std::move(records), &mark));
      for (const RecordRejection& r : answer.rejected) {
        Reject(r.index < record_sequence.size() ? record_sequence[r.index] : 0, r.message);
      }
      status_.committed += offered - answer.rejected.size();
      if (owner_.metrics_ != nullptr) {
        owner_.metrics_->RecordStreamMessages(offered - answer.rejected.size(), batch_rejected_,
                                              duplicates);
      }
      mark_ = last;
    } else if (owner_.metrics_ != nullptr) {
      owner_.metrics_->RecordStreamMessages(0, 0, duplicates);
    }
    status_.duplicates += duplicates;
    // Committed (or already committed): acknowledge. A lost acknowledgement only brings a
    // redelivery, which the mark skips.
    for (int i = 0; i < batch.size(); ++i) {
      RINGGRAPH_RETURN_IF_ERROR(NatsStatus(natsMsg_Ack(batch[i], nullptr), "acknowledge"));
    }
    status_.committed_sequence = mark_;
    owner_.Publish(status_);
    return Status::Ok();
  }

  SignalStreamConsumer& owner_;
  const StreamConsumerOptions& options_;
  std::unique_ptr<stream::StreamConnection> connection_;
  natsSubscription* subscription_ = nullptr;  // owned by connection_
  std::uint64_t mark_ = 0;
  std::uint64_t batch_rejected_ = 0;
  StreamConsumerStatus status_;
};

SignalStreamConsumer::SignalStreamConsumer(RingService& service, ServiceMetrics* metrics,
                                           StreamConsumerOptions options,
                                           std::function<void(const std::string&)> log)
    : service_(service), metrics_(metrics), options_(std::move(options)), log_(std::move(log)) {
  options_.batch = std::clamp<std::size_t>(
      options_.batch, 1, std::max<std::size_t>(1, service_.options().max_records_per_call));
}

SignalStreamConsumer::~SignalStreamConsumer() { Stop(); }

void SignalStreamConsumer::Start() {
  SessionThread::Hooks hooks;
  hooks.session = [this] { return Session(*this).Run(); };
  hooks.on_error = [this](const Status& ended) {
    log_("error: signal stream: " + ended.message() + "; retrying in " +
         std::to_string(options_.retry_ms) + " ms");
    {
      std::lock_guard<std::mutex> lock(status_mutex_);
      status_.connected = false;
      status_.last_error = ended.message();
    }
    if (metrics_ != nullptr) {
      const StreamConsumerStatus now = status();
      metrics_->SetStreamPosition(now.committed_sequence, now.lag(), false);
    }
  };
  hooks.on_exit = [this] {
    std::lock_guard<std::mutex> lock(status_mutex_);
    status_.connected = false;
  };
  hooks.retry_pause = std::chrono::milliseconds(options_.retry_ms);
  worker_.Start(std::move(hooks));
}

void SignalStreamConsumer::Stop() { worker_.Stop(); }

StreamConsumerStatus SignalStreamConsumer::status() const {
  std::lock_guard<std::mutex> lock(status_mutex_);
  return status_;
}

std::string SignalStreamConsumer::Describe() const {
  const StreamConsumerStatus now = status();
  std::string text = "signal stream '" + options_.settings.stream + "': ";
  if (now.connected) {
    text += "connected, committed sequence " + std::to_string(now.committed_sequence) + ", lag " +
            std::to_string(now.lag());
  } else {
    text += "disconnected";
    if (!now.last_error.empty()) text += " (" + now.last_error + ")";
  }
  return text;
}

void SignalStreamConsumer::Publish(const StreamConsumerStatus& update) {
  {
    std::lock_guard<std::mutex> lock(status_mutex_);
    const std::string error = status_.last_error;
    status_ = update;
    if (status_.last_error.empty()) status_.last_error = error;
  }
  if (metrics_ != nullptr) {
    metrics_->SetStreamPosition(update.committed_sequence, update.lag(), update.connected);
  }
}

}  // namespace ringgraph::service
