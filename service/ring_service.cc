// The service's core. See ring_service.h.
#include "service/ring_service.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "graph/detection/cluster_details.h"
#include "graph/ingest/ingest_pipeline.h"
#include "graph/ingest/template_refresh.h"
#include "graph/store/clustering_transfer.h"

namespace ringgraph::service {
namespace {

UnixSeconds Now() { return static_cast<UnixSeconds>(std::time(nullptr)); }

}  // namespace

RingService::RingService(ServiceOptions options, ServiceMetrics* metrics)
    : options_(std::move(options)), metrics_(metrics), kinds_(KindRegistry::Builtin()) {}

RingService::~RingService() = default;

Result<std::unique_ptr<RingService>> RingService::Open(const ServiceOptions& options,
                                                       ServiceMetrics* metrics) {
  std::unique_ptr<RingService> service(new RingService(options, metrics));
  if (!options.kinds_file.empty()) {
    RINGGRAPH_ASSIGN_OR_RETURN(service->kinds_, KindRegistry::LoadWithDeclared(options.kinds_file));
  }
  deployment::KeyedStoreOptions keyed;
  keyed.data_dir = options.data_dir;
  keyed.secret_file = options.secret_file;
  keyed.share_keys = options.share_keys;
  keyed.create_if_missing = true;
  keyed.max_map_bytes = options.max_map_bytes;
  RINGGRAPH_ASSIGN_OR_RETURN(service->keyed_, deployment::KeyedStore::Open(keyed));
  RINGGRAPH_ASSIGN_OR_RETURN(service->stores_,
                             store::DetectionStore::Open(service->keyed_->store()));
  {
    RINGGRAPH_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreSnapshot> snapshot,
                               service->keyed_->store().Snapshot());
    RINGGRAPH_ASSIGN_OR_RETURN(service->templates_,
                               ingest::PromptTemplates::Load(*snapshot, service->keyed_->secret()));
  }
  RINGGRAPH_RETURN_IF_ERROR(service->LoadWatchlist());
  return service;
}

Result<MembershipAnswers> RingService::Lookup(std::span<const std::string_view> accounts) const {
  if (accounts.size() > options_.max_records_per_call) {
    return Status::ResourceExhausted(std::string(kRequestLimit) + std::to_string(accounts.size()) +
                                     " accounts in one call; the limit is " +
                                     std::to_string(options_.max_records_per_call));
  }
  MembershipAnswers out;
  RINGGRAPH_RETURN_IF_ERROR(
      stores_->clusterings().LookupMemberships(accounts, &out.answers, &out.clustering));
  return out;
}

Result<ClusterPage> RingService::ClusterDetail(std::uint64_t cluster, std::uint64_t offset,
                                               std::uint64_t limit) const {
  ClusterPage page;
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::ClusteringHeader> latest,
                             stores_->clusterings().Latest());
  if (!latest.has_value()) {
    return Status::FailedPrecondition("no detection has run yet; call runDetection first");
  }
  page.clustering = *latest;
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::ClusterRecord> record,
                             stores_->clusterings().Cluster(latest->version, cluster));
  if (!record.has_value()) {
    return Status::NotFound("cluster " + std::to_string(cluster) +
                            " is not in clustering version " + std::to_string(latest->version));
  }
  page.record = std::move(*record);
  std::vector<AccountId> members;
  RINGGRAPH_RETURN_IF_ERROR(stores_->clusterings().Members(latest->version, cluster, &members));
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, keyed_->store().Snapshot());
  for (std::uint64_t i = offset; i < members.size() && i - offset < limit; ++i) {
    RINGGRAPH_ASSIGN_OR_RETURN(std::string name, snapshot->AccountName(members[i]));
    page.members.push_back(std::move(name));
  }
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::Label> label,
                             stores_->labels().GetLabel("cluster:" + std::to_string(cluster)));
  if (label.has_value()) page.labels.push_back(label->verdict + ": " + label->note);
  return page;
}

Result<LinkAnswer> RingService::ExplainLink(std::string_view a, std::string_view b) const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, keyed_->store().Snapshot());
  AccountId ids[2];
  std::string_view names[2] = {a, b};
  for (int i = 0; i < 2; ++i) {
    RINGGRAPH_ASSIGN_OR_RETURN(std::optional<AccountId> id, snapshot->FindAccount(names[i]));
    if (!id.has_value()) {
      return Status::NotFound("account " + std::string(i == 0 ? "A" : "B") +
                              " is not in the store");
    }
    ids[i] = *id;
  }
  return NamedLinkPath(*snapshot, ids[0], ids[1]);
}

