#include "graph/detection/detection_job.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <future>
#include <map>

#include "graph/common/temp_dir.h"

namespace ringgraph::detection {
namespace {

constexpr UnixSeconds kDay = 86400;
constexpr int kQuietRing = 6;
constexpr int kQuietPrompts = 3;

// Connected components by a tiny serial union-find: the job's partitioner in these tests.
Result<std::vector<ClusterIndex>> Components(const CsrGraph& g,
                                             const std::function<void(std::string_view, double)>&) {
  std::vector<ClusterIndex> parent(g.num_vertices());
  for (NodeId v = 0; v < g.num_vertices(); ++v) parent[v] = v;
  std::function<ClusterIndex(ClusterIndex)> find = [&](ClusterIndex x) {
    return parent[x] == x ? x : parent[x] = find(parent[x]);
  };
  for (NodeId u = 0; u < g.num_vertices(); ++u) {
    for (EdgeIndex e = g.offsets[u]; e < g.offsets[u + 1]; ++e)
      parent[find(u)] = find(g.neighbors[e]);
  }
  std::vector<ClusterIndex> dense(g.num_vertices(), ~0u), out(g.num_vertices());
  ClusterIndex next = 0;
  for (NodeId v = 0; v < g.num_vertices(); ++v) {
    ClusterIndex root = find(v);
    if (dense[root] == ~0u) dense[root] = next++;
    out[v] = dense[root];
  }
  return out;
}

class DetectionJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::AccountStore::Open(dir_.Sub("db"))).value();
    stores_ = std::move(store::DetectionStore::Open(*store_)).value();
  }
  void Add(const std::string& account, KindCode kind, std::uint8_t value, UnixSeconds ts,
           bool prompt = false) {
    names_.push_back(std::make_unique<std::string>(account));
    store::StoreRecord r;
    r.account = *names_.back();
    r.kind = kind;
    r.value.fill(value);
    r.ts = ts;
    r.counts_prompt = prompt;
    pending_.push_back(r);
  }
  void Commit() {
    ASSERT_TRUE(store_->IngestBatch(pending_).ok());
    pending_.clear();
  }
  // A ring of `size` young, bursty accounts on shared cards, a device and one template.
  void AddRing(const std::string& prefix, int size, std::uint8_t base) {
    for (int i = 0; i < size; ++i) {
      std::string r = prefix + std::to_string(i);
      Add(r, kPaymentKind, static_cast<std::uint8_t>(base + i / 4), 20 * kDay);
      Add(r, kDeviceKind, static_cast<std::uint8_t>(base + 50), 20 * kDay);
      for (int p = 0; p < 60; ++p)
        Add(r, kTemplateKind, static_cast<std::uint8_t>(base + 60), 20 * kDay + p * 2000, true);
    }
  }
  // The population around them: 40 people with their own card and two or three free-text
  // prompts each over the month, so that the ring's behaviour is measured against something.
  void AddBackground() {
    for (int i = 0; i < 40; ++i) {
      std::string b = "bg" + std::to_string(i);
      Add(b, kPaymentKind, static_cast<std::uint8_t>(150 + i), i % 5 * kDay);
      for (int p = 0; p < 2 + i % 2; ++p) {
        Add(b, kPromptKind, 0, (i % 5 + p * 9) * kDay, true);
        pending_.back().has_signal = false;
      }
    }
  }
  // A family: old accounts sharing a card and a device, a few free-text prompts.
  void AddFamily(const std::string& prefix, std::uint8_t base) {
    for (int i = 0; i < 3; ++i) {
      std::string f = prefix + std::to_string(i);
      Add(f, kPaymentKind, base, 0);
      Add(f, kDeviceKind, static_cast<std::uint8_t>(base + 1), 29 * kDay);
      Add(f, kPromptKind, 0, 10 * kDay, true);
      pending_.back().has_signal = false;
    }
  }
  DetectionSummary Detect(bool run_campaigns = true, bool leave_out_spared = true,
                          bool keep_likely_members = true, std::string* features_detail = nullptr) {
    DetectionOptions options;
    options.keep_versions = 3;
    options.keep_likely_members = keep_likely_members;
    options.learn_run_campaigns = run_campaigns;
    options.leave_out_spared_members = leave_out_spared;
    std::vector<std::string> phases;
    options.on_phase = [&](std::string_view phase, double, const std::string& detail) {
      phases.emplace_back(phase);
      if (phase == "features" && features_detail != nullptr) *features_detail = detail;
    };
    DetectionJob job(*store_, *stores_, partitioner_, options);
    Status s = job.Run();
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::vector<std::string> expected = {"project", "partition", "features", "match"};
    if (run_campaigns) expected.push_back("campaigns");
    expected.insert(expected.end(), {"learn", "score", "write"});
    EXPECT_EQ(phases, expected);
    return job.summary();
  }
  // Components, except that the accounts named with `prefix` stay apart, one cluster each (as
  // Leiden leaves strangers tied to a cluster by one popular value).
  void KeepApart(const std::string& prefix) {
    partitioner_ = [this, prefix](const CsrGraph& g,
                                  const std::function<void(std::string_view, double)>& phase)
        -> Result<std::vector<ClusterIndex>> {
      auto snapshot = std::move(store_->Snapshot()).value();
      std::vector<std::uint8_t> apart(g.num_vertices(), 0);
      for (const auto& name : names_) {
        if (name->rfind(prefix, 0) == 0) apart[**snapshot->FindAccount(*name)] = 1;
      }
      // Components of the graph without the accounts kept apart.
      CsrGraph inner;
      inner.offsets.push_back(0);
      for (NodeId u = 0; u < g.num_vertices(); ++u) {
        for (EdgeIndex e = g.offsets[u]; e < g.offsets[u + 1]; ++e) {
          if (apart[u] || apart[g.neighbors[e]]) continue;
          inner.neighbors.push_back(g.neighbors[e]);
          inner.weights.push_back(g.weights[e]);
        }
        inner.offsets.push_back(inner.neighbors.size());
      }
      return Components(inner, phase);
    };
  }
  // One cluster per name prefix in `groups` (the letters before the number), every other
  // account alone: a partition that keeps apart groups that share a template.
  void ClusterByPrefix(std::vector<std::string> groups) {
    ClusterByName([groups](const std::string& name) {
      const std::string prefix = name.substr(0, name.find_first_of("0123456789"));
      for (std::size_t k = 0; k < groups.size(); ++k) {
        if (prefix == groups[k]) return static_cast<int>(k);
      }
      return -1;
    });
  }
  // The cluster `group_of` names for each account (-1: alone).
  void ClusterByName(std::function<int(const std::string&)> group_of) {
    partitioner_ = [this, group_of](const CsrGraph& g,
                                    const std::function<void(std::string_view, double)>&)
        -> Result<std::vector<ClusterIndex>> {
      auto snapshot = std::move(store_->Snapshot()).value();
      std::vector<ClusterIndex> out(g.num_vertices());
      for (NodeId v = 0; v < g.num_vertices(); ++v) out[v] = static_cast<ClusterIndex>(v);
      for (const auto& name : names_) {
        const int k = group_of(*name);
        if (k >= 0) {
          out[**snapshot->FindAccount(*name)] = static_cast<ClusterIndex>(g.num_vertices() + k);
        }
      }
      // Dense from 0.
      std::map<ClusterIndex, ClusterIndex> dense;
      for (ClusterIndex& c : out) c = dense.emplace(c, dense.size()).first->second;
      return out;
    };
  }
  std::uint64_t ClusterOf(const std::string& account, std::uint64_t version) {
    auto snapshot = std::move(store_->Snapshot()).value();
    AccountId id = snapshot->FindAccount(account).value().value();
    auto m = stores_->clusterings().ClusterOf(version, id).value();
    return m.has_value() ? m->cluster : 0;
  }

  TempDir dir_;
  std::unique_ptr<store::AccountStore> store_;
  std::unique_ptr<store::DetectionStore> stores_;
  std::vector<std::unique_ptr<std::string>> names_;
  Partitioner partitioner_ = Components;
  std::vector<store::StoreRecord> pending_;
};

