#include "graph/detection/cluster_details.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>

#include "graph/common/temp_dir.h"
#include "graph/detection/detection_job.h"

namespace ringgraph::detection {
namespace {

ClusterDetails FullyPopulated() {
  ClusterDetails d;
  d.summary = "3 accounts, 40 prompts each; shared cards";
  d.score = 0.8123456789;
  d.flagged = true;
  d.factors = {{"volume", 0.1, 1.0 / 3}, {"campaign", 1.0, 0.25}, {"partner_indicator", 80, 0.0}};
  d.features.size = 3;
  MeasuredFeatures& m = d.features.measured.emplace();
  m.internal_links = 3;
  double next = 0.5;
  for (double* field : {&m.internal_weight,
                        &m.density,
                        &m.weight_per_member,
                        &m.conductance,
                        &m.prompts_per_member,
                        &m.median_prompts,
                        &m.median_prompts_per_active_day,
                        &m.median_span_days,
                        &m.volume_percentile,
                        &m.pace_percentile,
                        &m.burst_percentile,
                        &m.first_seen_percentile,
                        &m.lockstep,
                        &m.campaign_share,
                        &m.known_campaign_share,
                        &m.reuse,
                        &m.rotation,
                        &m.reuse_with_rotation,
                        &m.payment_values_per_member,
                        &m.payment_shared_fraction,
                        &m.device_values_per_member,
                        &m.device_shared_fraction,
                        &m.ip_values_per_member,
                        &m.ip_shared_fraction,
                        &m.co_located}) {
    *field = (next += 0.01);  // every field different, so a swapped name shows
  }
  m.evidence_share_by_kind = {{"payment", 0.5}, {"ip", 0.0}, {"device", 0.25}, {"template", 0.25}};
  d.evidence = {{"payment", std::string(32, 'a'), 3, 4, 0.30000001192092896, 100, 200},
                {"device", std::string(32, 'b'), 2, 2, 0.125, 150, 150}};
  d.member_evidence = {0.912, 0.5, 0.0};
  d.labels = {"cluster ring", "2 confirmed ring members"};
  return d;
}

TEST(ClusterDetailsTest, FullyPopulatedStructRoundTrips) {
  const ClusterDetails original = FullyPopulated();
  const std::string json = ToJson(original);
  Result<ClusterDetails> parsed = ParseClusterDetails(json);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, original);
  EXPECT_EQ(ToJson(*parsed), json);
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(parsed->factors[2].value));
  EXPECT_EQ(FlattenFeatures(parsed->features).at("evidence_share_by_kind.device"), 0.25);
}

TEST(ClusterDetailsTest, EmptyMemberEvidenceIsNotWritten) {
  ClusterDetails details = FullyPopulated();
  details.member_evidence.clear();
  const std::string json = ToJson(details);
  EXPECT_EQ(json.find("member_evidence"), std::string::npos);
  Result<ClusterDetails> parsed = ParseClusterDetails(json);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, details);
}

// As detection has always written a partner indicator's one-account cluster.
TEST(ClusterDetailsTest, PartnerIndicatorClusterKeepsItsBytes) {
  const std::string stored =
      R"({"evidence":[],"factors":[{"contribution":0.0,"name":"partner_indicator","value":80}],)"
      R"("features":{"size":1},"flagged":true,"labels":["partner lab: ring"],"score":0.8,)"
      R"("summary":"1 account, in no cluster here, holding a payment value of partner lab"})";
  Result<ClusterDetails> parsed = ParseClusterDetails(stored);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_FALSE(parsed->features.measured.has_value());
  EXPECT_EQ(std::get<std::int64_t>(parsed->factors[0].value), 80);
  EXPECT_EQ(ToJson(*parsed), stored);
}