Result<LinkAnswer> RingService::NamedLinkPath(const store::StoreSnapshot& snapshot, AccountId a,
                                              AccountId b) const {
  detection::LinkSearchOptions search;
  search.projection = options_.detection.features.projection;
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<detection::LinkPath> path,
                             detection::ExplainLink(snapshot, a, b, search));
  LinkAnswer answer;
  if (!path.has_value()) return answer;
  answer.linked = true;
  answer.strength = path->bottleneck;
  for (detection::LinkHop& hop : path->hops) {
    NamedLinkHop named;
    RINGGRAPH_ASSIGN_OR_RETURN(named.from, snapshot.AccountName(hop.from));
    RINGGRAPH_ASSIGN_OR_RETURN(named.to, snapshot.AccountName(hop.to));
    named.hop = std::move(hop);
    answer.hops.push_back(std::move(named));
  }
  return answer;
}

Result<std::vector<store::ClusterRecord>> RingService::TopRings(std::size_t limit,
                                                                double min_score) const {
  std::vector<store::ClusterRecord> rings;
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::ClusteringHeader> latest,
                             stores_->clusterings().Latest());
  if (!latest.has_value()) return rings;
  RINGGRAPH_RETURN_IF_ERROR(stores_->clusterings().ForEachCluster(
      latest->version, [&](const store::ClusterRecord& record) {
        if (record.flagged && record.ring_score >= min_score) rings.push_back(record);
        return Status::Ok();
      }));
  std::sort(rings.begin(), rings.end(), [](const auto& x, const auto& y) {
    if (x.ring_score != y.ring_score) return x.ring_score > y.ring_score;
    return x.size != y.size ? x.size > y.size : x.id < y.id;
  });
  if (rings.size() > limit) rings.resize(limit);
  return rings;
}

