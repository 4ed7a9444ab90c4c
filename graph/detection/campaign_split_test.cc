#include "graph/detection/campaign_split.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <set>
#include <string>

#include "graph/common/temp_dir.h"
#include "graph/detection/phase_inputs_testing.h"

namespace ringgraph::detection {
namespace {

// Same templates on the same days is 1; no template in common is 0 whatever the days; days
// that overlap no more than strangers' do are 0 whatever the templates; in between, the
// cosine of the mixes times the overlap above the baseline, as a share of what is left above it.
TEST(CampaignLikenessTest, IsTemplateCosineTimesStepAboveStrangers) {
  const TemplateMix one = {{7, 1.0}};
  const TemplateMix other = {{9, 1.0}};
  const TemplateMix half = {{7, 0.6}, {9, 0.8}};
  const std::vector<std::uint32_t> week = {1, 2, 3, 4, 5, 6};
  const std::vector<std::uint32_t> later = {4, 5, 6, 7, 8, 9};  // J = 3 / 9
  const std::vector<std::uint32_t> apart = {20, 21};
  EXPECT_DOUBLE_EQ(CampaignSplit::Likeness(one, one, week, week, 0.1), 1.0);
  EXPECT_DOUBLE_EQ(CampaignSplit::Likeness(one, other, week, week, 0.1), 0.0);
  EXPECT_DOUBLE_EQ(CampaignSplit::Likeness(one, one, week, apart, 0.1), 0.0);
  EXPECT_NEAR(CampaignSplit::Likeness(one, half, week, week, 0.1), 0.6, 1e-12);
  EXPECT_NEAR(CampaignSplit::Likeness(one, one, week, later, 0.1), (3.0 / 9 - 0.1) / 0.9, 1e-12);
  EXPECT_DOUBLE_EQ(CampaignSplit::Likeness(one, one, week, later, 0.5), 0.0);
  EXPECT_DOUBLE_EQ(CampaignSplit::Likeness({}, one, week, week, 0.1), 0.0);
}

// A template some members never send marks a campaign only when chance cannot explain it.
TEST(CampaignContrastTest, MarksATemplateMembersMissFarMoreOftenThanChance) {
  std::vector<MemberCampaign> campaigns;
  // Ten members send templates 1 and 2, ten send 1, 2 and 3: twenty prompts each.
  for (int i = 0; i < 20; ++i) {
    MemberCampaign c;
    c.prompts = 20;
    if (i < 10) {
      c.counts = {{1, 10}, {2, 10}};
    } else {
      c.counts = {{1, 7}, {2, 7}, {3, 6}};
    }
    campaigns.push_back(c);
  }
  // Twenty members with two prompts each over templates 4, 5 and 6: most miss one template,
  // as chance has it.
  std::vector<MemberCampaign> sparse;
  for (int i = 0; i < 20; ++i) {
    MemberCampaign c;
    c.prompts = 2;
    c.counts = {{static_cast<SignalId>(4 + i % 3), 1}, {static_cast<SignalId>(4 + (i + 1) % 3), 1}};
    sparse.push_back(c);
  }
  EXPECT_EQ(CampaignSplit::Contrasting(campaigns, 1e-3), std::vector<SignalId>{3});
  EXPECT_TRUE(CampaignSplit::Contrasting(sparse, 1e-3).empty());
  EXPECT_TRUE(CampaignSplit::Contrasting(campaigns, 0).empty());
}

class CampaignSplitTest : public PhaseTest {
 protected:
  // `size` accounts behind one front (the same three cards and six exits for every ring of the
  // same `front`), each sending three prompts a day on `templates` (in turn) from `first_day`
  // for `days` days; member i starts `stagger` x (i mod 5) days later.
  void AddRing(const char* prefix, int size, std::vector<std::uint32_t> templates, int first_day,
               int days, int stagger = 0, std::uint32_t front = 0) {
    for (int i = 0; i < size; ++i) {
      const std::string a = Name(prefix, i);
      Record(a, kPaymentKind, 100 + front * 1000 + static_cast<std::uint32_t>(i % 3), kStart);
      for (int k = 0; k < 2; ++k) {
        Record(a, kIpKind, 200 + front * 1000 + static_cast<std::uint32_t>((i + k) % 6), kStart);
      }
      const int start = first_day + stagger * (i % 5);
      for (int d = 0; d < days; ++d) {
        for (int p = 0; p < 3; ++p) {
          const std::uint32_t t = templates[static_cast<std::size_t>(d * 3 + p) % templates.size()];
          Record(a, kTemplateKind, t, kStart + (start + d) * kDay + p * 600).counts_prompt = true;
        }
      }
    }
  }
  // A reseller's honest customers: `count` accounts paying with the cards of `front`, put in
  // the strangers' cluster by the start returned.
  std::vector<std::pair<std::string, ClusterIndex>> AddCustomers(int count, std::uint32_t front) {
    std::vector<std::pair<std::string, ClusterIndex>> start;
    for (int i = 0; i < count; ++i) {
      Record(Name("k", i), kPaymentKind, 100 + front * 1000 + static_cast<std::uint32_t>(i % 3),
             kStart);
      start.emplace_back(Name("k", i), 1);
    }
    return start;
  }
  // Accounts of their own active on three days each over a year: the baseline overlap.
  void AddStrangers(int count) {
    for (int i = 0; i < count; ++i) {
      Record(Name("s", i), kPaymentKind, 10'000 + static_cast<std::uint32_t>(i), kStart);
      for (int d = 0; d < 3; ++d) {
        store::StoreRecord& r =
            Record(Name("s", i), kPromptKind, 0, kStart + ((i * 37 + d * 101) % 365) * kDay);
        r.has_signal = false;
        r.counts_prompt = true;
      }
    }
  }
  // The strangers in cluster 1, every other account in cluster 0 unless `start` says otherwise
  // (accounts in clusters 2 and up are candidates too); splits the candidates.
  std::vector<ClusterIndex> SplitRings(
      CampaignSplitOptions options, CampaignSplitReport* report,
      const std::vector<std::pair<std::string, ClusterIndex>>& start = {}) {
    std::vector<ClusterIndex> membership(in_.snapshot->num_accounts(), 0);
    for (int i = 0; i < kStrangers; ++i) membership[Id(Name("s", i))] = 1;
    for (const auto& [name, cluster] : start) membership[Id(name)] = cluster;
    CampaignSplit split(*in_.snapshot, *in_.weights, in_.projection, *in_.population, options);
    Status s = split.Run(&membership, [](ClusterIndex c) { return c != 1; });
    EXPECT_TRUE(s.ok()) << s.ToString();
    *report = split.report();
    return membership;
  }
  // The clusters the members of a ring are in.
  std::set<ClusterIndex> ClustersOf(const std::vector<ClusterIndex>& membership, const char* prefix,
                                    int size) {
    std::set<ClusterIndex> out;
    for (int i = 0; i < size; ++i) out.insert(membership[Id(Name(prefix, i))]);
    return out;
  }

  // Rings a (24 accounts, templates 1 and 2) and b (24, template 3, twenty days later) behind one
  // front, and the strangers; ingested. Returns the start that puts the second half of each ring
  // in cluster 2, the first halves staying in cluster 0.
  std::vector<std::pair<std::string, ClusterIndex>> TwoRingsInHalves() {
    AddRing("a", 24, {1, 2}, 0, 6);
    AddRing("b", 24, {3}, 20, 6);
    AddStrangers(kStrangers);
    Ingest();
    std::vector<std::pair<std::string, ClusterIndex>> halves;
    for (int i = 12; i < 24; ++i) {
      halves.emplace_back(Name("a", i), 2);
      halves.emplace_back(Name("b", i), 2);
    }
    return halves;
  }
  // Whether each ring is whole in one cluster and the rings are in different clusters.
  ::testing::AssertionResult WholeAndApart(const std::vector<ClusterIndex>& membership,
                                           std::vector<std::pair<const char*, int>> rings) {
    std::set<ClusterIndex> seen;
    for (const auto& [prefix, size] : rings) {
      const std::set<ClusterIndex> in = ClustersOf(membership, prefix, size);
      if (in.size() != 1) {
        return ::testing::AssertionFailure()
               << "ring " << prefix << " is in " << in.size() << " clusters";
      }
      if (!seen.insert(*in.begin()).second) {
        return ::testing::AssertionFailure() << "ring " << prefix << " shares its cluster";
      }
    }
    return ::testing::AssertionSuccess();
  }

  static constexpr int kStrangers = 60;
};

// Three rings behind one front: a and b on the same days with other templates, a and c on the
// same templates on other days. Each becomes a cluster of its own; the strangers' cluster,
// not a candidate, is left alone.
TEST_F(CampaignSplitTest, SplitsRingsBehindOneFrontByTheirCampaigns) {
  AddRing("a", 12, {1, 2}, 0, 6);
  AddRing("b", 12, {3}, 0, 6);
  AddRing("c", 12, {1, 2}, 30, 6);
  AddStrangers(kStrangers);
  Ingest();
  CampaignSplitReport report;
  const std::vector<ClusterIndex> membership = SplitRings({}, &report);
  EXPECT_EQ(report.clusters_considered, 1u);
  EXPECT_EQ(report.clusters_split, 1u);
  EXPECT_EQ(report.parts_made, 3u);
  const std::set<ClusterIndex> a = ClustersOf(membership, "a", 12);
  const std::set<ClusterIndex> b = ClustersOf(membership, "b", 12);
  const std::set<ClusterIndex> c = ClustersOf(membership, "c", 12);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(std::set<ClusterIndex>({*a.begin(), *b.begin(), *c.begin()}).size(), 3u);
  EXPECT_EQ(ClustersOf(membership, "s", kStrangers), std::set<ClusterIndex>{1});
  // Part 0 (the first, as large as any) keeps the cluster's index; the others are new.
  EXPECT_TRUE(a.contains(0) || b.contains(0) || c.contains(0));
  for (const auto& ring : {a, b, c}) EXPECT_TRUE(*ring.begin() == 0 || *ring.begin() >= 2);
}

// One ring whose members start a few days apart: Leiden cuts it by start day when nothing
// checks the cut (pairs across the parts are still well alike), and verify keeps it whole.
TEST_F(CampaignSplitTest, KeepsOneCampaignWholeWhenItsPartsAreNotDistinct) {
  AddRing("a", 40, {1, 2}, 0, 6, /*stagger=*/2);
  AddStrangers(kStrangers);
  Ingest();
  CampaignSplitReport report;
  CampaignSplitOptions unchecked;
  unchecked.max_cross_share = 1.0;
  EXPECT_GT(ClustersOf(SplitRings(unchecked, &report), "a", 40).size(), 1u);
  EXPECT_EQ(report.clusters_split, 1u);

  const std::vector<ClusterIndex> membership = SplitRings({}, &report);
  EXPECT_EQ(ClustersOf(membership, "a", 40), std::set<ClusterIndex>{0});
  EXPECT_EQ(report.clusters_split, 0u);
  EXPECT_EQ(report.not_distinct, 1u);
}

// The same ring beside another campaign: Leiden cuts ring a by start day as above, and the
// cluster as a whole passes the verify bar (pairs across a and b are not alike at all), yet a's
// two parts are as alike as ever. Parts are kept apart two by two, so a stays whole.
TEST_F(CampaignSplitTest, KeepsTheCutsOfOneCampaignWholeBesideAnother) {
  AddRing("a", 40, {1, 2}, 0, 6, /*stagger=*/1);
  AddRing("b", 20, {3}, 0, 6);
  AddStrangers(kStrangers);
  Ingest();
  CampaignSplitReport report;
  const std::vector<ClusterIndex> membership = SplitRings({}, &report);
  EXPECT_EQ(report.clusters_split, 1u);
  EXPECT_EQ(report.parts_made, 2u);
  EXPECT_TRUE(WholeAndApart(membership, {{"a", 40}, {"b", 20}}));

  CampaignSplitOptions as_a_whole;
  as_a_whole.verify_each_pair = false;
  EXPECT_GT(ClustersOf(SplitRings(as_a_whole, &report), "a", 40).size(), 1u);
}

// Two rings behind one front on the same days, one running two templates and the other those
// two and two more: pairs across are 0.7 as alike as pairs inside, too alike for the likeness
// bar, but sixteen members never send the other ring's two templates, which chance would not
// do. Split by that; with the second question switched off (contrast_alpha 0), kept whole.
TEST_F(CampaignSplitTest, SplitsRingsThatShareSomeTemplatesByTheOnesOneNeverSends) {
  AddRing("x", 16, {1, 2}, 0, 6);
  AddRing("y", 16, {1, 2, 3, 4}, 0, 6);
  AddStrangers(kStrangers);
  Ingest();
  CampaignSplitReport report;
  const std::vector<ClusterIndex> membership = SplitRings({}, &report);
  EXPECT_EQ(report.clusters_split, 1u);
  EXPECT_EQ(report.parts_made, 2u);
  EXPECT_TRUE(WholeAndApart(membership, {{"x", 16}, {"y", 16}}));

  CampaignSplitOptions likeness_only;
  likeness_only.contrast_alpha = 0;
  const std::vector<ClusterIndex> whole = SplitRings(likeness_only, &report);
  EXPECT_EQ(report.clusters_split, 0u);
  EXPECT_EQ(ClustersOf(whole, "x", 16), std::set<ClusterIndex>{0});
  EXPECT_EQ(ClustersOf(whole, "y", 16), std::set<ClusterIndex>{0});
}

// Two rings behind one reseller's cards (which a hundred of its customers hold too), one running
// three templates and the other those three and a fourth, their members starting over eight
// days: Leiden cuts by start day, each part holding members of both rings, so neither likeness
// nor the templates the parts send tells them apart. Each member sends every template of its
// ring (eighteen prompts), so the set it sends is its ring's: grouped by those sets, the two
// come out apart. Off, they stay together. And when the cards are the rings' own (no customer
// holds them), the two sets are one operator's accounts and are not split.
TEST_F(CampaignSplitTest, GroupsRingsByTheTemplateSetEachMemberSends) {
  AddRing("x", 20, {1, 2, 3}, 0, 6, /*stagger=*/2);
  AddRing("y", 20, {1, 2, 3, 4}, 0, 6, /*stagger=*/2);
  AddStrangers(kStrangers);
  const std::vector<std::pair<std::string, ClusterIndex>> customers = AddCustomers(100, 0);
  Ingest();
  CampaignSplitReport report;
  const std::vector<ClusterIndex> membership = SplitRings({}, &report, customers);
  EXPECT_TRUE(WholeAndApart(membership, {{"x", 20}, {"y", 20}}));

  CampaignSplitOptions without_sets;
  without_sets.split_by_template_set = false;
  EXPECT_FALSE(WholeAndApart(SplitRings(without_sets, &report, customers), {{"x", 20}, {"y", 20}}));
}

TEST_F(CampaignSplitTest, KeepsOneOperatorsTemplateSetsTogetherWhenItsCardsAreItsOwn) {
  AddRing("x", 20, {1, 2, 3}, 0, 6, /*stagger=*/2);
  AddRing("y", 20, {1, 2, 3, 4}, 0, 6, /*stagger=*/2);
  AddStrangers(kStrangers);
  Ingest();
  CampaignSplitReport report;
  const std::vector<ClusterIndex> membership = SplitRings({}, &report);
  EXPECT_EQ(ClustersOf(membership, "x", 20), std::set<ClusterIndex>{0});
  EXPECT_EQ(ClustersOf(membership, "y", 20), std::set<ClusterIndex>{0});
}

// Clusters below min_members are not considered.
TEST_F(CampaignSplitTest, LeavesSmallClustersAlone) {
  AddRing("a", 4, {1}, 0, 6);
  AddRing("b", 4, {3}, 20, 6);
  AddStrangers(kStrangers);
  Ingest();
  CampaignSplitReport report;
  const std::vector<ClusterIndex> membership = SplitRings({}, &report);
  EXPECT_EQ(report.clusters_considered, 0u);
  EXPECT_EQ(ClustersOf(membership, "a", 4), std::set<ClusterIndex>{0});
  EXPECT_EQ(ClustersOf(membership, "b", 4), std::set<ClusterIndex>{0});
}

// Two rings behind one front that the partition cut across: each of two clusters holds half of
// ring a and half of ring b. Split one by one, the clusters give four parts; the rejoin phase
// joins each ring's two halves again (same front, one campaign), and not the two rings. With
// rejoin off, each ring stays in two halves. (Fronts off: by default the two clusters, behind
// one front, are split as one; see the next test.)
TEST_F(CampaignSplitTest, RejoinsTheHalvesOfARingThatTwoClustersHeld) {
  const std::vector<std::pair<std::string, ClusterIndex>> halves = TwoRingsInHalves();
  CampaignSplitReport report;
  CampaignSplitOptions one_by_one;
  one_by_one.join_fronts = false;
  const std::vector<ClusterIndex> membership = SplitRings(one_by_one, &report, halves);
  EXPECT_EQ(report.clusters_split, 2u);
  EXPECT_EQ(report.parts_made, 4u);
  EXPECT_EQ(report.parts_rejoined, 2u);
  EXPECT_TRUE(WholeAndApart(membership, {{"a", 24}, {"b", 24}}));
  // Indices stay dense: strangers 1, the rings 0 and 2, and nothing else.
  std::set<ClusterIndex> all(membership.begin(), membership.end());
  EXPECT_EQ(all, std::set<ClusterIndex>({0, 1, 2}));

  CampaignSplitOptions no_rejoin;
  no_rejoin.join_fronts = false;
  no_rejoin.rejoin_candidates = 0;
  const std::vector<ClusterIndex> apart = SplitRings(no_rejoin, &report, halves);
  EXPECT_EQ(report.parts_rejoined, 0u);
  EXPECT_EQ(ClustersOf(apart, "a", 24).size(), 2u);
  EXPECT_EQ(ClustersOf(apart, "b", 24).size(), 2u);
}

// The same campaign on the same days behind two fronts (other cards, other exits) is two
// operators that bought the same templates: their parts are not joined.
TEST_F(CampaignSplitTest, DoesNotRejoinPartsBehindDifferentFronts) {
  AddRing("a", 12, {1, 2}, 0, 6, 0, /*front=*/0);
  AddRing("b", 12, {3}, 20, 6, 0, /*front=*/0);
  AddRing("c", 12, {1, 2}, 0, 6, 0, /*front=*/1);
  AddRing("d", 12, {3}, 20, 6, 0, /*front=*/1);
  AddStrangers(kStrangers);
  Ingest();
  std::vector<std::pair<std::string, ClusterIndex>> second;
  for (int i = 0; i < 12; ++i) {
    second.emplace_back(Name("c", i), 2);
    second.emplace_back(Name("d", i), 2);
  }
  CampaignSplitReport report;
  const std::vector<ClusterIndex> membership = SplitRings({}, &report, second);
  EXPECT_EQ(report.clusters_split, 2u);
  EXPECT_EQ(report.parts_rejoined, 0u);
  std::set<ClusterIndex> rings;
  for (const char* ring : {"a", "b", "c", "d"}) {
    const std::set<ClusterIndex> in = ClustersOf(membership, ring, 12);
    ASSERT_EQ(in.size(), 1u) << ring;
    rings.insert(*in.begin());
  }
  EXPECT_EQ(rings.size(), 4u);
}

// The same two clusters, each half of ring a and half of ring b behind one front: they hold the
// front's cards, so they are split as one, and each ring comes out whole.
TEST_F(CampaignSplitTest, SplitsTheClustersOfOneFrontAsOne) {
  const std::vector<std::pair<std::string, ClusterIndex>> halves = TwoRingsInHalves();
  CampaignSplitReport report;
  const std::vector<ClusterIndex> membership = SplitRings({}, &report, halves);
  EXPECT_EQ(report.fronts_joined, 1u);
  EXPECT_EQ(report.front_clusters, 2u);
  EXPECT_EQ(report.parts_rejoined, 0u);
  EXPECT_TRUE(WholeAndApart(membership, {{"a", 24}, {"b", 24}}));
  std::set<ClusterIndex> all(membership.begin(), membership.end());
  EXPECT_EQ(all, std::set<ClusterIndex>({0, 1, 2}));
}

// Ring c, behind a front of its own, runs ring a's campaign on a's days; its cluster also holds
// two members of ring b, on a's front. Most of c's cluster holds none of that front's cards, so
// it is not behind it: it is split alone, and c is not joined with a. Were the two clusters
// one front, their union would be split by campaign alone, and a and c, alike, joined.
TEST_F(CampaignSplitTest, LeavesOutAClusterOnlyAFewOfWhoseMembersHoldTheFront) {
  AddRing("a", 12, {1, 2}, 0, 6, 0, /*front=*/0);
  AddRing("b", 14, {3}, 20, 6, 0, /*front=*/0);
  AddRing("c", 12, {1, 2}, 0, 6, 0, /*front=*/1);
  AddStrangers(kStrangers);
  Ingest();
  std::vector<std::pair<std::string, ClusterIndex>> start;
  for (int i = 0; i < 12; ++i) start.emplace_back(Name("c", i), 2);
  for (int i = 12; i < 14; ++i) start.emplace_back(Name("b", i), 2);
  CampaignSplitReport report;
  const std::vector<ClusterIndex> membership = SplitRings({}, &report, start);
  EXPECT_EQ(report.fronts_joined, 0u);
  EXPECT_TRUE(WholeAndApart(membership, {{"a", 12}, {"c", 12}}));
}

}  // namespace
}  // namespace ringgraph::detection
