#include "graph/projection/account_projection.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <random>

#include "graph/common/temp_dir.h"

namespace ringgraph::projection {
namespace {

using store::AccountStore;
using store::StoreRecord;

class ProjectionTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::move(AccountStore::Open(dir_.Sub("db"))).value(); }

  void Add(const std::string& account, KindCode kind, std::uint8_t value, UnixSeconds ts = 1000) {
    names_.push_back(std::make_unique<std::string>(account));
    StoreRecord r;
    r.account = *names_.back();
    r.kind = kind;
    r.value.fill(value);
    r.ts = ts;
    pending_.push_back(r);
  }
  // An address from a range wider than one byte: `value` in the hash's first two bytes.
  void AddAddress(const std::string& account, std::uint16_t value) {
    Add(account, kIpKind, 0);
    pending_.back().value[0] = static_cast<std::uint8_t>(value & 0xff);
    pending_.back().value[1] = static_cast<std::uint8_t>(value >> 8);
  }
  void Commit() {
    ASSERT_TRUE(store_->IngestBatch(pending_).ok());
    pending_.clear();
  }
  CsrGraph Project(ProjectionOptions options = {}, ProjectionReport* report = nullptr) {
    auto snapshot = std::move(store_->Snapshot()).value();
    AccountProjection projection(*snapshot, std::move(options));
    EXPECT_TRUE(projection.Run().ok());
    if (report) *report = projection.report();
    return projection.TakeGraph();
  }
  static double Weight(const CsrGraph& g, NodeId u, NodeId v) {
    for (EdgeIndex e = g.offsets[u]; e < g.offsets[u + 1]; ++e) {
      if (g.neighbors[e] == v) return g.weights[e];
    }
    return 0;
  }

  TempDir dir_;
  std::unique_ptr<AccountStore> store_;
  std::vector<std::unique_ptr<std::string>> names_;
  std::vector<StoreRecord> pending_;
};

//   a0 ─card─ a1 ─ip─ a2          a3 (alone)
TEST_F(ProjectionTest, LinksAccountsThatShareValuesWithRarityWeights) {
  Add("a0", kPaymentKind, 1);
  Add("a1", kPaymentKind, 1);
  Add("a1", kIpKind, 2);
  Add("a2", kIpKind, 2);
  Add("a3", kDeviceKind, 3);
  Commit();
  CsrGraph g = Project();
  ASSERT_EQ(g.num_vertices(), 4u);
  EXPECT_EQ(g.num_entries() / 2, 2u);
  EXPECT_NEAR(Weight(g, 0, 1), 3.0, 1e-6);  // payment weight * (2 - 1)^(-1/2)
  EXPECT_NEAR(Weight(g, 1, 0), Weight(g, 0, 1), 0);
  EXPECT_NEAR(Weight(g, 1, 2), 1.0, 1e-6);
  EXPECT_EQ(Weight(g, 0, 2), 0);
  EXPECT_EQ(g.offsets[4] - g.offsets[3], 0u);
}

// Shared card and shared device between the same two accounts sum into one link.
TEST_F(ProjectionTest, SumsAllSharedValuesOfAPairIntoOneLink) {
  Add("a0", kPaymentKind, 1);
  Add("a1", kPaymentKind, 1);
  Add("a0", kDeviceKind, 2);
  Add("a1", kDeviceKind, 2);
  Commit();
  CsrGraph g = Project();
  EXPECT_EQ(g.num_entries() / 2, 1u);
  EXPECT_NEAR(Weight(g, 0, 1), 3.0 + 2.5, 1e-5);
}

TEST_F(ProjectionTest, OldEvidenceDecaysByItsHalfLife) {
  Add("a0", kPaymentKind, 1, /*ts=*/0);
  Add("a1", kPaymentKind, 1, /*ts=*/0);
  Commit();
  ProjectionOptions options;
  options.half_life_days = 30;
  options.reference_time = 30 * 86400;
  CsrGraph g = Project(options);
  EXPECT_NEAR(Weight(g, 0, 1), 0.5 * 3.0, 1e-6);
}

// One IP held by 100,000 accounts (carrier NAT) adds no pairs at all, and costs little;
// one device shared by two of them still links them.
TEST_F(ProjectionTest, GenericValueHeldBy100kAccountsAddsNoPairs) {
  for (int i = 0; i < 100000; ++i) Add("cgnat-" + std::to_string(i), kIpKind, 9);
  Add("cgnat-1", kDeviceKind, 4);
  Add("cgnat-2", kDeviceKind, 4);
  Commit();
  ProjectionReport report;
  auto start = std::chrono::steady_clock::now();
  CsrGraph g = Project({}, &report);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(report.signals_generic, 1u);
  EXPECT_EQ(report.pairs_generated, 1u);
  EXPECT_LE(report.pairs_generated, report.pair_bound);
  EXPECT_EQ(g.num_entries() / 2, 1u);
  EXPECT_GT(Weight(g, 1, 2), 0);
  EXPECT_LT(seconds, 5.0);  // a bound on blow-up, not a benchmark: 5e9 pairs would take hours
}