Result<RingSample> RingService::SampleRing(std::uint64_t cluster, std::size_t max_members,
                                           std::size_t max_values) const {
  RingSample sample;
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::ClusteringHeader> latest,
                             stores_->clusterings().Latest());
  if (!latest.has_value()) {
    return Status::FailedPrecondition("no detection has run yet; call runDetection first");
  }
  sample.clustering = *latest;
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::ClusterRecord> record,
                             stores_->clusterings().Cluster(latest->version, cluster));
  if (!record.has_value()) {
    return Status::NotFound("cluster " + std::to_string(cluster) +
                            " is not in clustering version " + std::to_string(latest->version));
  }
  sample.record = std::move(*record);
  RINGGRAPH_ASSIGN_OR_RETURN(detection::ClusterDetails details,
                             detection::ParseClusterDetails(cluster, sample.record.details_json));
  std::vector<AccountId> members;
  RINGGRAPH_RETURN_IF_ERROR(stores_->clusterings().Members(latest->version, cluster, &members));
  sample.member_count = members.size();

  // An even stride over the members (ascending ids), so a large ring is drawn from all of it.
  std::vector<std::size_t> positions;
  const std::size_t keep = std::min(members.size(), std::max<std::size_t>(max_members, 1));
  for (std::size_t i = 0; i < keep; ++i) positions.push_back(i * members.size() / keep);

  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, keyed_->store().Snapshot());
  std::map<SignalId, std::vector<std::pair<std::size_t, std::uint32_t>>> holders_by_signal;
  std::map<std::uint32_t, std::uint64_t> prompts_by_day;
  std::vector<store::AccountSignal> signals;
  std::vector<store::DayCount> days;
  for (std::size_t position : positions) {
    const AccountId id = members[position];
    RingSampleMember member;
    RINGGRAPH_ASSIGN_OR_RETURN(member.account, snapshot->AccountName(id));
    RINGGRAPH_ASSIGN_OR_RETURN(member.activity, snapshot->Activity(id));
    if (details.member_evidence.size() == members.size()) {
      member.evidence = details.member_evidence[position];
    }
    RINGGRAPH_RETURN_IF_ERROR(snapshot->AccountSignals(id, &signals));
    for (const store::AccountSignal& s : signals) {
      holders_by_signal[s.signal].emplace_back(sample.members.size(), s.count);
    }
    RINGGRAPH_RETURN_IF_ERROR(snapshot->AccountDays(id, &days));
    for (const store::DayCount& d : days) prompts_by_day[d.day] += d.prompts;
    sample.members.push_back(std::move(member));
  }
  for (const auto& [day, prompts] : prompts_by_day) {
    sample.prompts_per_day.push_back(
        {day, static_cast<std::uint32_t>(std::min<std::uint64_t>(prompts, UINT32_MAX))});
  }

  // The values two or more sampled members share: those that link accounts in the graph first
  // (a template, or a value held too widely, has no pair weight), then most shared, heaviest.
  struct Candidate {
    SignalId signal;
    RingSampleValue value;
  };
  std::vector<Candidate> candidates;
  const projection::ProjectionOptions& projection = options_.detection.features.projection;
  for (const auto& [signal, holders] : holders_by_signal) {
    if (holders.size() < 2) continue;
    RINGGRAPH_ASSIGN_OR_RETURN(store::SignalInfo info, snapshot->Signal(signal));
    Candidate c{
        signal,
        {info.kind, info.hash, info.account_count, static_cast<std::uint32_t>(holders.size()), 0}};
    c.value.pair_weight = projection::AccountProjection::ValueWeight(
        projection, info.kind, info.account_count, info.last_seen, info.last_seen,
        projection::MaxHolders(projection, info.kind, snapshot->num_accounts()));
    candidates.push_back(c);
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    if ((x.value.pair_weight > 0) != (y.value.pair_weight > 0)) return x.value.pair_weight > 0;
    if (x.value.sampled_holders != y.value.sampled_holders) {
      return x.value.sampled_holders > y.value.sampled_holders;
    }
    return x.value.pair_weight != y.value.pair_weight ? x.value.pair_weight > y.value.pair_weight
                                                      : x.signal < y.signal;
  });
  if (candidates.size() > max_values) candidates.resize(max_values);
  for (const Candidate& c : candidates) {
    for (const auto& [member, observations] : holders_by_signal[c.signal]) {
      sample.links.push_back({member, sample.values.size(), observations});
    }
    sample.values.push_back(c.value);
  }

  RINGGRAPH_ASSIGN_OR_RETURN(sample.label,
                             stores_->labels().GetLabel("cluster:" + std::to_string(cluster)));
  // Its history: every event of the kept versions whose "cluster" is this one.
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<store::ClusteringHeader> versions,
                             stores_->clusterings().Versions());
  const std::string needle = "\"cluster\":" + std::to_string(cluster);
  std::vector<store::HistoryEvent> events;
  for (const store::ClusteringHeader& version : versions) {
    RINGGRAPH_RETURN_IF_ERROR(stores_->clusterings().History(version.version, &events));
    for (store::HistoryEvent& e : events) {
      const std::size_t at = e.json.find(needle);
      if (at == std::string::npos) continue;
      const char next = at + needle.size() < e.json.size() ? e.json[at + needle.size()] : '}';
      if (next == ',' || next == '}') sample.history.push_back(std::move(e.json));
    }
  }
  return sample;
}

Result<AccountProfile> RingService::Profile(std::string_view account) const {
  AccountProfile profile;
  profile.account = std::string(account);
  RINGGRAPH_ASSIGN_OR_RETURN(MembershipAnswers answers, Lookup({&account, 1}));
  profile.membership = answers.answers[0];
  profile.clustering = answers.clustering;
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, keyed_->store().Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<AccountId> id, snapshot->FindAccount(account));
  if (!id.has_value()) return Status::NotFound("the account is not in the store");
  RINGGRAPH_ASSIGN_OR_RETURN(profile.activity, snapshot->Activity(*id));
  std::vector<store::AccountSignal> signals;
  RINGGRAPH_RETURN_IF_ERROR(snapshot->AccountSignals(*id, &signals));
  for (const store::AccountSignal& s : signals) {
    RINGGRAPH_ASSIGN_OR_RETURN(store::SignalInfo info, snapshot->Signal(s.signal));
    profile.signals.push_back(
        {info.kind, info.hash, info.account_count, s.count, s.first_seen, s.last_seen});
  }
  RINGGRAPH_ASSIGN_OR_RETURN(profile.label,
                             stores_->labels().GetLabel("account:" + profile.account));
  return profile;
}