TEST_F(DetectionJobTest, FlagsTheRingNotTheFamilyAndExplainsIt) {
  AddBackground();
  AddRing("r", 8, 20);
  AddFamily("f", 100);
  Commit();
  DetectionSummary summary = Detect();
  EXPECT_EQ(summary.version, 1u);
  EXPECT_EQ(summary.clusters, 2u);
  EXPECT_EQ(summary.flagged, 1u);
  ASSERT_EQ(summary.top_rings.size(), 1u);
  EXPECT_EQ(summary.top_rings[0].size, 8u);
  std::uint64_t ring_id = ClusterOf("r0", 1);
  ASSERT_NE(ring_id, 0u);
  store::ClusterRecord ring = stores_->clusterings().Cluster(1, ring_id)->value();
  EXPECT_TRUE(ring.flagged);
  Result<ClusterDetails> details = ParseClusterDetails(ring.details_json);
  ASSERT_TRUE(details.ok()) << details.status().ToString();
  ASSERT_FALSE(details->evidence.empty());
  EXPECT_EQ(details->evidence[0].value_id.size(), 32u);
  EXPECT_NE(details->summary.find("8 accounts"), std::string::npos);
  ASSERT_EQ(details->member_evidence.size(), 8u);
  EXPECT_GE(details->member_evidence[0], 0.5);
  EXPECT_FALSE(stores_->clusterings().Cluster(1, ClusterOf("f0", 1))->value().flagged);
}

