// One detection leader among ringd replicas that share a signal stream, and the others
// installing its results (issue 13). Active only with --nats.
//
// Every replica builds the same account store from the stream, but detection is costly and its
// cluster ids must agree between replicas, so one replica computes and the others copy:
//   - Election: a JetStream KV lease (stream::LeaderLease, clustering_channel.h). A replica
//     takes it with create-if-absent, renews it every lease/3 by an update on the revision it
//     last wrote, and steps down when a renewal fails. A dead leader's lease lapses after its
//     TTL and another replica takes it.
//   - Only the leader runs detection, scheduled or asked for (PermitDetection): a follower
//     refuses a request with FailedPrecondition naming the leader, and skips its schedule.
//   - The leader publishes each version it writes (stream::ClusteringChannel::Publish) with
//     accounts by name; every replica polls the pointer each second, fetches the chunks, checks
//     the chunk count and SHA-256, and installs the version under the leader's number in one
//     LMDB transaction (RingService::InstallClustering). A version that fails the checks is
//     logged and refused once, and the replica keeps serving what it had.
//   - A version naming accounts this replica has not ingested yet (its stream consumer is
//     behind) waits up to `wait_for_accounts` for them; after that it is installed without
//     them, and the count is logged. They join at the next version.
//   - A replica that becomes leader first installs a newer published version, then publishes
//     its own latest version when the pointer does not name it, so versions only move forward.
//
// Thread safety: Start() and Stop() from one thread; the other methods from any.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "graph/common/status.h"
#include "service/ring_service.h"
#include "service/service_metrics.h"
#include "service/session_thread.h"
#include "service/stream/signal_stream.h"

namespace ringgraph::service {

struct DetectionLeaderOptions {
  stream::StreamSettings settings;  // the servers, and the replicas of what is created
  // This replica's name: the lease's value, shown in every replica's health().
  std::string replica_name;
  std::chrono::seconds lease{15};
  std::chrono::milliseconds poll{1000};
  std::chrono::seconds wait_for_accounts{30};
};

struct DetectionLeaderStatus {
  bool connected = false;
  bool leader = false;      // holds the lease, and has caught up with the published version
  std::string leader_name;  // the lease holder as last seen; empty when none
  std::uint64_t served_version = 0;     // this store's latest version
  std::uint64_t installed_version = 0;  // the last version installed from the leader
  std::uint64_t published_version = 0;  // the version clustering.current names, as last seen
  std::uint64_t refused = 0;
  std::string last_error;
};

class DetectionLeader {
 public:
  // `log` gets a line per election change, publication, installation and error; `metrics` may
  // be null.
  DetectionLeader(RingService& service, ServiceMetrics* metrics, DetectionLeaderOptions options,
                  std::function<void(const std::string&)> log);
  ~DetectionLeader();
  DetectionLeader(const DetectionLeader&) = delete;
  DetectionLeader& operator=(const DetectionLeader&) = delete;

  void Start();
  // Stops polling and gives the lease up, so that another replica leads at once.
  void Stop();

  // Ok on the leader; FailedPrecondition naming the leader on a follower.
  Status PermitDetection() const;
  DetectionLeaderStatus status() const;
  // "detection leader: this replica (name), ..." or "detection follower: leader 'x', ...",
  // with the installed version, for health().
  std::string Describe() const;

 private:
  class Session;  // one connection's lease, channel and poll loop (detection_leader.cc)

  void Publish(const DetectionLeaderStatus& update);

  RingService& service_;
  ServiceMetrics* metrics_;
  DetectionLeaderOptions options_;
  std::function<void(const std::string&)> log_;
  SessionThread worker_;
  mutable std::mutex status_mutex_;
  DetectionLeaderStatus status_;
};

}  // namespace ringgraph::service
