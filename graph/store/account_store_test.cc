#include "graph/store/account_store.h"

#include <gtest/gtest.h>
#include <lmdb.h>  // to write a store as an older release did
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "graph/common/temp_dir.h"
#include "graph/store/store_test_records.h"

namespace ringgraph::store {
namespace {

using test_records::HashOf;
using test_records::OpenOrDie;
using test_records::Rec;
using test_records::UnmatchedPrompt;

// a1 ──card 1── a2        a1 and a2 share card 1; a2 also has ip 2 twice.
TEST(AccountStoreTest, RoundTripsAccountsSignalsAndAdjacency) {
  TempDir dir;
  auto store = OpenOrDie(dir.Sub("db"));
  std::vector<StoreRecord> batch = {Rec("a1", kPaymentKind, 1, 100), Rec("a2", kPaymentKind, 1, 50),
                                    Rec("a2", kIpKind, 2, 70), Rec("a2", kIpKind, 2, 90)};
  IngestBatchStats stats;
  ASSERT_TRUE(store->IngestBatch(batch, &stats).ok());
  EXPECT_EQ(stats.new_accounts, 2u);
  EXPECT_EQ(stats.new_signals, 2u);
  EXPECT_EQ(stats.new_links, 3u);

  auto snap = std::move(store->Snapshot()).value();
  EXPECT_EQ(snap->num_accounts(), 2u);
  AccountId a2 = snap->FindAccount("a2").value().value();
  EXPECT_EQ(*snap->AccountName(a2), "a2");
  EXPECT_FALSE(snap->FindAccount("nobody").value().has_value());
  // Names no account can have are "not there", not an LMDB error (MDB_BAD_VALSIZE).
  ASSERT_TRUE(snap->FindAccount("").ok());
  EXPECT_FALSE(snap->FindAccount("").value().has_value());
  ASSERT_TRUE(snap->FindAccount(std::string(600, 'x')).ok());
  EXPECT_FALSE(snap->FindAccount(std::string(600, 'x')).value().has_value());
  SignalId card = snap->FindSignal(kPaymentKind, HashOf(1)).value().value();
  SignalId ip = snap->FindSignal(kIpKind, HashOf(2)).value().value();
  EXPECT_FALSE(snap->FindSignal(kDeviceKind, HashOf(1)).value().has_value());

  SignalInfo card_info = *snap->Signal(card);
  EXPECT_EQ(card_info.account_count, 2u);
  EXPECT_EQ(card_info.first_seen, 50);
  EXPECT_EQ(card_info.last_seen, 100);
  std::vector<AccountId> holders;
  ASSERT_TRUE(snap->SignalAccounts(card, &holders).ok());
  EXPECT_EQ(holders.size(), 2u);

  std::vector<AccountSignal> signals;
  ASSERT_TRUE(snap->AccountSignals(a2, &signals).ok());
  ASSERT_EQ(signals.size(), 2u);
  const AccountSignal& ip_entry = signals[0].signal == ip ? signals[0] : signals[1];
  EXPECT_EQ(ip_entry.count, 2u);
  EXPECT_EQ(ip_entry.first_seen, 70);
  EXPECT_EQ(ip_entry.last_seen, 90);
  EXPECT_EQ(snap->Activity(a2)->records, 3u);
}

// Prompts of two accounts over three days, in two batches: daily volumes add up per UTC day,
// stay ordered by day, and records that are not prompts do not count.
//   batch 1: p on day 10 (x2), day 12;  q on day 11      plus a card record of p
//   batch 2: p on day 11, day 12;       q on day 11
TEST(AccountStoreTest, KeepsDailyPromptVolumesPerAccount) {
  TempDir dir;
  auto store = OpenOrDie(dir.Sub("db"));
  constexpr UnixSeconds kDay = 86400;
  auto prompt = UnmatchedPrompt;
  std::vector<StoreRecord> first = {prompt("p", 10 * kDay + 5), prompt("p", 10 * kDay + 900),
                                    prompt("p", 12 * kDay), prompt("q", 11 * kDay + 1),
                                    Rec("p", kPaymentKind, 1, 10 * kDay)};
  ASSERT_TRUE(store->IngestBatch(first).ok());
  std::vector<StoreRecord> second = {prompt("p", 11 * kDay + 3), prompt("p", 12 * kDay + 7),
                                     prompt("q", 11 * kDay + 2)};
  ASSERT_TRUE(store->IngestBatch(second).ok());

  auto snap = std::move(store->Snapshot()).value();
  std::vector<DayCount> days;
  ASSERT_TRUE(snap->AccountDays(*snap->FindAccount("p").value(), &days).ok());
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[0].day, 10u);
  EXPECT_EQ(days[0].prompts, 2u);
  EXPECT_EQ(days[1].day, 11u);
  EXPECT_EQ(days[1].prompts, 1u);
  EXPECT_EQ(days[2].day, 12u);
  EXPECT_EQ(days[2].prompts, 2u);
  ASSERT_TRUE(snap->AccountDays(*snap->FindAccount("q").value(), &days).ok());
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].day, 11u);
  EXPECT_EQ(days[0].prompts, 2u);
}

