// The console's JSON views. See console_views.h.
#include "service/console/console_views.h"

#include <algorithm>
#include <map>
#include <utility>

#include "graph/detection/cluster_details.h"
#include "graph/signals/keyed_hash.h"
#include "graph/signals/signal_kind.h"

namespace ringgraph::console {
namespace {

using nlohmann::json;

std::string KindName(KindCode kind) { return std::string(BuiltinKindName(kind)); }

json LabelJson(const std::optional<store::Label>& label) {
  if (!label.has_value()) return nullptr;
  return {{"verdict", label->verdict}, {"note", label->note}, {"at", label->at}};
}

json MembershipJson(const store::MembershipLookup& lookup) {
  json out = {{"known", lookup.known_account},
              {"inCluster", lookup.membership.has_value()},
              {"realtime", lookup.realtime}};
  if (lookup.membership.has_value()) {
    out["clusterId"] = lookup.membership->cluster;
    out["score"] = lookup.membership->ring_score;
    out["flagged"] = lookup.membership->flagged;
  }
  return out;
}

json ActivityJson(const store::AccountActivity& activity) {
  return {{"firstSeen", activity.first_seen},
          {"lastSeen", activity.last_seen},
          {"records", activity.records},
          {"prompts", activity.prompts}};
}

json LinkJson(const service::LinkAnswer& link) {
  json hops = json::array();
  for (const service::NamedLinkHop& named : link.hops) {
    json shared = json::array();
    for (const detection::LinkValue& v : named.hop.values) {
      shared.push_back({{"kind", KindName(v.kind)},
                        {"valueId", HashToHex(v.hash)},
                        {"holdersTotal", v.holders},
                        {"pairWeight", v.pair_weight}});
    }
    hops.push_back(
        {{"from", named.from}, {"to", named.to}, {"weight", named.hop.weight}, {"shared", shared}});
  }
  return {{"linked", link.linked}, {"strength", link.strength}, {"hops", hops}};
}

std::string_view LabelState(const std::map<std::string, std::string, std::less<>>& verdicts,
                            std::uint64_t cluster) {
  auto it = verdicts.find("cluster:" + std::to_string(cluster));
  return it == verdicts.end() ? std::string_view("unlabelled") : std::string_view(it->second);
}

}  // namespace

std::string JsonText(const json& value) {
  const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Status ValidateQueueQuery(const QueueQuery& query) {
  if (query.sort != "score" && query.sort != "size" && query.sort != "newest") {
    return Status::InvalidArgument("sort must be score, size or newest");
  }
  if (query.label != "any" && query.label != "unlabelled" && query.label != "ring" &&
      query.label != "benign") {
    return Status::InvalidArgument("label must be any, unlabelled, ring or benign");
  }
  if (query.limit == 0 || query.limit > 1000) {
    return Status::InvalidArgument("limit must be between 1 and 1000");
  }
  return Status::Ok();
}

ConsoleViews::ConsoleViews(const service::RingService& service) : service_(service) {}

Result<std::vector<ConsoleViews::QueueRow>> ConsoleViews::Rows(std::uint64_t* version,
                                                               std::int64_t* computed_at) {
  std::string_view none;
  RINGGRAPH_ASSIGN_OR_RETURN(service::MembershipAnswers before, service_.Lookup({&none, 0}));
  {
    std::lock_guard<std::mutex> lock(rows_mutex_);
    if (rows_version_ != 0 && rows_version_ == before.clustering.version) {
      *version = rows_version_;
      *computed_at = rows_computed_at_;
      return rows_;
    }
  }
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<store::ClusterRecord> rings,
                             service_.TopRings(SIZE_MAX, 0.0));
  std::vector<QueueRow> rows;
  rows.reserve(rings.size());
  for (const store::ClusterRecord& ring : rings) {
    RINGGRAPH_ASSIGN_OR_RETURN(detection::ClusterDetails details,
                               detection::ParseClusterDetails(ring.id, ring.details_json));
    QueueRow row{ring.id, ring.ring_score, ring.size, details.summary, ""};
    double strongest = 0;
    for (const detection::DetailFactor& f : details.factors) {
      if (row.strongest_factor.empty() || f.contribution > strongest) {
        row.strongest_factor = f.name;
        strongest = f.contribution;
      }
    }
    rows.push_back(std::move(row));
  }
  RINGGRAPH_ASSIGN_OR_RETURN(service::MembershipAnswers after, service_.Lookup({&none, 0}));
  *version = after.clustering.version;
  *computed_at = after.clustering.computed_at;
  // Cache only what surely belongs to one version (no detection committed in between).
  if (before.clustering.version == after.clustering.version) {
    std::lock_guard<std::mutex> lock(rows_mutex_);
    rows_version_ = after.clustering.version;
    rows_computed_at_ = after.clustering.computed_at;
    rows_ = rows;
  }
  return rows;
}

Result<json> ConsoleViews::Queue(const QueueQuery& query) {
  RINGGRAPH_RETURN_IF_ERROR(ValidateQueueQuery(query));
  std::uint64_t version = 0;
  std::int64_t computed_at = 0;
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<QueueRow> rows, Rows(&version, &computed_at));
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<store::Label> labels, service_.Labels());
  std::map<std::string, std::string, std::less<>> verdicts;
  for (store::Label& l : labels) verdicts[l.target] = l.verdict;

  std::map<std::string, std::size_t> factor_counts;
  for (const QueueRow& row : rows) ++factor_counts[row.strongest_factor];
  std::erase_if(rows, [&](const QueueRow& row) {
    if (!query.factor.empty() && row.strongest_factor != query.factor) return true;
    return query.label != "any" && LabelState(verdicts, row.cluster) != query.label;
  });
  if (query.sort == "size") {
    std::stable_sort(rows.begin(), rows.end(), [](const QueueRow& a, const QueueRow& b) {
      return a.size != b.size ? a.size > b.size : a.score > b.score;
    });
  } else if (query.sort == "newest") {
    std::sort(rows.begin(), rows.end(),
              [](const QueueRow& a, const QueueRow& b) { return a.cluster > b.cluster; });
  }  // "score": TopRings' order, highest score first
  json page = json::array();
  for (std::size_t i = query.offset; i < rows.size() && i - query.offset < query.limit; ++i) {
    const QueueRow& row = rows[i];
    page.push_back({{"clusterId", row.cluster},
                    {"score", row.score},
                    {"size", row.size},
                    {"summary", row.summary},
                    {"strongestFactor", row.strongest_factor},
                    {"label", LabelState(verdicts, row.cluster)}});
  }
  return json{{"clusteringVersion", version}, {"computedAt", computed_at},
              {"total", rows.size()},         {"offset", query.offset},
              {"limit", query.limit},         {"sort", query.sort},
              {"factors", factor_counts},     {"rings", page}};
}

