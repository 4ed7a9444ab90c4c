#include "graph/detection/identity_separation.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "graph/common/temp_dir.h"

namespace ringgraph::detection {
namespace {

constexpr UnixSeconds kHour = 3600;

class IdentitySeparationTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::move(store::AccountStore::Open(dir_.Sub("db"))).value(); }
  void Add(const std::string& account, KindCode kind, std::uint8_t value, int day = 0) {
    names_.push_back(std::make_unique<std::string>(account));
    store::StoreRecord r;
    r.account = *names_.back();
    r.kind = kind;
    r.value.fill(value);
    r.ts = 100 * kHour + day * 24 * kHour + static_cast<UnixSeconds>(pending_.size());
    r.counts_prompt = kind == kTemplateKind;
    pending_.push_back(r);
  }
  // `size` accounts on two cards and one automation host of their own, all running `template`.
  void AddOperation(const std::string& prefix, int size, std::uint8_t base,
                    std::uint8_t template_value) {
    for (int i = 0; i < size; ++i) {
      const std::string a = prefix + std::to_string(i);
      Add(a, kPaymentKind, static_cast<std::uint8_t>(base + i % 2));
      Add(a, kDeviceKind, static_cast<std::uint8_t>(base + 2));
      Add(a, kTemplateKind, template_value);
    }
  }
  // `size` accounts as AddOperation, each running `template` on every one of `days` days from
  // `first_day`: one operator's rhythm.
  void AddOperationOnDays(const std::string& prefix, int size, std::uint8_t base,
                          std::uint8_t template_value, int first_day, int days) {
    AddOperation(prefix, size, base, template_value);
    for (int i = 0; i < size; ++i) {
      for (int d = 0; d < days; ++d)
        Add(prefix + std::to_string(i), kTemplateKind, template_value, first_day + d);
    }
  }
  // Runs the separation over one cluster holding every account; returns the cluster of each.
  // With `rhythm`, the separation measures the population's day overlap too.
  std::vector<ClusterIndex> SeparateOneCluster(IdentitySeparationReport* report,
                                               bool rhythm = false,
                                               IdentitySeparationOptions separate = {}) {
    EXPECT_TRUE(store_->IngestBatch(pending_).ok());
    pending_.clear();
    auto snapshot = std::move(store_->Snapshot()).value();
    projection::ProjectionOptions options;
    options.half_life_days = 0;
    projection::AccountProjection projection(*snapshot, options);
    EXPECT_TRUE(projection.Run().ok());
    CsrGraph graph = projection.TakeGraph();
    // The tracked accounts are the cluster; everyone else is outside it.
    std::vector<ClusterIndex> membership(graph.num_vertices(), 1);
    for (const auto& name : names_order_) membership[**snapshot->FindAccount(name)] = 0;
    auto population = PopulationProfile::Build(*snapshot);
    EXPECT_TRUE(population.ok());
    IdentitySeparation separation =
        rhythm ? IdentitySeparation(*snapshot, graph, projection.weights(), options, *population,
                                    separate)
               : IdentitySeparation(*snapshot, graph, projection.weights(), options, separate);
    Status s = separation.Run(&membership);
    EXPECT_TRUE(s.ok()) << s.ToString();
    *report = separation.report();
    std::vector<ClusterIndex> by_name_order;
    for (const auto& name : names_order_) {
      auto id = snapshot->FindAccount(name);
      EXPECT_TRUE(id.ok() && id->has_value()) << name;
      by_name_order.push_back(membership[**id]);
    }
    return by_name_order;
  }
  // `count` strangers outside the cluster, each with a card of its own, running `template`.
  void AddPublicUsers(int count, std::uint8_t template_value) {
    for (int i = 0; i < count; ++i) {
      const std::string p = "p" + std::to_string(template_value) + "_" + std::to_string(i);
      Add(p, kPaymentKind, static_cast<std::uint8_t>(150 + i));
      Add(p, kTemplateKind, template_value);
    }
  }
  // Operation a (6 accounts, days 0-4) and b (5, five days from `b_first_day`) on template 200,
  // which nobody else runs, among strangers on a template of their own, each on two days of
  // its own (the population's baseline); separated with the rhythm. Checks that each operation
  // stays in one piece.
  std::vector<ClusterIndex> TwoOperationsOnOneWrapper(int b_first_day,
                                                      IdentitySeparationReport* report) {
    AddOperationOnDays("a", 6, 10, 200, 0, 5);
    AddOperationOnDays("b", 5, 20, 200, b_first_day, 5);
    for (int i = 0; i < 40; ++i) {
      const std::string p = "p" + std::to_string(i);
      Add(p, kPaymentKind, static_cast<std::uint8_t>(100 + i));
      Add(p, kTemplateKind, 201, 40 + 2 * i);
      Add(p, kTemplateKind, 201, 41 + 2 * i);
    }
    Track("a", 6);
    Track("b", 5);
    std::vector<ClusterIndex> cluster = SeparateOneCluster(report, /*rhythm=*/true);
    for (int i = 1; i < 6; ++i) EXPECT_EQ(cluster[i], cluster[0]) << "a" << i;
    for (int i = 7; i < 11; ++i) EXPECT_EQ(cluster[i], cluster[6]) << "b" << i - 6;
    return cluster;
  }
  // Operations a (6) and b (5) on template 200, which 20 strangers run too, all going out
  // through address 40, which 12 other strangers use as well (a campus's address, a reseller's
  // exit); the cluster is a and b.
  void AddTwoOperationsThroughOnePlace() {
    AddOperation("a", 6, 10, 200);
    AddOperation("b", 5, 20, 200);
    AddPublicUsers(20, 200);
    for (const auto& [prefix, size] : {std::pair{"a", 6}, std::pair{"b", 5}}) {
      for (int i = 0; i < size; ++i) Add(prefix + std::to_string(i), kIpKind, 40);
    }
    for (int i = 0; i < 12; ++i) {
      const std::string c = "c" + std::to_string(i);
      Add(c, kPaymentKind, static_cast<std::uint8_t>(60 + i));
      Add(c, kIpKind, 40);
    }
    Track("a", 6);
    Track("b", 5);
  }
  void Track(const std::string& prefix, int size) {
    for (int i = 0; i < size; ++i) names_order_.push_back(prefix + std::to_string(i));
  }

