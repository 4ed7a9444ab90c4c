// The LMDB account store. See account_store.h for the layout and the guarantees.
#include "graph/store/account_store.h"

#include <absl/container/flat_hash_map.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <tbb/parallel_sort.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <tuple>

#include "graph/store/store_layout.h"
#include "graph/store/store_tables.h"

namespace ringgraph::store {
namespace {

using layout::kCurrentDictionary;
using layout::kMetaKeyId;
using layout::kMetaKindCounts;
using layout::kMetaSchema;
using layout::kMetaStaged;
using layout::kMetaTotals;
using layout::PendingPromptHead;
using layout::StagedObservation;
using layout::Totals;
constexpr std::size_t kCacheLimit = 1 << 22;
// Observations per staged_observations value: about 70 KB, so a batch is a run of appends.
constexpr std::size_t kStagedRun = 4096;
constexpr std::size_t kSignalKeyBytes = 1 + kValueHashBytes;
// LMDB's default largest key (mdb_env_get_maxkeysize): a longer one is refused, not looked up.
constexpr std::size_t kMaxKeyBytes = 511;

using SignalKey = std::array<std::uint8_t, kSignalKeyBytes>;

SignalKey MakeSignalKey(KindCode kind, const ValueHash& hash) {
  SignalKey key;
  key[0] = kind;
  std::memcpy(key.data() + 1, hash.data(), hash.size());
  return key;
}

std::string_view KeyView(const SignalKey& key) {
  return std::string_view(reinterpret_cast<const char*>(key.data()), key.size());
}

// Orders account_signals duplicates by their leading signal id only, so an entry's counters
// can be rewritten in place with MDB_CURRENT.
int CompareAccountSignal(const MDB_val* a, const MDB_val* b) {
  SignalId x, y;
  std::memcpy(&x, a->mv_data, sizeof x);
  std::memcpy(&y, b->mv_data, sizeof y);
  return x < y ? -1 : (x > y ? 1 : 0);
}

// What a get or a cursor seek found: nothing (MDB_NOTFOUND), or a value that must be a T.
template <typename T>
Result<std::optional<T>> FixedValue(int rc, const MDB_val& data, std::string_view what) {
  if (rc == MDB_NOTFOUND) return std::optional<T>();
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, what);
  if (data.mv_size != sizeof(T)) {
    return Status::Corruption(std::string(what) + ": stored value has " +
                              std::to_string(data.mv_size) + " bytes, expected " +
                              std::to_string(sizeof(T)));
  }
  T value;
  std::memcpy(&value, data.mv_data, sizeof(T));
  return std::optional<T>(value);
}

template <typename T>
Result<std::optional<T>> GetFixed(MDB_txn* txn, MDB_dbi dbi, MDB_val key, std::string_view what) {
  MDB_val data;
  return FixedValue<T>(mdb_get(txn, dbi, &key, &data), data, what);
}

// GetFixed through a cursor, which it leaves on the key when found, so that the caller can
// overwrite the value in place (MDB_CURRENT) without a second search. A cursor already on a
// leaf page checks that page before searching from the root, so keys visited in ascending
// order mostly cost a search of one page.
template <typename T>
Result<std::optional<T>> SeekFixed(MDB_cursor* cursor, MDB_val key, std::string_view what) {
  MDB_val data;
  return FixedValue<T>(mdb_cursor_get(cursor, &key, &data, MDB_SET_KEY), data, what);
}

// Days since 1970-01-01 (UTC) of a timestamp; timestamps before 1970 count as day 0.
std::uint32_t DayOf(UnixSeconds ts) {
  return ts <= 0 ? 0u : static_cast<std::uint32_t>(ts / 86400);
}

std::uint64_t Entries(MDB_txn* txn, MDB_dbi dbi) {
  MDB_stat st;
  if (mdb_stat(txn, dbi, &st) != MDB_SUCCESS) return 0;
  return st.ms_entries;
}

}  // namespace

// Ids are dense and never reused, so a store that holds exactly n accounts holds ids 0..n-1.
// A cache that was filled from an empty store and never cleared holds all of them while the
// store still has the count the cache has seen; a name it lacks is then new, and the writer
// assigns its id without a B-tree look-up (a look-up that misses is the dearest kind: a descent
// through pages the last commit moved). Another process's writes change the count, and a
// cleared cache gives up the claim for good.
inline constexpr std::uint64_t kIncomplete = ~std::uint64_t{0};

struct IdCaches {
  absl::flat_hash_map<std::string, AccountId> accounts;
  absl::flat_hash_map<SignalKey, SignalId> signals;
  // The store's account (signal value) count while the cache holds every id; kIncomplete when
  // it may not.
  std::uint64_t all_accounts_at = kIncomplete;
  std::uint64_t all_signals_at = kIncomplete;
};

AccountStore::AccountStore(std::string dir, StoreOptions options)
    : dir_(std::move(dir)),
      options_(options),
      tables_(std::make_unique<AccountTables>()),
      caches_(std::make_unique<IdCaches>()) {}

AccountStore::~AccountStore() {
  if (tables_->env != nullptr) mdb_env_close(tables_->env);
}

Result<std::unique_ptr<AccountStore>> AccountStore::Open(const std::string& dir,
                                                         const StoreOptions& options) {
  std::error_code ec;
  const std::filesystem::path data_file = std::filesystem::path(dir) / "data.mdb";
  if (::access(dir.c_str(), F_OK) == 0 && ::access(dir.c_str(), R_OK | X_OK) != 0) {
    return Status::IoError("cannot open data directory '" + dir + "': permission denied (" +
                           std::strerror(errno) + "); check its owner and mode");
  }
  if (!options.create_if_missing && !std::filesystem::exists(data_file, ec)) {
    return Status::NotFound("no account store in '" + dir +
                            "'; ingest signals first or check --data");
  }
  if (!options.read_only) {
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      return Status::IoError("cannot create data directory '" + dir + "': " + ec.message());
    }
  } else if (!std::filesystem::exists(std::filesystem::path(dir) / "data.mdb", ec)) {
    return Status::NotFound("no account store in '" + dir +
                            "'; ingest signals first or check --data");
  }
  std::unique_ptr<AccountStore> store(new AccountStore(dir, options));
  RINGGRAPH_RETURN_IF_ERROR(store->OpenEnvironment());
  // Batches a killed ingest staged but did not merge: merged before anyone reads.
  if (!options.read_only) RINGGRAPH_RETURN_IF_ERROR(store->MergeStaged());
  return store;
}

Status AccountStore::OpenEnvironment() {
  const std::string where = "open account store '" + dir_ + "'";
  int rc = mdb_env_create(&tables_->env);
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, where);
  mdb_env_set_maxdbs(tables_->env, 32);
  mdb_env_set_maxreaders(tables_->env, options_.max_readers);
  mdb_env_set_mapsize(tables_->env, options_.initial_map_bytes);
  unsigned flags = MDB_NOTLS | (options_.read_only ? MDB_RDONLY : 0);
  rc = mdb_env_open(tables_->env, dir_.c_str(), flags, 0640);
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, where);
  int dead_readers = 0;
  mdb_reader_check(tables_->env, &dead_readers);

  RINGGRAPH_ASSIGN_OR_RETURN(
      LmdbTxn txn, LmdbTxn::Begin(tables_->env, options_.read_only ? MDB_RDONLY : 0, where));
  unsigned create = options_.read_only ? 0 : MDB_CREATE;
  struct Spec {
    const char* name;
    unsigned flags;
    MDB_dbi* dbi;
  };
  const Spec specs[] = {
      {"meta", 0, &tables_->meta},
      {"account_ids", 0, &tables_->account_ids},
      {"account_names", MDB_INTEGERKEY, &tables_->account_names},
      {"account_activity", MDB_INTEGERKEY, &tables_->account_activity},
      {"signal_ids", 0, &tables_->signal_ids},
      {"signal_info", MDB_INTEGERKEY, &tables_->signal_info},
      {"account_signals", MDB_INTEGERKEY | MDB_DUPSORT | MDB_DUPFIXED, &tables_->account_signals},
      {"signal_accounts", MDB_INTEGERKEY | MDB_DUPSORT | MDB_DUPFIXED | MDB_INTEGERDUP,
       &tables_->signal_accounts},
  };
  for (const Spec& spec : specs) {
    rc = mdb_dbi_open(txn.get(), spec.name, spec.flags | create, spec.dbi);
    if (rc == MDB_NOTFOUND) {
      return Status::Corruption(where + ": database '" + spec.name +
                                "' is missing; this is not a ringgraph store");
    }
    if (rc != MDB_SUCCESS) return LmdbStatus(rc, where + ": database " + spec.name);
  }
  mdb_set_dupsort(txn.get(), tables_->account_signals, CompareAccountSignal);
  // Added with indicator sharing: created on a read-write open, absent (read as empty) in an
  // older store opened read-only.
  for (auto [name, dbi] : {std::pair{"shared_hashes", &tables_->shared_hashes},
                           std::pair{"shared_lookup", &tables_->shared_lookup}}) {
    rc = mdb_dbi_open(txn.get(), name, create, dbi);
    if (rc == MDB_NOTFOUND && options_.read_only) {
      tables_->has_shared = false;
    } else if (rc != MDB_SUCCESS) {
      return LmdbStatus(rc, where + ": database " + name);
    }
  }

  // Added with learned templates; absent (read as empty) in an older store opened read-only.
  for (auto [name, flags, dbi] :
       {std::tuple{"template_dictionary", 0u, &tables_->template_dictionary},
        std::tuple{"prompt_sketches", static_cast<unsigned>(MDB_INTEGERKEY),
                   &tables_->prompt_sketches}}) {
    rc = mdb_dbi_open(txn.get(), name, flags | create, dbi);
    if (rc == MDB_NOTFOUND && options_.read_only) {
      tables_->has_templates = false;
    } else if (rc != MDB_SUCCESS) {
      return LmdbStatus(rc, where + ": database " + name);
    }
  }
  // Added with daily prompt volumes; absent (read as empty) in an older store opened read-only.
  rc = mdb_dbi_open(txn.get(), "account_days",
                    MDB_INTEGERKEY | MDB_DUPSORT | MDB_DUPFIXED | MDB_INTEGERDUP | create,
                    &tables_->account_days);
  if (rc == MDB_NOTFOUND && options_.read_only) {
    tables_->has_days = false;
  } else if (rc != MDB_SUCCESS) {
    return LmdbStatus(rc, where + ": database account_days");
  }
  // Added with staged ingest; absent (read as empty) in an older store opened read-only.
  rc = mdb_dbi_open(txn.get(), "staged_observations", MDB_INTEGERKEY | create,
                    &tables_->staged_observations);
  if (rc == MDB_NOTFOUND && options_.read_only) {
    tables_->has_staging = false;
  } else if (rc != MDB_SUCCESS) {
    return LmdbStatus(rc, where + ": database staged_observations");
  }
  MDB_val schema_key = ToVal(kMetaSchema);
  RINGGRAPH_ASSIGN_OR_RETURN(auto schema,
                             GetFixed<std::uint32_t>(txn.get(), tables_->meta, schema_key, where));
  if (!schema.has_value()) {
    if (options_.read_only) {
      return Status::Corruption(where + ": no schema version; this is not a ringgraph store");
    }
    std::uint32_t version = kSchemaVersion;
    MDB_val data = ToVal(&version, sizeof version);
    rc = mdb_put(txn.get(), tables_->meta, &schema_key, &data, 0);
    if (rc != MDB_SUCCESS) return LmdbStatus(rc, where + ": write schema version");
  } else if (*schema != kSchemaVersion) {
    return Status::FailedPrecondition(where + ": the store has schema version " +
                                      std::to_string(*schema) + " but this build reads version " +
                                      std::to_string(kSchemaVersion) +
                                      "; see 'Upgrading the schema' in the README");
  }
  // An empty store's ids are all in the (empty) caches.
  if (Entries(txn.get(), tables_->account_names) == 0) caches_->all_accounts_at = 0;
  if (Entries(txn.get(), tables_->signal_info) == 0) caches_->all_signals_at = 0;
  RINGGRAPH_RETURN_IF_ERROR(txn.Commit(where));
  MDB_envinfo info;
  mdb_env_info(tables_->env, &info);
  map_bytes_ = info.me_mapsize;
  return Status::Ok();
}

