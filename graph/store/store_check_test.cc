// The consistency check passes a store the stores wrote, and names the table and entry when one
// entry is corrupted behind the stores' backs (through LMDB directly, with the stores closed).
#include "graph/store/store_check.h"

#include <gtest/gtest.h>
#include <lmdb.h>

#include <functional>
#include <map>

#include "graph/common/temp_dir.h"
#include "graph/store/lmdb_env.h"
#include "graph/store/store_layout.h"
#include "graph/store/store_test_records.h"

namespace ringgraph::store {
namespace {

using test_records::HashOf;
using test_records::Rec;

// Account ids in arrival order: a0 = 0, a1 = 1, a2 = 2, a3 = 3; signal ids: card 1 = 0,
// ip 2 = 1, device 3 = 2.
//
//   a0 ──card 1── a1 ──ip 2── a2        a3 ── device 3 (alone)
//
// Clustering version 1: cluster 1 = {a0, a1, a2} (flagged), cluster 2 = {a3}.
// Labels: account:a1 ring, cluster:1 benign.
void BuildSmallStore(const std::string& dir) {
  auto store = std::move(AccountStore::Open(dir)).value();
  std::vector<StoreRecord> batch = {
      Rec("a0", kPaymentKind, 1, 100), Rec("a1", kPaymentKind, 1, 110),
      Rec("a1", kPaymentKind, 1, 120), Rec("a1", kIpKind, 2, 130),
      Rec("a2", kIpKind, 2, 140),      Rec("a3", kDeviceKind, 3, 150)};
  ASSERT_TRUE(store->IngestBatch(batch).ok());
  auto stores = std::move(DetectionStore::Open(*store)).value();
  ClusteringVersion v;
  v.computed_at = 200;
  v.clusters = {{1, 0.9, true, 0, "{}"}, {2, 0.1, false, 0, "{}"}};
  v.members = {{0, 1, 2}, {3}};
  v.history = {{R"({"event":"birth"})"}};
  v.next_cluster_id = 3;
  ASSERT_TRUE(stores->clusterings().Write(v, /*keep_versions=*/3).ok());
  ASSERT_TRUE(stores->labels()
                  .PutLabels(std::vector<Label>{{"account:a1", "ring", "seen", 300},
                                                {"cluster:1", "benign", "", 301}})
                  .ok());
}

StoreCheckReport CheckOrDie(const std::string& dir) {
  StoreOptions options;
  options.read_only = true;
  auto store = std::move(AccountStore::Open(dir, options)).value();
  auto stores = std::move(DetectionStore::Open(*store)).value();
  Result<StoreCheckReport> report = CheckStore(*store, stores.get());
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return report.ok() ? *report : StoreCheckReport{};
}

// Opens the closed store's environment directly and runs `edit` on one named database in one
// write transaction: how a test corrupts what the stores would never write.
void EditTable(const std::string& dir, const char* table,
               const std::function<int(MDB_txn*, MDB_dbi)>& edit) {
  static const std::map<std::string, unsigned> kFlags = {
      {"meta", 0},
      {"account_names", MDB_INTEGERKEY},
      {"signal_info", MDB_INTEGERKEY},
      {"signal_accounts", MDB_INTEGERKEY | MDB_DUPSORT | MDB_DUPFIXED | MDB_INTEGERDUP},
      {"memberships", 0},
      {"clusters", 0},
      {"labels", 0},
  };
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 32);
  mdb_env_set_mapsize(env, std::uint64_t{1} << 30);
  ASSERT_EQ(mdb_env_open(env, dir.c_str(), 0, 0640), 0);
  MDB_txn* txn = nullptr;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  MDB_dbi dbi;
  ASSERT_EQ(mdb_dbi_open(txn, table, kFlags.at(table), &dbi), 0) << table;
  EXPECT_EQ(edit(txn, dbi), 0) << "editing " << table;
  EXPECT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);
}

// Whether some listed problem contains `text`, with the list in the failure message.
::testing::AssertionResult HasProblem(const StoreCheckReport& report, const std::string& text) {
  std::string all;
  for (const std::string& p : report.problems) {
    if (p.find(text) != std::string::npos) return ::testing::AssertionSuccess();
    all += "\n  " + p;
  }
  return ::testing::AssertionFailure()
         << "no problem mentions \"" << text << "\"; problems:" << (all.empty() ? " none" : all);
}

