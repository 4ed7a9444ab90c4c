// The LMDB-backed account store: accounts, hashed signal values, and the account<->signal
// adjacency that the account graph is projected from.
//
// Named databases (all integers in native byte order; ids are dense and never reused; LMDB
// database flags in parentheses):
//   meta             text key -> value   schema version, key id, per-kind signal counts
//   account_ids      account name -> AccountId
//   account_names    AccountId -> account name                          (INTEGERKEY)
//   account_activity AccountId -> AccountActivity                       (INTEGERKEY)
//   signal_ids       kind byte + 16-byte keyed hash -> SignalId
//   signal_info      SignalId -> SignalInfo (kind, hash, accounts, seen) (INTEGERKEY)
//   account_signals  AccountId -> AccountSignal {signal, count, first, last}
//                    (INTEGERKEY | DUPSORT | DUPFIXED; duplicates ordered by signal)
//   signal_accounts  SignalId -> AccountId  (INTEGERKEY | DUPSORT | DUPFIXED |
//                    INTEGERDUP)
//   account_days     AccountId -> (day << 32 | prompts), one duplicate per UTC day with prompts
//                    (INTEGERKEY | DUPSORT | DUPFIXED | INTEGERDUP): the daily
//                    prompt volume that pace, burst and lockstep features are measured from
//   template_dictionary  "current" -> the learned template dictionary (graph/templates), bytes
//                    of keyed shingle hashes and template ids only, never text
//   prompt_sketches  sequence (u64, INTEGERKEY) -> PendingPromptHead + u32 shingles: the
//                    keyed sketch of a prompt that matched no known template, kept until a
//                    template learned later claims it or it ages out (graph/ingest/
//                    template_refresh.h)
//   staged_observations  run number (u64, INTEGERKEY) -> packed StagedObservation (account,
//                    signal, time, what it counts towards; store_layout.h): batches written
//                    with StageBatch whose counts are not yet in account_signals,
//                    signal_accounts, signal_info, account_activity, account_days and the
//                    totals; MergeStaged moves them there and empties it
//   shared_hashes    consortium key tag (8) + SignalId -> the value's consortium-keyed hash
//   shared_lookup    consortium key tag (8) + kind byte + consortium hash -> SignalId
//                    (graph/sharing: what partner labs can match; never the raw value)
//
// Raw payment, IP and device values never reach the store: callers pass keyed hashes.
//
// Staged ingest: a batch that updates accounts and values already stored rewrites the pages
// of the account- and signal-keyed tables that hold them, and input in time order (a live
// stream, a day's log) touches a different account with almost every record, so every commit
// rewrote most of those tables. StageBatch commits what must be durable at once (ids, new
// values, consortium hashes, kept prompt sketches, and the records as compact observations
// appended to staged_observations) and MergeStaged aggregates many batches' observations into
// the tables in one ordered pass. Aggregates are sums, minima and maxima, so a merge gives
// what the same batches written one by one give. Until the merge, snapshots do not see the
// staged batches' counts and links (the ids and values are there); a read-write Open merges
// what a killed ingest left staged before returning.
//
// Durability: IngestBatch() returns OK only after its one write transaction committed with
// fsync. A failure of any kind (full map that cannot grow, full disk, I/O error) aborts the
// transaction, so the store is exactly as of the last successful batch.
//
// Thread safety: one writer at a time (IngestBatch and other mutators are serialised by an
// internal mutex). Snapshots may be opened from any thread concurrently with writes and see the
// last committed state. Growing the map needs no open transaction in this process; IngestBatch
// waits for open snapshots to finish before it grows the map.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/signals/keyed_hash.h"
#include "graph/signals/signal_kind.h"