Status AccountStore::BindKeyId(std::string_view key_id) {
  return RunWriteTxn("check hashing key of '" + dir_ + "'", [&](WriteTxn& write) -> Status {
    MDB_val key = ToVal(kMetaKeyId), data;
    int rc = mdb_get(write.txn, tables_->meta, &key, &data);
    if (rc == MDB_SUCCESS) {
      if (ToView(data) != key_id) {
        return Status::FailedPrecondition(
            "the store in '" + dir_ + "' was written under hashing key " +
            std::string(ToView(data)) + " but the secret given has key id " + std::string(key_id) +
            "; use the deployment's original secret (see 'Rotating the secret' in the README)");
      }
      return Status::Ok();
    }
    if (rc != MDB_NOTFOUND) return write.Fail(rc, "read key id");
    data = ToVal(key_id);
    rc = mdb_put(write.txn, tables_->meta, &key, &data, 0);
    if (rc != MDB_SUCCESS) return write.Fail(rc, "write key id");
    return Status::Ok();
  });
}

Status AccountStore::RunWriteTxn(const std::string& where,
                                 const std::function<Status(WriteTxn&)>& body,
                                 unsigned* map_growths) {
  if (options_.read_only) {
    return Status::FailedPrecondition("the store in '" + dir_ + "' is open read-only");
  }
  std::lock_guard<std::mutex> writer(write_mutex_);
  while (true) {
    WriteTxn write;
    write.where = where;
    Status result;
    {
      std::shared_lock<std::shared_mutex> map_lock(map_mutex_);
      int rc = mdb_txn_begin(tables_->env, nullptr, 0, &write.txn);
      if (rc == MDB_SUCCESS) {
        LmdbTxn txn = LmdbTxn::Adopt(write.txn);
        result = body(write);
        if (result.ok()) {
          rc = mdb_txn_commit(txn.Release());
          if (rc != MDB_SUCCESS) result = write.Fail(rc, "commit");
        }
      } else {
        result = write.Fail(rc, "begin");
      }
    }
    if (write.lmdb_code == MDB_MAP_FULL) {
      RINGGRAPH_RETURN_IF_ERROR(GrowMap());
      if (map_growths != nullptr) ++*map_growths;
      continue;
    }
    if (write.lmdb_code == MDB_MAP_RESIZED) {
      std::unique_lock<std::shared_mutex> map_lock(map_mutex_);
      mdb_env_set_mapsize(tables_->env, 0);  // adopt the size another process set
      continue;
    }
    if ((write.lmdb_code == EIO || write.lmdb_code == ENOSPC) && DiskNearlyFull()) {
      // LMDB reports a short write at commit as EIO; on a full file system that is ENOSPC.
      return Status::ResourceExhausted(
          where +
          ": the disk is full; free space and retry "
          "(the failed transaction committed nothing; earlier commits are kept)");
    }
    return result;
  }
}

Status AccountStore::MakeRoomForMerge(std::uint64_t staged, unsigned* map_growths) {
  // A merge can copy every page of the tables it aggregates into (LMDB writes a changed page
  // to a new place and frees the old one only at the commit) and adds pages for new entries:
  // each observation can add one entry of at most 24 bytes to each of account_signals,
  // signal_accounts and account_days, and a B-tree's leaves are at least half full. The map
  // is grown before the transaction when that may not fit past the file's last page, since a
  // merge that fills the map is thrown away whole and redone after the growth. The estimate
  // ignores free pages inside the file, so it errs towards growing early, which costs address
  // space, not disk: the file grows only as pages are written.
  RINGGRAPH_ASSIGN_OR_RETURN(const StoreStats stats, Stats());
  std::uint64_t table_bytes = 0;
  {
    RINGGRAPH_ASSIGN_OR_RETURN(std::unique_ptr<StoreSnapshot> snapshot, Snapshot());
    for (MDB_dbi dbi : {tables_->account_signals, tables_->signal_accounts, tables_->signal_info,
                        tables_->account_activity, tables_->account_days}) {
      MDB_stat st;
      if (mdb_stat(snapshot->txn_->get(), dbi, &st) != MDB_SUCCESS) continue;
      table_bytes += (st.ms_branch_pages + st.ms_leaf_pages + st.ms_overflow_pages) *
                     static_cast<std::uint64_t>(st.ms_psize);
    }
  }
  const std::uint64_t needed = stats.used_bytes + table_bytes + staged * 3 * 2 * 24;
  while (map_bytes_ < needed && map_bytes_ < options_.max_map_bytes) {
    RINGGRAPH_RETURN_IF_ERROR(GrowMap());
    if (map_growths != nullptr) ++*map_growths;
  }
  return Status::Ok();
}

bool AccountStore::DiskNearlyFull() const {
  struct statvfs fs;
  if (::statvfs(dir_.c_str(), &fs) != 0) return false;
  const std::uint64_t free_bytes = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
  return free_bytes < (std::uint64_t{16} << 20);
}

Status AccountStore::GrowMap() {
  std::unique_lock<std::shared_mutex> lock(map_mutex_);
  if (map_bytes_ >= options_.max_map_bytes) {
    return Status::ResourceExhausted("the LMDB map of '" + dir_ + "' is full at its limit of " +
                                     std::to_string(map_bytes_) +
                                     " bytes; raise --max-map-mib (the failed transaction "
                                     "committed nothing; earlier commits are kept)");
  }
  std::uint64_t target = std::min<std::uint64_t>(map_bytes_ * 2, options_.max_map_bytes);
  int rc = mdb_env_set_mapsize(tables_->env, target);
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "grow the LMDB map of '" + dir_ + "'");
  MDB_envinfo info;
  mdb_env_info(tables_->env, &info);
  map_bytes_ = info.me_mapsize;
  return Status::Ok();
}

struct AccountStore::PendingIds {
  std::vector<std::pair<std::string, AccountId>> accounts;
  std::vector<std::pair<SignalKey, SignalId>> signals;
  // The store's counts before and after the batch (equal when it added none).
  std::uint64_t accounts_before = 0, accounts_after = 0;
  std::uint64_t signals_before = 0, signals_after = 0;
  bool resolved = false;  // false: no batch ran, the counts say nothing
};

