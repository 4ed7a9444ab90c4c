// The service's core: what ringd does for each API call, in engine terms. It owns the open
// store, the hashing key and the ingest machinery, and answers with values (Status/Result);
// the Thrift handler (thrift_handler.h) turns those into IDL structs and exceptions.
//
// Reads open an LMDB snapshot per call, so they see the latest committed clustering and never
// wait for ingest or detection. Ingest calls are committed durably before they return, then
// the accounts they touch go through real-time assignment (graph/detection/realtime_assigner).
//
// Thread safety: every method may be called from any thread concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/deployment/keyed_store.h"
#include "graph/detection/detection_job.h"
#include "graph/detection/leiden_partitioner.h"
#include "graph/detection/link_explainer.h"
#include "graph/detection/realtime_assigner.h"
#include "graph/ingest/prompt_templates.h"
#include "graph/sharing/consortium_key.h"
#include "graph/sharing/stix_indicators.h"
#include "graph/sharing/watchlist.h"
#include "graph/signals/keyed_hash.h"
#include "graph/signals/record_reader.h"
#include "graph/signals/signal_kind.h"
#include "graph/store/account_store.h"
#include "graph/store/detection_store.h"
#include "graph/store/label_store.h"
#include "service/service_metrics.h"

namespace ringgraph::service {

// ResourceExhausted messages that start with this are the caller's own limits and safe to show;
// any other ResourceExhausted comes from the store and stays in the log.
inline constexpr std::string_view kRequestLimit = "request limit: ";

struct ServiceOptions {
  std::string data_dir = "data";
  std::string secret_file;          // empty: ResolveSecretPath's rule (graph/signals/secret_file.h)
  std::string kinds_file;           // optional: declared kinds
  std::uint64_t max_map_bytes = 0;  // 0: the store's default ceiling
  // Per-call limits on list sizes (ingest records, getClusters accounts).
  std::size_t max_records_per_call = 100000;
  detection::DetectionOptions detection;
  detection::PartitionerFlags partition;
  detection::RealtimeOptions realtime;
  // Consortium keys for indicator sharing, "NAME=SECRET_FILE"; $RINGGRAPH_SHARE_KEYS adds more.
  std::vector<std::string> share_keys;
};

struct ImportAnswer {
  std::size_t indicators = 0;
  std::size_t changed = 0;
  std::size_t matched_accounts = 0;
  std::string partner;
};

struct MembershipAnswers {
  store::ClusteringHeader clustering;  // version 0 when no detection has run
  std::vector<store::MembershipLookup> answers;
};

struct ClusterPage {
  store::ClusteringHeader clustering;
  store::ClusterRecord record;
  std::vector<std::string> members;  // the page asked for
  std::vector<std::string> labels;   // "verdict: note"
};

struct NamedLinkHop {
  std::string from, to;
  detection::LinkHop hop;
};

struct LinkAnswer {
  bool linked = false;
  double strength = 0;
  std::vector<NamedLinkHop> hops;
};

// A ring as the console draws it: a sample of its members, the values two or more of them share,
// who holds which, and their activity. Values are named by kind and keyed hash only.
struct RingSampleValue {
  KindCode kind = 0;
  ValueHash hash{};
  std::uint32_t holders_total = 0;    // accounts in the whole store holding it
  std::uint32_t sampled_holders = 0;  // sampled members holding it
  double pair_weight = 0;             // what one pair of holders gets in the account graph
};

struct RingSampleMember {
  std::string account;
  store::AccountActivity activity{};
  std::optional<double> evidence;  // the member's own evidence, when detection wrote it
};

struct RingSampleLink {
  std::size_t member = 0;  // index into RingSample::members
  std::size_t value = 0;   // index into RingSample::values
  std::uint32_t observations = 0;
};

struct RingSample {
  store::ClusteringHeader clustering;
  store::ClusterRecord record;
  std::uint64_t member_count = 0;  // members in the whole ring
  std::vector<RingSampleMember> members;
  std::vector<RingSampleValue> values;  // most shared first
  std::vector<RingSampleLink> links;
  std::vector<store::DayCount> prompts_per_day;  // over the sampled members, by day
  std::optional<store::Label> label;
  std::vector<std::string> history;  // the history events (JSON) that name this cluster
};

// One signal an account holds, by kind and keyed hash.
struct AccountSignalView {
  KindCode kind = 0;
  ValueHash hash{};
  std::uint32_t holders_total = 0;
  std::uint32_t observations = 0;
  UnixSeconds first_seen = 0, last_seen = 0;
};

struct AccountProfile {
  std::string account;
  store::MembershipLookup membership;
  store::ClusteringHeader clustering;
  store::AccountActivity activity{};
  std::vector<AccountSignalView> signals;
  std::optional<store::Label> label;
};

// The score distribution of the latest clustering and the kept versions, for the console's
// charts.
struct ClusteringOverview {
  double flag_threshold = 0;
  std::vector<std::uint64_t> score_histogram;     // clusters by ring score, equal bins on [0, 1]
  std::vector<store::ClusteringHeader> versions;  // the kept versions, oldest first
};

// The strongest path from an account to a member of a flagged ring.
struct RingLinkAnswer {
  std::uint64_t cluster = 0;  // 0: no flagged ring was reached
  LinkAnswer link;
};

struct RecordRejection {
  std::size_t index = 0;  // 0-based position in the call
  std::string message;
};

struct RealtimeFlagAnswer {
  std::string account;
  store::RealtimeFlag flag;
};

struct IngestAnswer {
  std::uint64_t acknowledged = 0;
  std::vector<RecordRejection> rejected;
  std::vector<RealtimeFlagAnswer> realtime_flags;
  store::ClusteringHeader clustering;
};

struct ClusteringInstall {
  bool installed = false;
  std::uint64_t version = 0;
  std::uint64_t clusters = 0;
  std::uint64_t unknown_accounts = 0;  // members named that this store has not ingested
  std::string first_unknown_account;
};

// An analyst's write as every replica applies it: a label, or a partner's indicator bundle.
struct AnalystRecord {
  enum class Kind { kLabel, kIndicators };
  Kind kind = Kind::kLabel;
  store::Label label;   // kLabel
  std::string bundle;   // kIndicators: the STIX bundle as received
  std::string partner;  // kIndicators: as the caller named it (may be empty)
};

// Hands a checked analyst record to every replica (service/analyst_stream.h, with --nats) and
// returns once it is durable there. The answer is this replica's own application of it when that
// came within the router's wait (nullopt otherwise); its error when that application failed.
using AnalystRecordRouter =
    std::function<Result<std::optional<ImportAnswer>>(const AnalystRecord&)>;

class RingService {
 public:
  // Opens (creating if needed) the store in options.data_dir and loads the secret. `metrics` may
  // be null (tests); otherwise it must outlive the service.
  static Result<std::unique_ptr<RingService>> Open(const ServiceOptions& options,
                                                   ServiceMetrics* metrics);
  ~RingService();