TEST(ClusterDetailsTest, MissingRequiredFieldIsCorruptionNamingIt) {
  const nlohmann::json full = nlohmann::json::parse(ToJson(FullyPopulated()));
  const std::pair<const char*, const char*> cases[] = {
      {"/summary", "'summary'"},
      {"/features/rotation", "'features.rotation'"},
      {"/features/evidence_share_by_kind", "'features.evidence_share_by_kind'"},
      {"/factors/1/contribution", "'factors[1].contribution'"},
      {"/evidence/0/value_id", "'evidence[0].value_id'"},
      {"/labels", "'labels'"}};
  for (const auto& [pointer, name] : cases) {
    nlohmann::json broken = full;
    const nlohmann::json::json_pointer field(pointer);
    broken[field.parent_pointer()].erase(field.back());
    Result<ClusterDetails> parsed = ParseClusterDetails(broken.dump());
    ASSERT_FALSE(parsed.ok()) << pointer;
    EXPECT_EQ(parsed.status().code(), Status::Code::kCorruption) << pointer;
    EXPECT_NE(parsed.status().message().find(name), std::string::npos) << parsed.status().message();
    EXPECT_NE(parsed.status().message().find("missing"), std::string::npos);
  }
}

// Clusterings written before the known-campaign and reuse-with-rotation factors existed still open:
// the feature reads as 0; a mistyped one is still corrupt.
TEST(ClusterDetailsTest, AFeatureAddedLaterMayBeAbsentFromOlderRecords) {
  nlohmann::json older = nlohmann::json::parse(ToJson(FullyPopulated()));
  older["features"].erase("known_campaign_share");
  older["features"].erase("reuse_with_rotation");
  Result<ClusterDetails> parsed = ParseClusterDetails(older.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  ASSERT_TRUE(parsed->features.measured.has_value());
  EXPECT_EQ(parsed->features.measured->known_campaign_share, 0.0);
  EXPECT_EQ(parsed->features.measured->reuse_with_rotation, 0.0);
  EXPECT_EQ(parsed->features.measured->rotation, FullyPopulated().features.measured->rotation);
  older["features"]["known_campaign_share"] = "high";
  EXPECT_EQ(ParseClusterDetails(older.dump()).status().code(), Status::Code::kCorruption);
}

TEST(ClusterDetailsTest, AStoredRecordsErrorNamesItsCluster) {
  Result<ClusterDetails> parsed = ParseClusterDetails(42, "{\"summary\": 1}");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), Status::Code::kCorruption);
  EXPECT_NE(parsed.status().message().find("cluster 42"), std::string::npos)
      << parsed.status().message();
  EXPECT_NE(parsed.status().message().find("'summary'"), std::string::npos);
  EXPECT_TRUE(ParseClusterDetails(42, ToJson(FullyPopulated())).ok());
}

TEST(ClusterDetailsTest, MistypedFieldIsCorruptionNamingIt) {
  nlohmann::json broken = nlohmann::json::parse(ToJson(FullyPopulated()));
  broken["evidence"][1]["members_sharing"] = -2;
  Result<ClusterDetails> parsed = ParseClusterDetails(broken.dump());
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), Status::Code::kCorruption);
  EXPECT_NE(parsed.status().message().find("'evidence[1].members_sharing'"), std::string::npos)
      << parsed.status().message();
}

TEST(ClusterDetailsTest, GarbageIsAnError) {
  for (const char* garbage : {"", "not json", "{\"summary\":", "[1, 2]", "\"summary\"", "null"}) {
    Result<ClusterDetails> parsed = ParseClusterDetails(garbage);
    ASSERT_FALSE(parsed.ok()) << garbage;
    EXPECT_EQ(parsed.status().code(), Status::Code::kCorruption) << garbage;
  }
}

// The details of a two-account cluster exactly as detection wrote them before ClusterDetails
// (nlohmann::json by hand) and before reuse_with_rotation: the layout older clusterings hold.
constexpr const char* kStoredBefore =
    R"({"evidence":[{"first_seen":1790000000,"holders_total":3,"kind":"payment",)"
    R"("last_seen":1790086400,"members_sharing":2,"pair_weight":0.30000001192092896,)"
    R"("value_id":"abababababababababababababababab"}],)"
    R"("factors":[{"contribution":1.2,"name":"campaign","value":0.8}],)"
    R"("features":{"burst_percentile":0.5,"campaign_share":0.8,"conductance":0.25,)"
    R"("density":1.0,"device_shared_fraction":0.0,"device_values_per_member":1.0,)"
    R"("evidence_share_by_kind":{"device":0.0,"ip":0.0,"payment":0.75,"template":0.25},)"
    R"("first_seen_percentile":0.75,"internal_links":1,"internal_weight":0.5,)"
    R"("ip_shared_fraction":0.5,"ip_values_per_member":1.5,"known_campaign_share":0.125,)"
    R"("lockstep":0.375,"median_prompts":30.0,"median_prompts_per_active_day":2.5,)"
    R"("median_span_days":12.0,"pace_percentile":0.9,"payment_shared_fraction":1.0,)"
    R"("payment_values_per_member":0.5,"prompts_per_member":30.0,"reuse":1.0,)"
    R"("rotation":0.0625,"size":2,"volume_percentile":0.97,"weight_per_member":0.5},)"
    R"("flagged":true,"labels":["cluster ring"],"member_evidence":[0.912,0.5],"score":0.9,)"
    R"("summary":"2 accounts"})";