Status AccountStore::IngestBatch(std::span<const StoreRecord> records, IngestBatchStats* stats,
                                 const StreamMark* mark) {
  IngestBatchStats local;
  IngestBatchStats* out = stats != nullptr ? stats : &local;
  *out = IngestBatchStats{};
  PendingIds pending;
  RINGGRAPH_RETURN_IF_ERROR(RunWriteTxn(
      "ingest batch into '" + dir_ + "'",
      [&](WriteTxn& write) -> Status {
        if (!records.empty()) {
          RINGGRAPH_RETURN_IF_ERROR(TryIngestBatch(records, out, &pending, write));
        }
        if (mark == nullptr) return Status::Ok();
        return PutStreamMark(write, tables_->meta, *mark);
      },
      &out->map_growths));
  out->redone_after_growth = out->map_growths;  // each growth here followed a full map
  // Only committed ids enter the caches.
  RememberCommittedIds(pending);
  return Status::Ok();
}

void AccountStore::FindCachedIds(std::span<StoreRecord> records) const {
  std::shared_lock<std::shared_mutex> lock(cache_mutex_);
  for (StoreRecord& r : records) {
    const absl::string_view name(r.account.data(), r.account.size());
    if (auto it = caches_->accounts.find(name); it != caches_->accounts.end()) {
      r.known_account = it->second;
    }
    if (!r.has_signal) continue;
    if (auto it = caches_->signals.find(MakeSignalKey(r.kind, r.value));
        it != caches_->signals.end()) {
      r.known_signal = it->second;
    }
  }
}

void AccountStore::RememberCommittedIds(PendingIds& pending) {
  // Writers and FindCachedIds read the caches under a shared cache_mutex_. (Once the caches
  // were written after the writers' mutex was released without a lock of their own, and
  // ringd's ingest calls and detection's template refresh, two writers on two threads, raced
  // on the hash maps: TSan.)
  std::unique_lock<std::shared_mutex> lock(cache_mutex_);
  if (!pending.resolved) return;
  // Still complete only if it was complete at the batch's start: then every uncached id the
  // batch handed over is one of its new ones.
  caches_->all_accounts_at =
      caches_->all_accounts_at == pending.accounts_before ? pending.accounts_after : kIncomplete;
  caches_->all_signals_at =
      caches_->all_signals_at == pending.signals_before ? pending.signals_after : kIncomplete;
  if (caches_->accounts.size() + pending.accounts.size() > kCacheLimit) {
    caches_->accounts.clear();
    caches_->all_accounts_at = kIncomplete;
  }
  for (auto& [name, id] : pending.accounts) caches_->accounts.try_emplace(std::move(name), id);
  if (caches_->signals.size() + pending.signals.size() > kCacheLimit) {
    caches_->signals.clear();
    caches_->all_signals_at = kIncomplete;
  }
  for (const auto& [key, id] : pending.signals) caches_->signals.try_emplace(key, id);
}

// One batch written in one write transaction, as named phases. Each phase reads what the phases
// before it resolved; Run() calls them in order. Phases that write account- or signal-keyed
// tables walk their updates in key order, appending where the keys are new.
class AccountStore::BatchWrite {
 public:
  BatchWrite(AccountStore& store, std::span<const StoreRecord> records, WriteTxn& write)
      : store_(store), records_(records), write_(write), txn_(write.txn) {}

  // The phases every batch runs when it is written: ids, new signal values, consortium hashes
  // and kept prompt sketches, and the records reduced to observations (observations()).
  Status Resolve(IngestBatchStats* stats, PendingIds* pending) {
    *stats = IngestBatchStats{stats->records, 0, 0, 0, stats->map_growths};
    {
      std::shared_lock<std::shared_mutex> caches(store_.cache_mutex_);
      RINGGRAPH_RETURN_IF_ERROR(ResolveAccounts());
      RINGGRAPH_RETURN_IF_ERROR(ResolveSignals());
    }
    RINGGRAPH_RETURN_IF_ERROR(WriteConsortiumHashes());
    RINGGRAPH_RETURN_IF_ERROR(AddNewSignals());
    RINGGRAPH_RETURN_IF_ERROR(KeepPromptSketches());
    ReduceToObservations();
    HandOverIds(pending);
    stats->records = records_.size();
    stats->new_accounts = new_account_names_.size();
    stats->new_signals = new_signals_.size();
    return Status::Ok();
  }

  // The phases that aggregate observations (this batch's, or staged ones being merged) into
  // the account tables. Phases that write account- or signal-keyed tables walk their updates in
  // key order, appending where the keys are past the table's last one.
  Status Apply(std::span<const StagedObservation> observations, IngestBatchStats* stats) {
    SortObservations(observations);
    AggregatePairs();
    RINGGRAPH_RETURN_IF_ERROR(WriteAccountSignals());
    RINGGRAPH_RETURN_IF_ERROR(WriteSignalAccounts());
    RINGGRAPH_RETURN_IF_ERROR(WriteSignalInfo());
    RINGGRAPH_RETURN_IF_ERROR(WriteAccountActivity());
    RINGGRAPH_RETURN_IF_ERROR(WriteAccountDays());
    RINGGRAPH_RETURN_IF_ERROR(WriteTotals());
    stats->new_links += new_links_.size();
    return Status::Ok();
  }

