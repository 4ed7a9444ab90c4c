// The detection lease, publication and installation loop. See detection_leader.h.
#include "service/detection_leader.h"

#include <memory>
#include <optional>

#include "graph/store/clustering_transfer.h"
#include "service/stream/clustering_channel.h"

namespace ringgraph::service {

using Clock = std::chrono::steady_clock;

class DetectionLeader::Session {
 public:
  explicit Session(DetectionLeader& owner)
      : owner_(owner), options_(owner.options_), status_(owner.status()) {}

  // Connects, then renews or seeks the lease and follows or leads each poll, until stop or the
  // first NATS error.
  Status Run() {
    RINGGRAPH_ASSIGN_OR_RETURN(connection_, stream::StreamConnection::Connect(options_.settings));
    RINGGRAPH_ASSIGN_OR_RETURN(
        lease_, stream::LeaderLease::Open(*connection_, options_.replica_name, options_.lease,
                                          options_.settings.replicas));
    RINGGRAPH_ASSIGN_OR_RETURN(
        channel_, stream::ClusteringChannel::Open(*connection_, options_.settings.replicas));
    status_.connected = true;
    status_.last_error.clear();
    owner_.Publish(status_);
    Clock::time_point last_renewal{};
    while (!owner_.worker_.stopping()) {
      const Clock::time_point now = Clock::now();
      if (!lease_->held() || now - last_renewal >= options_.lease / 3) {
        const bool held_before = lease_->held();
        Result<bool> held = lease_->AcquireOrRenew();
        if (held.ok() && *held) last_renewal = now;
        if (held_before && !lease_->held()) {
          owner_.log_("detection: stepped down as leader: " +
                      (held.ok() ? std::string("the lease is held by '" + lease_->holder() + "'")
                                 : held.status().message()));
        }
      }
      status_.leader_name = lease_->holder();
      if (!lease_->held() && status_.leader) status_.leader = false;
      RINGGRAPH_RETURN_IF_ERROR(Tick());
      if (lease_->held() && !status_.leader && !waiting_for_accounts_) {
        status_.leader = true;  // caught up with the published version: may run detection
        owner_.log_("detection: this replica ('" + options_.replica_name +
                    "') is the detection leader (lease " + std::to_string(options_.lease.count()) +
                    " s)");
      }
      owner_.Publish(status_);
      owner_.worker_.PauseFor(now + options_.poll - Clock::now());
    }
    lease_->Release();
    status_.leader = false;
    owner_.Publish(status_);
    return Status::Ok();
  }

 private:
  // One poll: install what the leader published when this store does not serve it (the leader
  // only when it is newer than its own), then, on the leader, publish its own latest version
  // when the pointer does not name it.
  Status Tick() {
    RINGGRAPH_ASSIGN_OR_RETURN(std::optional<stream::ClusteringPointer> pointer,
                               channel_->Current());
    waiting_for_accounts_ = false;
    RINGGRAPH_ASSIGN_OR_RETURN(std::uint64_t local, LocalVersion());
    status_.published_version = pointer.has_value() ? pointer->version : 0;
    const bool leading = lease_->held();
    if (pointer.has_value() && pointer->revision != refused_revision_ &&
        (!leading || pointer->version > local)) {
      if (pointer->version == local && synced_version_ != local) {
        RINGGRAPH_RETURN_IF_ERROR(LearnLocalDigest(local).status());
      }
      if (!InSync(*pointer, local)) {
        RINGGRAPH_RETURN_IF_ERROR(Install(*pointer, local));
        RINGGRAPH_ASSIGN_OR_RETURN(local, LocalVersion());
      }
    }
    // A new leader waiting to install a newer version publishes nothing older meanwhile.
    if (!leading || local == 0 || waiting_for_accounts_) return Status::Ok();
    if (pointer.has_value() && InSync(*pointer, local)) return Status::Ok();
    RINGGRAPH_ASSIGN_OR_RETURN(std::string bytes, LearnLocalDigest(local));
    if (pointer.has_value() && InSync(*pointer, local)) return Status::Ok();
    RINGGRAPH_ASSIGN_OR_RETURN(stream::ClusteringPointer published,
                               channel_->Publish(local, bytes, options_.replica_name));
    status_.published_version = local;
    owner_.log_("detection: published clustering version " + std::to_string(local) + " (" +
                std::to_string(published.bytes) + " bytes in " + std::to_string(published.chunks) +
                " chunks from stream sequence " + std::to_string(published.first_sequence) +
                ", SHA-256 " + published.sha256.substr(0, 16) + "...)");
    return Status::Ok();
  }