Result<RingLinkAnswer> RingService::LinkToFlaggedRing(std::string_view account,
                                                      std::size_t fallback_rings) const {
  RingLinkAnswer best;
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::ClusteringHeader> latest,
                             stores_->clusterings().Latest());
  if (!latest.has_value()) return best;
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, keyed_->store().Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<AccountId> id, snapshot->FindAccount(account));
  if (!id.has_value()) return Status::NotFound("the account is not in the store");

  // Targets: one flagged holder per ring among the holders of the account's own values, then a
  // member of each of the top rings. Each target costs one bounded search.
  std::vector<std::pair<std::uint64_t, AccountId>> targets;
  auto add_target = [&](std::uint64_t cluster, AccountId member) {
    for (const auto& t : targets) {
      if (t.first == cluster) return;
    }
    targets.emplace_back(cluster, member);
  };
  std::vector<store::AccountSignal> signals;
  std::vector<AccountId> holders;
  RINGGRAPH_RETURN_IF_ERROR(snapshot->AccountSignals(*id, &signals));
  constexpr std::size_t kMaxHoldersLooked = 256;
  for (const store::AccountSignal& s : signals) {
    RINGGRAPH_RETURN_IF_ERROR(snapshot->SignalAccounts(s.signal, &holders));
    for (std::size_t i = 0; i < holders.size() && i < kMaxHoldersLooked; ++i) {
      if (holders[i] == *id) continue;
      RINGGRAPH_ASSIGN_OR_RETURN(
          std::optional<store::Membership> membership,
          stores_->clusterings().ClusterOf(*snapshot, latest->version, holders[i]));
      if (membership.has_value() && membership->flagged) {
        add_target(membership->cluster, holders[i]);
      }
    }
  }
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<store::ClusterRecord> top, TopRings(fallback_rings, 0.0));
  std::vector<AccountId> members;
  for (const store::ClusterRecord& ring : top) {
    RINGGRAPH_RETURN_IF_ERROR(stores_->clusterings().Members(latest->version, ring.id, &members));
    if (!members.empty()) add_target(ring.id, members.front());
  }
  constexpr std::size_t kMaxSearches = 8;
  for (std::size_t i = 0; i < targets.size() && i < kMaxSearches; ++i) {
    if (targets[i].second == *id) continue;
    RINGGRAPH_ASSIGN_OR_RETURN(LinkAnswer link, NamedLinkPath(*snapshot, *id, targets[i].second));
    if (link.linked && (best.cluster == 0 || link.strength > best.link.strength)) {
      best.cluster = targets[i].first;
      best.link = std::move(link);
    }
  }
  return best;
}

Result<ClusteringOverview> RingService::Overview(std::size_t bins) const {
  ClusteringOverview overview;
  overview.flag_threshold = options_.detection.scoring.flag_threshold;
  overview.score_histogram.assign(bins, 0);
  RINGGRAPH_ASSIGN_OR_RETURN(overview.versions, stores_->clusterings().Versions());
  std::sort(overview.versions.begin(), overview.versions.end(),
            [](const auto& a, const auto& b) { return a.version < b.version; });
  if (overview.versions.empty()) return overview;
  RINGGRAPH_RETURN_IF_ERROR(stores_->clusterings().ForEachCluster(
      overview.versions.back().version, [&](const store::ClusterRecord& record) {
        const double score = std::clamp(record.ring_score, 0.0, 1.0);
        ++overview.score_histogram[std::min(bins - 1, static_cast<std::size_t>(score * bins))];
        return Status::Ok();
      }));
  return overview;
}

Result<std::vector<store::Label>> RingService::Labels() const {
  std::vector<store::Label> labels;
  RINGGRAPH_RETURN_IF_ERROR(stores_->labels().ForEachLabel([&](const store::Label& label) {
    labels.push_back(label);
    return Status::Ok();
  }));
  return labels;
}