// Three honest accounts hang on to a ring, each by an address it shares with one ring member.
// Judged on their own evidence (a card of their own, one free-text prompt, a thin tie), they are
// not part of the ring: they are left out of its cluster, into no cluster, so that the ring's
// cluster is the ring, and the cluster's label counts them. Kept in, they are listed unflagged.
TEST_F(DetectionJobTest, MembersJudgedNotPartOfTheRingAreLeftOutOfItsCluster) {
  AddBackground();
  AddRing("r", 8, 20);
  for (int i = 0; i < 3; ++i) {
    const auto address = static_cast<std::uint8_t>(120 + i);
    Add("r" + std::to_string(i), kIpKind, address, 21 * kDay);
    const std::string hanger = "h" + std::to_string(i);
    Add(hanger, kIpKind, address, 3 * kDay);
    Add(hanger, kPaymentKind, static_cast<std::uint8_t>(140 + i), 0);
    Add(hanger, kPromptKind, 0, 5 * kDay, true);
    pending_.back().has_signal = false;
  }
  Commit();

  DetectionSummary summary = Detect();
  EXPECT_EQ(summary.accounts_left_out, 3u);
  const std::uint64_t ring_id = ClusterOf("r0", 1);
  ASSERT_NE(ring_id, 0u);
  for (const char* hanger : {"h0", "h1", "h2"}) EXPECT_EQ(ClusterOf(hanger, 1), 0u) << hanger;
  store::ClusterRecord ring = stores_->clusterings().Cluster(1, ring_id)->value();
  EXPECT_TRUE(ring.flagged);
  EXPECT_EQ(ring.size, 8u);
  Result<ClusterDetails> details = ParseClusterDetails(ring.details_json);
  ASSERT_TRUE(details.ok()) << details.status().ToString();
  EXPECT_EQ(details->member_evidence.size(), 8u);
  EXPECT_EQ(details->summary.rfind("8 accounts (11 scored, 3 left out), ", 0), 0u)
      << details->summary;
  ASSERT_EQ(details->labels.size(), 1u);
  EXPECT_NE(details->labels[0].find("3 accounts' own evidence"), std::string::npos);
  EXPECT_NE(details->labels[0].find("left out of the cluster"), std::string::npos);
  ASSERT_EQ(summary.top_rings.size(), 1u);
  EXPECT_EQ(summary.top_rings[0].size, 8u);

  summary = Detect(/*run_campaigns=*/true, /*leave_out_spared=*/false);
  EXPECT_EQ(summary.accounts_left_out, 0u);
  EXPECT_EQ(stores_->clusterings().Cluster(2, ring_id)->value().size, 11u);
  auto snapshot = std::move(store_->Snapshot()).value();
  for (const char* hanger : {"h0", "h1", "h2"}) {
    const AccountId id = snapshot->FindAccount(hanger).value().value();
    std::optional<store::Membership> m = stores_->clusterings().ClusterOf(2, id).value();
    ASSERT_TRUE(m.has_value()) << hanger;
    EXPECT_EQ(m->cluster, ring_id);
    EXPECT_FALSE(m->flagged);
  }
}

// Two members of a ring pay with no card of the ring's and share none of its hosts; they go out
// through the ring's exits and send its template, if less than the others. Judged on their own
// evidence they are unlike the ring (every other member reuses its cards and host, and sends
// more) and would be left out; by the values they hold they are far more likely the ring's than
// anyone else's (membership_odds.h), so they stay and are flagged.
TEST_F(DetectionJobTest, AMemberOnTheRingsExitsAndTemplateAloneStaysInItsCluster) {
  AddBackground();
  // A ring of eight on two cards and one host, five prompts each over three weeks.
  for (int i = 0; i < 8; ++i) {
    const std::string r = "r" + std::to_string(i);
    Add(r, kPaymentKind, static_cast<std::uint8_t>(20 + i / 4), 20 * kDay);
    Add(r, kDeviceKind, 70, 20 * kDay);
    for (int k = 0; k < 2; ++k) {
      Add(r, kIpKind, static_cast<std::uint8_t>(120 + (i + k) % 4), 21 * kDay);
    }
    for (int p = 0; p < 5; ++p) Add(r, kTemplateKind, 80, (5 + 5 * p) * kDay + i * 600, true);
  }
  for (int i = 0; i < 2; ++i) {
    const std::string m = "m" + std::to_string(i);
    Add(m, kPaymentKind, static_cast<std::uint8_t>(140 + i), 20 * kDay);
    for (int k = 0; k < 2; ++k) {
      Add(m, kIpKind, static_cast<std::uint8_t>(120 + (i + 2 * k) % 4), 21 * kDay);
    }
    for (int p = 0; p < 2; ++p) Add(m, kTemplateKind, 80, (5 + 5 * p) * kDay + 7200, true);
  }
  Commit();

  DetectionSummary summary = Detect(true, true, /*keep_likely_members=*/false);
  EXPECT_EQ(summary.accounts_left_out, 2u);
  for (const char* m : {"m0", "m1"}) EXPECT_EQ(ClusterOf(m, 1), 0u) << m;

  summary = Detect();
  EXPECT_EQ(summary.accounts_left_out, 0u);
  const std::uint64_t ring_id = ClusterOf("r0", 2);
  ASSERT_NE(ring_id, 0u);
  store::ClusterRecord ring = stores_->clusterings().Cluster(2, ring_id)->value();
  EXPECT_EQ(ring.size, 10u);
  Result<ClusterDetails> details = ParseClusterDetails(ring.details_json);
  ASSERT_TRUE(details.ok()) << details.status().ToString();
  ASSERT_EQ(details->labels.size(), 1u);
  EXPECT_EQ(details->labels[0].rfind("2 accounts' own evidence is below the threshold", 0), 0u)
      << details->labels[0];
  auto snapshot = std::move(store_->Snapshot()).value();
  for (const char* m : {"m0", "m1"}) {
    const AccountId id = snapshot->FindAccount(m).value().value();
    std::optional<store::Membership> membership = stores_->clusterings().ClusterOf(2, id).value();
    ASSERT_TRUE(membership.has_value()) << m;
    EXPECT_EQ(membership->cluster, ring_id);
    EXPECT_TRUE(membership->flagged);
  }
}