TEST(StoreCheckTest, AStoreTheStoresWrotePassesAndTheReportSaysWhatWasChecked) {
  TempDir dir;
  BuildSmallStore(dir.Sub("db"));
  StoreCheckReport report = CheckOrDie(dir.Sub("db"));
  EXPECT_TRUE(report.consistent()) << ::testing::PrintToString(report.problems);
  EXPECT_EQ(report.accounts, 4u);
  EXPECT_EQ(report.signals, 3u);
  EXPECT_EQ(report.adjacency_entries, 5u);  // a0-card, a1-card, a1-ip, a2-ip, a3-device
  EXPECT_EQ(report.reverse_adjacency_entries, 5u);
  EXPECT_EQ(report.records, 6u);
  EXPECT_TRUE(report.clusterings_checked);
  EXPECT_EQ(report.clustering_versions, 1u);
  EXPECT_EQ(report.latest_version, 1u);
  EXPECT_EQ(report.clusters, 2u);
  EXPECT_EQ(report.memberships, 4u);
  EXPECT_EQ(report.labels, 2u);
}

TEST(StoreCheckTest, AnEmptyStorePasses) {
  TempDir dir;
  {
    auto store = std::move(AccountStore::Open(dir.Sub("db"))).value();
    ASSERT_TRUE(DetectionStore::Open(*store).ok());
  }
  StoreCheckReport report = CheckOrDie(dir.Sub("db"));
  EXPECT_TRUE(report.consistent()) << ::testing::PrintToString(report.problems);
  EXPECT_EQ(report.accounts, 0u);
  EXPECT_EQ(report.clustering_versions, 0u);
}

TEST(StoreCheckTest, AnAdjacencyEntryMissingItsReverseIsReported) {
  TempDir dir;
  BuildSmallStore(dir.Sub("db"));
  EditTable(dir.Sub("db"), "signal_accounts", [](MDB_txn* txn, MDB_dbi dbi) {
    SignalId card = 0;
    AccountId a0 = 0;
    MDB_val k{sizeof card, &card}, d{sizeof a0, &a0};
    return mdb_del(txn, dbi, &k, &d);
  });
  StoreCheckReport report = CheckOrDie(dir.Sub("db"));
  EXPECT_FALSE(report.consistent());
  EXPECT_TRUE(HasProblem(report,
                         "account_signals holds account 0 -> signal 0 but "
                         "signal_accounts lacks signal 0 -> account 0"));
  EXPECT_EQ(report.problem_count(), 1u) << ::testing::PrintToString(report.problems);
}

TEST(StoreCheckTest, AReverseEntryWithoutItsAdjacencyIsReported) {
  TempDir dir;
  BuildSmallStore(dir.Sub("db"));
  EditTable(dir.Sub("db"), "signal_accounts", [](MDB_txn* txn, MDB_dbi dbi) {
    SignalId ip = 1;
    AccountId a3 = 3;
    MDB_val k{sizeof ip, &ip}, d{sizeof a3, &a3};
    return mdb_put(txn, dbi, &k, &d, 0);
  });
  StoreCheckReport report = CheckOrDie(dir.Sub("db"));
  EXPECT_TRUE(HasProblem(report,
                         "signal_accounts holds signal 1 -> account 3 but "
                         "account_signals lacks account 3 -> signal 1"));
}

TEST(StoreCheckTest, AReverseEntryNamingNoAccountIsReported) {
  TempDir dir;
  BuildSmallStore(dir.Sub("db"));
  EditTable(dir.Sub("db"), "signal_accounts", [](MDB_txn* txn, MDB_dbi dbi) {
    SignalId card = 0;
    AccountId nobody = 99999;
    MDB_val k{sizeof card, &card}, d{sizeof nobody, &nobody};
    return mdb_put(txn, dbi, &k, &d, 0);
  });
  StoreCheckReport report = CheckOrDie(dir.Sub("db"));
  EXPECT_TRUE(HasProblem(report, "signal_accounts: signal 0 -> account 99999: no such account"));
}