Result<IngestAnswer> RingService::Ingest(std::vector<RawRecord> records,
                                         const store::StreamMark* mark) {
  if (records.size() > options_.max_records_per_call) {
    return Status::ResourceExhausted(std::string(kRequestLimit) + std::to_string(records.size()) +
                                     " records in one call; the limit is " +
                                     std::to_string(options_.max_records_per_call));
  }
  IngestAnswer answer;
  if (records.empty()) {
    if (mark != nullptr) RINGGRAPH_RETURN_IF_ERROR(keyed_->store().IngestBatch({}, nullptr, mark));
    return answer;
  }
  const UnixSeconds started = Now();
  std::vector<std::string> accounts;
  accounts.reserve(records.size());
  for (const RawRecord& r : records) accounts.push_back(r.account);

  ingest::IngestOptions ingest_options;
  ingest_options.batch_records = records.size();  // one call, one durable transaction
  ingest_options.stage_batches = false;           // flagged in real time: visible at once
  ingest_options.assign_templates = ingest::MakePromptTemplateAssigner(*templates_);
  ingest_options.consortium_keys = &keyed_->share_keys();
  ingest_options.stream_mark = mark;
  const std::size_t count = records.size();
  std::vector<bool> rejected(count, false);
  ingest_options.on_reject = [&](std::uint64_t line, const std::string& message) {
    if (line == 0 || line > count) return;
    const std::string prefix = "api:" + std::to_string(line) + ": ";
    rejected[line - 1] = true;
    answer.rejected.push_back(
        {static_cast<std::size_t>(line - 1),
         message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message});
  };
  ingest::IngestPipeline pipeline(keyed_->store(), kinds_, keyed_->hasher(),
                                  std::move(ingest_options));
  auto reader = RecordReader::FromRecords(std::move(records), "api");
  ingest::IngestReport report;
  RINGGRAPH_RETURN_IF_ERROR(pipeline.Run(*reader, &report));
  std::sort(answer.rejected.begin(), answer.rejected.end(),
            [](const auto& x, const auto& y) { return x.index < y.index; });
  answer.acknowledged = report.records_ingested;
  if (metrics_ != nullptr) metrics_->RecordIngest(report.records_ingested, answer.rejected.size());

  // Real-time flagging against the latest clustering.
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::ClusteringHeader> latest,
                             stores_->clusterings().Latest());
  if (report.records_ingested == 0) return answer;
  if (latest.has_value()) answer.clustering = *latest;
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, keyed_->store().Snapshot());
  std::vector<AccountId> ids;
  for (std::size_t i = 0; i < count; ++i) {
    if (rejected[i]) continue;
    RINGGRAPH_ASSIGN_OR_RETURN(std::optional<AccountId> id, snapshot->FindAccount(accounts[i]));
    if (id.has_value()) ids.push_back(*id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  // Without a clustering yet, only partner indicators can flag anyone.
  detection::RealtimeAssigner assigner(*snapshot, stores_->clusterings(),
                                       latest.has_value() ? latest->version : 0, options_.realtime);
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<store::RealtimeFlag> flags,
                             assigner.Assign(ids, started - 1, Now()));
  // Partner indicators: an account that now holds a watched value is flagged too.
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<store::RealtimeFlag> watched,
                             WatchlistFlags(*snapshot, ids, Now()));
  for (store::RealtimeFlag& w : watched) {
    auto same = std::find_if(flags.begin(), flags.end(),
                             [&](const store::RealtimeFlag& f) { return f.account == w.account; });
    if (same == flags.end()) flags.push_back(w);
  }
  if (flags.empty()) return answer;
  // Keep only accounts not flagged in real time already, so the counter counts accounts.
  std::vector<std::string> names;
  std::vector<std::string_view> views;
  for (const store::RealtimeFlag& f : flags) {
    RINGGRAPH_ASSIGN_OR_RETURN(std::string name, snapshot->AccountName(f.account));
    names.push_back(std::move(name));
  }
  for (const std::string& n : names) views.push_back(n);
  MembershipAnswers before;
  RINGGRAPH_RETURN_IF_ERROR(
      stores_->clusterings().LookupMemberships(views, &before.answers, &before.clustering));
  std::vector<store::RealtimeFlag> fresh;
  for (std::size_t i = 0; i < flags.size(); ++i) {
    const store::MembershipLookup& prior = before.answers[i];
    if (prior.realtime && prior.membership.has_value() &&
        prior.membership->cluster == flags[i].cluster) {
      continue;
    }
    fresh.push_back(flags[i]);
    answer.realtime_flags.push_back({names[i], flags[i]});
  }
  snapshot.reset();
  RINGGRAPH_RETURN_IF_ERROR(stores_->realtime_flags().PutRealtimeFlags(fresh));
  if (metrics_ != nullptr) metrics_->RecordRealtimeFlags(fresh.size());
  return answer;
}

