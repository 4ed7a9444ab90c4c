// A clustering moved between two stores that numbered the same accounts differently: encoded
// with names on one, decoded and installed on the other, it answers the same; bad bytes are
// refused.
#include "graph/store/clustering_transfer.h"

#include <gtest/gtest.h>

#include "graph/common/temp_dir.h"
#include "graph/store/detection_store.h"

namespace ringgraph::store {
namespace {

StoreRecord Record(std::string_view account, std::uint8_t value) {
  StoreRecord r;
  r.account = account;
  r.kind = kIpKind;
  r.value.fill(value);
  r.ts = 100;
  return r;
}

// Two stores holding accounts a, b, c and d, met in opposite orders, so that a is id 0 on the
// leader and id 3 on the follower:
//   leader:   a=0 b=1 c=2 d=3        follower: d=0 c=1 b=2 a=3
// The follower has not ingested e yet.
struct TwoStores {
  TempDir dir;
  std::unique_ptr<AccountStore> leader_store, follower_store;
  std::unique_ptr<DetectionStore> leader, follower;

  TwoStores() {
    leader_store = std::move(AccountStore::Open(dir.Sub("leader"))).value();
    follower_store = std::move(AccountStore::Open(dir.Sub("follower"))).value();
    std::vector<StoreRecord> forward = {Record("a", 1), Record("b", 1), Record("c", 2),
                                        Record("d", 2), Record("e", 2)};
    std::vector<StoreRecord> backward = {Record("d", 2), Record("c", 2), Record("b", 1),
                                         Record("a", 1)};
    EXPECT_TRUE(leader_store->IngestBatch(forward).ok());
    EXPECT_TRUE(follower_store->IngestBatch(backward).ok());
    leader = std::move(DetectionStore::Open(*leader_store)).value();
    follower = std::move(DetectionStore::Open(*follower_store)).value();
  }
};

// Cluster 7 = {a, b} (flagged, b's own flag off), cluster 9 = {c, d, e}.
ClusteringVersion LeaderClustering() {
  ClusteringVersion v;
  v.computed_at = 500;
  v.clusters = {{7, 0.875, true, 0, R"({"summary":"ring"})"}, {9, 0.25, false, 0, "{}"}};
  v.members = {{0, 1}, {2, 3, 4}};
  v.member_flagged = {{true, false}, {false, false, false}};
  v.history = {{R"({"event":"birth","cluster":7})"}, {R"({"event":"birth","cluster":9})"}};
  v.next_cluster_id = 10;
  return v;
}

TEST(ClusteringTransferTest, InstalledOnAnotherStoreItAnswersByNameAsOnTheLeader) {
  TwoStores stores;
  ClusteringVersion written = LeaderClustering();
  ASSERT_TRUE(stores.leader->clusterings().Write(written, /*keep_versions=*/3).ok());
  ClusteringVersion read = std::move(stores.leader->clusterings().Read(1)).value();
  EXPECT_EQ(read.members, written.members);
  EXPECT_EQ(read.member_flagged, written.member_flagged);
  EXPECT_EQ(read.history.size(), 2u);
  EXPECT_EQ(read.next_cluster_id, 10u);

  auto leader_snapshot = std::move(stores.leader_store->Snapshot()).value();
  const std::string bytes = std::move(EncodeClustering(*leader_snapshot, read)).value();
  auto follower_snapshot = std::move(stores.follower_store->Snapshot()).value();
  DecodedClustering decoded = std::move(DecodeClustering(*follower_snapshot, bytes)).value();
  follower_snapshot.reset();
  EXPECT_EQ(decoded.unknown_accounts, 1u);
  EXPECT_EQ(decoded.first_unknown_account, "e");
  // Follower ids, ascending: cluster 7 = {b=2, a=3}, cluster 9 = {d=0, c=1}.
  EXPECT_EQ(decoded.clustering.members, (std::vector<std::vector<AccountId>>{{2, 3}, {0, 1}}));
  EXPECT_EQ(decoded.clustering.member_flagged,
            (std::vector<std::vector<bool>>{{false, true}, {false, false}}));

  ClusteringVersion mine;  // a version the follower wrote itself, which the install replaces
  mine.computed_at = 400;
  ASSERT_TRUE(stores.follower->clusterings().Write(mine, 3).ok());
  ClusteringVersion mine_too = mine;
  ASSERT_TRUE(stores.follower->clusterings().Write(mine_too, 3).ok());
  ASSERT_EQ(mine_too.version, 2u);
  ASSERT_TRUE(stores.follower->clusterings().Install(decoded.clustering, 3).ok());
  const auto latest = stores.follower->clusterings().Latest()->value();
  EXPECT_EQ(latest.version, 1u);
  EXPECT_EQ(latest.clusters, 2u);
  EXPECT_EQ(latest.flagged, 1u);
  EXPECT_EQ(latest.next_cluster_id, 10u);
  EXPECT_EQ(stores.follower->clusterings().Versions()->size(), 1u);

  std::vector<std::string_view> names = {"a", "b", "c", "d", "e"};
  std::vector<MembershipLookup> on_leader, on_follower;
  ClusteringHeader header;
  ASSERT_TRUE(stores.leader->clusterings().LookupMemberships(names, &on_leader, &header).ok());
  ASSERT_TRUE(stores.follower->clusterings().LookupMemberships(names, &on_follower, &header).ok());
  for (std::size_t i = 0; i < 4; ++i) {
    ASSERT_TRUE(on_follower[i].membership.has_value()) << names[i];
    EXPECT_EQ(on_follower[i].membership->cluster, on_leader[i].membership->cluster) << names[i];
    EXPECT_EQ(on_follower[i].membership->flagged, on_leader[i].membership->flagged) << names[i];
    EXPECT_EQ(on_follower[i].membership->ring_score, on_leader[i].membership->ring_score);
  }
  EXPECT_FALSE(on_follower[4].known_account);
}

TEST(ClusteringTransferTest, TruncatedOrPaddedBytesAreRefused) {
  TwoStores stores;
  ClusteringVersion written = LeaderClustering();
  ASSERT_TRUE(stores.leader->clusterings().Write(written, 3).ok());
  auto snapshot = std::move(stores.leader_store->Snapshot()).value();
  const std::string bytes =
      std::move(EncodeClustering(*snapshot, stores.leader->clusterings().Read(1).value())).value();
  for (const std::string& bad : {bytes.substr(0, bytes.size() - 1), bytes + "x",
                                 std::string("RGCLUST0") + bytes.substr(8), std::string()}) {
    Result<DecodedClustering> decoded = DecodeClustering(*snapshot, bad);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.status().code(), Status::Code::kCorruption) << decoded.status().message();
  }
  ASSERT_TRUE(DecodeClustering(*snapshot, bytes).ok());
}

TEST(ClusteringTransferTest, Sha256HexIsTheStandardDigest) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace ringgraph::store