// The same cluster as detection writes it today: two features more, in their alphabetical places.
const std::string kStoredNow = [] {
  std::string now = kStoredBefore;
  const std::string after = R"("reuse":1.0,)";
  now.insert(now.find(after) + after.size(), R"("reuse_with_rotation":0.03125,)");
  now.insert(now.find(R"("conductance")"), R"("co_located":0.0,)");
  return now;
}();

ClusterFeatures TwoAccountCluster() {
  ClusterFeatures f;
  f.size = 2;
  f.internal_links = 1;
  f.internal_weight = 0.5;
  f.density = 1;
  f.weight_per_member = 0.5;
  f.conductance = 0.25;
  f.prompts_per_member = 30;
  f.median_prompts = 30;
  f.median_pace = 2.5;
  f.median_span_days = 12;
  f.volume = 0.97;
  f.pace = 0.9;
  f.burst = 0.5;
  f.young = 0.75;
  f.lockstep = 0.375;
  f.campaign = 0.8;
  f.known_campaign = 0.125;
  f.reuse = 1;
  f.rotation = 0.0625;
  f.reuse_with_rotation = 0.03125;
  f.payment = {0.5, 1};
  f.device = {1, 0};
  f.ip = {1.5, 0.5};
  f.kind_share[kPaymentKind] = 0.75;
  f.kind_share[kTemplateKind] = 0.25;
  SharedValue card;
  card.kind = kPaymentKind;
  card.hash.fill(0xab);
  card.members_sharing = 2;
  card.holders_total = 3;
  card.pair_weight = 0.3f;
  card.first_seen = 1790000000;
  card.last_seen = 1790086400;
  f.top_values = {card};
  return f;
}

TEST(ClusterDetailsTest, DetectionStillWritesTheStoredLayout) {
  RingScore score;
  score.score = 0.9;
  score.flagged = true;
  score.factors = {{"campaign", 0.8, 1.2}};
  const ClusterDetails details = MakeClusterDetails(TwoAccountCluster(), score, "2 accounts",
                                                    {"cluster ring"}, {0.91234, 0.5});
  EXPECT_EQ(ToJson(details), kStoredNow);
}

TEST(ClusterDetailsTest, StoredLayoutParsesIntoTheNamedFields) {
  Result<ClusterDetails> parsed = ParseClusterDetails(kStoredBefore);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_TRUE(parsed->features.measured.has_value());
  const MeasuredFeatures& m = *parsed->features.measured;
  EXPECT_EQ(m.rotation, 0.0625);
  EXPECT_EQ(m.median_prompts_per_active_day, 2.5);
  EXPECT_EQ(m.first_seen_percentile, 0.75);
  EXPECT_EQ(m.payment_shared_fraction, 1.0);
  EXPECT_EQ(m.evidence_share_by_kind.at("payment"), 0.75);
  ASSERT_EQ(parsed->evidence.size(), 1u);
  EXPECT_EQ(parsed->evidence[0].holders_total, 3u);
  EXPECT_EQ(parsed->evidence[0].last_seen, 1790086400);
  EXPECT_EQ(parsed->member_evidence, (std::vector<double>{0.912, 0.5}));
  EXPECT_EQ(m.reuse_with_rotation, 0.0);  // added later: absent from the older layout
  Result<ClusterDetails> now = ParseClusterDetails(kStoredNow);
  ASSERT_TRUE(now.ok()) << now.status().ToString();
  EXPECT_EQ(now->features.measured->reuse_with_rotation, 0.03125);
  EXPECT_EQ(ToJson(*now), kStoredNow);
}