  // Appends the batch's observations to staged_observations, in runs of kStagedRun, and counts
  // them in meta.
  Status Stage() {
    if (!store_.tables_->has_staging) {
      return Status::FailedPrecondition(write_.where + ": the store has no staging table");
    }
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                               LmdbCursor::Open(txn_, store_.tables_->staged_observations));
    RINGGRAPH_ASSIGN_OR_RETURN(std::uint64_t next_run,
                               NextSequence(cursor.get(), "read the last staged run"));
    MDB_val key, data;
    int rc = MDB_SUCCESS;
    for (std::size_t i = 0; i < observations_.size(); i += kStagedRun, ++next_run) {
      const std::size_t n = std::min(kStagedRun, observations_.size() - i);
      key = ToVal(&next_run, sizeof next_run);
      data = ToVal(&observations_[i], n * sizeof(StagedObservation));
      rc = mdb_cursor_put(cursor.get(), &key, &data, MDB_APPEND);
      if (rc != MDB_SUCCESS) return Fail(rc, "stage observations");
    }
    MDB_val staged_key = ToVal(kMetaStaged);
    RINGGRAPH_ASSIGN_OR_RETURN(
        auto staged, GetFixed<std::uint64_t>(txn_, store_.tables_->meta, staged_key, write_.where));
    std::uint64_t total = staged.value_or(0) + observations_.size();
    MDB_val total_data = ToVal(&total, sizeof total);
    rc = mdb_put(txn_, store_.tables_->meta, &staged_key, &total_data, 0);
    return rc == MDB_SUCCESS ? Status::Ok() : Fail(rc, "count staged observations");
  }

  std::span<const StagedObservation> observations() const { return observations_; }

 private:
  // A StagedObservation, unpacked.
  struct Observation {
    AccountId account;
    SignalId signal;
    std::int64_t ts;
    std::uint8_t flags;
  };

  // One (account, signal) pair of the batch, with its observations merged.
  struct PairUpdate {
    AccountId account;
    SignalId signal;
    std::uint32_t count;
    std::int64_t first, last;
  };

  Status Fail(int code, const char* step) { return write_.Fail(code, step); }

  // Appends skip the B-tree search: new ids are larger than every stored key, and within a key
  // the updates come in ascending order. MDB_KEYEXIST from an append means the order assumption
  // failed; the put is then retried as an ordinary insert.
  static int PutInOrder(MDB_cursor* cursor, MDB_val* key, MDB_val* data, unsigned flags) {
    int code = mdb_cursor_put(cursor, key, data, flags);
    if (code == MDB_KEYEXIST && flags != 0) code = mdb_cursor_put(cursor, key, data, 0);
    return code;
  }

  // Account names to ids (known already, the cache, then account_ids), new ids assigned
  // densely and stored.
  Status ResolveAccounts() {
    first_new_account_ = static_cast<AccountId>(Entries(txn_, store_.tables_->account_names));
    const bool cache_has_all = store_.caches_->all_accounts_at == first_new_account_;
    AccountId next_account = first_new_account_;
    batch_accounts_.reserve(records_.size() / 4 + 16);
    record_account_.resize(records_.size());
    for (std::size_t i = 0; i < records_.size(); ++i) {
      if (records_[i].known_account != kNoAccount) {
        record_account_[i] = records_[i].known_account;
        continue;
      }
      const absl::string_view name(records_[i].account.data(), records_[i].account.size());
      auto [it, inserted] = batch_accounts_.try_emplace(name, kNoAccount);
      if (inserted) {
        if (auto cached = store_.caches_->accounts.find(name);
            cached != store_.caches_->accounts.end()) {
          it->second = cached->second;
        } else {
          MDB_val key = ToVal(records_[i].account), data;
          const int rc = cache_has_all ? MDB_NOTFOUND
                                       : mdb_get(txn_, store_.tables_->account_ids, &key, &data);
          if (rc == MDB_SUCCESS && data.mv_size == sizeof(AccountId)) {
            std::memcpy(&it->second, data.mv_data, sizeof(AccountId));
          } else if (rc == MDB_NOTFOUND) {
            it->second = next_account++;
            new_account_names_.push_back(records_[i].account);
          } else {
            return rc == MDB_SUCCESS ? Status::Corruption(write_.where + ": bad account id")
                                     : Fail(rc, "look up account");
          }
          uncached_accounts_.emplace_back(name, it->second);
        }
      }
      record_account_[i] = it->second;
    }
    // account_ids in name order, through one cursor: each insert then searches the leaf page
    // the one before it left the cursor on, instead of descending from the root.
    std::vector<std::uint32_t> by_name(new_account_names_.size());
    std::iota(by_name.begin(), by_name.end(), 0u);
    std::sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) {
      return new_account_names_[a] < new_account_names_[b];
    });
    {
      RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                                 LmdbCursor::Open(txn_, store_.tables_->account_ids));
      for (std::uint32_t k : by_name) {
        AccountId id = first_new_account_ + static_cast<AccountId>(k);
        MDB_val key = ToVal(new_account_names_[k]), data = ToVal(&id, sizeof id);
        const int rc = mdb_cursor_put(cursor.get(), &key, &data, MDB_NOOVERWRITE);
        if (rc != MDB_SUCCESS) return Fail(rc, "add account");
      }
    }
    for (std::size_t k = 0; k < new_account_names_.size(); ++k) {
      AccountId id = first_new_account_ + static_cast<AccountId>(k);
      MDB_val id_key = ToVal(&id, sizeof id), name = ToVal(new_account_names_[k]);
      const int rc = mdb_put(txn_, store_.tables_->account_names, &id_key, &name, MDB_APPEND);
      if (rc != MDB_SUCCESS) return Fail(rc, "add account name");
    }
    return Status::Ok();
  }

  // Signal values to ids (known already, the cache, then signal_ids), new ids assigned densely
  // and stored.
  Status ResolveSignals() {
    first_new_signal_ = static_cast<SignalId>(Entries(txn_, store_.tables_->signal_info));
    const bool cache_has_all = store_.caches_->all_signals_at == first_new_signal_;
    SignalId next_signal = first_new_signal_;
    batch_signals_.reserve(records_.size() / 2 + 16);
    record_signal_.assign(records_.size(), kNoSignal);
    for (std::size_t i = 0; i < records_.size(); ++i) {
      if (!records_[i].has_signal) continue;
      if (records_[i].known_signal != kNoSignal) {
        record_signal_[i] = records_[i].known_signal;
        continue;
      }
      SignalKey key_bytes = MakeSignalKey(records_[i].kind, records_[i].value);
      auto [it, inserted] = batch_signals_.try_emplace(key_bytes, kNoSignal);
      if (inserted) {
        if (auto cached = store_.caches_->signals.find(key_bytes);
            cached != store_.caches_->signals.end()) {
          it->second = cached->second;
        } else {
          MDB_val key = ToVal(KeyView(key_bytes)), data;
          int rc =
              cache_has_all ? MDB_NOTFOUND : mdb_get(txn_, store_.tables_->signal_ids, &key, &data);
          if (rc == MDB_SUCCESS && data.mv_size == sizeof(SignalId)) {
            std::memcpy(&it->second, data.mv_data, sizeof(SignalId));
          } else if (rc == MDB_NOTFOUND) {
            it->second = next_signal++;
            new_signals_.emplace_back(it->second, &records_[i]);
          } else {
            return rc == MDB_SUCCESS ? Status::Corruption(write_.where + ": bad signal id")
                                     : Fail(rc, "look up signal");
          }
          uncached_signals_.emplace_back(key_bytes, it->second);
        }
      }
      record_signal_[i] = it->second;
    }
    // signal_ids in key order through one cursor, as account_ids.
    std::vector<std::pair<SignalKey, SignalId>> added;
    added.reserve(new_signals_.size());
    for (const auto& [signal, record] : new_signals_) {
      added.emplace_back(MakeSignalKey(record->kind, record->value), signal);
    }
    std::sort(added.begin(), added.end());
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                               LmdbCursor::Open(txn_, store_.tables_->signal_ids));
    for (auto& [key_bytes, signal] : added) {
      MDB_val key = ToVal(KeyView(key_bytes)), data = ToVal(&signal, sizeof signal);
      const int rc = mdb_cursor_put(cursor.get(), &key, &data, MDB_NOOVERWRITE);
      if (rc != MDB_SUCCESS) return Fail(rc, "add signal");
    }
    return Status::Ok();
  }

  // Consortium-keyed hashes of the batch's values, for indicator sharing.
  Status WriteConsortiumHashes() {
    const std::vector<std::uint64_t>& tags = store_.consortium_tags_;
    if (tags.empty()) return Status::Ok();
    for (std::size_t i = 0; i < records_.size(); ++i) {
      if (records_[i].shared == nullptr || record_signal_[i] == kNoSignal) continue;
      for (std::size_t k = 0; k < tags.size(); ++k) {
        unsigned char key[12];
        std::memcpy(key, &tags[k], 8);
        std::memcpy(key + 8, &record_signal_[i], 4);
        MDB_val hk{sizeof key, key};
        MDB_val hd{sizeof(ValueHash), const_cast<std::uint8_t*>(records_[i].shared[k].data())};
        int rc = mdb_put(txn_, store_.tables_->shared_hashes, &hk, &hd, MDB_NOOVERWRITE);
        if (rc == MDB_KEYEXIST) continue;
        if (rc != MDB_SUCCESS) return Fail(rc, "add consortium hash");
        unsigned char lookup[8 + 1 + sizeof(ValueHash)];
        std::memcpy(lookup, &tags[k], 8);
        lookup[8] = records_[i].kind;
        std::memcpy(lookup + 9, records_[i].shared[k].data(), sizeof(ValueHash));
        MDB_val lk{sizeof lookup, lookup}, ld{sizeof(SignalId), &record_signal_[i]};
        rc = mdb_put(txn_, store_.tables_->shared_lookup, &lk, &ld, 0);
        if (rc != MDB_SUCCESS) return Fail(rc, "add consortium lookup");
      }
    }
    return Status::Ok();
  }

  // signal_info: an entry for every new signal value, with no holders and no observations yet
  // (Apply counts them); the values per kind count it at once.
  Status AddNewSignals() {
    if (new_signals_.empty()) return Status::Ok();
    std::array<std::uint64_t, 256> kind_counts{};
    MDB_val counts_key = ToVal(kMetaKindCounts), data;
    int rc = mdb_get(txn_, store_.tables_->meta, &counts_key, &data);
    if (rc == MDB_SUCCESS && data.mv_size == sizeof kind_counts) {
      std::memcpy(kind_counts.data(), data.mv_data, sizeof kind_counts);
    } else if (rc != MDB_NOTFOUND && rc != MDB_SUCCESS) {
      return Fail(rc, "read kind counts");
    }
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                               LmdbCursor::Open(txn_, store_.tables_->signal_info));
    for (const auto& [signal, record] : new_signals_) {  // ascending ids, all past the last
      SignalInfo info{};
      info.kind = record->kind;
      info.hash = record->value;
      info.first_seen = record->ts;
      info.last_seen = record->ts;
      ++kind_counts[record->kind];
      MDB_val key = ToVal(&signal, sizeof signal), value = ToVal(&info, sizeof info);
      rc = mdb_cursor_put(cursor.get(), &key, &value, MDB_APPEND);
      if (rc != MDB_SUCCESS) return Fail(rc, "add signal info");
    }
    data = ToVal(kind_counts.data(), sizeof kind_counts);
    rc = mdb_put(txn_, store_.tables_->meta, &counts_key, &data, 0);
    return rc == MDB_SUCCESS ? Status::Ok() : Fail(rc, "write kind counts");
  }

  // The records as observations: resolved ids, time and what each counts towards.
  void ReduceToObservations() {
    observations_.resize(records_.size());
    for (std::size_t i = 0; i < records_.size(); ++i) {
      const StoreRecord& r = records_[i];
      observations_[i] = {
          record_account_[i], record_signal_[i], r.ts,
          static_cast<std::uint8_t>((r.counts_activity ? StagedObservation::kCountsActivity : 0) |
                                    (r.counts_prompt ? StagedObservation::kCountsPrompt : 0))};
    }
  }

  // The key of a table's last entry; nullopt when it is empty. Ids past it are appended.
  Result<std::optional<std::uint32_t>> LastKey(MDB_dbi dbi, const char* what) {
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(txn_, dbi));
    MDB_val key, data;
    const int rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_LAST);
    if (rc == MDB_NOTFOUND) return std::optional<std::uint32_t>();
    if (rc != MDB_SUCCESS) return Fail(rc, what);
    std::uint32_t id;
    std::memcpy(&id, key.mv_data, sizeof id);
    return std::optional<std::uint32_t>(id);
  }
  // The key after the last of a table keyed by an appended u64 sequence; 0 when it is empty.
  Result<std::uint64_t> NextSequence(MDB_cursor* cursor, const char* what) {
    MDB_val key, data;
    const int rc = mdb_cursor_get(cursor, &key, &data, MDB_LAST);
    if (rc == MDB_NOTFOUND) return std::uint64_t{0};
    if (rc != MDB_SUCCESS) return Fail(rc, what);
    std::uint64_t last;
    std::memcpy(&last, key.mv_data, sizeof last);
    return last + 1;
  }
  static bool Past(std::uint32_t id, const std::optional<std::uint32_t>& last) {
    return !last.has_value() || id > *last;
  }

  // The observations in (account, signal) order, those without a signal last in their account:
  // the one sort the account-keyed phases share (in parallel: a merge of time-ordered input
  // sorts millions).
  // Unpacked on the way (the stored layout is packed, and its time is not 8-byte aligned).
  void SortObservations(std::span<const StagedObservation> observations) {
    sorted_.resize(observations.size());
    for (std::size_t i = 0; i < observations.size(); ++i) {
      const StagedObservation& o = observations[i];
      sorted_[i] = {o.account, o.signal, o.ts, o.flags};
    }
    tbb::parallel_sort(
        sorted_.begin(), sorted_.end(), [](const Observation& a, const Observation& b) {
          return a.account != b.account ? a.account < b.account : a.signal < b.signal;
        });
  }

  // The observations merged per (account, signal), in (account, signal) order.
  void AggregatePairs() {
    pairs_.reserve(sorted_.size());
    for (const Observation& o : sorted_) {
      if (o.signal == kNoSignal) continue;
      pairs_.push_back({o.account, o.signal, 1, o.ts, o.ts});
    }
    std::size_t merged = 0;
    for (std::size_t i = 0; i < pairs_.size(); ++i) {
      if (merged > 0 && pairs_[merged - 1].account == pairs_[i].account &&
          pairs_[merged - 1].signal == pairs_[i].signal) {
        PairUpdate& m = pairs_[merged - 1];
        m.count += 1;
        m.first = std::min(m.first, pairs_[i].first);
        m.last = std::max(m.last, pairs_[i].last);
      } else {
        pairs_[merged++] = pairs_[i];
      }
    }
    pairs_.resize(merged);
  }

  // account_signals: existing pairs updated in place, new ones added (and remembered as links).
  Status WriteAccountSignals() {
    RINGGRAPH_ASSIGN_OR_RETURN(last_linked_account_,
                               LastKey(store_.tables_->account_signals, "read the last account"));
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                               LmdbCursor::Open(txn_, store_.tables_->account_signals));
    AccountId previous_account = kNoAccount;
    for (const PairUpdate& p : pairs_) {
      AccountSignal entry{p.signal, p.count, p.first, p.last};
      MDB_val key = ToVal(&p.account, sizeof p.account);
      MDB_val data = ToVal(&entry, sizeof entry);
      bool exists = false;
      const bool unlinked = Past(p.account, last_linked_account_);
      if (!unlinked) {
        const int rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_GET_BOTH);
        if (rc == MDB_SUCCESS) {
          exists = true;
        } else if (rc != MDB_NOTFOUND) {
          return Fail(rc, "read account signal");
        }
      }
      if (exists) {
        AccountSignal old;
        std::memcpy(&old, data.mv_data, sizeof old);
        AccountSignal updated{p.signal, old.count + p.count, std::min(old.first_seen, p.first),
                              std::max(old.last_seen, p.last)};
        MDB_val new_data = ToVal(&updated, sizeof updated);
        key = ToVal(&p.account, sizeof p.account);
        const int rc = mdb_cursor_put(cursor.get(), &key, &new_data, MDB_CURRENT);
        if (rc != MDB_SUCCESS) return Fail(rc, "update account signal");
      } else {
        key = ToVal(&p.account, sizeof p.account);
        data = ToVal(&entry, sizeof entry);
        unsigned flags = 0;
        if (unlinked) flags = p.account == previous_account ? MDB_APPENDDUP : MDB_APPEND;
        const int rc = PutInOrder(cursor.get(), &key, &data, flags);
        if (rc != MDB_SUCCESS) return Fail(rc, "add account signal");
        new_links_.emplace_back(p.signal, p.account);
      }
      previous_account = p.account;
    }
    return Status::Ok();
  }

  // signal_accounts: the reverse direction, for the new links only.
  Status WriteSignalAccounts() {
    tbb::parallel_sort(new_links_.begin(), new_links_.end());
    RINGGRAPH_ASSIGN_OR_RETURN(
        const std::optional<std::uint32_t> last_held,
        LastKey(store_.tables_->signal_accounts, "read the last held signal"));
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                               LmdbCursor::Open(txn_, store_.tables_->signal_accounts));
    SignalId previous_signal = kNoSignal;
    for (const auto& [signal, account] : new_links_) {
      MDB_val key = ToVal(&signal, sizeof signal), data = ToVal(&account, sizeof account);
      unsigned flags = 0;
      if (Past(signal, last_held)) {
        flags = signal == previous_signal ? MDB_APPENDDUP : MDB_APPEND;
      } else if (Past(account, last_linked_account_)) {
        flags = MDB_APPENDDUP;  // an account without links sorts after every stored holder
      }
      const int rc = PutInOrder(cursor.get(), &key, &data, flags);
      if (rc != MDB_SUCCESS) return Fail(rc, "add signal account");
      previous_signal = signal;
    }
    return Status::Ok();
  }

  // signal_info: holders, observations and time span per touched signal (every signal has its
  // entry since the batch that introduced it, AddNewSignals).
  Status WriteSignalInfo() {
    struct SignalUpdate {
      SignalId signal;
      std::uint32_t new_accounts;
      std::uint64_t observations;
      std::int64_t first, last;
    };
    std::vector<SignalUpdate> updates;
    {
      std::vector<PairUpdate> by_signal = pairs_;
      tbb::parallel_sort(
          by_signal.begin(), by_signal.end(),
          [](const PairUpdate& a, const PairUpdate& b) { return a.signal < b.signal; });
      for (const PairUpdate& p : by_signal) {
        if (updates.empty() || updates.back().signal != p.signal) {
          updates.push_back({p.signal, 0, 0, p.first, p.last});
        }
        SignalUpdate& u = updates.back();
        u.observations += p.count;
        u.first = std::min(u.first, p.first);
        u.last = std::max(u.last, p.last);
      }
      std::size_t j = 0;
      for (SignalUpdate& u : updates) {  // new_links_ is sorted by signal
        while (j < new_links_.size() && new_links_[j].first < u.signal) ++j;
        while (j < new_links_.size() && new_links_[j].first == u.signal) ++u.new_accounts, ++j;
      }
    }
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                               LmdbCursor::Open(txn_, store_.tables_->signal_info));
    for (const SignalUpdate& u : updates) {
      MDB_val key = ToVal(&u.signal, sizeof u.signal);
      RINGGRAPH_ASSIGN_OR_RETURN(auto old, SeekFixed<SignalInfo>(cursor.get(), key, write_.where));
      if (!old.has_value()) return Status::Corruption(write_.where + ": signal without info");
      SignalInfo info = *old;
      info.first_seen = std::min(info.first_seen, u.first);
      info.last_seen = std::max(info.last_seen, u.last);
      info.account_count += u.new_accounts;
      info.observations += u.observations;
      MDB_val data = ToVal(&info, sizeof info);
      const int rc = mdb_cursor_put(cursor.get(), &key, &data, MDB_CURRENT);
      if (rc != MDB_SUCCESS) return Fail(rc, "write signal info");
    }
    return Status::Ok();
  }

  // account_activity: first and last seen, record and prompt counts per account.
  Status WriteAccountActivity() {
    std::vector<const Observation*> by_account;  // in account order, as sorted_
    by_account.reserve(sorted_.size());
    for (const Observation& o : sorted_) {
      if (o.flags & StagedObservation::kCountsActivity) by_account.push_back(&o);
    }
    RINGGRAPH_ASSIGN_OR_RETURN(const std::optional<std::uint32_t> last_active,
                               LastKey(store_.tables_->account_activity, "read the last activity"));
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                               LmdbCursor::Open(txn_, store_.tables_->account_activity));
    std::size_t i = 0;
    while (i < by_account.size()) {
      AccountId account = by_account[i]->account;
      AccountActivity delta{by_account[i]->ts, by_account[i]->ts, 0, 0};
      for (; i < by_account.size() && by_account[i]->account == account; ++i) {
        const Observation& o = *by_account[i];
        delta.first_seen = std::min(delta.first_seen, o.ts);
        delta.last_seen = std::max(delta.last_seen, o.ts);
        delta.records += 1;
        delta.prompts += (o.flags & StagedObservation::kCountsPrompt) ? 1 : 0;
      }
      totals_delta_.records += delta.records;
      totals_delta_.prompts += delta.prompts;
      MDB_val key = ToVal(&account, sizeof account);
      unsigned flags = 0;
      if (!Past(account, last_active)) {
        RINGGRAPH_ASSIGN_OR_RETURN(auto old,
                                   SeekFixed<AccountActivity>(cursor.get(), key, write_.where));
        if (old.has_value()) {
          delta.first_seen = std::min(delta.first_seen, old->first_seen);
          delta.last_seen = std::max(delta.last_seen, old->last_seen);
          delta.records += old->records;
          delta.prompts += old->prompts;
          flags = MDB_CURRENT;
        }
      } else {
        flags = MDB_APPEND;
      }
      MDB_val data = ToVal(&delta, sizeof delta);
      const int rc = mdb_cursor_put(cursor.get(), &key, &data, flags);
      if (rc != MDB_SUCCESS) return Fail(rc, "write account activity");
    }
    return Status::Ok();
  }

  // account_days: prompts per account and UTC day, one packed (day, count) duplicate per day.
  Status WriteAccountDays() {
    std::vector<std::pair<AccountId, std::uint32_t>> prompt_days;
    for (const Observation& o : sorted_) {
      if (!(o.flags & StagedObservation::kCountsPrompt)) continue;
      prompt_days.emplace_back(o.account, DayOf(o.ts));
    }
    tbb::parallel_sort(prompt_days.begin(), prompt_days.end());
    RINGGRAPH_ASSIGN_OR_RETURN(const std::optional<std::uint32_t> last_day_account,
                               LastKey(store_.tables_->account_days, "read the last daily volume"));
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                               LmdbCursor::Open(txn_, store_.tables_->account_days));
    AccountId previous_account = kNoAccount;
    for (std::size_t i = 0; i < prompt_days.size();) {
      const auto [account, day] = prompt_days[i];
      std::uint64_t added = 0;
      for (; i < prompt_days.size() && prompt_days[i] == std::pair{account, day}; ++i) ++added;
      std::uint64_t prompts = added;
      MDB_val key = ToVal(&account, sizeof account);
      const bool past = Past(account, last_day_account);
      if (!past) {
        std::uint64_t probe = std::uint64_t{day} << 32;
        MDB_val data = ToVal(&probe, sizeof probe);
        int rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_GET_BOTH_RANGE);
        if (rc == MDB_SUCCESS) {
          std::uint64_t stored;
          std::memcpy(&stored, data.mv_data, sizeof stored);
          if ((stored >> 32) == day) {
            prompts += stored & 0xffffffffu;
            rc = mdb_cursor_del(cursor.get(), 0);
            if (rc != MDB_SUCCESS) return Fail(rc, "replace daily volume");
          }
        } else if (rc != MDB_NOTFOUND) {
          return Fail(rc, "read daily volume");
        }
        key = ToVal(&account, sizeof account);
      }
      const std::uint64_t packed =
          (std::uint64_t{day} << 32) | std::min<std::uint64_t>(prompts, 0xffffffffu);
      MDB_val data = ToVal(&packed, sizeof packed);
      unsigned flags = 0;
      if (past) flags = account == previous_account ? MDB_APPENDDUP : MDB_APPEND;
      const int rc = PutInOrder(cursor.get(), &key, &data, flags);
      if (rc != MDB_SUCCESS) return Fail(rc, "write daily volume");
      previous_account = account;
    }
    return Status::Ok();
  }

  // prompt_sketches: prompts no template claimed yet, appended in arrival order.
  Status KeepPromptSketches() {
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                               LmdbCursor::Open(txn_, store_.tables_->prompt_sketches));
    RINGGRAPH_ASSIGN_OR_RETURN(std::uint64_t next_sequence,
                               NextSequence(cursor.get(), "read the last prompt sketch"));
    MDB_val key, data;
    int rc = MDB_SUCCESS;
    std::string value;
    for (std::size_t i = 0; i < records_.size(); ++i) {
      const StoreRecord& r = records_[i];
      if (!r.counts_prompt || r.has_signal || r.prompt_sketch.empty()) continue;
      const std::size_t count = std::min<std::size_t>(r.prompt_sketch.size(), 0xffff);
      PendingPromptHead head{record_account_[i], static_cast<std::uint16_t>(count), 0, r.ts};
      value.assign(reinterpret_cast<const char*>(&head), sizeof head);
      value.append(reinterpret_cast<const char*>(r.prompt_sketch.data()),
                   count * sizeof(std::uint32_t));
      key = ToVal(&next_sequence, sizeof next_sequence);
      data = ToVal(value);
      rc = mdb_cursor_put(cursor.get(), &key, &data, MDB_APPEND);
      if (rc != MDB_SUCCESS) return Fail(rc, "keep a prompt sketch");
      ++next_sequence;
    }
    return Status::Ok();
  }

  // Store-wide record and prompt counts.
  Status WriteTotals() {
    MDB_val totals_key = ToVal(kMetaTotals);
    RINGGRAPH_ASSIGN_OR_RETURN(
        auto totals, GetFixed<Totals>(txn_, store_.tables_->meta, totals_key, write_.where));
    Totals updated = totals.value_or(Totals{});
    updated.records += totals_delta_.records;
    updated.prompts += totals_delta_.prompts;
    MDB_val totals_data = ToVal(&updated, sizeof updated);
    const int rc = mdb_put(txn_, store_.tables_->meta, &totals_key, &totals_data, 0);
    if (rc != MDB_SUCCESS) return Fail(rc, "write totals");
    return Status::Ok();
  }

  // The ids this batch resolved that the caches lack, for the caches once it commits. (Handing
  // over the cached ones too made a batch of time-ordered input, which names most accounts
  // and values again, look several times larger than it is, and emptied the caches.)
  void HandOverIds(PendingIds* pending) const {
    pending->accounts.clear();
    pending->signals.clear();
    pending->accounts.reserve(uncached_accounts_.size());
    for (const auto& [name, id] : uncached_accounts_) {
      pending->accounts.emplace_back(std::string(name), id);
    }
    pending->signals.assign(uncached_signals_.begin(), uncached_signals_.end());
    pending->accounts_before = first_new_account_;
    pending->accounts_after = first_new_account_ + new_account_names_.size();
    pending->signals_before = first_new_signal_;
    pending->signals_after = first_new_signal_ + new_signals_.size();
    pending->resolved = true;
  }

  AccountStore& store_;
  const std::span<const StoreRecord> records_;
  WriteTxn& write_;
  MDB_txn* const txn_;

  // ResolveAccounts. Debian's Abseil is built with its own string_view, so names are keyed as
  // absl::string_view.
  AccountId first_new_account_ = 0;
  absl::flat_hash_map<absl::string_view, AccountId> batch_accounts_;
  std::vector<AccountId> record_account_;
  std::vector<std::string_view> new_account_names_;
  std::vector<std::pair<absl::string_view, AccountId>> uncached_accounts_;
  // ResolveSignals
  SignalId first_new_signal_ = 0;
  absl::flat_hash_map<SignalKey, SignalId> batch_signals_;
  std::vector<SignalId> record_signal_;
  std::vector<std::pair<SignalId, const StoreRecord*>> new_signals_;
  std::vector<std::pair<SignalKey, SignalId>> uncached_signals_;
  // ReduceToObservations, Stage
  std::vector<StagedObservation> observations_;
  // SortObservations: Apply's input in (account, signal) order
  std::vector<Observation> sorted_;
  // AggregatePairs, WriteAccountSignals
  std::vector<PairUpdate> pairs_;
  std::vector<std::pair<SignalId, AccountId>> new_links_;  // (signal, account)
  // The last account with links before WriteAccountSignals ran (nullopt: none).
  std::optional<std::uint32_t> last_linked_account_;
  // WriteAccountActivity; written by WriteTotals
  Totals totals_delta_;
};