Result<std::uint64_t> ConsoleViews::Warm(std::size_t* rings) {
  std::string_view none;
  RINGGRAPH_ASSIGN_OR_RETURN(service::MembershipAnswers latest, service_.Lookup({&none, 0}));
  if (latest.clustering.version == 0) {
    *rings = 0;
    return std::uint64_t{0};
  }
  {
    std::lock_guard<std::mutex> lock(rows_mutex_);
    if (rows_version_ == latest.clustering.version &&
        overview_version_ == latest.clustering.version) {
      *rings = rows_.size();
      return rows_version_;
    }
  }
  std::uint64_t version = 0;
  std::int64_t computed_at = 0;
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<QueueRow> rows, Rows(&version, &computed_at));
  RINGGRAPH_RETURN_IF_ERROR(Overview().status());
  *rings = rows.size();
  return version;
}

Result<json> ConsoleViews::Overview() {
  constexpr std::size_t kBins = 20;
  std::string_view none;
  RINGGRAPH_ASSIGN_OR_RETURN(service::MembershipAnswers before, service_.Lookup({&none, 0}));
  {
    std::lock_guard<std::mutex> lock(rows_mutex_);
    if (overview_version_ != 0 && overview_version_ == before.clustering.version) {
      return overview_;
    }
  }
  RINGGRAPH_ASSIGN_OR_RETURN(service::ClusteringOverview overview, service_.Overview(kBins));
  const std::uint64_t latest = overview.versions.empty() ? 0 : overview.versions.back().version;
  json versions = json::array();
  for (const store::ClusteringHeader& v : overview.versions) {
    versions.push_back({{"version", v.version},
                        {"computedAt", v.computed_at},
                        {"clusters", v.clusters},
                        {"flagged", v.flagged}});
  }
  json out = {{"clusteringVersion", latest},
              {"flagThreshold", overview.flag_threshold},
              {"scoreHistogram", overview.score_histogram},
              {"versions", versions}};
  if (latest == before.clustering.version) {
    std::lock_guard<std::mutex> lock(rows_mutex_);
    overview_version_ = latest;
    overview_ = out;
  }
  return out;
}