namespace ringgraph::store {

inline constexpr std::uint32_t kSchemaVersion = 1;

struct StoreOptions {
  // The map starts at this size and doubles whenever a batch fills it.
  std::uint64_t initial_map_bytes = std::uint64_t{1} << 30;
  // The map never grows past this; a batch that needs more fails with ResourceExhausted.
  std::uint64_t max_map_bytes = std::uint64_t{1} << 40;
  bool read_only = false;
  // When false, opening a directory without a store fails with NotFound instead of creating one.
  bool create_if_missing = true;
  unsigned max_readers = 1022;
};

// One observation ready for the store. The account text is borrowed for the call.
struct StoreRecord {
  std::string_view account;
  KindCode kind = 0;
  ValueHash value{};
  UnixSeconds ts = 0;
  // False for a prompt whose text matched no template: it counts towards prompt volume only.
  bool has_signal = true;
  // True when the record came from a sampled prompt.
  bool counts_prompt = false;
  // The value hashed under each consortium key the store is bound to (BindConsortiumKeys), in
  // that order; null when the record carries none. Borrowed for the call.
  const ValueHash* shared = nullptr;
  // False for an observation that was already counted in the account's activity when it was
  // first ingested (a prompt whose template was learned later).
  bool counts_activity = true;
  // For a prompt that matched no template: its keyed sketch (sorted shingle hashes), kept in
  // prompt_sketches so that a template learned later can claim it. Borrowed for the call.
  std::span<const std::uint32_t> prompt_sketch;
  // The account's and the value's ids when AccountStore::FindCachedIds knew them (ids are
  // never reused, so they stay right); kNoAccount / kNoSignal: resolved by the write.
  AccountId known_account = kNoAccount;
  SignalId known_signal = kNoSignal;
};

#pragma pack(push, 1)
// Per (account, signal) pair, in account_signals.
struct AccountSignal {
  SignalId signal;
  std::uint32_t count;
  std::int64_t first_seen;
  std::int64_t last_seen;
};
// Per signal value, in signal_info.
struct SignalInfo {
  KindCode kind;
  std::uint8_t reserved[3];
  std::uint32_t account_count;
  ValueHash hash;
  std::uint64_t observations;
  std::int64_t first_seen;
  std::int64_t last_seen;
};
// Per account, in account_activity.
struct AccountActivity {
  std::int64_t first_seen;
  std::int64_t last_seen;
  std::uint64_t records;
  std::uint64_t prompts;
};
#pragma pack(pop)
static_assert(sizeof(AccountSignal) == 24);
static_assert(sizeof(SignalInfo) == 48);
static_assert(sizeof(AccountActivity) == 32);

// A prompt kept in prompt_sketches, as read back.
struct PendingPrompt {
  std::uint64_t sequence = 0;
  AccountId account = 0;
  UnixSeconds ts = 0;
  std::span<const std::uint32_t> sketch;  // valid during the callback only
};

// Prompts an account sent on one UTC day (days since 1970-01-01), in account_days.
struct DayCount {
  std::uint32_t day = 0;
  std::uint32_t prompts = 0;
};

struct IngestBatchStats {
  std::uint64_t records = 0;
  std::uint64_t new_accounts = 0;
  std::uint64_t new_signals = 0;
  std::uint64_t new_links = 0;  // (account, signal) pairs seen for the first time
  unsigned map_growths = 0;
  // Write transactions that filled the map, were thrown away, and ran again after it grew
  // (a merge grows the map beforehand instead when it can tell it will need to).
  unsigned redone_after_growth = 0;
};

// Where a stream consumer stands: its name and the stream sequence of the last record it has
// committed. Stored with the batch that carries those records, in the same transaction, so a
// crash between the commit and the stream acknowledgement cannot count a record twice.
struct StreamMark {
  std::string consumer;
  std::uint64_t sequence = 0;
};

struct StoreStats {
  std::uint64_t accounts = 0;
  std::uint64_t signals = 0;
  std::array<std::uint64_t, 256> signals_by_kind{};
  std::uint64_t adjacency_entries = 0;  // (account, signal) pairs, stored once each way
  std::uint64_t prompts = 0;
  std::uint64_t records = 0;
  std::uint64_t pending_prompts = 0;      // sketches of prompts no template has claimed yet
  std::uint64_t staged_observations = 0;  // staged by an ingest, not merged yet
  std::uint64_t used_bytes = 0;
  std::uint64_t map_bytes = 0;
  std::uint64_t file_bytes = 0;
  std::string key_id;  // empty until the first ingest
};

class AccountStore;
class LmdbTxn;         // lmdb_env.h
struct AccountTables;  // store_tables.h: the environment and the named databases' handles
struct WriteTxn;       // store_tables.h
namespace layout {
struct StagedObservation;  // store_layout.h
}
class StoreAccess;  // store_tables.h: the other stores' door to the private parts below
struct IdCaches;    // defined in account_store.cc

// A consistent read view of the store as of one commit. Cheap to open; hold it briefly.
// Thread safety: one snapshot is used by one thread at a time; many snapshots may coexist.
class StoreSnapshot {
 public:
  ~StoreSnapshot();
  StoreSnapshot(const StoreSnapshot&) = delete;
  StoreSnapshot& operator=(const StoreSnapshot&) = delete;