Status AccountStore::StageBatch(std::span<const StoreRecord> records, IngestBatchStats* stats) {
  IngestBatchStats local;
  IngestBatchStats* out = stats != nullptr ? stats : &local;
  *out = IngestBatchStats{};
  if (records.empty()) return Status::Ok();
  PendingIds pending;
  RINGGRAPH_RETURN_IF_ERROR(RunWriteTxn(
      "stage batch into '" + dir_ + "'",
      [&](WriteTxn& write) -> Status {
        BatchWrite batch(*this, records, write);
        RINGGRAPH_RETURN_IF_ERROR(batch.Resolve(out, &pending));
        return batch.Stage();
      },
      &out->map_growths));
  out->redone_after_growth = out->map_growths;
  RememberCommittedIds(pending);
  return Status::Ok();
}

Result<std::uint64_t> AccountStore::StagedObservations() const {
  if (!tables_->has_staging) return std::uint64_t{0};
  RINGGRAPH_ASSIGN_OR_RETURN(std::unique_ptr<StoreSnapshot> snapshot, Snapshot());
  MDB_val key = ToVal(kMetaStaged);
  RINGGRAPH_ASSIGN_OR_RETURN(
      auto staged, GetFixed<std::uint64_t>(snapshot->txn_->get(), tables_->meta, key, dir_));
  return staged.value_or(0);
}

