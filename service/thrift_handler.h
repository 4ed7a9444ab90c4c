// The Thrift edge of ringd: one handler per connection, holding that connection's session.
//
// Each call checks the session (authenticate() first, or a client certificate that
// --tls-client-roles maps to a role; the write role for ingest, label and runDetection), times
// itself into the per-method metrics, runs on the RingService, and turns a Status into a
// RingGraphError with its code. Client mistakes come back with their message; anything else becomes
// INTERNAL with an incident number, and the detail goes only to ringd's log, so a client never sees
// paths, LMDB codes or other internals.
//
// Thread safety: a handler serves one connection, which the server drives from one thread at a
// time; the shared parts (service, runner, registry, metrics) are thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "RingGraph.h"
#include "graph/detection/cluster_details.h"
#include "service/access/access_control.h"
#include "service/detection_runner.h"
#include "service/ring_service.h"
#include "service/service_metrics.h"
#include "service/tls_transport.h"

namespace ringgraph::service {

// What every connection's handler shares.
struct HandlerContext {
  RingService* service = nullptr;
  DetectionRunner* detection = nullptr;
  const access::TokenRegistry* tokens = nullptr;                // may be null: certificates only
  const access::CertificateRoles* certificate_roles = nullptr;  // may be null: tokens only
  ServiceMetrics* metrics = nullptr;                            // may be null
  std::function<void(const std::string&)> log;
  // One line on the signal stream consumer for health(); empty or unset without one.
  std::function<std::string()> stream_status;
  // One line on the detection leader election for health(); unset without --nats.
  std::function<std::string()> leader_status;
  std::atomic<std::uint64_t> next_incident{1};
  std::atomic<bool> serving{true};
};

class RingGraphHandler final : public api::RingGraphIf {
 public:
  // peer: the connection's TLS socket, when it is one; its certificate may carry the role.
  RingGraphHandler(HandlerContext& context, std::shared_ptr<PeerCertificateSocket> peer)
      : context_(context), peer_(std::move(peer)) {}

  void authenticate(api::Session& out, const std::string& token) override;
  void getCluster(api::Membership& out, const std::string& account) override;
  void getClusters(std::vector<api::Membership>& out,
                   const std::vector<std::string>& accounts) override;
  void getClusterDetail(api::ClusterDetail& out, int64_t cluster_id, int32_t offset,
                        int32_t limit) override;
  void explainCluster(api::ClusterExplanation& out, int64_t cluster_id) override;
  void explainLink(api::LinkExplanation& out, const std::string& account_a,
                   const std::string& account_b) override;
  void topRings(std::vector<api::RingSummary>& out, int32_t limit, double min_score) override;
  void ingest(api::IngestResult& out, const std::vector<api::Signal>& signals) override;
  void label(const std::string& target, const std::string& verdict,
             const std::string& note) override;
  void runDetection(api::DetectionStatus& out) override;
  void detectionStatus(api::DetectionStatus& out) override;
  void exportIndicators(std::string& out, const std::string& key_name, double min_score,
                        const std::vector<int64_t>& rings, const std::string& lab,
                        const std::string& tlp) override;
  void importIndicators(api::ImportResult& out, const std::string& bundle,
                        const std::string& partner) override;
  void health(api::HealthStatus& out) override;
  void version(std::string& out) override;

 private:
  enum class Access { kPublic, kRead, kWrite };
  template <typename Body>
  void Call(Method method, Access required, Body&& body);
  [[noreturn]] void Fail(Method method, const Status& status);
  // The record's stored details; details that do not parse fail the call (Fail).
  detection::ClusterDetails DetailsOf(Method method, const store::ClusterRecord& record);
  // Once per connection, after the TLS handshake: the role the client certificate maps to.
  void AdoptCertificateIdentity();

  HandlerContext& context_;
  std::shared_ptr<PeerCertificateSocket> peer_;
  bool certificate_checked_ = false;
  std::optional<access::ClientIdentity> identity_;
};

// Makes a handler for each new connection.
class RingGraphHandlerFactory final : public api::RingGraphIfFactory {
 public:
  explicit RingGraphHandlerFactory(HandlerContext& context) : context_(context) {}
  api::RingGraphIf* getHandler(const apache::thrift::TConnectionInfo& info) override {
    return new RingGraphHandler(context_,
                                std::dynamic_pointer_cast<PeerCertificateSocket>(info.transport));
  }
  void releaseHandler(api::RingGraphIf* handler) override { delete handler; }

 private:
  HandlerContext& context_;
};

}  // namespace ringgraph::service