// Connected components: the partitioner of this test's detection run.
Result<std::vector<ClusterIndex>> Components(const CsrGraph& g,
                                             const std::function<void(std::string_view, double)>&) {
  std::vector<ClusterIndex> root(g.num_vertices());
  for (NodeId v = 0; v < g.num_vertices(); ++v) root[v] = v;
  std::function<ClusterIndex(ClusterIndex)> find = [&](ClusterIndex x) {
    return root[x] == x ? x : root[x] = find(root[x]);
  };
  for (NodeId u = 0; u < g.num_vertices(); ++u) {
    for (EdgeIndex e = g.offsets[u]; e < g.offsets[u + 1]; ++e)
      root[find(u)] = find(g.neighbors[e]);
  }
  std::vector<ClusterIndex> out(g.num_vertices());
  for (NodeId v = 0; v < g.num_vertices(); ++v) out[v] = find(v);
  return out;
}

// A ring of eight accounts on shared cards, a device and a template, among 30 people with their
// own card and a couple of free-text prompts.
std::vector<store::StoreRecord> SmallPopulation(std::vector<std::unique_ptr<std::string>>& names) {
  std::vector<store::StoreRecord> records;
  auto add = [&](const std::string& account, KindCode kind, int value, UnixSeconds ts, bool prompt,
                 bool has_signal = true) {
    names.push_back(std::make_unique<std::string>(account));
    store::StoreRecord r;
    r.account = *names.back();
    r.kind = kind;
    r.value.fill(static_cast<std::uint8_t>(value));
    r.ts = ts;
    r.counts_prompt = prompt;
    r.has_signal = has_signal;
    records.push_back(r);
  };
  constexpr UnixSeconds kDay = 86400;
  for (int i = 0; i < 8; ++i) {
    const std::string r = "ring" + std::to_string(i);
    add(r, kPaymentKind, 20 + i / 4, 20 * kDay, false);
    add(r, kDeviceKind, 70, 20 * kDay, false);
    for (int p = 0; p < 60; ++p) add(r, kTemplateKind, 80, 20 * kDay + p * 2000, true);
  }
  for (int i = 0; i < 30; ++i) {
    const std::string b = "person" + std::to_string(i);
    add(b, kPaymentKind, 150 + i, i % 5 * kDay, false);
    for (int p = 0; p < 2 + i % 2; ++p) add(b, kPromptKind, 0, (i % 5 + p * 9) * kDay, true, false);
  }
  return records;
}

TEST(ClusterDetailsTest, DetailsDetectionWroteParseBackUnchanged) {
  TempDir dir;
  auto store = std::move(store::AccountStore::Open(dir.Sub("db"))).value();
  auto stores = std::move(store::DetectionStore::Open(*store)).value();
  std::vector<std::unique_ptr<std::string>> names;
  ASSERT_TRUE(store->IngestBatch(SmallPopulation(names)).ok());
  DetectionJob job(*store, *stores, Components, DetectionOptions{});
  ASSERT_TRUE(job.Run().ok());
  ASSERT_EQ(job.summary().top_rings.size(), 1u);
  const RingSummary& ring = job.summary().top_rings[0];
  std::optional<store::ClusterRecord> record = stores->clusterings().Cluster(1, ring.id).value();
  ASSERT_TRUE(record.has_value());
  Result<ClusterDetails> details = ParseClusterDetails(record->details_json);
  ASSERT_TRUE(details.ok()) << details.status().ToString();
  EXPECT_EQ(details->summary, ring.summary);
  const nlohmann::json raw = nlohmann::json::parse(record->details_json);
  EXPECT_EQ(details->factors.size(), raw["factors"].size());
  EXPECT_FALSE(details->factors.empty());
  EXPECT_EQ(details->features.size, 8u);
  EXPECT_EQ(details->member_evidence.size(), 8u);
  EXPECT_EQ(ToJson(*details), record->details_json);
}

}  // namespace
}  // namespace ringgraph::detection