Status AccountStore::MergeStaged(IngestBatchStats* stats) {
  IngestBatchStats local;
  IngestBatchStats* out = stats != nullptr ? stats : &local;
  *out = IngestBatchStats{};
  RINGGRAPH_ASSIGN_OR_RETURN(const std::uint64_t staged, StagedObservations());
  if (staged == 0) return Status::Ok();
  unsigned grown_before = 0, redone = 0;
  RINGGRAPH_RETURN_IF_ERROR(MakeRoomForMerge(staged, &grown_before));
  Status merged = RunWriteTxn(
      "merge staged observations into '" + dir_ + "'",
      [&](WriteTxn& write) -> Status {
        *out = IngestBatchStats{};
        std::vector<StagedObservation> observations;
        observations.reserve(staged);
        RINGGRAPH_RETURN_IF_ERROR(ReadStaged(write, &observations));
        RINGGRAPH_RETURN_IF_ERROR(BatchWrite(*this, {}, write).Apply(observations, out));
        out->records = observations.size();
        int rc = mdb_drop(write.txn, tables_->staged_observations, 0);
        if (rc != MDB_SUCCESS) return write.Fail(rc, "empty staged observations");
        MDB_val key = ToVal(kMetaStaged);
        rc = mdb_del(write.txn, tables_->meta, &key, nullptr);
        if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) return write.Fail(rc, "reset staged count");
        return Status::Ok();
      },
      &redone);
  out->map_growths = grown_before + redone;
  out->redone_after_growth = redone;
  return merged;
}