// Two rings that bought the same extraction template and share nothing else: the template joins
// them into one component (the test's partition), which is flagged; the job splits it by identity
// (each ring's own cards and host) and flags each ring as a cluster of its own.
TEST_F(DetectionJobTest, TwoRingsJoinedOnlyByATemplateAreSeparated) {
  AddBackground();
  AddRing("ra", 8, 20);
  AddRing("rb", 8, 120);
  for (const char* prefix : {"ra", "rb"}) {
    for (int i = 0; i < 8; ++i) {
      for (int p = 0; p < 10; ++p)
        Add(prefix + std::to_string(i), kTemplateKind, 99, 21 * kDay + p * 3000, true);
    }
  }
  // The template is a bought one: 30 strangers run it too, each on a card of its own, and the
  // partition leaves them out of the rings.
  for (int i = 0; i < 30; ++i) {
    const std::string s = "pub" + std::to_string(i);
    Add(s, kPaymentKind, static_cast<std::uint8_t>(200 + i), 3 * kDay);
    Add(s, kTemplateKind, 99, (3 + i % 20) * kDay, true);
  }
  KeepApart("pub");
  Commit();
  DetectionSummary summary = Detect();
  const std::uint64_t a = ClusterOf("ra0", 1), b = ClusterOf("rb0", 1);
  ASSERT_NE(a, 0u);
  ASSERT_NE(b, 0u);
  EXPECT_NE(a, b);
  for (int i = 1; i < 8; ++i) {
    EXPECT_EQ(ClusterOf("ra" + std::to_string(i), 1), a);
    EXPECT_EQ(ClusterOf("rb" + std::to_string(i), 1), b);
  }
  EXPECT_TRUE(stores_->clusterings().Cluster(1, a)->value().flagged);
  EXPECT_TRUE(stores_->clusterings().Cluster(1, b)->value().flagged);
  EXPECT_EQ(summary.flagged, 2u);
  EXPECT_EQ(summary.accounts_flagged, 16u);
}

// A quiet ring runs the extraction template a loud ring runs: on its own evidence (cards shared
// in pairs, a few prompts a day) it is not flagged, but the template is one flagged rings run
// and few others hold, so the run counts it as a known campaign and the quiet ring is flagged.
// A popular template that the loud ring also pastes, held mostly by honest accounts, counts for
// no one: the office that runs it stays unflagged.
TEST_F(DetectionJobTest, ATemplateFlaggedRingsRunMarksTheQuietRingThatRunsItToo) {
  AddBackground();
  AddRing("loud", 8, 20);  // template 80
  for (int i = 0; i < 8; ++i) {
    for (int p = 0; p < 10; ++p)
      Add("loud" + std::to_string(i), kTemplateKind, 90, 20 * kDay + p * 500, true);
  }
  for (int i = 0; i < 40; ++i) Add("bg" + std::to_string(i), kTemplateKind, 90, 9 * kDay, true);
  for (int i = 0; i < kQuietRing; ++i) {
    const std::string q = "quiet" + std::to_string(i);
    Add(q, kPaymentKind, static_cast<std::uint8_t>(60 + i / 2), 2 * kDay);
    for (int p = 0; p < kQuietPrompts; ++p)
      Add(q, kTemplateKind, 80, (2 + p * 9) * kDay + i * 600, true);
  }
  for (int i = 0; i < 6; ++i) {  // an office: one card, the popular template, free text
    const std::string o = "office" + std::to_string(i);
    Add(o, kPaymentKind, 110, 1 * kDay);
    for (int p = 0; p < 8; ++p) Add(o, kTemplateKind, 90, (1 + p * 3) * kDay + i * 600, true);
  }
  ClusterByPrefix({"loud", "quiet", "office"});
  Commit();
  auto score_of = [&](const std::string& account, std::uint64_t version) {
    return stores_->clusterings().Cluster(version, ClusterOf(account, version))->value();
  };
  Detect(/*run_campaigns=*/false);
  const store::ClusterRecord quiet_alone = score_of("quiet0", 1);
  EXPECT_FALSE(quiet_alone.flagged) << quiet_alone.ring_score;
  EXPECT_TRUE(score_of("loud0", 1).flagged);

  Detect(/*run_campaigns=*/true);
  const store::ClusterRecord quiet = score_of("quiet0", 2);
  EXPECT_TRUE(quiet.flagged) << quiet.ring_score;
  EXPECT_GT(quiet.ring_score, quiet_alone.ring_score);
  Result<ClusterDetails> details = ParseClusterDetails(quiet.details_json);
  ASSERT_TRUE(details.ok()) << details.status().ToString();
  EXPECT_GT(details->features.measured->known_campaign_share, 0.9);
  const store::ClusterRecord office = score_of("office0", 2);
  EXPECT_FALSE(office.flagged) << office.ring_score;
  EXPECT_EQ(ParseClusterDetails(office.details_json)->features.measured->known_campaign_share, 0.0);
}