// Prompts that matched no template keep their sketch until a template learned later claims
// them: settling stores the dictionary, adds the template observations without counting the
// prompts twice, and deletes the settled and the oldest sketches, in one transaction.
//   p: prompts with sketches {1,2,3} and {4,5}      q: one with {1,2,3}, one without a sketch
TEST(AccountStoreTest, KeepsUnclaimedPromptSketchesUntilTemplatesSettleThem) {
  TempDir dir;
  auto store = OpenOrDie(dir.Sub("db"));
  const std::vector<std::uint32_t> a = {1, 2, 3}, b = {4, 5};
  auto prompt = [](std::string_view account, UnixSeconds ts, std::span<const std::uint32_t> s) {
    StoreRecord r = UnmatchedPrompt(account, ts);
    r.prompt_sketch = s;
    return r;
  };
  std::vector<StoreRecord> batch = {prompt("p", 100, a), prompt("p", 200, b), prompt("q", 300, a),
                                    prompt("q", 400, {})};
  ASSERT_TRUE(store->IngestBatch(batch).ok());
  struct Seen {
    std::uint64_t sequence;
    std::string account;
    UnixSeconds ts;
    std::vector<std::uint32_t> sketch;
  };
  auto pending = [&] {
    std::vector<Seen> seen;
    auto snap = std::move(store->Snapshot()).value();
    EXPECT_TRUE(snap->ForEachPendingPrompt([&](const PendingPrompt& p) {
                      seen.push_back({p.sequence,
                                      *snap->AccountName(p.account),
                                      p.ts,
                                      {p.sketch.begin(), p.sketch.end()}});
                      return Status::Ok();
                    })
                    .ok());
    return seen;
  };
  std::vector<Seen> kept = pending();
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept[0].account, "p");
  EXPECT_EQ(kept[0].sketch, a);
  EXPECT_EQ(kept[1].sketch, b);
  EXPECT_EQ(kept[2].account, "q");
  EXPECT_EQ(kept[2].ts, 300);
  EXPECT_LT(kept[0].sequence, kept[1].sequence);

  // A template learned from {1,2,3} claims the first and third prompt; the second ages out.
  StoreRecord p_obs = Rec("p", kTemplateKind, 9, 100), q_obs = Rec("q", kTemplateKind, 9, 300);
  p_obs.counts_activity = q_obs.counts_activity = false;
  std::vector<StoreRecord> observations = {p_obs, q_obs};
  std::vector<std::uint64_t> settled = {kept[0].sequence, kept[2].sequence};
  ASSERT_TRUE(store
                  ->SettlePendingPrompts("dictionary-bytes", observations, settled,
                                         /*drop_before=*/kept[1].sequence + 1)
                  .ok());
  EXPECT_TRUE(pending().empty());
  auto snap = std::move(store->Snapshot()).value();
  EXPECT_EQ(*snap->TemplateDictionaryBytes(), "dictionary-bytes");
  SignalId tmpl = snap->FindSignal(kTemplateKind, HashOf(9)).value().value();
  EXPECT_EQ(snap->Signal(tmpl)->account_count, 2u);
  AccountId p = snap->FindAccount("p").value().value();
  EXPECT_EQ(snap->Activity(p)->records, 2u);  // the two prompts, not the observation
  EXPECT_EQ(snap->Activity(p)->prompts, 2u);
  EXPECT_EQ(store->Stats()->pending_prompts, 0u);
}