Status AccountStore::ReadStaged(WriteTxn& write, std::vector<StagedObservation>* observations) {
  const std::uint64_t accounts = Entries(write.txn, tables_->account_names);
  const std::uint64_t signals = Entries(write.txn, tables_->signal_info);
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                             LmdbCursor::Open(write.txn, tables_->staged_observations));
  MDB_val key, data;
  int rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_FIRST);
  for (; rc == MDB_SUCCESS; rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_NEXT)) {
    if (data.mv_size % sizeof(StagedObservation) != 0) {
      return Status::Corruption(write.where + ": a staged run has " + std::to_string(data.mv_size) +
                                " bytes, not a multiple of " +
                                std::to_string(sizeof(StagedObservation)));
    }
    const std::size_t first = observations->size();
    observations->resize(first + data.mv_size / sizeof(StagedObservation));
    std::memcpy(&(*observations)[first], data.mv_data, data.mv_size);
    for (std::size_t i = first; i < observations->size(); ++i) {
      const StagedObservation& o = (*observations)[i];
      if (o.account >= accounts || (o.signal != kNoSignal && o.signal >= signals)) {
        return Status::Corruption(write.where + ": a staged observation names account " +
                                  std::to_string(o.account) + " and signal " +
                                  std::to_string(o.signal) + ", which the store lacks");
      }
    }
  }
  if (rc != MDB_NOTFOUND) return write.Fail(rc, "read staged observations");
  return Status::Ok();
}

Status AccountStore::TryIngestBatch(std::span<const StoreRecord> records, IngestBatchStats* stats,
                                    PendingIds* pending, WriteTxn& write) {
  BatchWrite batch(*this, records, write);
  RINGGRAPH_RETURN_IF_ERROR(batch.Resolve(stats, pending));
  return batch.Apply(batch.observations(), stats);
}

Status AccountStore::SettlePendingPrompts(std::string_view dictionary_bytes,
                                          std::span<const StoreRecord> template_records,
                                          std::span<const std::uint64_t> settled,
                                          std::uint64_t drop_before, IngestBatchStats* stats) {
  IngestBatchStats local;
  IngestBatchStats* out = stats != nullptr ? stats : &local;
  *out = IngestBatchStats{};
  PendingIds pending;
  RINGGRAPH_RETURN_IF_ERROR(RunWriteTxn(
      "settle learned templates in '" + dir_ + "'",
      [&](WriteTxn& write) -> Status {
        if (!dictionary_bytes.empty()) {
          MDB_val key = ToVal(kCurrentDictionary), data = ToVal(dictionary_bytes);
          int rc = mdb_put(write.txn, tables_->template_dictionary, &key, &data, 0);
          if (rc != MDB_SUCCESS) return write.Fail(rc, "write the template dictionary");
        }
        if (!template_records.empty()) {
          RINGGRAPH_RETURN_IF_ERROR(TryIngestBatch(template_records, out, &pending, write));
        }
        RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                                   LmdbCursor::Open(write.txn, tables_->prompt_sketches));
        for (std::uint64_t sequence : settled) {
          MDB_val key = ToVal(&sequence, sizeof sequence), data;
          int rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_SET);
          if (rc == MDB_NOTFOUND) continue;
          if (rc == MDB_SUCCESS) rc = mdb_cursor_del(cursor.get(), 0);
          if (rc != MDB_SUCCESS) return write.Fail(rc, "delete a settled prompt sketch");
        }
        MDB_val key, data;
        int rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_FIRST);
        while (rc == MDB_SUCCESS) {
          std::uint64_t sequence;
          std::memcpy(&sequence, key.mv_data, sizeof sequence);
          if (sequence >= drop_before) break;
          rc = mdb_cursor_del(cursor.get(), 0);
          if (rc != MDB_SUCCESS) return write.Fail(rc, "drop an old prompt sketch");
          rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_GET_CURRENT);
          if (rc == EINVAL) rc = MDB_NOTFOUND;  // deleted the last entry
        }
        if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND)
          return write.Fail(rc, "drop old prompt sketches");
        return Status::Ok();
      },
      &out->map_growths));
  out->redone_after_growth = out->map_growths;
  RememberCommittedIds(pending);
  return Status::Ok();
}

Result<std::uint64_t> AccountStore::StreamSequence(std::string_view consumer) const {
  RINGGRAPH_ASSIGN_OR_RETURN(std::unique_ptr<StoreSnapshot> snapshot, Snapshot());
  const std::string name = std::string(layout::kMetaStreamMarkPrefix) + std::string(consumer);
  MDB_val key = ToVal(name), data;
  const int rc = mdb_get(snapshot->txn_->get(), tables_->meta, &key, &data);
  if (rc == MDB_NOTFOUND) return std::uint64_t{0};
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read the stream mark of '" + name + "'");
  if (data.mv_size != sizeof(std::uint64_t)) {
    return Status::Corruption("stream mark of '" + name + "' has " + std::to_string(data.mv_size) +
                              " bytes, not 8");
  }
  std::uint64_t sequence;
  std::memcpy(&sequence, data.mv_data, sizeof sequence);
  return sequence;
}

Result<StoreStats> AccountStore::Stats() const {
  RINGGRAPH_ASSIGN_OR_RETURN(std::unique_ptr<StoreSnapshot> snapshot, Snapshot());
  MDB_txn* t = snapshot->txn_->get();
  StoreStats stats;
  stats.accounts = snapshot->num_accounts();
  stats.signals = snapshot->num_signals();
  stats.adjacency_entries = Entries(t, tables_->account_signals);
  stats.pending_prompts = snapshot->pending_prompts();
  if (tables_->has_staging) {
    MDB_val staged_key = ToVal(kMetaStaged), staged_data;
    if (mdb_get(t, tables_->meta, &staged_key, &staged_data) == MDB_SUCCESS &&
        staged_data.mv_size == sizeof stats.staged_observations) {
      std::memcpy(&stats.staged_observations, staged_data.mv_data, staged_data.mv_size);
    }
  }
  MDB_val key = ToVal(kMetaKindCounts), data;
  if (mdb_get(t, tables_->meta, &key, &data) == MDB_SUCCESS &&
      data.mv_size == sizeof stats.signals_by_kind) {
    std::memcpy(stats.signals_by_kind.data(), data.mv_data, data.mv_size);
  }
  key = ToVal(kMetaTotals);
  if (mdb_get(t, tables_->meta, &key, &data) == MDB_SUCCESS && data.mv_size == sizeof(Totals)) {
    Totals totals;
    std::memcpy(&totals, data.mv_data, sizeof totals);
    stats.records = totals.records;
    stats.prompts = totals.prompts;
  }
  key = ToVal(kMetaKeyId);
  if (mdb_get(t, tables_->meta, &key, &data) == MDB_SUCCESS)
    stats.key_id = std::string(ToView(data));
  MDB_envinfo info;
  MDB_stat env_stat;
  mdb_env_info(tables_->env, &info);
  mdb_env_stat(tables_->env, &env_stat);
  stats.used_bytes = (info.me_last_pgno + 1) * static_cast<std::uint64_t>(env_stat.ms_psize);
  stats.map_bytes = info.me_mapsize;
  struct stat file_info;
  if (::stat((dir_ + "/data.mdb").c_str(), &file_info) == 0) {
    stats.file_bytes = static_cast<std::uint64_t>(file_info.st_size);
  }
  return stats;
}

Result<std::unique_ptr<StoreSnapshot>> AccountStore::Snapshot() const {
  const std::string where = "read account store '" + dir_ + "'";
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::shared_lock<std::shared_mutex> lock(map_mutex_);
    MDB_txn* raw = nullptr;
    int rc = mdb_txn_begin(tables_->env, nullptr, MDB_RDONLY, &raw);
    if (rc == MDB_MAP_RESIZED && attempt == 0) {
      lock.unlock();
      std::unique_lock<std::shared_mutex> grow(map_mutex_);
      mdb_env_set_mapsize(tables_->env, 0);
      continue;
    }
    if (rc != MDB_SUCCESS) return LmdbStatus(rc, where);
    return std::unique_ptr<StoreSnapshot>(
        new StoreSnapshot(this, LmdbTxn::Adopt(raw), std::move(lock)));
  }
  return Status::Internal(where + ": could not adopt the new map size");
}

Status AccountStore::Backup(const std::string& dest_dir) const {
  std::error_code ec;
  std::filesystem::create_directories(dest_dir, ec);
  if (ec)
    return Status::IoError("cannot create backup directory '" + dest_dir + "': " + ec.message());
  if (!std::filesystem::is_empty(dest_dir, ec)) {
    return Status::AlreadyExists("backup directory '" + dest_dir +
                                 "' is not empty; choose a new directory");
  }
  std::shared_lock<std::shared_mutex> lock(map_mutex_);
  int rc = mdb_env_copy2(tables_->env, dest_dir.c_str(), MDB_CP_COMPACT);
  return LmdbStatus(rc, "back up '" + dir_ + "' to '" + dest_dir + "'");
}

StoreSnapshot::StoreSnapshot(const AccountStore* store, LmdbTxn txn,
                             std::shared_lock<std::shared_mutex> lock)
    : store_(store), map_lock_(std::move(lock)), txn_(std::make_unique<LmdbTxn>(std::move(txn))) {}

std::uint64_t StoreSnapshot::num_accounts() const {
  if (!num_accounts_.has_value())
    num_accounts_ = Entries(txn_->get(), store_->tables_->account_names);
  return *num_accounts_;
}

std::uint64_t StoreSnapshot::num_signals() const {
  if (!num_signals_.has_value()) num_signals_ = Entries(txn_->get(), store_->tables_->signal_info);
  return *num_signals_;
}

StoreSnapshot::~StoreSnapshot() { txn_->Abort(); }