// A ring hiding among a reseller's honest customers: 30 customers and the 6 ring accounts all
// pay with the reseller's three cards on file, so they form one connected cluster, mostly
// honest and unflagged. The ring's accounts stand far out of it (60 prompts each in two days on
// one template, against two or three free-text prompts); linked among themselves, they are
// carved out as a ring of their own, and the customers stay unflagged.
//   cards c0 c1 c2:  customers cu0..cu29 (cu_i on c_(i%3))   ring rr0..rr5 (rr_i on c_(i%3))
// The partition cut two rings in pieces. Ring s (twelve accounts, flagged) lost a piece of
// four that runs its template on its days from its device: the piece holds only the ring's
// values and keeps its rhythm, so it joins the ring. Ring r (twelve, flagged, half of them busy)
// has eleven old accounts on its device beside it, active on its days but with a free-text
// prompt a day: they hold only the ring's values and keep its days too, but joined to the ring
// they would leave it unflagged (the median member would be idle), so they are given back and
// the ring stays flagged as it was.
TEST_F(DetectionJobTest, PiecesJoinTheirRingButNeverHideIt) {
  AddBackground();
  for (int i = 0; i < 12; ++i) {  // ring r: half its accounts busy, half nearly idle
    const std::string r = "r" + std::to_string(i);
    Add(r, kPaymentKind, static_cast<std::uint8_t>(20 + i / 4), 20 * kDay);
    Add(r, kDeviceKind, 70, 20 * kDay);
    const int prompts = i < 6 ? 60 : 4;
    for (int k = 0; k < prompts; ++k)
      Add(r, kTemplateKind, 80, 20 * kDay + k * (120'000 / prompts), true);
  }
  AddRing("s", 12, 120);
  for (int i = 0; i < 4; ++i) {
    const std::string p = "p" + std::to_string(i);
    Add(p, kDeviceKind, 170, 20 * kDay);  // ring s's device
    for (int k = 0; k < 30; ++k) Add(p, kTemplateKind, 180, 20 * kDay + k * 3000, true);
  }
  for (int i = 0; i < 11; ++i) {
    const std::string q = "q" + std::to_string(i);
    Add(q, kDeviceKind, 70, 0);  // ring r's device, held since the first day
    for (int day = 20; day <= 21; ++day) {
      Add(q, kPromptKind, 0, day * kDay + i * 600, true);
      pending_.back().has_signal = false;
    }
  }
  Commit();
  ClusterByPrefix({"r", "s", "p", "q"});
  std::string detail;
  DetectionSummary summary = Detect(true, true, true, &detail);
  EXPECT_NE(detail.find("2 unflagged pieces (15 accounts) joined to the 2 flagged rings"),
            std::string::npos)
      << detail;
  EXPECT_NE(detail.find("(1 given back: the ring would have lost its flag)"), std::string::npos)
      << detail;
  const std::uint64_t ring_s = ClusterOf("s0", 1), ring_r = ClusterOf("r0", 1);
  ASSERT_NE(ring_s, 0u);
  ASSERT_NE(ring_r, 0u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(ClusterOf("p" + std::to_string(i), 1), ring_s);
  EXPECT_TRUE(stores_->clusterings().Cluster(1, ring_s)->value().flagged);
  EXPECT_TRUE(stores_->clusterings().Cluster(1, ring_r)->value().flagged);
  for (int i = 0; i < 11; ++i) EXPECT_NE(ClusterOf("q" + std::to_string(i), 1), ring_r);
  EXPECT_EQ(summary.accounts_flagged, 28u);
}

TEST_F(DetectionJobTest, ARingHiddenAmongHonestAccountsIsCarvedOut) {
  AddBackground();
  for (int i = 0; i < 30; ++i) {
    std::string cu = "cu" + std::to_string(i);
    Add(cu, kPaymentKind, static_cast<std::uint8_t>(200 + i % 3), (i % 20) * kDay);
    for (int p = 0; p < 2 + i % 2; ++p) {
      Add(cu, kPromptKind, 0, (i % 20 + p * 5) * kDay, true);
      pending_.back().has_signal = false;
    }
  }
  for (int i = 0; i < 6; ++i) {
    std::string rr = "rr" + std::to_string(i);
    Add(rr, kPaymentKind, static_cast<std::uint8_t>(200 + i % 3), 20 * kDay);
    for (int p = 0; p < 60; ++p) Add(rr, kTemplateKind, 77, 20 * kDay + p * 2000, true);
  }
  Commit();
  DetectionSummary summary = Detect();
  std::uint64_t ring = ClusterOf("rr0", 1), customers = ClusterOf("cu0", 1);
  ASSERT_NE(ring, 0u);
  EXPECT_NE(ring, customers);
  for (int i = 1; i < 6; ++i) EXPECT_EQ(ClusterOf("rr" + std::to_string(i), 1), ring);
  EXPECT_TRUE(stores_->clusterings().Cluster(1, ring)->value().flagged);
  EXPECT_FALSE(stores_->clusterings().Cluster(1, customers)->value().flagged);
  EXPECT_EQ(summary.accounts_flagged, 6u);
}

// A ring behind a reseller is spread over the clusters of the reseller's customers, two of its
// accounts in each, too few in any one cluster to be carved from it. Its accounts stand out in
// both and are linked to each other (they share the operator's two automation hosts), so
// together they are carved out as one ring; the customers stay unflagged.
//   card 200: customers ca0..ca19, ring rr0 rr1      card 201: customers cb0..cb19, ring rr2 rr3
//   devices 90, 91: rr0..rr3                         partition: {ca*, rr0, rr1} {cb*, rr2, rr3}
TEST_F(DetectionJobTest, ARingSpreadOverSeveralHonestClustersIsCarvedOutWhole) {
  AddBackground();
  for (const char* group : {"ca", "cb"}) {
    for (int i = 0; i < 20; ++i) {
      const std::string cu = group + std::to_string(i);
      Add(cu, kPaymentKind, group[1] == 'a' ? 200 : 201, (i % 20) * kDay);
      for (int p = 0; p < 2 + i % 2; ++p) {
        Add(cu, kPromptKind, 0, (i % 20 + p * 5) * kDay, true);
        pending_.back().has_signal = false;
      }
    }
  }
  for (int i = 0; i < 4; ++i) {
    const std::string rr = "rr" + std::to_string(i);
    Add(rr, kPaymentKind, i < 2 ? 200 : 201, 20 * kDay);
    Add(rr, kDeviceKind, 90, 20 * kDay);
    Add(rr, kDeviceKind, 91, 20 * kDay);
    for (int p = 0; p < 60; ++p) Add(rr, kTemplateKind, 77, 20 * kDay + p * 2000, true);
  }
  Commit();
  ClusterByName([](const std::string& name) {
    if (name.rfind("ca", 0) == 0 || name == "rr0" || name == "rr1") return 0;
    if (name.rfind("cb", 0) == 0 || name == "rr2" || name == "rr3") return 1;
    return -1;
  });
  DetectionSummary summary = Detect();
  const std::uint64_t ring = ClusterOf("rr0", 1);
  ASSERT_NE(ring, 0u);
  for (int i = 1; i < 4; ++i) EXPECT_EQ(ClusterOf("rr" + std::to_string(i), 1), ring);
  EXPECT_NE(ClusterOf("ca0", 1), ring);
  EXPECT_NE(ClusterOf("cb0", 1), ring);
  EXPECT_TRUE(stores_->clusterings().Cluster(1, ring)->value().flagged);
  EXPECT_FALSE(stores_->clusterings().Cluster(1, ClusterOf("ca0", 1))->value().flagged);
  EXPECT_FALSE(stores_->clusterings().Cluster(1, ClusterOf("cb0", 1))->value().flagged);
  EXPECT_EQ(summary.accounts_flagged, 4u);
}

// Two university labs on one campus: each runs the campus's benchmark harness (template 60)
// from its members' own cards, through the campus's three addresses, and in each three members
// share the lab's two servers and send 60 prompts on the harness in the week of a launch, where
// the others send a few. The partition keeps the labs apart and neither is flagged; the three
// in each stand far out of their lab and are linked across the labs by the addresses and the
// harness. Judged as one group they would score as a ring of six on shared hosts; but they are
// two groups by the values of their own (each lab's servers; the addresses are the campus's,
// held mostly by others), and what each runs is its lab's tool, not a campaign of its own, so
// neither is carved out.
//   lab a: la0..la11, servers 90 91 behind la0..la2    lab b: lb0..lb11, servers 92 93 behind
//   lb0..lb2    every member: its own card, campus address 30 + i % 3, harness template 60
TEST_F(DetectionJobTest, TheHeaviestUsersOfHonestGroupsAreNotCarvedOutAsARing) {
  AddBackground();
  for (const char* lab : {"la", "lb"}) {
    const std::uint8_t server = lab[1] == 'a' ? 90 : 92;
    for (int i = 0; i < 12; ++i) {
      const std::string member = lab + std::to_string(i);
      Add(member, kPaymentKind, static_cast<std::uint8_t>((lab[1] == 'a' ? 100 : 112) + i), 0);
      Add(member, kIpKind, static_cast<std::uint8_t>(30 + i % 3), i % 20 * kDay);
      const bool heavy = i < 3;
      if (heavy) {
        Add(member, kDeviceKind, server, 20 * kDay);
        Add(member, kDeviceKind, static_cast<std::uint8_t>(server + 1), 20 * kDay);
      }
      const int prompts = heavy ? 60 : 3;
      for (int p = 0; p < prompts; ++p) {
        const UnixSeconds ts = heavy ? 20 * kDay + p * 6000 : (i + p * 7) * kDay;
        Add(member, kTemplateKind, 60, ts, true);
      }
    }
  }
  Commit();
  ClusterByPrefix({"la", "lb"});
  std::string detail;
  DetectionSummary summary = Detect(true, true, true, &detail);
  EXPECT_EQ(detail.find("carved out of larger ones"), std::string::npos) << detail;
  EXPECT_EQ(ClusterOf("la0", 1), ClusterOf("la5", 1));
  EXPECT_EQ(ClusterOf("lb0", 1), ClusterOf("lb5", 1));
  EXPECT_EQ(summary.accounts_flagged, 0u);
}

// A ring behind a reseller at scale: the reseller's card is held by so many accounts (45, over
// the 32 a linking value may have here) that it links nobody, and the partition leaves the
// ring's accounts alone. They send most of their prompts on the template a flagged ring runs,
// and share the generic card, so they are grouped behind it, scored as a cluster and carved
// out; the reseller's customers on the same card stay unflagged.
//   ring r0..r7 (flagged, template 80)   card 210: customers cu0..cu39 and h0..h4 (template 80)
TEST_F(DetectionJobTest, RingAccountsBehindAGenericValueAreGroupedByIt) {
  AddBackground();
  AddRing("r", 8, 20);
  for (int i = 0; i < 40; ++i) {
    const std::string cu = "cu" + std::to_string(i);
    Add(cu, kPaymentKind, 210, (i % 20) * kDay);
    for (int p = 0; p < 2 + i % 2; ++p) {
      Add(cu, kPromptKind, 0, (i % 20 + p * 5) * kDay, true);
      pending_.back().has_signal = false;
    }
  }
  for (int i = 0; i < 5; ++i) {
    const std::string h = "h" + std::to_string(i);
    Add(h, kPaymentKind, 210, 21 * kDay);
    for (int p = 0; p < 30; ++p) Add(h, kTemplateKind, 80, 21 * kDay + p * 3000, true);
  }
  Commit();
  KeepApart("h");  // as Leiden leaves accounts whose only shared values are generic
  DetectionSummary summary = Detect();
  const std::uint64_t behind = ClusterOf("h0", 1);
  ASSERT_NE(behind, 0u);
  for (int i = 1; i < 5; ++i) EXPECT_EQ(ClusterOf("h" + std::to_string(i), 1), behind);
  EXPECT_TRUE(stores_->clusterings().Cluster(1, behind)->value().flagged);
  EXPECT_NE(ClusterOf("r0", 1), behind);
  for (int i = 0; i < 40; ++i) EXPECT_NE(ClusterOf("cu" + std::to_string(i), 1), behind);
  EXPECT_EQ(summary.accounts_flagged, 13u);  // the ring's 8 and the 5 behind the card
}

// Labels on accounts teach the score through the clusters they fall in, but only when the
// verdict of most of a cluster's labelled members covers at least half of it: two accounts
// labelled benign in a ring's cluster of eight say what those two are, not what the ring is.
//   rings a..f (8 accounts each, every member labelled ring), families f0..f5 (3 accounts, all
//   labelled benign), and ring x (8 accounts, 2 labelled benign): 12 labelled clusters, not 13
TEST_F(DetectionJobTest, AccountLabelsTeachOnlyTheClustersTheyMostlyCover) {
  AddBackground();
  const std::vector<std::string> rings = {"ra", "rb", "rc", "rd", "re", "rf"};
  for (std::size_t k = 0; k < rings.size(); ++k) {
    AddRing(rings[k], 8, static_cast<std::uint8_t>(2 * k + 2));
  }
  AddRing("x", 8, 30);
  for (int j = 0; j < 6; ++j) AddFamily("fam" + std::string(1, 'a' + j), 100 + 2 * j);
  Commit();
  for (const std::string& ring : rings) {
    for (int i = 0; i < 8; ++i) {
      ASSERT_TRUE(
          stores_->labels().PutLabel({"account:" + ring + std::to_string(i), "ring", "", 1}).ok());
    }
  }
  for (int j = 0; j < 6; ++j) {
    for (int i = 0; i < 3; ++i) {
      const std::string account = "fam" + std::string(1, 'a' + j) + std::to_string(i);
      ASSERT_TRUE(stores_->labels().PutLabel({"account:" + account, "benign", "", 1}).ok());
    }
  }
  ASSERT_TRUE(stores_->labels().PutLabel({"account:x0", "benign", "", 1}).ok());
  ASSERT_TRUE(stores_->labels().PutLabel({"account:x1", "benign", "", 1}).ok());
  DetectionSummary summary = Detect();
  EXPECT_EQ(summary.learning.labels, 12u) << summary.learning.reason;
  EXPECT_EQ(summary.learning.rings, 6u);
  EXPECT_EQ(summary.learning.benign, 6u);
  // Ring x is still a ring: its two benign accounts are left unflagged, the rest are flagged.
  const store::ClusterRecord x = stores_->clusterings().Cluster(1, ClusterOf("x2", 1))->value();
  EXPECT_TRUE(x.flagged) << x.ring_score;
}

// The job must not hold its snapshot while it writes: writing the clustering may need to grow
// the map, and growing waits for every snapshot of the process to close. A store whose map is
// nearly full after ingest makes the write grow it; the job must finish.
TEST(DetectionJobMapTest, WritingAClusteringThatGrowsTheMapDoesNotDeadlock) {
  TempDir dir;
  store::StoreOptions small;
  small.initial_map_bytes = 256 << 10;
  auto store = std::move(store::AccountStore::Open(dir.Sub("db"), small)).value();
  auto stores = std::move(store::DetectionStore::Open(*store)).value();
  std::vector<std::string> names;
  for (int i = 0; i < 4000; ++i) names.push_back("m" + std::to_string(i));
  // Fill until the map is over 90% used; pairs of accounts share a card, so every pair is a
  // cluster and the clustering to write is large.
  for (int round = 0; round < 200; ++round) {
    auto stats = store->Stats();
    ASSERT_TRUE(stats.ok());
    if (round > 0 && stats->used_bytes > 0.9 * stats->map_bytes) break;
    std::vector<store::StoreRecord> batch;
    for (int i = 0; i < 200; ++i) {
      const int k = (round * 200 + i) % 4000;
      store::StoreRecord r;
      r.account = names[k];
      r.kind = kPaymentKind;
      r.value.fill(0);
      std::memcpy(r.value.data(), &round, sizeof round);
      const int pair = k / 2;
      std::memcpy(r.value.data() + 4, &pair, sizeof pair);
      r.ts = 1000 + round;
      batch.push_back(r);
    }
    ASSERT_TRUE(store->IngestBatch(batch).ok());
  }
  DetectionOptions options;
  auto run = std::async(std::launch::async, [&] {
    DetectionJob job(*store, *stores, Components, options);
    return job.Run();
  });
  if (run.wait_for(std::chrono::seconds(120)) != std::future_status::ready) {
    std::fprintf(stderr, "detection did not finish: the clustering write deadlocked\n");
    std::_Exit(1);
  }
  Status s = run.get();
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_F(DetectionJobTest, RerunKeepsIdsAndLabelsSteerTheScore) {
  AddBackground();
  AddRing("r", 8, 20);
  AddFamily("f", 100);
  Commit();
  Detect();
  std::uint64_t ring_id = ClusterOf("r0", 1), family_id = ClusterOf("f0", 1);
  // An analyst marks the ring benign (say, a red team) and the family as a ring.
  ASSERT_TRUE(stores_->labels()
                  .PutLabel({"cluster:" + std::to_string(ring_id), "benign", "red team", 1})
                  .ok());
  ASSERT_TRUE(stores_->labels().PutLabel({"account:f1", "ring", "chargeback fraud", 1}).ok());
  // New evidence: another ring account joins.
  AddRing("r", 9, 20);
  Commit();
  DetectionSummary second = Detect();
  EXPECT_EQ(second.version, 2u);
  EXPECT_EQ(ClusterOf("r0", 2), ring_id);
  EXPECT_EQ(ClusterOf("r8", 2), ring_id);
  EXPECT_EQ(ClusterOf("f0", 2), family_id);
  EXPECT_EQ(second.matching.kept, 2u);
  store::ClusterRecord ring = stores_->clusterings().Cluster(2, ring_id)->value();
  store::ClusterRecord family = stores_->clusterings().Cluster(2, family_id)->value();
  EXPECT_FALSE(ring.flagged);
  EXPECT_TRUE(family.flagged);
  EXPECT_NE(family.details_json.find("confirmed ring members"), std::string::npos);
  // Version 1 is still readable until it ages out.
  EXPECT_TRUE(stores_->clusterings().Cluster(1, ring_id)->has_value());
}

}  // namespace
}  // namespace ringgraph::detection