Status RingService::Label(const std::string& target, const std::string& verdict,
                          const std::string& note) {
  const store::Label label{target, verdict, note, Now()};
  // The store checks the label as it checks ringctl's (store::ValidateLabels), then that the
  // account exists.
  if (!analyst_router_) return ApplyLabel(label);
  // Checked here as well, so that a bad label is refused to its caller and never published.
  RINGGRAPH_RETURN_IF_ERROR(stores_->labels().CheckLabels({&label, 1}));
  AnalystRecord record;
  record.kind = AnalystRecord::Kind::kLabel;
  record.label = label;
  return analyst_router_(record).status();
}

Status RingService::ApplyLabel(const store::Label& label, const store::StreamMark* mark) {
  return stores_->labels().PutLabel(label, mark);
}

Status RingService::LoadWatchlist() {
  RINGGRAPH_ASSIGN_OR_RETURN(sharing::Watchlist loaded,
                             sharing::Watchlist::Load(stores_->watchlist()));
  auto shared = std::make_shared<const sharing::Watchlist>(std::move(loaded));
  std::lock_guard<std::mutex> lock(watchlist_mutex_);
  watchlist_ = std::move(shared);
  return Status::Ok();
}

std::shared_ptr<const sharing::Watchlist> RingService::watchlist() const {
  std::lock_guard<std::mutex> lock(watchlist_mutex_);
  return watchlist_;
}

Result<std::vector<store::RealtimeFlag>> RingService::WatchlistFlags(
    const store::StoreSnapshot& snapshot, std::span<const AccountId> accounts,
    UnixSeconds now) const {
  std::vector<store::RealtimeFlag> flags;
  const std::shared_ptr<const sharing::Watchlist> watchlist = this->watchlist();
  // Without a consortium key configured, ringd flags no one by partner indicators.
  if (watchlist->empty() || keyed_->share_keys().empty()) return flags;
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<sharing::WatchMatch> matches,
                             watchlist->MatchAccounts(snapshot, accounts, now));
  for (const sharing::WatchMatch& match : matches) {
    const double score = match.confidence / 100.0;
    // Cluster 0: flagged by a partner indicator, not (yet) by a cluster of this lab.
    if (score >= options_.detection.scoring.flag_threshold) {
      flags.push_back(store::RealtimeFlag{match.account, 0, static_cast<float>(score), 0, 0, now});
    }
  }
  return flags;
}

Result<std::string> RingService::ExportIndicators(const std::string& key_name,
                                                  const sharing::ExportOptions& options) const {
  const sharing::ConsortiumKey* key = nullptr;
  for (const sharing::ConsortiumKey& k : keyed_->share_keys()) {
    if (k.name() == key_name) key = &k;
  }
  if (key == nullptr) {
    return Status::InvalidArgument("consortium key '" + key_name + "' is not configured in ringd");
  }
  sharing::ExportOptions effective = options;
  effective.projection = options_.detection.features.projection;
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, keyed_->store().Snapshot());
  sharing::ExportReport report;
  return sharing::ExportIndicators(*snapshot, stores_->clusterings(), *key, effective, &report);
}

Result<ImportAnswer> RingService::ImportIndicators(std::string_view bundle,
                                                   const std::string& partner) {
  if (!analyst_router_) return ApplyIndicators(bundle, partner);
  if (keyed_->share_keys().empty()) {
    return Status::FailedPrecondition("no consortium key is configured in ringd (share-key)");
  }
  // Parsed here as well, so that a bad bundle is refused to its caller and never published.
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<store::PartnerIndicator> indicators,
                             sharing::ParseIndicators(bundle, keyed_->share_keys(), partner));
  AnalystRecord record;
  record.kind = AnalystRecord::Kind::kIndicators;
  record.bundle = std::string(bundle);
  record.partner = partner;
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<ImportAnswer> applied, analyst_router_(record));
  if (applied.has_value()) return *applied;
  // Stored by the stream, not yet applied here: what is known before applying.
  ImportAnswer answer;
  answer.indicators = indicators.size();
  answer.partner = indicators.front().partner;
  return answer;
}