// Generic is relative to the population: one card held by 50 accounts is public among 4,000
// accounts (over 1% of them) and evidence among 6,000.
TEST_F(ProjectionTest, GenericIsRelativeToThePopulationSize) {
  for (int i = 0; i < 50; ++i) Add("card-holder-" + std::to_string(i), kPaymentKind, 1);
  for (int i = 50; i < 4000; ++i) Add("other-" + std::to_string(i), kDeviceKind, 2);
  Commit();
  ProjectionReport report;
  CsrGraph small = Project({}, &report);
  EXPECT_EQ(report.signals_generic, 2u);  // the card (50 > 40) and the device (3,950 holders)
  EXPECT_EQ(Weight(small, 0, 1), 0);
  // 2,000 more accounts: 1% is now 60, so the card links its 50 holders.
  for (int i = 4000; i < 6000; ++i) Add("other-" + std::to_string(i), kIpKind, 3);
  Commit();
  CsrGraph large = Project({}, &report);
  EXPECT_NEAR(Weight(large, 0, 1), 3.0 / std::sqrt(49.0), 1e-6);
  EXPECT_EQ(large.num_entries() / 2, 50u * 49u / 2u);
}

// The pair budget drops the values with the most holders first. 20 accounts: a card held by 10
// (45 pairs) and five devices held by 3 each (3 pairs each); a budget of 1 pair per account (20
// pairs) keeps the devices and drops the card.
//   d0: a0 a1 a2   d1: a3 a4 a5   ...   card: a10 .. a19
TEST_F(ProjectionTest, PairBudgetDropsTheValuesWithMostHoldersFirst) {
  for (int i = 0; i < 15; ++i)
    Add("a" + std::to_string(i), kDeviceKind, static_cast<std::uint8_t>(i / 3));
  for (int i = 10; i < 20; ++i) Add("a" + std::to_string(i), kPaymentKind, 9);
  Commit();
  ProjectionOptions options;
  options.max_pairs_per_account = 1;
  ProjectionReport report;
  CsrGraph g = Project(options, &report);
  EXPECT_EQ(report.budget_cap, 9u);
  EXPECT_EQ(report.pairs_generated, 15u);
  EXPECT_LE(report.pairs_generated, report.pair_bound);
  EXPECT_GT(Weight(g, 0, 1), 0);
  EXPECT_EQ(Weight(g, 18, 19), 0);
}

// Templates are profiles: a and b run the same two-template campaign; c pastes one of them and
// runs two of its own. The evidence is the shared weight times the weighted Jaccard overlap.
//   a: T1 T2      b: T1 T2      c: T1 T3 T4      d: T3 T4
TEST_F(ProjectionTest, TemplateEvidenceScalesWithTheOverlapOfTemplateSets) {
  Add("a", kTemplateKind, 1);
  Add("a", kTemplateKind, 2);
  Add("b", kTemplateKind, 1);
  Add("b", kTemplateKind, 2);
  Add("c", kTemplateKind, 1);
  Add("c", kTemplateKind, 3);
  Add("c", kTemplateKind, 4);
  Add("d", kTemplateKind, 3);
  Add("d", kTemplateKind, 4);
  Commit();
  CsrGraph g = Project();
  const double t1 = 1.5 / std::sqrt(2.0), t2 = 1.5, t3 = 1.5, t4 = 1.5;  // T1 has 3 holders
  const double s_a = t1 + t2, s_c = t1 + t3 + t4, s_d = t3 + t4;
  EXPECT_NEAR(Weight(g, 0, 1), (t1 + t2) * (t1 + t2) / (s_a + s_a - (t1 + t2)), 1e-5);
  EXPECT_NEAR(Weight(g, 0, 2), t1 * t1 / (s_a + s_c - t1), 1e-5);
  EXPECT_NEAR(Weight(g, 2, 3), (t3 + t4) * (t3 + t4) / (s_c + s_d - (t3 + t4)), 1e-5);
  EXPECT_LT(Weight(g, 0, 2), 0.2 * Weight(g, 0, 1));
}

// A serial verifier: the same weights computed pair by pair from the store on a random store.
// 6,000 accounts on two of 600 addresses each, picked at random: pairs of addresses are held
// together as often as chance gives.
void AddRandomPairs(const std::function<void(const std::string&, std::uint16_t)>& add_address) {
  std::mt19937 rng(11);
  for (int j = 0; j < 6000; ++j) {
    const auto first = static_cast<std::uint16_t>(rng() % 600);
    auto second = static_cast<std::uint16_t>(rng() % 599);
    if (second >= first) ++second;
    add_address("bg" + std::to_string(j), first);
    add_address("bg" + std::to_string(j), second);
  }
}

TEST_F(ProjectionTest, AddressesHeldTogetherAsOftenAsChanceGivesAddNothing) {
  AddRandomPairs([&](const std::string& a, std::uint16_t v) { AddAddress(a, v); });
  Commit();
  ProjectionReport report;
  Project({}, &report);
  EXPECT_GT(report.signals_linking, 500u);
  EXPECT_EQ(report.combinations, 0u);
}

