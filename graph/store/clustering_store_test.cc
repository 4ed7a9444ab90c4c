#include "graph/store/clustering_store.h"

#include <gtest/gtest.h>

#include "graph/common/temp_dir.h"

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
  auto clusterings = std::move(ClusteringStore::Open(*store)).value();
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
  auto clusterings = std::move(ClusteringStore::Open(*store)).value();
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

TEST(ValidateLabelsTest, AcceptsWellFormedLabelsWithoutAStore) {
  const std::vector<Label> good = {
      {"cluster:7", "ring", "confirmed by payments team", 5},
      {"account:acct-1", "benign", "", 6},
      {"cluster:" + std::string(19, '9'), "ring", std::string(kMaxLabelNoteBytes, 'x'), 7},
  };
  EXPECT_TRUE(ValidateLabels(good).ok());
}

TEST(ValidateLabelsTest, RefusesEachMalformedPartAndSaysWhy) {
  struct Case {
    Label label;
    std::string expected;
  } cases[] = {
      {{"cluster:7", "maybe", "", 1}, "label: verdict 'maybe' must be ring or benign"},
      {{"cluster:7", "ring", std::string(kMaxLabelNoteBytes + 1, 'x'), 1},
       "label: note is longer than 4096 bytes"},
      {{"cluster:", "ring", "", 1}, "label: a cluster target is 'cluster:' followed by a number"},
      {{"cluster:12a", "ring", "", 1}, "followed by a number"},
      {{"cluster:" + std::string(20, '9'), "ring", "", 1}, "followed by a number"},
      {{"account:", "ring", "", 1}, "label: the target must be 'account:NAME' or 'cluster:ID'"},
      {{"user:alice", "ring", "", 1}, "the target must be 'account:NAME' or 'cluster:ID'"},
  };
  for (const Case& c : cases) {
    Status s = ValidateLabels({&c.label, 1});
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << c.label.target;
    EXPECT_NE(s.message().find(c.expected), std::string::npos) << s.message();
  }
}

TEST(ValidateLabelsTest, NamesTheFirstBadLabelOfSeveralByPosition) {
  const std::vector<Label> batch = {
      {"cluster:1", "ring", "", 1}, {"cluster:2", "unsure", "", 1}, {"cluster:x", "ring", "", 1}};
  Status s = ValidateLabels(batch);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.message().rfind("label 2: verdict 'unsure'", 0), 0u) << s.message();
}

TEST(ClusteringStoreTest, LabelsPersistAndBadVerdictsAreRefused) {
  TempDir dir;
  {
    auto store = std::move(AccountStore::Open(dir.Sub("db"))).value();
    StoreRecord record;
    record.account = "acct-1";
    record.kind = kDeviceKind;
    record.ts = 1;
    ASSERT_TRUE(store->IngestBatch({&record, 1}).ok());
    auto clusterings = std::move(ClusteringStore::Open(*store)).value();
    ASSERT_TRUE(clusterings->PutLabel({"cluster:7", "ring", "confirmed by payments team", 5}).ok());
    ASSERT_TRUE(clusterings->PutLabel({"account:acct-1", "benign", "", 6}).ok());
    EXPECT_EQ(clusterings->PutLabel({"account:acct-1", "maybe", "", 7}).code(),
              Status::Code::kInvalidArgument);
    // A batch with one bad label stores none of them, and names the bad one.
    std::vector<Label> batch = {{"cluster:9", "ring", "", 8}, {"account:nobody", "ring", "", 8}};
    Status unknown = clusterings->PutLabels(batch);
    EXPECT_EQ(unknown.code(), Status::Code::kNotFound);
    EXPECT_NE(unknown.message().find("label 2"), std::string::npos) << unknown.ToString();
    batch = {{"cluster:10", "ring", "", 8}, {"group:3", "ring", "", 8}};
    EXPECT_EQ(clusterings->PutLabels(batch).code(), Status::Code::kInvalidArgument);
    batch = {{"cluster:11", "ring", std::string(kMaxLabelNoteBytes + 1, 'x'), 8}};
    EXPECT_EQ(clusterings->PutLabels(batch).code(), Status::Code::kInvalidArgument);
    EXPECT_FALSE(clusterings->GetLabel("cluster:9")->has_value());
  }
  StoreOptions read_only;
  read_only.read_only = true;
  auto store = std::move(AccountStore::Open(dir.Sub("db"), read_only)).value();
  auto clusterings = std::move(ClusteringStore::Open(*store)).value();
  Label label = clusterings->GetLabel("cluster:7")->value();
  EXPECT_EQ(label.verdict, "ring");
  EXPECT_EQ(label.note, "confirmed by payments team");
  int count = 0;
  ASSERT_TRUE(clusterings
                  ->ForEachLabel([&](const Label&) {
                    ++count;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(count, 2);
}

TEST(ClusteringStoreTest, ReadOnlyOpenBeforeAnyDetectionSaysWhatToRun) {
  TempDir dir;
  { auto store = std::move(AccountStore::Open(dir.Sub("db"))).value(); }
  StoreOptions read_only;
  read_only.read_only = true;
  auto store = std::move(AccountStore::Open(dir.Sub("db"), read_only)).value();
  auto clusterings = ClusteringStore::Open(*store);
  EXPECT_EQ(clusterings.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(clusterings.status().message().find("ringctl detect"), std::string::npos);
}

}  // namespace
}  // namespace ringgraph::store