TEST(AccountStoreTest, ReingestChangesOnlyCountsAndLastSeen) {
  TempDir dir;
  auto store = OpenOrDie(dir.Sub("db"));
  std::vector<StoreRecord> batch = {Rec("a1", kDeviceKind, 7, 100), Rec("a2", kDeviceKind, 7, 100)};
  ASSERT_TRUE(store->IngestBatch(batch).ok());
  StoreStats before = *store->Stats();
  batch[0].ts = batch[1].ts = 500;
  IngestBatchStats stats;
  ASSERT_TRUE(store->IngestBatch(batch, &stats).ok());
  EXPECT_EQ(stats.new_accounts + stats.new_signals + stats.new_links, 0u);
  StoreStats after = *store->Stats();
  EXPECT_EQ(after.accounts, before.accounts);
  EXPECT_EQ(after.signals, before.signals);
  EXPECT_EQ(after.adjacency_entries, before.adjacency_entries);
  auto snap = std::move(store->Snapshot()).value();
  SignalInfo info = *snap->Signal(0);
  EXPECT_EQ(info.account_count, 2u);
  EXPECT_EQ(info.observations, 4u);
  EXPECT_EQ(info.first_seen, 100);
  EXPECT_EQ(info.last_seen, 500);
  std::vector<AccountSignal> signals;
  ASSERT_TRUE(snap->AccountSignals(0, &signals).ok());
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].count, 2u);
  EXPECT_EQ(signals[0].last_seen, 500);
}

TEST(AccountStoreTest, SurvivesReopenAndCountsStayExact) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.Sub("db"));
    std::vector<StoreRecord> batch = {Rec("a1", kIpKind, 1, 1), Rec("a2", kIpKind, 1, 2)};
    ASSERT_TRUE(store->IngestBatch(batch).ok());
  }
  auto store = OpenOrDie(dir.Sub("db"));
  std::vector<StoreRecord> batch = {Rec("a3", kIpKind, 1, 3), Rec("a1", kIpKind, 9, 4)};
  ASSERT_TRUE(store->IngestBatch(batch).ok());
  StoreStats stats = *store->Stats();
  EXPECT_EQ(stats.accounts, 3u);
  EXPECT_EQ(stats.signals, 2u);
  EXPECT_EQ(stats.signals_by_kind[kIpKind], 2u);
  EXPECT_EQ(stats.adjacency_entries, 4u);
  EXPECT_EQ(stats.records, 4u);
  auto snap = std::move(store->Snapshot()).value();
  EXPECT_EQ(snap->Signal(0)->account_count, 3u);
}

// A stream consumer's mark is stored with its batch, per consumer, survives a reopen, and may
// move without records (a batch whose messages were all bad).
TEST(AccountStoreTest, KeepsEachStreamConsumersMarkWithItsBatch) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.Sub("db"));
    EXPECT_EQ(*store->StreamSequence("replica-1"), 0u);
    const StreamMark first{"replica-1", 41};
    std::vector<StoreRecord> batch = {Rec("a1", kIpKind, 1, 1), Rec("a2", kIpKind, 1, 2)};
    ASSERT_TRUE(store->IngestBatch(batch, nullptr, &first).ok());
    EXPECT_EQ(*store->StreamSequence("replica-1"), 41u);
    EXPECT_EQ(*store->StreamSequence("replica-2"), 0u);
    const StreamMark empty_batch{"replica-1", 45};
    ASSERT_TRUE(store->IngestBatch({}, nullptr, &empty_batch).ok());
    EXPECT_EQ(store->Stats()->records, 2u);
  }
  auto store = OpenOrDie(dir.Sub("db"));
  EXPECT_EQ(*store->StreamSequence("replica-1"), 45u);
  EXPECT_EQ(store->Stats()->accounts, 2u);
}

