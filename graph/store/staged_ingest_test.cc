// Staged ingest (AccountStore::StageBatch / MergeStaged): staged batches are durable at once,
// invisible to the aggregates until merged, and merge into exactly what writing the same
// batches one by one gives, whatever else was written in between, across a kill -9 and a reopen.
#include <gtest/gtest.h>
#include <lmdb.h>  // to damage a staged run as a failing disk would
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>
#include <string>
#include <vector>

#include "graph/common/temp_dir.h"
#include "graph/store/account_store.h"
#include "graph/store/store_check.h"
#include "graph/store/store_test_records.h"

namespace ringgraph::store {
namespace {

constexpr UnixSeconds kDay = 86400;

using test_records::OpenOrDie;
using test_records::Rec;
using test_records::UnmatchedPrompt;

StoreRecord TemplatePrompt(std::string_view account, std::uint8_t value, UnixSeconds ts) {
  StoreRecord r = Rec(account, kTemplateKind, value, ts);
  r.counts_prompt = true;
  return r;
}

// Three batches in time order: accounts come back in later batches with values they already
// hold (counts, first and last seen move), with new values, and new accounts join old values.
// The last batch holds a template observation of an already counted prompt (a settled one).
std::vector<std::vector<StoreRecord>> TimeOrderedBatches() {
  StoreRecord settled = Rec("a1", kTemplateKind, 9, 3 * kDay + 40);
  settled.counts_activity = false;  // as template_refresh.h writes it
  return {
      {Rec("a1", kPaymentKind, 1, kDay + 100), Rec("a2", kPaymentKind, 1, kDay + 50),
       Rec("a1", kIpKind, 2, kDay + 70), UnmatchedPrompt("a1", kDay + 80),
       TemplatePrompt("a2", 9, kDay + 90)},
      {Rec("a3", kIpKind, 2, 2 * kDay), Rec("a1", kPaymentKind, 1, kDay + 10),
       Rec("a2", kDeviceKind, 3, 2 * kDay + 5), UnmatchedPrompt("a2", 2 * kDay + 6),
       TemplatePrompt("a2", 9, 2 * kDay + 7), Rec("a1", kIpKind, 2, 2 * kDay + 8)},
      {Rec("a4", kDeviceKind, 3, 3 * kDay), Rec("a3", kPaymentKind, 1, 3 * kDay + 1),
       UnmatchedPrompt("a4", 3 * kDay + 2), settled, Rec("a2", kIpKind, 4, 3 * kDay + 3)},
  };
}

// Everything a reader can see, as text: per account its activity, signals and days; per
// signal its info and holders; the store's totals and values per kind.
std::string Dump(const AccountStore& store) {
  std::ostringstream out;
  auto snap = std::move(store.Snapshot()).value();
  for (AccountId a = 0; a < snap->num_accounts(); ++a) {
    out << "account " << *snap->AccountName(a);
    Result<AccountActivity> activity = snap->Activity(a);
    if (activity.ok()) {
      out << " first " << activity->first_seen << " last " << activity->last_seen << " records "
          << activity->records << " prompts " << activity->prompts;
    } else {
      out << " no activity";
    }
    std::vector<AccountSignal> signals;
    EXPECT_TRUE(snap->AccountSignals(a, &signals).ok());
    for (const AccountSignal& s : signals) {
      out << " | signal " << s.signal << " x" << s.count << " " << s.first_seen << "-"
          << s.last_seen;
    }
    std::vector<DayCount> days;
    EXPECT_TRUE(snap->AccountDays(a, &days).ok());
    for (const DayCount& d : days) out << " | day " << d.day << ":" << d.prompts;
    out << "\n";
  }
  for (SignalId s = 0; s < snap->num_signals(); ++s) {
    SignalInfo info = *snap->Signal(s);
    std::vector<AccountId> holders;
    EXPECT_TRUE(snap->SignalAccounts(s, &holders).ok());
    out << "signal " << s << " kind " << int{info.kind} << " holders " << info.account_count
        << " observations " << info.observations << " " << info.first_seen << "-" << info.last_seen
        << " held by";
    for (AccountId h : holders) out << " " << h;
    out << "\n";
  }
  StoreStats stats = *store.Stats();
  out << "records " << stats.records << " prompts " << stats.prompts << " pairs "
      << stats.adjacency_entries << " payment " << stats.signals_by_kind[kPaymentKind] << " ip "
      << stats.signals_by_kind[kIpKind] << " device " << stats.signals_by_kind[kDeviceKind]
      << " template " << stats.signals_by_kind[kTemplateKind] << "\n";
  return out.str();
}

std::string DirectlyWritten(const std::string& dir) {
  auto store = OpenOrDie(dir);
  for (const auto& batch : TimeOrderedBatches()) EXPECT_TRUE(store->IngestBatch(batch).ok());
  return Dump(*store);
}

void ExpectConsistent(const AccountStore& store, std::uint64_t staged) {
  Result<StoreCheckReport> report = CheckStore(store, nullptr);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->consistent()) << (report->problems.empty() ? "" : report->problems[0]);
  EXPECT_EQ(report->staged_observations, staged);
}

TEST(StagedIngestTest, StagedBatchesAreDurableIdsAtOnceAndCountsAfterTheMerge) {
  TempDir dir;
  const std::string direct = DirectlyWritten(dir.Sub("direct"));
  auto store = OpenOrDie(dir.Sub("staged"));
  std::uint64_t staged = 0;
  for (const auto& batch : TimeOrderedBatches()) {
    IngestBatchStats stats;
    ASSERT_TRUE(store->StageBatch(batch, &stats).ok());
    EXPECT_EQ(stats.records, batch.size());
    EXPECT_EQ(stats.new_links, 0u);  // counted by the merge
    staged += batch.size();
  }
  EXPECT_EQ(*store->StagedObservations(), staged);
  EXPECT_EQ(store->Stats()->staged_observations, staged);
  {
    // The accounts and values are there; what aggregates them is not yet.
    auto snap = std::move(store->Snapshot()).value();
    EXPECT_EQ(snap->num_accounts(), 4u);
    EXPECT_EQ(snap->num_signals(), 5u);
    std::vector<AccountSignal> signals;
    ASSERT_TRUE(snap->AccountSignals(*snap->FindAccount("a1").value(), &signals).ok());
    EXPECT_TRUE(signals.empty());
    EXPECT_EQ(snap->Activity(*snap->FindAccount("a4").value()).status().code(),
              Status::Code::kNotFound);
    EXPECT_EQ(store->Stats()->records, 0u);
  }
  ExpectConsistent(*store, staged);

  IngestBatchStats merged;
  ASSERT_TRUE(store->MergeStaged(&merged).ok());
  EXPECT_EQ(merged.records, staged);
  EXPECT_EQ(merged.new_links, 10u);
  EXPECT_EQ(*store->StagedObservations(), 0u);
  EXPECT_EQ(Dump(*store), direct);
  ExpectConsistent(*store, 0);
  // Nothing left to merge: a no-op.
  ASSERT_TRUE(store->MergeStaged(&merged).ok());
  EXPECT_EQ(merged.records, 0u);
  EXPECT_EQ(Dump(*store), direct);
}

// Aggregates are sums, minima and maxima: merging several times, with direct writes of later
// batches landing before earlier staged ones are merged, gives the same store.
TEST(StagedIngestTest, InterleavedMergesAndDirectWritesGiveWhatDirectWritesGive) {
  TempDir dir;
  const std::string direct = DirectlyWritten(dir.Sub("direct"));
  auto batches = TimeOrderedBatches();
  auto store = OpenOrDie(dir.Sub("mixed"));
  ASSERT_TRUE(store->StageBatch(batches[0]).ok());
  ASSERT_TRUE(store->MergeStaged().ok());
  ASSERT_TRUE(store->StageBatch(batches[1]).ok());
  ASSERT_TRUE(store->IngestBatch(batches[2]).ok());  // direct, while batch 1 is staged
  ExpectConsistent(*store, batches[1].size());
  ASSERT_TRUE(store->MergeStaged().ok());
  EXPECT_EQ(Dump(*store), direct);
  ExpectConsistent(*store, 0);
}

// A kill -9 between staging and merging: the staged batches were acknowledged, so they must
// survive. A read-only open sees them staged (and the check explains the accounts still
// without activity); the next read-write open merges them before anyone reads.
TEST(StagedIngestTest, AReadWriteOpenMergesWhatAKilledIngestLeftStaged) {
  TempDir dir;
  const std::string direct = DirectlyWritten(dir.Sub("direct"));
  const std::string path = dir.Sub("killed");
  int acknowledged[2];
  ASSERT_EQ(pipe(acknowledged), 0);
  pid_t child = fork();
  if (child == 0) {
    close(acknowledged[0]);
    auto store = AccountStore::Open(path);
    if (!store.ok()) _exit(2);
    std::uint64_t staged = 0;
    for (const auto& batch : TimeOrderedBatches()) {
      if (!(*store)->StageBatch(batch).ok()) _exit(3);
      staged += batch.size();
    }
    if (write(acknowledged[1], &staged, sizeof staged) != sizeof staged) _exit(4);
    raise(SIGKILL);  // before any merge
    _exit(5);
  }
  close(acknowledged[1]);
  std::uint64_t staged = 0;
  ASSERT_EQ(read(acknowledged[0], &staged, sizeof staged), static_cast<ssize_t>(sizeof staged));
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  close(acknowledged[0]);
  {
    StoreOptions read_only;
    read_only.read_only = true;
    auto store = OpenOrDie(path, read_only);
    EXPECT_EQ(store->Stats()->staged_observations, staged);
    EXPECT_EQ(store->Stats()->records, 0u);
    ExpectConsistent(*store, staged);
  }
  auto store = OpenOrDie(path);
  EXPECT_EQ(*store->StagedObservations(), 0u);
  EXPECT_EQ(Dump(*store), direct);
  ExpectConsistent(*store, 0);
}

// A merge that cannot get the room it needs (a map at its limit; a full disk fails the same
// way): the open says so and what to do, and the staged batches wait, whole, for an open that
// can merge them.
TEST(StagedIngestTest, AMergeWithoutRoomFailsTheOpenAndKeepsTheStagedBatches) {
  TempDir dir;
  // Enough records that their links and activity need pages the store has never freed.
  std::vector<std::string> names;
  for (int i = 0; i < 20000; ++i) names.push_back("account-" + std::to_string(i));
  std::vector<StoreRecord> batch;
  for (int i = 0; i < 20000; ++i) {
    batch.push_back(Rec(names[i], kIpKind, static_cast<std::uint8_t>(i % 200), 1000 + i));
  }
  std::string direct;
  {
    auto store = OpenOrDie(dir.Sub("direct"));
    ASSERT_TRUE(store->IngestBatch(batch).ok());
    direct = Dump(*store);
  }
  const std::string path = dir.Sub("db");
  const std::uint64_t staged = batch.size();
  {
    auto store = OpenOrDie(path);
    ASSERT_TRUE(store->StageBatch(batch).ok());
  }
  StoreOptions cramped;  // LMDB raises a map smaller than the data to the data's size
  cramped.initial_map_bytes = 4096;
  cramped.max_map_bytes = 4096;
  auto refused = AccountStore::Open(path, cramped);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kResourceExhausted);
  EXPECT_NE(refused.status().message().find("--max-map-mib"), std::string::npos)
      << refused.status().ToString();
  {
    StoreOptions read_only;
    read_only.read_only = true;
    auto store = OpenOrDie(path, read_only);
    EXPECT_EQ(store->Stats()->staged_observations, staged);
    ExpectConsistent(*store, staged);
  }
  auto store = OpenOrDie(path);
  EXPECT_EQ(*store->StagedObservations(), 0u);
  EXPECT_EQ(Dump(*store), direct);
}