  TempDir dir_;
  std::unique_ptr<store::AccountStore> store_;
  std::vector<std::unique_ptr<std::string>> names_;
  std::vector<store::StoreRecord> pending_;
  std::vector<std::string> names_order_;
};

TEST_F(IdentitySeparationTest, TwoOperationsOnOneTemplateBecomeTwoClusters) {
  AddOperation("a", 6, 10, 200);
  AddOperation("b", 5, 20, 200);
  AddPublicUsers(20, 200);  // the template is bought or copied: most of its holders are outside
  // A hanger-on with a card of its own, tied to ring b's host and the shared template.
  Add("h0", kPaymentKind, 90);
  Add("h0", kTemplateKind, 200);
  Add("h0", kDeviceKind, 22);
  Track("a", 6);
  Track("b", 5);
  Track("h", 1);
  IdentitySeparationReport report;
  std::vector<ClusterIndex> cluster = SeparateOneCluster(&report);
  EXPECT_EQ(report.clusters_split, 1u);
  EXPECT_EQ(report.clusters_made, 2u);
  for (int i = 1; i < 6; ++i) EXPECT_EQ(cluster[i], cluster[0]) << "a" << i;
  for (int i = 7; i < 11; ++i) EXPECT_EQ(cluster[i], cluster[6]) << "b" << i - 6;
  EXPECT_NE(cluster[0], cluster[6]);
  EXPECT_EQ(cluster[11], cluster[6]);  // through the host it shares with b
}

// Two operations on one bought template that also share a place. By every value they are one
// group; by the values that are their own (most holders in the cluster) the address is a place
// they pass through with others, and they are two.
TEST_F(IdentitySeparationTest, AnAddressHeldMostlyByOthersJoinsOnlyWhenAllValuesCount) {
  AddTwoOperationsThroughOnePlace();
  IdentitySeparationReport every_value;
  std::vector<ClusterIndex> cluster = SeparateOneCluster(&every_value);
  EXPECT_EQ(every_value.clusters_split, 0u);
  for (ClusterIndex c : cluster) EXPECT_EQ(c, 0u);
}

TEST_F(IdentitySeparationTest, OnlyValuesOfTheirOwnSeparateOperationsThatShareAPlace) {
  AddTwoOperationsThroughOnePlace();
  IdentitySeparationReport own_values;
  std::vector<ClusterIndex> cluster =
      SeparateOneCluster(&own_values, false, {.own_values_only = true});
  EXPECT_EQ(own_values.clusters_split, 1u);
  for (int i = 1; i < 6; ++i) EXPECT_EQ(cluster[i], cluster[0]) << "a" << i;
  for (int i = 7; i < 11; ++i) EXPECT_EQ(cluster[i], cluster[6]) << "b" << i - 6;
  EXPECT_NE(cluster[0], cluster[6]);
}

TEST_F(IdentitySeparationTest, AMemberTiedOnlyByTheTemplateJoinsTheGroupItIsClosestTo) {
  AddOperation("a", 6, 10, 200);
  AddOperation("b", 4, 20, 201);
  AddPublicUsers(20, 200);
  AddPublicUsers(20, 201);
  // Runs both templates: its projected weight to b (whose profile it matches better) decides.
  Add("x0", kTemplateKind, 201);
  Add("x0", kTemplateKind, 201);
  Track("a", 6);
  Track("b", 4);
  Track("x", 1);
  IdentitySeparationReport report;
  std::vector<ClusterIndex> cluster = SeparateOneCluster(&report);
  EXPECT_EQ(report.clusters_split, 1u);
  EXPECT_EQ(cluster[10], cluster[6]);
  EXPECT_NE(cluster[10], cluster[0]);
}