// Many accounts and signals from a map far too small: the store must grow it and keep all.
TEST(AccountStoreTest, GrowsATinyMapAndKeepsEveryRecord) {
  TempDir dir;
  StoreOptions options;
  options.initial_map_bytes = 64 * 1024;
  auto store = OpenOrDie(dir.Sub("db"), options);
  std::vector<std::string> names;
  for (int i = 0; i < 20000; ++i) names.push_back("account-" + std::to_string(i));
  std::vector<StoreRecord> batch;
  for (int i = 0; i < 20000; ++i) {
    StoreRecord r = Rec(names[i], kDeviceKind, 0, i);
    r.value[0] = static_cast<std::uint8_t>(i & 255);
    r.value[1] = static_cast<std::uint8_t>(i >> 8);
    batch.push_back(r);
  }
  IngestBatchStats stats;
  ASSERT_TRUE(store->IngestBatch(batch, &stats).ok());
  EXPECT_GT(stats.map_growths, 0u);
  StoreStats after = *store->Stats();
  EXPECT_EQ(after.accounts, 20000u);
  EXPECT_EQ(after.signals, 20000u);
  EXPECT_GT(after.map_bytes, options.initial_map_bytes);
}

// A merge can copy every page of the tables it aggregates into; from a map with little room
// it grows the map first, rather than filling it, throwing the merge away and redoing it.
TEST(AccountStoreTest, AMergeGrowsTheMapBeforehandInsteadOfRedoingItself) {
  TempDir dir;
  StoreOptions options;
  options.initial_map_bytes = 256 * 1024;
  auto store = OpenOrDie(dir.Sub("db"), options);
  std::vector<std::string> names;
  for (int i = 0; i < 20000; ++i) names.push_back("account-" + std::to_string(i));
  for (int first = 0; first < 20000; first += 5000) {
    std::vector<StoreRecord> batch;
    for (int i = first; i < first + 5000; ++i) {
      for (KindCode kind : {kPaymentKind, kIpKind, kDeviceKind}) {
        StoreRecord r = Rec(names[i], kind, 0, 1000 + i);
        r.value[0] = static_cast<std::uint8_t>(i & 255);
        r.value[1] = static_cast<std::uint8_t>(i >> 8);
        batch.push_back(r);
      }
    }
    ASSERT_TRUE(store->StageBatch(batch).ok());
  }
  IngestBatchStats merged;
  Status s = store->MergeStaged(&merged);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(merged.records, 60000u);
  EXPECT_GT(merged.map_growths, 0u);
  EXPECT_EQ(merged.redone_after_growth, 0u);
  StoreStats after = *store->Stats();
  EXPECT_EQ(after.accounts, 20000u);
  EXPECT_EQ(after.signals, 60000u);
  EXPECT_EQ(after.adjacency_entries, 60000u);
  EXPECT_EQ(after.records, 60000u);
  EXPECT_EQ(after.staged_observations, 0u);
}