// Eight accounts of one operator rotate over the same two exits, each of which 50 strangers also
// use. Holding both is far rarer than holding one: the pair links the eight with its own weight,
// (8 - 1)^(-1/2), in place of the two exits' 2 * (58 - 1)^(-1/2); the strangers gain nothing.
TEST_F(ProjectionTest, AccountsRotatingOverTheSameExitsAreLinkedByThePairTheyHold) {
  AddRandomPairs([&](const std::string& a, std::uint16_t v) { AddAddress(a, v); });
  for (int j = 0; j < 50; ++j) {
    AddAddress("sa" + std::to_string(j), 1000);
    AddAddress("sb" + std::to_string(j), 1001);
  }
  for (int j = 0; j < 8; ++j) {
    AddAddress("ring" + std::to_string(j), 1000);
    AddAddress("ring" + std::to_string(j), 1001);
  }
  Commit();
  auto snapshot = std::move(store_->Snapshot()).value();
  const NodeId ring0 = **snapshot->FindAccount("ring0"), ring1 = **snapshot->FindAccount("ring1");
  const NodeId stranger = **snapshot->FindAccount("sa0");
  ProjectionOptions options;
  options.half_life_days = 0;
  ProjectionReport with_pairs, without_pairs;
  CsrGraph g = Project(options, &with_pairs);
  options.combination_alpha = 0;
  CsrGraph single = Project(options, &without_pairs);
  EXPECT_EQ(with_pairs.combinations, 1u);
  EXPECT_EQ(without_pairs.combinations, 0u);
  EXPECT_NEAR(Weight(single, ring0, ring1), 2.0 / std::sqrt(57.0), 1e-5);
  EXPECT_NEAR(Weight(g, ring0, ring1), 1.0 / std::sqrt(7.0), 1e-5);
  EXPECT_NEAR(Weight(g, ring0, stranger), Weight(single, ring0, stranger), 1e-6);
  EXPECT_GT(Weight(g, ring0, stranger), 0.0);
}

// The same eight on two exits that only they hold: each exit alone is already as rare as the
// pair, so the pair adds nothing.
TEST_F(ProjectionTest, APairAddsNothingWhereItsAddressesAreRareAlone) {
  AddRandomPairs([&](const std::string& a, std::uint16_t v) { AddAddress(a, v); });
  for (int j = 0; j < 8; ++j) {
    AddAddress("ring" + std::to_string(j), 1000);
    AddAddress("ring" + std::to_string(j), 1001);
  }
  Commit();
  ProjectionReport report;
  Project({}, &report);
  EXPECT_EQ(report.combinations, 0u);
}

TEST_F(ProjectionTest, MatchesASerialVerifierOnARandomStore) {
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    Add("r" + std::to_string(rng() % 800), static_cast<KindCode>(1 + rng() % 3),
        static_cast<std::uint8_t>(rng() % 256), 1000 + rng() % 100000);
  }
  Commit();
  ProjectionOptions options;
  CsrGraph g = Project(options);
  auto snapshot = std::move(store_->Snapshot()).value();
  UnixSeconds reference = 0;
  ASSERT_TRUE(snapshot
                  ->ForEachSignal([&](SignalId, const store::SignalInfo& info) {
                    reference = std::max(reference, info.last_seen);
                    return Status::Ok();
                  })
                  .ok());
  std::map<std::pair<NodeId, NodeId>, double> expected;
  for (SignalId s = 0; s < snapshot->num_signals(); ++s) {
    store::SignalInfo info = *snapshot->Signal(s);
    double w = AccountProjection::ValueWeight(
        options, info.kind, info.account_count, info.last_seen, reference,
        MaxHolders(options, info.kind, snapshot->num_accounts()));
    if (w <= 0) continue;
    std::vector<AccountId> holders;
    ASSERT_TRUE(snapshot->SignalAccounts(s, &holders).ok());
    for (std::size_t a = 0; a < holders.size(); ++a) {
      for (std::size_t b = 0; b < holders.size(); ++b) {
        if (a != b) expected[{holders[a], holders[b]}] += static_cast<float>(w);
      }
    }
  }
  std::size_t seen = 0;
  for (NodeId u = 0; u < g.num_vertices(); ++u) {
    for (EdgeIndex e = g.offsets[u]; e < g.offsets[u + 1]; ++e) {
      if (e > g.offsets[u]) {
        EXPECT_LT(g.neighbors[e - 1], g.neighbors[e]);
      }
      auto it = expected.find({u, g.neighbors[e]});
      ASSERT_NE(it, expected.end());
      EXPECT_NEAR(g.weights[e], it->second, 1e-4);
      ++seen;
    }
  }
  EXPECT_EQ(seen, expected.size());
  EXPECT_GT(seen, 100u);
}

}  // namespace
}  // namespace ringgraph::projection