  // Counted on first use, so that point lookups do not pay for them.
  std::uint64_t num_accounts() const;
  std::uint64_t num_signals() const;

  Result<std::optional<AccountId>> FindAccount(std::string_view name) const;
  Result<std::string> AccountName(AccountId id) const;
  Result<AccountActivity> Activity(AccountId id) const;
  Result<SignalInfo> Signal(SignalId id) const;
  Result<std::optional<SignalId>> FindSignal(KindCode kind, const ValueHash& hash) const;
  // Replaces *out with the signals of `account`, ordered by signal id.
  Status AccountSignals(AccountId account, std::vector<AccountSignal>* out) const;
  // Replaces *out with the days on which `account` sent prompts, in day order. Empty for a store
  // written before daily volumes were kept.
  Status AccountDays(AccountId account, std::vector<DayCount>* out) const;
  // The stored template dictionary's bytes, empty when none was stored yet.
  Result<std::string> TemplateDictionaryBytes() const;
  // Calls fn for every kept prompt sketch, oldest first.
  Status ForEachPendingPrompt(const std::function<Status(const PendingPrompt&)>& fn) const;
  std::uint64_t pending_prompts() const;
  // Replaces *out with the accounts holding `signal`, ordered by account id.
  Status SignalAccounts(SignalId signal, std::vector<AccountId>* out) const;
  // Calls fn for every signal in id order; stops early and returns fn's status if it fails.
  Status ForEachSignal(const std::function<Status(SignalId, const SignalInfo&)>& fn) const;
  // One ordered pass over signal_accounts: calls fn(signal, holders) for every signal with
  // wanted(signal) true; unwanted signals are skipped without reading their holders.
  // The value of `signal` hashed under the consortium key with `tag`, if it was ingested while
  // that key was configured.
  Result<std::optional<ValueHash>> SharedHash(std::uint64_t tag, SignalId signal) const;
  // The local signal whose consortium-keyed hash under `tag` is `hash`.
  Result<std::optional<SignalId>> FindSharedSignal(std::uint64_t tag, KindCode kind,
                                                   const ValueHash& hash) const;
  Status ForEachSignalHolders(
      const std::function<bool(SignalId)>& wanted,
      const std::function<Status(SignalId, std::span<const AccountId>)>& fn) const;

 private:
  friend class AccountStore;
  friend class StoreAccess;
  StoreSnapshot(const AccountStore* store, LmdbTxn txn, std::shared_lock<std::shared_mutex> lock);

  const AccountStore* store_;
  std::shared_lock<std::shared_mutex> map_lock_;
  // Behind a pointer so that this header needs no LMDB type.
  std::unique_ptr<LmdbTxn> txn_;
  mutable std::optional<std::uint64_t> num_accounts_;
  mutable std::optional<std::uint64_t> num_signals_;
};

class AccountStore {
 public:
  ~AccountStore();
  AccountStore(const AccountStore&) = delete;
  AccountStore& operator=(const AccountStore&) = delete;

  // Opens the store in `dir`, creating the directory and databases unless read_only. Clears
  // reader slots left by crashed processes. Fails with FailedPrecondition on a schema mismatch.
  static Result<std::unique_ptr<AccountStore>> Open(const std::string& dir,
                                                    const StoreOptions& options = {});

  // Records the hashing key's id on first use; afterwards refuses a different key, because
  // hashes made under two secrets would never match.
  Status BindKeyId(std::string_view key_id);

  // The consortium keys (by tag: the first 8 bytes of their key id) whose hashes ingest
  // records carry in StoreRecord::shared, in that order. Empty by default.
  void BindConsortiumKeys(std::vector<std::uint64_t> tags) { consortium_tags_ = std::move(tags); }

  // Writes one batch in one durable transaction. Ingesting the same record twice changes only
  // counts and last-seen. Grows the map and retries when it is full. With `mark`, the stream
  // position is stored in the same transaction (also for a batch without records).
  Status IngestBatch(std::span<const StoreRecord> records, IngestBatchStats* stats = nullptr,
                     const StreamMark* mark = nullptr);