// A staged run that does not parse (a damaged page): the merge refuses with the reason, a
// read-write open says so, and nothing of the account tables changes; the check lists it.
TEST(StagedIngestTest, ADamagedStagedRunIsRefusedAndLosesNothing) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  std::string before;
  {
    auto store = OpenOrDie(path);
    auto batches = TimeOrderedBatches();
    ASSERT_TRUE(store->IngestBatch(batches[0]).ok());
    ASSERT_TRUE(store->StageBatch(batches[1]).ok());
    before = Dump(*store);
  }
  {
    MDB_env* env;
    ASSERT_EQ(mdb_env_create(&env), 0);
    mdb_env_set_maxdbs(env, 32);
    ASSERT_EQ(mdb_env_open(env, path.c_str(), MDB_NOTLS, 0640), 0);
    MDB_txn* txn;
    ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
    MDB_dbi dbi;
    ASSERT_EQ(mdb_dbi_open(txn, "staged_observations", MDB_INTEGERKEY, &dbi), 0);
    std::uint64_t run = 1000;
    char torn[5] = {1, 2, 3, 4, 5};
    MDB_val key{sizeof run, &run}, value{sizeof torn, torn};
    ASSERT_EQ(mdb_put(txn, dbi, &key, &value, 0), 0);
    ASSERT_EQ(mdb_txn_commit(txn), 0);
    mdb_env_close(env);
  }
  auto reopened = AccountStore::Open(path);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), Status::Code::kCorruption);
  EXPECT_NE(reopened.status().message().find("a staged run has 5 bytes"), std::string::npos)
      << reopened.status().ToString();

  StoreOptions read_only;
  read_only.read_only = true;
  auto store = OpenOrDie(path, read_only);
  EXPECT_EQ(Dump(*store), before);
  Result<StoreCheckReport> report = CheckStore(*store, nullptr);
  ASSERT_TRUE(report.ok());
  ASSERT_FALSE(report->consistent());
  EXPECT_NE(report->problems[0].find("staged_observations: a run has"), std::string::npos)
      << report->problems[0];
}

}  // namespace
}  // namespace ringgraph::store