  Result<std::uint64_t> LocalVersion() {
    RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::ClusteringHeader> latest,
                               owner_.service_.LatestClustering());
    status_.served_version = latest.has_value() ? latest->version : 0;
    return status_.served_version;
  }

  // Whether this store's latest version is the one `pointer` names, by digest.
  bool InSync(const stream::ClusteringPointer& pointer, std::uint64_t local) const {
    return pointer.version == local && synced_version_ == local && synced_digest_ == pointer.sha256;
  }

  // Encodes this store's version `local` and remembers its digest; returns the bytes.
  Result<std::string> LearnLocalDigest(std::uint64_t local) {
    RINGGRAPH_ASSIGN_OR_RETURN(std::string bytes, owner_.service_.ExportClustering(local));
    synced_version_ = local;
    synced_digest_ = store::Sha256Hex(bytes);
    return bytes;
  }

  void Refuse(const stream::ClusteringPointer& pointer, std::uint64_t local,
              const std::string& why) {
    refused_revision_ = pointer.revision;
    ++status_.refused;
    if (owner_.metrics_ != nullptr) owner_.metrics_->RecordClusteringInstall(false);
    owner_.log_("error: detection: refused clustering version " + std::to_string(pointer.version) +
                " published by '" + pointer.leader + "': " + why + "; still serving version " +
                std::to_string(local));
  }

  Status Install(const stream::ClusteringPointer& pointer, std::uint64_t local) {
    Result<std::string> bytes = channel_->Fetch(pointer);
    if (!bytes.ok()) {
      if (bytes.status().code() == Status::Code::kCorruption) {
        Refuse(pointer, local, bytes.status().message());
        return Status::Ok();
      }
      if (bytes.status().code() == Status::Code::kNotFound) {
        LogOnce("detection: cannot fetch the published clustering: " + bytes.status().message());
        return Status::Ok();  // a newer pointer will come
      }
      return bytes.status();
    }
    const Clock::time_point now = Clock::now();
    if (waiting_revision_ != pointer.revision) {
      waiting_revision_ = pointer.revision;
      waiting_since_ = now;
    }
    const bool stop_waiting = now - waiting_since_ >= options_.wait_for_accounts;
    Result<ClusteringInstall> installed =
        owner_.service_.InstallClustering(*bytes, /*leave_out_unknown_accounts=*/stop_waiting);
    if (!installed.ok()) {
      if (installed.status().code() == Status::Code::kCorruption) {
        Refuse(pointer, local, installed.status().message());
        return Status::Ok();
      }
      return installed.status();
    }
    if (!installed->installed) {
      waiting_for_accounts_ = true;
      LogOnce("detection: clustering version " + std::to_string(pointer.version) + " names " +
              std::to_string(installed->unknown_accounts) +
              " accounts this replica has not ingested yet; waiting up to " +
              std::to_string(options_.wait_for_accounts.count()) +
              " s for the signal stream to bring them");
      return Status::Ok();
    }
    synced_version_ = installed->version;
    synced_digest_ = pointer.sha256;
    status_.installed_version = installed->version;
    if (owner_.metrics_ != nullptr) owner_.metrics_->RecordClusteringInstall(true);
    owner_.log_("detection: installed clustering version " + std::to_string(installed->version) +
                " from the leader '" + pointer.leader + "' (" +
                std::to_string(installed->clusters) + " clusters" +
                (installed->unknown_accounts > 0
                     ? ", " + std::to_string(installed->unknown_accounts) +
                           " members this replica has not ingested left out"
                     : std::string()) +
                ")");
    return Status::Ok();
  }