// A store opened empty knows every id it assigns, so its writer takes a name its caches lack
// for a new one without looking it up. Ids another process added in between must be found in
// the store, not assigned again.
TEST(AccountStoreTest, IdsAnotherProcessAddedAreFoundNotAssignedAgain) {
  TempDir dir;
  auto store = OpenOrDie(dir.Sub("db"));
  ASSERT_TRUE(store->IngestBatch({{Rec("a1", kPaymentKind, 1, 100)}}).ok());
  pid_t child = fork();
  if (child == 0) {
    // Another writer: its own environment (the parent's is not touched here).
    bool ok = false;
    {
      Result<std::unique_ptr<AccountStore>> other = AccountStore::Open(dir.Sub("db"), {});
      ok = other.ok() &&
           (*other)
               ->IngestBatch({{Rec("a2", kPaymentKind, 2, 200), Rec("a3", kIpKind, 3, 300)}})
               .ok();
    }
    _exit(ok ? 0 : 3);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  // The other process's accounts and values beside a new account, staged and merged.
  IngestBatchStats staged;
  Status s = store->StageBatch({{Rec("a2", kPaymentKind, 2, 400), Rec("a3", kPaymentKind, 1, 410),
                                 Rec("a4", kIpKind, 3, 420)}},
                               &staged);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(staged.new_accounts, 1u);
  EXPECT_EQ(staged.new_signals, 0u);
  ASSERT_TRUE(store->MergeStaged().ok());
  StoreStats after = *store->Stats();
  EXPECT_EQ(after.accounts, 4u);
  EXPECT_EQ(after.signals, 3u);
  auto snap = std::move(store->Snapshot()).value();
  const SignalId ip = snap->FindSignal(kIpKind, HashOf(3)).value().value();
  EXPECT_EQ(snap->Signal(ip).value().account_count, 2u);  // a3 and a4
  // And the store's own ids after that: still found, and a new one still new.
  ASSERT_TRUE(
      store->IngestBatch({{Rec("a4", kPaymentKind, 1, 500), Rec("a5", kIpKind, 3, 510)}}, &staged)
          .ok());
  EXPECT_EQ(staged.new_accounts, 1u);
  EXPECT_EQ(store->Stats()->accounts, 5u);
}

TEST(AccountStoreTest, ConcurrentSnapshotsSeeWholeBatchesWhileTheWriterGrowsTheMap) {
  TempDir dir;
  StoreOptions options;
  options.initial_map_bytes = 64 * 1024;  // forces map growth while readers hold snapshots
  auto store = OpenOrDie(dir.Sub("db"), options);
  constexpr int kBatches = 40, kPerBatch = 500;
  std::vector<std::string> names;
  for (int i = 0; i < kBatches * kPerBatch; ++i) names.push_back("acct-" + std::to_string(i));
  std::atomic<bool> done{false};
  std::atomic<int> torn{0}, reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        auto snapshot = store->Snapshot();
        if (!snapshot.ok()) {
          ++torn;
          continue;
        }
        // Every batch adds kPerBatch accounts in one transaction: a snapshot sees whole batches.
        if ((*snapshot)->num_accounts() % kPerBatch != 0) ++torn;
        ++reads;
      }
    });
  }
  for (int b = 0; b < kBatches; ++b) {
    std::vector<StoreRecord> batch;
    for (int i = b * kPerBatch; i < (b + 1) * kPerBatch; ++i) {
      StoreRecord r = Rec(names[i], kDeviceKind, 0, i);
      r.value[0] = static_cast<std::uint8_t>(i & 255);
      r.value[1] = static_cast<std::uint8_t>(i >> 8);
      batch.push_back(r);
    }
    ASSERT_TRUE(store->IngestBatch(batch).ok());
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(store->Stats()->accounts, static_cast<std::uint64_t>(kBatches * kPerBatch));
  EXPECT_GT(store->Stats()->map_bytes, options.initial_map_bytes);
}

TEST(AccountStoreTest, MapThatCannotGrowFailsCleanlyAndLosesNothing) {
  TempDir dir;
  StoreOptions options;
  options.initial_map_bytes = 256 * 1024;
  options.max_map_bytes = 256 * 1024;
  auto store = OpenOrDie(dir.Sub("db"), options);
  std::vector<StoreRecord> first = {Rec("kept", kIpKind, 1, 1)};
  ASSERT_TRUE(store->IngestBatch(first).ok());
  std::vector<std::string> names;
  for (int i = 0; i < 50000; ++i) names.push_back("overflow-account-name-" + std::to_string(i));
  std::vector<StoreRecord> big;
  for (const std::string& n : names) big.push_back(Rec(n, kIpKind, 2, 5));
  Status s = store->IngestBatch(big);
  EXPECT_EQ(s.code(), Status::Code::kResourceExhausted);
  // It names the flag ringd and ringctl ingest both take.
  EXPECT_NE(s.message().find("--max-map-mib"), std::string::npos) << s.ToString();
  StoreStats after = *store->Stats();
  EXPECT_EQ(after.accounts, 1u);
  EXPECT_EQ(after.signals, 1u);
  // And the store still takes small batches.
  std::vector<StoreRecord> small = {Rec("later", kIpKind, 1, 9)};
  EXPECT_TRUE(store->IngestBatch(small).ok());
  EXPECT_EQ(store->Stats()->accounts, 2u);
}