  Result<MembershipAnswers> Lookup(std::span<const std::string_view> accounts) const;
  Result<ClusterPage> ClusterDetail(std::uint64_t cluster, std::uint64_t offset,
                                    std::uint64_t limit) const;
  Result<LinkAnswer> ExplainLink(std::string_view a, std::string_view b) const;
  // Flagged rings of the latest clustering with score >= min_score, highest first.
  Result<std::vector<store::ClusterRecord>> TopRings(std::size_t limit, double min_score) const;

  // For the analyst console (service/console): a ring with an even sample of at most
  // `max_members` members, the values they share (at most `max_values`), and their activity.
  Result<RingSample> SampleRing(std::uint64_t cluster, std::size_t max_members,
                                std::size_t max_values) const;
  // An account's cluster, activity and signals; NotFound when the store does not know it.
  Result<AccountProfile> Profile(std::string_view account) const;
  // The strongest ExplainLink path from `account` to a member of a flagged ring of the latest
  // clustering: tried towards flagged holders of its own values first, then towards the top
  // `fallback_rings` rings.
  Result<RingLinkAnswer> LinkToFlaggedRing(std::string_view account,
                                           std::size_t fallback_rings) const;
  // The latest clustering's scores in `bins` equal bins, and every kept version's header.
  // REQUIRES: bins > 0.
  Result<ClusteringOverview> Overview(std::size_t bins) const;
  // Every analyst label, in target order.
  Result<std::vector<store::Label>> Labels() const;

