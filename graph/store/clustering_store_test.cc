// Clustering versions, memberships and history: written, pruned and read back.
#include "graph/store/clustering_store.h"

#include <gtest/gtest.h>

#include "graph/common/temp_dir.h"
#include "graph/store/detection_store.h"

namespace ringgraph::store {
namespace {

ClusteringVersion TwoClusters(ClusterId first_id, double first_score) {
  ClusteringVersion v;
  v.computed_at = 1000;
  v.clusters = {{first_id, first_score, first_score >= 0.5, 0, R"({"summary":"a"})"},
                {first_id + 1, 0.1, false, 0, R"({"summary":"b"})"}};
  v.members = {{0, 1, 2}, {5, 6}};
  v.history = {{R"({"event":"birth"})"}};
  return v;
}

TEST(ClusteringStoreTest, WritesVersionsAndKeepsOnlyTheNewestK) {
  TempDir dir;
  auto store = std::move(AccountStore::Open(dir.Sub("db"))).value();
  auto detection = std::move(DetectionStore::Open(*store)).value();
  ClusteringStore* clusterings = &detection->clusterings();
  EXPECT_FALSE(clusterings->Latest()->has_value());

  for (int i = 0; i < 4; ++i) {
    ClusteringVersion v = TwoClusters(10 + i, 0.9);
    ASSERT_TRUE(clusterings->Write(v, /*keep_versions=*/2).ok());
    EXPECT_EQ(v.version, static_cast<std::uint64_t>(i + 1));
  }
  auto versions = *clusterings->Versions();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 3u);
  EXPECT_EQ(versions[1].version, 4u);
  EXPECT_EQ(versions[1].clusters, 2u);
  EXPECT_EQ(versions[1].flagged, 1u);
  EXPECT_EQ(versions[1].accounts, 5u);
  // Version 1's rows are gone, version 3's are still there.
  EXPECT_FALSE(clusterings->ClusterOf(1, 0)->has_value());
  EXPECT_FALSE(clusterings->Cluster(1, 10)->has_value());
  ASSERT_TRUE(clusterings->ClusterOf(3, 0)->has_value());
  EXPECT_EQ(clusterings->ClusterOf(3, 0)->value().cluster, 12u);
}

TEST(ClusteringStoreTest, AnswersMembershipClustersMembersAndHistory) {
  TempDir dir;
  auto store = std::move(AccountStore::Open(dir.Sub("db"))).value();
  auto detection = std::move(DetectionStore::Open(*store)).value();
  ClusteringStore* clusterings = &detection->clusterings();
  ClusteringVersion v = TwoClusters(7, 0.8);
  ASSERT_TRUE(clusterings->Write(v, 3).ok());
  Membership m = clusterings->ClusterOf(1, 6)->value();
  EXPECT_EQ(m.cluster, 8u);
  EXPECT_FALSE(m.flagged);
  EXPECT_FALSE(clusterings->ClusterOf(1, 3)->has_value());  // in no cluster: a normal answer
  ClusterRecord c = clusterings->Cluster(1, 7)->value();
  EXPECT_TRUE(c.flagged);
  EXPECT_EQ(c.size, 3u);
  EXPECT_EQ(c.details_json, R"({"summary":"a"})");
  std::vector<AccountId> members;
  ASSERT_TRUE(clusterings->Members(1, 7, &members).ok());
  EXPECT_EQ(members, (std::vector<AccountId>{0, 1, 2}));
  std::vector<ClusterId> seen;
  ASSERT_TRUE(clusterings
                  ->ForEachCluster(1,
                                   [&](const ClusterRecord& r) {
                                     seen.push_back(r.id);
                                     return Status::Ok();
                                   })
                  .ok());
  EXPECT_EQ(seen, (std::vector<ClusterId>{7, 8}));
  std::vector<HistoryEvent> history;
  ASSERT_TRUE(clusterings->History(1, &history).ok());
  ASSERT_EQ(history.size(), 1u);
}

}  // namespace
}  // namespace ringgraph::store
