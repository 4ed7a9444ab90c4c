// The Thrift handler. See thrift_handler.h.
#include "service/thrift_handler.h"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "graph/detection/cluster_details.h"
#include "graph/signals/signal_kind.h"
#include "service/ringd_version.h"

namespace ringgraph::service {
namespace {

constexpr std::int32_t kMaxPage = 10000;

api::RingGraphError MakeError(api::ErrorCode::type code, std::string message) {
  api::RingGraphError error;
  error.code = code;
  error.message = std::move(message);
  return error;
}

api::Membership ToMembership(const std::string& account, const store::MembershipLookup& lookup,
                             const store::ClusteringHeader& clustering) {
  api::Membership m;
  m.account = account;
  m.knownAccount = lookup.known_account;
  m.inCluster = lookup.membership.has_value();
  m.clusterId = m.inCluster ? static_cast<int64_t>(lookup.membership->cluster) : 0;
  m.ringScore = m.inCluster ? lookup.membership->ring_score : 0.0;
  m.flagged = m.inCluster && lookup.membership->flagged;
  m.realtime = lookup.realtime;
  m.clusteringVersion = static_cast<int64_t>(clustering.version);
  m.computedAt = clustering.computed_at;
  return m;
}

api::Evidence ToEvidence(const detection::DetailEvidence& e) {
  api::Evidence out;
  out.kind = e.kind;
  out.valueId = e.value_id;
  out.membersSharing = static_cast<int32_t>(e.members_sharing);
  out.holdersTotal = static_cast<int32_t>(e.holders_total);
  out.pairWeight = e.pair_weight;
  return out;
}

// The members' own evidence for the page of `page_size` members that starts at `offset`.
std::vector<double> PageEvidence(const std::vector<double>& member_evidence, std::size_t offset,
                                 std::size_t page_size) {
  if (offset >= member_evidence.size()) return {};
  const auto first = member_evidence.begin() + static_cast<std::ptrdiff_t>(offset);
  const std::size_t count = std::min(member_evidence.size() - offset, page_size);
  return {first, first + static_cast<std::ptrdiff_t>(count)};
}

api::DetectionStatus ToDetectionStatus(const DetectionStatusView& view) {
  api::DetectionStatus out;
  switch (view.state) {
    case DetectionState::kIdle:
      out.state = api::DetectionState::IDLE;
      break;
    case DetectionState::kRunning:
      out.state = api::DetectionState::RUNNING;
      break;
    case DetectionState::kSucceeded:
      out.state = api::DetectionState::SUCCEEDED;
      break;
    case DetectionState::kFailed:
      out.state = api::DetectionState::FAILED;
      break;
  }
  out.startedAt = view.started_at;
  out.finishedAt = view.finished_at;
  out.lastVersion = static_cast<int64_t>(view.last_version);
  out.lastDurationSeconds = view.last_seconds;
  out.clusters = static_cast<int64_t>(view.clusters);
  out.flaggedRings = static_cast<int64_t>(view.flagged);
  if (!view.error.empty()) out.__set_error(view.error);
  out.nextScheduledAt = view.next_scheduled_at;
  return out;
}

}  // namespace

template <typename Body>
void RingGraphHandler::Call(Method method, Access required, Body&& body) {
  const auto start = std::chrono::steady_clock::now();
  auto record = [&](Outcome outcome) {
    if (context_.metrics == nullptr) return;
    context_.metrics->RecordCall(
        method, outcome,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
  if (!certificate_checked_) AdoptCertificateIdentity();
  if (required != Access::kPublic && !identity_.has_value()) {
    if (context_.metrics != nullptr) context_.metrics->RecordAuthFailure();
    record(Outcome::kUnauthenticated);
    throw MakeError(api::ErrorCode::UNAUTHENTICATED, "call authenticate first");
  }
  if (required == Access::kWrite && identity_->role != access::Role::kWrite) {
    record(Outcome::kError);
    throw MakeError(api::ErrorCode::PERMISSION_DENIED,
                    std::string(MethodName(method)) + " needs the write role");
  }
  if (required != Access::kPublic && !context_.serving.load()) {
    record(Outcome::kError);
    throw MakeError(api::ErrorCode::UNAVAILABLE, "ringd is shutting down; retry elsewhere");
  }
  try {
    body();
  } catch (const api::RingGraphError& error) {
    record(error.code == api::ErrorCode::UNAUTHENTICATED ? Outcome::kUnauthenticated
                                                         : Outcome::kError);
    throw;
  } catch (const std::exception& e) {
    const std::uint64_t incident = context_.next_incident++;
    if (context_.log) {
      context_.log("incident " + std::to_string(incident) + " in " +
                   std::string(MethodName(method)) + ": " + e.what());
    }
    record(Outcome::kError);
    throw MakeError(api::ErrorCode::INTERNAL,
                    "internal error (incident " + std::to_string(incident) + " in ringd's log)");
  }
  record(Outcome::kOk);
}

void RingGraphHandler::AdoptCertificateIdentity() {
  certificate_checked_ = true;
  if (peer_ == nullptr || context_.certificate_roles == nullptr) return;
  const std::string subject = peer_->PeerSubject();
  if (subject.empty()) return;
  identity_ = context_.certificate_roles->Find(subject);
  if (!identity_.has_value() && context_.log) {
    context_.log("client certificate '" + subject +
                 "' verified but is not in the certificate roles file; the connection has no "
                 "role until it authenticates with a token");
  }
}

void RingGraphHandler::Fail(Method method, const Status& status) {
  switch (status.code()) {
    case Status::Code::kInvalidArgument:
    case Status::Code::kAlreadyExists:
      throw MakeError(api::ErrorCode::INVALID_ARGUMENT, status.message());
    case Status::Code::kNotFound:
      throw MakeError(api::ErrorCode::NOT_FOUND, status.message());
    case Status::Code::kFailedPrecondition:
      throw MakeError(api::ErrorCode::FAILED_PRECONDITION, status.message());
    case Status::Code::kResourceExhausted:
      if (status.message().rfind(kRequestLimit, 0) == 0) {
        throw MakeError(api::ErrorCode::RESOURCE_EXHAUSTED, status.message());
      } else {
        // The store is full: the client learns that, the operator gets the detail.
        const std::uint64_t incident = context_.next_incident++;
        if (context_.log) {
          context_.log("incident " + std::to_string(incident) + " in " +
                       std::string(MethodName(method)) + ": " + status.ToString());
        }
        throw MakeError(api::ErrorCode::RESOURCE_EXHAUSTED,
                        "the store is full; nothing of this call was stored (incident " +
                            std::to_string(incident) + " in ringd's log)");
      }
    default: {
      // I/O, corruption and internal failures: the detail stays in the log.
      const std::uint64_t incident = context_.next_incident++;
      if (context_.log) {
        context_.log("incident " + std::to_string(incident) + " in " +
                     std::string(MethodName(method)) + ": " + status.ToString());
      }
      throw MakeError(api::ErrorCode::INTERNAL,
                      "internal error (incident " + std::to_string(incident) + " in ringd's log)");
    }
  }
}

detection::ClusterDetails RingGraphHandler::DetailsOf(Method method,
                                                      const store::ClusterRecord& record) {
  Result<detection::ClusterDetails> details =
      detection::ParseClusterDetails(record.id, record.details_json);
  if (!details.ok()) Fail(method, details.status());
  return std::move(details).value();
}

void RingGraphHandler::authenticate(api::Session& out, const std::string& token) {
  Call(Method::kAuthenticate, Access::kPublic, [&] {
    std::optional<access::ClientIdentity> identity =
        context_.tokens != nullptr ? context_.tokens->Authenticate(token) : std::nullopt;
    if (!identity.has_value()) {
      identity_.reset();
      if (context_.metrics != nullptr) context_.metrics->RecordAuthFailure();
      throw MakeError(api::ErrorCode::UNAUTHENTICATED, "authentication failed");
    }
    identity_ = identity;
    out.client = identity->client;
    out.role = identity->role == access::Role::kWrite ? api::Role::WRITE : api::Role::READ;
  });
}

void RingGraphHandler::getCluster(api::Membership& out, const std::string& account) {
  Call(Method::kGetCluster, Access::kRead, [&] {
    if (account.empty()) throw MakeError(api::ErrorCode::INVALID_ARGUMENT, "account is empty");
    std::string_view name = account;
    Result<MembershipAnswers> answers = context_.service->Lookup({&name, 1});
    if (!answers.ok()) Fail(Method::kGetCluster, answers.status());
    out = ToMembership(account, answers->answers[0], answers->clustering);
  });
}

void RingGraphHandler::getClusters(std::vector<api::Membership>& out,
                                   const std::vector<std::string>& accounts) {
  Call(Method::kGetClusters, Access::kRead, [&] {
    std::vector<std::string_view> names(accounts.begin(), accounts.end());
    Result<MembershipAnswers> answers = context_.service->Lookup(names);
    if (!answers.ok()) Fail(Method::kGetClusters, answers.status());
    out.clear();
    out.reserve(accounts.size());
    for (std::size_t i = 0; i < accounts.size(); ++i) {
      out.push_back(ToMembership(accounts[i], answers->answers[i], answers->clustering));
    }
  });
}

void RingGraphHandler::getClusterDetail(api::ClusterDetail& out, int64_t cluster_id, int32_t offset,
                                        int32_t limit) {
  Call(Method::kGetClusterDetail, Access::kRead, [&] {
    if (cluster_id <= 0 || offset < 0 || limit < 0 || limit > kMaxPage) {
      throw MakeError(
          api::ErrorCode::INVALID_ARGUMENT,
          "need clusterId > 0, offset >= 0 and 0 <= limit <= " + std::to_string(kMaxPage));
    }
    Result<ClusterPage> page = context_.service->ClusterDetail(
        static_cast<std::uint64_t>(cluster_id), static_cast<std::uint64_t>(offset),
        static_cast<std::uint64_t>(limit));
    if (!page.ok()) Fail(Method::kGetClusterDetail, page.status());
    const detection::ClusterDetails details = DetailsOf(Method::kGetClusterDetail, page->record);
    out.clusterId = static_cast<int64_t>(page->record.id);
    out.clusteringVersion = static_cast<int64_t>(page->clustering.version);
    out.ringScore = page->record.ring_score;
    out.flagged = page->record.flagged;
    out.size = static_cast<int32_t>(page->record.size);
    out.members = std::move(page->members);
    out.features = detection::FlattenFeatures(details.features);
    out.labels = std::move(page->labels);
    out.summary = details.summary;
    if (details.member_evidence.size() == page->record.size) {
      out.__set_memberEvidence(PageEvidence(details.member_evidence,
                                            static_cast<std::size_t>(offset), out.members.size()));
    }
  });
}

void RingGraphHandler::explainCluster(api::ClusterExplanation& out, int64_t cluster_id) {
  Call(Method::kExplainCluster, Access::kRead, [&] {
    if (cluster_id <= 0) throw MakeError(api::ErrorCode::INVALID_ARGUMENT, "need clusterId > 0");
    Result<ClusterPage> page =
        context_.service->ClusterDetail(static_cast<std::uint64_t>(cluster_id), 0, 0);
    if (!page.ok()) Fail(Method::kExplainCluster, page.status());
    const detection::ClusterDetails details = DetailsOf(Method::kExplainCluster, page->record);
    out.clusterId = static_cast<int64_t>(page->record.id);
    out.clusteringVersion = static_cast<int64_t>(page->clustering.version);
    out.ringScore = page->record.ring_score;
    out.flagged = page->record.flagged;
    out.summary = details.summary;
    out.factors.clear();
    for (const detection::DetailFactor& f : details.factors) {
      api::ScoreFactor factor;
      factor.name = f.name;
      factor.contribution = f.contribution;
      out.factors.push_back(std::move(factor));
    }
    std::sort(out.factors.begin(), out.factors.end(),
              [](const auto& a, const auto& b) { return a.contribution > b.contribution; });
    out.evidence.clear();
    for (const detection::DetailEvidence& e : details.evidence) {
      out.evidence.push_back(ToEvidence(e));
    }
    out.labels = page->labels;
    out.labels.insert(out.labels.end(), details.labels.begin(), details.labels.end());
  });
}

void RingGraphHandler::explainLink(api::LinkExplanation& out, const std::string& account_a,
                                   const std::string& account_b) {
  Call(Method::kExplainLink, Access::kRead, [&] {
    if (account_a.empty() || account_b.empty()) {
      throw MakeError(api::ErrorCode::INVALID_ARGUMENT, "both accounts are needed");
    }
    Result<LinkAnswer> answer = context_.service->ExplainLink(account_a, account_b);
    if (!answer.ok()) Fail(Method::kExplainLink, answer.status());
    out.linked = answer->linked;
    out.strength = answer->strength;
    out.hops.clear();
    for (const NamedLinkHop& named : answer->hops) {
      api::LinkHop hop;
      hop.fromAccount = named.from;
      hop.toAccount = named.to;
      hop.weight = named.hop.weight;
      for (const detection::LinkValue& v : named.hop.values) {
        api::Evidence e;
        e.kind = std::string(BuiltinKindName(v.kind));
        e.valueId = HashToHex(v.hash);
        e.membersSharing = 2;
        e.holdersTotal = static_cast<int32_t>(v.holders);
        e.pairWeight = v.pair_weight;
        hop.shared.push_back(std::move(e));
      }
      out.hops.push_back(std::move(hop));
    }
  });
}

void RingGraphHandler::topRings(std::vector<api::RingSummary>& out, int32_t limit,
                                double min_score) {
  Call(Method::kTopRings, Access::kRead, [&] {
    if (limit < 0 || limit > kMaxPage) {
      throw MakeError(api::ErrorCode::INVALID_ARGUMENT,
                      "limit must be between 0 and " + std::to_string(kMaxPage));
    }
    Result<std::vector<store::ClusterRecord>> rings =
        context_.service->TopRings(static_cast<std::size_t>(limit), min_score);
    if (!rings.ok()) Fail(Method::kTopRings, rings.status());
    out.clear();
    for (const store::ClusterRecord& record : *rings) {
      api::RingSummary ring;
      ring.clusterId = static_cast<int64_t>(record.id);
      ring.ringScore = record.ring_score;
      ring.size = static_cast<int32_t>(record.size);
      ring.summary = DetailsOf(Method::kTopRings, record).summary;
      out.push_back(std::move(ring));
    }
  });
}

void RingGraphHandler::ingest(api::IngestResult& out, const std::vector<api::Signal>& signals) {
  Call(Method::kIngest, Access::kWrite, [&] {
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    std::vector<RawRecord> records;
    records.reserve(signals.size());
    for (const api::Signal& s : signals) {
      RawRecord r;
      r.account = s.account;
      r.kind = s.kind;
      r.value = s.value;
      const std::int64_t ts = s.__isset.observedAt && s.observedAt != 0 ? s.observedAt : now;
      r.ts = std::to_string(ts);
      records.push_back(std::move(r));
    }
    Result<IngestAnswer> answer = context_.service->Ingest(std::move(records));
    if (!answer.ok()) Fail(Method::kIngest, answer.status());
    out.acknowledged = static_cast<int32_t>(answer->acknowledged);
    out.rejected.clear();
    for (const RecordRejection& r : answer->rejected) {
      api::RecordError error;
      error.index = static_cast<int32_t>(r.index);
      error.message = r.message;
      out.rejected.push_back(std::move(error));
    }
    out.realtimeFlags.clear();
    for (const RealtimeFlagAnswer& f : answer->realtime_flags) {
      store::MembershipLookup lookup;
      lookup.known_account = true;
      lookup.membership = store::Membership{f.flag.cluster, f.flag.ring_score, true};
      lookup.realtime = true;
      out.realtimeFlags.push_back(ToMembership(f.account, lookup, answer->clustering));
    }
  });
}

void RingGraphHandler::label(const std::string& target, const std::string& verdict,
                             const std::string& note) {
  Call(Method::kLabel, Access::kWrite, [&] {
    Status s = context_.service->Label(target, verdict, note);
    if (!s.ok()) Fail(Method::kLabel, s);
  });
}

void RingGraphHandler::runDetection(api::DetectionStatus& out) {
  Call(Method::kRunDetection, Access::kWrite, [&] {
    Result<DetectionStatusView> requested = context_.detection->Request();
    if (!requested.ok()) Fail(Method::kRunDetection, requested.status());
    out = ToDetectionStatus(*requested);
  });
}

void RingGraphHandler::detectionStatus(api::DetectionStatus& out) {
  Call(Method::kDetectionStatus, Access::kRead,
       [&] { out = ToDetectionStatus(context_.detection->Status()); });
}

void RingGraphHandler::exportIndicators(std::string& out, const std::string& key_name,
                                        double min_score, const std::vector<int64_t>& rings,
                                        const std::string& lab, const std::string& tlp) {
  Call(Method::kExportIndicators, Access::kWrite, [&] {
    sharing::ExportOptions options;
    options.min_score = min_score;
    for (int64_t ring : rings) {
      if (ring <= 0) throw MakeError(api::ErrorCode::INVALID_ARGUMENT, "ring ids are positive");
      options.rings.push_back(static_cast<std::uint64_t>(ring));
    }
    if (!lab.empty()) options.lab = lab;
    if (!tlp.empty()) options.tlp = tlp;
    Result<std::string> bundle = context_.service->ExportIndicators(key_name, options);
    if (!bundle.ok()) Fail(Method::kExportIndicators, bundle.status());
    out = std::move(*bundle);
  });
}

void RingGraphHandler::importIndicators(api::ImportResult& out, const std::string& bundle,
                                        const std::string& partner) {
  Call(Method::kImportIndicators, Access::kWrite, [&] {
    Result<ImportAnswer> answer = context_.service->ImportIndicators(bundle, partner);
    if (!answer.ok()) Fail(Method::kImportIndicators, answer.status());
    out.indicators = static_cast<int32_t>(answer->indicators);
    out.newOrUpdated = static_cast<int32_t>(answer->changed);
    out.matchedAccounts = static_cast<int32_t>(answer->matched_accounts);
    out.partner = answer->partner;
  });
}

void RingGraphHandler::health(api::HealthStatus& out) {
  Call(Method::kHealth, Access::kPublic, [&] {
    std::string_view none;
    Result<MembershipAnswers> probe = context_.service->Lookup({&none, 0});
    out.serving = context_.serving.load() && probe.ok();
    out.clusteringVersion = probe.ok() ? static_cast<int64_t>(probe->clustering.version) : 0;
    std::string detail = !context_.serving.load() ? "shutting down"
                         : probe.ok()             ? "serving"
                                                  : "store unreadable; see ringd's log";
    if (context_.stream_status) {
      const std::string stream = context_.stream_status();
      if (!stream.empty()) detail += "; " + stream;
    }
    if (context_.leader_status) detail += "; " + context_.leader_status();
    out.__set_detail(detail);
  });
}

void RingGraphHandler::version(std::string& out) {
  Call(Method::kVersion, Access::kPublic, [&] { out = std::string(RingdVersion()); });
}

}  // namespace ringgraph::service
