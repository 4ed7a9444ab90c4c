#include "graph/detection/cluster_matching.h"

#include <gtest/gtest.h>

namespace ringgraph::detection {
namespace {

int Count(const MatchingResult& r, const std::string& event) {
  int n = 0;
  for (const std::string& e : r.events) n += e.find("\"" + event + "\"") != std::string::npos;
  return n;
}

TEST(ClusterMatchingTest, TheSameRingKeepsItsIdAfterSmallChanges) {
  // Previous: ring 40 = {0..9}. Now: {1..11} (lost one, gained two): Jaccard 9/12 = 0.75.
  std::vector<PreviousCluster> previous = {{40, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}}};
  std::vector<std::vector<AccountId>> current = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}};
  MatchingResult r = MatchClusters(previous, current, /*next_id=*/41);
  ASSERT_EQ(r.ids.size(), 1u);
  EXPECT_EQ(r.ids[0], 40u);
  EXPECT_EQ(r.next_id, 41u);
  EXPECT_EQ(r.kept, 1u);
  EXPECT_EQ(Count(r, "continue"), 1);
}

TEST(ClusterMatchingTest, BirthsAndDeathsGetFreshIdsAndEvents) {
  std::vector<PreviousCluster> previous = {{5, {0, 1, 2}}};
  std::vector<std::vector<AccountId>> current = {{7, 8, 9}};
  MatchingResult r = MatchClusters(previous, current, /*next_id=*/6);
  EXPECT_EQ(r.ids[0], 6u);
  EXPECT_EQ(r.next_id, 7u);
  EXPECT_EQ(r.born, 1u);
  EXPECT_EQ(r.died, 1u);
}

TEST(ClusterMatchingTest, RecordsMergesAndSplits) {
  // Merge: {0..3} and {4..7} become one. Split: {10..19} becomes {10..14} and {15..19}.
  std::vector<PreviousCluster> previous = {
      {1, {0, 1, 2, 3}}, {2, {4, 5, 6, 7}}, {3, {10, 11, 12, 13, 14, 15, 16, 17, 18, 19}}};
  std::vector<std::vector<AccountId>> current = {
      {0, 1, 2, 3, 4, 5, 6, 7}, {10, 11, 12, 13, 14}, {15, 16, 17, 18, 19}};
  MatchingResult r = MatchClusters(previous, current, /*next_id=*/4);
  EXPECT_EQ(r.merged, 1u);
  EXPECT_EQ(r.split, 1u);
  EXPECT_EQ(r.died, 0u);
  EXPECT_EQ(Count(r, "merge"), 1);
  EXPECT_EQ(Count(r, "split"), 1);
  // Jaccard 0.5 keeps an id for the merged cluster and for one half of the split.
  EXPECT_EQ(r.kept, 2u);
  bool merge_names_both = false;
  for (const std::string& e : r.events) {
    merge_names_both |=
        e.find("\"merge\"") != std::string::npos && e.find("\"from\":[1,2]") != std::string::npos;
  }
  EXPECT_TRUE(merge_names_both);
}

TEST(ClusterMatchingTest, FirstRunNumbersClustersFromTheCounter) {
  MatchingResult r = MatchClusters({}, {{1, 2}, {3, 4}}, /*next_id=*/1);
  EXPECT_EQ(r.ids, (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(r.born, 2u);
  EXPECT_EQ(r.next_id, 3u);
}

}  // namespace
}  // namespace ringgraph::detection