Result<json> ConsoleViews::Ring(std::uint64_t cluster, std::size_t max_members) const {
  constexpr std::size_t kMaxValues = 400;
  RINGGRAPH_ASSIGN_OR_RETURN(service::RingSample sample,
                             service_.SampleRing(cluster, max_members, kMaxValues));
  RINGGRAPH_ASSIGN_OR_RETURN(detection::ClusterDetails details,
                             detection::ParseClusterDetails(cluster, sample.record.details_json));
  json factors = json::array();
  for (const detection::DetailFactor& f : details.factors) {
    const double value = std::holds_alternative<double>(f.value)
                             ? std::get<double>(f.value)
                             : static_cast<double>(std::get<std::int64_t>(f.value));
    factors.push_back({{"name", f.name}, {"value", value}, {"contribution", f.contribution}});
  }
  json evidence = json::array();
  for (const detection::DetailEvidence& e : details.evidence) {
    evidence.push_back({{"kind", e.kind},
                        {"valueId", e.value_id},
                        {"membersSharing", e.members_sharing},
                        {"holdersTotal", e.holders_total},
                        {"pairWeight", e.pair_weight},
                        {"firstSeen", e.first_seen},
                        {"lastSeen", e.last_seen}});
  }
  json members = json::array();
  for (const service::RingSampleMember& m : sample.members) {
    json member = {{"account", m.account}, {"activity", ActivityJson(m.activity)}};
    member["evidence"] = m.evidence.has_value() ? json(*m.evidence) : json(nullptr);
    members.push_back(std::move(member));
  }
  json values = json::array();
  for (const service::RingSampleValue& v : sample.values) {
    values.push_back({{"kind", KindName(v.kind)},
                      {"valueId", HashToHex(v.hash)},
                      {"holdersTotal", v.holders_total},
                      {"sampledHolders", v.sampled_holders},
                      {"pairWeight", v.pair_weight}});
  }
  json links = json::array();
  for (const service::RingSampleLink& l : sample.links) {
    links.push_back({{"member", l.member}, {"value", l.value}, {"observations", l.observations}});
  }
  json days = json::array();
  for (const store::DayCount& d : sample.prompts_per_day) {
    days.push_back({{"day", d.day}, {"prompts", d.prompts}});
  }
  json history = json::array();
  for (const std::string& event : sample.history) {
    json parsed = json::parse(event, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_discarded()) history.push_back(std::move(parsed));
  }
  return json{{"clusterId", sample.record.id},
              {"clusteringVersion", sample.clustering.version},
              {"computedAt", sample.clustering.computed_at},
              {"score", sample.record.ring_score},
              {"flagged", sample.record.flagged},
              {"size", sample.record.size},
              {"summary", details.summary},
              {"factors", factors},
              {"evidence", evidence},
              {"features", detection::FlattenFeatures(details.features)},
              {"detectionLabels", details.labels},
              {"label", LabelJson(sample.label)},
              {"memberCount", sample.member_count},
              {"members", members},
              {"values", values},
              {"links", links},
              {"promptsPerDay", days},
              {"history", history}};
}

Result<json> ConsoleViews::Account(std::string_view account) const {
  RINGGRAPH_ASSIGN_OR_RETURN(service::AccountProfile profile, service_.Profile(account));
  std::map<std::string, json> by_kind;
  for (const service::AccountSignalView& s : profile.signals) {
    json& list = by_kind[KindName(s.kind)];
    if (list.is_null()) list = json::array();
    list.push_back({{"valueId", HashToHex(s.hash)},
                    {"holdersTotal", s.holders_total},
                    {"observations", s.observations},
                    {"firstSeen", s.first_seen},
                    {"lastSeen", s.last_seen}});
  }
  constexpr std::size_t kFallbackRings = 5;
  RINGGRAPH_ASSIGN_OR_RETURN(service::RingLinkAnswer link,
                             service_.LinkToFlaggedRing(account, kFallbackRings));
  json path = LinkJson(link.link);
  path["clusterId"] = link.cluster;
  return json{{"account", profile.account},
              {"clusteringVersion", profile.clustering.version},
              {"membership", MembershipJson(profile.membership)},
              {"activity", ActivityJson(profile.activity)},
              {"signals", by_kind},
              {"label", LabelJson(profile.label)},
              {"pathToRing", path}};
}

}  // namespace ringgraph::console