TEST(AccountStoreTest, RefusesASecondHashingKey) {
  TempDir dir;
  auto store = OpenOrDie(dir.Sub("db"));
  EXPECT_TRUE(store->BindKeyId("aaaa").ok());
  EXPECT_TRUE(store->BindKeyId("aaaa").ok());
  Status s = store->BindKeyId("bbbb");
  EXPECT_EQ(s.code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(s.message().find("aaaa"), std::string::npos);
}

TEST(AccountStoreTest, RefusesAnotherSchemaVersion) {
  TempDir dir;
  OpenOrDie(dir.Sub("db"));
  {
    MDB_env* env;
    mdb_env_create(&env);
    mdb_env_set_maxdbs(env, 16);
    ASSERT_EQ(mdb_env_open(env, dir.Sub("db").c_str(), 0, 0640), 0);
    MDB_txn* txn;
    mdb_txn_begin(env, nullptr, 0, &txn);
    MDB_dbi meta;
    mdb_dbi_open(txn, "meta", 0, &meta);
    std::uint32_t version = 99;
    MDB_val key{14, const_cast<char*>("schema_version")}, data{4, &version};
    mdb_put(txn, meta, &key, &data, 0);
    mdb_txn_commit(txn);
    mdb_env_close(env);
  }
  auto reopened = AccountStore::Open(dir.Sub("db"));
  EXPECT_EQ(reopened.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(reopened.status().message().find("schema version 99"), std::string::npos);
}

TEST(AccountStoreTest, BackupIsACompactedCopyThatOpens) {
  TempDir dir;
  auto store = OpenOrDie(dir.Sub("db"));
  std::vector<StoreRecord> batch = {Rec("a1", kIpKind, 1, 1), Rec("a2", kIpKind, 1, 2)};
  ASSERT_TRUE(store->IngestBatch(batch).ok());
  ASSERT_TRUE(store->Backup(dir.Sub("copy")).ok());
  EXPECT_EQ(store->Backup(dir.Sub("copy")).code(), Status::Code::kAlreadyExists);
  StoreOptions read_only;
  read_only.read_only = true;
  auto copy = OpenOrDie(dir.Sub("copy"), read_only);
  StoreStats stats = *copy->Stats();
  EXPECT_EQ(stats.accounts, 2u);
  EXPECT_EQ(stats.adjacency_entries, 2u);
  EXPECT_EQ(copy->IngestBatch(batch).code(), Status::Code::kFailedPrecondition);
}

TEST(AccountStoreTest, ReadOnlyOpenOfAMissingStoreSaysSo) {
  TempDir dir;
  StoreOptions read_only;
  read_only.read_only = true;
  auto store = AccountStore::Open(dir.Sub("absent"), read_only);
  EXPECT_EQ(store.status().code(), Status::Code::kNotFound);
}

// LMDB resets its reader table when the first process opens the environment, so a stale slot
// only matters while some other process keeps the store open. Recreate that: a holder process
// keeps the environment open while a second process dies inside a read transaction.
TEST(AccountStoreTest, ClearsReaderSlotsOfCrashedProcesses) {
  TempDir dir;
  OpenOrDie(dir.Sub("db"));
  auto open_env = [&](unsigned flags) {
    MDB_env* env;
    mdb_env_create(&env);
    mdb_env_set_maxdbs(env, 16);
    if (mdb_env_open(env, dir.Sub("db").c_str(), MDB_NOTLS | flags, 0640) != 0) _exit(2);
    return env;
  };
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t holder = fork();
  if (holder == 0) {
    open_env(0);
    char c = 1;
    if (write(ready[1], &c, 1) != 1) _exit(4);
    pause();
    _exit(0);
  }
  char c;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  pid_t child = fork();
  if (child == 0) {
    MDB_env* env = open_env(0);
    MDB_txn* txn;
    if (mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn) != 0) _exit(3);
    _exit(0);  // dies holding a reader slot
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_EQ(WEXITSTATUS(status), 0);
  // List reader slots without clearing them (mdb_reader_check would clear them).
  auto slots_of_child = [&] {
    MDB_env* env;
    mdb_env_create(&env);
    mdb_env_set_maxdbs(env, 16);
    mdb_env_open(env, dir.Sub("db").c_str(), MDB_NOTLS | MDB_RDONLY, 0640);
    std::string listing;
    mdb_reader_list(
        env,
        [](const char* msg, void* ctx) {
          static_cast<std::string*>(ctx)->append(msg);
          return 0;
        },
        &listing);
    mdb_env_close(env);
    int count = 0;
    std::string pid = std::to_string(child);
    for (std::size_t at = listing.find(pid); at != std::string::npos;
         at = listing.find(pid, at + 1)) {
      ++count;
    }
    return count;
  };
  EXPECT_EQ(slots_of_child(), 1);
  {
    auto store = OpenOrDie(dir.Sub("db"));
    EXPECT_EQ(slots_of_child(), 0);
  }
  kill(holder, SIGKILL);
  waitpid(holder, &status, 0);
}

}  // namespace
}  // namespace ringgraph::store