  // Validates, hashes and durably stores `records` (their `line` is ignored), then flags in real
  // time the accounts they link to a flagged ring. With `mark`, a stream consumer's position is
  // stored in the same transaction (even when every record is rejected).
  Result<IngestAnswer> Ingest(std::vector<RawRecord> records,
                              const store::StreamMark* mark = nullptr);
  // Checks the label (as the store does), then stores it; with a router, hands it to the router
  // instead, which has every replica store it through ApplyLabel.
  Status Label(const std::string& target, const std::string& verdict, const std::string& note);
  // Stores a label as it is (the store checks it), with a stream consumer's `mark` in the same
  // transaction when given.
  Status ApplyLabel(const store::Label& label, const store::StreamMark* mark = nullptr);

  // Indicator sharing (graph/sharing/stix_indicators.h).
  Result<std::string> ExportIndicators(const std::string& key_name,
                                       const sharing::ExportOptions& options) const;
  // Parses the bundle (refusing it as before), then stores its indicators; with a router, hands
  // it to the router instead, which has every replica store it through ApplyIndicators.
  Result<ImportAnswer> ImportIndicators(std::string_view bundle, const std::string& partner);
  // Parses and stores a bundle's indicators, with a stream consumer's `mark` in the same
  // transaction when given. Applying a bundle twice changes nothing the second time.
  Result<ImportAnswer> ApplyIndicators(std::string_view bundle, const std::string& partner,
                                       const store::StreamMark* mark = nullptr);

  // Routes Label and ImportIndicators through `router` from now on.
  // REQUIRES: called before the service answers calls.
  void SetAnalystRouter(AnalystRecordRouter router) { analyst_router_ = std::move(router); }

  // Runs one detection synchronously (the DetectionRunner calls it on its own thread).
  Result<detection::DetectionSummary> RunDetection();

  // Sharing a clustering between replicas (service/detection_leader.h). The latest version's
  // header, nullopt before any detection.
  Result<std::optional<store::ClusteringHeader>> LatestClustering() const;
  // Version `version` as bytes naming accounts (graph/store/clustering_transfer.h).
  Result<std::string> ExportClustering(std::uint64_t version) const;
  // Installs another replica's ExportClustering bytes as this store's latest version, under the
  // leader's version number, in one transaction. First it learns templates from this store's
  // kept prompt sketches and settles the prompts they claim, as the leader did at the start of
  // its run, so that a follower holds the same template values as the leader (the signal stream
  // carries prompts, not the templates detection learns). Members this store has not ingested yet
  // are left out when `leave_out_unknown_accounts`; otherwise nothing is installed while there are
  // any (installed is false, and the counts say how many).
  Result<ClusteringInstall> InstallClustering(std::string_view bytes,
                                              bool leave_out_unknown_accounts);

  // The gauges /metrics shows; false when the store cannot be read.
  bool ReadGauges(StoreGauges* out) const;

  const ServiceOptions& options() const { return options_; }
  store::AccountStore& store() { return keyed_->store(); }

 private:
  RingService(ServiceOptions options, ServiceMetrics* metrics);
  // The strongest path between two accounts of `snapshot`, with the accounts named.
  Result<LinkAnswer> NamedLinkPath(const store::StoreSnapshot& snapshot, AccountId a,
                                   AccountId b) const;
  // Learns templates from the kept prompt sketches and settles the prompts they claim (the
  // "templates" phase of detection); `detail` gets a line for the log.
  Status RefreshTemplates(std::string* detail);
  // Reloads the partner watchlist from the clustering store.
  Status LoadWatchlist();
  // The watchlist as last loaded; it stays valid for the caller after a reload.
  std::shared_ptr<const sharing::Watchlist> watchlist() const;
  // Real-time flags for accounts that now hold a watched value.
  Result<std::vector<store::RealtimeFlag>> WatchlistFlags(const store::StoreSnapshot& snapshot,
                                                          std::span<const AccountId> accounts,
                                                          UnixSeconds now) const;

  ServiceOptions options_;
  ServiceMetrics* metrics_;
  KindRegistry kinds_;
  std::unique_ptr<deployment::KeyedStore> keyed_;  // the store, its secret and consortium keys
  std::unique_ptr<store::DetectionStore> stores_;
  // The learned prompt templates ingest matches against; refreshed before every detection.
  std::unique_ptr<ingest::PromptTemplates> templates_;
  mutable std::mutex watchlist_mutex_;  // guards the pointer; the watchlist is immutable
  std::shared_ptr<const sharing::Watchlist> watchlist_;
  AnalystRecordRouter analyst_router_;  // empty: analysts' writes stay on this replica
};

}  // namespace ringgraph::service