  void LogOnce(const std::string& line) {
    if (line == last_logged_) return;
    last_logged_ = line;
    owner_.log_(line);
  }

  DetectionLeader& owner_;
  const DetectionLeaderOptions& options_;
  DetectionLeaderStatus status_;
  std::unique_ptr<stream::StreamConnection> connection_;
  std::unique_ptr<stream::LeaderLease> lease_;
  std::unique_ptr<stream::ClusteringChannel> channel_;
  // The version this store serves and the digest of its bytes, once known.
  std::uint64_t synced_version_ = 0;
  std::string synced_digest_;
  std::uint64_t refused_revision_ = 0;  // the pointer revision last refused
  std::uint64_t waiting_revision_ = 0;  // the pointer revision waiting for accounts
  Clock::time_point waiting_since_{};
  bool waiting_for_accounts_ = false;  // this poll's install waits for the stream
  std::string last_logged_;
};

DetectionLeader::DetectionLeader(RingService& service, ServiceMetrics* metrics,
                                 DetectionLeaderOptions options,
                                 std::function<void(const std::string&)> log)
    : service_(service), metrics_(metrics), options_(std::move(options)), log_(std::move(log)) {
  if (options_.lease < std::chrono::seconds(3)) options_.lease = std::chrono::seconds(3);
}

DetectionLeader::~DetectionLeader() { Stop(); }

void DetectionLeader::Start() {
  SessionThread::Hooks hooks;
  hooks.session = [this] { return Session(*this).Run(); };
  hooks.on_error = [this](const Status& ended) {
    log_("error: detection leader election: " + ended.message() + "; retrying in 1 s");
    {
      std::lock_guard<std::mutex> lock(status_mutex_);
      status_.connected = false;
      status_.leader = false;
      status_.last_error = ended.message();
    }
    if (metrics_ != nullptr) metrics_->SetDetectionLeader(false);
  };
  hooks.on_exit = [this] {
    std::lock_guard<std::mutex> lock(status_mutex_);
    status_.connected = false;
    status_.leader = false;
  };
  hooks.retry_pause = std::chrono::seconds(1);
  worker_.Start(std::move(hooks));
}

// Stops polling and gives the lease up (the session releases it on its way out).
void DetectionLeader::Stop() { worker_.Stop(); }

DetectionLeaderStatus DetectionLeader::status() const {
  std::lock_guard<std::mutex> lock(status_mutex_);
  return status_;
}

Status DetectionLeader::PermitDetection() const {
  const DetectionLeaderStatus now = status();
  if (now.leader) return Status::Ok();
  if (!now.leader_name.empty() && now.leader_name != options_.replica_name) {
    return Status::FailedPrecondition(
        "this replica ('" + options_.replica_name +
        "') is a detection follower: detection runs on the leader '" + now.leader_name +
        "', whose clustering versions are installed here; ask the leader");
  }
  return Status::FailedPrecondition(
      "no detection leader is elected yet (this replica '" + options_.replica_name +
      "' is connecting to NATS or catching up with the published clustering); try again in a "
      "few seconds");
}

std::string DetectionLeader::Describe() const {
  const DetectionLeaderStatus now = status();
  if (!now.connected) {
    return "detection leader election: disconnected" +
           (now.last_error.empty() ? std::string() : " (" + now.last_error + ")");
  }
  if (now.leader) {
    return "detection leader: this replica ('" + options_.replica_name +
           "'), serving clustering version " + std::to_string(now.served_version) + ", published " +
           std::to_string(now.published_version);
  }
  return "detection follower: leader '" + (now.leader_name.empty() ? "none" : now.leader_name) +
         "', serving clustering version " + std::to_string(now.served_version) + ", installed " +
         std::to_string(now.installed_version) +
         (now.refused > 0 ? ", refused " + std::to_string(now.refused) : std::string());
}

void DetectionLeader::Publish(const DetectionLeaderStatus& update) {
  {
    std::lock_guard<std::mutex> lock(status_mutex_);
    status_ = update;
  }
  if (metrics_ != nullptr) metrics_->SetDetectionLeader(update.leader);
}

}  // namespace ringgraph::service