Result<ImportAnswer> RingService::ApplyIndicators(std::string_view bundle,
                                                  const std::string& partner,
                                                  const store::StreamMark* mark) {
  if (keyed_->share_keys().empty()) {
    return Status::FailedPrecondition("no consortium key is configured in ringd (share-key)");
  }
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<store::PartnerIndicator> indicators,
                             sharing::ParseIndicators(bundle, keyed_->share_keys(), partner));
  ImportAnswer answer;
  answer.indicators = indicators.size();
  answer.partner = indicators.front().partner;
  RINGGRAPH_RETURN_IF_ERROR(stores_->watchlist().PutIndicators(indicators, &answer.changed, mark));
  RINGGRAPH_RETURN_IF_ERROR(LoadWatchlist());
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, keyed_->store().Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<sharing::WatchMatch> matches,
                             watchlist()->MatchAll(*snapshot, Now()));
  answer.matched_accounts = matches.size();
  return answer;
}

Status RingService::RefreshTemplates(std::string* detail) {
  ingest::TemplateRefresh refresh(keyed_->store(), *templates_, keyed_->hasher(),
                                  &keyed_->share_keys());
  ingest::TemplateRefreshReport report;
  RINGGRAPH_RETURN_IF_ERROR(refresh.Run(&report));
  *detail = ingest::DescribeRefresh(report);
  return Status::Ok();
}

Result<detection::DetectionSummary> RingService::RunDetection() {
  detection::DetectionOptions options = options_.detection;
  options.refresh_templates = [this](std::string* detail) { return RefreshTemplates(detail); };
  detection::DetectionJob job(keyed_->store(), *stores_,
                              detection::MakeLeidenPartitioner(options_.partition), options);
  RINGGRAPH_RETURN_IF_ERROR(job.Run());
  return job.summary();
}

Result<std::optional<store::ClusteringHeader>> RingService::LatestClustering() const {
  return stores_->clusterings().Latest();
}

Result<std::string> RingService::ExportClustering(std::uint64_t version) const {
  RINGGRAPH_ASSIGN_OR_RETURN(store::ClusteringVersion clustering,
                             stores_->clusterings().Read(version));
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, keyed_->store().Snapshot());
  return store::EncodeClustering(*snapshot, clustering);
}

Result<ClusteringInstall> RingService::InstallClustering(std::string_view bytes,
                                                         bool leave_out_unknown_accounts) {
  std::string refreshed;
  RINGGRAPH_RETURN_IF_ERROR(RefreshTemplates(&refreshed));
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, keyed_->store().Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(store::DecodedClustering decoded,
                             store::DecodeClustering(*snapshot, bytes));
  snapshot.reset();
  ClusteringInstall answer;
  answer.version = decoded.clustering.version;
  answer.clusters = decoded.clustering.clusters.size();
  answer.unknown_accounts = decoded.unknown_accounts;
  answer.first_unknown_account = decoded.first_unknown_account;
  if (decoded.unknown_accounts > 0 && !leave_out_unknown_accounts) return answer;
  RINGGRAPH_RETURN_IF_ERROR(
      stores_->clusterings().Install(decoded.clustering, options_.detection.keep_versions));
  answer.installed = true;
  return answer;
}

bool RingService::ReadGauges(StoreGauges* out) const {
  Result<store::StoreStats> stats = keyed_->store().Stats();
  if (!stats.ok()) return false;
  out->accounts = stats->accounts;
  out->adjacency_entries = stats->adjacency_entries;
  out->map_size_bytes = stats->map_bytes;
  out->map_used_bytes = stats->used_bytes;
  for (int code = 0; code < 256; ++code) {
    if (stats->signals_by_kind[code] == 0) continue;
    const KindSpec* spec = kinds_.FindByCode(static_cast<KindCode>(code));
    std::string name = spec != nullptr ? std::string(spec->name)
                                       : std::string(BuiltinKindName(static_cast<KindCode>(code)));
    out->signal_values_by_kind.emplace_back(name, stats->signals_by_kind[code]);
  }
  Result<std::optional<store::ClusteringHeader>> latest = stores_->clusterings().Latest();
  if (!latest.ok()) return false;
  if (latest->has_value()) {
    out->clusters = (*latest)->clusters;
    out->flagged_rings = (*latest)->flagged;
    out->clustering_version = (*latest)->version;
    out->clustering_computed_at = (*latest)->computed_at;
  }
  std::uint64_t realtime = 0;
  Status s = stores_->realtime_flags().ForEachRealtimeFlag([&](const store::RealtimeFlag&) {
    ++realtime;
    return Status::Ok();
  });
  if (!s.ok()) return false;
  out->realtime_flagged_accounts = realtime;
  return true;
}

}  // namespace ringgraph::service