Result<std::optional<AccountId>> StoreSnapshot::FindAccount(std::string_view name) const {
  // No account has an empty name or one longer than an LMDB key (ingest refuses both), and
  // LMDB would refuse the lookup itself (MDB_BAD_VALSIZE) rather than answer "not there".
  if (name.empty() || name.size() > kMaxKeyBytes) return std::optional<AccountId>();
  return GetFixed<AccountId>(txn_->get(), store_->tables_->account_ids, ToVal(name),
                             "find account");
}

Result<std::optional<ValueHash>> StoreSnapshot::SharedHash(std::uint64_t tag,
                                                           SignalId signal) const {
  if (!store_->tables_->has_shared) return std::optional<ValueHash>();
  unsigned char key[12];
  std::memcpy(key, &tag, 8);
  std::memcpy(key + 8, &signal, 4);
  MDB_val k{sizeof key, key}, d;
  int rc = mdb_get(txn_->get(), store_->tables_->shared_hashes, &k, &d);
  if (rc == MDB_NOTFOUND) return std::optional<ValueHash>();
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read consortium hash");
  if (d.mv_size != sizeof(ValueHash)) return Status::Corruption("bad consortium hash");
  ValueHash hash;
  std::memcpy(hash.data(), d.mv_data, sizeof hash);
  return std::optional<ValueHash>(hash);
}

Result<std::optional<SignalId>> StoreSnapshot::FindSharedSignal(std::uint64_t tag, KindCode kind,
                                                                const ValueHash& hash) const {
  if (!store_->tables_->has_shared) return std::optional<SignalId>();
  unsigned char key[8 + 1 + sizeof(ValueHash)];
  std::memcpy(key, &tag, 8);
  key[8] = kind;
  std::memcpy(key + 9, hash.data(), sizeof(ValueHash));
  return GetFixed<SignalId>(txn_->get(), store_->tables_->shared_lookup, MDB_val{sizeof key, key},
                            "find consortium hash");
}

Result<std::string> StoreSnapshot::AccountName(AccountId id) const {
  MDB_val key = ToVal(&id, sizeof id), data;
  int rc = mdb_get(txn_->get(), store_->tables_->account_names, &key, &data);
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "account name of id " + std::to_string(id));
  return std::string(ToView(data));
}

Result<AccountActivity> StoreSnapshot::Activity(AccountId id) const {
  RINGGRAPH_ASSIGN_OR_RETURN(
      auto activity, GetFixed<AccountActivity>(txn_->get(), store_->tables_->account_activity,
                                               ToVal(&id, sizeof id), "account activity"));
  if (!activity.has_value())
    return Status::NotFound("no activity for account id " + std::to_string(id));
  return *activity;
}

Result<SignalInfo> StoreSnapshot::Signal(SignalId id) const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto info,
                             GetFixed<SignalInfo>(txn_->get(), store_->tables_->signal_info,
                                                  ToVal(&id, sizeof id), "signal info"));
  if (!info.has_value()) return Status::NotFound("no signal with id " + std::to_string(id));
  return *info;
}

Result<std::optional<SignalId>> StoreSnapshot::FindSignal(KindCode kind,
                                                          const ValueHash& hash) const {
  SignalKey key = MakeSignalKey(kind, hash);
  return GetFixed<SignalId>(txn_->get(), store_->tables_->signal_ids, ToVal(KeyView(key)),
                            "find signal");
}

namespace {

// Reads all duplicates of `key` in a DUPFIXED database with MDB_GET_MULTIPLE pages.
template <typename T>
Status ReadDuplicates(MDB_txn* txn, MDB_dbi dbi, std::uint32_t id, std::vector<T>* out,
                      const char* what) {
  out->clear();
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(txn, dbi));
  MDB_val key = ToVal(&id, sizeof id), data;
  int rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_SET_KEY);
  if (rc == MDB_NOTFOUND) return Status::Ok();
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, what);
  rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_GET_MULTIPLE);
  while (rc == MDB_SUCCESS) {
    std::size_t n = data.mv_size / sizeof(T);
    std::size_t old = out->size();
    out->resize(old + n);
    std::memcpy(out->data() + old, data.mv_data, n * sizeof(T));
    rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_NEXT_MULTIPLE);
  }
  if (rc != MDB_NOTFOUND) return LmdbStatus(rc, what);
  return Status::Ok();
}

}  // namespace

Status StoreSnapshot::AccountSignals(AccountId account, std::vector<AccountSignal>* out) const {
  return ReadDuplicates(txn_->get(), store_->tables_->account_signals, account, out,
                        "read signals of an account");
}

Status StoreSnapshot::AccountDays(AccountId account, std::vector<DayCount>* out) const {
  out->clear();
  if (!store_->tables_->has_days) return Status::Ok();
  std::vector<std::uint64_t> packed;
  RINGGRAPH_RETURN_IF_ERROR(ReadDuplicates(txn_->get(), store_->tables_->account_days, account,
                                           &packed, "read daily volumes of an account"));
  out->reserve(packed.size());
  for (std::uint64_t p : packed) {
    out->push_back({static_cast<std::uint32_t>(p >> 32), static_cast<std::uint32_t>(p)});
  }
  return Status::Ok();
}

Result<std::string> StoreSnapshot::TemplateDictionaryBytes() const {
  if (!store_->tables_->has_templates) return std::string();
  MDB_val key = ToVal(kCurrentDictionary), data;
  int rc = mdb_get(txn_->get(), store_->tables_->template_dictionary, &key, &data);
  if (rc == MDB_NOTFOUND) return std::string();
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read the template dictionary");
  return std::string(ToView(data));
}

Status StoreSnapshot::ForEachPendingPrompt(
    const std::function<Status(const PendingPrompt&)>& fn) const {
  if (!store_->tables_->has_templates) return Status::Ok();
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                             LmdbCursor::Open(txn_->get(), store_->tables_->prompt_sketches));
  MDB_val key, data;
  int rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_FIRST);
  std::vector<std::uint32_t> sketch;
  while (rc == MDB_SUCCESS) {
    PendingPromptHead head;
    if (key.mv_size != sizeof(std::uint64_t) || data.mv_size < sizeof head) {
      return Status::Corruption("prompt_sketches entry has the wrong size");
    }
    std::memcpy(&head, data.mv_data, sizeof head);
    if (data.mv_size != sizeof head + head.count * sizeof(std::uint32_t)) {
      return Status::Corruption("prompt_sketches entry has the wrong size");
    }
    sketch.resize(head.count);
    std::memcpy(sketch.data(), static_cast<const char*>(data.mv_data) + sizeof head,
                head.count * sizeof(std::uint32_t));
    PendingPrompt prompt;
    std::memcpy(&prompt.sequence, key.mv_data, sizeof prompt.sequence);
    prompt.account = head.account;
    prompt.ts = head.ts;
    prompt.sketch = sketch;
    RINGGRAPH_RETURN_IF_ERROR(fn(prompt));
    rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) return LmdbStatus(rc, "read prompt sketches");
  return Status::Ok();
}

std::uint64_t StoreSnapshot::pending_prompts() const {
  return store_->tables_->has_templates ? Entries(txn_->get(), store_->tables_->prompt_sketches)
                                        : 0;
}

Status StoreSnapshot::SignalAccounts(SignalId signal, std::vector<AccountId>* out) const {
  return ReadDuplicates(txn_->get(), store_->tables_->signal_accounts, signal, out,
                        "read accounts of a signal");
}

Status StoreSnapshot::ForEachSignal(
    const std::function<Status(SignalId, const SignalInfo&)>& fn) const {
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                             LmdbCursor::Open(txn_->get(), store_->tables_->signal_info));
  MDB_val key, data;
  int rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_FIRST);
  while (rc == MDB_SUCCESS) {
    if (data.mv_size != sizeof(SignalInfo) || key.mv_size != sizeof(SignalId)) {
      return Status::Corruption("signal_info entry has the wrong size");
    }
    SignalId id;
    SignalInfo info;
    std::memcpy(&id, key.mv_data, sizeof id);
    std::memcpy(&info, data.mv_data, sizeof info);
    RINGGRAPH_RETURN_IF_ERROR(fn(id, info));
    rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) return LmdbStatus(rc, "scan signals");
  return Status::Ok();
}

Status StoreSnapshot::ForEachSignalHolders(
    const std::function<bool(SignalId)>& wanted,
    const std::function<Status(SignalId, std::span<const AccountId>)>& fn) const {
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                             LmdbCursor::Open(txn_->get(), store_->tables_->signal_accounts));
  std::vector<AccountId> holders;
  MDB_val key, data;
  int rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_FIRST);
  while (rc == MDB_SUCCESS) {
    SignalId signal;
    std::memcpy(&signal, key.mv_data, sizeof signal);
    if (wanted(signal)) {
      holders.clear();
      rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_GET_MULTIPLE);
      while (rc == MDB_SUCCESS) {
        std::size_t n = data.mv_size / sizeof(AccountId);
        std::size_t old = holders.size();
        holders.resize(old + n);
        std::memcpy(holders.data() + old, data.mv_data, n * sizeof(AccountId));
        rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_NEXT_MULTIPLE);
      }
      if (rc != MDB_NOTFOUND) return LmdbStatus(rc, "scan signal holders");
      RINGGRAPH_RETURN_IF_ERROR(fn(signal, holders));
    }
    rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_NEXT_NODUP);
  }
  if (rc != MDB_NOTFOUND) return LmdbStatus(rc, "scan signal holders");
  return Status::Ok();
}

}  // namespace ringgraph::store