TEST(StoreCheckTest, AHolderCountThatDisagreesWithTheAdjacencyIsReported) {
  TempDir dir;
  BuildSmallStore(dir.Sub("db"));
  EditTable(dir.Sub("db"), "signal_info", [](MDB_txn* txn, MDB_dbi dbi) {
    SignalId card = 0;
    MDB_val k{sizeof card, &card}, d;
    if (int rc = mdb_get(txn, dbi, &k, &d); rc != 0) return rc;
    SignalInfo info;
    std::memcpy(&info, d.mv_data, sizeof info);
    info.account_count = 5;
    d = MDB_val{sizeof info, &info};
    return mdb_put(txn, dbi, &k, &d, 0);
  });
  StoreCheckReport report = CheckOrDie(dir.Sub("db"));
  EXPECT_TRUE(HasProblem(report, "signal_info: signal 0 claims 5 holders, account_signals has 2"));
}

TEST(StoreCheckTest, RecordTotalsThatDisagreeWithTheAccountsAreReported) {
  TempDir dir;
  BuildSmallStore(dir.Sub("db"));
  EditTable(dir.Sub("db"), "meta", [](MDB_txn* txn, MDB_dbi dbi) {
    layout::Totals totals{7, 0};
    MDB_val k = ToVal(layout::kMetaTotals), d{sizeof totals, &totals};
    return mdb_put(txn, dbi, &k, &d, 0);
  });
  StoreCheckReport report = CheckOrDie(dir.Sub("db"));
  EXPECT_TRUE(HasProblem(report, "totals say 7 records, account_activity adds up to 6"));
}

TEST(StoreCheckTest, AnAccountIdWithoutItsNameIsReported) {
  TempDir dir;
  BuildSmallStore(dir.Sub("db"));
  EditTable(dir.Sub("db"), "account_names", [](MDB_txn* txn, MDB_dbi dbi) {
    AccountId a2 = 2;
    MDB_val k{sizeof a2, &a2};
    return mdb_del(txn, dbi, &k, nullptr);
  });
  StoreCheckReport report = CheckOrDie(dir.Sub("db"));
  EXPECT_TRUE(HasProblem(report, "account_names: ids are not dense: id 3 follows id 1"));
  EXPECT_TRUE(HasProblem(report, "which has no account_names entry"));
}

TEST(StoreCheckTest, AMembershipMissingForAClusterMemberIsReported) {
  TempDir dir;
  BuildSmallStore(dir.Sub("db"));
  EditTable(dir.Sub("db"), "memberships", [](MDB_txn* txn, MDB_dbi dbi) {
    layout::VersionKey key(/*version=*/1, /*id=*/2, /*id_bytes=*/4);
    MDB_val k = key.val();
    return mdb_del(txn, dbi, &k, nullptr);
  });
  StoreCheckReport report = CheckOrDie(dir.Sub("db"));
  EXPECT_TRUE(HasProblem(report,
                         "cluster_members: version 1 cluster 1: member 2 has no "
                         "memberships entry"));
  EXPECT_TRUE(HasProblem(report, "version 1's header says 4 accounts, memberships holds 3"));
}

TEST(StoreCheckTest, EntriesOfAVersionWithoutAHeaderAreReported) {
  TempDir dir;
  BuildSmallStore(dir.Sub("db"));
  EditTable(dir.Sub("db"), "clusters", [](MDB_txn* txn, MDB_dbi dbi) {
    layout::VersionKey key(/*version=*/9, /*id=*/1, /*id_bytes=*/8);
    layout::ClusterValueHead head{0.5, 0, 0};
    MDB_val k = key.val(), d{sizeof head, &head};
    return mdb_put(txn, dbi, &k, &d, 0);
  });
  StoreCheckReport report = CheckOrDie(dir.Sub("db"));
  EXPECT_TRUE(HasProblem(report,
                         "clusters: 1 entries of version 9, which has no clusterings "
                         "header"));
}

TEST(StoreCheckTest, ALabelForAnAccountNotInTheStoreIsReported) {
  TempDir dir;
  BuildSmallStore(dir.Sub("db"));
  EditTable(dir.Sub("db"), "labels", [](MDB_txn* txn, MDB_dbi dbi) {
    std::string value(sizeof(layout::LabelHead), '\0');
    layout::LabelHead head{1, 4};
    std::memcpy(value.data(), &head, sizeof head);
    value += "ring";
    MDB_val k = ToVal("account:ghost"), d = ToVal(value);
    return mdb_put(txn, dbi, &k, &d, 0);
  });
  StoreCheckReport report = CheckOrDie(dir.Sub("db"));
  EXPECT_TRUE(HasProblem(report, "names an account that is not in the store"));
}

}  // namespace
}  // namespace ringgraph::store