TEST_F(IdentitySeparationTest, GroupsSharingACampaignOfTheirOwnStayOne) {
  // One operation whose two card-and-host sets do not overlap, on a template nobody else runs:
  // the template is its campaign, and the cluster is one ring.
  AddOperation("a", 6, 10, 200);
  AddOperation("b", 5, 20, 200);
  AddPublicUsers(5, 200);  // a few outside holders: still mostly the cluster's
  Track("a", 6);
  Track("b", 5);
  IdentitySeparationReport report;
  std::vector<ClusterIndex> cluster = SeparateOneCluster(&report);
  EXPECT_EQ(report.clusters_split, 0u);
  for (ClusterIndex c : cluster) EXPECT_EQ(c, 0u);
}

// The same cluster as a carving group: split into its identity groups whatever they share (a
// ring's groups are pieces that regrouping joins again).
TEST_F(IdentitySeparationTest, ACampaignOfTheirOwnKeepsGroupsTogetherOnlyWhereAsked) {
  AddOperation("a", 6, 10, 200);
  AddOperation("b", 5, 20, 200);
  AddPublicUsers(5, 200);
  Track("a", 6);
  Track("b", 5);
  IdentitySeparationReport report;
  std::vector<ClusterIndex> cluster =
      SeparateOneCluster(&report, false, {.own_campaign_keeps_together = false});
  EXPECT_EQ(report.clusters_split, 1u);
  EXPECT_EQ(report.clusters_made, 2u);
  for (int i = 1; i < 6; ++i) EXPECT_EQ(cluster[i], cluster[0]) << "a" << i;
  for (int i = 7; i < 11; ++i) EXPECT_EQ(cluster[i], cluster[6]) << "b" << i - 6;
  EXPECT_NE(cluster[0], cluster[6]);
}

// Two operators pasting one wrapper that few others use: the template is mostly theirs, but
// each runs its accounts on its own days, so the cluster is split by rhythm; the same two
// groups on the same days stay one operation.
TEST_F(IdentitySeparationTest, GroupsSharingACampaignOnTheirOwnDaysAreSplit) {
  IdentitySeparationReport report;
  std::vector<ClusterIndex> cluster = TwoOperationsOnOneWrapper(/*b_first_day=*/20, &report);
  EXPECT_EQ(report.clusters_split, 1u);
  EXPECT_EQ(report.out_of_step, 1u);
  EXPECT_EQ(report.clusters_made, 2u);
  EXPECT_NE(cluster[0], cluster[6]);
}

TEST_F(IdentitySeparationTest, GroupsSharingACampaignOnTheSameDaysStayOne) {
  IdentitySeparationReport report;
  std::vector<ClusterIndex> cluster = TwoOperationsOnOneWrapper(/*b_first_day=*/0, &report);
  EXPECT_EQ(report.clusters_split, 0u);
  EXPECT_EQ(report.out_of_step, 0u);
  EXPECT_EQ(cluster[0], cluster[6]);
}

TEST_F(IdentitySeparationTest, OneOperationOrBehaviourAloneStaysWhole) {
  // One operation on one host, and strangers tied by the template only: no identity split.
  AddOperation("a", 8, 10, 200);
  for (int i = 0; i < 6; ++i) {
    const std::string s = "s" + std::to_string(i);
    Add(s, kPaymentKind, static_cast<std::uint8_t>(100 + i));
    Add(s, kTemplateKind, 200);
  }
  Track("a", 8);
  Track("s", 6);
  IdentitySeparationReport report;
  std::vector<ClusterIndex> cluster = SeparateOneCluster(&report);
  EXPECT_EQ(report.clusters_split, 0u);
  for (ClusterIndex c : cluster) EXPECT_EQ(c, 0u);
}

TEST_F(IdentitySeparationTest, GroupsTooSmallOrCoveringTooLittleAreNotSplit) {
  // Two pairs sharing cards (under min_group_members) inside a cluster tied by a template.
  AddOperation("a", 2, 10, 200);
  AddOperation("b", 2, 20, 200);
  for (int i = 0; i < 4; ++i) {
    const std::string s = "s" + std::to_string(i);
    Add(s, kPaymentKind, static_cast<std::uint8_t>(100 + i));
    Add(s, kTemplateKind, 200);
  }
  Track("a", 2);
  Track("b", 2);
  Track("s", 4);
  IdentitySeparationReport report;
  std::vector<ClusterIndex> cluster = SeparateOneCluster(&report);
  EXPECT_EQ(report.clusters_split, 0u);
  for (ClusterIndex c : cluster) EXPECT_EQ(c, 0u);
}

}  // namespace
}  // namespace ringgraph::detection