  // Writes one batch in one durable transaction like IngestBatch, but stages its observations
  // instead of aggregating them (see "Staged ingest" above); stats count records, new
  // accounts and new signals (new links are counted by the merge).
  Status StageBatch(std::span<const StoreRecord> records, IngestBatchStats* stats = nullptr);
  // Sets known_account and known_signal of the records whose account or value the id caches
  // hold, so that a batch's write skips their lookups: ingest calls it from its parallel stage,
  // off the one thread that writes. Safe to call from any thread, concurrently with writes.
  void FindCachedIds(std::span<StoreRecord> records) const;

  // Aggregates every staged observation into the account tables and empties the staging
  // table, in one durable transaction; a no-op when nothing is staged. stats->records counts
  // the observations merged, new_links the pairs they added.
  Status MergeStaged(IngestBatchStats* stats = nullptr);
  // Observations staged and not yet merged.
  Result<std::uint64_t> StagedObservations() const;

  // The sequence of the last record stream consumer `consumer` committed; 0 when it has none.
  Result<std::uint64_t> StreamSequence(std::string_view consumer) const;

  // Settles prompts whose templates were learned after they arrived, in one durable
  // transaction: stores `dictionary_bytes` as the current template dictionary (unless empty),
  // ingests `template_records` (template observations of those prompts; they carry
  // counts_activity = false, since the prompts were counted when ingested), and deletes the kept
  // sketches whose sequence is in `settled` or below `drop_before`.
  Status SettlePendingPrompts(std::string_view dictionary_bytes,
                              std::span<const StoreRecord> template_records,
                              std::span<const std::uint64_t> settled, std::uint64_t drop_before,
                              IngestBatchStats* stats = nullptr);

  Result<StoreStats> Stats() const;
  Result<std::unique_ptr<StoreSnapshot>> Snapshot() const;

  // A compacted, consistent hot copy into `dest_dir`, which must not exist or be empty.
  Status Backup(const std::string& dest_dir) const;

  const std::string& dir() const { return dir_; }

 private:
  friend class StoreSnapshot;
  // The other stores of graph/store share the environment, the writer lock and map growth;
  // the consistency check reads the tables directly.
  friend class StoreAccess;
  struct PendingIds;  // ids resolved by a batch, cached only once it commits
  class BatchWrite;   // one batch's write, phase by phase (account_store.cc)

  AccountStore(std::string dir, StoreOptions options);
  Status OpenEnvironment();
  // Runs `body` in a write transaction and commits it durably. On a full map, from the body
  // or the commit, grows the map and runs the body again from the start; `*map_growths` counts
  // the growths. Serialised with every other writer.
  Status RunWriteTxn(const std::string& where, const std::function<Status(WriteTxn&)>& body,
                     unsigned* map_growths = nullptr);
  // Writes one batch in `write` (BatchWrite's phases) and sets `*pending` to the ids it
  // resolved.
  Status TryIngestBatch(std::span<const StoreRecord> records, IngestBatchStats* stats,
                        PendingIds* pending, WriteTxn& write);
  // Appends every staged observation, checked against the ids the store holds, to *out.
  Status ReadStaged(WriteTxn& write, std::vector<layout::StagedObservation>* out);
  // Adds the ids a committed batch resolved to the caches, under the writers' mutex.
  void RememberCommittedIds(PendingIds& pending);
  Status GrowMap();
  // Grows the map, before a merge of `staged` observations, to what the merge may need.
  Status MakeRoomForMerge(std::uint64_t staged, unsigned* map_growths);
  // Whether the data directory's file system has almost no space left (under 16 MiB).
  bool DiskNearlyFull() const;

  std::string dir_;
  StoreOptions options_;
  std::unique_ptr<AccountTables> tables_;
  std::uint64_t map_bytes_ = 0;
  std::mutex write_mutex_;
  // Shared by snapshots, exclusive while the map is resized.
  mutable std::shared_mutex map_mutex_;
  // Caches of committed ids, so hot accounts and signals skip the B-tree lookup. Bounded; they
  // are cleared when they grow past their limit. Guarded by cache_mutex_ (taken after
  // write_mutex_ by writers).
  std::unique_ptr<IdCaches> caches_;
  mutable std::shared_mutex cache_mutex_;
  std::vector<std::uint64_t> consortium_tags_;
};

}  // namespace ringgraph::store
